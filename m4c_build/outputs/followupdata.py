"""Open data of the follow-up board: data/followup.json and data/followup.csv, one row per
follow-up action of the published reports, in the board's order, with its state on the build's day.

The rows are the board's (``m4c_build.followup``): a row carries the keys the board's facets
filter on, under the facets' names (``state``, ``city``, ``region``, ``year``, ``owner``, and
``mission`` for a mission's actions), so that a filtered board's list can be taken from this file.
The fields are declared once (``FOLLOW_UP_FIELDS``, in the way of ``outputs.opendata``): the JSON,
the CSV (same dialect and neutralised cells as missions.csv), the JSON Schema and the Table Schema
come from them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from m4c_build.followup import STATES, Action, actions
from m4c_build.model import Content
from m4c_build.outputs.opendata import (
    FIELDS,
    Context,
    ExportField,
    _cells,
    _columns,
    _csv_file,
    _csv_resource,
    _export_schema,
    _header,
    _json_file,
    _json_resource,
    _Rows,
    records,
    table_schema,
)
from m4c_build.schema.classes import FOLLOW_UP_STATUSES, KEY_PATTERN, LANGUAGES
from m4c_build.site.urls import absolute, action_url

_FIELD = {f.name: f for f in FIELDS}
_OPTIONAL_DATE: dict[str, Any] = {"type": ["string", "null"], "format": "date"}


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


FOLLOW_UP_OWN: tuple[ExportField, ...] = (
    ExportField("id", {"type": "string", "pattern": rf"{KEY_PATTERN[:-1]}#follow-up-[1-9][0-9]*$"},
                "The action's key: its mission's slug, '#follow-up-', then its place in the report's "
                "follow_up ('2024-quebec-hiver#follow-up-2'), as in its address.", lambda a, c: a.id),
    ExportField("url", {"type": "string"}, "Address of the action on its mission's page "
                "(missions/<slug>/#follow-up-2).", lambda a, c: absolute(c.base_url, action_url(a))),
    ExportField("number", {"type": "integer", "minimum": 1},
                "Its place in its report's follow_up, from 1.", lambda a, c: a.number, csv=str),
    ExportField("action", {"type": "string"}, "What is to be done, as the report writes it.",
                lambda a, c: a.item.action),
    ExportField("owner", {"type": ["string", "null"]}, "Who is responsible, as the report writes it; null "
                "(an empty cell) when it does not say.", lambda a, c: a.item.owner, csv=_text),
    ExportField("due", _OPTIONAL_DATE, "Its due date; null (an empty cell) when it has none.",
                lambda a, c: _day(a.item.due), csv=_text),
    ExportField("status", {"enum": [*FOLLOW_UP_STATUSES, None]}, "Its status as the report gives it: planned, "
                "in-progress or done; null (an empty cell) when it gives none.",
                lambda a, c: a.item.status, csv=_text),
    ExportField("done", _OPTIONAL_DATE, "The day it was done, when the report says; else null (an empty cell).",
                lambda a, c: _day(a.item.done), csv=_text),
    ExportField("state", {"enum": list(STATES)}, "Its state on the build's day ('today' of followup.json): "
                "overdue (not done, due before that day), open (not done, due that day or later), "
                "undated (not done, no due date) or done. The follow-up board's status facet.",
                lambda a, c: a.state),
    ExportField("language", {"enum": list(LANGUAGES)}, "Language of the report, and so of 'action' and 'owner'.",
                lambda a, c: a.mission.report.language),
    ExportField("year", {"type": "integer", "minimum": 1}, "Year of the mission.", lambda a, c: a.year, csv=str),
)
"""What an action has of its own."""

FOLLOW_UP_CONTEXT: tuple[tuple[str, str, str], ...] = (
    ("mission", "slug", "Key of the mission: its page is missions/<slug>/ (the 'slug' of missions.csv)."),
    ("mission_title", "title", "Title of the mission, translated into the export's language when "
                               "a person did it."),
    *((name, name, "") for name in ("city", "city_name", "region", "date")),
)
"""The mission's fields each action repeats: (the action's name, the mission's, a doc of its own
or '' for the mission's), as lessons.csv does: its keys that the board filters on and the names a
reader needs beside them; the rest (country, the region's names...) is in missions.csv, one join
away by ``mission`` (at 10,000 reports the three names of a region alone would add 4 MB)."""


def _of_mission(value: Any, action: Action, c: Context) -> Any:
    return value(action.mission, c)


FOLLOW_UP_SHARED: tuple[ExportField, ...] = tuple(
    replace(_FIELD[source], name=name, doc=doc or _FIELD[source].doc,
            value=partial(_of_mission, _FIELD[source].value))
    for name, source, doc in FOLLOW_UP_CONTEXT)

FOLLOW_UP_FIELDS: tuple[ExportField, ...] = (*FOLLOW_UP_OWN, *FOLLOW_UP_SHARED)
"""The fields of a row of followup.json, and the columns of followup.csv."""

_OWN_COLUMNS, _SHARED_COLUMNS = map(_columns, (FOLLOW_UP_OWN, FOLLOW_UP_SHARED))


Selection = Sequence[Action] | None
"""The actions to write (``m4c followup --overdue``: the overdue ones), in their order; None: every
action of the content on the day, in the board's order."""


def _rows(content: Content, base_url: str, language: str, today: dt.date, rows: list[dict[str, Any]] | None,
          found: Selection) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Each action's own fields and its mission's context (read once per mission from the
    missions' ``records``)."""
    context = Context(content.registry, base_url, language)
    missions = records(content, base_url, language) if rows is None else rows
    shared = {record["slug"]: {name: record[source] for name, source, _ in FOLLOW_UP_CONTEXT} for record in missions}
    for action in actions(content, today) if found is None else found:
        yield {f.name: f.value(action, context) for f in FOLLOW_UP_OWN}, shared[action.mission.slug]


def followup_records(content: Content, base_url: str, language: str, today: dt.date,
                     rows: list[dict[str, Any]] | None = None, found: Selection = None) -> list[dict[str, Any]]:
    """One plain record per follow-up action of the published reports, in the board's order
    (``rows``: the missions' ``records`` when the caller has them; ``found``: only these actions)."""
    return [own | shared for own, shared in _rows(content, base_url, language, today, rows, found)]


def followup_json(content: Content, base_url: str, language: str, today: dt.date,
                  rows: list[dict[str, Any]] | None = None, found: Selection = None) -> str:
    """data/followup.json: every follow-up action (``followup_records``), with the day its states
    are computed for (``today``)."""
    header = {**_header(base_url, language), "today": today.isoformat()}
    return _json_file(header, "followup", [json.dumps(record, ensure_ascii=False) for record
                                           in followup_records(content, base_url, language, today, rows, found)])


def followup_csv(content: Content, base_url: str, language: str, today: dt.date,
                 rows: list[dict[str, Any]] | None = None, found: Selection = None) -> bytes:
    """data/followup.csv, as its bytes: a row per follow-up action, in the columns of
    ``FOLLOW_UP_FIELDS`` and the dialect of missions.csv."""
    row, tails = _Rows(), dict[str, str]()  # a mission's columns written once for all its actions

    def tail(shared: dict[str, Any]) -> str:
        if shared["mission"] not in tails:
            tails[shared["mission"]] = row(_cells(_SHARED_COLUMNS, shared))
        return tails[shared["mission"]]
    return _csv_file(_OWN_COLUMNS + _SHARED_COLUMNS,
                     ((_cells(_OWN_COLUMNS, own), tail(shared))
                      for own, shared in _rows(content, base_url, language, today, rows, found)))


def followup_table_schema() -> dict[str, Any]:
    """The Table Schema of followup.csv: each action's mission is a row of missions.csv."""
    schema = table_schema(FOLLOW_UP_FIELDS, "id")
    for column in schema["fields"]:  # an action's due and done days are dates, or missing
        if column["name"] in ("due", "done"):
            column.update(type="date", constraints={"required": False})
    return {**schema,
            "foreignKeys": [{"fields": ["mission"], "reference": {"resource": "missions", "fields": ["slug"]}}]}


def followup_resources() -> list[dict[str, Any]]:
    """followup.csv and followup.json as resources of the folder's data package."""
    return [
        _csv_resource("followup", "Follow-up actions (CSV)", "One row per follow-up action of the published "
                      "missions, in the follow-up board's order, with its state on the build's day.",
                      followup_table_schema()),
        _json_resource("followup", "Follow-up actions (JSON)", "The same actions, with the day their states "
                       "are computed for ('today')."),
    ]


def followup_schema(base_url: str = "") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of data/followup.json."""
    schema = _export_schema(base_url, "followup", "Mission4City follow-up",
                            "The follow-up actions of the published missions of the Mission4City knowledge "
                            "base, one record each, with their state on the build's day.", FOLLOW_UP_FIELDS)
    schema["properties"]["today"] = {"type": "string", "format": "date",
                                     "description": "The day the actions' states are computed for."}
    schema["required"].append("today")
    schema["$defs"] = {"action": schema["$defs"].pop("followup")}
    schema["properties"]["followup"]["items"] = {"$ref": "#/$defs/action"}
    return schema
