"""The report template of ``m4c new``: every schema field, commented in the author's language.

Pure: a ``Request`` in, the Markdown text out (``report_text``), with where the file goes
(``report_path``). The text is derived from ``schema.Report`` through ``schema.walk``, so a field
added there appears here with no edit. What the author must still write holds a ``TODO``
placeholder: the validator flags it as "still to fill", a warning while ``status: draft`` and
an error once the report is published. The file is always written as a draft. The printable
downloads use the same text; ``prompts`` asks for the request and writes the file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import textwrap
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from m4c_build.i18n.fielddocs import translated
from m4c_build.i18n.texts import Strings
from m4c_build.model import Registry
from m4c_build.outputs.editor_schemas import REPORT_SCHEMA
from m4c_build.schema import walk
from m4c_build.schema.classes import KEY_PATTERN, LANGUAGES, MISSION_TYPES, Report
from m4c_build.schema.keys import slugify

SCHEMA_FOLDER = "schema"
"""Folder beside the content folder where editors find ``report.schema.json`` (``m4c new``
refreshes it; it is not committed)."""
MAX_SLUG = 60

_KEY = re.compile(KEY_PATTERN)


def word(language: str, key: str) -> str:
    """One of the template's own words in ``language``: placeholders, markers, body headings
    (the ``template.*`` texts of ``i18n``)."""
    return Strings(language)(f"template.{key}")


def report_fields() -> Iterator[walk.Field]:
    """Every field of a report, nested ones after their parent, in schema order."""
    return walk.tree(Report)


def field_doc(f: walk.Field, language: str) -> str:
    """The field's doc in ``language``; English is the schema's own."""
    return translated(f.path, f.doc, language)


# --- The report text -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """What the author chose; what is None or empty becomes a TODO placeholder."""

    language: str = "fr"
    city: str | None = None
    date: dt.date | None = None
    title: str | None = None
    themes: tuple[str, ...] = ()
    type: str = MISSION_TYPES[0]
    values: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    """More field path -> value ('assistance.summary', 'experts'), read from elsewhere (``m4c
    import``); a record or a list of records is written as a YAML block."""

    def given(self) -> dict[str, Any]:
        """Field path -> value, for the fields the request fills in."""
        values: dict[str, Any] = {"type": self.type, "language": self.language, "status": "draft"}
        for path, value in (("title", self.title), ("city", self.city), ("date", self.date),
                            ("themes", list(self.themes))):
            if value:
                values[path] = value
        values.update(self.values)
        values["status"] = "draft"
        return values


def folded(text: str) -> str:
    """A sort key that puts 'Évora' among the E's."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def _plain(value: str) -> bool:
    """True when a key-like text reads back as itself without quotes ('no' would not)."""
    return bool(_KEY.match(value)) and yaml.safe_load(value) == value


def yaml_value(value: Any) -> str:
    """A value as one line of YAML; texts are quoted unless they are plain keys."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    text = str(value)
    if _plain(text):
        return text
    quoted = yaml.safe_dump(text, allow_unicode=True, default_style='"', width=float("inf"))
    return str(quoted).rstrip("\n")


def _nested(value: Any) -> bool:
    """A value that does not fit on one line: a mapping, a list of mappings, a text of lines."""
    if isinstance(value, list):
        return any(isinstance(v, dict) or (isinstance(v, str) and "\n" in v) for v in value)
    return isinstance(value, dict) or (isinstance(value, str) and "\n" in value)


@dataclass
class _Writer:
    language: str
    registry: Registry | None
    given: Mapping[str, Any]
    lines: list[str] = dataclasses.field(default_factory=list)

    def text(self, key: str) -> str:
        return word(self.language, key)

    def comment(self, indent: int, text: str) -> None:
        for line in textwrap.wrap(text, width=max(40, 98 - indent), break_on_hyphens=False):
            self.lines.append(f"{' ' * indent}# {line}")

    def choices(self, f: walk.Field) -> str:
        """'tourism (Tourism), housing (Housing)' for a field naming registry keys."""
        if f.ref is None or self.registry is None:
            return ""
        if f.ref == "cities":
            cities = sorted(self.registry.cities.items(), key=lambda kv: folded(kv[1].name))
            return ", ".join(f"{key} ({city.name})" for key, city in cities)
        terms = getattr(self.registry.vocabulary, f.ref)
        return ", ".join(f"{key} ({terms[key].labels.get(self.language)})" for key in self.registry.choices(f.ref))

    def placeholder(self, f: walk.Field, example: bool) -> Any:
        """A scalar's value: the given one, the example (in commented examples), or a TODO."""
        if example and f.example is not None:
            return dt.date.fromisoformat(f.example) if f.tp is dt.date else f.example
        if f.tp is dt.date:
            return self.text("todo_date")
        origin, args = walk.shape(f.tp)
        if origin is Literal:
            return args[0]
        return self.text("todo")

    def describe(self, f: walk.Field, indent: int) -> None:
        """The comment above a field: its doc, whether it is required, its possible keys."""
        doc = field_doc(f, self.language)
        word = f"({self.text('optional' if f.optional else 'required')})"
        self.comment(indent, doc if word in doc else f"{doc} {word}")
        choices = self.choices(f)
        if choices:
            self.comment(indent, self.text("choices") + choices)

    def fields(self, cls: type, prefix: str, indent: int, example: bool = False) -> None:
        for f in walk.fields(cls, prefix):
            self.describe(f, indent)
            self.value(f, indent, example)

    def value(self, f: walk.Field, indent: int, example: bool) -> None:
        pad = " " * indent
        default = f.spec.default
        if f.path in self.given and _nested(self.given[f.path]):
            block = yaml.safe_dump({f.name: self.given[f.path]}, allow_unicode=True, sort_keys=False,
                                   default_flow_style=False, width=1_000_000)
            self.lines += [pad + line for line in str(block).splitlines()]
        elif f.path in self.given:
            self.lines.append(f"{pad}{f.name}: {yaml_value(self.given[f.path])}")
        elif f.record is not None and f.keyed:  # keys to sets of fields: an example, commented
            self.lines.append(f"{pad}{f.name}: {{}}")
            self.comment(indent, self.text("example_mapping"))
            start = len(self.lines)
            self.lines.append(f"{pad}  {self.example_key(f)}:")
            self.fields(f.record, f.path + ".", indent + 4)
            self.lines[start:] = [f"{pad}# {line[indent:]}" for line in self.lines[start:]]
        elif f.record is not None and f.item is None:  # a nested set of fields
            self.lines.append(f"{pad}{f.name}:")
            self.fields(f.record, f.path + ".", indent + 2, example)
        elif f.record is not None:  # a list of sets of fields
            if f.optional and not example:
                self.lines.append(f"{pad}{f.name}: []")
                self.comment(indent, self.text("example"))
                start = len(self.lines)
                self.item(f, indent, example=True)
                self.lines[start:] = [f"{pad}# {line[indent:]}" for line in self.lines[start:]]
            else:
                self.lines.append(f"{pad}{f.name}:")
                self.item(f, indent, example)
        elif f.item is not None:  # a list of texts or keys
            required = not f.optional or example
            inner = dataclasses.replace(f, tp=f.item, required=True)
            items = [self.placeholder(inner, example)] if required else []
            self.lines.append(f"{pad}{f.name}: {yaml_value(items)}")
        elif not f.optional or example:
            self.lines.append(f"{pad}{f.name}: {yaml_value(self.placeholder(f, example))}".rstrip())
        else:
            value = None if default is dataclasses.MISSING else default
            self.lines.append(f"{pad}{f.name}: {yaml_value(value)}".rstrip())

    def example_key(self, f: walk.Field) -> str:
        """The key of a mapping's commented example: the schema's, unless it is the language
        the author writes in (a translation into it would be refused), then another choice."""
        key = str(f.meta.get("example_key") or "")
        choices = [str(c) for c in walk.shape(walk.shape(f.tp)[1][0])[1]]
        if key == self.language and choices:
            key = next(c for c in choices if c != self.language)
        return key

    def item(self, f: walk.Field, indent: int, example: bool) -> None:
        """One list item of a list of sets of fields: '- ' on its first (comment) line."""
        assert f.record is not None
        start = len(self.lines)
        self.fields(f.record, f.path + ".", indent + 4, example)
        first = self.lines[start]
        self.lines[start] = f"{' ' * (indent + 2)}- {first[indent + 4:]}"


def report_text(request: Request, registry: Registry | None = None, *,
                schema_ref: str | None = None, body: str | None = None) -> str:
    """A new report: frontmatter with every schema field, commented, then body headings (or
    ``body``, the narrative read from elsewhere)."""
    if request.language not in LANGUAGES:
        raise ValueError(f"unknown language {request.language!r}")  # the caller checks it
    writer = _Writer(request.language, registry, request.given())
    lines = ["---"]
    if schema_ref:
        lines.append(f"# yaml-language-server: $schema={schema_ref}")
    lines += [f"# {line}" for line in writer.text("head").splitlines()]
    writer.lines = lines
    for f in walk.fields(Report):
        writer.lines.append("")
        writer.describe(f, 0)
        writer.value(f, 0, example=False)
    return "\n".join(writer.lines) + "\n---\n\n" + (writer.text("body") if body is None else body)


def report_slug(request: Request) -> str:
    """'2024-quebec-tourist-flows': year, city, then the title's first words."""
    assert request.date and request.city and request.title
    words = slugify(request.title)[:MAX_SLUG].rstrip("-")
    if len(slugify(request.title)) > MAX_SLUG and "-" in words:
        words = words.rsplit("-", 1)[0]
    return f"{request.date.year}-{request.city}-{words or 'mission'}"


def report_path(root: Path, request: Request) -> Path:
    """content/missions/<year>/<slug>.md."""
    assert request.date
    return root / "missions" / str(request.date.year) / f"{report_slug(request)}.md"


def schema_ref_for(path: Path, root: Path) -> str:
    """The schema as a path relative to the report: ``<project>/schema/report.schema.json``."""
    target = root.resolve().parent / SCHEMA_FOLDER / REPORT_SCHEMA
    return Path(os.path.relpath(target, path.resolve().parent)).as_posix()
