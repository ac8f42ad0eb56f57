"""Open data: the published missions as JSON and CSV, with a JSON Schema of the JSON.

Pure functions over validated content. Only published missions go out, and only public
fields: no draft, no contact (the schema marks it ``private``). Each record's fields are
declared once, in ``FIELDS``: the JSON, the CSV columns and the JSON Schema all come from it.

An export is in one language: the title, summary and lessons are a report's translation into it
when a person wrote one (``translated`` lists which), and the names of themes, topics, regions
and formats come in every language of the programme, so any export serves every reader.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from m4c_build.i18n.countries import country_name
from m4c_build.model import Content, Mission, Registry
from m4c_build.schema import walk
from m4c_build.schema.classes import FOLLOW_UP_STATUSES, KEY_PATTERN, LANGUAGES, MISSION_TYPES, City
from m4c_build.site.urls import absolute, mission_url

EXPORT_VERSION = 2
"""2: vocabulary names in fr, en and es; texts translated into the export's language."""
LIST_SEPARATOR = " | "
"""How the CSV joins a list in one cell."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A CSV cell starting with these runs as a formula in spreadsheets (OWASP's CSV injection list):
it gets a leading quote."""


@dataclass(frozen=True)
class Context:
    """What a record needs besides its mission."""

    registry: Registry
    base_url: str
    language: str

    def label(self, vocabulary: str, key: str, language: str) -> str:
        terms = getattr(self.registry.vocabulary, vocabulary)
        return str(terms[key].labels.get(language))


@dataclass(frozen=True)
class ExportField:
    """One field of an exported mission: its JSON Schema, its doc and how to read it."""

    name: str
    schema: dict[str, Any]
    doc: str
    value: Callable[[Mission, Context], Any]
    csv: Callable[[Any], str] | None = None
    """How the CSV writes the value; None for the default (lists joined)."""
    by_language: bool = False
    """The value maps each language to a value: the CSV has a column per language
    (``theme_names_fr``...)."""

    def columns(self) -> list[str]:
        """Its CSV columns."""
        return [f"{self.name}_{lang}" for lang in LANGUAGES] if self.by_language else [self.name]


_COUNTRY_PATTERN = walk.field(City, "country").meta["pattern"]
_TEXT: dict[str, Any] = {"type": "string"}
_OPTIONAL_TEXT: dict[str, Any] = {"type": ["string", "null"]}
_DATE: dict[str, Any] = {"type": "string", "format": "date"}
_TEXTS: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
_EXPERT: dict[str, Any] = {
    "type": "object",
    "properties": {"name": _TEXT, "origin": _OPTIONAL_TEXT, "international": {"type": "boolean"}},
    "required": ["name", "origin", "international"],
    "additionalProperties": False,
}
_FOLLOW_UP: dict[str, Any] = {
    "type": "object",
    "properties": {"action": _TEXT, "owner": _OPTIONAL_TEXT,
                   "due": {"type": ["string", "null"], "format": "date"},
                   "status": {"enum": [*FOLLOW_UP_STATUSES, None]}},
    "required": ["action", "owner", "due", "status"],
    "additionalProperties": False,
}


def _city(m: Mission, c: Context) -> Any:
    return c.registry.cities[m.report.city]


Reader = Callable[[Mission, Context], Any]


def _names(vocabulary: str, keys: Callable[[Mission, Context], list[str]]) -> Reader:
    """The names of a mission's terms in each language: {"fr": [...], "en": [...], "es": [...]}."""
    return lambda m, c: {lang: [c.label(vocabulary, k, lang) for k in keys(m, c)] for lang in LANGUAGES}


def _names_schema(schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": dict.fromkeys(LANGUAGES, schema),
            "required": list(LANGUAGES), "additionalProperties": False}


_TRANSLATABLE = ("title", "summary", "lessons")
"""The exported texts a report's translation can stand in for."""


def _translated(m: Mission, c: Context) -> list[str]:
    reading = m.reading(c.language)
    return [name for name in _TRANSLATABLE
            if (reading.summary_lang if name == "summary" else reading.lang(name)) != m.report.language]


def _joined(values: Any) -> str:
    return LIST_SEPARATOR.join("" if v is None else str(v) for v in values)


FIELDS: tuple[ExportField, ...] = (
    ExportField("slug", {"type": "string", "pattern": KEY_PATTERN},
                "The mission's key: its page is missions/<slug>/.", lambda m, c: m.slug),
    ExportField("url", {"type": "string"}, "Address of the mission's page.",
                lambda m, c: absolute(c.base_url, mission_url(m.slug))),
    ExportField("title", _TEXT, "Title of the mission, translated into the export's language when "
                "a person did it (see 'translated').", lambda m, c: m.reading(c.language).title),
    ExportField("summary", _TEXT, "One line on the mission (its issue when it has no summary), "
                "translated like the title.", lambda m, c: m.reading(c.language).summary),
    ExportField("city", _TEXT, "Key of the city in cities.yml.", lambda m, c: m.report.city),
    ExportField("city_name", _TEXT, "Name of the city.", lambda m, c: _city(m, c).name),
    ExportField("country", {"type": "string", "pattern": _COUNTRY_PATTERN},
                "ISO 3166-1 alpha-2 code of the country.", lambda m, c: _city(m, c).country),
    ExportField("country_name", _TEXT, "Name of the country in the export's language.",
                lambda m, c: country_name(_city(m, c).country, c.language)),
    ExportField("region", _TEXT, "Key of the OWHC region.", lambda m, c: _city(m, c).region),
    ExportField("region_name", _names_schema(_TEXT), "Name of the OWHC region in fr, en and es.",
                lambda m, c: {lang: c.label("regions", _city(m, c).region, lang) for lang in LANGUAGES},
                by_language=True),
    ExportField("location", {"type": "array", "items": {"type": "number"}, "minItems": 2,
                             "maxItems": 2},
                "[latitude, longitude] of the city, in decimal degrees.",
                lambda m, c: list(_city(m, c).location)),
    ExportField("date", _DATE, "First day of the mission.", lambda m, c: m.report.date.isoformat()),
    ExportField("end_date", _DATE, "Last day of the mission (the first day for one day).",
                lambda m, c: m.end.isoformat()),
    ExportField("type", {"enum": list(MISSION_TYPES)},
                "technical-assistance, or exploratory for a partnership mission.",
                lambda m, c: m.report.type),
    ExportField("language", {"enum": list(LANGUAGES)}, "Language the report is written in.",
                lambda m, c: m.report.language),
    ExportField("translated", {"type": "array", "items": {"enum": list(_TRANSLATABLE)}},
                "Which of title, summary and lessons are a translation (written by a person) from "
                "the report's language into the export's; the others are as the report has them.",
                _translated),
    ExportField("themes", _TEXTS, "Keys of the themes.", lambda m, c: list(m.report.themes)),
    ExportField("theme_names", _names_schema(_TEXTS), "Names of the themes in fr, en and es.",
                _names("themes", lambda m, c: m.report.themes), by_language=True),
    ExportField("topics", _TEXTS, "Keys of the heritage topics.",
                lambda m, c: list(m.report.heritage_topics)),
    ExportField("topic_names", _names_schema(_TEXTS), "Names of the heritage topics in fr, en and es.",
                _names("heritage_topics", lambda m, c: m.report.heritage_topics), by_language=True),
    ExportField("formats", _TEXTS, "Keys of the assistance formats.",
                lambda m, c: list(m.report.assistance.formats)),
    ExportField("format_names", _names_schema(_TEXTS), "Names of the assistance formats in fr, en and es.",
                _names("assistance_formats", lambda m, c: m.report.assistance.formats), by_language=True),
    ExportField("experts", {"type": "array", "items": _EXPERT},
                "The experts: name, where they come from, and whether they are international.",
                lambda m, c: [{"name": e.name, "origin": e.origin, "international": e.international}
                              for e in m.report.experts],
                csv=lambda v: _joined(f"{e['name']} ({e['origin']})" if e["origin"] else e["name"]
                                      for e in v)),
    ExportField("international_experts", {"type": "integer", "minimum": 0},
                "How many experts were international.",
                lambda m, c: sum(e.international for e in m.report.experts), csv=str),
    ExportField("lessons", _TEXTS, "Lessons learned, translated like the title.",
                lambda m, c: m.reading(c.language).lessons),
    ExportField("follow_up", {"type": "array", "items": _FOLLOW_UP},
                "Follow-up actions: what, who, when, and where it stands.",
                lambda m, c: [{"action": f.action, "owner": f.owner,
                               "due": f.due.isoformat() if f.due else None, "status": f.status}
                              for f in m.report.follow_up],
                csv=lambda v: _joined(f"{i['action']} ({i['status']})" if i["status"]
                                      else i["action"] for i in v)),
)


def records(content: Content, base_url: str, language: str) -> list[dict[str, Any]]:
    """One plain record per published mission, newest first."""
    context = Context(content.registry, base_url, language)
    return [{f.name: f.value(m, context) for f in FIELDS} for m in content.public_missions]


def missions_json(content: Content, base_url: str, language: str,
                  rows: list[dict[str, Any]] | None = None) -> str:
    """data/missions.json: every published mission, public fields only (``rows``: its
    ``records`` when the caller has them). One mission a line: a diff between two exports shows
    the missions that changed, and the file is written by the json module's fast encoder (an
    indented file is written by its slow one: seconds at 10,000 missions)."""
    header = {"version": EXPORT_VERSION, "language": language, "source": absolute(base_url, "") or None}
    missions = records(content, base_url, language) if rows is None else rows
    lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in missions)
    return json.dumps(header, ensure_ascii=False)[:-1] + ', "missions": [\n' + lines + "\n]}\n"


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?", re.ASCII)
"""A plain number (a negative longitude) is no formula: it stays a number for spreadsheets. ASCII
digits only: "-٣" is no number to a spreadsheet."""


def _cell(value: str) -> str:
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _csv_text(f: ExportField, value: Any) -> str:
    if f.csv is not None:
        return f.csv(value)
    if isinstance(value, list):
        return _joined(value)
    return "" if value is None else str(value)


def missions_csv(content: Content, base_url: str, language: str,
                 rows: list[dict[str, Any]] | None = None) -> str:
    """data/missions.csv: one row per published mission; lists joined with ' | ', names in a
column per language (``rows``: its ``records`` when the caller has them)."""
    out = io.StringIO()
    # "\r\n" (RFC 4180) is also csv's default: without it, an equivalent mutant (benchmarks/mutation.py)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([column for f in FIELDS for column in f.columns()])
    for record in records(content, base_url, language) if rows is None else rows:
        row = []
        for f in FIELDS:
            values = [record[f.name][lang] for lang in LANGUAGES] if f.by_language else [record[f.name]]
            row += [_cell(_csv_text(f, value)) for value in values]
        writer.writerow(row)
    return out.getvalue()


def export_schema(base_url: str = "") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of data/missions.json."""
    mission = {
        "type": "object",
        "properties": {f.name: {"description": f.doc, **f.schema} for f in FIELDS},
        "required": [f.name for f in FIELDS],
        "additionalProperties": False,
    }
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Mission4City missions",
        "description": "The published missions of the Mission4City knowledge base.",
        "type": "object",
        "properties": {
            "version": {"const": EXPORT_VERSION},
            "language": {"enum": list(LANGUAGES),
                         "description": "Language of the export: of the country names, and of "
                                        "the texts a person translated (see 'translated')."},
            "source": {"type": ["string", "null"], "description": "Address of the site."},
            "missions": {"type": "array", "items": {"$ref": "#/$defs/mission"}},
        },
        "required": ["version", "language", "source", "missions"],
        "additionalProperties": False,
        "$defs": {"mission": mission},
    }
    if base_url:
        schema["$id"] = absolute(base_url, "data/missions.schema.json")
    return schema
