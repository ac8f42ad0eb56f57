"""The printable Fiche technique M4C and the report template: Markdown and Word, in the site's
language, derived from the schema."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CliResult
from docx import Document

from m4c_build.authoring import template as scaffold
from m4c_build.outputs import downloads
from m4c_build.schema.classes import LANGUAGES

Make = Callable[..., Path]
Run = Callable[..., CliResult]


def headings(data: bytes) -> list[str]:
    document = Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]


def all_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_fiche_rubrics_feed_report_fields() -> None:
    paths = {f.path for f in scaffold.report_fields()}
    fed = [path for rubric in downloads.RUBRICS for path in rubric.fields]
    assert set(fed) <= paths
    assert fed == ["city", "contact.name", "contact.title", "contact.email", "issue", "plan",
                   "expertise"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_fiche_docx_has_every_rubric(language: str) -> None:
    data = downloads.fiche_docx(language)
    found = headings(data)
    assert found[0] == downloads.phrase(language, "title")
    assert found[1:] == downloads.fiche_headings(language)
    text = all_text(data)
    for rubric in downloads.RUBRICS:
        assert rubric.hint(language) in text
        for label in rubric.field_labels(language):
            assert label in text
    assert downloads.phrase(language, "letter_text") in text, "the mayor's signed letter"


def test_fiche_in_french_names_the_form_as_the_programme_does() -> None:
    assert downloads.fiche_headings("fr") == [
        "Ville requérante", "Personne contact", "Description de la situation",
        "Projet ou plan d'action global", "Expertise demandée", "Lettre du maire"]
    text = downloads.fiche_markdown("fr")
    assert text.startswith("# Fiche technique M4C\n")
    assert re.findall(r"^## (.+)$", text, re.M) == downloads.fiche_headings("fr")
    assert "- **Adresse électronique :** …" in text
    assert "- [ ] La lettre signée du maire est jointe" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_template_docx_has_every_field(language: str) -> None:
    data = downloads.template_docx(language)
    found = headings(data)
    paths = downloads.template_headings(language)
    assert found[0] == downloads.phrase(language, "template")
    assert found[1:1 + len(paths)] == paths
    assert "experts" in paths and "experts.name" not in paths, "a list of records is a table"
    body = re.findall(r"^## (.+)$", scaffold.word(language, "body"), re.M)
    assert found[1 + len(paths):] == [downloads.phrase(language, "narrative"), *body]
    text = all_text(data)
    for f in scaffold.report_fields():
        assert scaffold.field_doc(f, language).split(" (")[0] in text, f.path


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_answer_of_the_template_is_anchored_for_m4c_import(language: str) -> None:
    """Each field's box, each column of a list of records, each row of the translations
    carries the bookmark that ``m4c import`` reads the answer by."""
    document = Document(io.BytesIO(downloads.template_docx(language)))
    names = [str(n) for n in document.element.body.xpath(".//w:bookmarkStart/@w:name")]
    assert len(names) == len(set(names))
    ids = document.element.body.xpath(".//w:bookmarkStart/@w:id")
    assert len(ids) == len(set(ids))
    assert sorted(downloads.anchored(n) for n in names) == sorted(f.path for f in scaffold.report_fields()
                                                                   if f.record is None or f.keyed)


@pytest.mark.parametrize("language", LANGUAGES)
def test_docx_bytes_are_the_same_from_build_to_build(language: str) -> None:
    """Two builds a second apart usually share a zip time tick (2 s): equal bytes alone would
    not show the times are fixed. Every entry must carry the fixed time, not the build's."""
    for make in (downloads.fiche_docx, downloads.template_docx):
        data = make(language)
        with zipfile.ZipFile(io.BytesIO(data)) as docx:
            times = {info.filename: info.date_time for info in docx.infolist()}
        assert "word/document.xml" in times
        assert set(times.values()) == {downloads._FIXED_TIME}, (make.__name__, times)
        assert make(language) == data


def test_template_markdown_is_the_scaffold_and_validates_as_a_draft(
    make_content: Make, run_cli: Run
) -> None:
    schema = "https://example.org/m4c/schema/report.schema.json"
    text = downloads.template_markdown("fr", None, schema)
    assert text == scaffold.report_text(scaffold.Request(language="fr"), schema_ref=schema)
    assert text.startswith(f"---\n# yaml-language-server: $schema={schema}\n")
    assert 'city: "TODO: à remplir"' in text and 'date: "TODO: AAAA-MM-JJ"' in text
    root = make_content({"missions/2024-template.md": text})
    result = run_cli("validate", ".", cwd=root)
    assert result.code == 0, result
    assert all("still to fill" in line for line in result.lines[:-1])
    assert "'city' is still to fill" in result.out and "'date' is still to fill" in result.out
