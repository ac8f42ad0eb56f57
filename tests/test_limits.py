"""Bounded work on any input: each pathological file ends in ``path:line:col: error: ...`` or
renders, within a generous guard (a hang test, not a speed test), never in a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import time_limit
from sitekit import base_report, report, write_content

from m4c_build.site.render import render_markdown
from m4c_build.validate.content import validate_content

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
