"""Every command, option and plugin setting a user can type is documented in the README."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from m4c_build.adapters.cli import build_parser
from m4c_build.adapters.mkdocs.plugin import M4CConfig

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


@pytest.mark.parametrize("command", sorted(_commands()))
def test_command_is_documented(command: str) -> None:
    assert f"m4c {command}" in README


@pytest.mark.parametrize(("command", "option"), [
    (name, option)
    for name, parser in sorted(_commands().items())
    for action in parser._actions
    for option in action.option_strings
    if option not in ("-h", "--help")
])
def test_option_is_documented(command: str, option: str) -> None:
    assert option in README, f"m4c {command} {option} is not in the README"


@pytest.mark.parametrize("name", sorted(name for name, _ in M4CConfig._schema))
def test_plugin_option_is_documented(name: str) -> None:
    assert f"`{name}`" in README


def test_readme_opens_with_the_two_commands() -> None:
    blocks = [b.split("```", 1)[0].strip() for b in README.split("```sh\n")[1:3]]
    assert blocks == ["bash scripts/bootstrap.sh && .venv/bin/m4c build",
                      "bash scripts/bootstrap.sh --browser && .venv/bin/pytest"]
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert blocks[1] in ci, ".ci/run runs the README's test command"
