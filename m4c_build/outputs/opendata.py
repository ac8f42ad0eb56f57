"""Open data: the published missions, and their lessons, solution paths and difficulties one
record each, as JSON and CSV, with a JSON Schema of each JSON and a Frictionless Data Package
(``datapackage.json``, a Table Schema of each CSV) for data tools.

Pure functions over validated content. Only published missions go out, and only public
fields: no draft, no contact (the schema marks it ``private``). Each record's fields are
declared once, in ``FIELDS`` (a mission) and ``LESSON_FIELDS`` (a lesson, which repeats its
mission's context from ``FIELDS``): the JSON, the CSV columns, the JSON Schema and the Table
Schema all come from them.

An export is in one language: the title, summary and lessons are a report's translation into it
when a person wrote one (``translated`` lists which), and the names of themes, topics, regions
and formats come in every language of the programme, so any export serves every reader.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cached_property, partial
from typing import Any

from m4c_build.i18n.countries import country_name
from m4c_build.model import FINDINGS, Content, Finding, Mission, Registry
from m4c_build.schema import walk
from m4c_build.schema.classes import FOLLOW_UP_STATUSES, KEY_PATTERN, LANGUAGES, MISSION_TYPES, City
from m4c_build.site.urls import absolute, mission_url

EXPORT_VERSION = 4
"""2: vocabulary names in fr, en and es; texts translated into the export's language.
3: the CSV's ``location`` in two columns, ``latitude`` and ``longitude``, and a byte-order mark.
4: factors, results, success factors and transferability; lessons.json and lessons.csv."""
LIST_SEPARATOR = " | "
"""How the CSV joins a list in one cell."""
CSV_ENCODING = "utf-8-sig"
"""UTF-8 with a byte-order mark: a spreadsheet opened by double-click (Excel) reads UTF-8, and
keeps 'Québec', only when the file starts with one. The data package declares ``utf-8`` (the
IANA name: the mark is UTF-8's own signature, which frictionless, pandas and readr drop)."""
CSV_LINES = "\r\n"
"""RFC 4180's line ending."""
DATA_PACKAGE = "datapackage.json"
"""Beside missions.csv: what data tools (frictionless, Open Knowledge's tools, CKAN) read first."""

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
        return self._labels[(vocabulary, key, language)]

    @cached_property
    def _labels(self) -> _Labels:
        return _Labels(self.registry)


class _Labels(dict[tuple[str, str, str], str]):
    """Terms' names by (vocabulary, key, language), each read from the registry once: a large
    export asks for the same few hundred names millions of times."""

    def __init__(self, registry: Registry) -> None:
        super().__init__()
        self.registry = registry

    def __missing__(self, wanted: tuple[str, str, str]) -> str:
        vocabulary, key, language = wanted
        name = self[wanted] = str(getattr(self.registry.vocabulary, vocabulary)[key].labels.get(language))
        return name


@dataclass(frozen=True)
class Column:
    """One column of missions.csv: its name, its Table Schema field (type, constraints,
    description) and the text of its cell from its field's value."""

    name: str
    table: dict[str, Any]
    text: Callable[[Any], str]


@dataclass(frozen=True)
class ExportField:
    """One field of an exported record (a mission, a lesson): its JSON Schema, its doc and how
    to read it from the record."""

    name: str
    schema: dict[str, Any]
    doc: str
    value: Callable[[Any, Context], Any]
    csv: Callable[[Any], str] | None = None
    """How the CSV writes the value; None for the default (lists joined)."""
    csv_doc: str = ""
    """What the CSV's cell holds, when ``csv`` writes it otherwise than the items joined."""
    by_language: bool = False
    """The value maps each language to a value: the CSV has a column per language
    (``theme_names_fr``...)."""
    parts: tuple[tuple[str, str], ...] = ()
    """The value is a list whose items the CSV writes a column each: (column, doc) of each
    (``location``: ``latitude`` and ``longitude``, numbers a spreadsheet maps)."""

    def columns(self) -> list[Column]:
        """Its CSV columns."""
        if self.parts:
            item = _table_type(self.schema["items"])
            return [Column(name, {**item, "description": doc}, partial(_part, index))
                    for index, (name, doc) in enumerate(self.parts)]
        if self.by_language:
            return [Column(f"{self.name}_{lang}",
                           {**_table_type(self.schema["properties"][lang]),
                            "description": f"{self._table_doc()} This column: {lang}."},
                           partial(_in_language, self._text, lang)) for lang in LANGUAGES]
        return [Column(self.name, {**_table_type(self.schema), "description": self._table_doc()}, self._text)]

    def _text(self, value: Any) -> str:
        if self.csv is not None:
            return self.csv(value)
        if isinstance(value, list):
            return _joined(value)
        return "" if value is None else str(value)

    def _table_doc(self) -> str:
        listed = self.schema.get("type") == "array" or (
            self.by_language and self.schema["properties"][LANGUAGES[0]].get("type") == "array")
        if self.csv_doc:
            return f"{self.doc} In the CSV: {self.csv_doc}"
        return f"{self.doc} In the CSV, joined with '{LIST_SEPARATOR}'." if listed else self.doc


def _part(index: int, value: Any) -> str:
    item = value[index]
    # A number in positional notation: str() writes 1e-05, which is no number to a spreadsheet.
    return format(Decimal(repr(item)), "f") if isinstance(item, float) else str(item)


def _in_language(text: Callable[[Any], str], language: str, value: Any) -> str:
    return text(value[language])


def _table_type(schema: dict[str, Any]) -> dict[str, Any]:
    """The Table Schema type (and constraints) of a CSV cell holding a value of JSON Schema
    ``schema``: lists and objects are text in one cell. Keys, dates and numbers are never
    empty: required."""
    if "enum" in schema:
        return {"type": "string", "constraints": {"required": None not in schema["enum"],
                                                  "enum": [v for v in schema["enum"] if v is not None]}}
    kind = schema.get("type")
    if kind == "string" and schema.get("format") == "date":
        return {"type": "date", "constraints": {"required": True}}
    if kind == "string" and "pattern" in schema:
        return {"type": "string", "constraints": {"required": True, "pattern": schema["pattern"]}}
    if kind in ("integer", "number"):
        bounds = {"minimum": schema["minimum"]} if "minimum" in schema else {}
        return {"type": kind, "constraints": {"required": True, **bounds}}
    return {"type": "string"}


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
                   "status": {"enum": [*FOLLOW_UP_STATUSES, None]},
                   "done": {"type": ["string", "null"], "format": "date"}},
    "required": ["action", "owner", "due", "status", "done"],
    "additionalProperties": False,
}


def _city(m: Mission, c: Context) -> Any:
    return c.registry.cities[m.report.city]


Reader = Callable[[Mission, Context], Any]


def _names(vocabulary: str, keys: Callable[[Mission, Context], list[str]]) -> Reader:
    """The names of a mission's terms in each language: {"fr": [...], "en": [...], "es": [...]}."""
    def names(m: Mission, c: Context) -> dict[str, list[str]]:
        found = keys(m, c)
        return {lang: [c.label(vocabulary, k, lang) for k in found] for lang in LANGUAGES}
    return names


def _names_schema(schema: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": dict.fromkeys(LANGUAGES, schema),
            "required": list(LANGUAGES), "additionalProperties": False}


_TRANSLATABLE = ("title", "summary", "lessons", "results", "success_factors", "transferability")
"""The exported texts a report's translation can stand in for."""


def _primaries(m: Mission, c: Context) -> list[str]:
    """The primary factors of a report's secondary ones, once each, in their order."""
    return c.registry.primary_factors(m.report.factors)


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
                lambda m, c: list(_city(m, c).location),
                parts=(("latitude", "Latitude of the city, in decimal degrees (WGS 84)."),
                       ("longitude", "Longitude of the city, in decimal degrees (WGS 84)."))),
    ExportField("date", _DATE, "First day of the mission.", lambda m, c: m.report.date.isoformat()),
    ExportField("end_date", _DATE, "Last day of the mission (the first day for one day).",
                lambda m, c: m.end.isoformat()),
    ExportField("type", {"enum": list(MISSION_TYPES)},
                "technical-assistance, or exploratory for a partnership mission.",
                lambda m, c: m.report.type),
    ExportField("language", {"enum": list(LANGUAGES)}, "Language the report is written in.",
                lambda m, c: m.report.language),
    ExportField("translated", {"type": "array", "items": {"enum": list(_TRANSLATABLE)}},
                "Which of title, summary, lessons, results, success_factors and transferability are a "
                "translation (written by a person) from the report's language into the export's; the "
                "others are as the report has them.",
                _translated),
    ExportField("themes", _TEXTS, "Keys of the themes.", lambda m, c: list(m.report.themes)),
    ExportField("theme_names", _names_schema(_TEXTS), "Names of the themes in fr, en and es.",
                _names("themes", lambda m, c: m.report.themes), by_language=True),
    ExportField("topics", _TEXTS, "Keys of the heritage topics.",
                lambda m, c: list(m.report.heritage_topics)),
    ExportField("topic_names", _names_schema(_TEXTS), "Names of the heritage topics in fr, en and es.",
                _names("heritage_topics", lambda m, c: m.report.heritage_topics), by_language=True),
    ExportField("factors", _TEXTS, "Keys of the factors affecting the World Heritage property "
                "(UNESCO's standard list): the secondary factors the report names.",
                lambda m, c: list(m.report.factors)),
    ExportField("factor_names", _names_schema(_TEXTS), "Names of the factors in fr, en and es.",
                _names("factors", lambda m, c: m.report.factors), by_language=True),
    ExportField("primary_factors", _TEXTS, "Keys of the primary factors of those factors, once each.",
                _primaries),
    ExportField("primary_factor_names", _names_schema(_TEXTS),
                "Names of the primary factors in fr, en and es.",
                _names("factors", _primaries), by_language=True),
    ExportField("formats", _TEXTS, "Keys of the assistance formats.",
                lambda m, c: list(m.report.assistance.formats)),
    ExportField("format_names", _names_schema(_TEXTS), "Names of the assistance formats in fr, en and es.",
                _names("assistance_formats", lambda m, c: m.report.assistance.formats), by_language=True),
    ExportField("experts", {"type": "array", "items": _EXPERT},
                "The experts: name, where they come from, and whether they are international.",
                lambda m, c: [{"name": e.name, "origin": e.origin, "international": e.international}
                              for e in m.report.experts],
                csv=lambda v: _joined(f"{e['name']} ({e['origin']})" if e["origin"] else e["name"]
                                      for e in v),
                csv_doc=f"each 'name (origin)', joined with '{LIST_SEPARATOR}'."),
    ExportField("international_experts", {"type": "integer", "minimum": 0},
                "How many experts were international.",
                lambda m, c: sum(e.international for e in m.report.experts), csv=str),
    ExportField("lessons", _TEXTS, "Lessons learned, translated like the title.",
                lambda m, c: m.reading(c.language).lessons),
    ExportField("results", _TEXTS, "What changed after the mission, with its evidence; translated "
                "into the export's language when a person did it.",
                lambda m, c: list(m.reading(c.language).text("results"))),
    ExportField("success_factors", _TEXTS, "What made it work; translated like the results.",
                lambda m, c: list(m.reading(c.language).text("success_factors"))),
    ExportField("transferability", _OPTIONAL_TEXT, "What another city needs to reuse it: conditions, "
                "costs, people, time; translated like the results. Null (an empty cell) when the "
                "report does not say.", lambda m, c: m.reading(c.language).text("transferability")),
    ExportField("follow_up", {"type": "array", "items": _FOLLOW_UP},
                "Follow-up actions: what, who, when, and where it stands.",
                lambda m, c: [{"action": f.action, "owner": f.owner,
                               "due": f.due.isoformat() if f.due else None, "status": f.status,
                               "done": f.done.isoformat() if f.done else None}
                              for f in m.report.follow_up],
                csv=lambda v: _joined(f"{i['action']} ({i['status']})" if i["status"]
                                      else i["action"] for i in v),
                csv_doc=f"each 'action (status)', joined with '{LIST_SEPARATOR}'."),
)


_FIELD = {f.name: f for f in FIELDS}


def records(content: Content, base_url: str, language: str) -> list[dict[str, Any]]:
    """One plain record per published mission, newest first."""
    context = Context(content.registry, base_url, language)
    return [{f.name: f.value(m, context) for f in FIELDS} for m in content.public_missions]


# --- Lessons: one record per lesson, solution path and difficulty ------------------------------


@dataclass(frozen=True)
class Lesson:
    """A lesson, solution path or difficulty as written, with what people translated it into."""

    finding: Finding
    translations: dict[str, str | None]
    """Language -> a person's translation; None where nobody translated it (and in the
    report's own language)."""


def lessons_of(mission: Mission) -> list[Lesson]:
    """Every lesson, solution path and difficulty of ``mission``, in the order of the page."""
    original = mission.report.language
    readings = [mission.reading(lang) for lang in LANGUAGES if lang != original]
    return [Lesson(finding, {lang: None for lang in LANGUAGES} | {
                r.language: r.text(FINDINGS[finding.kind])[finding.number - 1]
                for r in readings if r.has(FINDINGS[finding.kind])})
            for finding in mission.reading(original).findings()]


def _address(lesson: Lesson, c: Context) -> str:
    finding = lesson.finding
    return absolute(c.base_url, mission_url(finding.mission.slug)) + "#" + finding.anchor


def _of_mission(value: Callable[[Mission, Context], Any], lesson: Lesson, c: Context) -> Any:
    return value(lesson.finding.mission, c)


LESSON_OWN: tuple[ExportField, ...] = (
    ExportField("id", {"type": "string", "pattern": rf"{KEY_PATTERN[:-1]}#(?:{'|'.join(FINDINGS)})-[1-9][0-9]*$"},
                "The record's key: its mission's slug, '#', then its kind and number "
                "('2024-quebec-hiver#lesson-2'), as in its address.",
                lambda r, c: f"{r.finding.mission.slug}#{r.finding.anchor}"),
    ExportField("url", _TEXT, "Address of the record on its mission's page "
                "(missions/<slug>/#lesson-2): it stays when the report's other sections change.",
                _address),
    ExportField("kind", {"enum": list(FINDINGS)}, "lesson, solution (a solution path) or difficulty.",
                lambda r, c: r.finding.kind),
    ExportField("number", {"type": "integer", "minimum": 1},
                "Its place in its mission's list of its kind, from 1.", lambda r, c: r.finding.number,
                csv=str),
    ExportField("text", _TEXT, "The text as the report writes it, in the report's language.",
                lambda r, c: r.finding.text),
    ExportField("language", {"enum": list(LANGUAGES)}, "Language of the report, and so of 'text'.",
                lambda r, c: r.finding.lang),
    ExportField("translation", _names_schema(_OPTIONAL_TEXT),
                "The text as a person translated it into fr, en and es (the report's "
                "translations); null (an empty cell) where nobody did, and in the report's own "
                "language.", lambda r, c: r.translations, by_language=True),
    ExportField("year", {"type": "integer", "minimum": 1}, "Year of the mission.",
                lambda r, c: r.finding.mission.year, csv=str),
)
"""What a lesson has of its own."""

LESSON_CONTEXT: tuple[tuple[str, str, str], ...] = (
    ("mission", "slug", "Key of the mission: its page is missions/<slug>/ (the 'slug' of "
                        "missions.csv)."),
    ("mission_title", "title", "Title of the mission, translated into the export's language when "
                               "a person did it."),
    *((name, name, "") for name in (
        "city", "city_name", "country", "country_name", "region", "region_name", "date", "type",
        "themes", "theme_names", "topics", "topic_names", "factors", "factor_names", "primary_factors",
        "primary_factor_names", "formats", "format_names")),
)
"""The mission's fields each lesson repeats: (the lesson's name, the mission's, a doc of its
own or '' for the mission's). Its keys and their names, to filter and read a lesson alone; not
its results, success factors and transferability (each lesson would repeat them: at 10,000
reports lessons.json would pass 200 MB in each language): they are in missions.json and
missions.csv, one join away by ``mission`` (the Data Package's foreign key)."""

LESSON_SHARED: tuple[ExportField, ...] = tuple(
    replace(_FIELD[source], name=name, doc=doc or _FIELD[source].doc,
            value=partial(_of_mission, _FIELD[source].value))
    for name, source, doc in LESSON_CONTEXT)

LESSON_FIELDS: tuple[ExportField, ...] = (*LESSON_OWN, *LESSON_SHARED)
"""The fields of a record of lessons.json, and the columns of lessons.csv."""


LessonGroup = tuple[dict[str, Any], list[dict[str, Any]]]
"""A published mission's lessons: the context they share (its keys and names), then each one's
own fields."""


def lesson_groups(content: Content, base_url: str, language: str,
                  rows: list[dict[str, Any]] | None = None) -> list[LessonGroup]:
    """Each published mission's lessons with the context they repeat, taken from the mission's
    record (computed once for all its lessons; ``rows``: the missions' ``records`` when the
    caller has them). lessons.json and lessons.csv are written from the same groups."""
    context = Context(content.registry, base_url, language)
    missions = content.public_missions
    return [({name: record[source] for name, source, _ in LESSON_CONTEXT},
             [{f.name: f.value(lesson, context) for f in LESSON_OWN} for lesson in lessons_of(mission)])
            for mission, record in zip(missions, records(content, base_url, language) if rows is None else rows,
                                       strict=True)]


def lesson_records(content: Content, base_url: str, language: str,
                   rows: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """One plain record per lesson, solution path and difficulty of the published missions, in
    the missions' order (newest first), then lessons, solutions and difficulties, each list in
    its order (``rows``: the missions' ``records`` when the caller has them)."""
    return [{**own, **shared} for shared, lessons in lesson_groups(content, base_url, language, rows)
            for own in lessons]


def _json_file(header: dict[str, Any], key: str, lines: Iterator[str] | list[str]) -> str:
    """One record a line: a diff between two exports shows the records that changed, and the
    file is written by the json module's fast encoder (an indented file is written by its slow
    one: seconds at 10,000 missions)."""
    return json.dumps(header, ensure_ascii=False)[:-1] + f', "{key}": [\n' + ",\n".join(lines) + "\n]}\n"


def _header(base_url: str, language: str) -> dict[str, Any]:
    return {"version": EXPORT_VERSION, "language": language, "source": absolute(base_url, "") or None}


def missions_json(content: Content, base_url: str, language: str,
                  rows: list[dict[str, Any]] | None = None) -> str:
    """data/missions.json: every published mission, public fields only (``rows``: its
    ``records`` when the caller has them)."""
    missions = records(content, base_url, language) if rows is None else rows
    return _json_file(_header(base_url, language), "missions",
                      [json.dumps(record, ensure_ascii=False) for record in missions])


def lessons_json(content: Content, base_url: str, language: str,
                 groups: list[LessonGroup] | None = None) -> str:
    """data/lessons.json: every lesson, solution path and difficulty of the published missions
    (``lesson_records``), each with its mission's context (written once per mission, then
    joined to each of its lessons; ``groups``: ``lesson_groups`` when the caller has them)."""
    def lines() -> Iterator[str]:
        for shared, lessons in lesson_groups(content, base_url, language) if groups is None else groups:
            tail = ", " + json.dumps(shared, ensure_ascii=False)[1:]
            for own in lessons:
                yield json.dumps(own, ensure_ascii=False)[:-1] + tail
    return _json_file(_header(base_url, language), "lessons", lines())


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?", re.ASCII)
"""A plain number (a negative longitude) is no formula: it stays a number for spreadsheets. ASCII
digits only: "-٣" is no number to a spreadsheet."""


def _cell(value: str) -> str:
    if value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


Columns = tuple[tuple[str, Column], ...]
"""CSV columns, each with the name of the field it reads."""


def _columns(fields: tuple[ExportField, ...]) -> Columns:
    return tuple((f.name, column) for f in fields for column in f.columns())


_MISSION_COLUMNS, _OWN_COLUMNS, _SHARED_COLUMNS = map(_columns, (FIELDS, LESSON_OWN, LESSON_SHARED))
"""Made once, not for each row."""


def _cells(columns: Columns, record: dict[str, Any]) -> list[str]:
    return [_cell(column.text(record[name])) for name, column in columns]


class _Rows:
    """CSV rows as text, each written alone (no line end) by one writer of the files' dialect:
    the columns a record shares with others (its mission's, repeated on each of its lessons)
    are written once and joined to each record's own (``_csv_file``)."""

    def __init__(self) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="")

    def __call__(self, cells: list[str]) -> str:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._writer.writerow(cells)
        return self._buffer.getvalue()


def _csv_file(columns: Columns, rows: Iterable[tuple[list[str], str]]) -> bytes:
    """A CSV of ``columns``, as its bytes (``CSV_ENCODING``, ``CSV_LINES``); each row is its own
    cells then its shared ones already written by ``_Rows`` ('' when it shares none)."""
    row = _Rows()
    lines = [row([column.name for _, column in columns])]
    lines += [(row(own) + "," + shared) if shared else row(own) for own, shared in rows]
    lines.append("")
    return CSV_LINES.join(lines).encode(CSV_ENCODING)


def missions_csv(content: Content, base_url: str, language: str,
                 rows: list[dict[str, Any]] | None = None) -> bytes:
    """data/missions.csv, as its bytes (``CSV_ENCODING``): one row per published mission; lists
    joined with ' | ', names in a column per language, latitude and longitude in a column each
    (``rows``: its ``records`` when the caller has them)."""
    missions = records(content, base_url, language) if rows is None else rows
    return _csv_file(_MISSION_COLUMNS, ((_cells(_MISSION_COLUMNS, record), "") for record in missions))


def lessons_csv(content: Content, base_url: str, language: str,
                groups: list[LessonGroup] | None = None) -> bytes:
    """data/lessons.csv, as its bytes: one row per lesson, solution path and difficulty, in the
    columns of ``LESSON_FIELDS`` and the dialect of missions.csv (``groups``: ``lesson_groups``
    when the caller has them)."""
    row = _Rows()

    def lines() -> Iterator[tuple[list[str], str]]:
        for shared, lessons in lesson_groups(content, base_url, language) if groups is None else groups:
            tail = row(_cells(_SHARED_COLUMNS, shared))
            for own in lessons:
                yield _cells(_OWN_COLUMNS, own), tail
    return _csv_file(_OWN_COLUMNS + _SHARED_COLUMNS, lines())


def table_schema(fields: tuple[ExportField, ...] = FIELDS, key: str = "slug") -> dict[str, Any]:
    """The Table Schema of missions.csv (or of the CSV of ``fields``, whose primary key is
    ``key``), from the fields as the CSV itself."""
    return {
        "fields": [{"name": column.name, **column.table} for f in fields for column in f.columns()],
        "primaryKey": [key],
        "missingValues": [""],
    }


def lessons_table_schema() -> dict[str, Any]:
    """The Table Schema of lessons.csv: each lesson's mission is a row of missions.csv."""
    return {**table_schema(LESSON_FIELDS, "id"),
            "foreignKeys": [{"fields": ["mission"], "reference": {"resource": "missions", "fields": ["slug"]}}]}


_CSV_DIALECT: dict[str, Any] = {"delimiter": ",", "lineTerminator": CSV_LINES, "quoteChar": '"',
                                "doubleQuote": True, "header": True}
_CSV_NOTE = ("UTF-8 with a byte-order mark, so that spreadsheets keep the accents; cells that would "
             "start a formula (=, +, -, @) start with an apostrophe.")


def _csv_resource(name: str, title: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"profile": "tabular-data-resource", "name": name, "path": f"{name}.csv", "title": title,
            "description": f"{description} {_CSV_NOTE}", "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "dialect": _CSV_DIALECT, "schema": schema}


def _json_resource(name: str, title: str, description: str) -> dict[str, Any]:
    return {"profile": "data-resource", "name": f"{name}-json", "path": f"{name}.json", "title": title,
            "description": f"{description} Its JSON Schema is {name}.schema.json.", "format": "json",
            "mediatype": "application/json", "encoding": "utf-8", "jsonSchema": f"{name}.schema.json"}


def data_package(base_url: str, language: str, *, title: str, description: str,
                 licence: str = "", licence_url: str = "") -> dict[str, Any]:
    """data/datapackage.json: the Frictionless Data Package of the folder's open data, so that a
    data tool reads missions.csv and lessons.csv typed (dates, numbers) and checks them
    (``frictionless validate``). ``title`` and ``description``: the site's, in ``language``."""
    package: dict[str, Any] = {
        "profile": "data-package",
        "name": f"mission4city-missions-{language}",
        "title": title,
        "description": description,
        "version": f"{EXPORT_VERSION}.0.0",
    }
    if base_url:
        package["homepage"] = absolute(base_url, "")
    if licence_url:
        package["licenses"] = [{"path": licence_url, "title": licence or licence_url}]
    package["resources"] = [
        _csv_resource("missions", "Missions (CSV)", "One row per published mission.", table_schema()),
        _json_resource("missions", "Missions (JSON)", "The same missions with their lists and objects whole."),
        _csv_resource("lessons", "Lessons, solution paths and difficulties (CSV)",
                      "One row per lesson, solution path and difficulty of the published missions, "
                      "with its mission's context.", lessons_table_schema()),
        _json_resource("lessons", "Lessons, solution paths and difficulties (JSON)",
                       "The same records with their lists and objects whole."),
    ]
    return package


FILTER_DOC = ("Only in a list downloaded from a page of the site ('download these results'): the "
              "filter it was made with, its search words ('q') and each facet's keys "
              "({\"theme\": [\"tourism\"]}); the file holds the records it found, as this export has them.")


def _export_schema(base_url: str, name: str, title: str, description: str,
                   fields: tuple[ExportField, ...]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of data/<name>.json, whose records are ``fields``."""
    record = {
        "type": "object",
        "properties": {f.name: {"description": f.doc, **f.schema} for f in fields},
        "required": [f.name for f in fields],
        "additionalProperties": False,
    }
    item = name.removesuffix("s")
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "description": description,
        "type": "object",
        "properties": {
            "version": {"const": EXPORT_VERSION},
            "language": {"enum": list(LANGUAGES),
                         "description": "Language of the export: of the country names, and of "
                                        "the texts a person translated into it."},
            "source": {"type": ["string", "null"], "description": "Address of the site."},
            "filter": {"type": "object", "description": FILTER_DOC,
                       "properties": {"q": {"type": "string"}},
                       "additionalProperties": {"type": "array", "items": {"type": "string"}}},
            name: {"type": "array", "items": {"$ref": f"#/$defs/{item}"}},
        },
        "required": ["version", "language", "source", name],
        "additionalProperties": False,
        "$defs": {item: record},
    }
    if base_url:
        schema["$id"] = absolute(base_url, f"data/{name}.schema.json")
    return schema


def export_schema(base_url: str = "") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of data/missions.json."""
    return _export_schema(base_url, "missions", "Mission4City missions",
                          "The published missions of the Mission4City knowledge base.", FIELDS)


def lessons_schema(base_url: str = "") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of data/lessons.json."""
    return _export_schema(base_url, "lessons", "Mission4City lessons",
                          "The lessons, solution paths and difficulties of the published missions of "
                          "the Mission4City knowledge base, one record each.", LESSON_FIELDS)
