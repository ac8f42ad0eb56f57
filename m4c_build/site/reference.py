"""The field reference for report authors: a Markdown page derived from ``schema``.

Every field, its type in words (``binding.type_name``, as the validator's messages say it), its
doc, allowed values, default and an example come from the schema classes, in their order, so the
page cannot fall behind the validator. The example values come from ``spec(example=...)``.
Only the page's own words (headings, table labels) are translated, through ``LABELS``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing
from collections.abc import Iterator, Mapping
from typing import Any, Literal

import yaml

from m4c_build.i18n.fielddocs import translated
from m4c_build.load.files import CITIES, VOCABULARY
from m4c_build.outputs.editor_schemas import field_default
from m4c_build.schema.classes import (
    KEY_PATTERN,
    City,
    Labels,
    Report,
    Term,
    Vocabulary,
    is_required,
    optional_inner,
    schema_class,
    yaml_name,
)
from m4c_build.validate.binding import type_name
from m4c_build.validate.report import slugify

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Report field reference",
        "intro": (
            "A report is a Markdown file in `content/missions/`: its fields come first, between "
            "two `---` lines (the frontmatter), then the narrative. This page lists every field in "
            "the order used in reports. It is generated from the schema that `m4c validate` "
            "checks, so it is always up to date."
        ),
        "frontmatter": "Frontmatter",
        "field": "Field",
        "required": "required",
        "optional": "optional",
        "type": "Type",
        "description": "Description",
        "allowed": "Allowed values",
        "default": "Default",
        "example": "Example",
        "items": "Items",
        "at_least": "at least {n}",
        "at_most": "at most {n}",
        "bounds": "Value",
        "format": "Format",
        "key_of_cities": "a key of `cities.yml`",
        "key_of_vocabulary": "a key of `{name}` in `vocabulary.yml`",
        "private": "Never published: only the Secretariat sees it.",
        "see": "(see `{path}` below)",
        "each_item": "Each item of the list:",
        "shorthand": "A plain text is also accepted, for the `{field}` alone:",
        "complete": "Complete example",
        "complete_intro": (
            "A whole report file, built from the examples above. Save it as `content/{path}` "
            "and replace the values."
        ),
        "body": "## The mission\n\nThe narrative of the mission, in Markdown.",
        "cities_intro": (
            "The member cities. Each city is written under its key: the key reports give in "
            "`city`."
        ),
        "vocabulary_intro": (
            "The controlled vocabularies. Each term is written under its key: the key reports "
            "give in `themes`, `heritage_topics` and `assistance.formats`."
        ),
        "colon": ":",
    },
    "fr": {
        "title": "Référence des champs d'un rapport",
        "intro": (
            "Un rapport est un fichier Markdown dans `content/missions/` : ses champs viennent "
            "d'abord, entre deux lignes `---` (l'en-tête), puis le récit. Cette page liste tous "
            "les champs dans l'ordre des rapports. Elle est générée à partir du schéma que "
            "vérifie `m4c validate` : elle est toujours à jour."
        ),
        "frontmatter": "En-tête",
        "field": "Champ",
        "required": "obligatoire",
        "optional": "facultatif",
        "type": "Type",
        "description": "Description",
        "allowed": "Valeurs possibles",
        "default": "Par défaut",
        "example": "Exemple",
        "items": "Éléments",
        "at_least": "au moins {n}",
        "at_most": "au plus {n}",
        "bounds": "Valeur",
        "format": "Format",
        "key_of_cities": "une clé de `cities.yml`",
        "key_of_vocabulary": "une clé de `{name}` dans `vocabulary.yml`",
        "private": "Jamais publié : seul le Secrétariat le voit.",
        "see": "(voir `{path}` plus bas)",
        "each_item": "Chaque élément de la liste :",
        "shorthand": "Un simple texte est aussi accepté, pour le seul `{field}` :",
        "complete": "Exemple complet",
        "complete_intro": (
            "Un fichier de rapport entier, construit à partir des exemples ci-dessus. "
            "Enregistrez-le sous `content/{path}` et remplacez les valeurs."
        ),
        "body": "## La mission\n\nLe récit de la mission, en Markdown.",
        "cities_intro": (
            "Les villes membres. Chaque ville est écrite sous sa clé : la clé que les rapports "
            "donnent dans `city`."
        ),
        "vocabulary_intro": (
            "Les vocabulaires contrôlés. Chaque terme est écrit sous sa clé : la clé que les "
            "rapports donnent dans `themes`, `heritage_topics` et `assistance.formats`."
        ),
        "colon": "\u00a0:",
    },
    "es": {
        "title": "Referencia de los campos de un informe",
        "intro": (
            "Un informe es un archivo Markdown en `content/missions/`: primero van sus campos, "
            "entre dos líneas `---` (el encabezado), y luego el relato. Esta página enumera todos "
            "los campos en el orden de los informes. Se genera a partir del esquema que comprueba "
            "`m4c validate`, por lo que siempre está al día."
        ),
        "frontmatter": "Encabezado",
        "field": "Campo",
        "required": "obligatorio",
        "optional": "opcional",
        "type": "Tipo",
        "description": "Descripción",
        "allowed": "Valores posibles",
        "default": "Por defecto",
        "example": "Ejemplo",
        "items": "Elementos",
        "at_least": "al menos {n}",
        "at_most": "como máximo {n}",
        "bounds": "Valor",
        "format": "Formato",
        "key_of_cities": "una clave de `cities.yml`",
        "key_of_vocabulary": "una clave de `{name}` en `vocabulary.yml`",
        "private": "Nunca se publica: solo lo ve la Secretaría.",
        "see": "(véase `{path}` más abajo)",
        "each_item": "Cada elemento de la lista:",
        "shorthand": "También se acepta un texto simple, solo para `{field}`:",
        "complete": "Ejemplo completo",
        "complete_intro": (
            "Un archivo de informe entero, construido con los ejemplos anteriores. Guárdelo como "
            "`content/{path}` y sustituya los valores."
        ),
        "body": "## La misión\n\nEl relato de la misión, en Markdown.",
        "cities_intro": (
            "Las ciudades miembro. Cada ciudad se escribe bajo su clave: la clave que los informes "
            "indican en `city`."
        ),
        "vocabulary_intro": (
            "Los vocabularios controlados. Cada término se escribe bajo su clave: la clave que los "
            "informes indican en `themes`, `heritage_topics` y `assistance.formats`."
        ),
        "colon": ":",
    },
}
"""The page's own words by language; field docs and type words stay as in the schema."""

_KEY = re.compile(KEY_PATTERN)

CITY_REGISTRY = "cities"
"""The registry name (``spec(ref=...)``) of cities.yml; the others live in vocabulary.yml."""

Path_ = tuple[str, ...]
"""Where a nested object sits in a report: ('experts',), ('follow_up',)..."""


# --- Example data --------------------------------------------------------------------------


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


def _inline(value: Any) -> str:
    text = to_yaml(value).strip()
    return text.removesuffix("\n...").strip()


def _as_loaded(tp: Any, value: Any) -> Any:
    """An ``example`` as YAML would give it: date strings become dates (written unquoted)."""
    tp = optional_inner(tp)
    if tp is dt.date and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if typing.get_origin(tp) is list and isinstance(value, list):
        return [_as_loaded(typing.get_args(tp)[0], v) for v in value]
    return value


def _fields(cls: type) -> Iterator[tuple[dataclasses.Field[Any], Any]]:
    hints = typing.get_type_hints(cls)
    for f in dataclasses.fields(cls):
        if f.init:
            yield f, hints[f.name]


def example_value(f: dataclasses.Field[Any], tp: Any) -> Any:
    """The field's example, else one built from its class, else its default; or MISSING."""
    example = f.metadata.get("example")
    if isinstance(example, str) and '"' in (f.metadata.get("pattern_hint") or ""):
        return _Quoted(example)
    if example is not None:
        return _as_loaded(tp, example)
    cls, many = schema_class(tp)
    if cls is not None and typing.get_origin(optional_inner(tp)) is not dict:
        item = example_object(cls)
        return [item] if many else item
    default = field_default(f)
    if default is not dataclasses.MISSING and default not in (None, [], {}):
        return default
    if is_required(f):  # a bug in schema.py, not user input
        raise TypeError(f"schema.py: give the required field '{f.name}' an example=")
    return dataclasses.MISSING


def example_object(cls: type) -> dict[str, Any]:
    """A complete example of a schema class, field by field in schema order."""
    result = {}
    for f, tp in _fields(cls):
        value = example_value(f, tp)
        if value is not dataclasses.MISSING:
            result[yaml_name(f)] = value
    return result


def _classes(*roots: type) -> Iterator[type]:
    """Every schema class reachable from ``roots``, each once, depth first in field order."""
    seen: set[type] = set()

    def walk(cls: type) -> Iterator[type]:
        if cls in seen:
            return
        seen.add(cls)
        yield cls
        for _, tp in _fields(cls):
            inner, _ = schema_class(tp)
            if inner is not None:
                yield from walk(inner)

    for root in roots:
        yield from walk(root)


def example_key(registry: str) -> str:
    """A key of ``registry`` the examples use (the example of a field that refers to it)."""
    for cls in _classes(Report, City, Vocabulary):
        for f, _ in _fields(cls):
            example = f.metadata.get("example")
            if f.metadata.get("ref") == registry and example:
                return str(example[0] if isinstance(example, list) else example)
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


def _field(cls: type, name: str) -> dataclasses.Field[Any]:
    return next(f for f in dataclasses.fields(cls) if f.name == name)


def example_files(language: str = "en") -> dict[str, str]:
    """A small content folder from the examples: cities.yml, vocabulary.yml and one report."""
    labels = _labels(language)
    report = f"---\n{example_frontmatter()}---\n\n{labels['body']}\n"
    return {
        CITIES: to_yaml({example_key(CITY_REGISTRY): example_object(City)}),
        VOCABULARY: to_yaml(example_object(Vocabulary)),
        example_report_path(): report,
    }


# --- The page ------------------------------------------------------------------------------


def _labels(language: str) -> Mapping[str, str]:
    if language not in LABELS:
        raise ValueError(f"no field reference labels for '{language}': "
                         f"choose one of {', '.join(LABELS)}")
    return LABELS[language]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _choices(tp: Any) -> tuple[Any, ...]:
    tp = optional_inner(tp)
    if typing.get_origin(tp) is list:
        tp = optional_inner(typing.get_args(tp)[0])
    return typing.get_args(tp) if typing.get_origin(tp) is Literal else ()


def _in_context(path: Path_, many: Mapping[str, bool], data: Any) -> Any:
    """``data`` wrapped in its parent fields, each list parent with one item."""
    for depth in range(len(path) - 1, -1, -1):
        name = path[depth]
        data = {name: [data] if many[".".join(path[: depth + 1])] else data}
    return data


def _snippet(data: Any) -> list[str]:
    return ["```yaml", to_yaml(data).rstrip("\n"), "```", ""]


def cls_is_report_part(cls: type) -> bool:
    """Report fields have translated docs; the registries' fields are documented in English."""
    return cls not in (City, Labels, Term, Vocabulary)


def _table(cls: type, labels: Mapping[str, str], path: Path_ = ()) -> list[str]:
    rows = [f"| {labels['field']} | | {labels['type']} | {labels['description']} |",
            "| --- | --- | --- | --- |"]
    for f, tp in _fields(cls):
        name = ".".join((*path, yaml_name(f)))
        need = labels["required"] if is_required(f) else labels["optional"]
        doc = f.metadata["doc"]
        if cls_is_report_part(cls):
            doc = translated(name, doc, labels["language"])
        rows.append(f"| `{name}` | {need} | {_cell(type_name(tp, labels['language']))} | {_cell(doc)} |")
    return [*rows, ""]


def _facts(f: dataclasses.Field[Any], tp: Any, labels: Mapping[str, str]) -> list[str]:
    meta = f.metadata
    colon = labels["colon"]
    facts: list[tuple[str, str]] = []
    choices = _choices(tp)
    if choices:
        facts.append((labels["allowed"], ", ".join(f"`{c}`" for c in choices)))
    if meta.get("ref"):
        where = (labels["key_of_cities"] if meta["ref"] == CITY_REGISTRY
                 else labels["key_of_vocabulary"].format(name=meta["ref"]))
        facts.append((labels["allowed"], where))
    default = field_default(f)
    if default is not dataclasses.MISSING and default is not None:
        facts.append((labels["default"], f"`{_inline(default)}`"))
    counts = []
    if meta.get("min_items"):
        counts.append(labels["at_least"].format(n=meta["min_items"]))
    if meta.get("max_items") is not None:
        counts.append(labels["at_most"].format(n=meta["max_items"]))
    if counts:
        facts.append((labels["items"], ", ".join(counts)))
    bounds = []
    if meta.get("minimum") is not None:
        bounds.append(labels["at_least"].format(n=meta["minimum"]))
    if meta.get("maximum") is not None:
        bounds.append(labels["at_most"].format(n=meta["maximum"]))
    if bounds:
        facts.append((labels["bounds"], ", ".join(bounds)))
    if meta.get("pattern_hint"):
        facts.append((labels["format"], meta["pattern_hint"]))
    lines = [f"- **{name}**{colon} {value}" for name, value in facts]
    if meta.get("private"):
        lines.append(f"- {labels['private']}")
    return [*lines, ""] if lines else []


def _field_block(
    owner: type, f: dataclasses.Field[Any], tp: Any, path: Path_, many: Mapping[str, bool],
    labels: Mapping[str, str],
) -> list[str]:
    full = ".".join((*path, yaml_name(f)))
    need = labels["required"] if is_required(f) else labels["optional"]
    kind = type_name(tp, labels["language"])
    if schema_class(tp)[0] is not None:
        kind += " " + labels["see"].format(path=full)
    doc = translated(full, f.metadata["doc"], labels["language"])
    lines = [f"### `{full}`", "", f"*{need}* · {kind}", "", doc, ""]
    lines += _facts(f, tp, labels)
    value = example_value(f, tp)
    if value is not dataclasses.MISSING:
        # A nested field is shown with its required siblings: an item must be valid alone.
        data = _with_required(owner, f, value) if path else {yaml_name(f): value}
        lines += _snippet(_in_context(path, many, data))
    return lines


def _with_required(cls: type, chosen: dataclasses.Field[Any], value: Any) -> dict[str, Any]:
    """The chosen field's example with the required fields around it: a valid fragment."""
    data = {}
    for f, tp in _fields(cls):
        if f is chosen:
            data[yaml_name(f)] = value
        elif is_required(f):
            data[yaml_name(f)] = example_value(f, tp)
    return data


def _objects(cls: type, path: Path_ = ()) -> Iterator[tuple[Path_, type, bool]]:
    """Nested schema classes of a report, with their path and whether they come as a list."""
    for f, tp in _fields(cls):
        inner, many = schema_class(tp)
        if inner is not None:
            here = (*path, yaml_name(f))
            yield here, inner, many
            yield from _objects(inner, here)


def _object_section(
    path: Path_, cls: type, many: Mapping[str, bool], labels: Mapping[str, str]
) -> list[str]:
    lines = [f"## `{'.'.join(path)}`", ""]
    if many[".".join(path)]:
        lines.append(labels["each_item"] + " " + (cls.__doc__ or "").strip())
    else:
        lines.append((cls.__doc__ or "").strip())
    lines.append("")
    shorthand = getattr(cls, "__shorthand__", None)
    if shorthand:
        target = _field(cls, shorthand)
        value = example_value(target, typing.get_type_hints(cls)[shorthand])
        lines += [labels["shorthand"].format(field=yaml_name(target)), ""]
        short = [value] if many[".".join(path)] else value
        lines += _snippet(_in_context(path[:-1], many, {path[-1]: short}))
    lines += _table(cls, labels, path)
    for f, tp in _fields(cls):
        lines += _field_block(cls, f, tp, path, many, labels)
    return lines


def _registry_sections(labels: Mapping[str, str]) -> list[str]:
    lines = [f"## `{CITIES}`", "", labels["cities_intro"], ""]
    lines += _table(City, labels)
    lines += _snippet({example_key(CITY_REGISTRY): example_object(City)})
    lines += [f"## `{VOCABULARY}`", "", labels["vocabulary_intro"], ""]
    for cls in _classes(Vocabulary):
        if cls is not Vocabulary:
            lines += [f"### {cls.__name__}", "", (cls.__doc__ or "").strip(), ""]
        lines += _table(cls, labels)
    lines += _snippet(example_object(Vocabulary))
    return lines


def field_reference(language: str = "en") -> str:
    """The field reference page, in Markdown, with its own words in ``language``."""
    labels = {**_labels(language), "language": language}
    objects = list(_objects(Report))
    many = {".".join(path): is_list for path, _, is_list in objects}
    lines = [f"# {labels['title']}", "", labels["intro"], ""]
    lines += [f"## {labels['frontmatter']}", "", (Report.__doc__ or "").strip(), ""]
    lines += _table(Report, labels)
    for f, tp in _fields(Report):
        lines += _field_block(Report, f, tp, (), many, labels)
    for path, cls, _ in objects:
        lines += _object_section(path, cls, many, labels)
    report_path = example_report_path()
    lines += [f"## {labels['complete']}", "",
              labels["complete_intro"].format(path=report_path), ""]
    lines += ["```markdown", example_files(language)[report_path].rstrip("\n"), "```", ""]
    lines += _registry_sections(labels)
    return "\n".join(lines).rstrip("\n") + "\n"
