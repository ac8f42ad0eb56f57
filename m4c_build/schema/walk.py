"""The one walk over the schema classes: each field described once, typed and cached.

The validator (``binding``), the editors' JSON Schema, the field reference, the examples and
the ``m4c new`` template all iterate fields through ``fields()`` here, so they read the same
names, types, requiredness and metadata; no other module calls ``dataclasses.fields`` or
``typing.get_type_hints`` on a schema class.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
"""A date as authors write it (YYYY-MM-DD): the validator's shape and the JSON Schema's."""


@cache
def shape(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    """typing.get_origin and get_args, once per type: the binder asks for them on every value."""
    return typing.get_origin(tp), typing.get_args(tp)


def is_optional(tp: Any) -> bool:
    """True for ``T | None``."""
    return shape(tp)[0] in (typing.Union, types.UnionType)


def optional_inner(tp: Any) -> Any:
    """The type inside ``T | None``; any other type as it is."""
    if is_optional(tp):
        (inner,) = [a for a in shape(tp)[1] if a is not type(None)]
        return inner
    return tp


def schema_class(tp: Any) -> tuple[type | None, bool]:
    """The schema class a field holds (through ``| None``, ``list`` and ``dict``), or None, and
    whether the field is a list."""
    tp = optional_inner(tp)
    origin, args = shape(tp)
    many = origin is list
    if origin in (list, dict):
        tp = args[-1]
    return (typing.cast(type, tp), many) if dataclasses.is_dataclass(tp) else (None, many)


def yaml_name(f: dataclasses.Field[Any]) -> str:
    """The field's name in YAML (``with`` is a Python keyword, so it is ``with_`` here)."""
    return f.metadata.get("alias") or f.name


def is_required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


@dataclass(frozen=True)
class Field:
    """One field of a schema class, as every consumer of the schema sees it."""

    name: str
    """Its name in YAML ('with')."""
    attr: str
    """Its name in Python ('with_')."""
    path: str
    """'experts.name': YAML names from the walk's root down, list items left out."""
    hint: Any
    """The declared type ('str | None')."""
    tp: Any
    """The type with ``| None`` taken off."""
    required: bool
    meta: Mapping[str, Any]
    """``spec()``'s metadata: doc, ref, pattern, min_items, private, example..."""
    record: type | None
    """The schema class the field holds (directly, as list items or as dict values), else None."""
    many: bool
    """The field is a list."""
    spec: dataclasses.Field[Any]

    @property
    def optional(self) -> bool:
        """The field may be left out (it has a default)."""
        return not self.required

    @property
    def keyed(self) -> bool:
        """The field is a mapping of keys to values (the registries)."""
        return shape(self.tp)[0] is dict

    @property
    def item(self) -> Any:
        """The item type of a list field, else None."""
        return shape(self.tp)[1][0] if self.many else None

    @property
    def default(self) -> Any:
        """The default value (a factory's product, fresh each time), or MISSING."""
        if self.spec.default is not dataclasses.MISSING:
            return self.spec.default
        if self.spec.default_factory is not dataclasses.MISSING:
            return self.spec.default_factory()
        return dataclasses.MISSING

    @property
    def doc(self) -> str:
        return str(self.meta.get("doc", ""))

    @property
    def ref(self) -> str | None:
        return self.meta.get("ref")

    @property
    def example(self) -> Any:
        return self.meta.get("example")

    @property
    def private(self) -> bool:
        return bool(self.meta.get("private"))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


@cache
def fields(cls: type, prefix: str = "") -> tuple[Field, ...]:
    """The fields of a schema class that YAML can set, in schema order; paths start at
    ``prefix`` ('experts.')."""
    hints = _hints(cls)
    result = []
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        name = yaml_name(f)
        record, many = schema_class(hints[f.name])
        result.append(Field(name=name, attr=f.name, path=prefix + name, hint=hints[f.name],
                            tp=optional_inner(hints[f.name]), required=is_required(f),
                            meta=f.metadata, record=record, many=many, spec=f))
    return tuple(result)


def field(cls: type, attr: str) -> Field:
    """The field of ``cls`` named ``attr`` in Python."""
    return next(f for f in fields(cls) if f.attr == attr)


def shorthand(cls: type) -> Field | None:
    """The field a plain text stands for (``__shorthand__``: an expert given by name alone)."""
    name = getattr(cls, "__shorthand__", None)
    return field(cls, name) if name else None


def tree(cls: type, prefix: str = "") -> Iterator[Field]:
    """Every field below ``cls``, nested ones right after their parent, in schema order."""
    for f in fields(cls, prefix):
        yield f
        if f.record is not None:
            yield from tree(f.record, f.path + ".")


def nested(cls: type, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], type, bool]]:
    """Nested schema classes below ``cls``, with their path and whether they come as a list."""
    for f in fields(cls):
        if f.record is not None:
            here = (*path, f.name)
            yield here, f.record, f.many
            yield from nested(f.record, here)


def classes(*roots: type) -> Iterator[type]:
    """Every schema class reachable from ``roots``, each once, depth first in field order."""
    seen: set[type] = set()

    def walk(cls: type) -> Iterator[type]:
        if cls in seen:
            return
        seen.add(cls)
        yield cls
        for f in fields(cls):
            if f.record is not None:
                yield from walk(f.record)

    for root in roots:
        yield from walk(root)
