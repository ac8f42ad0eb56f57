"""Citations read back by real readers: each report's BibTeX by bibtexparser, its RIS by rispy
(and a strict line check), its CSL-JSON rendered by citeproc-py, in the three interface languages;
the knowledge base's CITATION.cff by cffconvert; its schema.org Dataset. Values from content are
hostile here: a title that would close a BibTeX field, start an entry, add a RIS tag or close a
script element stays one value."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import html
import json
import re
import subprocess
from pathlib import Path

import pytest
import rispy
import yaml
from bibtexparser.entrypoint import parse_string
from bibtexparser.library import Library
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import Citation as CiteprocCitation
from citeproc import CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from payloads import CITATION_TITLES
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from sitekit import REPO, base_report, report, write_content

from m4c_build.model import Content
from m4c_build.outputs.citations import (
    CITATION_CFF,
    FORMATS,
    Citation,
    bibtex,
    citation,
    citation_cff,
    csl_json,
    dataset_jsonld,
    ris,
)
from m4c_build.outputs.files import data_files
from m4c_build.outputs.linkeddata import with_linked_data
from m4c_build.site.context import SiteSettings
from m4c_build.site.pages import build_pages
from m4c_build.site.urls import mission_url
from m4c_build.validate.content import validate_content

BASE = "https://example.org/m4c/"
TODAY = dt.date(2026, 1, 15)
LANGUAGES = ("fr", "en", "es")
CFFCONVERT = REPO / ".venv" / "cffconvert" / "bin" / "cffconvert"
"""cffconvert, in a venv of its own (scripts/bootstrap.sh): its jsonschema is not the tests'."""

FILES = {
    "missions/2024/2024-quebec-hiver.md": report(**base_report(
        title="Québec : les remparts {en} hiver", city="quebec", date="2024-02-06", end_date="2024-02-08")),
    "missions/2023/2023-evora-rentals.md": report(**base_report(
        title="Évora: 100% of short-term rentals & the #1 issue", city="evora", date="2023-05-10",
        language="en")),
    "missions/2025/2025-valparaiso-cerros.md": report(**base_report(
        title="Valparaíso: ascensores_y ~cerros^", city="valparaiso", date="2025-05-06", language="es")),
    "missions/2025/2025-kazan-draft.md": report(**base_report(title="Brouillon", city="kazan", status="draft")),
}


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Content:
    validation = validate_content(write_content(tmp_path_factory.mktemp("citations") / "content", FILES))
    assert validation.ok, [p.format() for p in validation.problems]
    assert validation.content is not None
    return validation.content


@functools.cache
def _decoder() -> LatexNodes2Text:
    """pylatexenc's LaTeX-to-text, knowing LaTeX's text commands for the characters BibTeX
    cannot hold bare (its default knows no \\textbraceleft, and reads \\textasciicircum as 'ˆ')."""
    context = get_default_latex_context_db()
    context.add_context_category("latex-text-commands", prepend=True, macros=[
        MacroTextSpec(name, text) for name, text in (
            ("textbraceleft", "{"), ("textbraceright", "}"), ("textless", "<"), ("textgreater", ">"),
            ("textasciicircum", "^"), ("textasciitilde", "~"), ("textbackslash", "\\"))])
    return LatexNodes2Text(latex_context=context, math_mode="verbatim", keep_braced_groups=True)


FIELD_LINE = re.compile(r"\t([a-z]+) = \{(.*)\},?")


def balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def braces_balance(entry: str) -> bool:
    """BibTeX's own rule, stricter than bibtexparser's: it counts every brace, '\\}' included, so
    each field's value (one line each, as m4c writes them) has balanced braces."""
    lines = entry.strip().split("\n")
    fields = [FIELD_LINE.fullmatch(line) for line in lines[1:-1]]
    return lines[-1] == "}" and all(f is not None and balanced(f.group(2)) for f in fields)


def parse_bibtex(text: str) -> Library:
    """``text`` read by bibtexparser, LaTeX decoded (every block an entry, none failed), after
    BibTeX's brace check."""
    assert braces_balance(text), text
    library = parse_string(
        text, append_middleware=[LatexDecodingMiddleware(decoder=_decoder())])
    assert not library.failed_blocks, [block.error for block in library.failed_blocks]
    return library


def render_csl(text: str, key: str) -> str:
    source = CiteProcJSON(json.loads(text))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(CiteprocCitation([CitationItem(key)]))
    (entry,) = bibliography.bibliography()
    return str(entry)


RIS_LINE = re.compile(r"[A-Z][A-Z0-9]  - [^\r\n]*")


def read_ris(text: str) -> dict[str, object]:
    """The one record of ``text``, after a strict check: every line a tag, CRLF ends, one ER."""
    assert text.endswith("\r\n")
    lines = text[:-2].split("\r\n")
    assert all(RIS_LINE.fullmatch(line) for line in lines), lines
    assert lines[0] == "TY  - RPRT" and lines[-1].rstrip() == "ER  -"
    (record,) = rispy.loads(text)
    return dict(record)


CITE = re.compile(r'<pre class="m4c-cite__text" aria-label="([^"]+)" tabindex="0"><code>(.*?)</code></pre>', re.S)


def shown_citations(content: Content, language: str, base: str) -> dict[str, dict[str, str]]:
    """Each mission page's citations as a reader copies them (the text of its <pre>s), by slug
    and format."""
    settings = SiteSettings(language=language, today=TODAY, base_url=base)
    return {page.src_uri.removeprefix("missions/").removesuffix(".md"):
            {label: html.unescape(text) for label, text in CITE.findall(page.html)}
            for page in build_pages(content, settings) if page.kind == "mission"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_report_s_page_shows_its_three_citations_that_real_readers_read(content: Content,
                                                                              language: str) -> None:
    base = f"{BASE}{language}/"
    shown = shown_citations(content, language, base)
    missions = content.public_missions
    assert set(shown) == {m.slug for m in missions}  # a draft has none: it has no page
    for mission in missions:
        report_ = mission.report
        city = content.registry.cities[report_.city].name
        url = base + mission_url(mission.slug)
        texts = shown[mission.slug]
        assert list(texts) == [form.label for form in FORMATS]

        (entry,) = parse_bibtex(texts["BibTeX"]).entries
        assert (entry.entry_type, entry.key) == ("techreport", mission.slug)
        assert entry["title"] == report_.title
        assert entry["author"] == "{" + city + "}"  # an institution: one name, never split
        assert (entry["url"], entry["urldate"], entry["year"]) == (url, "2026-01-15", str(mission.year))
        assert entry["language"] == report_.language

        record = read_ris(texts["RIS"])
        assert record["type_of_reference"] == "RPRT"
        assert (record["title"], record["authors"], record["urls"]) == (report_.title, [city], [url])
        assert (record["language"], record["access_date"]) == (report_.language, "2026/01/15/")

        csl = texts["CSL-JSON"]
        (item,) = json.loads(csl)
        assert (item["title"], item["author"], item["language"]) == (report_.title, [{"literal": city}],
                                                                    report_.language)
        assert item["accessed"] == {"date-parts": [[2026, 1, 15]]}
        rendered = render_csl(csl, mission.slug)
        assert city in rendered and str(mission.year) in rendered and url in rendered
        assert report_.title.split(":")[1].strip().split()[0] in rendered


def hostile(title: str, author: str = "Évora") -> Citation:
    return Citation(key="2024-x", author=author, title=title, language="fr", issued=dt.date(2024, 3, 5),
                    publisher="Organisation des villes du patrimoine mondial (OVPM)",
                    url="https://example.org/m4c/fr/missions/2024-x/", accessed=TODAY)


@pytest.mark.parametrize("title", CITATION_TITLES, ids=range(len(CITATION_TITLES)))
def test_a_hostile_title_stays_one_value_in_every_format(title: str) -> None:
    c = hostile(title, author=title)
    (entry,) = parse_bibtex(bibtex(c)).entries  # one entry: no '}' closes it, no '@' starts another
    assert entry.key == "2024-x"
    one_line = " ".join(title.split())
    assert entry["title"] == one_line and entry["author"] == "{" + one_line + "}"
    assert set(entry.fields_dict) >= {"url", "urldate", "year"}
    record = read_ris(ris(c))  # one line a tag: a newline cannot add one
    assert record["title"] == one_line and "notes" not in record
    assert json.loads(csl_json(c))[0]["title"] == title


def test_a_citation_s_title_is_on_one_line(content: Content) -> None:
    mission = next(m for m in content.public_missions if m.report.city == "quebec")
    mission = dataclasses.replace(mission, report=dataclasses.replace(mission.report, title="Un\nER  - \n  deux"))
    c = citation(mission, content.registry, BASE, "fr", TODAY)
    assert (c.title, c.author, c.language) == ("Un ER - deux", "Québec", "fr")


def test_citation_cff_is_valid_for_cffconvert(tmp_path: Path) -> None:
    assert CFFCONVERT.is_file(), "run 'bash scripts/bootstrap.sh' (it installs cffconvert)"
    for language, title in (("fr", "Base de connaissances : 100 % « ouvert »"), ("en", "Knowledge base: a #1 {x}"),
                            ("es", "Base de conocimiento\n- ataque: [1]")):
        text = citation_cff(f"{BASE}{language}/", title=title, abstract="Les missions: leurs leçons.",
                            publisher="Organization of World Heritage Cities (OWHC)", today=TODAY,
                            licence_url="https://creativecommons.org/licenses/by/4.0/")
        path = tmp_path / f"{language}.cff"
        path.write_text(text, encoding="utf-8")
        result = subprocess.run([str(CFFCONVERT), "--validate", "-i", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        cff = yaml.safe_load(text)
        assert cff["title"] == " ".join(title.split()) and cff["license"] == "CC-BY-4.0"
        assert cff["type"] == "dataset" and cff["url"] == f"{BASE}{language}/"


def test_a_licence_outside_creative_commons_is_named_by_its_address() -> None:
    cff = yaml.safe_load(citation_cff(BASE, title="T", abstract="A", publisher="P", today=TODAY,
                                      licence_url="https://example.org/licence"))
    assert "license" not in cff and cff["license-url"] == "https://example.org/licence"


def test_the_build_publishes_citation_cff(content: Content) -> None:
    files = data_files(content, base_url=BASE, language="en", licence_url="https://creativecommons.org/licenses/by/4.0/",
                       today=TODAY)
    assert yaml.safe_load(files[CITATION_CFF])["date-released"] == "2026-01-15"


def test_the_dataset_names_its_licence_and_every_distribution() -> None:
    data = dataset_jsonld(BASE, "en", title="Knowledge base", description="Missions.", publisher="OWHC",
                          licence_url="https://creativecommons.org/licenses/by/4.0/", modified=dt.date(2025, 5, 7))
    assert data["@type"] == "Dataset" and data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    formats = {d["contentUrl"]: d["encodingFormat"] for d in data["distribution"]}
    assert formats == {f"{BASE}data/missions.csv": "text/csv", f"{BASE}data/missions.json": "application/json",
                       f"{BASE}data/lessons.csv": "text/csv", f"{BASE}data/lessons.json": "application/json",
                       f"{BASE}data/datapackage.json": "application/json"}
    assert all(d["@type"] == "DataDownload" for d in data["distribution"])


def test_the_field_reference_carries_the_dataset(content: Content) -> None:
    reference = [page for page in build_pages(content) if page.kind == "reference"]
    (page,) = with_linked_data(reference, content, BASE, "en", licence_url="https://creativecommons.org/licenses/by/4.0/")
    data = page.meta["m4c_jsonld"]
    assert data["@type"] == "Dataset" and data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["dateModified"] == max(m.end for m in content.public_missions).isoformat()
