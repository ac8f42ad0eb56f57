"""``m4c new``: a new report file with every schema field, commented in the author's language.

The text is derived from ``schema.Report`` by a walk over its fields, so a field added there
appears here with no edit. What the author must still write holds a ``TODO`` placeholder: the
validator flags it as "still to fill", a warning while ``status: draft`` and an error once the
report is published. The file is always written as a draft.

Two parts: ``report_text`` (pure: a request in, the Markdown text out) and ``create`` (asks for
what the flags did not give, checks the keys against the registries, writes the file).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import textwrap
import typing
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from m4c_build.i18n.fielddocs import translated
from m4c_build.i18n.texts import Strings
from m4c_build.load.files import walk_registries
from m4c_build.model import Registry
from m4c_build.outputs.editor_schemas import REPORT_SCHEMA, registry_keys, write_schemas
from m4c_build.problems import Problems
from m4c_build.schema.classes import KEY_PATTERN, LANGUAGES, MissionType, Report, is_required, optional_inner, yaml_name
from m4c_build.validate.binding import suggest
from m4c_build.validate.registry import country_name, load_registry
from m4c_build.validate.report import slugify

SCHEMA_FOLDER = "schema"
"""Folder beside the content folder where editors find ``report.schema.json`` (``m4c new``
refreshes it; it is not committed)."""
MISSION_TYPES: tuple[str, ...] = typing.get_args(MissionType)
MAX_SLUG = 60

_KEY = re.compile(KEY_PATTERN)

_TEXT: dict[str, dict[str, str]] = {
    "fr": {
        "todo": "TODO: à remplir",
        "todo_date": "TODO: AAAA-MM-JJ",
        "required": "obligatoire",
        "optional": "facultatif",
        "choices": "Valeurs possibles : ",
        "example": "Pour en ajouter, remplacez « [] » par une liste comme celle-ci "
                   "(sans les « # ») :",
        "head": "Rapport de mission Mission4City. Remplacez chaque « TODO », "
                "puis lancez « m4c validate ».\n"
                "Un brouillon (status: draft) n'est jamais publié : "
                "un « TODO » y est un avertissement.\n"
                "Pour publier, écrivez « status: published » : "
                "un « TODO » restant est alors une erreur.\n"
                "Le récit de la mission suit le second « --- », en Markdown.",
        "body": "## Contexte\n\nTODO: la situation de la ville et la question posée.\n\n"
                "## Déroulement\n\n"
                "TODO: ce que les experts et la ville ont fait, jour par jour.\n\n"
                "## Résultats\n\nTODO: ce que la mission a changé, et ce qui reste à faire.\n",
    },
    "en": {
        "todo": "TODO: to fill",
        "todo_date": "TODO: YYYY-MM-DD",
        "required": "required",
        "optional": "optional",
        "choices": "Possible values: ",
        "example": "To add some, replace '[]' with a list like this one (without the '#'):",
        "head": "Mission4City mission report. Replace each 'TODO', then run 'm4c validate'.\n"
                "A draft (status: draft) is never published: a 'TODO' in it is a warning.\n"
                "To publish, write 'status: published': a 'TODO' left is then an error.\n"
                "The account of the mission follows the second '---', in Markdown.",
        "body": "## Context\n\nTODO: the city's situation and the question it asked.\n\n"
                "## The mission\n\nTODO: what the experts and the city did, day by day.\n\n"
                "## Results\n\nTODO: what the mission changed, and what remains to be done.\n",
    },
    "es": {
        "todo": "TODO: por completar",
        "todo_date": "TODO: AAAA-MM-DD",
        "required": "obligatorio",
        "optional": "opcional",
        "choices": "Valores posibles: ",
        "example": "Para añadir, sustituya «[]» por una lista como esta (sin los «#»):",
        "head": "Informe de misión Mission4City. Sustituya cada «TODO» y ejecute "
                "«m4c validate».\n"
                "Un borrador (status: draft) nunca se publica: "
                "un «TODO» en él es una advertencia.\n"
                "Para publicar, escriba «status: published»: "
                "un «TODO» restante es entonces un error.\n"
                "El relato de la misión sigue al segundo «---», en Markdown.",
        "body": "## Situación inicial\n\n"
                "TODO: la situación de la ciudad y la pregunta planteada.\n\n"
                "## La misión\n\nTODO: lo que hicieron los expertos y la ciudad, día a día.\n\n"
                "## Resultados\n\nTODO: lo que cambió la misión y lo que queda por hacer.\n",
    },
}


def words(language: str) -> Mapping[str, str]:
    """The scaffold's own words in ``language``: placeholders, markers, body headings."""
    return _TEXT[language]


# --- The schema's fields, with their docs in three languages ------------------------------------


@dataclass(frozen=True)
class Field:
    """One field of the report schema, as the scaffold walks it."""

    path: str
    """'experts.name': the YAML names from the report down, items of lists left out."""
    field: dataclasses.Field[Any]
    tp: Any
    """The field's type with ``| None`` taken off."""
    optional: bool
    """The field may be left out (it has a default)."""

    @property
    def name(self) -> str:
        return yaml_name(self.field)

    @property
    def item(self) -> Any:
        """The item type of a list field, else None."""
        return typing.get_args(self.tp)[0] if typing.get_origin(self.tp) is list else None

    @property
    def record(self) -> type | None:
        """The schema class this field holds (directly or as list items), else None."""
        inner = self.item if self.item is not None else self.tp
        return typing.cast(type, inner) if dataclasses.is_dataclass(inner) else None

    @property
    def ref(self) -> str | None:
        return self.field.metadata.get("ref")


def fields_of(cls: type, prefix: str = "") -> list[Field]:
    """The fields of a schema class, in schema order."""
    hints = typing.get_type_hints(cls)
    result = []
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        tp = optional_inner(hints[f.name])
        result.append(Field(prefix + yaml_name(f), f, tp, optional=not is_required(f)))
    return result


def report_fields() -> Iterator[Field]:
    """Every field of a report, nested ones after their parent, in schema order."""

    def walk(cls: type, prefix: str) -> Iterator[Field]:
        for f in fields_of(cls, prefix):
            yield f
            if f.record is not None:
                yield from walk(f.record, f.path + ".")

    return walk(Report, "")


def field_doc(f: Field, language: str) -> str:
    """The field's doc in ``language``; English is the schema's own."""
    return translated(f.path, f.field.metadata.get("doc", ""), language)


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

    def given(self) -> dict[str, Any]:
        """Field path -> value, for the fields the request fills in."""
        values: dict[str, Any] = {"type": self.type, "language": self.language, "status": "draft"}
        for path, value in (("title", self.title), ("city", self.city), ("date", self.date),
                            ("themes", list(self.themes))):
            if value:
                values[path] = value
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


@dataclass
class _Writer:
    language: str
    registry: Registry | None
    given: Mapping[str, Any]
    lines: list[str] = dataclasses.field(default_factory=list)

    def text(self, key: str) -> str:
        return _TEXT[self.language][key]

    def comment(self, indent: int, text: str) -> None:
        for line in textwrap.wrap(text, width=max(40, 98 - indent), break_on_hyphens=False):
            self.lines.append(f"{' ' * indent}# {line}")

    def choices(self, f: Field) -> str:
        """'tourism (Tourism), housing (Housing)' for a field naming registry keys."""
        if f.ref is None or self.registry is None:
            return ""
        if f.ref == "cities":
            cities = sorted(self.registry.cities.items(), key=lambda kv: folded(kv[1].name))
            return ", ".join(f"{key} ({city.name})" for key, city in cities)
        terms = getattr(self.registry.vocabulary, f.ref)
        return ", ".join(f"{key} ({term.labels.get(self.language)})" for key, term in terms.items())

    def placeholder(self, f: Field, example: bool) -> Any:
        """A scalar's value: the given one, the example (in commented examples), or a TODO."""
        if example and f.field.metadata.get("example") is not None:
            value = f.field.metadata["example"]
            return dt.date.fromisoformat(value) if f.tp is dt.date else value
        if f.tp is dt.date:
            return self.text("todo_date")
        if typing.get_origin(f.tp) is Literal:
            return typing.get_args(f.tp)[0]
        return self.text("todo")

    def describe(self, f: Field, indent: int) -> None:
        """The comment above a field: its doc, whether it is required, its possible keys."""
        doc = field_doc(f, self.language)
        word = f"({self.text('optional' if f.optional else 'required')})"
        self.comment(indent, doc if word in doc else f"{doc} {word}")
        choices = self.choices(f)
        if choices:
            self.comment(indent, self.text("choices") + choices)

    def fields(self, cls: type, prefix: str, indent: int, example: bool = False) -> None:
        for f in fields_of(cls, prefix):
            self.describe(f, indent)
            self.value(f, indent, example)

    def value(self, f: Field, indent: int, example: bool) -> None:
        pad = " " * indent
        default = f.field.default
        if f.path in self.given:
            self.lines.append(f"{pad}{f.name}: {yaml_value(self.given[f.path])}")
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
            inner = Field(f.path, f.field, f.item, optional=False)
            items = [self.placeholder(inner, example)] if required else []
            self.lines.append(f"{pad}{f.name}: {yaml_value(items)}")
        elif not f.optional or example:
            self.lines.append(f"{pad}{f.name}: {yaml_value(self.placeholder(f, example))}".rstrip())
        else:
            value = None if default is dataclasses.MISSING else default
            self.lines.append(f"{pad}{f.name}: {yaml_value(value)}".rstrip())

    def item(self, f: Field, indent: int, example: bool) -> None:
        """One list item of a list of sets of fields: '- ' on its first (comment) line."""
        assert f.record is not None
        start = len(self.lines)
        self.fields(f.record, f.path + ".", indent + 4, example)
        first = self.lines[start]
        self.lines[start] = f"{' ' * (indent + 2)}- {first[indent + 4:]}"


def report_text(request: Request, registry: Registry | None = None, *,
                schema_ref: str | None = None) -> str:
    """A new report: frontmatter with every schema field, commented, then body headings."""
    if request.language not in _TEXT:
        raise ValueError(f"unknown language {request.language!r}")  # the caller checks it
    writer = _Writer(request.language, registry, request.given())
    lines = ["---"]
    if schema_ref:
        lines.append(f"# yaml-language-server: $schema={schema_ref}")
    lines += [f"# {line}" for line in writer.text("head").splitlines()]
    writer.lines = lines
    for f in fields_of(Report):
        writer.lines.append("")
        writer.describe(f, 0)
        writer.value(f, 0, example=False)
    return "\n".join(writer.lines) + "\n---\n\n" + writer.text("body")


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


# --- Asking and writing --------------------------------------------------------------------------


class ScaffoldError(Exception):
    """A request ``m4c new`` cannot carry out."""


class UsageError(ScaffoldError):
    """A bad flag or key, or no answer to a question: exit code 2."""


class ExistsError(ScaffoldError):
    """The report file is already there: exit code 1."""


@dataclass(frozen=True)
class Options:
    """``m4c new``'s flags; None is 'ask'."""

    content: Path = Path("content")
    city: str | None = None
    date: str | None = None
    title: str | None = None
    themes: Sequence[str] = ()
    language: str | None = None
    type: str | None = None
    yes: bool = False
    """Ask nothing: use the defaults and fail on what has none."""


_PROMPTS: dict[str, dict[str, str]] = {
    "fr": {
        "city": "Ville de la mission",
        "date": "Premier jour de la mission (AAAA-MM-JJ)",
        "title": "Titre de la mission",
        "themes": "Thèmes (un ou plusieurs, séparés par des virgules)",
        "type": "Type de mission",
        "pick": "Numéro ou clé",
        "not_in_list": "« {0} » n'est pas dans la liste",
        "did_you_mean": " : vouliez-vous dire « {0} » ?",
        "bad_date": "« {0} » n'est pas une date AAAA-MM-JJ",
        "empty": "Une réponse est nécessaire",
    },
    "en": {
        "city": "City of the mission",
        "date": "First day of the mission (YYYY-MM-DD)",
        "title": "Title of the mission",
        "themes": "Themes (one or more, separated by commas)",
        "type": "Mission type",
        "pick": "Number or key",
        "not_in_list": "'{0}' is not in the list",
        "did_you_mean": ": did you mean '{0}'?",
        "bad_date": "'{0}' is not a date like YYYY-MM-DD",
        "empty": "An answer is needed",
    },
    "es": {
        "city": "Ciudad de la misión",
        "date": "Primer día de la misión (AAAA-MM-DD)",
        "title": "Título de la misión",
        "themes": "Temas (uno o varios, separados por comas)",
        "type": "Tipo de misión",
        "pick": "Número o clave",
        "not_in_list": "«{0}» no está en la lista",
        "did_you_mean": ": ¿quiso decir «{0}»?",
        "bad_date": "«{0}» no es una fecha AAAA-MM-DD",
        "empty": "Se necesita una respuesta",
    },
}
_LANGUAGE_PROMPT = "Langue du rapport / Report language / Idioma del informe"


def _check_key(flag: str, value: str, known: Sequence[str], noun: str) -> str:
    if value in known:
        return value
    close = suggest(value, known)
    hint = f": did you mean '{close}'?" if close else f" (known: {', '.join(known)})"
    raise UsageError(f"{flag}: unknown {noun} '{value}'{hint}")


def _parse_date(value: str, flag: str = "--date") -> dt.date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError(value)
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{flag}: '{value}' is not a date like 2024-03-12") from None


class Asker:
    """Questions on standard input; numbered choices, tab completion on a terminal."""

    def __init__(self, ask: Callable[[str], str], say: Callable[[str], None],
                 complete: Callable[[Sequence[str]], None] | None = None) -> None:
        self.ask, self.say, self.complete = ask, say, complete
        self.language = "fr"

    def t(self, key: str, *values: str) -> str:
        return _PROMPTS[self.language][key].format(*values)

    def line(self, prompt: str, what: str) -> str:
        try:
            return self.ask(prompt).strip()
        except EOFError:
            raise UsageError(f"no answer for {what}: give it as a flag "
                             "(see 'm4c new --help')") from None

    def choose(self, question: str, options: Sequence[tuple[str, str]], what: str, *,
               many: bool = False, default: str | None = None) -> list[str]:
        keys = [key for key, _ in options]
        self.say(f"{question}:")
        width = max(len(key) for key in keys)
        for number, (key, label) in enumerate(options, 1):
            self.say(f"  {number:>2}. {key:<{width}}  {label}")
        if self.complete is not None:
            self.complete(keys)
        suffix = f" [{default}]" if default else ""
        while True:
            answer = self.line(f"{self.t('pick')}{suffix}: ", what)
            if not answer and default:
                return [default]
            words = [w for w in re.split(r"[,\s]+", answer) if w]
            if not words:
                self.say(self.t("empty"))
                continue
            chosen, wrong = [], None
            for word in words:
                if word.isdigit() and 1 <= int(word) <= len(keys):
                    chosen.append(keys[int(word) - 1])
                elif word in keys:
                    chosen.append(word)
                else:
                    wrong = word
                    break
            if wrong is not None:
                close = suggest(wrong, keys)
                mean = self.t("did_you_mean", close) if close else ""
                self.say(self.t("not_in_list", wrong) + mean)
                continue
            if not many and len(chosen) > 1:
                self.say(self.t("not_in_list", answer))
                continue
            return list(dict.fromkeys(chosen))

    def text(self, question: str, what: str) -> str:
        if self.complete is not None:
            self.complete([])
        while True:
            answer = self.line(f"{question}: ", what)
            if answer:
                return answer
            self.say(self.t("empty"))

    def date(self, question: str, default: dt.date) -> dt.date:
        if self.complete is not None:
            self.complete([])
        while True:
            answer = self.line(f"{question} [{default.isoformat()}]: ", "--date")
            if not answer:
                return default
            try:
                return _parse_date(answer)
            except UsageError:
                self.say(self.t("bad_date", answer))


def _language_name(code: str) -> str:
    return Strings(code)(f"lang_{code}")


def complete_with_readline(words: Sequence[str]) -> None:
    """Tab completion of ``words`` at the next ``input()`` (a terminal only)."""
    try:
        import readline  # not on every platform; only for a terminal
    except ImportError:  # pragma: no cover - Windows without pyreadline
        return
    choices = list(words)

    def completer(text: str, state: int) -> str | None:
        matches = [w for w in choices if w.startswith(text)]
        return matches[state] if state < len(matches) else None

    readline.set_completer(completer)
    readline.set_completer_delims(" ,")
    readline.parse_and_bind("tab: complete")


def resolve(options: Options, registry: Registry, asker: Asker, today: dt.date) -> Request:
    """A complete request: flags checked, the missing ones asked for (or defaulted with --yes)."""
    cities = sorted(registry.cities, key=lambda k: folded(registry.cities[k].name))
    themes = list(registry.vocabulary.themes)
    language = options.language
    if language is not None:
        language = _check_key("--language", language, LANGUAGES, "language")
    city = _check_key("--city", options.city, cities, "city") if options.city is not None else None
    chosen_themes = [_check_key("--theme", t, themes, "theme") for t in options.themes]
    mission_type = options.type
    if mission_type is not None:
        mission_type = _check_key("--type", mission_type, MISSION_TYPES, "mission type")
    date = _parse_date(options.date) if options.date is not None else None
    title = options.title.strip() if options.title is not None else None
    if options.title is not None and not title:
        raise UsageError("--title: the title is empty")

    if options.yes:
        missing = [flag for flag, value in (("--city", city), ("--title", title),
                                             ("--theme", chosen_themes)) if not value]
        if missing:
            raise UsageError(f"--yes asks nothing: give {', '.join(missing)}")
        return Request(language=language or LANGUAGES[0], city=city, date=date or today,
                       title=title, themes=tuple(chosen_themes),
                       type=mission_type or MISSION_TYPES[0])

    if language is None:
        language = asker.choose(_LANGUAGE_PROMPT, [(c, _language_name(c)) for c in LANGUAGES],
                                "--language", default=LANGUAGES[0])[0]
    asker.language = language
    labels = Strings(language)
    if city is None:
        places = [(k, f"{c.name} ({country_name(c.country, language)})")
                  for k, c in ((k, registry.cities[k]) for k in cities)]
        city = asker.choose(asker.t("city"), places, "--city")[0]
    if date is None:
        date = asker.date(asker.t("date"), today)
    if title is None:
        title = asker.text(asker.t("title"), "--title")
    if not chosen_themes:
        terms = registry.vocabulary.themes
        ordered = sorted(themes, key=lambda k: folded(terms[k].labels.get(language)))
        chosen_themes = asker.choose(
            asker.t("themes"), [(k, terms[k].labels.get(language)) for k in ordered],
            "--theme", many=True)
    if mission_type is None:
        kinds = [(k, labels(f"type_{k}")) for k in MISSION_TYPES]
        mission_type = asker.choose(asker.t("type"), kinds, "--type", default=MISSION_TYPES[0])[0]
    return Request(language=language, city=city, date=date, title=title,
                   themes=tuple(chosen_themes), type=mission_type)


def create(options: Options, registry: Registry, asker: Asker,
           today: dt.date | None = None) -> Path:
    """Write the new report; never overwrite one, never reuse a published address."""
    request = resolve(options, registry, asker, today or dt.date.today())
    root = options.content
    path = report_path(root, request)
    if path.exists():
        raise ExistsError(f"{path} already exists: refusing to overwrite it "
                          "(change --title, or edit that file)")
    missions = root / "missions"
    same = list(missions.rglob(f"{path.stem}.md")) if missions.is_dir() else []
    if same:
        raise ExistsError(f"{same[0]} already publishes at missions/{path.stem}/: "
                          "refusing to create a second report there (change --title)")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = report_text(request, registry, schema_ref=schema_ref_for(path, root))
    with path.open("x", encoding="utf-8", newline="\n") as out:
        out.write(text)
    # The editor's schema, where the report's first line points, with today's keys.
    write_schemas(root.resolve().parent / SCHEMA_FOLDER, registry_keys(registry))
    return path


def load(root: Path) -> tuple[Registry | None, Problems]:
    """The registries the choices come from, and the problems if they cannot be read."""
    problems = Problems()
    return load_registry(walk_registries(root, problems), problems).registry, problems
