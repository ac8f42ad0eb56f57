"""Hostile content in real Chromium: hover and click everything in the content of every payload
page; no payload may ever run (``window.__pwned`` is a trap, dialogs are recorded)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from payloads import (
    ALLOWED_FRONT_MATTER,
    HEADINGS,
    LAX,
    PAYLOADS,
    errors_ignored,
    front_matter_pages,
    without_validator,
    write_payload_site,
)

from .conftest import SUB_PATH, serving

pytestmark = pytest.mark.browser

TRAP = """
Object.defineProperty(window, "__pwned", {configurable: false,
  set(value) { window.__m4cReport("window.__pwned=" + value + " at " + location.href); },
  get() { return undefined; }});
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element && event.target.closest("a[href]");
  if (link && /^https?:$/.test(link.protocol)) event.preventDefault();
}, true);
"""
"""The trap, and no navigation to http(s) addresses: a click still runs whatever handler the link
carries (a capturing listener on the document comes first and only cancels the navigation) and
still follows script URLs, but the visit stays on the page instead of loading another one."""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path_factory.mktemp("hostile-browser")
    site_dir = root / "www" / SUB_PATH
    with without_validator():
        build(load_config(str(write_payload_site(root, site_dir=site_dir))))
    with serving(site_dir.parent) as root_url:
        yield f"{root_url}{SUB_PATH}/"


CONTENT_ELEMENTS = ("a:not(.headerlink)", "img", "h1", "h2", "h3", "h4", "summary", "button", "input", "div")
"""What a reader of the content may point at or click (the permalinks are the theme's)."""


def _go(page: Any, url: str) -> None:
    """Back to ``url``, even when a click's navigation (an external link, blocked) is under way."""
    for attempt in range(3):
        try:
            page.goto(url)
            return
        except Exception:
            if attempt == 2:
                raise
            page.wait_for_timeout(200)


HANG_GUARD = 900
"""Seconds for the whole visit (about 1 minute here). Every browser call has its own timeout, so
the visit is checked against it between calls: a signal raised inside Playwright's event loop
would leave the driver unusable and the run hanging in the clean-up."""


def _hover_and_click_everything(page: Any, url: str, scope: str, deadline: float) -> None:
    _go(page, url)
    targets = page.locator(", ".join(f"{scope} {tag}" for tag in CONTENT_ELEMENTS))
    for index in range(targets.count()):
        if time.monotonic() > deadline:
            pytest.fail(f"the visit took more than {HANG_GUARD} s (stopped on {url})")
        if page.url.split("#")[0] != url:
            _go(page, url)
        target = targets.nth(index)
        try:
            target.hover(force=True, timeout=300)
            target.click(force=True, timeout=300, no_wait_after=True)
        except Exception:
            continue
    page.wait_for_timeout(50)


def test_no_payload_runs_when_hovered_or_clicked(chromium: Any, hostile_url: str) -> None:
    ran: list[str] = []
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(1_000)
    context.set_default_navigation_timeout(15_000)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1:")
                  else route.abort())
    context.expose_function("__m4cReport", lambda message: ran.append(message))
    context.add_init_script(TRAP)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialog.dismiss(), ran.append(f"dialog {dialog.message}")))
    paths = [f"missions/2024-{key}/" for key in PAYLOADS] + [f"p-{key}/" for key in PAYLOADS]
    paths += [f"{key}/" for key in HEADINGS] + ["missions/2024-fields/", "follow-up/", ""]
    deadline = time.monotonic() + HANG_GUARD
    try:
        for path in paths:
            _hover_and_click_everything(page, hostile_url + path,
                                        ".m4c-narrative" if path.startswith("missions/") else "article", deadline)
    finally:
        context.close()
    assert ran == []


@pytest.fixture(scope="module")
def front_matter_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site whose programme pages set every key Material or m4c reads with hostile values
    (validation errors dropped, so that what is tried is the build, not the validator)."""
    from sitekit import build_site, write_config, write_content

    root = tmp_path_factory.mktemp("front-matter-browser")
    site_dir = root / "www" / SUB_PATH
    files = {**front_matter_pages("fm"), **front_matter_pages("fm-text", ALLOWED_FRONT_MATTER)}
    content = write_content(root / "content", files)
    with errors_ignored():
        build_site(write_config(root, content, search=False, site_dir=site_dir, extra=LAX))
    with serving(site_dir.parent) as root_url:
        yield f"{root_url}{SUB_PATH}/"


def test_no_front_matter_value_runs_or_sends_the_visitor_away(chromium: Any, front_matter_url: str) -> None:
    ran: list[str] = []
    requested: list[str] = []
    context = chromium.new_context(viewport={"width": 390, "height": 800})
    context.set_default_timeout(2_000)

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith("http://127.0.0.1:"):
            request_route.continue_()
        else:
            requested.append(url)
            request_route.abort()

    context.route("**/*", route)
    context.expose_function("__m4cReport", lambda message: ran.append(message))
    context.add_init_script(TRAP)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialog.dismiss(), ran.append(f"dialog {dialog.message}")))
    deadline = time.monotonic() + HANG_GUARD
    try:
        for path in ("fm/", "fm-text/", ""):
            url = front_matter_url + path
            _hover_and_click_everything(page, url, "nav", deadline)
            page.goto(url)
            page.wait_for_timeout(1_200)  # a meta refresh of 0 s would have left by now
            assert page.url == url, f"{path}: sent to {page.url}"
    finally:
        context.close()
    assert ran == []
    assert [url for url in requested if "evil.example" in url] == []
