"""Printable downloads: the *Fiche technique M4C* (the request form) and the report template.

Each comes as Markdown and as Word (.docx, python-docx), in the site's language. The report
template is ``authoring.template``'s text with nothing filled in, and its Word version lists the
same fields, so both follow the schema. The Fiche's rubrics name the report fields they feed,
which a test checks against the schema. Their words are the ``fiche.*`` texts of ``i18n``.
"""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from m4c_build.authoring.template import Request, field_doc, report_fields, report_text, word
from m4c_build.i18n.texts import Strings
from m4c_build.model import Registry
from m4c_build.schema import walk
from m4c_build.schema.classes import LANGUAGES, Report
from m4c_build.site.urls import DOWNLOADS

FICHE = f"{DOWNLOADS}/fiche-technique-m4c"
TEMPLATE = f"{DOWNLOADS}/report-template"
_FIXED_TIME = (2024, 1, 1, 0, 0, 0)
"""Zip entry times in the .docx: the same bytes from build to build."""


@dataclass(frozen=True)
class Rubric:
    """A rubric of the Fiche technique and the report fields it feeds (the mayor's letter,
    which is no field, comes after the rubrics). Its texts are ``fiche.<key>`` (label),
    ``fiche.<key>.hint`` and, when ``labelled``, ``fiche.<key>.<field path>`` in ``i18n``."""

    key: str
    fields: tuple[str, ...]
    """Report field paths, in the order of the form."""
    labelled: bool = False
    """One labelled line to write each field on; else one free-text box for the rubric."""

    def label(self, language: str) -> str:
        return phrase(language, self.key)

    def hint(self, language: str) -> str:
        return phrase(language, f"{self.key}.hint")

    def field_labels(self, language: str) -> list[str]:
        """The labels of the lines to write on, in field order (none when not ``labelled``)."""
        if not self.labelled:
            return []
        return [phrase(language, f"{self.key}.{path}") for path in self.fields]


RUBRICS: tuple[Rubric, ...] = (
    Rubric("requesting_city", ("city",), labelled=True),
    Rubric("contact", ("contact.name", "contact.title", "contact.email"), labelled=True),
    Rubric("situation", ("issue",)),
    Rubric("plan", ("plan",)),
    Rubric("expertise", ("expertise",)),
)

_WRITE_LINES = 4
"""Empty lines left to write in under a free-text rubric of the printed form."""


def phrase(language: str, key: str) -> str:
    """One of the downloads' own texts (titles, intro, the mayor's letter) in ``language``
    (French for another language): the ``fiche.*`` texts of ``i18n``."""
    return Strings(language if language in LANGUAGES else LANGUAGES[0])(f"fiche.{key}")


def fiche_headings(language: str) -> list[str]:
    """The Fiche's section headings, in order (the rubrics, then the mayor's letter)."""
    return [r.label(language) for r in RUBRICS] + [phrase(language, "letter")]


def fiche_markdown(language: str) -> str:
    """The Fiche technique as Markdown, to fill in with any text editor."""
    lines = [f"# {phrase(language, 'title')}", "", phrase(language, "intro"), ""]
    for rubric in RUBRICS:
        lines += [f"## {rubric.label(language)}", "", f"_{rubric.hint(language)}_", ""]
        labelled = rubric.field_labels(language)
        if labelled:
            colon = " :" if language == "fr" else ":"
            lines += [f"- **{label}{colon}** …" for label in labelled]
        else:
            lines += ["…"]
        lines.append("")
    lines += [f"## {phrase(language, 'letter')}", "", phrase(language, "letter_text"), "",
              f"- [ ] {phrase(language, 'check')}", ""]
    return "\n".join(lines)


def _save(document: DocxDocument, title: str, language: str) -> bytes:
    document.core_properties.title = title
    document.core_properties.language = language
    document.core_properties.author = "m4c"
    raw = io.BytesIO()
    document.save(raw)
    stable = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(stable, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(entry, source.read(info.filename))
    return stable.getvalue()


def _box(document: DocxDocument, rows: list[str]) -> None:
    """A bordered table to write in: one row per label, or one tall empty cell."""
    if rows:
        table = document.add_table(rows=len(rows), cols=2)
        table.style = "Table Grid"
        for row, label in zip(table.rows, rows, strict=True):
            row.cells[0].text = label
    else:
        table = document.add_table(rows=1, cols=1)
        table.style = "Table Grid"
        table.rows[0].cells[0].text = "\n" * (_WRITE_LINES - 1)


def _document(title: str, intro: str) -> DocxDocument:
    document = Document()
    document.styles["Normal"].font.size = Pt(11)
    document.add_heading(title, level=0)
    document.add_paragraph(intro)
    return document


@functools.cache  # the same bytes for a language: once a process (a preview rebuilds often)
def fiche_docx(language: str) -> bytes:
    """The Fiche technique as a Word document, to print or fill in."""
    document = _document(phrase(language, "title"), phrase(language, "intro"))
    for rubric in RUBRICS:
        document.add_heading(rubric.label(language), level=1)
        document.add_paragraph(rubric.hint(language)).runs[0].italic = True
        _box(document, rubric.field_labels(language))
    document.add_heading(phrase(language, "letter"), level=1)
    document.add_paragraph(phrase(language, "letter_text"))
    document.add_paragraph(f"☐ {phrase(language, 'check')}")
    return _save(document, phrase(language, "title"), language)


def template_markdown(language: str, registry: Registry | None, schema_url: str) -> str:
    """The report template: what ``m4c new`` writes, with nothing filled in."""
    return report_text(Request(language=language), registry, schema_ref=schema_url)


ANCHOR = "m4c_"
"""The start of the bookmark that marks where a field's answer goes in the Word template:
``m4c_assistance__formats`` for ``assistance.formats`` ('.' is '__': Word's bookmark names hold
letters, digits and '_'). ``m4c import`` finds every answer by it, whatever the words around."""
TEMPLATE_ROWS = 3
"""Empty rows of a list of records (experts, follow-up...) in the Word template; an author
adds more with Word's own button."""


def anchor(path: str) -> str:
    """The bookmark of the field at ``path``."""
    return ANCHOR + path.replace(".", "__")


def anchored(name: str) -> str | None:
    """The field path a bookmark marks, or None for any other bookmark."""
    return name[len(ANCHOR):].replace("__", ".") if name.startswith(ANCHOR) else None


def _bookmark(paragraph: Paragraph, name: str) -> None:
    """An empty bookmark at the start of the paragraph (Word keeps it when the author types)."""
    ident = str(sum(1 for _ in paragraph.part.element.iter(qn("w:bookmarkStart"))) + 1)
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), ident)
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), ident)
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, end)
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)


def _answer(document: DocxDocument, path: str) -> None:
    """The box to write a field's value in: one cell, anchored."""
    table = document.add_table(rows=1, cols=1)
    table.style = "Table Grid"
    cell = table.rows[0].cells[0]
    cell.text = "\n" * (_WRITE_LINES - 1)
    _bookmark(cell.paragraphs[0], anchor(path))


def _records(document: DocxDocument, f: walk.Field) -> None:
    """A list of records as a table: a column per field (its header anchored), a row each."""
    assert f.record is not None
    columns = walk.fields(f.record, f.path + ".")
    table = document.add_table(rows=1 + TEMPLATE_ROWS, cols=len(columns))
    table.style = "Table Grid"
    for cell, column in zip(table.rows[0].cells, columns, strict=True):
        cell.text = column.name
        cell.paragraphs[0].runs[0].bold = True
        _bookmark(cell.paragraphs[0], anchor(column.path))


def _keyed(document: DocxDocument, f: walk.Field) -> None:
    """A mapping of keys to records (translations) as a table: a column per key, a row per
    field of the record (each row's first cell anchored)."""
    assert f.record is not None
    keys = [str(k) for k in walk.shape(walk.shape(f.tp)[1][0])[1]]
    rows = walk.fields(f.record, f.path + ".")
    table = document.add_table(rows=1 + len(rows), cols=1 + len(keys))
    table.style = "Table Grid"
    for cell, key in zip(table.rows[0].cells[1:], keys, strict=True):
        cell.text = key
    _bookmark(table.rows[0].cells[0].paragraphs[0], anchor(f.path))
    for row, column in zip(table.rows[1:], rows, strict=True):
        row.cells[0].text = column.name
        _bookmark(row.cells[0].paragraphs[0], anchor(column.path))


def _in_table(f: walk.Field) -> bool:
    return f.record is not None and (f.many or f.keyed)


def template_headings(language: str) -> list[str]:
    """The Word template's field headings, in schema order: every report field path but the
    fields of a table's columns or rows (the records of a list or a mapping)."""
    tables = [f.path + "." for f in report_fields() if _in_table(f)]
    return [f.path for f in report_fields() if not f.path.startswith(tuple(tables))]


def _field_line(f: walk.Field, language: str) -> str:
    need = word(language, "optional" if f.optional else "required")
    doc = field_doc(f, language)
    return doc if f"({need})" in doc else f"{doc} ({need})"


def _template_fields(document: DocxDocument, cls: type, prefix: str, level: int, language: str) -> None:
    for f in walk.fields(cls, prefix):
        document.add_heading(f.path, level=min(level, 3))
        document.add_paragraph(_field_line(f, language)).runs[0].italic = True
        if f.record is None:
            _answer(document, f.path)
        elif _in_table(f):
            for column in walk.fields(f.record, f.path + "."):
                item = document.add_paragraph(style="List Bullet")
                item.add_run(column.name).bold = True
                item.add_run(f": {_field_line(column, language)}")
            (_keyed if f.keyed else _records)(document, f)
        else:
            _template_fields(document, f.record, f.path + ".", level + 1, language)


@functools.cache  # the same bytes for a language: once a process (a preview rebuilds often)
def template_docx(language: str) -> bytes:
    """The report template as a Word document: one section per report field, its answer in a
    box or a table anchored by a bookmark (``anchor``) that ``m4c import`` reads back."""
    document = _document(phrase(language, "template"), phrase(language, "template_intro"))
    _template_fields(document, Report, "", 1, language)
    document.add_heading(phrase(language, "narrative"), level=1)
    for block in word(language, "body").split("\n\n"):
        if block.startswith("## "):
            document.add_heading(block[3:].strip(), level=2)
            _box(document, [])
    return _save(document, phrase(language, "template"), language)
