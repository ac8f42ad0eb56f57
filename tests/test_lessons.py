"""The lessons explorer (lessons/): every published record once, in order, as cards that link to
their addresses, paginated, in three languages; and its search index's records."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest
from sitekit import REPO, Built, Elements, base_report, build_site, report, write_config, write_content

from m4c_build.site.context import Site, SiteSettings
from m4c_build.site.lessons import FOLDER, KINDS, findings, search_records
from m4c_build.site.urls import finding_url
from m4c_build.validate.content import validate_content

sys.path.insert(0, str(REPO / "benchmarks"))
from corpus import generate

REPORTS = 60
PAGE_SIZE = 40
"""480 records of 60 generated reports: 12 explorer pages."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Path]:
    folder = tmp_path_factory.mktemp("explorer")
    content = folder / "content"
    generate(content, REPORTS)
    (content / "missions" / "2019").mkdir(exist_ok=True)  # a draft's lessons are never shown
    (content / "missions" / "2019" / "2019-draft.md").write_text(
        report(**base_report(status="draft", lessons=["Une leçon de brouillon."])), encoding="utf-8")
    return build_site(write_config(folder, content, search=True, page_size=PAGE_SIZE)), content


def explorer_pages(built: Built) -> list[str]:
    """The explorer's pages in order: lessons/, then lessons/page/2/..."""
    return built.numbered_pages("lessons")


def record_links(page: str) -> list[str]:
    """The record addresses a page's cards link to, from the page's folder."""
    return re.findall(r'<p class="m4c-record__source"><a href="([^"]+)"', page)


def test_every_published_record_is_on_the_explorer_once_in_order(corpus: tuple[Built, Path]) -> None:
    built, content = corpus
    validation = validate_content(content)
    assert validation.content is not None
    expected = [finding_url(f) for f in findings(validation.content.public_missions, "fr")]
    assert len(expected) == REPORTS * 8
    pages = explorer_pages(built)
    assert len(pages) == -(-len(expected) // PAGE_SIZE)
    shown = [link.removeprefix("../../../" if i else "../") for i, page in enumerate(pages)
             for link in record_links(page)]
    assert shown == expected
    assert "brouillon" not in "".join(pages)
    kinds = [re.search(r"#(\w+)-", url).group(1) for url in expected[:8]]  # type: ignore[union-attr]
    assert kinds == ["lesson"] * 3 + ["solution"] * 3 + ["difficulty"] * 2


def test_every_card_links_to_an_id_on_its_mission_page(corpus: tuple[Built, Path]) -> None:
    built, _ = corpus
    ids: dict[str, set[str]] = {}
    for link in record_links(explorer_pages(built)[0]):
        page, anchor = link.removeprefix("../").split("#")
        if page not in ids:
            ids[page] = {attrs.get("id") or "" for _, attrs, _ in Elements(built.html(page)).find("li")}
        assert anchor in ids[page], link


def test_the_explorer_is_paginated_with_the_pager(corpus: tuple[Built, Path]) -> None:
    built, _ = corpus
    pages = explorer_pages(built)
    second = pages[1]
    assert "page 2 sur 12" in Elements(second).texts("title")[0]
    assert 'href="../../../lessons/" rel="prev"' in second and 'href="../../../lessons/page/3/" rel="next"' in second
    assert 'href="../../../lessons/page/2/" aria-current="page"' in second
    assert 'href="../lessons/page/2/" rel="next"' in pages[0] and 'm4c-pager__step" href="../lessons/"' not in pages[0]


def test_the_explorer_search_index_is_written_beside_the_pages_index(corpus: tuple[Built, Path]) -> None:
    built, _ = corpus
    assert (built.site / FOLDER / "pagefind.js").is_file()
    assert (built.site / "pagefind" / "pagefind.js").is_file()
    fragments = list((built.site / FOLDER / "fragment").iterdir())
    assert len(fragments) == REPORTS * 8


def test_search_records_are_one_per_record_with_its_own_text_and_keys() -> None:
    validation = validate_content(REPO / "content")
    assert validation.content is not None
    site = Site(validation.content, SiteSettings(language="en"))
    records = search_records(site)
    found = findings(site.groups.missions, "en")
    assert [r.url for r in records] == ["/" + finding_url(f) for f in found]
    assert [r.content for r in records] == [f.text for f in found]  # nothing of the mission: one lesson found alone
    assert {r.language for r in records} == {"en"}
    assert [r.sort["order"] for r in records] == sorted(r.sort["order"] for r in records)
    first = records[0].filters
    mission = found[0].mission
    assert set(first) == {"theme", "topic", "factor", "region", "country", "city", "year", "type", "format",
                          "language", "kind"}
    assert first["city"] == [mission.report.city] and first["year"] == [str(mission.year)]
    assert first["language"] == [mission.report.language] and first["kind"] == ["lesson"]
    assert set(mission.report.factors) <= set(first["factor"])
    assert {k for r in records for k in r.filters["kind"]} == set(KINDS)


SPANISH = report(**base_report(
    title="Valparaíso: ascensores", city="valparaiso", language="es", date="2025-05-06",
    lessons=["Los vecinos deben participar desde el inicio.", "Un <b>taller</b> & una \"maqueta\"."],
    solutions=["Un operador público"], difficulties=["Repuestos que ya no se fabrican"],
    results=["Dos ascensores reabiertos (2025)."], transferability="Un equipo de dos personas durante un año.",
    translations={"en": {"title": "Valparaíso: funiculars",
                         "lessons": ["Residents must take part from the start.", "A workshop & a model."]}},
))
FRENCH = report(**base_report(title="Québec : remparts", lessons=["Le quillonnage d'abord."], date="2024-02-20"))


@pytest.fixture(scope="module")
def three(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    built = {}
    for language in ("fr", "en", "es"):
        folder = tmp_path_factory.mktemp(f"explorer-{language}")
        content = write_content(folder / "content", {"missions/2025/2025-valparaiso.md": SPANISH,
                                                     "missions/2024/2024-quebec.md": FRENCH})
        built[language] = build_site(write_config(folder, content, language=language, search=False))
    return built


@pytest.mark.parametrize(("language", "heading", "kind", "mark", "transfers"), [
    ("fr", "Explorateur des enseignements", "Leçon", "Rapport rédigé en espagnol", "Ce qui se transpose"),
    ("en", "Lessons explorer", "Lesson", "Translated from Spanish", "What transfers"),
    ("es", "Explorador de lecciones", "Lección", "", "Lo que se puede transferir"),
])
def test_the_explorer_speaks_the_interface_language_and_marks_the_original(
        three: dict[str, Built], language: str, heading: str, kind: str, mark: str, transfers: str) -> None:
    page = three[language].html("lessons")
    text = html.unescape(page)
    assert Elements(page).texts("h1") == [heading]
    assert f'<span class="m4c-record__kind">{kind}</span>' in page
    assert f"<summary>{transfers}</summary>" in text
    listed = page.split('<ol class="m4c-records">')[1].split("</ol>")[0]
    cards = re.findall(r'<li class="m4c-record m4c-record--(\w+)">(.*?)(?=<li class="m4c-record |$)', listed, re.S)
    assert [k for k, _ in cards] == ["lesson", "lesson", "solution", "difficulty", "lesson"]
    first = cards[0][1]
    if language == "en":  # a person's translation, marked so
        assert 'lang="en">Residents must take part from the start.</p>' in first
    else:  # as written, in its own language, marked with it where that is not the interface's
        assert 'lang="es">Los vecinos deben participar desde el inicio.</p>' in first
    assert (mark in first) if mark else ("m4c-tag--language" not in first)
    assert 'href="../missions/2025-valparaiso/#lesson-1"' in first
    assert "m4c-record__context" in cards[3][1] and "m4c-record__context" not in first  # once per mission
    assert "m4c-record__context" not in cards[4][1]  # Québec's report says nothing of what transfers
    if language != "en":
        assert "Un &lt;b&gt;taller&lt;/b&gt; &amp; una &#34;maqueta&#34;." in page  # text, escaped


def test_the_explorer_is_in_the_navigation_of_every_page(three: dict[str, Built]) -> None:
    for language, label in (("fr", "Explorateur des enseignements"), ("en", "Lessons explorer")):
        home = three[language].html("")
        assert 'href="lessons/"' in home and label in home


def test_the_two_indexes_are_written_side_by_side_and_a_failure_is_not_lost(tmp_path: Path, monkeypatch) -> None:
    """index_site writes the pages' index and the lessons' together; when the lessons' fails, the
    build is told (SearchIndexError), after the pages' index is done."""
    from m4c_build.adapters import pagefind
    from m4c_build.errors import SearchIndexError
    from m4c_build.site.lessons import SearchRecord

    (tmp_path / "index.html").write_text("<html lang='fr'><body data-pagefind-body>x</body></html>", encoding="utf-8")
    record = SearchRecord(url="/missions/a/#lesson-1", content="Une leçon", language="fr", meta={"title": "A"},
                          filters={"kind": ["lesson"]}, sort={"order": "0"})
    done: list[str] = []
    lessons = tmp_path / "pagefind-lessons"
    pagefind.index_site(tmp_path, None, [record], lessons, pages_done=lambda: done.append("pages"))
    assert done == ["pages"]
    assert (tmp_path / "pagefind" / "pagefind.js").is_file() and (lessons / "pagefind.js").is_file()

    async def broken(records: object, output: object) -> None:
        raise RuntimeError("the service stopped")

    monkeypatch.setattr(pagefind, "_write_records", broken)
    with pytest.raises(SearchIndexError, match="the service stopped"):
        pagefind.index_site(tmp_path, None, [record], tmp_path / "pagefind-lessons")
