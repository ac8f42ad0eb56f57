"""Golden cases for `m4c validate`: one YAML file per case in validator_cases/.

A case file holds:

``files``
    relative path -> file text, written over a minimal valid content folder (cities.yml,
    vocabulary.yml and one valid report, see conftest.py); ``null`` removes a default file.
``binary``
    relative path -> bytes: ``hex`` + ``base64`` + ``text`` (encoded with ``encoding``, its
    line ends replaced by ``newline``), padded with spaces to ``pad_to`` bytes.
``links`` (optional)
    relative path -> the target a symbolic link there points to (as written, e.g. ``real.png``).
``expect``
    the exact problem lines `m4c validate .` prints, run from the content folder.
``exit``
    the exit code.
``summary`` (optional)
    the exact summary line; without it, its error and warning counts are checked.
``absent`` (optional)
    paths, relative to the content folder, that must not exist after the run.
``lang`` (optional)
    the messages' language (``--lang``): the expected lines and summary are in it (default English).

Adding a case is adding a file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import CliResult, time_limit

CASES = Path(__file__).parent / "validator_cases"
KEYS = {"files", "binary", "links", "expect", "exit", "summary", "absent", "lang"}
SUMMARY = re.compile(
    r"^\d+ files? checked: (?:no problems|(?P<errors>\d+) errors?, (?P<warnings>\d+) warnings?)$"
)


def load_case(path: Path) -> dict[str, Any]:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(case, dict), f"{path.name}: a case is a mapping"
    assert set(case) <= KEYS, f"{path.name}: unknown keys {sorted(set(case) - KEYS)}"
    assert {"expect", "exit"} <= set(case), f"{path.name}: 'expect' and 'exit' are required"
    return case


@pytest.mark.parametrize("case_path", sorted(CASES.glob("*.yml")), ids=lambda p: p.stem)
def test_validator_case(
    case_path: Path, make_content: Callable[..., Path], run_cli: Callable[..., CliResult]
) -> None:
    case = load_case(case_path)
    root = make_content(case.get("files"), case.get("binary"))
    for name, target in (case.get("links") or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).symlink_to(target)

    with time_limit(30):
        result = run_cli("validate", ".", "--lang", case.get("lang", "en"), cwd=root)

    *lines, summary = result.lines
    expected = case["expect"] or []
    assert lines == expected
    assert result.err == ""
    assert result.code == case["exit"]
    if "summary" in case:
        assert summary == case["summary"]
    errors = sum(": error: " in line for line in expected)
    if case.get("lang", "en") == "en":
        match = SUMMARY.match(summary)
        assert match, summary
        assert int(match["errors"] or 0) == errors
        assert int(match["warnings"] or 0) == len(expected) - errors
    else:
        assert f" {errors} " in summary, summary
    for name in case.get("absent") or []:
        assert not (root / name).exists(), f"{name} was created"


def test_every_case_is_collected() -> None:
    """A case saved with another extension would be silently skipped."""
    others = [p.name for p in CASES.iterdir() if p.suffix != ".yml"]
    assert others == []
