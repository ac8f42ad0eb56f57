"""Related lessons in Chromium, on a corpus built to rank them (tests/test_related_lessons.py):
the expected lessons in the expected order on a phone and a desktop, in three languages, a link
that lands on the lesson and highlights it, and no accessibility violation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sitekit import write_config, write_content
from test_related_lessons import EXPECTED, FILES, TARGET

from .conftest import SUB_PATH, serving

pytestmark = pytest.mark.browser

LANGUAGES = ("fr", "en", "es")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The ranked corpus built in each interface language, served under /m4c/<lang>/: language ->
    its root URL."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path_factory.mktemp("related-browser")
    content = write_content(root / "content", FILES)
    (content / "pages").mkdir(exist_ok=True)
    for language in LANGUAGES:
        (root / language).mkdir()
        config = write_config(root / language, content, language=language, search=False,
                              site_dir=root / "www" / SUB_PATH / language)
        build(load_config(str(config)))
    with serving(root / "www") as url:
        yield {language: f"{url}{SUB_PATH}/{language}/" for language in LANGUAGES}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_related_lessons_are_the_expected_ones(new_page: Any, sites: dict[str, str], language: str,
                                                   width: int) -> None:
    page = new_page(width=width)
    page.goto(f"{sites[language]}missions/{TARGET}/")
    links = page.locator(".m4c-related-lessons a")
    expect(links.first).to_be_visible()
    found = links.evaluate_all("(links) => links.map(a => [new URL(a.href).pathname + new URL(a.href).hash,"
                               " a.textContent.trim()])")
    assert found == [[f"/{SUB_PATH}/{language}/missions/{slug}/#{anchor}", text] for slug, anchor, text in EXPECTED]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scroll"


@pytest.mark.parametrize("width", [390, 1280])
def test_a_related_lesson_lands_on_the_lesson_and_highlights_it(new_page: Any, sites: dict[str, str],
                                                                width: int) -> None:
    page = new_page(width=width)
    page.goto(f"{sites['fr']}missions/{TARGET}/")
    page.locator(".m4c-related-lessons a").nth(2).click()
    page.wait_for_url("**/missions/2022-evora-three/#lesson-2")
    lesson = page.locator("li#lesson-2")
    expect(lesson).to_have_text("Three old two")
    expect(lesson).to_be_in_viewport()
    assert lesson.evaluate("li => li.matches(':target')")
    outline = lesson.evaluate("li => getComputedStyle(li).outlineStyle")
    other = page.locator("li#lesson-1").evaluate("li => getComputedStyle(li).outlineStyle")
    assert (outline, other) == ("solid", "none"), "the targeted lesson is highlighted, not its neighbours"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_axe_violation_on_a_page_with_related_lessons(new_page: Any, sites: dict[str, str],
                                                         language: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    for width in (390, 1280):
        page = new_page(width=width)
        page.goto(f"{sites[language]}missions/{TARGET}/")
        expect(page.locator(".m4c-related-lessons").first).to_be_visible()
        results = Axe().run(page, options={"resultTypes": ["violations"]})
        found = [f"{rule['id']}: {node['target']}" for rule in results.response["violations"]
                 for node in rule["nodes"]]
        assert not found, "\n".join(found)


def test_screenshots(new_page: Any, sites: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> None:
    """Pictures to look at (not compared): the related lessons on a phone and a desktop."""
    folder = Path(tmp_path_factory.getbasetemp()) / "related-screenshots"
    folder.mkdir(exist_ok=True)
    for width in (390, 1280):
        page = new_page(width=width)
        page.goto(f"{sites['en']}missions/{TARGET}/")
        aside = page.locator("aside.m4c-related")
        aside.scroll_into_view_if_needed()
        aside.screenshot(path=str(folder / f"related-{width}.png"))
        assert (folder / f"related-{width}.png").stat().st_size > 0
