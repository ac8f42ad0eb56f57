"""Safe YAML with positions: plain data out, plus where each value and key stood.

The loader follows the YAML 1.2 core schema (``no`` is a string, ``09:30`` is a string, dates
stay strings for the schema to parse) and refuses what a report never needs and an attacker
might use: explicit tags (``!!python/object``), anchors and aliases, merge keys, duplicate keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.events import AliasEvent, CollectionStartEvent, NodeEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from m4c_build.i18n.messages import Message, msg
from m4c_build.problems import Problems, position

Key = tuple[str | int, ...]

MAX_DEPTH = 16
"""Levels of nested lists and mappings (a report uses three)."""
MAX_DIGITS = 40
"""Digits of a whole number; a longer one is kept as the text it is."""

_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")
"""Line breaks for YAML, not for editors: lines after one would be misnumbered."""
_NODE_PROPERTY = re.compile("[&*!]")
"""Anchors, aliases and tags all need one of these: without any, the event check is moot."""
_EXPLICIT_KEY = re.compile(r"(?:^|[\s\[{,])\?(?:\s|$)", re.M)
_DOCUMENT_MARKER = re.compile(r"^(?:---|\.\.\.)(?:\s|$)", re.M)


class _CoreLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars only."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012


for _tag, _regex, _first in [
    ("tag:yaml.org,2002:bool", _BOOL, list("tTfF")),
    ("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", _INT, list("-+0123456789")),
    ("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789.")),
]:
    _CoreLoader.add_implicit_resolver(_tag, _regex, _first)


_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """The same resolvers over libyaml's parser, several times faster.

        Only for files that parse: on any error the pure-Python loader parses again, so
        messages and positions are always PyYAML's own.
        """

        yaml_implicit_resolvers = _CoreLoader.yaml_implicit_resolvers


class Mark(NamedTuple):
    """A 1-based position (a tuple: there is one per value, and a dataclass costs 5 times more)."""

    line: int
    col: int


_START = Mark(1, 1)


@dataclass
class SourceMap:
    """Where things stood in the file: value and key positions by path (1-based)."""

    values: dict[Key, Mark] = field(default_factory=dict)
    keys: dict[Key, Mark] = field(default_factory=dict)
    default: Mark = _START

    def value(self, key: Key) -> Mark:
        """The value's position, or the nearest enclosing one."""
        while key not in self.values and key:
            key = key[:-1]
        return self.values.get(key, self.default)

    def key(self, key: Key) -> Mark:
        return self.keys.get(key) or self.value(key)


@dataclass
class YamlDoc:
    data: Any
    source: SourceMap


def _mark(mark: yaml.Mark | None, line_offset: int) -> Mark:
    if mark is None:
        return Mark(1 + line_offset, 1)
    return Mark(mark.line + 1 + line_offset, mark.column + 1)


def _short_tag(tag: str | None) -> str:
    return (tag or "").replace("tag:yaml.org,2002:", "!!")


def _check_events(
    text: str, path: Path, problems: Problems, line_offset: int, loader: type = _CoreLoader
) -> bool:
    """Refuse tags, anchors and aliases before anything is built (no alias bomb, no code)."""
    ok = True
    aliases: set[str] = set()
    for event in yaml.parse(text, Loader=loader):
        if not isinstance(event, NodeEvent):
            continue
        where = _mark(event.start_mark, line_offset)
        if isinstance(event, AliasEvent):
            ok = False
            if event.anchor in aliases:  # one problem per name is enough
                continue
            aliases.add(event.anchor)
            problems.error(
                path, where.line, where.col,
                msg("yaml_alias", name=event.anchor), msg("hint_yaml_alias"),
            )
            continue
        if event.anchor is not None:
            problems.error(
                path, where.line, where.col,
                msg("yaml_anchor", name=event.anchor), msg("hint_yaml_anchor"),
            )
            ok = False
        explicit = (
            (isinstance(event, ScalarEvent) and event.tag is not None and event.tag != "!"
             and not any(event.implicit))
            or (isinstance(event, CollectionStartEvent) and event.tag is not None and not event.implicit)
        )
        if explicit:
            problems.error(
                path, where.line, where.col,
                msg("yaml_tag", tag=_short_tag(event.tag)), msg("hint_yaml_tag"),
            )
            ok = False
    return ok


def _scalar(node: ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag.endswith(":null"):
        return None
    if tag.endswith(":bool"):
        return value.lower() == "true"
    if tag.endswith(":int"):
        if len(value) > MAX_DIGITS:  # not a count or an id: text (Python refuses to convert it)
            return value
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value)
    if tag.endswith(":float"):
        lowered = value.lower()
        if lowered.endswith(".inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        if lowered == ".nan":
            return float("nan")
        return float(value)
    return value


def _build(
    node: Node, key: Key, source: SourceMap, path: Path, problems: Problems, line_offset: int
) -> Any:
    source.values[key] = _mark(node.start_mark, line_offset)
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if len(key) >= MAX_DEPTH:
        where = source.values[key]
        problems.error(path, where.line, where.col, msg("yaml_deep", n=MAX_DEPTH), msg("hint_yaml_deep"))
        return None
    if isinstance(node, SequenceNode):
        return [
            _build(item, (*key, i), source, path, problems, line_offset)
            for i, item in enumerate(node.value)
        ]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        where = _mark(key_node.start_mark, line_offset)
        if not isinstance(key_node, ScalarNode) or key_node.tag.endswith(":merge"):
            problems.error(path, where.line, where.col, msg("yaml_key"), msg("hint_yaml_key"))
            continue
        name = key_node.value
        if name in result:
            first = source.keys[(*key, name)]
            problems.error(
                path, where.line, where.col,
                msg("duplicate_key", name=name, line=first.line), msg("hint_duplicate_key"),
            )
            continue
        source.keys[(*key, name)] = where
        result[name] = _build(value_node, (*key, name), source, path, problems, line_offset)
    return result


def _libyaml_agrees(text: str) -> bool:
    """False where libyaml differs from PyYAML (tabs, a stray BOM, '?' keys, document markers):
    such rare texts go to PyYAML only, so that results never depend on which parser ran."""
    if "\t" in text or "\ufeff" in text:
        return False
    if "?" in text and _EXPLICIT_KEY.search(text):
        return False
    return not (("---" in text or "..." in text) and _DOCUMENT_MARKER.search(text))


def load_yaml(text: str, path: Path, problems: Problems, line_offset: int = 0) -> YamlDoc | None:
    """Parse one YAML document; on any error add problems and return None."""
    before = len(problems)
    odd = _ODD_BREAK.search(text)
    if odd:
        line, col = position(text, odd.start(), 1 + line_offset)
        problems.error(path, line, col, msg("yaml_break", code=f"{ord(odd.group()):04X}"), msg("hint_yaml_break"))
        return None
    if _FastLoader is not None and _libyaml_agrees(text):
        try:
            return _parse(text, path, problems, line_offset, _FastLoader)
        except (yaml.YAMLError, RecursionError, UnicodeError):
            del problems[before:]  # parse again below, for PyYAML's own messages
    try:
        return _parse(text, path, problems, line_offset, _CoreLoader)
    except yaml.MarkedYAMLError as exc:
        where = _mark(exc.problem_mark, line_offset)
        problem = exc.problem or "syntax error"
        # PyYAML's own words, in English: quoted as they are, whatever the messages' language.
        context: Message | str = f" {exc.context}" if exc.context else ""
        if context and exc.context_mark is not None:  # where the quote or bracket was opened
            start = _mark(exc.context_mark, line_offset)
            if start.line != where.line:
                context = msg("yaml_context", context=exc.context, line=start.line)
        hint = msg("hint_yaml_tab") if "'\\t'" in problem else msg("hint_yaml")
        problems.error(path, where.line, where.col, msg("invalid_yaml", problem=problem, context=context), hint)
        return None
    except yaml.reader.ReaderError as exc:
        line, col = position(text, exc.position, 1 + line_offset)
        code = ord(exc.character) if isinstance(exc.character, str) else exc.character
        problems.error(path, line, col, msg("yaml_character", code=f"{code:04X}"), msg("hint_yaml_character"))
        return None
    except RecursionError:
        problems.error(path, 1 + line_offset, 1, msg("yaml_too_deep"), msg("hint_yaml_too_deep"))
        return None


def _parse(text: str, path: Path, problems: Problems, line_offset: int, loader_class: type
           ) -> YamlDoc | None:
    """Check events, compose, build; YAML errors are raised for ``load_yaml`` to report."""
    before = len(problems)
    if _NODE_PROPERTY.search(text) and not _check_events(
        text, path, problems, line_offset, loader_class
    ):
        return None
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    source = SourceMap(default=Mark(1 + line_offset, 1))
    data = None if node is None else _build(node, (), source, path, problems, line_offset)
    if len(problems) > before:
        return None
    return YamlDoc(data, source)
