"""Safe YAML with positions: plain data out, plus where each value and key stood.

The loader follows the YAML 1.2 core schema (``no`` is a string, ``09:30`` is a string, dates
stay strings for the schema to parse) and refuses what a report never needs and an attacker
might use: explicit tags (``!!python/object``), anchors and aliases, merge keys, duplicate keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent, ScalarEvent
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


_IMPLICIT = [
    ("tag:yaml.org,2002:bool", _BOOL, list("tTfF")),
    ("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", _INT, list("-+0123456789")),
    ("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789.")),
]
_BY_FIRST: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
"""The resolvers by a plain scalar's first character, in PyYAML's order."""
for _tag, _regex, _first in _IMPLICIT:
    _CoreLoader.add_implicit_resolver(_tag, _regex, _first)
    for _char in _first:
        _BY_FIRST.setdefault(_char, []).append((_tag, _regex))

_PLAIN = "m4c:plain"
"""The tag the fast loader gives a plain scalar, resolved by ``_scalar``: libyaml calls back into
Python for every scalar's tag, and PyYAML's general resolver was a third of the parse."""
_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """The same resolvers over libyaml's parser, several times faster.

        Only for files that parse: on any error the pure-Python loader parses again, so
        messages and positions are always PyYAML's own.
        """

        yaml_implicit_resolvers = _CoreLoader.yaml_implicit_resolvers

        def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool] | None) -> str:
            if kind is ScalarNode:
                return _PLAIN if implicit and implicit[0] else _STR
            return _SEQ if kind is SequenceNode else _MAP


class Mark(NamedTuple):
    """A 1-based position (a tuple: there is one per value, and a dataclass costs 5 times more)."""

    line: int
    col: int


_START = Mark(1, 1)


class SourceMap:
    """Where things stood in the file (1-based), looked up in the parsed nodes when asked.

    Only a problem needs a position, and most files have none: walking the nodes for the few
    positions asked costs less than recording one for every value of every file.
    """

    def __init__(self, node: Node | None = None, line_offset: int = 0) -> None:
        self._node = node
        self._offset = line_offset
        self.default = Mark(1 + line_offset, 1)

    def _find(self, key: Key) -> tuple[Node | None, Mark | None]:
        """The node at ``key`` or the deepest one on its way, and the key's own mark when the
        whole way was found and its last step was a mapping's key."""
        node = self._node
        key_mark = None
        for depth, part in enumerate(key):
            if node is None or depth >= MAX_DEPTH:
                return node, None
            step = _child(node, part)
            if step is None:
                return node, None
            key_node, child = step
            key_mark = None if key_node is None else _mark(key_node.start_mark, self._offset)
            node = child
        return node, key_mark

    def value(self, key: Key) -> Mark:
        """The value's position, or the nearest enclosing one."""
        node, _ = self._find(key)
        return self.default if node is None else _mark(node.start_mark, self._offset)

    def key(self, key: Key) -> Mark:
        """The key's position in its mapping, or its value's when it has none."""
        node, key_mark = self._find(key)
        if key_mark is not None:
            return key_mark
        return self.default if node is None else _mark(node.start_mark, self._offset)

    @property
    def values(self) -> dict[Key, Mark]:
        """Every value's position by key (for tests and debugging: lookups walk the nodes)."""
        return {key: mark for key, mark, _ in self._all()}

    @property
    def keys(self) -> dict[Key, Mark]:
        """Every mapping key's position by key."""
        return {key: mark for key, _, mark in self._all() if mark is not None}

    def _all(self) -> Iterator[tuple[Key, Mark, Mark | None]]:
        if self._node is None:
            return
        stack: list[tuple[Key, Node, Mark | None]] = [((), self._node, None)]
        while stack:
            key, node, key_mark = stack.pop()
            yield key, _mark(node.start_mark, self._offset), key_mark
            if len(key) >= MAX_DEPTH or isinstance(node, ScalarNode):
                continue
            if isinstance(node, SequenceNode):
                stack += [((*key, i), item, None) for i, item in enumerate(node.value)]
            else:
                stack += [((*key, name), value, _mark(key_node.start_mark, self._offset))
                          for name, key_node, value in _entries(node)]


def _entries(node: MappingNode) -> Iterator[tuple[str, ScalarNode, Node]]:
    """A mapping's entries as the data holds them: text keys, the first of duplicates."""
    seen: set[str] = set()
    for key_node, value_node in node.value:
        if isinstance(key_node, ScalarNode) and not key_node.tag.endswith(":merge") \
                and key_node.value not in seen:
            seen.add(key_node.value)
            yield key_node.value, key_node, value_node


def _child(node: Node, part: str | int) -> tuple[ScalarNode | None, Node] | None:
    """(key node, value node) one step below ``node``; None where there is no such step."""
    if isinstance(node, SequenceNode):
        if isinstance(part, int) and 0 <= part < len(node.value):
            return None, node.value[part]
        return None
    if isinstance(node, MappingNode):
        for name, key_node, value_node in _entries(node):
            if name == part:
                return key_node, value_node
    return None


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


def _plain_tag(value: str) -> str:
    """The core-schema tag of a plain scalar, as ``_CoreLoader``'s resolvers give it."""
    for tag, regex in _BY_FIRST.get(value[:1], ()):
        if regex.match(value):
            return tag
    return _STR


def _scalar(node: ScalarNode) -> Any:
    tag, value = node.tag, node.value
    if tag == _PLAIN:
        tag = _plain_tag(value)
    if tag == _STR:
        return value
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


def _build(node: Node, depth: int, path: Path, problems: Problems, line_offset: int) -> Any:
    """Plain data from the nodes; the nodes stay for ``SourceMap`` to find positions in."""
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if depth >= MAX_DEPTH:
        where = _mark(node.start_mark, line_offset)
        problems.error(path, where.line, where.col, msg("yaml_deep", n=MAX_DEPTH), msg("hint_yaml_deep"))
        return None
    if isinstance(node, SequenceNode):
        return [_build(item, depth + 1, path, problems, line_offset) for item in node.value]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag.endswith(":merge"):
            where = _mark(key_node.start_mark, line_offset)
            problems.error(path, where.line, where.col, msg("yaml_key"), msg("hint_yaml_key"))
            continue
        name = key_node.value
        if name in result:
            where = _mark(key_node.start_mark, line_offset)
            first = next(_mark(k.start_mark, line_offset) for n, k, _ in _entries(node) if n == name)
            problems.error(
                path, where.line, where.col,
                msg("duplicate_key", name=name, line=first.line), msg("hint_duplicate_key"),
            )
            continue
        result[name] = _build(value_node, depth + 1, path, problems, line_offset)
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
    except RecursionError:  # PyYAML's composer recurses once per level, before ``_build`` can refuse
        deep = _deep_mark(text, line_offset)
        if deep is None:
            problems.error(path, 1 + line_offset, 1, msg("yaml_too_deep"), msg("hint_yaml_too_deep"))
        else:
            problems.error(path, deep.line, deep.col, msg("yaml_deep", n=MAX_DEPTH), msg("hint_yaml_deep"))
        return None


def _deep_mark(text: str, line_offset: int) -> Mark | None:
    """Where the first list or mapping nested deeper than ``MAX_DEPTH`` starts (where ``_build``
    would refuse it), found by counting the parser's events: no recursion."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_CoreLoader):
            if isinstance(event, CollectionStartEvent):
                if depth >= MAX_DEPTH:
                    return _mark(event.start_mark, line_offset)
                depth += 1
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None
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
    data = None if node is None else _build(node, 0, path, problems, line_offset)
    if len(problems) > before:
        return None
    return YamlDoc(data, SourceMap(node, line_offset))
