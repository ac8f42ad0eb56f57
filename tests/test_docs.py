"""Every command, option and plugin setting a user can type is documented in the README."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest
from conftest import subcommands

from m4c_build.adapters.mkdocs.plugin import M4CConfig

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = "## Commands"
PLUGIN_OPTIONS = "### The `m4c` plugin's options"

Row = dict[str, str]
"""A table row by its column names: {"option": "`-v`, `--verbose`", "command": ...}."""


def section(heading: str) -> list[str]:
    """The README's lines under the heading that starts with ``heading``, up to the next one."""
    lines = README.splitlines()
    (start,) = [i for i, line in enumerate(lines) if line.startswith(heading)]
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("#")), len(lines))
    return lines[start + 1:end]


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def table_rows(lines: list[str]) -> list[Row]:
    """The body rows of every Markdown table in ``lines``, keyed by their header's names."""
    rows: list[Row] = []
    block: list[str] = []
    for line in [*lines, ""]:
        if line.startswith("|"):
            block.append(line)
            continue
        if block:
            header, rule, *body = block
            assert set(rule) <= set("|-: "), f"not a table: {block[:2]}"
            names = _cells(header)
            rows += [dict(zip(names, _cells(row), strict=True)) for row in body]
        block = []
    return rows


def code_spans(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def option_strings(cell: str) -> set[str]:
    """'-f', '--config-file'... as written in the cell's code spans ('[-f mkdocs.yml]')."""
    return {o for span in code_spans(cell) for o in re.findall(r"(?<![\w-])--?[a-z][\w-]*", span)}


def documented_options() -> dict[str, set[str]]:
    """Command -> the options the tables under "Commands" give it.

    A row names its commands in its ``command`` column (`m4c new [...]` or `m4c build`); its
    options are in its ``option`` column, or in the command's synopsis when there is none.
    """
    found: dict[str, set[str]] = {}
    for row in table_rows(section(COMMANDS)):
        for span in code_spans(row["command"]):
            program, command, *_ = span.split()
            assert program == "m4c", span
            found.setdefault(command, set()).update(option_strings(row.get("option", row["command"])))
    return found


def plugin_options() -> set[str]:
    return {name for row in table_rows(section(PLUGIN_OPTIONS)) for name in code_spans(row["option"])}


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {option for action in parser._actions for option in action.option_strings
            if option not in ("-h", "--help")}


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_command_is_documented(command: str) -> None:
    assert command in documented_options(), f"m4c {command} has no row in the README's tables"


@pytest.mark.parametrize(("command", "option"), [
    (name, option) for name, parser in sorted(subcommands().items()) for option in sorted(_options(parser))
])
def test_option_is_documented(command: str, option: str) -> None:
    """In a table row for this command, as a code span: not merely somewhere in the text."""
    documented = documented_options().get(command, set())
    assert option in documented, f"m4c {command} {option} is not in the README's tables"


def test_the_readme_documents_no_option_that_does_not_exist() -> None:
    commands = subcommands()
    for command, documented in documented_options().items():
        assert command in commands, f"the README documents m4c {command}, which does not exist"
        assert documented <= _options(commands[command]), command
    assert plugin_options() <= {name for name, _ in M4CConfig._schema}


@pytest.mark.parametrize("name", sorted(name for name, _ in M4CConfig._schema))
def test_plugin_option_is_documented(name: str) -> None:
    """In the "option" column of the plugin's options table."""
    assert name in plugin_options(), f"plugin option {name} is not in the README's table"


def test_readme_opens_with_the_two_commands() -> None:
    blocks = [b.split("```", 1)[0].strip() for b in README.split("```sh\n")[1:3]]
    assert blocks == ["bash scripts/bootstrap.sh && .venv/bin/m4c build",
                      "bash scripts/bootstrap.sh --browser && .venv/bin/pytest"]
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci, ".ci/run runs the README's test command"
