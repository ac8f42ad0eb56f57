"""Search as a reader uses it: the catalogue's box and facets, and the header's box."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from m4c_build.i18n.texts import Strings

from .conftest import BuiltSite

pytestmark = pytest.mark.browser

T = Strings("fr")
QUEBEC = "2024-quebec-remparts-hiver"
EVORA = "2023-evora-rentals"
VALPARAISO = "2025-valparaiso-ascensores"


def search_catalogue(page: Any, site: BuiltSite, query: str) -> None:
    page.goto(site.page("missions/"))
    page.locator("#m4c-q").fill(query)


def result_titles(page: Any) -> set[str]:
    return set(page.locator(".m4c-result__title").all_text_contents())


@pytest.mark.parametrize(
    ("word", "slug"),
    [("quillonnage", QUEBEC), ("Brackwater", EVORA), ("tejavana", VALPARAISO)],
    ids=["lessons", "actors", "follow-up"],
)
def test_a_word_found_only_in_one_section_finds_its_report(page: Any, site: BuiltSite,
                                                           word: str, slug: str) -> None:
    search_catalogue(page, site, word)
    expect(page.locator(".m4c-results__count")).to_have_text(T.count(1))
    expect(page.locator(".m4c-result__title")).to_have_text([site.title(slug)])
    expect(page.locator(".m4c-result__excerpt mark").first).to_have_text(re.compile(word, re.I))
    expect(page.locator("#m4c-all")).to_be_hidden()


@pytest.mark.parametrize(
    ("query", "shown", "slug"),
    [("deneigement", "déneigement", QUEBEC), ("premieres", "premières", QUEBEC),
     ("participacion", "participación", VALPARAISO)],
)
def test_a_query_without_accents_finds_the_accented_word(page: Any, site: BuiltSite, query: str,
                                                         shown: str, slug: str) -> None:
    search_catalogue(page, site, query)
    title = page.get_by_role("link", name=site.title(slug))
    hit = page.locator(".m4c-result").filter(has=title)
    expect(hit).to_have_count(1)
    expect(hit.locator("mark").filter(has_text=shown).first).to_be_visible()


@pytest.mark.parametrize(("query", "slug"), [("quebec", QUEBEC), ("evora", EVORA)])
def test_a_query_without_accents_finds_the_accented_title(page: Any, site: BuiltSite, query: str,
                                                          slug: str) -> None:
    # The title is not in the indexed text (excerpts quote the report): Pagefind finds it in the
    # page's metadata, and the excerpt then opens the report.
    search_catalogue(page, site, query)
    hit = page.locator(".m4c-result").filter(has=page.get_by_role("link", name=site.title(slug)))
    expect(hit).to_have_count(1)
    expect(hit.locator(".m4c-result__excerpt")).not_to_be_empty()


def test_one_box_finds_reports_in_all_three_languages(page: Any, site: BuiltSite) -> None:
    search_catalogue(page, site, "Ferreira")
    expect(page.locator(".m4c-results__count")).to_have_text(T.count(3))
    found = [m for m in site.content.public_missions if m.report.title in result_titles(page)]
    assert {m.slug for m in found} == {QUEBEC, EVORA, VALPARAISO}
    assert {m.report.language for m in found} == {"fr", "en", "es"}
    # The language facet says the same: one report in each language.
    languages = page.locator("details[data-facet=language]")
    languages.locator("summary").click()
    for label in (T("lang_fr"), T("lang_en"), T("lang_es")):
        expect(languages.get_by_text(f"{label} (1)")).to_be_visible()


@pytest.mark.parametrize(
    ("facet", "field", "key"),
    [("theme", "themes", "tourism"), ("topic", "heritage_topics", "fortifications")],
    ids=["theme", "heritage-topic"],
)
def test_a_filter_alone_lists_exactly_the_missions_tagged_so(
    page: Any, site: BuiltSite, facet: str, field: str, key: str
) -> None:
    expected = site.missions_where(field, key)
    assert 1 < len(expected) < len(site.content.public_missions)  # a filter that filters
    label = site.label(field, key)
    page.goto(site.page("missions/"))
    expect(page.locator("#m4c-all")).to_be_visible()
    box = page.locator(f"details[data-facet={facet}]")
    box.locator("summary").click()
    value = box.get_by_role("checkbox", name=re.compile("^" + re.escape(label) + r" \("))
    value.check()
    expect(page.locator(".m4c-results__count")).to_have_text(T.count(len(expected)))
    assert result_titles(page) == expected
    expect(page.locator("#m4c-all")).to_be_hidden()
    assert f"{facet}=" in page.url  # a link to this page keeps the filter

    value.uncheck()
    expect(page.locator("#m4c-all")).to_be_visible()
    expect(page.locator(".m4c-results")).to_be_hidden()


def test_query_and_filters_from_the_url_combine_and_clear(page: Any, site: BuiltSite) -> None:
    tourism = site.label("themes", "tourism")
    page.goto(site.page("missions/?q=Ferreira&theme=tourism"))  # keys, not labels
    expect(page.locator("#m4c-q")).to_have_value("Ferreira")
    expected = site.missions_where("themes", "tourism") & {
        site.title(QUEBEC), site.title(EVORA), site.title(VALPARAISO)}
    expect(page.locator(".m4c-results__count")).to_have_text(T.count(len(expected)))
    assert result_titles(page) == expected
    expect(page.get_by_role("checkbox", name=re.compile("^" + re.escape(tourism)))).to_be_checked()

    page.get_by_role("button", name=T("search_clear")).click()
    expect(page.locator("#m4c-all")).to_be_visible()
    expect(page.locator("#m4c-q")).to_have_value("")
    assert page.url == site.page("missions/")


def test_results_show_title_city_date_and_excerpt(page: Any, site: BuiltSite) -> None:
    search_catalogue(page, site, "tejavana")
    result = page.locator(".m4c-result")
    expect(result).to_have_count(1)
    expect(result.locator(".m4c-result__meta")).to_have_text("Valparaíso · 6 mai 2025")
    expect(result.locator(".m4c-result__excerpt")).to_contain_text("ascensor")
    result.get_by_role("link").click()
    page.wait_for_url(site.page(f"missions/{VALPARAISO}/"))
    expect(page.locator("h1")).to_have_text(site.title(VALPARAISO))


def test_header_box_shows_results_and_enter_opens_the_catalogue(page: Any, site: BuiltSite) -> None:
    page.goto(site.page(f"missions/{EVORA}/"))
    box = page.get_by_role("combobox")
    box.fill("Ferreira")
    panel = page.locator("#m4c-hsearch-panel")
    expect(panel).to_be_visible()
    expect(panel.locator(".m4c-hsearch__title")).to_have_count(3)
    box.press("ArrowDown")
    expect(panel.get_by_role("option").first).to_have_attribute("aria-selected", "true")
    box.press("Escape")
    expect(panel).to_be_hidden()
    box.press("Enter")
    page.wait_for_url(site.page("missions/?q=Ferreira"))
    expect(page.locator(".m4c-results__count")).to_have_text(T.count(3))


def test_header_result_opens_the_report_under_the_sub_path(page: Any, site: BuiltSite) -> None:
    page.goto(site.page("themes/"))
    box = page.get_by_role("combobox")
    box.fill("quillonnage")
    expect(page.locator(".m4c-hsearch__title")).to_have_text([site.title(QUEBEC)])
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url(site.page(f"missions/{QUEBEC}/"))
    expect(page.locator("h1")).to_have_text(site.title(QUEBEC))


def test_header_box_finds_programme_pages_the_catalogue_keeps_to_missions(page: Any,
                                                                         site: BuiltSite) -> None:
    page.goto(site.page())
    box = page.get_by_role("combobox")
    box.fill("traboules")
    expect(page.locator(".m4c-hsearch__title")).to_have_text(["Le programme"])
    box.press("Enter")
    page.wait_for_url("**/missions/?q=traboules")
    expect(page.locator(".m4c-results__count")).to_have_text(T.count(0))


def test_pagefind_loads_only_once_the_box_is_used(page: Any, site: BuiltSite) -> None:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(site.page(f"missions/{QUEBEC}/"), wait_until="networkidle")
    assert not [url for url in asked if "/pagefind/" in url]
    with page.expect_request(site.page("pagefind/pagefind.js")):
        page.get_by_role("combobox").focus()


def test_the_catalogue_search_stands_still_and_needs_a_script(page: Any, new_page: Any, site: BuiltSite) -> None:
    """With scripts, the search box and its facets are in place from the first paint (filling
    them moves nothing: Lighthouse measured a layout shift of 0.22 when the box appeared late),
    and Pagefind loads when the visitor turns to them; without scripts, only the list of
    missions, which works without them."""
    loads: list[str] = []
    page.on("request", lambda request: loads.append(request.url) if "/pagefind/" in request.url else None)
    page.goto(site.page("missions"), wait_until="networkidle")
    box = page.locator("#m4c-search")
    expect(box).to_be_visible()
    assert loads == []  # the index loads when the visitor turns to the search, not before
    before = page.locator("#m4c-all").bounding_box()
    page.locator("#m4c-q").focus()
    expect(page.locator("#m4c-search details[data-facet] li").first).to_be_attached()  # filled
    assert loads and page.locator("#m4c-all").bounding_box() == before
    plain = new_page(java_script_enabled=False)
    plain.goto(site.page("missions"))
    expect(plain.locator("#m4c-search")).to_be_hidden()
    expect(plain.locator("#m4c-all a").first).to_be_visible()
