"""The field reference: every field of the schema, and an example that really validates."""

from __future__ import annotations

import dataclasses
import re
import shutil
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from m4c_build.i18n.texts import Strings, text_ids
from m4c_build.load.text import split_frontmatter
from m4c_build.load.yamlsource import load_yaml
from m4c_build.outputs.editor_schemas import report_schema
from m4c_build.problems import Problems
from m4c_build.schema.classes import LANGUAGES, REGISTRY_KINDS, City, Report, Vocabulary
from m4c_build.schema.examples import example_files, example_report
from m4c_build.schema.walk import schema_class, yaml_name
from m4c_build.site.reference import field_reference
from m4c_build.validate.content import validate_content

CONTENT = Path(__file__).resolve().parents[1] / "content"
REGISTRY_FILES = ("cities.yml", "vocabulary.yml")


def nested(tp: Any) -> type | None:
    return schema_class(tp)[0]


def report_paths(cls: type = Report, at: tuple[str, ...] = ()) -> Iterator[str]:
    """Every field of a report as the reference names it: 'title', 'experts.name'..."""
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        here = (*at, yaml_name(f))
        yield ".".join(here)
        inner = nested(hints[f.name])
        if inner is not None:
            yield from report_paths(inner, here)


def registry_fields() -> Iterator[str]:
    seen: set[type] = set()
    todo: list[type] = [City, Vocabulary]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            yield yaml_name(f)
            inner = nested(hints[f.name])
            if inner is not None:
                todo.append(inner)


def complete_example(page: str) -> str:
    """The report file shown under the 'Complete example' heading."""
    heading = f"## {Strings('en')('reference.complete')}\n"
    assert heading in page
    match = re.search(r"```markdown\n(.*?)\n```\n", page.split(heading, 1)[1], re.DOTALL)
    assert match
    return match.group(1) + "\n"


def touch_media(root: Path, data: Any) -> None:
    """Create the images the example names (any text value under media/)."""
    if isinstance(data, dict):
        data = list(data.values())
    if isinstance(data, list):
        for value in data:
            touch_media(root, value)
    elif isinstance(data, str) and data.startswith("media/"):
        (root / data).parent.mkdir(parents=True, exist_ok=True)
        (root / data).write_bytes(b"")


def is_registry_ref(message: str) -> bool:
    return message.startswith(tuple(f"unknown {noun} '" for noun in REGISTRY_KINDS.values()))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_report_field_has_its_section(language: str) -> None:
    page = field_reference(language)
    headings = set(re.findall(r"^### `([^`]+)`$", page, re.MULTILINE))
    assert set(report_paths()) <= headings


def test_fields_come_in_schema_order() -> None:
    """Within each object, the fields appear in the order of schema.py."""
    page = field_reference()
    by_parent: dict[str, list[int]] = {}
    for path in report_paths():
        parent = path.rpartition(".")[0]
        by_parent.setdefault(parent, []).append(page.index(f"### `{path}`\n"))
    for parent, positions in by_parent.items():
        assert positions == sorted(positions), parent or "report"


def schema_properties(schema: dict[str, Any], node: Any = None, at: str = "") -> Iterator[tuple[str, str]]:
    """(path, description) of every property of the editors' JSON Schema, nested objects
    (reached through ``$ref``) included: 'experts.name'."""
    node = schema if node is None else node
    if isinstance(node, list):
        for item in node:
            yield from schema_properties(schema, item, at)
        return
    if not isinstance(node, dict):
        return
    ref = node.get("$ref", "")
    if ref.startswith("#/$defs/"):
        yield from schema_properties(schema, schema["$defs"][ref.removeprefix("#/$defs/")], at)
    for name, prop in node.get("properties", {}).items():
        path = f"{at}.{name}" if at else name
        yield path, prop.get("description", "")
        yield from schema_properties(schema, prop, path)
    for key in ("items", "anyOf", "additionalProperties"):  # list items, mapping values
        if isinstance(node.get(key), dict | list):
            yield from schema_properties(schema, node[key], at)


def field_sections(page: str) -> dict[str, str]:
    """The field reference's '### `path`' sections: path -> the section's text."""
    parts = re.split(r"^### `([^`]+)`$", page, flags=re.MULTILINE)
    return {path: re.split(r"^#", text, flags=re.MULTILINE)[0]
            for path, text in zip(parts[1::2], parts[2::2], strict=True)}


def test_every_schema_property_is_documented() -> None:
    """The JSON Schema editors read and the field reference authors read come from two walks
    over the schema classes: each property of one has its section, with its doc, in the other."""
    properties = dict(schema_properties(report_schema()))
    sections = field_sections(field_reference("en"))
    assert set(properties) == set(sections)
    assert set(properties) == set(report_paths())
    for path, description in properties.items():
        assert description, f"{path} has no description in the JSON Schema"
        paragraphs = [" ".join(p.split()) for p in sections[path].split("\n\n")]
        assert description in paragraphs, (path, description)


def test_every_registry_field_is_in_a_table() -> None:
    page = field_reference()
    for name in registry_fields():
        assert f"| `{name}` |" in page, name


SAME_AS_ENGLISH = {("fr", "reference.type"), ("fr", "reference.description"), ("fr", "reference.format"),
                   ("es", "reference.colon")}
"""Labels whose translation is the English word itself ('Type', 'Format'...)."""


@pytest.mark.parametrize("language", LANGUAGES)
def test_labels_are_translated_and_complete(language: str) -> None:
    t, english = Strings(language), Strings("en")
    ids = text_ids("reference.")
    assert len(ids) > 10, "the reference's words are in the catalogue"
    for key in ids:
        text = t(key)
        assert text.strip(), f"{language}: {key} is empty"
        # The same placeholders ({n}, {path}...) and the same code spans (`cities.yml`).
        assert set(re.findall(r"\{\w*\}", text)) == set(re.findall(r"\{\w*\}", english(key))), key
        assert sorted(re.findall(r"`[^`]+`", text)) == sorted(re.findall(r"`[^`]+`", english(key))), key
    if language != "en":
        same = {(language, key) for key in ids if t(key) == english(key)}
        assert same <= SAME_AS_ENGLISH, f"not translated: {sorted(same - SAME_AS_ENGLISH)}"
    page = field_reference(language)
    assert page.startswith(f"# {t('reference.title')}\n")
    assert f"*{t('reference.required')}*" in page and f"## {t('reference.complete')}\n" in page


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="choose one of"):
        field_reference("xx")


def test_every_snippet_is_valid_yaml() -> None:
    page = field_reference()
    snippets = re.findall(r"```yaml\n(.*?)\n```\n", page, re.DOTALL)
    assert len(snippets) >= len(list(report_paths()))
    for snippet in snippets:
        problems = Problems()
        assert load_yaml(snippet, Path("snippet.yml"), problems) is not None, (snippet, problems)


def test_the_complete_example_is_the_example_report() -> None:
    text = complete_example(field_reference())
    split = split_frontmatter(text, Path("example.md"), Problems())
    assert split is not None
    assert yaml.safe_load(split.frontmatter) == example_report()


def test_the_complete_example_passes_with_the_shipped_registries(tmp_path: Path) -> None:
    root = tmp_path / "content"
    (root / "missions").mkdir(parents=True)
    for name in REGISTRY_FILES:
        shutil.copy(CONTENT / name, root / name)
    text = complete_example(field_reference())
    (root / "missions" / "example.md").write_text(text, encoding="utf-8")
    touch_media(root, example_report())
    validation = validate_content(root)
    problems = [p.format() for p in validation.problems if not is_registry_ref(p.message)]
    assert problems == []
    assert validation.content is not None and len(validation.content.missions) == 1


def test_the_examples_make_a_valid_content_folder(tmp_path: Path) -> None:
    """cities.yml, vocabulary.yml and the report built from the examples: zero problems."""
    root = tmp_path / "content"
    for name, text in example_files().items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    touch_media(root, example_report())
    validation = validate_content(root)
    assert [p.format() for p in validation.problems] == []
    assert validation.ok


# --- Open data ----------------------------------------------------------------------------------


def open_data_part(language: str) -> str:
    page = field_reference(language)
    heading = "## " + Strings(language)("reference.open_data")
    assert page.count(heading) == 1
    return page.split(heading, 1)[1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_reference_names_every_open_data_column(language: str) -> None:
    from m4c_build.outputs.followupdata import FOLLOW_UP_FIELDS
    from m4c_build.outputs.opendata import FIELDS, LESSON_FIELDS

    part = open_data_part(language)
    missions, lessons = part.split("### data/missions.csv", 1)[1].split("### data/lessons.csv", 1)
    lessons, followup = lessons.split("### data/followup.csv", 1)
    for text, fields in ((missions, FIELDS), (lessons, LESSON_FIELDS), (followup, FOLLOW_UP_FIELDS)):
        named = re.findall(r"`([a-z_]+)`", "\n".join(line.split(" | ")[0] for line in text.splitlines()
                                                     if line.startswith("| `")))
        assert named == [column.name for f in fields for column in f.columns()]


def test_the_open_data_columns_are_described_in_the_readers_language() -> None:
    french, spanish, english = (open_data_part(lang) for lang in ("fr", "es", "en"))
    assert "| `city` | Clé de la ville dans cities.yml. |" in french
    assert "| `kind` | lesson (una lección), solution" in spanish
    assert "| `city` | Key of the city in cities.yml. |" in english
    assert "missions/&lt;slug&gt;/" not in french and "missions/&lt;slug>/#lesson-2" in french, "text, not a tag"


def test_the_english_column_docs_are_the_exports_own() -> None:
    """The export's docs (and so its JSON Schema and Table Schema) are the English catalogue's
    export.* texts: a changed doc shows which translations to update."""
    from m4c_build.outputs.followupdata import FOLLOW_UP_CONTEXT, FOLLOW_UP_OWN
    from m4c_build.outputs.opendata import FIELDS, LESSON_CONTEXT, LESSON_OWN

    t = Strings("en")
    docs = {f"export.missions.{f.name}": f.doc for f in FIELDS}
    docs |= {f"export.lessons.{f.name}": f.doc for f in LESSON_OWN}
    docs |= {f"export.lessons.{name}": doc for name, _, doc in LESSON_CONTEXT if doc}
    docs |= {f"export.followup.{f.name}": f.doc for f in FOLLOW_UP_OWN}
    docs |= {f"export.followup.{name}": doc for name, _, doc in FOLLOW_UP_CONTEXT if doc}
    assert {key: t(key) for key in text_ids("export.")} == docs
