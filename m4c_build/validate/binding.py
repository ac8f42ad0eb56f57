"""Bind plain YAML data to the typed schema, collecting problems with their positions.

Every field's type, requiredness, pattern, bounds and registry reference come from the schema
through ``schema.walk``; nothing here names a report field.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import types
import typing
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from m4c_build.i18n.texts import Strings
from m4c_build.load.yamlsource import Key, SourceMap
from m4c_build.problems import Problems, visible
from m4c_build.schema import walk
from m4c_build.schema.classes import KEY_PATTERN
from m4c_build.schema.keys import slugify
from m4c_build.schema.walk import DATE, shape

TODO = "TODO"
"""A report text starting with this is a placeholder (``m4c new`` writes them)."""
_KEY = re.compile(KEY_PATTERN)


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()
"""Returned where a value could not be bound (its problem is already recorded)."""


@dataclass(frozen=True)
class Ref:
    """A key that must exist in a registry (``themes``, ``cities``...), and where it stood."""

    registry: str
    key: str
    at: Key


_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                     "\u2066-\u2069\ufeff]")
"""Control, bidi and zero-width characters: no text of a report needs one, and they hide or
reorder what a reader sees (a title that reads backwards, a key that looks right and is not)."""
_KEY_CHARACTER = re.compile(r"[^a-z0-9-]")
_UNUSUAL = re.compile(r"[^\x20-\x7e]")


def character_name(char: str) -> str:
    """'U+200B ZERO WIDTH SPACE'."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


def odd_character(key: str, *, unusual: bool = False) -> str:
    """': 'é' (U+00E9 LATIN SMALL LETTER E WITH ACUTE) is not allowed' for the first character a
    key may not hold, so that a look-alike or an invisible one is named; '' when there is none.
    With ``unusual``, only what a reader cannot see: an invisible character, or a letter of
    another script that looks Latin (Cyrillic 'а' in 'climаte')."""
    found = [m for m in (_UNUSUAL if unusual else _KEY_CHARACTER).finditer(key)
             if not unusual or not unicodedata.name(m.group(), "").startswith("LATIN")]
    if not found:
        return ""
    match = found[0]
    char = match.group()
    shown = "" if _HIDDEN.match(char) or char.isspace() else f"'{char}' "
    return f": {shown}({character_name(char)}) at character {match.start() + 1} is not allowed"


def suggest(word: str, candidates: typing.Iterable[str]) -> str | None:
    """The closest candidate, for 'did you mean ...?'."""
    candidates = list(candidates)
    # A cut-short word means its completion ('lang' -> 'language', not 'plan').
    completions = sorted((c for c in candidates if len(word) >= 3 and c.startswith(word)), key=len)
    if completions:
        return completions[0]
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return matches[0] if matches else None


def describe(at: Key) -> str:
    """A field path for people: ('experts', 1, 'name') -> "'name' of experts item 2"."""
    if not at:
        return "the document"
    *parents, last = at
    words = []
    for part in parents:
        words.append(f"item {part + 1}" if isinstance(part, int) else str(part))
    where = " ".join(words)
    name = f"item {last + 1}" if isinstance(last, int) else f"'{last}'"
    if isinstance(last, int):
        return f"{where} {name}".strip()
    return f"{name} of {where}" if where else name


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the text '{visible(shown)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return type(value).__name__


def type_name(tp: Any, language: str = "en") -> str:
    """How a type is named in messages (English) and in the field reference (fr, en, es)."""
    t = Strings(language)
    origin, args = shape(tp)
    if origin in (typing.Union, types.UnionType):
        names = [type_name(a, language) for a in args if a is not type(None)]
        return names[0] if len(names) == 1 else t("type.or").format(", ".join(names[:-1]), names[-1])
    if origin is Literal:
        return t("type.one_of").format(", ".join(str(a) for a in args))
    if origin is list:
        return t("type.list").format(type_name(args[0], language))
    if origin is dict:
        return t("type.mapping").format(type_name(args[1], language))
    if dataclasses.is_dataclass(tp):
        shorthand = getattr(tp, "__shorthand__", None)
        return t("type.or").format(t("type.text"), t("type.fields")) if shorthand else t("type.fields")
    simple = {str: "text", int: "int", float: "float", bool: "bool", dt.date: "date"}
    return t(f"type.{simple[tp]}") if tp in simple else getattr(tp, "__name__", str(tp))


@dataclass
class Binder:
    """Binds one file's data; ``problems`` and ``refs`` fill up as it goes."""

    path: Path
    source: SourceMap
    problems: Problems
    refs: list[Ref] = field(default_factory=list)
    allow_todo: bool = False
    """Reports only: a text starting with TODO is a placeholder still to fill (``todos``)."""
    todos: list[Key] = field(default_factory=list)

    def _todo(self, value: Any, at: Key) -> bool:
        if self.allow_todo and isinstance(value, str) and value.lstrip().startswith(TODO):
            self.todos.append(at)
            return True
        return False

    def error(self, at: Key, message: str, hint: str = "", *, key: bool = False) -> Any:
        mark = self.source.key(at) if key else self.source.value(at)
        self.problems.error(self.path, mark.line, mark.col, message, hint)
        return INVALID

    def bind(self, tp: Any, value: Any, at: Key, meta: typing.Mapping[str, Any] | None = None) -> Any:
        meta = meta or {}
        origin, args = shape(tp)
        if origin in (typing.Union, types.UnionType):
            if value is None and type(None) in args:
                return None
            (inner,) = [a for a in args if a is not type(None)]
            if isinstance(value, str) and not value.strip() and inner is not str:
                return None
            return self.bind(inner, value, at, meta)
        if value is None:
            return self.error(at, f"{describe(at)} is empty", f"give {type_name(tp)}")
        if origin is Literal:
            return self._literal(args, value, at)
        if origin is list:
            return self._list(args[0], value, at, meta)
        if origin is dict:
            return self._dict(args, value, at, meta)
        if dataclasses.is_dataclass(tp):
            return self.bind_object(typing.cast(type, tp), value, at)
        if tp is str:
            return self._str(value, at, meta)
        if tp is bool:
            if isinstance(value, bool):
                return value
            return self.error(at, f"{describe(at)} must be true or false, not {_kind(value)}")
        if tp is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return self._bounds(value, at, meta)
            return self.error(at, f"{describe(at)} must be a whole number, not {_kind(value)}")
        if tp is float:
            if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
                return self._bounds(float(value), at, meta)
            return self.error(at, f"{describe(at)} must be a number, not {_kind(value)}")
        if tp is dt.date:
            return self._date(value, at)
        raise TypeError(f"unsupported schema type {tp!r}")  # a bug in schema.py, not user input

    def _bounds(self, value: float, at: Key, meta: typing.Mapping[str, Any]) -> Any:
        low, high = meta.get("minimum"), meta.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            span = f"at least {low}" if high is None else f"between {low} and {high}"
            return self.error(at, f"{describe(at)} must be {span}, not {value}")
        return value

    def _str(self, value: Any, at: Key, meta: typing.Mapping[str, Any]) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            hint = ""
            if isinstance(value, bool):
                hint = "quote it"
            elif isinstance(value, dict) and len(value) == 1:
                hint = "the text contains ': ': put the whole text in quotes"
            return self.error(at, f"{describe(at)} must be text, not {_kind(value)}", hint)
        if not value.strip():
            return self.error(at, f"{describe(at)} is empty", "write the text or remove the field")
        hidden = _HIDDEN.search(value)
        if hidden:
            return self.error(at, f"{describe(at)} holds the invisible character {character_name(hidden.group())} "
                              f"at character {hidden.start() + 1}", "retype the text without it")
        if self._todo(value, at):
            return value
        pattern = meta.get("pattern")
        if pattern and not re.search(pattern, value):
            hint = meta.get("pattern_hint") or f"it must match {pattern}"
            return self.error(at, f"{describe(at)} is not valid: '{value}'", hint)
        if meta.get("ref"):
            self.refs.append(Ref(meta["ref"], value, at))
        return value

    def _date(self, value: Any, at: Key) -> Any:
        if self._todo(value, at):
            return INVALID
        if isinstance(value, str) and DATE.match(value.strip()):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                return self.error(at, f"{describe(at)} is not a real date: '{value}'",
                                   "check the month and day: YYYY-MM-DD")
        return self.error(at, f"{describe(at)} must be a date like 2024-03-12, not {_kind(value)}",
                           "write YYYY-MM-DD")

    def _literal(self, choices: tuple[Any, ...], value: Any, at: Key) -> Any:
        if value in choices:
            return value
        close = suggest(str(value), [str(c) for c in choices])
        message = f"{describe(at)} must be one of {', '.join(map(str, choices))}, not {_kind(value)}"
        if close:
            message += f": did you mean '{close}'?"
        return self.error(at, message)

    def _count(self, size: int, at: Key, meta: typing.Mapping[str, Any], noun: str) -> bool:
        low, high = meta.get("min_items") or 0, meta.get("max_items")
        if size < low:
            self.error(at, f"{describe(at)} needs at least {low} {noun}{'s' if low > 1 else ''}")
            return False
        if high is not None and size > high:
            self.error(at, f"{describe(at)} takes at most {high} {noun}s, not {size}")
            return False
        return True

    def _list(self, item_tp: Any, value: Any, at: Key, meta: typing.Mapping[str, Any]) -> Any:
        if not isinstance(value, list):
            return self.error(
                at, f"{describe(at)} must be a list, not {_kind(value)}",
                "write one item per line, each starting with '- '",
            )
        if not self._count(len(value), at, meta, "item"):
            return INVALID
        items = [self.bind(item_tp, item, (*at, i), meta) for i, item in enumerate(value)]
        return INVALID if any(i is INVALID for i in items) else items

    def _dict(self, args: tuple[Any, ...], value: Any, at: Key, meta: typing.Mapping[str, Any]) -> Any:
        key_tp, item_tp = args
        if not isinstance(value, dict):
            return self.error(at, f"{describe(at)} must be a set of 'key: value' entries, not {_kind(value)}")
        if not self._count(len(value), at, meta, "entry"):
            return INVALID
        result = {}
        for name, item in value.items():
            if not self._key(key_tp, name, (*at, name)):
                continue
            result[name] = self.bind(item_tp, item, (*at, name))
        if any(v is INVALID for v in result.values()) or len(result) < len(value):
            return INVALID
        return result

    def _key(self, key_tp: Any, name: Any, at: Key) -> bool:
        """A mapping's key: one of the choices when the schema lists them (languages), else a
        key like the registries' (lower-case letters, digits, '-')."""
        origin, choices = shape(key_tp)
        if origin is Literal:
            if name in choices:
                return True
            close = suggest(str(name), [str(c) for c in choices])
            message = f"key '{visible(str(name))}' of {describe(at[:-1])} must be one of {', '.join(map(str, choices))}"
            self.error(at, message + (f": did you mean '{close}'?" if close else ""), key=True)
            return False
        if isinstance(name, str) and _KEY.match(name):
            return True
        text = str(name)
        self.error(at, f"key '{visible(text)}' is not valid{odd_character(text)}",
                   f"use lower-case letters, digits and '-' only, like '{slugify(text) or 'key'}'", key=True)
        return False

    def bind_object(self, cls: type, value: Any, at: Key) -> Any:
        """Bind a mapping to a schema class: unknown fields, missing fields, each field's value."""
        shorthand = getattr(cls, "__shorthand__", None)
        if shorthand and isinstance(value, str | int | float) and not isinstance(value, bool):
            value = {shorthand: value}
            self.source.values.setdefault((*at, shorthand), self.source.value(at))
        if not isinstance(value, dict):
            hint = f"or a plain text for its {shorthand}" if shorthand else ""
            return self.error(at, f"{describe(at)} must be a set of fields ({_field_list(cls)}), "
                               f"not {_kind(value)}", hint)
        fields = {f.name: f for f in walk.fields(cls)}
        kwargs: dict[str, Any] = {}
        ok = True
        for name in value:
            if name not in fields:
                close = suggest(name, fields)
                where = f" in {describe(at)}" if at else ""
                message = f"unknown field '{name}'{where}"
                message += f": did you mean '{close}'?" if close else ""
                self.error((*at, name), message,
                            "" if close else f"known fields: {', '.join(fields)}", key=True)
                ok = False
        for name, f in fields.items():
            if name not in value:
                if f.required:
                    self.error(at, f"missing required field '{name}'{' in ' + describe(at) if at else ''}",
                                f"{f.doc} Add '{name}:'".strip())
                    ok = False
                continue
            bound = self.bind(f.hint, value[name], (*at, name), f.meta)
            if bound is INVALID:
                ok = False
            else:
                kwargs[f.attr] = bound
        return cls(**kwargs) if ok else INVALID


def _field_list(cls: type) -> str:
    return ", ".join(f.name for f in walk.fields(cls))
