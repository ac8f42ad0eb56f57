"""Problems found in the content: values, not exceptions, printed like a compiler's."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path


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

    def format(self, cwd: Path | None = None) -> str:
        text = f"{self.display_path(cwd)}:{self.line}:{self.col}: {self.severity.value}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def to_dict(self, cwd: Path | None = None) -> dict[str, object]:
        data = asdict(self)
        data["path"] = self.display_path(cwd)
        data["severity"] = self.severity.value
        return data


def position(text: str, offset: int, first_line: int = 1) -> tuple[int, int]:
    """The 1-based (line, column) of ``offset`` in ``text``, whose first line is ``first_line``."""
    line = text.count("\n", 0, offset) + first_line
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


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


def summary(problems: list[Problem], files: int) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    checked = f"{files} file{'s' if files != 1 else ''} checked"
    if not problems:
        return f"{checked}: no problems"
    parts = [f"{errors} error{'s' if errors != 1 else ''}", f"{warnings} warning{'s' if warnings != 1 else ''}"]
    return f"{checked}: {', '.join(parts)}"


def format_text(problems: list[Problem], files: int, cwd: Path | None = None) -> str:
    lines = [p.format(cwd) for p in sorted(problems)]
    lines.append(summary(problems, files))
    return "\n".join(lines)


def format_json(problems: list[Problem], files: int, cwd: Path | None = None) -> str:
    return json.dumps(
        {
            "files": files,
            "errors": sum(p.is_error for p in problems),
            "warnings": sum(not p.is_error for p in problems),
            "problems": [p.to_dict(cwd) for p in sorted(problems)],
        },
        ensure_ascii=False,
        indent=2,
    )


def _escape_github(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: list[Problem], files: int, cwd: Path | None = None) -> str:
    """GitHub Actions workflow commands: each problem shows on its line of the pull request."""
    lines = []
    for p in sorted(problems):
        message = f"{p.message} ({p.hint})" if p.hint else p.message
        props = ",".join(
            [
                f"file={_escape_github(p.display_path(cwd), prop=True)}",
                f"line={p.line}",
                f"col={p.col}",
                f"title={_escape_github('m4c validate', prop=True)}",
            ]
        )
        lines.append(f"::{p.severity.value} {props}::{_escape_github(message)}")
    lines.append(summary(problems, files))
    return "\n".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
