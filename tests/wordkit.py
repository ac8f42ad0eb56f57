"""Word documents for the tests of ``m4c import`` (and its benchmark), made as authors make them:
m4c's template filled in, free-form reports from Word, from a Google Docs export, from LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches
from PIL import Image

from m4c_build.outputs import downloads


def picture(width: int = 40, height: int = 30, kind: str = "PNG",
            colour: tuple[int, int, int] = (200, 80, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, kind)
    return out.getvalue()


# --- m4c's template, filled in by a program -------------------------------------------------------


def _names(element: Any) -> list[str]:
    return [str(n) for n in element.xpath(".//w:bookmarkStart/@w:name")]


def _write(cell: Any, value: Any) -> None:
    """A value into a template cell: one paragraph per list item, the bookmark kept."""
    lines = [_text(v) for v in value] if isinstance(value, list) else _text(value).split("\n\n")
    first = cell.paragraphs[0]
    for run in first.runs:
        run._r.getparent().remove(run._r)
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    first.add_run(lines[0])
    for line in lines[1:]:
        cell.add_paragraph(line)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def fill_template(language: str, values: dict[str, Any], pictures: tuple[bytes, ...] = ()) -> bytes:
    """m4c's Word template with ``values`` written where their bookmarks are; each photo's
    'file' cell holds the next of ``pictures``."""
    document = Document(io.BytesIO(downloads.template_docx(language)))
    queue = list(pictures)
    for table in document.tables:
        head = table.rows[0].cells
        names = [(_names(cell._tc) or [""])[0] for cell in head]
        paths = [downloads.anchored(n) for n in names]
        if paths[0] == "translations":
            keys = [cell.text for cell in head[1:]]
            for row in table.rows[1:]:
                sub = downloads.anchored(_names(row.cells[0]._tc)[0]).split(".")[-1]
                for key, cell in zip(keys, row.cells[1:], strict=True):
                    value = values.get("translations", {}).get(key, {}).get(sub)
                    if value not in (None, []):
                        _write(cell, value)
        elif paths[0] and len(head) > 1:  # a list of records: a column per field
            parent = paths[0].split(".")[0]
            records = values.get(parent, [])
            while len(table.rows) - 1 < len(records):
                table.add_row()
            for record, row in zip(records, table.rows[1:], strict=False):
                for path, cell in zip(paths, row.cells, strict=True):
                    sub = path.split(".")[-1]
                    if parent == "photos" and sub == "file":
                        cell.paragraphs[0].add_run().add_picture(io.BytesIO(queue.pop(0)), width=Inches(1))
                    elif record.get(sub) is not None:
                        _write(cell, record[sub])
        elif paths[0]:
            head_path = paths[0]
            value: Any = values
            for part in head_path.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            if value not in (None, []):
                _write(head[0], value)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- Free-form reports ------------------------------------------------------------------------------


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)
    picture: tuple[bytes, str, str] | None = None
    """(image, alt text, caption)."""


@dataclass
class FreeForm:
    title: str
    lines: list[str]
    """'Ville : Québec' lines before the first section."""
    sections: list[Section]
    hidden: str = ""
    """A hidden run in the first section's first paragraph."""
    deleted: str = ""
    inserted: str = ""
    """A tracked deletion and insertion in the first section's first paragraph."""
    comment: str = ""
    """A reviewer's comment on the first section's first paragraph."""
    language: str = "fr"


def _run_with(paragraph: Any, text: str, wrapper: str | None = None, hidden: bool = False) -> None:
    run = OxmlElement("w:r")
    if hidden:
        properties = OxmlElement("w:rPr")
        properties.append(OxmlElement("w:vanish"))
        run.append(properties)
    body = OxmlElement("w:delText" if wrapper == "w:del" else "w:t")
    body.set(qn("xml:space"), "preserve")
    body.text = text
    run.append(body)
    if wrapper:
        change = OxmlElement(wrapper)
        change.set(qn("w:id"), "90" if wrapper == "w:del" else "91")
        change.set(qn("w:author"), "Reviewer")
        change.append(run)
        paragraph._p.append(change)
    else:
        paragraph._p.append(run)


def free_form_docx(report: FreeForm) -> bytes:
    """A report as a city writes it in Word: title, labelled lines, sections with headings."""
    document = Document()
    document.core_properties.language = report.language
    document.add_heading(report.title, level=0)
    for line in report.lines:
        document.add_paragraph(line)
    for n, section in enumerate(report.sections):
        document.add_heading(section.heading, level=1)
        for i, text in enumerate(section.paragraphs):
            paragraph = document.add_paragraph(text)
            if n == 0 and i == 0:
                if report.comment:
                    document.add_comment(paragraph.runs, text=report.comment, author="Reviewer")
                if report.hidden:
                    _run_with(paragraph, f" {report.hidden}", hidden=True)
                if report.deleted:
                    _run_with(paragraph, f" {report.deleted}", "w:del")
                if report.inserted:
                    _run_with(paragraph, f" {report.inserted}", "w:ins")
        for item in section.items:
            document.add_paragraph(item, style="List Bullet")
        if section.table:
            table = document.add_table(rows=len(section.table), cols=len(section.table[0]))
            for row, texts in zip(table.rows, section.table, strict=True):
                for cell, text in zip(row.cells, texts, strict=True):
                    cell.text = text
        if section.picture:
            data, alt, caption = section.picture
            shape = document.add_paragraph().add_run().add_picture(io.BytesIO(data), width=Inches(3))
            shape._inline.docPr.set("descr", alt)
            document.add_paragraph(caption, style="Caption")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def google_docs(data: bytes) -> bytes:
    """The same document laid out as Google Docs exports it: lower-case style names
    ('heading 1'), its '_gjdgxs' bookmark on the first heading, no docProps/app.xml nor
    custom properties, every part deflated in the order Google writes them."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = sorted(source.namelist(), key=lambda n: (not n.startswith("word/"), n))
        for name in names:
            if name in ("docProps/app.xml", "docProps/custom.xml"):
                continue
            body = source.read(name)
            if name == "word/styles.xml":
                body = re.sub(rb'w:name w:val="Heading ([1-6])"', rb'w:name w:val="heading \1"', body)
                body = body.replace(b'w:name w:val="Title"', b'w:name w:val="Title"')
            if name == "word/document.xml":
                body = body.replace(b'<w:pStyle w:val="Heading1"/></w:pPr>',
                                    b'<w:pStyle w:val="Heading1"/></w:pPr><w:bookmarkStart w:id="0" '
                                    b'w:name="_gjdgxs"/><w:bookmarkEnd w:id="0"/>', 1)
            if name == "[Content_Types].xml":
                body = re.sub(rb'<Override PartName="/docProps/app.xml"[^>]*/>', b"", body)
            if name == "_rels/.rels":
                body = re.sub(rb'<Relationship [^>]*Target="docProps/app.xml"/>', b"", body)
            target.writestr(name, body)
    return out.getvalue()


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def through_libreoffice(data: bytes, folder: Path) -> bytes:
    """The document opened by LibreOffice, saved as .odt, and that .odt saved again as .docx
    by LibreOffice (what a city using LibreOffice sends)."""
    program = soffice()
    assert program, "LibreOffice (soffice) is needed: bash scripts/bootstrap.sh --browser installs it"
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "report.docx"
    source.write_bytes(data)
    profile = f"-env:UserInstallation=file://{folder / 'profile'}"
    for target, path in (("odt", source), ("docx:MS Word 2007 XML", folder / "odt" / "report.odt")):
        out = folder / ("odt" if target == "odt" else "docx")
        subprocess.run([program, profile, "--headless", "--convert-to", target, "--outdir", str(out), str(path)],
                       check=True, capture_output=True, timeout=180)
    return (folder / "docx" / "report.docx").read_bytes()
