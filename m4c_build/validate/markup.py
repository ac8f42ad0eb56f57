"""Markup that must never reach a published page: scripts, frames, event handlers, script URLs,
and tags that take over the page (base, meta refresh, forms, style sheets)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from m4c_build.problems import Problems, position

# (pattern, message, hint); group 1 is what the message names and where the column points.
_TAGS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"<\s*(script)\b", re.I), "<{0}> is not allowed", "remove the script"),
    (re.compile(r"<\s*(iframe|frame|frameset|object|embed|applet)\b", re.I), "<{0}> is not allowed",
     "link to the page instead of embedding it"),
    (re.compile(r"<\s*(base|meta|link|form|style)\b", re.I), "<{0}> is not allowed",
     "a report cannot change the page around it: remove the tag"),
    (re.compile(r"<[a-z][^>]*?[\s/\"'](on[a-z]+)\s*=", re.I), "event handler '{0}=' is not allowed",
     "remove the attribute"),
]

# Where a URL stands: a Markdown link or image target, a reference definition, an attribute.
_URLS = [
    re.compile(r"\]\(\s*<?([^)\s>]+)"),
    re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M),
    re.compile(r"\b(?:href|src|action|formaction|xlink:href|data|poster|background)\s*=\s*"
               r"(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))", re.I),
]
_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript)\s*:", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def _scheme(url: str) -> str | None:
    """The dangerous scheme a URL uses, as a browser reads it (entities decoded, blanks dropped)."""
    match = _SCHEME.match(_INVISIBLE.sub("", html.unescape(url)))
    return match.group(1).lower() if match else None


def check_markup(text: str, path: Path, first_line: int, problems: Problems) -> None:
    """Flag unsafe markup in a Markdown text that starts at ``first_line`` of ``path``."""
    for pattern, message, hint in _TAGS:
        for match in pattern.finditer(text):
            line, col = position(text, match.start(1), first_line)
            problems.error(path, line, col, message.format(match.group(1).lower()), hint)
    for pattern in _URLS:
        for match in pattern.finditer(text):
            group = next(i for i in range(1, len(match.groups()) + 1) if match.group(i) is not None)
            scheme = _scheme(match.group(group))
            if scheme:
                line, col = position(text, match.start(group), first_line)
                problems.error(path, line, col, f"'{scheme}:' links are not allowed",
                               "link to an http(s) address or a page of the site")
