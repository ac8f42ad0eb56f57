"""A Word report (.docx) into a draft report: frontmatter from what can be recognised, the
rest as the narrative in Markdown, the pictures as photos.

Pure: bytes and the registries in, an ``Imported`` out (the report's text, its pictures, what
could not be placed); ``adapters.cli`` writes them and runs the validator. The document is
opened by ``load.docx`` (checked whole first), its hidden text removed, then converted to
HTML by mammoth (headings, lists, tables, links, bold and italic kept; Word's styles,
comments and deleted tracked changes dropped), which both readers walk:

- m4c's own template (``outputs.downloads.template_docx``): every answer is found by its
  bookmark (``downloads.anchor``), so each field comes back as it was written;
- any other report: a heading that names a section (``authoring.headings``) sends what
  follows to that field (a list's items to a list field), a line "Label: value" before the
  first section sets a field, and the rest is the narrative; dates, the city and the terms
  are recognised where they can be. What is not found is left to ``authoring.template``'s
  commented placeholders, which the validator reports as still to fill.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import tempfile
import unicodedata
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import mammoth
from babel.dates import get_month_names
from lxml import etree, html
from markdownify import markdownify
from PIL import Image

from m4c_build.authoring.headings import field_of
from m4c_build.authoring.template import Request, report_slug, report_text
from m4c_build.i18n.messages import Message, msg
from m4c_build.load.docx import DOCUMENT, MAX_ENTRY, DocxRefused, Package, check_picture, open_docx
from m4c_build.model import Registry
from m4c_build.outputs.downloads import anchored
from m4c_build.parallel import cores
from m4c_build.schema import walk
from m4c_build.schema.classes import LANGUAGES, PHOTO_MAX_SIDE, Report
from m4c_build.schema.keys import slugify

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STYLE_MAP = "\n".join([
    "p[style-name='Title'] => h1.title:fresh",
    "p[style-name='Subtitle'] => p.subtitle:fresh",
    *(f"p[style-name='{name}'] => p.caption:fresh" for name in ("Caption", "caption", "Figure", "Illustration",
                                                                  "Légende", "Leyenda")),
])
"""Word's title and caption styles (Word, LibreOffice and Google Docs name them so)."""
PUBLISHED_TYPES = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}
CONVERTED_TYPES = frozenset({"image/bmp", "image/tiff", "image/x-ms-bmp"})
"""Pictures Pillow turns into a JPEG the site can publish."""
_PICTURE = "m4c-picture:"
_BLOCKS = frozenset({"p", "ul", "ol", "table", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6"})
_LABELLED = re.compile(r"^\s*([^:\n]{2,40}?)\s*:\s*(.+)$", re.S)
_ITEM = re.compile(r"^(?:[-*+]|\d+[.)]) ", re.M)
_SPLIT = re.compile(r"\s*[,;/]\s*|\s+(?:et|and|y)\s+")
_BULLET = re.compile(r"^\s*(?:[-*•◦▪·]|\d+[.)])\s+")
_TRUE = frozenset({"true", "yes", "oui", "si", "x", "1"})
_FALSE = frozenset({"false", "no", "non", "0"})
_RECORD_AS_TEXT = frozenset({"experts", "actors", "follow_up"})
"""Lists of records whose items can be plain texts (their shorthand: a name, an action)."""


@dataclass(frozen=True)
class Options:
    city: str | None = None
    """``--city``: the city's key, when the document does not name it."""
    language: str | None = None
    """``--lang``: the report's language; by default the one its headings are written in."""
    name: str = "report.docx"
    """The document's file name: its title when it has none."""
    today: dt.date = field(default_factory=dt.date.today)


@dataclass
class Imported:
    """What ``m4c import`` writes: the report and its pictures, paths relative to the content
    folder, and what could not be placed."""

    path: str
    text: str
    media: dict[str, bytes]
    notes: list[Message]
    language: str


@dataclass
class _Picture:
    data: bytes
    content_type: str
    alt: str | None
    caption: str | None = None


@dataclass
class _Reading:
    """What the walk over the document found."""

    values: dict[str, Any] = field(default_factory=dict)
    narrative: list[str] = field(default_factory=list)
    photos: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    """(picture number, the photo's other fields)."""
    notes: list[Message] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    title: str | None = None


# --- Text ---------------------------------------------------------------------------------------


def fold(text: str) -> str:
    """Lower case without accents, every other character kept ('12–14 Février' -> '12–14 fevrier')."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _markdown(element: Any) -> str:
    """An HTML element of mammoth's as Markdown (pictures are photos: left out)."""
    text = markdownify(etree.tostring(element, encoding="unicode", method="html"), heading_style="ATX",
                       bullets="-", strip=["img"], table_infer_header=True)
    return re.sub(r"\n{3,}", "\n\n", str(text)).strip()


def _plain(element: Any) -> str:
    return " ".join(str(element.text_content()).split())


def _items(element: Any) -> list[str]:
    """A list's items as Markdown, each with its nested lists."""
    text = _markdown(element)
    starts = [m.start() for m in _ITEM.finditer(text)]
    return [_ITEM.sub("", text[a:b], count=1).strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


# --- Values ---------------------------------------------------------------------------------------


@cache
def _months() -> dict[str, int]:
    names: dict[str, int] = {}
    for language in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=language).items():
                names.setdefault(fold(name).rstrip("."), number)
    return names


def _month_pattern() -> str:
    return "|".join(sorted((re.escape(n) for n in _months()), key=len, reverse=True))


@cache
def _date_patterns() -> tuple[re.Pattern[str], ...]:
    month = _month_pattern()
    day = r"(\d{1,2})(?:er|st|nd|rd|th|º|°)?"
    to = r"\s*(?:-|–|—|au|to|al|a|and|et|y)\s*"
    return (
        re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b(?:\s*(?:-|–|—|/|au|to|al)\s*(\d{4})-(\d{2})-(\d{2})\b)?"),
        re.compile(rf"\b{day}(?:{to}{day})?\s+(?:de\s+)?({month})\.?\s+(?:de\s+)?(\d{{4}})\b"),
        re.compile(rf"\b({month})\.?\s+{day}(?:{to}{day})?,?\s+(\d{{4}})\b"),
        re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b(?:\s*(?:-|–|—|au|to|al)\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b)?"),
    )


def find_dates(text: str) -> tuple[dt.date, dt.date | None] | None:
    """The first date (and the end of a range) written in ``text`` in any of the languages:
    '2024-03-12', '12/03/2024', '12 mars 2024', '12-14 March 2024', 'del 12 al 14 de marzo de 2024'."""
    folded = fold(text)
    found: list[tuple[int, dt.date, dt.date | None]] = []
    iso, day_month, month_day, numeric = _date_patterns()
    try:
        for m in iso.finditer(folded):
            end = dt.date(int(m[4]), int(m[5]), int(m[6])) if m[4] else None
            found.append((m.start(), dt.date(int(m[1]), int(m[2]), int(m[3])), end))
        for m in day_month.finditer(folded):
            month, year = _months()[m[3]], int(m[4])
            start = dt.date(year, month, int(m[1]))
            found.append((m.start(), start, dt.date(year, month, int(m[2])) if m[2] else None))
        for m in month_day.finditer(folded):
            month, year = _months()[m[1]], int(m[4])
            start = dt.date(year, month, int(m[2]))
            found.append((m.start(), start, dt.date(year, month, int(m[3])) if m[3] else None))
        for m in numeric.finditer(folded):
            end = dt.date(int(m[6]), int(m[5]), int(m[4])) if m[4] else None
            found.append((m.start(), dt.date(int(m[3]), int(m[2]), int(m[1])), end))
    except ValueError:  # '31 février': not a date, read no further
        pass
    if not found:
        return None
    _, start, end = min(found, key=lambda item: item[0])
    return start, (end if end and end > start else None)


def _city(text: str, registry: Registry) -> str | None:
    """The city a text names: a key, a name, or a name inside it ('Mission à Québec')."""
    words = fold(text).strip()
    for key, city in registry.cities.items():
        if words in (key, fold(city.name)):
            return key
    for key, city in sorted(registry.cities.items(), key=lambda kv: -len(kv[1].name)):
        if re.search(rf"(?<!\w){re.escape(fold(city.name))}(?!\w)", words):
            return key
    return None


def _term(ref: str, text: str, registry: Registry) -> str | None:
    """The key of the term of ``ref`` that a text is: its key or a label in any language."""
    wanted = fold(text).strip().rstrip(".")
    choices = registry.choices(ref)
    if wanted in choices:
        return wanted
    if ref == "cities":
        return _city(text, registry)
    terms = registry.terms(ref)
    for key in choices:
        labels = terms[key].labels  # type: ignore[union-attr]
        if any(fold(labels.get(lang)) == wanted for lang in LANGUAGES):
            return key
    return None


def _scalar(f: walk.Field, text: str, registry: Registry, reading: _Reading) -> Any:
    """A cell's or a line's text as the value of ``f`` (a key from a label, a date...)."""
    text = text.strip()
    tp = walk.optional_inner(f.item if f.many else f.tp)
    if f.ref:
        key = _term(f.ref, text, registry)
        if key is None:
            reading.notes.append(msg("import_unknown_term", text=text, field=f.path))
        return key
    if tp is dt.date:
        dates = find_dates(text)
        return dates[0] if dates else text
    if tp is bool:
        word = fold(text)
        return True if word in _TRUE else False if word in _FALSE else text
    if walk.shape(tp)[0] is Literal:
        return fold(text)
    return text


# --- Pictures -------------------------------------------------------------------------------------


def _published(picture: _Picture) -> tuple[bytes, str] | None:
    """The picture as the site publishes it (longest side at most ``PHOTO_MAX_SIDE``) and its
    suffix; None for a format the site cannot show (EMF, WMF...)."""
    kind = picture.content_type.lower()
    if kind not in PUBLISHED_TYPES and kind not in CONVERTED_TYPES:
        return None
    size = check_picture("picture", picture.data)
    if size is None:
        return None
    if kind in PUBLISHED_TYPES and max(size) <= PHOTO_MAX_SIDE:
        return picture.data, PUBLISHED_TYPES[kind]
    with Image.open(io.BytesIO(picture.data)) as image:
        image.load()
        image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE), Image.Resampling.BICUBIC)
        out = io.BytesIO()
        if kind == "image/png" or (kind == "image/gif" and image.mode in ("P", "RGBA")):
            image.save(out, "PNG", optimize=True)
            return out.getvalue(), ".png"
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True)
        return out.getvalue(), ".jpg"


# --- The document ----------------------------------------------------------------------------------


def _without_hidden(document: bytes) -> bytes:
    """document.xml without hidden text (runs marked 'vanish'), which Word does not show."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(document, parser=parser)
    hidden = root.xpath("//w:r[w:rPr/w:vanish[not(@w:val='0' or @w:val='false')]]", namespaces={"w": W})
    if not hidden:
        return document
    for run in hidden:
        run.getparent().remove(run)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _html(package: Package) -> tuple[Any, list[_Picture]]:
    pictures: list[_Picture] = []

    def picture(image: Any) -> dict[str, str]:
        with image.open() as stream:
            data = stream.read(MAX_ENTRY + 1)
        pictures.append(_Picture(data=data, content_type=str(image.content_type or ""), alt=image.alt_text))
        return {"src": f"{_PICTURE}{len(pictures)}"}

    document = _without_hidden(package.parts[DOCUMENT])
    result = mammoth.convert_to_html(package.zipped({DOCUMENT: document}), style_map=STYLE_MAP,
                                     convert_image=mammoth.images.img_element(picture),
                                     external_file_access=False)
    root = html.fragment_fromstring(f"<div>{result.value}</div>")
    return root, pictures


def _picture_numbers(element: Any) -> list[int]:
    return [int(src[len(_PICTURE):]) for src in element.xpath(".//img/@src") if src.startswith(_PICTURE)]


# --- m4c's template -------------------------------------------------------------------------------


def _cell_lines(cell: Any, markdown: bool) -> list[str]:
    lines: list[str] = []
    for block in cell.xpath("./p | ./ul | ./ol | ./table"):
        if block.tag in ("ul", "ol"):
            lines += _items(block) if markdown else [_plain(li) for li in block.xpath("./li")]
        else:
            lines.append(_markdown(block) if markdown else _plain(block))
    return [_BULLET.sub("", line).strip() for line in lines if line.strip()]


def _cell_value(f: walk.Field, cell: Any, registry: Registry, reading: _Reading) -> Any:
    markdown = f.ref is None and walk.optional_inner(f.item if f.many else f.tp) is str and not f.meta.get("pattern")
    lines = _cell_lines(cell, markdown)
    if not lines:
        return None
    if f.many:
        items = [_scalar(f, line, registry, reading) for line in lines]
        return [item for item in items if item is not None]
    return _scalar(f, "\n\n".join(lines), registry, reading)


def _rows(table: Any) -> list[Any]:
    return list(table.xpath("./tr | ./thead/tr | ./tbody/tr"))


def _cells(row: Any) -> list[Any]:
    return list(row.xpath("./td | ./th"))


def _template(root: Any, registry: Registry, reading: _Reading) -> bool:
    """Read every anchored answer of m4c's template; False when the document is not one."""
    by_path = {f.path: f for f in walk.tree(Report)}
    tables = root.xpath("//table[.//a[starts-with(@id, 'm4c_')]]")
    if not tables:
        return False
    for table in tables:
        rows = _rows(table)
        heads = [anchored(a.get("id")) for a in _cells(rows[0])[0].xpath(".//a[@id]")] if rows else []
        first = by_path.get(heads[0] or "") if heads else None
        if first is not None and first.keyed and first.record is not None:
            _template_keyed(first, rows, by_path, registry, reading)
            continue
        columns = [by_path.get(anchored(a[0].get("id")) or "") if (a := c.xpath(".//a[@id]")) else None
                   for c in _cells(rows[0])]
        parent = by_path.get(columns[0].path.rsplit(".", 1)[0]) if columns and columns[0] else None
        if parent is not None and parent.many and parent.record is not None and len(rows) > 1:
            _template_records(parent, columns, rows[1:], registry, reading)
        elif first is not None:
            value = _cell_value(first, _cells(rows[0])[0], registry, reading)
            if value not in (None, []):
                _put(reading.values, first.path, value)
    return True


def _put(values: dict[str, Any], path: str, value: Any) -> None:
    """A nested field's value under its parent's ('assistance.summary' in 'assistance')."""
    head, _, rest = path.partition(".")
    if rest:
        _put(values.setdefault(head, {}), rest, value)
    else:
        values[head] = value


def _template_records(parent: walk.Field, columns: list[walk.Field | None], rows: list[Any],
                      registry: Registry, reading: _Reading) -> None:
    records = []
    for row in rows:
        record: dict[str, Any] = {}
        for column, cell in zip(columns, _cells(row), strict=False):
            if column is None:
                continue
            numbers = _picture_numbers(cell) if parent.name == "photos" and column.name == "file" else []
            if numbers:
                record[column.name] = numbers[0]
                continue
            value = _cell_value(column, cell, registry, reading)
            if value not in (None, []):
                record[column.name] = value
        if record:
            records.append(record)
    if parent.name == "photos":
        for record in records:
            number = record.pop("file", None)
            if isinstance(number, int):
                reading.photos.append((number, record))
    elif records:
        reading.values[parent.name] = records


def _template_keyed(f: walk.Field, rows: list[Any], by_path: dict[str, walk.Field], registry: Registry,
                    reading: _Reading) -> None:
    keys = [_plain(cell) for cell in _cells(rows[0])[1:]]
    found: dict[str, dict[str, Any]] = {}
    for row in rows[1:]:
        cells = _cells(row)
        names = [anchored(a.get("id")) for a in cells[0].xpath(".//a[@id]")] if cells else []
        column = by_path.get(names[0] or "") if names else None
        if column is None:
            continue
        for key, cell in zip(keys, cells[1:], strict=False):
            value = _cell_value(column, cell, registry, reading)
            if value not in (None, []):
                found.setdefault(key, {})[column.name] = value
    if found:
        reading.values[f.name] = found


# --- A free-form report ---------------------------------------------------------------------------


def _level(element: Any) -> int:
    return int(element.tag[1]) if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6") else 0


def _labelled(text: str, registry: Registry, reading: _Reading) -> bool:
    """A line 'Ville : Québec' / 'Dates: 12-14 March 2024' / 'Thèmes : Tourisme, Mobilité'
    before the first section: its field set; False when the label names no field."""
    match = _LABELLED.match(text)
    named = field_of(match[1]) if match else None
    if match is None or named is None:
        return False
    name, language = named
    f = walk.field(Report, name)
    value = match[2].strip()
    reading.languages.append(language)
    if name in ("date", "end_date"):
        dates = find_dates(value)
        if dates is None:
            return False
        reading.values.setdefault("date", dates[0])
        if dates[1]:
            reading.values.setdefault("end_date", dates[1])
    elif f.many and f.record is None:
        items = [_scalar(f, part, registry, reading) for part in _SPLIT.split(value) if part.strip()]
        reading.values[name] = [i for i in dict.fromkeys(items) if i is not None]
    elif f.record is None:
        found = _scalar(f, value, registry, reading)
        if found is None:
            return True
        reading.values[name] = found
    else:
        return False
    return True


@dataclass
class _Section:
    heading: str
    target: str | None
    """The field it fills; None for a heading the table does not know."""
    level: int
    texts: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


def _place(section: _Section, element: Any, number: int, reading: _Reading) -> bool:
    """Add a block to its section's field; False when the field cannot hold it."""
    assert section.target is not None
    f = walk.field(Report, section.target)
    takes_items = (f.many and f.record is None and f.ref is None) or section.target in _RECORD_AS_TEXT
    if element.tag == "table" or (f.record is not None and section.target not in _RECORD_AS_TEXT | {"assistance"}):
        return False
    if f.ref is not None:
        return False
    if takes_items:
        section.items += _items(element) if element.tag in ("ul", "ol") else [_markdown(element)]
    else:
        section.texts.append(_markdown(element))
    return True


def _close(section: _Section | None, registry: Registry, reading: _Reading) -> None:
    if section is None or section.target is None or not (section.texts or section.items):
        return
    name = section.target
    if name == "assistance":
        summary = "\n\n".join(section.texts + [f"- {item}" for item in section.items])
        formats = _formats(summary, registry)
        reading.values["assistance"] = {"summary": summary, **({"formats": formats} if formats else {})}
    elif section.items or walk.field(Report, name).many:
        reading.values[name] = [*reading.values.get(name, []), *section.items, *section.texts]
    else:
        reading.values[name] = "\n\n".join(filter(None, [reading.values.get(name), *section.texts]))


def _formats(text: str, registry: Registry) -> list[str]:
    """The assistance formats whose label a text uses ('un atelier de travail' -> workshop)."""
    words = fold(text)
    terms = registry.vocabulary.assistance_formats
    return [key for key, term in terms.items()
            if any(re.search(rf"(?<!\w){re.escape(fold(label))}(?!\w)", words)
                   for label in {term.labels.get(lang) for lang in LANGUAGES})]


def _free_form(root: Any, registry: Registry, reading: _Reading) -> None:
    section: _Section | None = None
    number = 0
    last_picture: int | None = None
    for element in root:
        if element.tag not in _BLOCKS:
            continue
        numbers = _picture_numbers(element)
        text = _plain(element)
        if numbers:
            reading.photos += [(n, {}) for n in numbers]
            last_picture = numbers[-1]
            if not text:
                continue
        if element.tag == "p" and "caption" in (element.get("class") or "") and last_picture is not None:
            reading.photos[-1][1]["caption"] = text
            last_picture = None
            continue
        last_picture = None
        level = _level(element)
        if level:
            named = field_of(text)
            if reading.title is None and (element.get("class") == "title" or (section is None and named is None
                                                                               and level == 1)):
                reading.title = text
                continue
            _close(section, registry, reading)
            section = _Section(text, named[0] if named else None, level)
            if named:
                reading.languages.append(named[1])
                if not _holds_blocks(named[0]):
                    reading.notes.append(msg("import_section_kept", heading=text, field=named[0]))
                    section.target = None
                    reading.narrative.append("#" * min(level + 1, 6) + " " + text)
                continue
            reading.narrative.append("#" * min(level + 1, 6) + " " + text)
            continue
        if not text and element.tag != "table":
            continue
        number += 1
        if section is None and element.tag == "p" and _labelled(text, registry, reading):
            continue
        if section is not None and section.target is not None and _place(section, element, number, reading):
            continue
        if section is not None:
            kept = (msg("import_kept_table", n=number, heading=section.heading) if element.tag == "table" else
                    msg("import_kept_list", n=number, heading=section.heading) if element.tag in ("ul", "ol") else
                    msg("import_kept_paragraph", n=number, heading=section.heading))
            reading.notes.append(kept)
        reading.narrative.append(_markdown(element))
    _close(section, registry, reading)


def _holds_blocks(name: str) -> bool:
    """A section whose paragraphs and lists can become the field (not the agenda or photos)."""
    f = walk.field(Report, name)
    return f.ref is None and (f.record is None or name in _RECORD_AS_TEXT | {"assistance"})


# --- The import -----------------------------------------------------------------------------------


def _language(reading: _Reading, package: Package, chosen: str | None) -> str:
    if chosen:
        return chosen
    if reading.languages:
        return max(LANGUAGES, key=lambda lang: (reading.languages.count(lang), -LANGUAGES.index(lang)))
    core = package.xml.get("docProps/core.xml")
    tags = [e.text for e in (core.iter() if core is not None else ()) if e.tag.endswith("}language") and e.text]
    tagged = tags[0] if tags else None
    code = (tagged or "").split("-")[0].lower()
    return code if code in LANGUAGES else LANGUAGES[0]


def _photos(reading: _Reading, pictures: list[_Picture], slug: str) -> tuple[list[dict[str, Any]], dict[str, bytes]]:
    """The photos' fields and their files, named ``media/<slug>-1.jpg`` in document order."""
    photos: list[dict[str, Any]] = []
    media: dict[str, bytes] = {}
    # Pillow decodes, scales and encodes without the GIL: the photos share the cores.
    with ThreadPoolExecutor(max_workers=cores()) as pool:
        scaled = list(pool.map(lambda found: _published(pictures[found[0] - 1]), reading.photos))
    for (number, extra), published in zip(reading.photos, scaled, strict=True):
        picture = pictures[number - 1]
        if published is None:
            reading.notes.append(msg("import_picture_format", n=number, kind=picture.content_type or "?"))
            continue
        data, suffix = published
        name = f"media/{slug}-{len(media) + 1}{suffix}"
        media[name] = data
        alt = extra.get("alt") or (picture.alt or "").strip() or None
        photo: dict[str, Any] = {"file": name}
        if alt:
            photo["alt"] = alt
        for key in ("caption", "credit"):
            if extra.get(key) or (key == "caption" and picture.caption):
                photo[key] = extra.get(key) or picture.caption
        photos.append(photo)
    return photos, media


def _without_city(title: str, city: str | None) -> str:
    """'Québec : flux touristiques' -> 'flux touristiques' for the file name, which names the city."""
    if city is None:
        return title
    rest = re.sub(rf"^\W*{re.escape(city)}\W+", "", slugify(title))
    return rest.replace("-", " ") if rest and rest != slugify(title) else title


def import_docx(data: bytes, registry: Registry, options: Options) -> Imported:
    """The draft report a .docx holds (``load.docx.DocxRefused`` when it is refused)."""
    package = open_docx(data)
    try:
        root, pictures = _html(package)
    except (LookupError, ValueError, TypeError, AttributeError, etree.LxmlError, zipfile.BadZipFile) as exc:
        # checked parts that Word would not write (mammoth assumes Word's shapes): one line, not a traceback
        raise DocxRefused(msg("docx_unreadable", reason=type(exc).__name__)) from None
    reading = _Reading()
    if not _template(root, registry, reading):
        _free_form(root, registry, reading)
    values = reading.values
    if options.city:
        values["city"] = options.city
    elif "city" not in values:
        found = _city(" ".join(filter(None, [reading.title, *reading.narrative[:3]])), registry)
        if found:
            values["city"] = found
    title = str(values.get("title") or reading.title or options.name.rsplit(".", 1)[0])
    values.setdefault("title", title)
    if "date" not in values:
        dates = find_dates(" ".join(filter(None, [title, *reading.narrative[:3]])))
        if dates:
            values["date"], end = dates
            if end:
                values["end_date"] = end
    language = _language(reading, package, options.language or values.get("language"))
    values["language"] = language
    date = values.get("date") if isinstance(values.get("date"), dt.date) else None
    city = values.get("city") if isinstance(values.get("city"), str) else None
    slug = report_slug(Request(date=date or options.today, city=city or "city", title=_without_city(title, city)))
    photos, media = _photos(reading, pictures, slug)
    if photos:
        values["photos"] = [*values.get("photos", []), *photos]
    body = "\n\n".join(reading.narrative).strip() + "\n" if reading.narrative else ""
    request = Request(language=language, values=_paths(values))
    text = report_text(request, registry, body=body)
    year = (date or options.today).year
    return Imported(path=f"missions/{year}/{slug}.md", text=text, media=media, notes=reading.notes,
                    language=language)


def _paths(values: dict[str, Any]) -> dict[str, Any]:
    """Field path -> value: a nested record's fields by their path, so that the template
    writes the ones not found as placeholders ('assistance.formats')."""
    flat: dict[str, Any] = {}
    for name, value in values.items():
        f = next((f for f in walk.fields(Report) if f.name == name), None)
        if f is not None and f.record is not None and not f.many and not f.keyed and isinstance(value, dict):
            for key, inner in value.items():
                flat[f"{name}.{key}"] = inner
        else:
            flat[name] = value
    return flat


def files_of(imported: Imported, root: Path) -> dict[Path, bytes]:
    """Every file the import writes under the content folder ``root``, the report first."""
    return {root / imported.path: imported.text.encode("utf-8"),
            **{root / name: data for name, data in imported.media.items()}}



def write_files(files: dict[Path, bytes]) -> None:
    """Write every file or none: each to a temporary file beside it, then all moved into place
    (an error on the way removes what was written)."""
    temporary: list[tuple[Path, Path]] = []
    made: list[Path] = []
    done = False
    try:
        for path, data in files.items():
            missing = [folder for folder in (path.parent, *path.parent.parents) if not folder.exists()]
            path.parent.mkdir(parents=True, exist_ok=True)
            made += reversed(missing)
            handle, name = tempfile.mkstemp(prefix=".m4c-import-", dir=path.parent)
            temporary.append((Path(name), path))
            with os.fdopen(handle, "wb") as out:
                out.write(data)
        for written, path in temporary:
            written.chmod(0o644)
            written.replace(path)
        done = True
    finally:
        for written, _ in temporary:
            written.unlink(missing_ok=True)
        for folder in reversed(made) if not done else ():
            with contextlib.suppress(OSError):
                folder.rmdir()
