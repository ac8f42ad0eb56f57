"""JSON Schemas (draft 2020-12) of a report's frontmatter, cities.yml and vocabulary.yml.

Editors (VS Code's YAML extension, Front Matter CMS) read them to complete and check fields as
authors type. Everything comes from ``schema`` through ``schema.walk``, the walk ``binding``
uses, so the editor and ``m4c validate`` agree; nothing here names a report field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from m4c_build.load.files import CITIES, VOCABULARY
from m4c_build.model import Registry
from m4c_build.schema import walk
from m4c_build.schema.classes import KEY_PATTERN, REGISTRY_KINDS, City, Report, Vocabulary

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DEFAULT_BASE_URL = "https://m4c.example/schema/"
REPORT_SCHEMA = "report.schema.json"
CITIES_SCHEMA = "cities.schema.json"
VOCABULARY_SCHEMA = "vocabulary.schema.json"

Keys = Mapping[str, Iterable[str]]
"""Known keys by registry name (``{"themes": [...], "cities": [...]}``), for completion."""

_JSON_TYPES: dict[type, str] = {str: "string", bool: "boolean", int: "integer", float: "number"}
_KEY_MESSAGE = "A key: lower-case letters, digits and '-' only."


def registry_keys(registry: Registry) -> dict[str, list[str]]:
    """The keys each registry holds, in the shape ``report_schema(keys=...)`` takes."""
    return {name: sorted(registry.choices(name)) for name in REGISTRY_KINDS}


def _is_plain(value: Any) -> bool:
    """Plain JSON data: what a ``default`` or ``examples`` entry may hold."""
    if value is None or isinstance(value, str | bool | int | float):
        return True
    if isinstance(value, list):
        return all(_is_plain(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_plain(v) for k, v in value.items())
    return False


def describe_field(f: walk.Field) -> str:
    """The field's doc, saying so when it is never published."""
    doc = f.doc
    if f.private and "never published" not in doc.lower():
        doc = f"{doc} Never published.".strip()
    return doc


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` or null (an optional field may be left empty)."""
    if "anyOf" in schema:
        return {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}
    if "type" not in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    result = {**schema, "type": [*kinds, "null"]}
    if "enum" in schema:
        result["enum"] = [*schema["enum"], None]
    return result


@dataclass
class _Walk:
    """The JSON Schema of types met in ``schema.walk``'s fields; nested classes collect in ``defs``."""

    keys: dict[str, list[str]] | None
    defs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def type_schema(self, tp: Any, meta: Mapping[str, Any]) -> dict[str, Any]:
        origin, args = walk.shape(tp)
        if walk.is_optional(tp):
            schema = self.type_schema(walk.optional_inner(tp), meta)
            return _nullable(schema) if type(None) in args else schema
        if origin is Literal:
            kinds = sorted({_JSON_TYPES[type(a)] for a in args})
            return {"type": kinds[0] if len(kinds) == 1 else kinds, "enum": list(args)}
        if origin is list:
            # Like the validator, a list's metadata (ref, pattern) applies to its items.
            schema = {"type": "array", "items": self.type_schema(args[0], meta)}
            if meta.get("min_items"):
                schema["minItems"] = meta["min_items"]
            if meta.get("max_items") is not None:
                schema["maxItems"] = meta["max_items"]
            return schema
        if origin is dict:
            key_origin, choices = walk.shape(args[0])
            names = {"enum": list(choices)} if key_origin is Literal else {"pattern": KEY_PATTERN}
            schema = {
                "type": "object",
                "propertyNames": names,
                "additionalProperties": self.type_schema(args[1], {}),
            }
            if meta.get("min_items"):
                schema["minProperties"] = meta["min_items"]
            if meta.get("max_items") is not None:
                schema["maxProperties"] = meta["max_items"]
            return schema
        if dataclasses.is_dataclass(tp):
            return self.class_ref(typing.cast(type, tp))
        if tp is str:
            return self.string(meta)
        if tp is dt.date:
            return {"type": "string", "format": "date", "pattern": walk.DATE.pattern}
        if tp in (int, float):
            schema = {"type": _JSON_TYPES[tp]}
            if meta.get("minimum") is not None:
                schema["minimum"] = meta["minimum"]
            if meta.get("maximum") is not None:
                schema["maximum"] = meta["maximum"]
            return schema
        if tp is bool:
            return {"type": "boolean"}
        raise TypeError(f"unsupported schema type {tp!r}")  # a bug in schema.py

    def string(self, meta: Mapping[str, Any]) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        if meta.get("max_length") is not None:
            schema["maxLength"] = meta["max_length"]
        ref = meta.get("ref")
        if ref and self.keys is not None and ref in self.keys:
            return {"type": "string", "enum": self.keys[ref]}
        if meta.get("pattern"):
            schema["pattern"] = meta["pattern"]
            if meta.get("pattern_hint"):
                # VS Code's JSON/YAML language services show this instead of the bare regex.
                schema["patternErrorMessage"] = f"Not valid ({meta['pattern_hint']})."
        elif ref:
            schema["pattern"] = KEY_PATTERN
            schema["patternErrorMessage"] = _KEY_MESSAGE
        return schema

    def class_ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name first: a class may contain itself
            self.defs[name] = self.object_schema(cls)
        ref = {"$ref": f"#/$defs/{name}"}
        target = walk.shorthand(cls)
        if target is None:
            return ref
        plain = self.type_schema(target.hint, target.meta)
        plain["description"] = f"Short form: just the {target.name}."
        return {"anyOf": [plain, ref]}

    def object_schema(self, cls: type) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        for f in walk.fields(cls):
            properties[f.name] = self.field_schema(f)
            if f.required:
                required.append(f.name)
        schema: dict[str, Any] = {
            "title": cls.__name__,
            "description": (cls.__doc__ or "").strip(),
            "type": "object",
            "properties": properties,
        }
        if required:
            schema["required"] = required
        schema["additionalProperties"] = False
        return schema

    def field_schema(self, f: walk.Field) -> dict[str, Any]:
        schema = {"description": describe_field(f), **self.type_schema(f.hint, f.meta)}
        default = f.default
        if default is not dataclasses.MISSING and default is not None and _is_plain(default):
            schema["default"] = default
        if f.example is not None and _is_plain(f.example):
            schema["examples"] = [f.example]
        return schema


def _known(keys: Keys | None) -> dict[str, list[str]] | None:
    if keys is None:
        return None
    return {name: sorted(set(values)) for name, values in keys.items()}


def _document(
    file_name: str, title: str, body: dict[str, Any], walk: _Walk, base_url: str
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "$schema": DRAFT,
        "$id": f"{base_url.rstrip('/')}/{file_name}",
        "title": title,
        **{k: v for k, v in body.items() if k != "title"},
    }
    if walk.defs:
        document["$defs"] = dict(sorted(walk.defs.items()))
    return document


def report_schema(keys: Keys | None = None, *, base_url: str = DEFAULT_BASE_URL) -> dict[str, Any]:
    """The JSON Schema of a report's frontmatter.

    With ``keys`` (see ``registry_keys``), fields that name a registry key list the known keys
    so editors complete them; without, they only check the key's shape.
    """
    walk = _Walk(_known(keys))
    body = walk.object_schema(Report)
    return _document(REPORT_SCHEMA, "Mission4City report", body, walk, base_url)


def cities_schema(keys: Keys | None = None, *, base_url: str = DEFAULT_BASE_URL) -> dict[str, Any]:
    """The JSON Schema of cities.yml: member cities by key."""
    walk = _Walk(_known(keys))
    body = walk.type_schema(dict[str, City], {})
    body["description"] = f"{CITIES}: the member cities, each under its key. {City.__doc__}"
    return _document(CITIES_SCHEMA, f"Mission4City {CITIES}", body, walk, base_url)


def vocabulary_schema(
    keys: Keys | None = None, *, base_url: str = DEFAULT_BASE_URL
) -> dict[str, Any]:
    """The JSON Schema of vocabulary.yml: the controlled vocabularies."""
    walk = _Walk(_known(keys))
    body = walk.object_schema(Vocabulary)
    return _document(VOCABULARY_SCHEMA, f"Mission4City {VOCABULARY}", body, walk, base_url)


def dump_schema(schema: Mapping[str, Any]) -> str:
    """Stable JSON text: sorted keys, two-space indent, UTF-8 characters kept, final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(
    folder: Path | str, keys: Keys | None = None, *, base_url: str = DEFAULT_BASE_URL
) -> list[Path]:
    """Write the three schemas into ``folder`` (created if needed); return their paths."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in (
        (REPORT_SCHEMA, report_schema),
        (CITIES_SCHEMA, cities_schema),
        (VOCABULARY_SCHEMA, vocabulary_schema),
    ):
        path = target / name
        path.write_text(dump_schema(build(keys, base_url=base_url)), encoding="utf-8",
                        newline="\n")
        written.append(path)
    return written
