"""Reports across languages: translated reports, search in any language, links with filters
that work in every interface (the test site built in fr, en and es)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from m4c_build.i18n.texts import Strings

from .conftest import BuiltSite

pytestmark = pytest.mark.browser

QUEBEC = "2024-quebec-remparts-hiver"
VALPARAISO = "2025-valparaiso-ascensores"


def search(page: Any, site: BuiltSite, query: str) -> set[str]:
    page.goto(site.page("missions/"))
    page.locator("#m4c-q").fill(query)
    expect(page.locator(".m4c-results")).to_be_visible()
    expect(page.locator(".m4c-results__count")).not_to_have_text("")
    return set(page.locator(".m4c-result__title").all_text_contents())


def tagged(site: BuiltSite, theme: str) -> set[str]:
    return {m.report.title for m in site.content.public_missions if theme in m.report.themes}


def test_a_spanish_label_finds_a_french_report_on_the_spanish_build(page: Any, site_es: BuiltSite) -> None:
    quebec = site_es.title(QUEBEC)  # a French report with no translation
    assert "turismo" not in quebec.lower()
    assert quebec in search(page, site_es, "turismo")


def test_a_label_in_another_language_finds_the_reports_tagged_so(page: Any, site: BuiltSite) -> None:
    """On the French build, the Spanish label finds exactly the reports tagged tourism."""
    assert search(page, site, "turismo") == tagged(site, "tourism")
    expect(page.locator(".m4c-results__count")).to_have_text(
        Strings("fr").count(len(tagged(site, "tourism"))))


def test_a_filtered_link_from_the_french_build_keeps_its_filter_in_english(
    page: Any, site: BuiltSite, site_en: BuiltSite
) -> None:
    page.goto(site.page("missions/"))
    box = page.locator("details[data-facet=theme]")
    box.locator("summary").click()
    box.get_by_role("checkbox", name=re.compile(r"^Tourisme \(")).check()
    expected = tagged(site, "tourism")
    expect(page.locator(".m4c-results__count")).to_have_text(Strings("fr").count(len(expected)))
    query = urlsplit(page.url).query
    assert query == "theme=tourism", "the URL carries the key, not the French label"

    page.goto(site_en.page(f"missions/?{query}"))
    expect(page.locator(".m4c-results__count")).to_have_text(Strings("en").count(len(expected)))
    english = page.locator("details[data-facet=theme]")
    expect(english.get_by_role("checkbox", name=re.compile(r"^Tourism \("))).to_be_checked()
    assert set(page.locator(".m4c-result__title").all_text_contents()) == expected


def test_a_translated_report_reads_in_english_with_its_original_one_click_away(
    page: Any, site_en: BuiltSite
) -> None:
    page.goto(site_en.page(f"missions/{VALPARAISO}/"))
    expect(page.locator("h1")).to_have_text("Valparaíso: funiculars and mobility on the hills")
    expect(page.locator("h1")).to_have_attribute("lang", "en")
    expect(page.locator(".m4c-original-title [lang=es]")).to_have_text(site_en.title(VALPARAISO))
    expect(page.locator(".m4c-written-in")).to_contain_text("Report written in Spanish")
    lessons = page.locator("#lessons")
    expect(lessons.locator(".m4c-translated")).to_have_text("Translated from Spanish")
    expect(lessons.get_by_text("Residents must take part in the management from the start.")).to_be_visible()
    original = lessons.get_by_text("Los vecinos deben participar en la gestión desde el inicio.")
    expect(original).to_be_hidden()
    lessons.get_by_text("Read the original").click()
    expect(original).to_be_visible()
    expect(lessons.locator("details [lang=es]")).to_be_visible()


def test_a_report_is_marked_with_its_language_in_every_interface(
    page: Any, site: BuiltSite, site_es: BuiltSite
) -> None:
    page.goto(site.page(f"missions/{VALPARAISO}/"))
    expect(page.locator(".m4c-written-in")).to_have_text("Rapport rédigé en espagnol")
    expect(page.locator("h1")).to_have_attribute("lang", "es")
    page.goto(site_es.page(f"missions/{QUEBEC}/"))
    expect(page.locator(".m4c-written-in")).to_have_text("Informe redactado en francés")
