"""A programme page's file split into its front matter and its Markdown body.

A page may open with YAML front matter between '---' lines, or with MultiMarkdown meta lines
('Title: ...' up to the first blank line): the two forms MkDocs reads. m4c reads both here,
with its own bounded YAML loader (no tags, anchors or aliases; the same limits as reports), so
that an engine is only ever handed the body and the meta m4c built from checked values: what
the author wrote before the body never reaches a theme.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode

from m4c_build.load.text import split_frontmatter
from m4c_build.load.yamlsource import SourceMap, YamlDoc, load_yaml
from m4c_build.problems import Problems

MULTIMARKDOWN_KEY = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
"""A MultiMarkdown meta line, as MkDocs (``mkdocs.utils.meta``) recognises it."""
MULTIMARKDOWN_MORE = re.compile(r"^(?:[ ]{4}|\t)\s*(?P<value>.*)$")
"""A line continuing the previous meta line's value."""

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"


@dataclass(frozen=True)
class PageSource:
    """A page's front matter (None when it has none, or it could not be read) and body."""

    meta: YamlDoc | None
    body: str
    body_line: int
    """Line of the file where the body starts (1-based)."""
    ok: bool = True
    """False when the front matter could not be read (its problems are recorded)."""


def split_page(text: str, path: Path, problems: Problems) -> PageSource:
    """The front matter and body of a page's text (``'\\n'`` line ends)."""
    if text.startswith("---"):
        split = split_frontmatter(text, path, problems)
        if split is None:
            return PageSource(None, "", 1, ok=False)
        doc = load_yaml(split.frontmatter, path, problems, line_offset=split.frontmatter_line) \
            if split.frontmatter.strip() else YamlDoc({}, SourceMap())
        return PageSource(doc, split.body, split.body_line, ok=doc is not None)
    return _multimarkdown(text, path)


def _mark(path: Path, line: int, column: int) -> yaml.Mark:
    return yaml.Mark(str(path), 0, line, column, None, None)


def _multimarkdown(text: str, path: Path) -> PageSource:
    """MultiMarkdown meta lines at the top of ``text``, as a mapping of texts with their
    positions (keys lower-cased and repeated keys joined, as MkDocs does)."""
    lines = text.split("\n")
    entries: dict[str, tuple[ScalarNode, list[str], int, int]] = {}
    last: str | None = None
    taken = 0
    for number, line in enumerate(lines):
        if not line.strip():
            taken = number + 1 if entries else 0
            break
        start = MULTIMARKDOWN_KEY.match(line)
        more = MULTIMARKDOWN_MORE.match(line) if start is None else None
        if start is not None:
            key = start["key"].lower()
            if key not in entries:
                entries[key] = (ScalarNode(_STR, key, _mark(path, number, start.start("key")), None),
                                [], number, start.start("value"))
            entries[key][1].append(start["value"].strip())
            last = key
        elif more is not None and last is not None:
            entries[last][1].append(more["value"].strip())
        else:
            taken = number if entries else 0
            break
        taken = number + 1
    if not entries:
        return PageSource(None, text, 1)
    pairs = [(key_node, ScalarNode(_STR, " ".join(parts), _mark(path, line, col), None))
             for key_node, parts, line, col in entries.values()]
    node = MappingNode(_MAP, pairs)
    data = {key: " ".join(parts) for key, (_, parts, _, _) in entries.items()}
    body = "\n".join(lines[taken:]).lstrip("\n")
    body_line = len(lines) - len(body.split("\n")) + 1
    return PageSource(YamlDoc(data, SourceMap(node)), body, body_line)
