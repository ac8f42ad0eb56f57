"""Any input becomes problems, never a traceback or a hang (hypothesis).

Each property writes one fuzzed file over a minimal valid content folder, runs ``validate_content``
and checks what a user relies on: it returns, every problem has a real position in its file,
a file that is not accepted is named by a problem, and every output format gives one line per
problem and a summary whose counts are right.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
import string
import typing
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from conftest import time_limit, write_content
from hypothesis import given, settings
from hypothesis import strategies as st

from m4c_build.load import yamlsource
from m4c_build.load.yamlsource import load_yaml
from m4c_build.problems import FORMATTERS, Problems
from m4c_build.schema.classes import Report
from m4c_build.validate.content import Validation, validate_content

FUZZ = settings(max_examples=int(os.environ.get("M4C_FUZZ_EXAMPLES", "200")), deadline=None,
                database=None)
"""200 examples keep the suite fast; M4C_FUZZ_EXAMPLES=5000 digs deeper. No example database:
it would litter the repository."""

REPORT = "missions/fuzz.md"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One content folder per module; each example overwrites one file in it."""
    return write_content(tmp_path_factory.mktemp("fuzz") / "content")


def validate(root: Path, name: str, data: bytes) -> Validation:
    """Validate ``root`` with ``data`` as ``name``, check the result, then put the file back."""
    path = root / name
    original = path.read_bytes() if path.exists() else None
    path.write_bytes(data)
    try:
        with time_limit(20):
            result = validate_content(root)
        check(result, root, path, data)
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)
    return result


def check(result: Validation, root: Path, path: Path, data: bytes) -> None:
    assert isinstance(result, Validation)
    lines = _lines(data)
    for problem in result.problems:
        assert problem.message, problem
        assert problem.line >= 1 and problem.col >= 1, problem
        if problem.path == path:  # a real place in the file, as an editor numbers it
            assert problem.line <= len(lines), (problem, lines)
            assert problem.col <= len(lines[problem.line - 1]) + 1, (problem, lines)
    named = any(p.path == path for p in result.problems)
    if path.suffix == ".md":
        accepted = result.content is not None and any(
            m.path == path for m in result.content.missions
        )
        # A report that is not accepted says why (unless the registry failed: nothing is).
        assert accepted or named or result.content is None
    else:
        assert result.content is not None or named
    check_formats(result, root)


PROBLEM_LINE = re.compile(r"^.+:\d+:\d+: (error|warning): .")
ANNOTATION = re.compile(r"^::(error|warning) file=[^,:]+,line=\d+,col=\d+,title=[^,:]+::.")
SUMMARY = re.compile(r"^(\d+) files? checked: (?:no problems|(\d+) errors?, (\d+) warnings?)$")


def check_formats(result: Validation, root: Path) -> None:
    """What a user or CI reads: one line per problem, then a summary whose counts are right."""
    problems, files = result.problems, result.files
    errors = sum(p.is_error for p in problems)
    expected = (files, errors, len(problems) - errors)
    assert set(FORMATTERS) == {"text", "json", "github"}
    for name, pattern in (("text", PROBLEM_LINE), ("github", ANNOTATION)):
        *lines, last = FORMATTERS[name](problems, files, root).split("\n")
        assert len(lines) == len(problems), (name, lines)
        kinds = [pattern.match(line) for line in lines]
        assert all(kinds), (name, lines)
        assert [m.group(1) for m in kinds if m].count("error") == errors, (name, lines)
        summary = SUMMARY.match(last)
        assert summary, (name, last)
        counts = [int(n) if n else 0 for n in summary.groups()]
        assert tuple(counts) == expected, (name, last)
    data = json.loads(FORMATTERS["json"](problems, files, root))
    assert (data["files"], data["errors"], data["warnings"]) == expected
    assert len(data["problems"]) == len(problems)
    assert sorted(p["severity"] for p in data["problems"]) == sorted(p.severity.value for p in problems)
    assert all(p["line"] >= 1 and p["col"] >= 1 and p["message"] for p in data["problems"])


def _quoting_a_line_break(tmp_path: Path) -> tuple[Validation, Path]:
    """A content folder whose one problem quotes a text with a line break (found by fuzzing)."""
    root = write_content(tmp_path / "content")
    (root / "cities.yml").write_text("~\n\n- ", encoding="utf-8")
    result = validate_content(root)
    message = result.problems[0].message
    assert len(result.problems) == 1 and "'~\\n-'" in message and "\n" not in message, message
    return result, root


def test_an_annotation_stays_on_one_line_when_a_message_quotes_a_line_break(tmp_path: Path) -> None:
    result, root = _quoting_a_line_break(tmp_path)
    lines = FORMATTERS["github"](result.problems, result.files, root).split("\n")
    assert len(lines) == 2 and ANNOTATION.match(lines[0]), lines


def test_a_quoted_line_break_stays_on_its_problems_line(tmp_path: Path) -> None:
    result, root = _quoting_a_line_break(tmp_path)
    lines = FORMATTERS["text"](result.problems, result.files, root).split("\n")
    assert len(lines) == 2 and PROBLEM_LINE.match(lines[0]), lines


def _lines(data: bytes) -> list[str]:
    """The file's lines as the validator numbers them: CRLF and CR end a line too."""
    text = data.decode("utf-8-sig", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


# --- Any bytes, any text -----------------------------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=4096))
def test_any_bytes_as_a_report(root: Path, data: bytes) -> None:
    validate(root, REPORT, data)


@FUZZ
@given(text=st.text(max_size=2048))
def test_any_text_as_a_report(root: Path, text: str) -> None:
    validate(root, REPORT, text.encode())


@FUZZ
@given(text=st.text(max_size=2048), body=st.text(max_size=256))
def test_any_text_as_frontmatter(root: Path, text: str, body: str) -> None:
    """Between '---' lines, so the YAML parser sees it."""
    validate(root, REPORT, f"---\n{text}\n---\n{body}".encode())


@FUZZ
@given(name=st.sampled_from(["cities.yml", "vocabulary.yml"]),
       data=st.binary(max_size=4096) | st.text(max_size=2048).map(str.encode))
def test_any_bytes_as_a_registry(root: Path, name: str, data: bytes) -> None:
    validate(root, name, data)


# --- YAML-ish text -----------------------------------------------------------------------------

TOKENS = [
    "\n", "\n  ", "\n    ", "\n- ", "  ", "\t", "- ", ": ", ":", ",", "[", "]", "{", "}", "?", "|",
    ">-", "#", "'", '"', "\\", "&a ", "*a", "<<: ", "!!str ", "!!python/object/apply:os.system ",
    "!custom ", "%YAML 1.2\n", "---", "...", "~", "null", "yes", "no", "NO", "09:30", "1e400",
    "0x1F", "0o17", ".nan", "-.inf", "2024-02-30", "2024-03-12", "title", "city", "quebec",
    "themes", "tourism", "experts", "photos", "file", "media/../x.jpg", "alt", "é", "\ufeff",
    "\r\n", "\r", "\x85", "\u2028", "\x00", "\x07", "<script>", "javascript:",
]
yamlish = st.lists(st.sampled_from(TOKENS) | st.text(max_size=4), max_size=80).map("".join)


@FUZZ
@given(frontmatter=yamlish, body=yamlish)
def test_yamlish_frontmatter(root: Path, frontmatter: str, body: str) -> None:
    data = f"---\n{frontmatter}\n---\n{body}".encode()
    validate(root, REPORT, data)


@FUZZ
@given(name=st.sampled_from(["cities.yml", "vocabulary.yml"]), text=yamlish)
def test_yamlish_registry(root: Path, name: str, text: str) -> None:
    validate(root, name, text.encode())


# --- Structured: valid YAML of random shape, with the schema's own field names ------------------


def _field_names(cls: type) -> set[str]:
    names = set()
    for f in dataclasses.fields(cls):
        names.add(f.metadata.get("alias") or f.name)
        for tp in typing.get_args(typing.get_type_hints(cls)[f.name]) or ():
            for inner in (tp, *typing.get_args(tp)):
                if dataclasses.is_dataclass(inner) and isinstance(inner, type):
                    names |= _field_names(inner)
    return names


NAMES = [*sorted(_field_names(Report)), "quebec", "tourism", "workshop", "name", "fr"]
keys = st.sampled_from(NAMES) | st.text(string.ascii_lowercase + "_-", min_size=1, max_size=8)
scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
    | st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1))
    | st.sampled_from(["quebec", "tourism", "2024-02-30", "2024-03-12", "09:30", "media/x.jpg",
                       "../secret.jpg", "", " ", "yes", "no", "~", "<script>", "a: b"])
    | st.text(max_size=20)
)
values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(keys, children, max_size=6),
    max_leaves=40,
)


@FUZZ
@given(fields=st.dictionaries(keys, values, max_size=len(NAMES)), body=st.text(max_size=200))
def test_random_frontmatter_of_schema_fields(root: Path, fields: dict[str, Any], body: str) -> None:
    frontmatter = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    data = f"---\n{frontmatter}---\n{body}".encode()
    result = validate(root, REPORT, data)
    # safe_dump writes valid YAML: what is wrong is a field, not the syntax (an odd line break
    # in a text is refused: YAML would count it as a line and misnumber the next ones).
    syntax = [p for p in result.problems if "YAML" in p.message and "line break" not in p.message]
    assert not syntax, result.problems


@FUZZ
@given(report=st.fixed_dictionaries({}, optional={
    "title": values, "city": values, "date": values, "end_date": values, "themes": values,
    "issue": values, "objectives": values, "experts": values, "actors": values,
    "assistance": values, "lessons": values, "follow_up": values, "photos": values,
    "programme": values,
}))
def test_random_values_of_known_fields(root: Path, report: dict[str, Any]) -> None:
    frontmatter = yaml.safe_dump(report, allow_unicode=True, sort_keys=False)
    validate(root, REPORT, f"---\n{frontmatter}---\n".encode())


# --- libyaml and pure Python give the same result ----------------------------------------------


def _load_both(text: str) -> tuple[str, str]:
    """``load_yaml`` with libyaml's parser (when there is one) and with PyYAML's own."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as read_text gives it

    def load() -> str:
        problems = Problems()
        doc = load_yaml(text, Path("x.yml"), problems, line_offset=1)
        shown = None if doc is None else (doc.data, doc.source.values, doc.source.keys)
        return repr((shown, [p.format(Path.cwd()) for p in problems]))  # repr: nan == nan

    fast = load()
    with mock.patch.object(yamlsource, "_FastLoader", None):
        return fast, load()


def assert_same(fast: str, slow: str) -> None:
    """Same data, positions and problems, unless PyYAML refuses what libyaml accepts.

    libyaml follows the YAML spec more closely in a few corners PyYAML rejects ('#' right
    after a block scalar indicator, '?' inside a flow plain scalar): there it is more lenient.
    """
    if "invalid YAML" not in slow:
        assert fast == slow


def test_libyaml_is_there() -> None:
    """PyYAML's wheels carry libyaml; without it validation is ~10x slower, and the tests below,
    which compare both parsers, would compare one with itself."""
    assert yamlsource._FastLoader is not None


@FUZZ
@given(text=yamlish)
def test_libyaml_and_python_agree_on_yamlish(text: str) -> None:
    assert_same(*_load_both(text))


@FUZZ
@given(data=values)
def test_libyaml_and_python_agree_on_valid_yaml(data: Any) -> None:
    fast, slow = _load_both(yaml.safe_dump(data, allow_unicode=True, width=30))
    assert fast == slow


def test_libyaml_and_python_agree_on_the_shipped_content() -> None:
    shipped = Path(__file__).parents[1] / "content"
    files = sorted(shipped.glob("*.yml")) + sorted(shipped.glob("missions/**/*.md"))
    assert files, "the shipped content is there"
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".md":
            text = text.split("\n---\n", 1)[0].removeprefix("---\n")
        fast, slow = _load_both(text)
        assert fast == slow, path
