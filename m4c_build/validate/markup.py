"""Markup a report or page may not carry, explained to its author at file:line:col.

The sanitiser (``site/sanitize.py``) guarantees that nothing unsafe is published, whatever
this module misses; this one teaches: scripts, frames, event handlers, inline styles, script
URLs, SVG and MathML, tags that take over the page, and Markdown attribute lists that add
handlers or styles. One linear pass: tags are read the way a browser tokenizes them (a ``>``
inside a quoted value does not end the tag), each character once, so any text up to the size
limit is checked in milliseconds.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from m4c_build.i18n.messages import msg
from m4c_build.problems import Problems, TextPositions
from m4c_build.validate.limits import check_limits

MAX_REPORTED = 20
"""Problems of this kind reported per text; the rest are counted in one more line."""

_EMBED = {"iframe", "frame", "frameset", "object", "embed", "applet", "portal"}
_TAKE_OVER = {"base", "meta", "link", "form", "style", "input", "button", "textarea", "select"}
_FOREIGN = {"svg", "math"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
                   "srcset", "to", "from", "values", "by", "ping", "cite", "longdesc", "srcdoc"}
_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript)\s*:", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")

_TAG_START = re.compile(r"<([a-zA-Z][^\s/>]*)")
_ATTR_NAME = re.compile(r"[\s/]*([^\s\"'<>/=][^\s\"'>/=]*)?")
_EQUALS = re.compile(r"\s*=\s*")
_UNQUOTED = re.compile(r"[^\s>]*")
# Where a URL stands in Markdown: a link or image target, a reference definition (also inside
# a blockquote or a list item). Each pattern is anchored on a short, bounded prefix.
_MD_TARGET = re.compile(r"\]\(\s*<?([^)\s>]+)")
_MD_REFERENCE = re.compile(r"^[ \t>*+\-0-9.)]{0,200}\[[^\]\n]{1,999}\]:[ \t]*<?(\S+?)>?(?:\s|$)", re.M)
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]{0,2000})\}")
_ATTR_LIST_ITEM = re.compile(r"(?:^|\s)(on[a-z]+|style)\s*=", re.I)


@dataclass(frozen=True)
class _Finding:
    offset: int
    message: str
    hint: str


def _scheme(url: str) -> str | None:
    """The dangerous scheme a URL uses, as a browser reads it (entities decoded, blanks dropped)."""
    match = _SCHEME.match(_INVISIBLE.sub("", html.unescape(url)))
    return match.group(1).lower() if match else None


def _url_finding(offset: int, url: str) -> _Finding | None:
    scheme = _scheme(url)
    if scheme is None:
        return None
    return _Finding(offset, msg("bad_scheme", scheme=scheme), msg("hint_bad_scheme"))


def _tag_findings(name: str, start: int) -> Iterator[_Finding]:
    tag = name.lower()
    if tag == "script":
        yield _Finding(start, msg("bad_tag", tag="script"), msg("hint_script"))
    elif tag in _EMBED:
        yield _Finding(start, msg("bad_tag", tag=tag), msg("hint_embed"))
    elif tag in _TAKE_OVER:
        yield _Finding(start, msg("bad_tag", tag=tag), msg("hint_take_over"))
    elif tag in _FOREIGN:
        yield _Finding(start, msg("bad_tag", tag=tag), msg("hint_foreign"))


def _attribute(name: str, name_at: int, value: str, value_at: int) -> _Finding | None:
    if name.startswith("on"):
        return _Finding(name_at, msg("bad_handler", name=name), msg("hint_remove_attribute"))
    if name == "style":
        return _Finding(name_at, msg("bad_style"), msg("hint_style"))
    if name in _URL_ATTRIBUTES:
        for part in value.split(",") if name == "srcset" else [value]:
            found = _url_finding(value_at, part.strip())
            if found:
                return found
    return None


def _tags(text: str) -> Iterator[_Finding]:
    """Every start tag and its attributes, read as a browser does; the scan never goes back."""
    pos = 0
    while (match := _TAG_START.search(text, pos)) is not None:
        yield from _tag_findings(match.group(1), match.start(1))
        pos = match.end()
        # Equivalent mutants (benchmarks/mutation.py) in this loop: '<=' here (at the end the name
        # pattern matches nothing and the loop stops), the default value of an attribute without
        # '=', a closing quote never at 0, and skipping the '>' or not (the next search finds the
        # next '<' either way).
        while pos < len(text):
            attr = _ATTR_NAME.match(text, pos)
            assert attr is not None  # the pattern matches the empty string
            pos = attr.end()
            if attr.group(1) is None:
                break
            name, name_at = attr.group(1).lower(), attr.start(1)
            value, value_at = "", pos
            equals = _EQUALS.match(text, pos)
            if equals:
                pos = equals.end()
                quote = text[pos:pos + 1]
                if quote in ("'", '"'):
                    end = text.find(quote, pos + 1)
                    if end < 0:  # an unclosed quote runs to the end: nothing after it is a tag
                        end = len(text)
                    value, value_at, pos = text[pos + 1:end], pos + 1, end + 1
                else:
                    unquoted = _UNQUOTED.match(text, pos)
                    assert unquoted is not None
                    value, value_at, pos = unquoted.group(), pos, unquoted.end()
            found = _attribute(name, name_at, value, value_at)
            if found:
                yield found
        if text.startswith(">", pos):
            pos += 1


def _markdown(text: str) -> Iterator[_Finding]:
    """Script URLs in Markdown links and references; handlers and styles in attribute lists."""
    for pattern in (_MD_TARGET, _MD_REFERENCE):
        for match in pattern.finditer(text):
            found = _url_finding(match.start(1), match.group(1))
            if found:
                yield found
    for match in _ATTR_LIST.finditer(text):
        for item in _ATTR_LIST_ITEM.finditer(match.group(1)):
            what = item.group(1).lower()
            message = msg("bad_list_style", list="{: ...}") if what == "style" \
                else msg("bad_list_handler", name=what, list="{: ...}")
            yield _Finding(match.start(1) + item.start(1), message, msg("hint_attribute_list"))


def check_markup(text: str, path: Path, first_line: int, problems: Problems,
                 positions: TextPositions | None = None) -> None:
    """Flag unsafe markup in a Markdown text that starts at ``first_line`` of ``path``."""
    findings = sorted([*_tags(text), *_markdown(text)], key=lambda f: f.offset)
    positions = positions or TextPositions(text, first_line)  # check_markdown's, or its own
    for finding in findings[:MAX_REPORTED]:
        line, col = positions.at(finding.offset)
        problems.error(path, line, col, finding.message, finding.hint)
    if len(findings) > MAX_REPORTED:
        line, col = positions.at(findings[MAX_REPORTED].offset)
        problems.error(path, line, col, msg("more_unsafe", n=len(findings) - MAX_REPORTED), msg("hint_more_unsafe"))


def check_markdown(text: str, path: Path, first_line: int, problems: Problems) -> None:
    """Every check of a Markdown text (a report's narrative, a page): its bounds, its markup."""
    positions = TextPositions(text, first_line)
    check_limits(text, path, problems, positions)
    # Given the positions, check_markup needs no first line: a mutant dropping either is equivalent.
    check_markup(text, path, first_line, problems, positions)
