"""`m4c validate`: exit codes, the three output formats, the summary, paths as the user typed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import VALID_REPORT, VOCABULARY_YML, CliResult, subcommands

Make = Callable[..., Path]
Run = Callable[..., CliResult]

TYPO = VALID_REPORT.replace("city: quebec", "city: quebc").replace(
    "## The mission", "## The mission\n\n<iframe src=x></iframe>"
)
"""A report with two errors: an unknown city on line 3, an iframe on line 17."""

LONG = VALID_REPORT.replace("date: 2024-03-12", "date: 2024-03-12\nend_date: 2024-03-20")
"""A report with one warning (nine days) on line 5."""

TYPO_LINES = [
    "missions/typo.md:3:7: error: unknown city 'quebc': did you mean 'quebec'? "
    "(known city keys are listed in cities.yml)",
    "missions/typo.md:17:2: error: <iframe> is not allowed "
    "(link to the page instead of embedding it)",
]
LONG_LINE = (
    "missions/long.md:5:11: warning: the mission lasts 9 days; M4C missions last 1 to 3 days "
    "(check 'date' and 'end_date')"
)


# --- Exit codes ------------------------------------------------------------------------------


def test_clean_content_exits_0(make_content: Make, run_cli: Run) -> None:
    root = make_content()
    result = run_cli("validate", str(root))
    assert (result.code, result.out, result.err) == (0, "3 files checked: no problems\n", "")


def test_warnings_alone_exit_0(make_content: Make, run_cli: Run) -> None:
    root = make_content({"missions/long.md": LONG})
    result = run_cli("validate", ".", cwd=root)
    assert result.code == 0
    assert result.lines == [LONG_LINE, "4 files checked: 0 errors, 1 warning"]


def test_errors_exit_1(make_content: Make, run_cli: Run) -> None:
    root = make_content({"missions/typo.md": TYPO, "missions/long.md": LONG})
    result = run_cli("validate", ".", cwd=root)
    assert result.code == 1
    assert result.lines == [LONG_LINE, *TYPO_LINES, "5 files checked: 2 errors, 1 warning"]
    assert result.err == ""


@pytest.mark.parametrize("name", ["nowhere", "cities.yml"], ids=["missing", "a-file"])
def test_content_dir_that_is_not_a_folder_exits_2(
    name: str, make_content: Make, run_cli: Run
) -> None:
    root = make_content()
    result = run_cli("validate", name, cwd=root)
    assert result.code == 2
    assert result.out == ""
    assert result.err == f"m4c validate: error: content folder not found: {name}\n"


def test_default_content_dir_is_content(make_content: Make, run_cli: Run, tmp_path: Path) -> None:
    make_content({"missions/typo.md": TYPO}, name="content")
    result = run_cli("validate", cwd=tmp_path)
    assert result.code == 1
    assert result.lines[:-1] == [f"content/{line}" for line in TYPO_LINES]


def test_default_content_dir_missing_exits_2(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli("validate", cwd=tmp_path)
    assert (result.code, result.out) == (2, "")
    assert result.err == "m4c validate: error: content folder not found: content\n"


@pytest.mark.parametrize(
    "args",
    [["validate", "--format", "xml"], ["validate", "--strict"], ["validate", "a", "b"], [],
     ["publish"]],
    ids=["bad-format", "unknown-flag", "two-folders", "no-command", "unknown-command"],
)
def test_usage_errors_exit_2(args: list[str], make_content: Make, run_cli: Run) -> None:
    root = make_content()
    result = run_cli(*args, cwd=root)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("usage: m4c")
    assert "error: " in result.err.splitlines()[-1]


def test_help_lists_every_command(run_cli: Run) -> None:
    result = run_cli("--help")
    assert result.code == 0
    for command in subcommands():
        assert re.search(rf"^\s+{command}\s+\S", result.out, re.M), command


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_help_exits_0_and_documents_every_option(run_cli: Run, command: str) -> None:
    """Every option string, positional, choice and help text the parser has is in the help."""
    result = run_cli(command, "--help")
    assert result.code == 0 and result.err == ""
    assert result.out.startswith(f"usage: m4c {command} ")
    words = " ".join(result.out.split())
    parser = subcommands()[command]
    assert parser.description and " ".join(parser.description.split()) in words
    for action in parser._actions:
        for option in action.option_strings:
            assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", result.out), option
        if not action.option_strings:
            assert str(action.metavar or action.dest) in result.out
        for choice in action.choices or ():
            assert str(choice) in result.out, (action.dest, choice)
        assert action.help and " ".join(action.help.split()) in words, action.dest


def test_installed_command_and_module_run(make_content: Make) -> None:
    """The real process: entry point, stdout and exit status, not only ``main()``."""
    root = make_content({"missions/typo.md": TYPO})
    installed = str(Path(sys.executable).with_name("m4c"))
    for command in ([sys.executable, "-m", "m4c_build"], [installed]):
        done = subprocess.run([*command, "validate", "."], cwd=root, capture_output=True,
                              text=True, timeout=120, check=False)
        assert done.returncode == 1, done.stderr
        assert done.stdout.splitlines() == [*TYPO_LINES, "4 files checked: 2 errors, 0 warnings"]


# --- Formats -----------------------------------------------------------------------------------


def test_json_has_the_same_problems_as_text(make_content: Make, run_cli: Run) -> None:
    root = make_content({"missions/typo.md": TYPO, "missions/long.md": LONG})
    text = run_cli("validate", ".", cwd=root)
    result = run_cli("validate", ".", "--format", "json", cwd=root)
    assert result.code == text.code == 1
    data = json.loads(result.out)
    assert {k: data[k] for k in ("files", "errors", "warnings")} == {
        "files": 5, "errors": 2, "warnings": 1,
    }
    assert data["problems"][0] == {
        "path": "missions/long.md",
        "line": 5,
        "col": 11,
        "severity": "warning",
        "message": "the mission lasts 9 days; M4C missions last 1 to 3 days",
        "hint": "check 'date' and 'end_date'",
    }
    as_text = [
        f"{p['path']}:{p['line']}:{p['col']}: {p['severity']}: {p['message']}"
        + (f" ({p['hint']})" if p["hint"] else "")
        for p in data["problems"]
    ]
    assert as_text == text.lines[:-1]


def test_json_of_clean_content(make_content: Make, run_cli: Run) -> None:
    result = run_cli("validate", str(make_content()), "--format", "json")
    assert result.code == 0
    assert json.loads(result.out) == {"files": 3, "errors": 0, "warnings": 0, "problems": []}


def test_json_keeps_non_ascii_text(make_content: Make, run_cli: Run) -> None:
    report = VALID_REPORT.replace("themes: [tourism]", "themes: [tourisme-été]")
    root = make_content({"missions/accents.md": report})
    out = run_cli("validate", ".", "--format", "json", cwd=root).out
    assert "tourisme-été" in out  # not \u00e9
    message = json.loads(out)["problems"][0]["message"]
    assert message == "unknown theme 'tourisme-été': did you mean 'tourism'?"


def test_github_annotations(make_content: Make, run_cli: Run) -> None:
    root = make_content({"missions/typo.md": TYPO, "missions/long.md": LONG})
    result = run_cli("validate", ".", "--format", "github", cwd=root)
    assert result.code == 1
    assert result.lines == [
        "::warning file=missions/long.md,line=5,col=11,title=m4c validate::"
        "the mission lasts 9 days; M4C missions last 1 to 3 days (check 'date' and 'end_date')",
        "::error file=missions/typo.md,line=3,col=7,title=m4c validate::"
        "unknown city 'quebc': did you mean 'quebec'? (known city keys are listed in cities.yml)",
        "::error file=missions/typo.md,line=17,col=2,title=m4c validate::"
        "<iframe> is not allowed (link to the page instead of embedding it)",
        "5 files checked: 2 errors, 1 warning",
    ]


def test_github_escapes_properties_and_messages(make_content: Make, run_cli: Run) -> None:
    """',' and ':' end a property and '%' starts an escape: a file name may hold them all."""
    report = VALID_REPORT.replace("title: Tourist flows in the lower town", "title: 100%")
    report = report.replace("themes: [tourism]", "themes: [100%]")
    root = make_content({"missions/a,b:c%.md": report})
    result = run_cli("validate", ".", "--format", "github", cwd=root)
    file_line = [line for line in result.lines if "file=missions/a" in line]
    assert file_line[0].startswith("::error file=missions/a%2Cb%3Ac%25.md,line=1,col=1,")
    assert file_line[-1] == (
        "::error file=missions/a%2Cb%3Ac%25.md,line=5,col=10,title=m4c validate::"
        "unknown theme '100%25' (known theme keys are listed in 'themes' of vocabulary.yml)"
    )


# --- Summary and paths -------------------------------------------------------------------------


def test_summary_uses_singular_and_plural(make_content: Make, run_cli: Run) -> None:
    root = make_content({"missions/notes.txt": "to do", "vocabulary.yml": VOCABULARY_YML},
                        defaults=False)
    result = run_cli("validate", ".", cwd=root)
    assert result.lines[-1] == "1 file checked: 1 error, 1 warning"
    root = make_content({"missions/long.md": LONG, "missions/notes.txt": "to do",
                         "missions/todo.txt": "to do"}, name="plural")
    result = run_cli("validate", ".", cwd=root)
    assert result.lines[-1] == "4 files checked: 0 errors, 3 warnings"


def test_paths_are_relative_to_the_current_directory(
    make_content: Make, run_cli: Run, tmp_path: Path
) -> None:
    root = make_content({"missions/2024/typo.md": TYPO}, name="site/content")
    (tmp_path / "elsewhere").mkdir()
    for cwd, arg, shown in [
        (root, ".", "missions/2024/typo.md"),
        (tmp_path, "site/content", "site/content/missions/2024/typo.md"),
        (tmp_path / "site", str(root), "content/missions/2024/typo.md"),  # absolute argument
        (tmp_path / "elsewhere", "../site/content", "../site/content/missions/2024/typo.md"),
        (root / "missions" / "2024", "../..", "typo.md"),
    ]:
        result = run_cli("validate", arg, cwd=cwd)
        expected = [line.replace("missions/typo.md", shown) for line in TYPO_LINES]
        assert result.lines[:-1] == expected, (cwd, arg)


def test_same_slug_message_does_not_depend_on_how_the_folder_was_named(
    make_content: Make, run_cli: Run, tmp_path: Path
) -> None:
    root = make_content({"missions/2023/flows.md": VALID_REPORT,
                         "missions/2024/flows.md": VALID_REPORT})
    relative = run_cli("validate", "content", cwd=tmp_path)
    absolute = run_cli("validate", str(root), cwd=tmp_path)
    assert relative.out == absolute.out
    assert "this file and missions/2024/flows.md (rename" in relative.lines[0]
