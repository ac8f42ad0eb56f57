"""Bounded work on any input: each pathological file ends in ``path:line:col: error: ...`` or
renders, within a generous guard (a hang test, not a speed test), never in a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import time_limit
from sitekit import base_report, report, write_content

from m4c_build.problems import Problems, TextPositions
from m4c_build.site.render import render_markdown
from m4c_build.validate.content import validate_content
from m4c_build.validate.limits import check_limits

LINE = re.compile(r"^missions/x\.md:\d+:\d+: error: .+")
GUARD = 60
"""Seconds before a case counts as a hang: any of them takes well under one today."""

BODIES = {
    "nested emphasis": "*" * 2000 + "x" + "*" * 2000,
    "alternating emphasis": "".join("*a _b " for _ in range(2000)),
    "star run of 1 MB": "*" * 1_000_000,
    "300 list levels": "\n".join("    " * i + "- x" for i in range(300)),
    "300 list levels, 2 spaces": "\n".join("  " * i + "- x" for i in range(300)),
    "300 quote levels": "\n".join(">" * i + " x" for i in range(1, 300)),
    "2,000 quote markers": ">" * 2000 + " x",
    "20,000 nested brackets": "[" * 20_000 + "x" + "]" * 20_000,
    "20,000 open brackets": "[" * 20_000,
    "12,000 open links": "[x](" * 12_000,
    "12,000 open images": "![x](" * 12_000,
    "1,000 links": " ".join(f"[l{i}](https://example.org/{i})" for i in range(1000)),
    "16,000 unclosed tags": "<div " * 16_000,
    "200,000 unclosed tags": "<a " * 200_000,
    "16,000 handlers": "<b onclick=x>" * 16_000,
    "unclosed quotes": "<a title=\"" * 50_000,
    "long line": "word " * 100_000,
    "many attribute lists": "{: " * 100_000,
    "backticks": "`" * 200_000,
    "entities": "&amp;" * 150_000,
    "table": "|a" * 5000 + "\n" + "|-" * 5000 + "\n",
}


@pytest.mark.parametrize("name", BODIES)
def test_a_pathological_narrative_is_refused_or_renders(tmp_path: Path, name: str) -> None:
    body = BODIES[name]
    root = write_content(tmp_path / "content", {"missions/x.md": report(**base_report(body=body))})
    with time_limit(GUARD):
        result = validate_content(root)
    errors = [p.format(root) for p in result.problems if p.is_error]
    assert all(LINE.match(line) for line in errors), errors[:3]
    assert len(errors) <= 25, "a few lines, not one per character"
    if not errors:
        with time_limit(GUARD):
            html = render_markdown(body)
        assert html or not body.strip()


def test_a_number_of_5000_digits_is_text_or_one_error(tmp_path: Path) -> None:
    digits = "7" * 5000
    text = report(**base_report()).replace("title: Mission", f"title: {digits}")
    cities = (Path(__file__).parents[1] / "content" / "cities.yml").read_text(encoding="utf-8")
    cities = cities.replace("whc_id: 300", f"whc_id: {digits}", 1)
    assert digits in text and digits in cities
    root = write_content(tmp_path / "content", {"missions/x.md": text, "cities.yml": cities})
    with time_limit(GUARD):
        lines = [p.format(root) for p in validate_content(root).problems]
    assert len(lines) == 1, lines  # the title is a text like any other; an id must be a number
    assert re.match(r"^cities\.yml:\d+:\d+: error: 'whc_id' of quebec must be a whole number, not the text '7+\.\.\.'",
                    lines[0]), lines


def test_a_deeply_nested_frontmatter_is_one_error(tmp_path: Path) -> None:
    deep = "[" * 5000 + "]" * 5000
    text = report(**base_report()).replace("issue: Une question.", f"issue: {deep}")
    root = write_content(tmp_path / "content", {"missions/x.md": text})
    with time_limit(GUARD):
        lines = [p.format(root) for p in validate_content(root).problems]
    assert len(lines) == 1 and "nested" in lines[0], lines


# -- each bound, exactly: at it a text passes, one past it is one problem at its exact place --------

LONG = "the line is {n} characters long: the limit is 20,000 (break the text into paragraphs)"
QUOTES = "quotes are nested more than 16 levels deep (use fewer '>' at the start of the line)"
INDENT = "the line is indented more than 64 columns: lists nest at most 16 levels (indent less)"
DEEP = "brackets are nested more than 16 levels deep (close each '[' with ']'; escape a plain bracket as \\[)"
MANY = "the text holds 1,001 '[': the limit is 1,000 (write links as [text](address); escape a plain bracket as \\[)"
EMPHASIS = ("the paragraph holds more than 1,000 '*' and '_' "
            "(emphasis is *word* or **words**; escape a plain star as \\*)")

WITHIN = {
    "a line at the limit": "x" * 20_000 + "\ny",
    "16 quote levels": ">" * 16 + " x\n\n> y",
    "16 spaced quote levels": "> " * 16 + "x\n\n> y",
    "64 columns of spaces": " " * 64 + "x",
    "16 tabs": "\t" * 16 + "x",
    "tabs after spaces stop at a multiple of 4": "   \t" * 16 + "x",
    "5 spaces and 15 tabs": " " * 5 + "\t" * 15 + "x",
    "16 nested brackets": "[" * 16 + "x" + "]" * 16,
    "closed brackets open again": ("[" * 16 + "]" * 16) * 3,
    "closing brackets first": "]" * 20 + "[" * 16,
    "escaped brackets": "\\[" * 40,
    "a blank line closes every bracket": "[" * 10 + "\n\n" + "[" * 10,
    "1,000 brackets": "[x]" * 1000,
    "1,000 emphasis markers": "*" * 500 + "_" * 500,
    "1,000 emphasis markers in each paragraph": "*" * 1000 + "\n\n" + "_" * 1000,
}
PAST = {
    "a line past the limit": ("y\n" + "x" * 20_001, f"2:20001: error: {LONG.format(n='20,001')}"),
    "17 quote levels": (">" * 17 + " x", f"1:1: error: {QUOTES}"),
    "17 spaced quote levels on line 2": ("x\n" + "> " * 17 + "x", f"2:1: error: {QUOTES}"),
    "65 columns of spaces": (" " * 65 + "x", f"1:1: error: {INDENT}"),
    "16 tabs and a space": ("\t" * 16 + " x", f"1:1: error: {INDENT}"),
    "5 spaces, 15 tabs and a space": (" " * 5 + "\t" * 15 + " x", f"1:1: error: {INDENT}"),
    "17 nested brackets": ("[" * 17, f"1:17: error: {DEEP}"),
    "a closing bracket closes one": ("[" * 16 + "][[", f"1:19: error: {DEEP}"),
    "after an escaped backslash a bracket counts": ("\\\\" + "[" * 17, f"1:19: error: {DEEP}"),
    "a line break is no blank line": ("[" * 10 + "\n" + "[" * 7, f"2:7: error: {DEEP}"),
    "1,001 brackets": ("[x]" * 1000 + "\n[", f"2:1: error: {MANY}"),
    "1,001 brackets in a row": ("[" * 1001, f"1:1001: error: {MANY}"),
    "1,001 emphasis markers": ("*" * 501 + "_" * 500, f"1:1: error: {EMPHASIS}"),
    "1,001 emphasis markers in the second paragraph": ("a\n\n" + "*" * 1001, f"3:1: error: {EMPHASIS}"),
    "1,001 emphasis markers after a first blank line": ("\n" + "*" * 1001, f"2:1: error: {EMPHASIS}"),
}


@pytest.mark.parametrize("name", WITHIN)
def test_a_text_at_a_bound_passes(name: str) -> None:
    text = WITHIN[name]
    problems = Problems()
    assert check_limits(text, Path("x.md"), problems, TextPositions(text))
    assert problems == []


@pytest.mark.parametrize("name", PAST)
def test_a_text_past_a_bound_is_one_problem_where_it_passes(name: str) -> None:
    text, expected = PAST[name]
    problems = Problems()
    problems.warning(Path("before.md"), 1, 1, "a problem found before")
    assert not check_limits(text, Path("x.md"), problems, TextPositions(text))
    assert [p.format(Path()) for p in problems[1:]] == [f"x.md:{expected}"]


def test_a_text_within_every_bound_passes_after_other_problems() -> None:
    problems = Problems()
    problems.error(Path("before.md"), 1, 1, "a problem found before")
    assert check_limits("Un récit.", Path("x.md"), problems, TextPositions("Un récit."))
    assert len(problems) == 1
