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
from functools import cache, partial
from pathlib import Path
from typing import Any, Literal

from m4c_build.i18n.fielddocs import field_docs, translated
from m4c_build.i18n.messages import Message, join, mean, msg, phrase
from m4c_build.i18n.texts import Strings
from m4c_build.load.yamlsource import Key, SourceMap
from m4c_build.problems import HIDDEN, Problems, visible
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


_KEY_CHARACTER = re.compile(r"[^a-z0-9-]")
_UNUSUAL = re.compile(r"[^\x20-\x7e]")


def character_name(char: str) -> str:
    """'U+200B ZERO WIDTH SPACE'."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


def odd_character(key: str, *, unusual: bool = False) -> Message:
    """': 'é' (U+00E9 LATIN SMALL LETTER E WITH ACUTE) is not allowed' for the first character a
    key may not hold, so that a look-alike or an invisible one is named; '' when there is none.
    With ``unusual``, only what a reader cannot see: an invisible character, or a letter of
    another script that looks Latin (Cyrillic 'а' in 'climаte')."""
    found = [m for m in (_UNUSUAL if unusual else _KEY_CHARACTER).finditer(key)
             if not unusual or not unicodedata.name(m.group(), "").startswith("LATIN")]
    if not found:
        return join("", [])
    match = found[0]
    char = match.group()
    if HIDDEN.match(char) or char.isspace():
        return msg("odd_hidden", name=character_name(char), at=match.start() + 1)
    return msg("odd_character", char=char, name=character_name(char), at=match.start() + 1)


def suggest(word: str, candidates: typing.Iterable[str]) -> str | None:
    """The closest candidate, for 'did you mean ...?'."""
    candidates = list(candidates)
    # A cut-short word means its completion ('lang' -> 'language', not 'plan').
    completions = sorted((c for c in candidates if len(word) >= 3 and c.startswith(word)), key=len)
    if completions:
        return completions[0]
    matches = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return matches[0] if matches else None


def describe(at: Key) -> Message:
    """A field path for people: ('experts', 1, 'name') -> "'name' of experts item 2"."""
    if not at:
        return msg("the_document")
    *parents, last = at
    words = [msg("item", n=part + 1) if isinstance(part, int) else str(part) for part in parents]
    if isinstance(last, int):
        return join(" ", [*words, msg("item", n=last + 1)])
    if words:
        return msg("field_of", name=last, where=join(" ", words))
    return msg("field", name=last)


def _kind(value: Any) -> Message | str:
    if value is None:
        return msg("kind_empty")
    if isinstance(value, bool):
        return f"{'true' if value else 'false'}"
    if isinstance(value, int | float):
        return msg("kind_number", value=value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return msg("kind_text", text=visible(shown))
    if isinstance(value, list):
        return msg("kind_list")
    if isinstance(value, dict):
        return msg("kind_fields")
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


_NO_META: typing.Mapping[str, Any] = types.MappingProxyType({})
_DISPATCH: dict[int, tuple[Any, str, tuple[Any, ...]]] = {}


def _dispatch(tp: Any) -> tuple[str, tuple[Any, ...]]:
    """What binding ``tp`` means ('optional', 'list', 'object', 'plain'...) and its arguments,
    worked out once per type: the binder asks for every value of every report."""
    entry = _DISPATCH.get(id(tp))
    if entry is not None and entry[0] is tp:
        return entry[1], entry[2]
    origin, args = shape(tp)
    if origin in (typing.Union, types.UnionType):
        kind, args = "optional", tuple(a for a in args if a is not type(None))
        if len(args) != 1:
            raise TypeError(f"unsupported schema type {tp!r}")  # a bug in schema.py, not user input
    elif origin is Literal:
        kind = "literal"
    elif origin is list:
        kind = "list"
    elif origin is dict:
        kind = "dict"
    elif dataclasses.is_dataclass(tp):
        kind = "object"
    else:
        kind = "plain"
    _DISPATCH[id(tp)] = (tp, kind, args)
    return kind, args


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
        """Record a problem at the key or value ``at``; ``message`` and ``hint`` are messages (``msg``)."""
        mark = self.source.key(at) if key else self.source.value(at)
        self.problems.error(self.path, mark.line, mark.col, message, hint)
        return INVALID

    def bind(self, tp: Any, value: Any, at: Key, meta: typing.Mapping[str, Any] | None = None) -> Any:
        meta = meta or _NO_META
        kind, args = _dispatch(tp)
        if kind == "optional":
            if value is None:
                return None
            inner = args[0]
            if isinstance(value, str) and inner is not str and not value.strip():
                return None
            return self.bind(inner, value, at, meta)
        if value is None:
            return self.error(at, msg("empty", what=describe(at)),
                              msg("hint_give", type=phrase(partial(type_name, tp))))
        if kind == "literal":
            return self._literal(args, value, at)
        if kind == "list":
            return self._list(args[0], value, at, meta)
        if kind == "dict":
            return self._dict(args, value, at, meta)
        if kind == "object":
            return self.bind_object(typing.cast(type, tp), value, at)
        if tp is str:
            return self._str(value, at, meta)
        if tp is bool:
            if isinstance(value, bool):
                return value
            return self.error(at, msg("not_bool", what=describe(at), kind=_kind(value)))
        if tp is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return self._bounds(value, at, meta)
            return self.error(at, msg("not_int", what=describe(at), kind=_kind(value)))
        if tp is float:
            if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
                return self._bounds(float(value), at, meta)
            return self.error(at, msg("not_number", what=describe(at), kind=_kind(value)))
        if tp is dt.date:
            return self._date(value, at)
        raise TypeError(f"unsupported schema type {tp!r}")  # a bug in schema.py, not user input

    def _bounds(self, value: float, at: Key, meta: typing.Mapping[str, Any]) -> Any:
        low, high = meta.get("minimum"), meta.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            span = msg("at_least", low=low) if high is None else msg("between", low=low, high=high)
            return self.error(at, msg("out_of_range", what=describe(at), span=span, value=value))
        return value

    def _str(self, value: Any, at: Key, meta: typing.Mapping[str, Any]) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            hint: Message | str = ""
            if isinstance(value, bool):
                hint = msg("hint_quote")
            elif isinstance(value, dict) and len(value) == 1:
                hint = msg("hint_quote_colon")
            return self.error(at, msg("not_text", what=describe(at), kind=_kind(value)), hint)
        if not value.strip():
            return self.error(at, msg("empty", what=describe(at)), msg("hint_write_or_remove"))
        hidden = HIDDEN.search(value)
        if hidden:
            return self.error(at, msg("invisible", what=describe(at), name=character_name(hidden.group()),
                                      at=hidden.start() + 1), msg("hint_retype"))
        if self._todo(value, at):
            return value
        longest = meta.get("max_length")
        if longest is not None and len(value) > longest:
            return self.error(at, msg("text_too_long", what=describe(at), size=len(value), high=longest),
                              msg("hint_text_too_long", high=longest))
        pattern = meta.get("pattern")
        if pattern and not re.search(pattern, value):
            hint = meta.get("pattern_hint") or msg("hint_match", pattern=pattern)
            return self.error(at, msg("not_valid", what=describe(at), value=value), hint)
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
                return self.error(at, msg("not_real_date", what=describe(at), value=value),
                                  msg("hint_month_day"))
        return self.error(at, msg("not_date", what=describe(at), kind=_kind(value)), msg("hint_date"))

    def _literal(self, choices: tuple[Any, ...], value: Any, at: Key) -> Any:
        if value in choices:
            return value
        close = suggest(str(value), [str(c) for c in choices])
        return self.error(at, mean(msg("not_one_of", what=describe(at), choices=", ".join(map(str, choices)),
                                       kind=_kind(value)), close))

    def _count(self, size: int, at: Key, meta: typing.Mapping[str, Any], entries: bool) -> bool:
        """The number of a list's items (a mapping's ``entries``) is within the schema's bounds."""
        low, high = meta.get("min_items") or 0, meta.get("max_items")
        if low <= size and (high is None or size <= high):
            return True
        what = describe(at)
        if size < low:
            if entries:
                few = msg("too_few_entries", what=what, low=low) if low > 1 else msg("no_entry", what=what)
            else:
                few = msg("too_few_items", what=what, low=low) if low > 1 else msg("no_item", what=what)
            self.error(at, few)
            return False
        if high is not None and size > high:
            self.error(at, msg("too_many_entries", what=what, high=high, size=size) if entries
                       else msg("too_many_items", what=what, high=high, size=size))
            return False
        return True

    def _list(self, item_tp: Any, value: Any, at: Key, meta: typing.Mapping[str, Any]) -> Any:
        if not isinstance(value, list):
            return self.error(
                at, msg("not_list", what=describe(at), kind=_kind(value)), msg("hint_list"),
            )
        if not self._count(len(value), at, meta, entries=False):
            return INVALID
        items = [self.bind(item_tp, item, (*at, i), meta) for i, item in enumerate(value)]
        return INVALID if any(i is INVALID for i in items) else items

    def _dict(self, args: tuple[Any, ...], value: Any, at: Key, meta: typing.Mapping[str, Any]) -> Any:
        key_tp, item_tp = args
        if not isinstance(value, dict):
            return self.error(at, msg("not_mapping", what=describe(at), kind=_kind(value)))
        if not self._count(len(value), at, meta, entries=True):
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
            message = msg("key_not_one_of", key=visible(str(name)), where=describe(at[:-1]),
                          choices=", ".join(map(str, choices)))
            self.error(at, mean(message, close), key=True)
            return False
        if isinstance(name, str) and _KEY.match(name):
            return True
        text = str(name)
        self.error(at, msg("key_not_valid", key=visible(text), odd=odd_character(text)),
                   msg("hint_key", key=slugify(text) or "key"), key=True)
        return False

    def bind_object(self, cls: type, value: Any, at: Key) -> Any:
        """Bind a mapping to a schema class: unknown fields, missing fields, each field's value."""
        shorthand = getattr(cls, "__shorthand__", None)
        if shorthand and isinstance(value, str | int | float) and not isinstance(value, bool):
            value = {shorthand: value}  # its position is the text's: SourceMap falls back to it
        if not isinstance(value, dict):
            hint = msg("hint_shorthand", field=shorthand) if shorthand else ""
            return self.error(at, msg("not_fields", what=describe(at), fields=_field_list(cls), kind=_kind(value)),
                              hint)
        fields = _field_map(cls)
        kwargs: dict[str, Any] = {}
        ok = True
        for name in value:
            if name not in fields:
                close = suggest(name, fields)
                message = msg("unknown_field_in", name=name, what=describe(at)) if at \
                    else msg("unknown_field", name=name)
                self.error((*at, name), mean(message, close),
                           "" if close else msg("hint_known_fields", fields=", ".join(fields)), key=True)
                ok = False
        for name, f in fields.items():
            if name not in value:
                if f.required:
                    missing = msg("missing_field_in", name=name, what=describe(at)) if at \
                        else msg("missing_field", name=name)
                    doc = phrase(partial(_field_doc, ".".join([*(str(p) for p in at if not isinstance(p, int)),
                                                                name]), f.doc))
                    self.error(at, missing, msg("hint_add_field", doc=doc, name=name) if f.doc
                               else msg("hint_add", name=name))
                    ok = False
                continue
            bound = self.bind(f.hint, value[name], (*at, name), f.meta)
            if bound is INVALID:
                ok = False
            else:
                kwargs[f.attr] = bound
        return cls(**kwargs) if ok else INVALID


@cache
def _field_map(cls: type) -> dict[str, walk.Field]:
    """A schema class's fields by name (read only: the same dict for every value)."""
    return {f.name: f for f in walk.fields(cls)}


def _field_doc(path: str, english: str, language: str) -> str:
    """The doc of the report field at ``path`` in ``language``; a field of another file (a city,
    the vocabulary) whose path happens to name a report field keeps its own English doc."""
    return translated(path, english, language) if field_docs("en").get(path) == english else english


def _field_list(cls: type) -> str:
    return ", ".join(f.name for f in walk.fields(cls))
