"""Problems found in the content: values, not exceptions, printed like a compiler's."""

from __future__ import annotations

import bisect
import json
import os
import re
from dataclasses import asdict, dataclass
from enum import Enum
from functools import cached_property
from pathlib import Path

from m4c_build.i18n.messages import msg, plural, said


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, at a 1-based line and column."""

    path: Path
    line: int
    col: int
    severity: Severity
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def display_path(self, cwd: Path | None = None) -> str:
        """The path relative to the current directory when it is below it."""
        try:
            return os.path.relpath(self.path, cwd or Path.cwd())
        except ValueError:  # another drive on Windows
            return str(self.path)

    def format(self, cwd: Path | None = None, language: str = "en") -> str:
        """One line, whatever the message quotes; the message and hint in ``language``, the
        severity in English, as compilers print it and as editors and CI match it."""
        text = f"{visible(self.display_path(cwd))}:{self.line}:{self.col}: {self.severity.value}: " \
               f"{visible(self.said_message(language))}"
        return f"{text} ({visible(self.said_hint(language))})" if self.hint else text

    def said_message(self, language: str = "en") -> str:
        return str(said(self.message, language))

    def said_hint(self, language: str = "en") -> str:
        return str(said(self.hint, language))

    def to_dict(self, cwd: Path | None = None, language: str = "en") -> dict[str, object]:
        data = asdict(self)
        data["path"] = self.display_path(cwd)
        data["severity"] = self.severity.value
        data["message"] = self.said_message(language)
        data["hint"] = self.said_hint(language)
        return data


_HIDDEN_CLASS = ("\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
                 "\u2066-\u2069\ufeff")
HIDDEN = re.compile(f"[{_HIDDEN_CLASS}]")
"""Control, bidi and zero-width characters: no text of a report needs one, and they hide or
reorder what a reader sees. The one definition the validator, titles and messages share."""
_INVISIBLE = re.compile(f"[\t\n{_HIDDEN_CLASS}\u00ad\u2028-\u2029\u206a-\u206f\ufff9-\ufffb]")
"""What ``visible`` writes out: the hidden characters, line breaks and tabs, soft hyphens."""
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def visible(text: str) -> str:
    """``text`` with every invisible character written out (``\\n``, ``<U+200B>``), so that a
    message quoting it stays on one line and shows what is really there."""
    return _INVISIBLE.sub(lambda m: _ESCAPES.get(m.group(), f"<U+{ord(m.group()):04X}>"), text)


def position(text: str, offset: int, first_line: int = 1) -> tuple[int, int]:
    """The 1-based (line, column) of ``offset`` in ``text``, whose first line is ``first_line``."""
    # Equivalent mutants (benchmarks/mutation.py): a start of None is a start of 0 for count and rfind.
    line = text.count("\n", 0, offset) + first_line
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


class TextPositions:
    """(line, column) of many offsets in one text, each in O(log lines): a check that reports
    thousands of places stays linear. The line starts are found at the first question: most
    texts have no problem to place."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.first_line = first_line
        self._text = text

    @cached_property
    def _starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self._text))]

    def at(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index + self.first_line, offset - self._starts[index] + 1


class Problems(list[Problem]):
    """A growing list of problems with shortcuts to add one."""

    def error(self, path: Path, line: int, col: int, message: str, hint: str = "") -> None:
        self.append(Problem(path, line, col, Severity.ERROR, message, hint))

    def warning(self, path: Path, line: int, col: int, message: str, hint: str = "") -> None:
        self.append(Problem(path, line, col, Severity.WARNING, message, hint))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if not p.is_error]


def summary(problems: list[Problem], files: int, language: str = "en") -> str:
    """'12 files checked: 2 errors, 1 warning' ('12 fichiers vérifiés : 2 erreurs, 1 avertissement')."""
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    checked = plural("files_checked", files, n=files)
    if not problems:
        return str(said(msg("summary_clean", checked=checked), language))
    return str(said(msg("summary", checked=checked, errors=plural("errors", errors, n=errors),
                        warnings=plural("warnings", warnings, n=warnings)), language))


def format_text(problems: list[Problem], files: int, cwd: Path | None = None, language: str = "en") -> str:
    lines = [p.format(cwd, language) for p in sorted(problems)]
    lines.append(summary(problems, files, language))
    return "\n".join(lines)


def format_json(problems: list[Problem], files: int, cwd: Path | None = None, language: str = "en") -> str:
    return json.dumps(
        {
            "files": files,
            "errors": sum(p.is_error for p in problems),
            "warnings": sum(not p.is_error for p in problems),
            "problems": [p.to_dict(cwd, language) for p in sorted(problems)],
        },
        ensure_ascii=False,
        indent=2,
    )


def _escape_github(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: list[Problem], files: int, cwd: Path | None = None, language: str = "en") -> str:
    """GitHub Actions workflow commands: each problem shows on its line of the pull request."""
    lines = []
    for p in sorted(problems):
        message = f"{p.said_message(language)} ({p.said_hint(language)})" if p.hint else p.said_message(language)
        props = ",".join(
            [
                f"file={_escape_github(p.display_path(cwd), prop=True)}",
                f"line={p.line}",
                f"col={p.col}",
                f"title={_escape_github('m4c validate', prop=True)}",
            ]
        )
        lines.append(f"::{p.severity.value} {props}::{_escape_github(message)}")
    lines.append(summary(problems, files, language))
    return "\n".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
