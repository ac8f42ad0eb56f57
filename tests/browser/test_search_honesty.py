"""Search that never misleads, on the shipped reports: no prefix hits for a word the index lacks,
"no mission" said plainly with the close themes and topics, excerpts quoting the report's text."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from m4c_build.i18n.texts import Strings

from .conftest import BuiltSite

pytestmark = pytest.mark.browser

T = Strings("fr")
QUEBEC = "2024-quebec-remparts-hiver-accessibilite"
OAXACA = "2024-oaxaca-mercados-tradicionales"
KRAKOW = "2024-krakow-gouvernance-plan-gestion"
FACTS = [T(key) for key in ("duration", "language", "topics")] + [f"{T('dates')} ", f"{T('region')} "]
"""The facts box's labels: 'Durée', 'Langue du rapport', 'Sujets patrimoniaux', 'Dates ', ..."""


def search_catalogue(page: Any, site: BuiltSite, query: str) -> None:
    page.goto(site.page("missions/"))
    page.locator("#m4c-q").fill(query)


def search_header(page: Any, site: BuiltSite, query: str) -> Any:
    page.goto(site.page())
    page.get_by_role("combobox").fill(query)
    panel = page.locator("#m4c-hsearch-panel")
    expect(panel).to_be_visible()
    return panel


@pytest.mark.parametrize("word", ["incendie", "parapluie", "séisme", "incivilité"])
def test_a_word_the_reports_lack_finds_no_mission(page: Any, shipped: BuiltSite, word: str) -> None:
    # Pagefind alone returns the missions holding "in", "par" or "seis" (its issues #780, #793).
    nothing = T("search_nothing", query=word)
    search_catalogue(page, shipped, word)
    expect(page.locator(".m4c-results__count")).to_have_text(nothing)
    expect(page.locator(".m4c-result")).to_have_count(0)
    expect(page.locator("#m4c-all")).to_be_hidden()

    panel = search_header(page, shipped, word)
    expect(panel.locator(".m4c-hsearch__status")).to_contain_text(nothing)
    expect(panel.locator("a[href*='/missions/']")).to_have_count(0)


@pytest.mark.parametrize(
    ("query", "slug"),
    [("quebec", QUEBEC), ("patrimoine", KRAKOW), ("mercados", OAXACA)],
    ids=["accents", "common-word", "spanish-report"],
)
def test_words_the_reports_hold_still_find_them(page: Any, shipped: BuiltSite, query: str,
                                                 slug: str) -> None:
    title = shipped.title(slug)
    search_catalogue(page, shipped, query)
    expect(page.locator(".m4c-result__title").filter(has_text=title)).to_have_count(1)
    expect(page.locator(".m4c-results__close")).to_be_hidden()

    panel = search_header(page, shipped, query)
    expect(panel.locator(".m4c-hsearch__title").filter(has_text=title).first).to_be_visible()


@pytest.mark.parametrize("query", ["canada", "patrimoine", "quebec", "tourisme"])
def test_excerpts_quote_the_report_not_the_facts_box(page: Any, shipped: BuiltSite,
                                                      query: str) -> None:
    search_catalogue(page, shipped, query)
    excerpts = page.locator(".m4c-result__excerpt")
    expect(excerpts.first).to_be_visible()
    for text in excerpts.all_inner_texts():
        assert text.strip()
        assert not [label for label in FACTS if label in text], text


NEAR_MISS = "turizm"
"""Close to 'turismo' and 'tourism' (two letters away) yet a word of no mission: 'turisme' is
no near miss since every mission carries its labels in all three languages ('turismo')."""


def test_a_near_miss_offers_the_close_theme(page: Any, shipped: BuiltSite) -> None:
    tourism = shipped.label("themes", "tourism")
    search_catalogue(page, shipped, NEAR_MISS)
    expect(page.locator(".m4c-results__count")).to_have_text(T("search_nothing", query=NEAR_MISS))
    close = page.locator(".m4c-results__close")
    expect(close).to_be_visible()
    expect(close).to_contain_text(T("search_close"))
    close.get_by_role("link", name=re.compile("^" + re.escape(tourism))).click()
    page.wait_for_url(shipped.page("themes/tourism/"))

    panel = search_header(page, shipped, NEAR_MISS)
    expect(panel.locator(".m4c-hsearch__status")).to_contain_text(T("search_close"))
    option = panel.get_by_role("option", name=re.compile("^" + re.escape(tourism)))
    expect(option).to_be_visible()
    page.get_by_role("combobox").press("ArrowDown")
    page.get_by_role("combobox").press("Enter")
    page.wait_for_url(shipped.page("themes/tourism/"))


def test_a_word_in_no_label_but_in_a_description_offers_that_theme(page: Any,
                                                                    shipped: BuiltSite) -> None:
    search_catalogue(page, shipped, "incendie")  # climate-risk: "Inondations, érosion, incendies…"
    close = page.locator(".m4c-results__close")
    expect(close.get_by_role("link", name=re.compile(
        "^" + re.escape(shipped.label("themes", "climate-risk"))))).to_be_visible()
    search_catalogue(page, shipped, "parapluie")  # close to nothing: nothing offered
    expect(page.locator(".m4c-results__count")).to_have_text(T("search_nothing", query="parapluie"))
    expect(close).to_be_hidden()


@pytest.mark.parametrize(
    ("matched", "word", "kept"),
    [("inondation", "inondations", True),   # a plural's singular: one letter short
     ("eau", "eaux", True),                 # short words may lack one letter
     ("quillonnage", "quillon", True),      # a word still being typed
     ("participacion", "participacion", True),
     ("seis", "seisme", False),             # two letters of six lacking: a substituted prefix
     ("par", "parapluie", False),
     ("in", "incendie", False),
     ("inonde", "inondation", False)],      # a stem shared by less than four fifths: dropped
)
def test_the_rule_that_keeps_a_matched_word(page: Any, site: BuiltSite, matched: str, word: str,
                                            kept: bool) -> None:
    page.goto(site.page())
    assert page.evaluate("([m, w]) => window.M4CSearch.fits(m, w)", [matched, word]) is kept
