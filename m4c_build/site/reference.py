"""The field reference for report authors: a Markdown page derived from ``schema``.

Every field, its type in words (``binding.type_name``, as the validator's messages say it), its
doc, allowed values, default and an example come from the schema classes through
``schema.walk``, in their order, so the page cannot fall behind the validator. The examples come
from ``schema.examples``. The page's own words (headings, table labels) are the ``reference.*``
texts of ``i18n``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, Literal

from m4c_build.i18n.fielddocs import translated
from m4c_build.i18n.texts import Strings
from m4c_build.load.files import CITIES, VOCABULARY
from m4c_build.outputs.followupdata import FOLLOW_UP_CONTEXT, FOLLOW_UP_OWN, FOLLOW_UP_SHARED
from m4c_build.outputs.opendata import FIELDS, LESSON_CONTEXT, LESSON_OWN, LESSON_SHARED, ExportField
from m4c_build.schema import walk
from m4c_build.schema.classes import LANGUAGES, City, PageMeta, Report, Vocabulary
from m4c_build.schema.examples import (
    CITY_REGISTRY,
    example_files,
    example_key,
    example_object,
    example_report_path,
    example_value,
    inline_yaml,
    to_yaml,
)
from m4c_build.validate.binding import type_name

Path_ = tuple[str, ...]
"""Where a nested object sits in a report: ('experts',), ('follow_up',)..."""


def _strings(language: str) -> Strings:
    if language not in LANGUAGES:
        raise ValueError(f"no field reference labels for '{language}': "
                         f"choose one of {', '.join(LANGUAGES)}")
    return Strings(language)


def _label(t: Strings, key: str) -> str:
    return t(f"reference.{key}")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _choices(tp: Any) -> tuple[Any, ...]:
    origin, args = walk.shape(walk.optional_inner(tp))
    if origin is list:
        origin, args = walk.shape(walk.optional_inner(args[0]))
    return args if origin is Literal else ()


def _in_context(path: Path_, many: Mapping[str, bool], data: Any) -> Any:
    """``data`` wrapped in its parent fields, each list parent with one item and each mapping
    parent (``translations``) under its example key."""
    for depth in range(len(path) - 1, -1, -1):
        name = path[depth]
        here = ".".join(path[: depth + 1])
        if here in _KEYED:
            data = {_KEYED[here]: data}
        data = {name: [data] if many[here] else data}
    return data


_KEYED: dict[str, str] = {f.path: f.meta["example_key"] for f in walk.tree(Report)
                          if f.keyed and f.record is not None and f.meta.get("example_key")}
"""Report fields that map keys to sets of fields ('translations'), with their example's key."""


def _snippet(data: Any) -> list[str]:
    return ["```yaml", to_yaml(data).rstrip("\n"), "```", ""]


def cls_is_report_part(cls: type) -> bool:
    """Report fields' docs are ``field.<path>`` texts; the registries' are ``registry.<Class>.<field>``."""
    return cls not in _OTHER_FILES


_OTHER_FILES = frozenset(walk.classes(City, Vocabulary, PageMeta))
"""The classes of the registries and of programme pages' front matter (``registry.*`` docs)."""


def _need(t: Strings, f: walk.Field) -> str:
    return _label(t, "required" if f.required else "optional")


def _table(cls: type, t: Strings, path: Path_ = ()) -> list[str]:
    rows = [f"| {_label(t, 'field')} | {_label(t, 'need')} | {_label(t, 'type')} | {_label(t, 'description')} |",
            "| --- | --- | --- | --- |"]
    for f in walk.fields(cls):
        name = ".".join((*path, f.name))
        doc = translated(name, f.meta["doc"], t.language) if cls_is_report_part(cls) else (
            t(f"registry.{cls.__name__}.{f.name}"))
        rows.append(f"| `{name}` | {_need(t, f)} | {_cell(type_name(f.hint, t.language))} | {_cell(doc)} |")
    return [*rows, ""]


def _facts(f: walk.Field, t: Strings) -> list[str]:
    meta = f.meta
    colon = _label(t, "colon")
    facts: list[tuple[str, str]] = []
    choices = _choices(f.hint)
    if choices:
        facts.append((_label(t, "allowed"), ", ".join(f"`{c}`" for c in choices)))
    if f.ref:
        where = (_label(t, "key_of_cities") if f.ref == CITY_REGISTRY
                 else _label(t, "key_of_vocabulary").format(name=f.ref))
        facts.append((_label(t, "allowed"), where))
    default = f.default
    if default is not dataclasses.MISSING and default is not None:
        facts.append((_label(t, "default"), f"`{inline_yaml(default)}`"))
    counts = []
    if meta.get("min_items"):
        counts.append(_label(t, "at_least").format(n=meta["min_items"]))
    if meta.get("max_items") is not None:
        counts.append(_label(t, "at_most").format(n=meta["max_items"]))
    if counts:
        facts.append((_label(t, "items"), ", ".join(counts)))
    bounds = []
    if meta.get("minimum") is not None:
        bounds.append(_label(t, "at_least").format(n=meta["minimum"]))
    if meta.get("maximum") is not None:
        bounds.append(_label(t, "at_most").format(n=meta["maximum"]))
    if bounds:
        facts.append((_label(t, "bounds"), ", ".join(bounds)))
    if meta.get("max_length") is not None:
        facts.append((_label(t, "length"), _label(t, "characters").format(n=meta["max_length"])))
    if meta.get("pattern_hint"):
        facts.append((_label(t, "format"), meta["pattern_hint"]))
    lines = [f"- **{name}**{colon} {value}" for name, value in facts]
    if f.private:
        lines.append(f"- {_label(t, 'private')}")
    return [*lines, ""] if lines else []


def _field_block(owner: type, f: walk.Field, path: Path_, many: Mapping[str, bool], t: Strings) -> list[str]:
    full = ".".join((*path, f.name))
    kind = type_name(f.hint, t.language)
    if f.record is not None:
        kind += " " + _label(t, "see").format(path=full)
    doc = translated(full, f.meta["doc"], t.language)
    lines = [f"### `{full}`", "", f"*{_need(t, f)}* · {kind}", "", doc, ""]
    lines += _facts(f, t)
    value = example_value(f)
    if value is not dataclasses.MISSING:
        # A nested field is shown with its required siblings: an item must be valid alone.
        data = _with_required(owner, f, value) if path else {f.name: value}
        lines += _snippet(_in_context(path, many, data))
    return lines


def _with_required(cls: type, chosen: walk.Field, value: Any) -> dict[str, Any]:
    """The chosen field's example with the required fields around it: a valid fragment."""
    data = {}
    for f in walk.fields(cls):
        if f is chosen:
            data[f.name] = value
        elif f.required:
            data[f.name] = example_value(f)
    return data


def _object_section(path: Path_, cls: type, many: Mapping[str, bool], t: Strings) -> list[str]:
    lines = [f"## `{'.'.join(path)}`", ""]
    if many[".".join(path)]:
        lines.append(_label(t, "each_item") + " " + (cls.__doc__ or "").strip())
    else:
        lines.append((cls.__doc__ or "").strip())
    lines.append("")
    target = walk.shorthand(cls)
    if target is not None:
        value = example_value(target)
        lines += [_label(t, "shorthand").format(field=target.name), ""]
        short = [value] if many[".".join(path)] else value
        lines += _snippet(_in_context(path[:-1], many, {path[-1]: short}))
    lines += _table(cls, t, path)
    for f in walk.fields(cls):
        lines += _field_block(cls, f, path, many, t)
    return lines


def _registry_sections(t: Strings) -> list[str]:
    lines = [f"## `{CITIES}`", "", _label(t, "cities_intro"), ""]
    lines += _table(City, t)
    lines += _snippet({example_key(CITY_REGISTRY): example_object(City)})
    lines += [f"## `{VOCABULARY}`", "", _label(t, "vocabulary_intro"), ""]
    for cls in walk.classes(Vocabulary):
        if cls is not Vocabulary:
            lines += [f"### {cls.__name__}", "", (cls.__doc__ or "").strip(), ""]
        lines += _table(cls, t)
    lines += _snippet(example_object(Vocabulary))
    return lines


def _pages_section(t: Strings) -> list[str]:
    """The front matter a programme page may have: ``PageMeta``, its only keys."""
    lines = [f"## {_label(t, 'pages')}", "", _label(t, "pages_intro"), ""]
    lines += _table(PageMeta, t)
    for f in walk.fields(PageMeta):  # a list, not '###' sections: those are the reports' fields
        facts = [line for line in _facts(f, t) if line]
        if facts:
            lines += [f"- `{f.name}`", *("    " + fact for fact in facts)]
    lines.append("")
    example = to_yaml(example_object(PageMeta)).rstrip("\n")
    return [*lines, "```markdown", "---", example, "---", "", "# ...", "```", ""]


def _columns_table(t: Strings, file: str, fields: tuple[ExportField, ...]) -> list[str]:
    """A row per field of an open data file: its CSV columns and its doc (``export.<file>.<name>``)."""
    rows = [f"| {_label(t, 'column')} | {_label(t, 'description')} |", "| --- | --- |"]
    for f in fields:
        columns = ", ".join(f"`{column.name}`" for column in f.columns())
        # '<slug>' is text, not a tag.
        rows.append(f"| {columns} | {_cell(t(f'export.{file}.{f.name}')).replace('<', '&lt;')} |")
    return rows


def _open_data_section(t: Strings) -> list[str]:
    """The open data's columns (``outputs.opendata``): what each CSV column (and JSON key) holds.
    Its headings name files in plain text: '### `path`' headings are the reports' fields."""
    lines = [f"## {_label(t, 'open_data')}", "", _label(t, "open_data_intro"), "",
             "### data/missions.csv", "", _label(t, "open_data_missions"), ""]
    lines += [*_columns_table(t, "missions", FIELDS), ""]
    lines += ["### data/lessons.csv", "", _label(t, "open_data_lessons"), ""]
    renamed = {name for name, _, doc in LESSON_CONTEXT if doc}
    lines += _columns_table(t, "lessons", (*LESSON_OWN, *(f for f in LESSON_SHARED if f.name in renamed)))
    lines += [_copied_row(t, LESSON_SHARED, renamed), ""]
    lines += ["### data/followup.csv", "", _label(t, "open_data_followup"), ""]
    renamed = {name for name, _, doc in FOLLOW_UP_CONTEXT if doc}
    lines += _columns_table(t, "followup", (*FOLLOW_UP_OWN, *(f for f in FOLLOW_UP_SHARED if f.name in renamed)))
    return [*lines, _copied_row(t, FOLLOW_UP_SHARED, renamed), ""]


def _copied_row(t: Strings, shared: tuple[ExportField, ...], renamed: set[str]) -> str:
    """The row of the columns a file copies from missions.csv under their own names."""
    copied = ", ".join(f"`{column.name}`" for f in shared if f.name not in renamed for column in f.columns())
    return f"| {copied} | {_cell(_label(t, 'open_data_copied'))} |"


def field_reference(language: str = "en") -> str:
    """The field reference page, in Markdown, with its own words in ``language``."""
    t = _strings(language)
    objects = list(walk.nested(Report))
    many = {".".join(path): is_list for path, _, is_list in objects}
    lines = [f"# {_label(t, 'title')}", "", _label(t, "intro"), ""]
    lines += [f"## {_label(t, 'frontmatter')}", "", (Report.__doc__ or "").strip(), ""]
    lines += _table(Report, t)
    for f in walk.fields(Report):
        lines += _field_block(Report, f, (), many, t)
    for path, cls, _ in objects:
        lines += _object_section(path, cls, many, t)
    lines += [f"## {_label(t, 'narrative')}", "", _label(t, "narrative_intro"), ""]
    report_path = example_report_path()
    lines += [f"## {_label(t, 'complete')}", "",
              _label(t, "complete_intro").format(path=report_path), ""]
    lines += ["```markdown", example_files(language)[report_path].rstrip("\n"), "```", ""]
    lines += _registry_sections(t)
    lines += _pages_section(t)
    lines += _open_data_section(t)
    return "\n".join(lines).rstrip("\n") + "\n"
