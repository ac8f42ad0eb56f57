"""Example data built from the schema's ``spec(example=...)``: values, objects, a whole report
and a small content folder, and the YAML writer that shows them as authors write them.

The field reference shows them, the JSON Schema tests bind them, and a test builds a site from
``example_files()``: an example that stops passing the validator fails the suite.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import yaml

from m4c_build.i18n.texts import Strings
from m4c_build.load.files import CITIES, VOCABULARY
from m4c_build.schema import walk
from m4c_build.schema.classes import KEY_PATTERN, City, Report, Vocabulary
from m4c_build.schema.keys import slugify

CITY_REGISTRY = "cities"
"""The registry name (``spec(ref=...)``) of cities.yml; the others live in vocabulary.yml."""

_KEY = re.compile(KEY_PATTERN)


class _Dumper(yaml.SafeDumper):
    """Block YAML indented like the shipped reports; short lists of keys or numbers inline."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    inline = bool(data) and all(
        (isinstance(v, int | float) and not isinstance(v, bool))
        or (isinstance(v, str) and _is_key(v))
        for v in data
    )
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=inline)


class _Quoted(str):
    """A text written in double quotes, as its field's ``pattern_hint`` shows it ("09:30")."""

    __slots__ = ()


def _represent_quoted(dumper: yaml.SafeDumper, data: _Quoted) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style='"')


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(_Quoted, _represent_quoted)


def _is_key(text: str) -> bool:
    return _KEY.fullmatch(text) is not None


def to_yaml(data: Any) -> str:
    """YAML as an author would write it (dates unquoted, accents kept, field order kept)."""
    return str(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                         default_flow_style=False, width=1_000_000))


def inline_yaml(value: Any) -> str:
    """A value as one YAML line, as the field reference quotes a default."""
    text = to_yaml(value).strip()
    return text.removesuffix("\n...").strip()


def _as_loaded(tp: Any, value: Any) -> Any:
    """An ``example`` as YAML would give it: date strings become dates (written unquoted)."""
    tp = walk.optional_inner(tp)
    if tp is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    origin, args = walk.shape(tp)
    if origin is list and isinstance(value, list):
        return [_as_loaded(args[0], v) for v in value]
    return value


def example_value(f: walk.Field) -> Any:
    """The field's example, else one built from its class, else its default; or MISSING."""
    example = f.example
    if isinstance(example, str) and '"' in (f.meta.get("pattern_hint") or ""):
        return _Quoted(example)
    if example is not None:
        return _as_loaded(f.tp, example)
    if f.record is not None and not f.keyed:
        item = example_object(f.record)
        return [item] if f.many else item
    if f.record is not None and f.meta.get("example_key"):
        return {f.meta["example_key"]: example_object(f.record)}
    default = f.default
    if default is not dataclasses.MISSING and default not in (None, [], {}):
        return default
    if f.required:  # a bug in schema.py, not user input
        raise TypeError(f"schema.py: give the required field '{f.attr}' an example=")
    return dataclasses.MISSING


def example_object(cls: type) -> dict[str, Any]:
    """A complete example of a schema class, field by field in schema order."""
    result = {}
    for f in walk.fields(cls):
        value = example_value(f)
        if value is not dataclasses.MISSING:
            result[f.name] = value
    return result


def example_key(registry: str) -> str:
    """A key of ``registry`` the examples use (the example of a field that refers to it)."""
    for cls in walk.classes(Report, City, Vocabulary):
        for f in walk.fields(cls):
            if f.ref == registry and f.example:
                return str(f.example[0] if isinstance(f.example, list) else f.example)
    raise TypeError(f"schema.py: no field referring to '{registry}' has an example=")


def example_report() -> dict[str, Any]:
    """A complete report frontmatter built from the schema's examples (dates as dates)."""
    return example_object(Report)


def example_frontmatter() -> str:
    """The complete example frontmatter as YAML text."""
    return to_yaml(example_report())


def example_report_path() -> str:
    """Where the example report would live, below the content folder: year, city, 'example'."""
    dates = [v for v in example_report().values() if isinstance(v, dt.date)]
    year = dates[0].year if dates else ""
    return f"missions/{year}/{slugify(f'{year} {example_key(CITY_REGISTRY)} example')}.md"


def example_files(language: str = "en") -> dict[str, str]:
    """A small content folder from the examples: cities.yml, vocabulary.yml and one report."""
    report = f"---\n{example_frontmatter()}---\n\n{Strings(language)('reference.body')}\n"
    return {
        CITIES: to_yaml({example_key(CITY_REGISTRY): example_object(City)}),
        VOCABULARY: to_yaml(example_object(Vocabulary)),
        example_report_path(): report,
    }
