"""The editors' JSON Schemas: derived from schema.py, and in agreement with the validator.

No report field is named here: every check walks the schema classes, so a field added to
schema.py is covered by adding nothing.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import functools
import json
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

import pytest
import yaml
from jsonschema import Draft202012Validator

from m4c_build.load.files import walk_registries
from m4c_build.load.text import split_frontmatter
from m4c_build.load.yamlsource import SourceMap, load_yaml
from m4c_build.outputs.editor_schemas import (
    CITIES_SCHEMA,
    REPORT_SCHEMA,
    VOCABULARY_SCHEMA,
    cities_schema,
    registry_keys,
    report_schema,
    vocabulary_schema,
    write_schemas,
)
from m4c_build.problems import Problems
from m4c_build.schema.classes import City, Report, Vocabulary
from m4c_build.schema.examples import example_report
from m4c_build.schema.walk import is_required, optional_inner, schema_class, yaml_name
from m4c_build.validate.binding import Binder
from m4c_build.validate.registry import load_registry

CONTENT = Path(__file__).resolve().parents[1] / "content"
SHIPPED = sorted((CONTENT / "missions").rglob("*.md"))

Path_ = tuple[str | int, ...]


# --- Helpers -------------------------------------------------------------------------------


def plain(data: Any) -> Any:
    """YAML data as JSON sees it: PyYAML's dates become ISO strings."""
    if isinstance(data, dt.date):
        return data.isoformat()
    if isinstance(data, list):
        return [plain(v) for v in data]
    if isinstance(data, dict):
        return {str(k): plain(v) for k, v in data.items()}
    return data


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@functools.cache
def default_validator() -> Draft202012Validator:
    return validator(report_schema())


def schema_errors(data: Any, schema: dict[str, Any] | None = None) -> list[str]:
    checker = default_validator() if schema is None else validator(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in checker.iter_errors(data)]


def validator_errors(data: Any) -> list[str]:
    """What ``m4c validate`` says about a frontmatter (registry references aside)."""
    problems = Problems()
    Binder(Path("report.md"), SourceMap(), problems).bind_object(Report, data, ())
    return [p.message for p in problems.errors]


def shipped_frontmatter(path: Path) -> tuple[Any, Any]:
    """A shipped report's frontmatter as PyYAML reads it, and as the validator reads it."""
    problems = Problems()
    split = split_frontmatter(path.read_text(encoding="utf-8"), path, problems)
    assert split is not None, problems
    doc = load_yaml(split.frontmatter, path, problems)
    return yaml.safe_load(split.frontmatter), None if doc is None else doc.data


unwrap = optional_inner
nested = schema_class


def walk(cls: type, at: Path_ = ()) -> Iterator[tuple[Path_, type, dataclasses.Field[Any], Any]]:
    """Every field of ``cls`` and of its nested classes: (path in a report, class, field, type)."""
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        here = (*at, yaml_name(f))
        yield here, cls, f, hints[f.name]
        inner, many = nested(hints[f.name])
        if inner is not None and typing.get_origin(unwrap(hints[f.name])) is dict:
            yield from walk(inner, (*here, f.metadata["example_key"]))  # a mapping: its example's key
        elif inner is not None:
            yield from walk(inner, (*here, 0) if many else here)


def classes(*roots: type) -> set[type]:
    found = set(roots)
    for root in roots:
        found |= {cls for _, cls, _, _ in walk(root)}
    return found


def names(cls: type, *, required: bool = False) -> list[str]:
    """The YAML names of a class's fields, in schema order."""
    return [yaml_name(f) for f in dataclasses.fields(cls) if is_required(f) or not required]


def get(data: Any, at: Path_) -> Any:
    for part in at:
        data = data[part]
    return data


def example() -> dict[str, Any]:
    data = plain(example_report())
    assert isinstance(data, dict)
    return data


def mutated(at: Path_, value: Any = None, *, delete: bool = False) -> dict[str, Any]:
    data = copy.deepcopy(example())
    parent = get(data, at[:-1])
    if delete:
        del parent[at[-1]]
    else:
        parent[at[-1]] = value
    return data


def assert_both_reject(data: Any) -> None:
    assert validator_errors(data), "the validator accepts it: the test's mutation is wrong"
    assert schema_errors(data), "the validator rejects it but the JSON Schema accepts it"


FIELDS = [pytest.param(*row, id=".".join(map(str, row[0]))) for row in walk(Report)]
REF_FIELDS = [param for param in FIELDS if param.values[2].metadata.get("ref")]


# --- The schemas themselves ----------------------------------------------------------------


@pytest.mark.parametrize("build", [report_schema, cities_schema, vocabulary_schema])
def test_schemas_are_valid_draft_2020_12(build: Any) -> None:
    schema = build()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["description"]


def test_every_field_of_every_class_is_a_property() -> None:
    """Iterates dataclasses.fields: a field added to schema.py needs no change here."""
    schema = report_schema()
    for f in dataclasses.fields(Report):
        assert yaml_name(f) in schema["properties"], f.name
    assert list(schema["properties"]) == names(Report)
    assert schema["required"] == names(Report, required=True)
    assert schema["additionalProperties"] is False
    for cls in classes(Report) - {Report}:
        definition = schema["$defs"][cls.__name__]
        assert list(definition["properties"]) == names(cls)
        assert definition["required"] == names(cls, required=True)
        assert definition["additionalProperties"] is False


@pytest.mark.parametrize(("at", "cls", "f", "tp"), FIELDS)
def test_each_field_carries_its_doc_and_example(
    at: Path_, cls: type, f: dataclasses.Field[Any], tp: Any
) -> None:
    schema = report_schema()
    owner = schema if cls is Report else schema["$defs"][cls.__name__]
    prop = owner["properties"][yaml_name(f)]
    assert prop["description"].startswith(f.metadata["doc"])
    if f.metadata.get("private"):
        assert "never published" in prop["description"].lower()
    if f.metadata.get("example") is not None:
        assert prop["examples"] == [f.metadata["example"]]
    if typing.get_origin(unwrap(tp)) is Literal:
        assert set(typing.get_args(unwrap(tp))) <= set(prop["enum"])
    if unwrap(tp) is dt.date:
        assert prop["format"] == "date"


def test_registry_schemas_cover_their_classes() -> None:
    cities = cities_schema()
    assert list(cities["$defs"]["City"]["properties"]) == names(City)
    vocabulary = vocabulary_schema()
    assert list(vocabulary["properties"]) == names(Vocabulary)
    for cls in classes(Vocabulary) - {Vocabulary}:
        assert cls.__name__ in vocabulary["$defs"]


# --- Agreement with the validator ----------------------------------------------------------


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_shipped_reports_get_the_validators_verdict(path: Path) -> None:
    """A shipped report the validator accepts validates; one it rejects is rejected too."""
    loaded, core = shipped_frontmatter(path)
    keys = registry_keys(load_registry(walk_registries(CONTENT, Problems()), Problems()).registry)
    errors = schema_errors(plain(loaded), report_schema(keys))
    if validator_errors(core):
        assert errors, f"{path.name}: m4c validate rejects it, the JSON Schema accepts it"
    else:
        assert not errors, f"{path.name}: {errors}"


def test_shipped_reports_validate() -> None:
    """Not vacuous: shipped reports exist and the ones m4c validate accepts pass the schema."""
    valid = [p for p in SHIPPED if not validator_errors(shipped_frontmatter(p)[1])]
    assert valid
    for path in valid:
        assert not schema_errors(plain(shipped_frontmatter(path)[0])), path.name


def test_the_example_report_is_valid() -> None:
    assert not validator_errors(example())
    assert not schema_errors(example())


def test_an_unknown_field_is_rejected() -> None:
    data = example()
    data[f"{next(iter(data))}x"] = "text"
    assert_both_reject(data)


@pytest.mark.parametrize(("at", "cls", "f", "tp"), FIELDS)
def test_a_wrong_value_is_rejected_by_both(
    at: Path_, cls: type, f: dataclasses.Field[Any], tp: Any
) -> None:
    """Each kind of mistake the schema can express, on each field that can make it."""
    assert at[-1] in get(example(), at[:-1]), "every field has an example"
    if is_required(f):
        assert_both_reject(mutated(at, delete=True))
    inner = unwrap(tp)
    if typing.get_origin(inner) is Literal:
        assert_both_reject(mutated(at, "not-a-choice"))
    if inner is dt.date:
        assert_both_reject(mutated(at, "2024-02-30"))
        assert_both_reject(mutated(at, "12/03/2024"))
    if f.metadata.get("min_items"):
        assert_both_reject(mutated(at, []))
    if f.metadata.get("pattern"):
        assert_both_reject(mutated(at, "?"))
    if inner is str:
        assert_both_reject(mutated(at, ""))
    if inner is bool:
        assert_both_reject(mutated(at, "yes"))
    container = get(example(), at[:-1])
    if len(at) > 1 and isinstance(container, dict):
        data = mutated(at[:-1], {**container, f"{at[-1]}x": "text"})
        assert_both_reject(data)


@pytest.mark.parametrize(("at", "cls", "f", "tp"), REF_FIELDS)
def test_known_registry_keys_complete_and_check(
    at: Path_, cls: type, f: dataclasses.Field[Any], tp: Any
) -> None:
    ref = f.metadata["ref"]
    value = get(example(), at)
    known = value if isinstance(value, list) else [value]
    schema = report_schema({ref: [*known, "zz-other"]})
    owner = schema if cls is Report else schema["$defs"][cls.__name__]
    prop = owner["properties"][yaml_name(f)]
    assert (prop.get("items") or prop)["enum"] == sorted([*known, "zz-other"])
    assert not schema_errors(example(), schema)
    unknown = ["no-such-key"] if isinstance(value, list) else "no-such-key"
    assert schema_errors(mutated(at, unknown), schema)
    assert not schema_errors(mutated(at, unknown)), "without keys, any well-formed key passes"
    assert schema_errors(mutated(at, ["Not A Key"] if isinstance(value, list) else "Not A Key"))


# --- Files ---------------------------------------------------------------------------------


def test_write_schemas_is_valid_json_and_stable(tmp_path: Path) -> None:
    keys = registry_keys(load_registry(walk_registries(CONTENT, Problems()), Problems()).registry)
    first = write_schemas(tmp_path / "a", keys, base_url="https://example.org/m4c/")
    second = write_schemas(tmp_path / "b", keys, base_url="https://example.org/m4c/")
    assert [p.name for p in first] == [REPORT_SCHEMA, CITIES_SCHEMA, VOCABULARY_SCHEMA]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()
        text = a.read_text(encoding="utf-8")
        assert text.endswith("}\n") and "\r" not in text
        schema = json.loads(text)
        Draft202012Validator.check_schema(schema)
        assert schema["$id"] == f"https://example.org/m4c/{a.name}"
    again = write_schemas(tmp_path / "a", keys, base_url="https://example.org/m4c/")
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in second]


def test_the_shipped_registries_validate_against_their_schemas() -> None:
    keys = registry_keys(load_registry(walk_registries(CONTENT, Problems()), Problems()).registry)
    for name, build in (("cities.yml", cities_schema), ("vocabulary.yml", vocabulary_schema)):
        data = yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))
        assert not schema_errors(plain(data), build(keys)), name
