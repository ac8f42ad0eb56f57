"""The lessons explorer (lessons/): every published record once, in order, as cards that link to
their addresses, paginated, in three languages; and the records its search reads in the pages' index."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest
from sitekit import REPO, Built, Elements, base_report, build_site, report, write_config, write_content

from m4c_build.site.lessons import KINDS, findings
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
    assert len(pages) == -(-len(expected) // (2 * PAGE_SIZE))  # twice page_size records to a page
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
    assert "page 2 sur 6" in Elements(second).texts("title")[0]
    assert 'href="../../../lessons/" rel="prev"' in second and 'href="../../../lessons/page/3/" rel="next"' in second
    assert 'href="../../../lessons/page/2/" aria-current="page"' in second
    assert 'href="../lessons/page/2/" rel="next"' in pages[0] and 'm4c-pager__step" href="../lessons/"' not in pages[0]


def _fragments(site: Path) -> dict[str, dict]:
    """The pages' Pagefind index, read back: each fragment by its page's address."""
    import gzip
    import json

    found = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{"):])
        found[fragment["url"]] = fragment
    return found


def test_the_explorer_searches_the_records_of_the_pages_index(corpus: tuple[Built, Path]) -> None:
    """No index of its own: each mission page's fragment holds its records as anchors (id, text,
    the position of their first word), the kinds it holds as a filter, and every record's words
    lie between its anchor and the next, so m4c-catalogue.js finds a word's record."""
    built, content = corpus
    assert not (built.site / "pagefind-lessons").exists()
    validation = validate_content(content)
    assert validation.content is not None
    fragments = _fragments(built.site)
    missions = validation.content.public_missions
    assert len([url for url in fragments if "/missions/" in url]) == len(missions) == REPORTS
    for mission in missions:
        fragment = fragments[f"/missions/{mission.slug}/"]
        records = mission.reading("fr").findings(KINDS)
        anchors = sorted(fragment["anchors"], key=lambda a: a["location"])
        mine = [a for a in anchors if re.fullmatch(r"(lesson|solution|difficulty)-\d+", a["id"])]
        assert [a["id"] for a in mine] == [f.anchor for f in records]
        words = fragment["content"].split()
        for anchor, finding in zip(mine, records, strict=True):
            assert anchor["text"] == finding.text
            indexed = " ".join(words[anchor["location"]:anchor["location"] + len(finding.text.split())])
            assert indexed in (finding.text, finding.text + ".")  # Pagefind ends a block with a full stop
        assert sorted(fragment["filters"]["kind"]) == sorted({f.kind for f in records})
        assert fragment["filters"]["page"] == ["mission"]


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


@pytest.mark.parametrize(("language", "written"), [("fr", "lesson solution difficulty"), ("en", "solution difficulty"),
                                                   ("es", None)])
def test_a_mission_page_tells_the_explorer_which_records_it_shows_as_written(
        three: dict[str, Built], language: str, written: str | None) -> None:
    """The kinds of record a page shows in the report's language rather than the interface's
    (the explorer marks them so), its title's language, the kinds it holds (a filter)."""
    page = three[language].html("missions/2025-valparaiso")
    metas = re.findall(r'data-pagefind-meta="(written|title_lang):([^"]*)"', page)
    assert ("written", written) in metas if written else all(key != "written" for key, _ in metas)
    assert ("title_lang", "en" if language == "en" else "es") in metas
    assert re.findall(r'data-pagefind-filter="kind:(\w+)"', page) == ["lesson", "solution", "difficulty"]
    assert 'data-pagefind-filter="page:mission"' in page
