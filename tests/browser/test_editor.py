"""The web editor in Chromium: ``m4c serve`` on a copy of the shipped content offers admin/ against
decap-server; a report filled in through the form (city and theme from their lists, a lesson, a
photo) is written under missions/<year>/, validates and builds. Nothing is fetched from another
host than the preview and its local backend."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from sitekit import PNG, REPO, build_site, write_config

from m4c_build.outputs import editor
from m4c_build.validate.content import validate_content

from .conftest import CHROMIUM, CHROMIUM_ARGS

pytestmark = pytest.mark.skipif(not (REPO / editor.PACKAGE_DIST / editor.BUNDLE).is_file(),
                                reason="Decap CMS's npm package is not installed (npm ci)")

M4C = Path(sys.executable).with_name("m4c")
TIMEOUT = 30_000
"""Milliseconds for each step of Decap's React interface (a shared 2-core machine is slow)."""


@dataclass
class Served:
    url: str
    content: Path
    backend: str
    """decap-server's API address, as the served config.yml names it."""
    process: subprocess.Popen[bytes]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _config_yml(url: str) -> dict[str, Any] | None:
    try:
        with urllib.request.urlopen(url + "admin/config.yml", timeout=5) as response:
            loaded: dict[str, Any] = yaml.safe_load(response.read())
            return loaded
    except OSError:
        return None


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("editor-serve")
    content = root / "content"
    shutil.copytree(REPO / "content", content)
    config_file = write_config(root, content, language="en", search=False, editor=True)
    port = _free_port()
    log = (root / "serve.log").open("wb")
    process = subprocess.Popen([str(M4C), "serve", "-f", str(config_file), "-a", f"127.0.0.1:{port}"],
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/m4c/"
    served_backend = ""
    try:
        deadline = time.monotonic() + 120
        config = None
        while config is None and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.5)
            config = _config_yml(url)
        assert config is not None, (root / "serve.log").read_text(encoding="utf-8", errors="replace")
        assert "local_backend" in config, "m4c serve started decap-server"
        served_backend = config["local_backend"]["url"]
        yield Served(url, content, served_backend, process)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()
    port = int(re.sub(r"^\w+://[^/:]+:(\d+).*", r"\1", served_backend))
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0, "decap-server stopped with m4c serve"


@pytest.fixture
def recorded(served: Served) -> Iterator[tuple[Any, list[str]]]:
    """A page whose every request is recorded; any to another host than 127.0.0.1 is refused."""
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT)
        requested: list[str] = []

        def route(request_route: Any) -> None:
            requested.append(request_route.request.url)
            if request_route.request.url.startswith(("http://127.0.0.1:", "blob:", "data:")):
                request_route.continue_()
            else:
                request_route.abort()

        context.route("**/*", route)
        yield context.new_page(), requested
        context.close()
        browser.close()


def control(page: Any, name: str) -> Any:
    """The widget of the form's field ``name`` (its label's target), the first one shown."""
    label = page.locator("label:visible", has_text=re.compile(rf"^{name}( \(optional\))?$")).first
    return page.locator(f"[id='{label.get_attribute('for')}']")


def choose(page: Any, name: str, scope: Any, text: str) -> None:
    """Pick ``text`` in a select list (react-select: open it, type, take the first match)."""
    scope.locator("label:visible", has_text=re.compile(rf"^{name}( \(optional\))?$")).first.click()
    page.keyboard.type(text)
    page.get_by_role("option", name=text).first.click()


def test_a_report_written_in_the_form_validates_and_builds(served: Served, recorded: tuple[Any, list[str]],
                                                           tmp_path: Path) -> None:
    page, requested = recorded
    before = set((served.content / "missions").rglob("*.md"))
    page.goto(served.url + "admin/")
    page.get_by_role("button", name="Login").click()
    page.get_by_role("link", name=re.compile("Mission reports")).first.wait_for()
    page.goto(served.url + "admin/#/collections/reports/new")

    page.get_by_role("textbox", name="title", exact=True).fill("Visitor flows in the lower town")
    choose(page, "city", page, "Québec")
    page.get_by_label("date", exact=True).fill("2024-03-12")
    choose(page, "themes", page, "Tourism")
    page.get_by_label("issue", exact=True).fill("Coaches crowd a few streets of the lower town.")
    for name in ("objectives", "lessons", "actors", "follow_up"):
        control(page, name).get_by_role("button", name=f"Add {name}").click()
    control(page, "objectives").get_by_role("textbox").last.fill("Measure the visitor flows")
    control(page, "lessons").get_by_role("textbox").last.fill("Count the visitors before regulating them.")
    control(page, "experts").get_by_label("name", exact=True).fill("Ana Ferreira")
    control(page, "actors").get_by_label("name", exact=True).fill("Tourism office")
    control(page, "follow_up").get_by_label("action", exact=True).fill("Test time slots for coaches")
    assistance = control(page, "assistance")
    assistance.get_by_label("summary", exact=True).fill("A workshop with the city services.")
    choose(page, "formats", assistance, "Workshop")

    photos = control(page, "photos")
    photos.get_by_role("button", name="Add photos").click()
    photos.get_by_label("alt", exact=True).fill("Experts around a map of the lower town.")
    photos.get_by_role("button", name=re.compile("Choose an image")).click()
    picture = tmp_path / "lower-town-workshop.png"
    picture.write_bytes(PNG)
    with page.expect_file_chooser() as chooser:
        page.get_by_text(re.compile("^Upload$")).first.click()
    chooser.value.set_files(str(picture))
    page.get_by_role("button", name=re.compile("Choose selected")).click()
    photos.locator("img").first.wait_for()

    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()
    page.get_by_text(re.compile("^Changes saved$", re.IGNORECASE)).wait_for()

    deadline = time.monotonic() + TIMEOUT / 1000
    while not (written := set((served.content / "missions").rglob("*.md")) - before) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert [p.relative_to(served.content).as_posix() for p in written] == [
        "missions/2024/2024-quebec-visitor-flows-in-the-lower-town.md"]
    (path,) = written
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    assert (front["city"], front["themes"], front["lessons"]) == (
        "quebec", ["tourism"], ["Count the visitors before regulating them."])
    assert front["photos"][0]["file"] == "media/lower-town-workshop.png"
    assert (served.content / "media" / "lower-town-workshop.png").read_bytes() == PNG

    validation = validate_content(served.content)
    assert [str(p) for p in validation.problems.errors] == []
    assert validation.content is not None
    built = build_site(write_config(tmp_path, served.content, language="en", search=False))
    html = built.html("missions/2024-quebec-visitor-flows-in-the-lower-town")
    assert "Count the visitors before regulating them." in html
    assert (built.site / "media" / "lower-town-workshop.png").is_file()

    origins = {origin(url) for url in requested if url.startswith("http")}
    assert origins == {origin(served.url), origin(served.backend)}, "nothing from another host"


def origin(url: str) -> str:
    return re.sub(r"^(\w+://[^/]+).*", r"\1", url)
