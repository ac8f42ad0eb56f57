"""Every problem points at its exact place, also at column 1: a problem at the start of a line
is reported there, not at the end of the line before (an editor jumps to the wrong line, and
GitHub annotates the wrong line of a pull request)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sitekit import base_report, report, write_content

from m4c_build.problems import Problem, Severity, TextPositions, position, visible
from m4c_build.validate.content import validate_content

MARK = "Avant."
"""The paragraph before each offending line: the problem must not be placed at its end."""
EMPHASIS = ("the paragraph holds more than 1,000 '*' and '_' "
            "(emphasis is *word* or **words**; escape a plain star as \\*)")

BODIES: dict[str, tuple[str, str, str]] = {
    # kind: (the offending text after MARK, the start of the line the problem is at, its message)
    "quotes nested too deep": (">" * 17 + " x", ">>>",
                               "quotes are nested more than 16 levels deep (use fewer '>' at the start of the line)"),
    "indented too deep": (" " * 68 + "x", "    ",
                          "the line is indented more than 64 columns: lists nest at most 16 levels (indent less)"),
    "too much emphasis": ("*a* " * 600, "*a*", EMPHASIS),
    "emphasis after several paragraphs": ("Un.\n\nDeux.\n\n" + "_a_ " * 600, "_a_", EMPHASIS),
    "emphasis after a blank line of spaces": (" \t \n" + "*a* " * 600, "*a*", EMPHASIS),
    "brackets nested too deep": ("[" * 16 + "\n[x", "[x", "brackets are nested more than 16 levels deep "
                                 "(close each '[' with ']'; escape a plain bracket as \\[)"),
    "too many brackets": ("[x] " * 1000 + "\n[y]", "[y]", "the text holds 1,001 '[': the limit is 1,000 "
                          "(write links as [text](address); escape a plain bracket as \\[)"),
    "an event handler on its own line": ("<img src=x\nonerror=alert(1)>", "onerror",
                                         "event handler 'onerror=' is not allowed (remove the attribute)"),
    "a script URL on its own line": ("[x](\njavascript:alert(1))", "javascript:", "'javascript:' links are not "
                                     "allowed (link to an http(s) address or a page of the site)"),
    "a placeholder left in the narrative": ("TODO: write the account", "TODO", "the narrative is still to fill "
                                            "(write it, or set 'status: draft' until the report is ready)"),
}


def _line_of(text: str, start: str) -> int:
    """The 1-based number of the one line of ``text`` that starts with ``start`` after MARK."""
    lines = text.split("\n")
    after = lines.index(MARK)
    found = [i for i, line in enumerate(lines) if i > after and line.startswith(start)]
    assert found, start
    return found[0] + 1


@pytest.mark.parametrize("kind", BODIES)
def test_a_problem_at_the_start_of_a_line_is_at_column_1(tmp_path: Path, kind: str) -> None:
    body, start, message = BODIES[kind]
    text = report(**base_report(), body=f"{MARK}\n\n{body}\n")
    root = write_content(tmp_path / "content", {"missions/x.md": text})
    lines = [p.format(root) for p in validate_content(root).problems]
    assert lines == [f"missions/x.md:{_line_of(text, start)}:1: error: {message}"]


def test_a_line_too_long_is_reported_where_it_passes_the_limit(tmp_path: Path) -> None:
    text = report(**base_report(), body=f"{MARK}\n\n{'x' * 20_000}yz\n")
    root = write_content(tmp_path / "content", {"missions/x.md": text})
    lines = [p.format(root) for p in validate_content(root).problems]
    assert lines == [f"missions/x.md:{_line_of(text, 'xxx')}:20001: error: the line is 20,002 characters long: "
                     "the limit is 20,000 (break the text into paragraphs)"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_bad_byte_or_nul_at_the_start_of_a_line(tmp_path: Path, newline: str) -> None:
    """The file's own checks (encoding, NUL) count lines of every ending, columns in characters."""
    good = report(**base_report()).replace("\n", newline).encode("utf-8")
    lines = good.count(newline.encode()) + 1
    root = write_content(tmp_path / "content", {"missions/a.md": good + b"\xff after",
                                                 "missions/b.md": good + b"\x00 after \x00",
                                                 "missions/c.md": good + "é\x00".encode()})
    found = {p.path.name: (p.line, p.col) for p in validate_content(root).problems}
    assert found == {"a.md": (lines, 1), "b.md": (lines, 1), "c.md": (lines, 2)}


_TEXTS = st.text(alphabet=st.sampled_from("ab\n"), max_size=40)


@settings(max_examples=300, deadline=None, database=None)
@given(text=_TEXTS, first_line=st.integers(min_value=1, max_value=5), data=st.data())
def test_both_position_helpers_agree_with_counting(text: str, first_line: int, data: st.DataObject) -> None:
    """Line and column of an offset, counted by hand: on a line break, at a line start, at the end."""
    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    before = text[:offset]
    expected = (before.count("\n") + first_line, len(before.split("\n")[-1]) + 1)
    assert position(text, offset, first_line) == expected
    assert TextPositions(text, first_line).at(offset) == expected


def test_positions_at_every_line_start() -> None:
    text = "ab\n\ncd\n"
    at = TextPositions(text, 7)
    assert [at.at(i) for i in range(len(text) + 1)] == [
        (7, 1), (7, 2), (7, 3), (8, 1), (9, 1), (9, 2), (9, 3), (10, 1)]
    assert [position(text, i, 7) for i in range(len(text) + 1)] == [at.at(i) for i in range(len(text) + 1)]


def test_lines_count_from_1_by_default() -> None:
    assert TextPositions("a\nb").at(2) == (2, 1)
    assert position("a\nb", 2) == (2, 1)


def test_a_problem_line_shows_what_is_invisible() -> None:
    """A message quoting a text with a tab, a line break or a hidden character stays on one line
    and names each hidden character by its code point."""
    text = "a\tb\nc\rd\u200be\x07f\u00adg\u2028h\u202ei é"
    assert visible(text) == "a\\tb\\nc\\rd<U+200B>e<U+0007>f<U+00AD>g<U+2028>h<U+202E>i é"
    line = Problem(Path("a\u200b.md"), 1, 1, Severity.ERROR, "m").format(Path())
    assert line == "a<U+200B>.md:1:1: error: m"


def test_blank_lines_after_the_opening_line_keep_yaml_positions(tmp_path: Path) -> None:
    text = report(**base_report()).replace("---\n", "---\n\n\n", 1).replace("city: quebec", "city: nowhere")
    root = write_content(tmp_path / "content", {"missions/x.md": text})
    found = [(p.line, p.col) for p in validate_content(root).problems]
    assert found == [(_line_of_field(text, "city:"), 7)]


def _line_of_field(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(start))


@pytest.mark.parametrize("first", ["---title: x", "----- x", "--- x"])
def test_a_first_line_that_only_starts_with_dashes_is_no_frontmatter(tmp_path: Path, first: str) -> None:
    root = write_content(tmp_path / "content", {"missions/x.md": f"{first}\n---\n\nText.\n"})
    lines = [p.format(root) for p in validate_content(root).problems]
    assert lines == ["missions/x.md:1:1: error: no frontmatter: the file must start with a '---' line "
                     "(put the report's fields between two '---' lines at the top)"]


def test_check_markup_alone_counts_lines_from_the_first_line_given() -> None:
    from m4c_build.problems import Problems
    from m4c_build.validate.markup import check_markup

    problems = Problems()
    check_markup("Un récit.\n<script>x</script>", Path("p.md"), 5, problems)
    assert [p.format(Path()) for p in problems] == ["p.md:6:2: error: <script> is not allowed (remove the script)"]
