"""``m4c new``: asks for what the flags did not give, checks the keys, writes the report file.

The text itself is ``template.report_text`` (pure); this module holds the flags (``Options``),
the questions (``Asker``, with tab completion on a terminal), the request they resolve to
(``resolve``) and the file write (``create``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from m4c_build.authoring.template import (
    SCHEMA_FOLDER,
    Request,
    folded,
    report_path,
    report_text,
    schema_ref_for,
)
from m4c_build.errors import M4CError
from m4c_build.i18n.countries import country_name
from m4c_build.i18n.texts import Strings
from m4c_build.load.files import walk_registries
from m4c_build.model import Registry
from m4c_build.outputs.editor_schemas import registry_keys, write_schemas
from m4c_build.problems import Problems
from m4c_build.schema.classes import LANGUAGES, MISSION_TYPES, Labels
from m4c_build.schema.walk import DATE
from m4c_build.validate.binding import suggest
from m4c_build.validate.registry import load_registry


class ScaffoldError(M4CError):
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


def _check_key(flag: str, value: str, known: Sequence[str], noun: str,
               labels: Mapping[str, Labels] | None = None) -> str:
    """``value`` when it is a key of ``known``, or the key whose label in any language it is
    ('--theme turismo' or 'Tourisme' -> 'tourism'): an author types what they read."""
    if value in known:
        return value
    by_label = {folded(label): key for key, term in (labels or {}).items()
                for label in (term.get(language) for language in LANGUAGES) if label}
    if folded(value) in by_label:
        return by_label[folded(value)]
    close = suggest(value, known)
    hint = f": did you mean '{close}'?" if close else f" (known: {', '.join(known)})"
    raise UsageError(f"{flag}: unknown {noun} '{value}'{hint}")


def _parse_date(value: str, flag: str = "--date") -> dt.date:
    try:
        if not DATE.match(value.strip()):
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
        """A question or answer of ``m4c new`` (the ``prompt.*`` texts of ``i18n``)."""
        return Strings(self.language)(f"prompt.{key}").format(*values)

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
    labels = {key: term.labels for key, term in registry.vocabulary.themes.items()}
    chosen_themes = list(dict.fromkeys(_check_key("--theme", t, themes, "theme", labels) for t in options.themes))
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
        asker.language = language or LANGUAGES[0]
        return Request(language=language or LANGUAGES[0], city=city, date=date or today,
                       title=title, themes=tuple(chosen_themes),
                       type=mission_type or MISSION_TYPES[0])

    if language is None:
        language = asker.choose(asker.t("language"), [(c, _language_name(c)) for c in LANGUAGES],
                                "--language", default=LANGUAGES[0])[0]
    asker.language = language
    words = Strings(language)
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
        kinds = [(k, words(f"type_{k}")) for k in MISSION_TYPES]
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
