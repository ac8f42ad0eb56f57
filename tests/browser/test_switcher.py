"""The language switcher in Chromium: from a mission page, the same mission in each other language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from m4c_build.adapters.mkdocs.languages import build_languages
from m4c_build.schema.classes import LANGUAGES

from .conftest import SUB_PATH, serving, write_site_sources

pytestmark = pytest.mark.browser

QUEBEC = "2024-quebec-remparts-hiver"
NAMES = {"fr": "Français", "en": "English", "es": "Español"}


@pytest.fixture(scope="module")
def languages_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test site in three languages, served under /m4c/ at its own site_url."""
    root = tmp_path_factory.mktemp("browser-languages")
    config, site_dir = write_site_sources(root)
    www = site_dir.parent
    www.mkdir(parents=True, exist_ok=True)
    with serving(www) as root_url:
        base = f"{root_url}{SUB_PATH}/"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("site_url: https://example.org/m4c/", f"site_url: {base}")
                          .replace("search: true", "search: false"), encoding="utf-8")
        results = build_languages(str(config), Path(site_dir), base, LANGUAGES, workers=2)
        assert [r.error for r in results] == ["", "", ""]
        yield base


@pytest.mark.parametrize("start", ["fr", "es"])
def test_the_switcher_lands_on_the_same_mission_in_each_other_language(
        page: Any, languages_url: str, start: str) -> None:
    for target in (lang for lang in LANGUAGES if lang != start):
        page.goto(f"{languages_url}{start}/missions/{QUEBEC}/")
        title = page.locator("article h1").first.inner_text()
        page.locator(".md-header .md-select > button").click()
        link = page.get_by_role("link", name=NAMES[target], exact=True)
        expect(link).to_be_visible()
        link.click()
        page.wait_for_url(f"{languages_url}{target}/missions/{QUEBEC}/")
        expect(page.locator("html")).to_have_attribute("lang", target)
        expect(page.locator("article h1").first).to_have_text(title)


def test_the_root_sends_the_browser_to_its_language(new_page: Any, languages_url: str) -> None:
    page = new_page(locale="es-ES")
    page.goto(languages_url)
    page.wait_for_url(f"{languages_url}es/")
    expect(page.locator("html")).to_have_attribute("lang", "es")


def test_a_page_with_language_versions_asks_for_nothing_missing(page: Any, languages_url: str) -> None:
    """Material's script would fetch '<hreflang address>/sitemap.xml' for each version (it expects
    language roots there): four missing files on every page opened. The build stops it."""
    answers: list[tuple[str, int]] = []
    page.on("response", lambda response: answers.append((response.url, response.status)))
    page.goto(f"{languages_url}en/missions/{QUEBEC}/", wait_until="networkidle")
    expect(page.locator('head link[rel="alternate"][hreflang="es"]')).to_have_count(1)
    assert [url for url, status in answers if status >= 400] == []
    assert [url for url, _ in answers if url.endswith("sitemap.xml")] == []


@pytest.fixture(scope="module")
def copy_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site in three languages built for https://example.org/m4c/ and served elsewhere, as a
    preview, a staging copy or a downloaded artifact is."""
    root = tmp_path_factory.mktemp("browser-languages-copy")
    config, site_dir = write_site_sources(root)
    config.write_text(config.read_text(encoding="utf-8").replace("search: true", "search: false"), encoding="utf-8")
    results = build_languages(str(config), Path(site_dir), "https://example.org/m4c/", LANGUAGES, workers=2)
    assert [r.error for r in results] == ["", "", ""]
    with serving(site_dir.parent) as root_url:
        yield f"{root_url}{SUB_PATH}/"


@pytest.mark.parametrize("path", ["", "themes/tourism/", f"missions/{QUEBEC}/"], ids=["home", "theme", "mission"])
def test_on_a_copy_the_switcher_stays_on_the_copy(page: Any, copy_url: str, path: str) -> None:
    page.goto(f"{copy_url}fr/{path}")
    page.locator(".md-header .md-select > button").click()
    page.get_by_role("link", name=NAMES["es"], exact=True).click()
    page.wait_for_url(f"{copy_url}es/{path}")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator('head link[rel="alternate"][hreflang="fr"]')).to_have_attribute(
        "href", f"https://example.org/m4c/fr/{path}")
