"""The lessons explorer as a reader uses it, on a generated corpus: a word of one lesson finds that
lesson alone in every interface language, filters come from the address, and a result's link
lands on the lesson in its report, highlighted."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import expect
from sitekit import write_config

from .conftest import REPO, SUB_PATH, BuiltSite, built_and_served

sys.path.insert(0, str(REPO / "benchmarks"))
from corpus import generate

pytestmark = pytest.mark.browser

REPORTS = 24
WORD = "zanzibarique"
"""A word of one lesson (the second of one report) and of no other text of the corpus."""
OTHER = "quetzalcoatlien"
"""A word of the first lesson of that report, and of no other text."""
ELSEWHERE = "tombouctouesque"
"""A word of that report's narrative alone: no record holds it."""


def _corpus(content: Path) -> str:
    """A generated content folder whose one report's second lesson holds ``WORD``; returns that
    report's slug."""
    generate(content, REPORTS)
    path = sorted((content / "missions").rglob("*.md"))[REPORTS // 2]
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    fields = yaml.safe_load(front)
    fields["lessons"][1] = f"Une maquette {WORD} rassemble les habitants."
    fields["lessons"][0] = f"Un atelier {OTHER} ouvre la concertation."
    body = f"{body}\n\nLe récit parle d'une fête {ELSEWHERE}.\n"
    path.write_text(f"---\n{yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)}---\n{body}", encoding="utf-8")
    return path.stem


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[BuiltSite, str]]]:
    """The corpus built in each interface language, served under /m4c/; with the slug of the
    report that holds ``WORD``."""
    with contextlib.ExitStack() as stack:
        sites = {}
        for language in ("fr", "en", "es"):
            root = tmp_path_factory.mktemp(f"explorer-{language}")
            slug = _corpus(root / "content")
            site_dir = root / "www" / SUB_PATH
            config = write_config(root, root / "content", language=language, today="2025-06-01", site_dir=site_dir)
            sites[language] = (stack.enter_context(built_and_served(root, config, site_dir)), slug)
        yield sites


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_a_word_of_one_lesson_finds_that_lesson_alone(new_page: Any, generated: dict[str, tuple[BuiltSite, str]],
                                                     language: str, width: int) -> None:
    site, slug = generated[language]
    page = new_page(width=width, height=844)
    page.goto(site.page(f"lessons/?q={WORD}"))
    results = page.locator(".m4c-results__list > li")
    expect(results).to_have_count(1)
    link = results.locator(".m4c-record__source a")
    assert link.get_attribute("href", timeout=5_000).endswith(f"/missions/{slug}/#lesson-2")
    expect(results.locator("mark")).to_have_text(WORD)
    kind = {"fr": "Leçon", "en": "Lesson", "es": "Lección"}[language]
    expect(results.locator(".m4c-record__kind")).to_have_text(kind)
    expect(page.locator("#m4c-all")).to_be_hidden()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width  # nothing wider than the phone


@pytest.mark.parametrize("width", [390, 1280])
def test_kind_and_theme_in_the_address_filter_the_records(new_page: Any, generated: dict[str, tuple[BuiltSite, str]],
                                                         width: int) -> None:
    site, _ = generated["en"]
    missions = site.content.public_missions
    theme = missions[0].report.themes[0]
    expected = sum(len(m.report.solutions) for m in missions if theme in m.report.themes)
    assert 0 < expected < sum(len(m.report.solutions) for m in missions)
    page = new_page(width=width, height=844)
    page.goto(site.page(f"lessons/?kind=solution&theme={theme}"))
    expect(page.locator(".m4c-results__count")).to_have_text(f"{expected} results")
    expect(page.locator("details[data-facet=kind] input[value=solution]")).to_be_checked()
    expect(page.locator(f"details[data-facet=theme] input[value={theme}]")).to_be_checked()
    shown = page.locator(".m4c-results__list > li")
    expect(shown).to_have_count(min(expected, 20))
    classes = shown.evaluate_all("items => items.map(i => i.className)")
    assert set(classes) == {"m4c-result m4c-record m4c-record--solution"}
    page.locator("details[data-facet=kind] input[value=difficulty]").check()  # open: it holds a picked value
    # the kinds in their own order (lesson, solution path, difficulty), not the alphabet's
    expect(page).to_have_url(re.compile(r"kind=solution&kind=difficulty&theme="))


def test_a_result_lands_on_its_lesson_highlighted(page: Any, generated: dict[str, tuple[BuiltSite, str]]) -> None:
    site, slug = generated["fr"]
    page.goto(site.page(f"lessons/?q={WORD}"))
    page.locator(".m4c-results__list .m4c-record__source a").click()
    expect(page).to_have_url(re.compile(rf"/missions/{slug}/#lesson-2$"))
    target = page.locator("li.m4c-finding:target")
    expect(target).to_have_id("lesson-2")
    expect(target).to_contain_text(WORD)
    expect(target).to_be_in_viewport()
    assert target.evaluate("el => getComputedStyle(el).outlineStyle") != "none"


def test_the_static_pages_link_to_the_records_without_scripts(chromium: Any,
                                                             generated: dict[str, tuple[BuiltSite, str]]) -> None:
    """Without JavaScript the search box is hidden and every record is listed, page by page."""
    site, _ = generated["es"]
    context = chromium.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(site.page("lessons/"))
        expect(page.locator("#m4c-search")).to_be_hidden()
        expect(page.locator("#m4c-all li.m4c-record")).to_have_count(80)  # twice page_size records a page
        page.get_by_role("link", name="Página siguiente").click()
        expect(page).to_have_url(re.compile(r"/lessons/page/2/$"))
        expect(page.locator("#m4c-all li.m4c-record").first).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize(("query", "found"), [(ELSEWHERE, 0), (f"{WORD} {OTHER}", 0), (f"{OTHER} atelier", 1)])
def test_a_record_is_found_for_the_words_it_holds_itself(new_page: Any, generated: dict[str, tuple[BuiltSite, str]],
                                                        query: str, found: int) -> None:
    """The explorer reads the records of the missions found: a word of the mission's narrative
    finds no record; two words, each of another lesson of one report, find neither lesson; both
    words of one lesson find it."""
    site, slug = generated["fr"]
    page = new_page(width=1280, height=900)
    page.goto(site.page(f"lessons/?q={query}"))
    results = page.locator(".m4c-results__list > li")
    if found:
        expect(results).to_have_count(found)
        link = results.locator(".m4c-record__source a")
        expect(link).to_have_attribute("href", re.compile(rf"/missions/{slug}/#lesson-1$"))
        expect(results.locator("mark")).to_have_text(["atelier", OTHER])  # in the text's order
        expect(page.locator(".m4c-results__count")).to_have_text("1 résultat")
    else:
        expect(page.locator(".m4c-results__count")).to_have_text(f"Aucun enseignement pour « {query} ».")
        expect(results).to_have_count(0)


def test_more_reads_the_next_missions_and_the_count_becomes_exact(new_page: Any,
                                                                 generated: dict[str, tuple[BuiltSite, str]]) -> None:
    """Filters alone: every record of the missions found, 20 missions at a time; until all are
    read the count says how far it is, then it is exact. The facets show no number (theirs count
    missions, not records)."""
    site, _ = generated["en"]
    records = sum(len(m.reading("en").findings()) for m in site.content.public_missions)
    page = new_page(width=1280, height=900)
    page.goto(site.page("lessons/?kind=lesson&kind=solution&kind=difficulty"))
    count = page.locator(".m4c-results__count")
    shown = page.locator(".m4c-results__list > li")
    first = sum(len(m.reading("en").findings()) for m in site.content.public_missions[:20])
    expect(count).to_have_text(f"{first} so far, in the first 20 of {REPORTS} missions found")
    expect(shown).to_have_count(first)
    page.locator(".m4c-results__more").click()
    expect(count).to_have_text(f"{records} results")
    expect(shown).to_have_count(records)
    expect(page.locator(".m4c-results__more")).to_be_hidden()
    numbers = page.locator("details[data-facet] .m4c-facet__count").all_inner_texts()
    assert numbers and set(numbers) == {""}
