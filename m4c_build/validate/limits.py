"""Bounds on the shape of a Markdown text, so that rendering it stays fast and shallow.

Python-Markdown recurses on nested lists, quotes and emphasis and backtracks on brackets: a
file of 2,000 nested emphasis markers or 300 list levels ends in ``RecursionError``, 20,000
nested ``[`` take minutes. No report needs any of that, so such a text is an error at the
place where it goes too far, found by one linear pass; within these bounds rendering any file
up to the size limit takes well under a second.
"""

from __future__ import annotations

import re
from pathlib import Path

from m4c_build.i18n.messages import msg
from m4c_build.problems import Problems, TextPositions

MAX_LINE = 20_000
"""Characters on one line (a long paragraph is a few thousand)."""
MAX_DEPTH = 16
"""Levels of nested lists, quotes or brackets."""
MAX_INDENT = 4 * MAX_DEPTH
"""Columns of indentation (a tab counts 4): deeper is a list nested past ``MAX_DEPTH``."""
MAX_BRACKETS = 1_000
"""'[' in one text: each may open a link, and a link costs Python-Markdown a scan ahead."""
MAX_EMPHASIS = 1_000
"""'*' and '_' in one paragraph: emphasis nests by recursion."""

_LINE = re.compile(r"[^\n]*")
_QUOTES = re.compile(r"[ \t]*(?:>[ \t]?)+")
_INDENT = re.compile(r"[ \t]*")
_BLANK = re.compile(r"\n[ \t]*\n")
_DEEP_INDENT = re.compile(rf"^[ \t]{{{MAX_DEPTH + 1},}}", re.M)
"""An indentation that may be deeper than ``MAX_INDENT`` (a character is at most 4 columns)."""


def _indent_width(prefix: str) -> int:
    width = 0
    for char in prefix:
        width = width + 4 - width % 4 if char == "\t" else width + 1
    return width


def _brackets(text: str, path: Path, at: TextPositions, problems: Problems) -> None:
    opened = text.count("[")
    if opened > MAX_BRACKETS:
        offset = -1
        for _ in range(MAX_BRACKETS + 1):
            offset = text.index("[", offset + 1)
        line, col = at.at(offset)
        problems.error(path, line, col, msg("too_many_brackets", n=f"{opened:,}", limit=f"{MAX_BRACKETS:,}"),
                       msg("hint_brackets"))
        return
    depth, escaped = 0, False
    # Shortcuts here and in _lines, _emphasis: a mutant that skips one less (or never) only walks
    # the text and finds nothing more, an equivalent mutant (benchmarks/mutation.py).
    for offset, char in enumerate(text) if opened else ():
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            depth += 1
            if depth > MAX_DEPTH:
                line, col = at.at(offset)
                problems.error(path, line, col, msg("brackets_deep", n=MAX_DEPTH), msg("hint_brackets_deep"))
                return
        elif char == "]":
            depth = max(0, depth - 1)
        # (A blank line seen at its second line break, or 'escaped = None', is the same: equivalent mutants.)
        elif char == "\n" and text.startswith("\n", offset + 1):
            depth = 0  # a blank line ends the paragraph and every bracket in it


def _lines(text: str, path: Path, at: TextPositions, problems: Problems) -> None:
    if len(text) <= MAX_LINE and text.count(">") <= MAX_DEPTH and not _DEEP_INDENT.search(text):
        return  # no line can pass a bound: decided without a pass over every line
    for match in _LINE.finditer(text):
        line_text = match.group()
        if len(line_text) > MAX_LINE:
            line, col = at.at(match.start() + MAX_LINE)
            problems.error(path, line, col, msg("long_line", n=f"{len(line_text):,}", limit=f"{MAX_LINE:,}"),
                           msg("hint_long_line"))
            return
        quotes = _QUOTES.match(line_text)
        if quotes and quotes.group().count(">") > MAX_DEPTH:
            line, col = at.at(match.start())
            problems.error(path, line, col, msg("quotes_deep", n=MAX_DEPTH), msg("hint_quotes_deep"))
            return
        indent = _INDENT.match(line_text)
        if indent and _indent_width(indent.group()) > MAX_INDENT:
            line, col = at.at(match.start())
            problems.error(path, line, col, msg("indent_deep", n=MAX_INDENT, depth=MAX_DEPTH), msg("hint_indent"))
            return


def _emphasis(text: str, path: Path, at: TextPositions, problems: Problems) -> None:
    if text.count("*") + text.count("_") <= MAX_EMPHASIS:
        return
    start = 0
    for end in [m.start() for m in _BLANK.finditer(text)] + [len(text)]:
        paragraph = text[start:end]
        if paragraph.count("*") + paragraph.count("_") > MAX_EMPHASIS:
            # at its first line: a paragraph after the first starts with the blank line before it
            blank = len(paragraph) - len(paragraph.lstrip(" \t\n"))
            line, col = at.at(start + paragraph.rfind("\n", 0, blank) + 1)  # (from None: an equivalent mutant)
            problems.error(path, line, col, msg("too_much_emphasis", limit=f"{MAX_EMPHASIS:,}"), msg("hint_emphasis"))
            return
        start = end


def check_limits(text: str, path: Path, problems: Problems, positions: TextPositions) -> bool:
    """True when the Markdown text is within every bound; else its problems are recorded."""
    before = len(problems)
    _lines(text, path, positions, problems)
    _brackets(text, path, positions, problems)
    _emphasis(text, path, positions, problems)
    return len(problems) == before
