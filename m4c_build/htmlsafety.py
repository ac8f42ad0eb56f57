"""Markup that must never reach a published page: scripts, frames, event handlers."""

from __future__ import annotations

import re
from pathlib import Path

from m4c_build.problems import Problems

# (pattern, message, hint); group 1, when there is one, is what the message names and where
# the column points.
_RULES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"<\s*(script)\b", re.I), "<{0}> is not allowed", "remove the script"),
    (re.compile(r"<\s*(iframe|frame|object|embed)\b", re.I), "<{0}> is not allowed",
     "link to the page instead of embedding it"),
    (re.compile(r"<[a-z][^>]*?\s(on[a-z]+)\s*=", re.I), "event handler '{0}=' is not allowed",
     "remove the attribute"),
    (re.compile(
        r"(?:\]\(\s*<?|(?:href|src|action|formaction)\s*=\s*[\"']?\s*)(javascript|vbscript|data)\s*:",
        re.I), "'{0}:' links are not allowed", "link to an http(s) address or a page of the site"),
]


def check_markup(text: str, path: Path, first_line: int, problems: Problems) -> None:
    """Flag unsafe markup in a Markdown text that starts at ``first_line`` of ``path``."""
    for pattern, message, hint in _RULES:
        for match in pattern.finditer(text):
            start = match.start(1)
            line = text.count("\n", 0, start) + first_line
            col = start - (text.rfind("\n", 0, start) + 1) + 1
            problems.error(path, line, col, message.format(match.group(1).lower()), hint)
