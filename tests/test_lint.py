"""The code stays as the project configures it: ruff's rules and mypy --strict (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True, text=True,
                          timeout=600, check=False)


def test_ruff() -> None:
    result = run("ruff", "check", "m4c_build", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = run("mypy", "m4c_build")
    assert result.returncode == 0, result.stdout + result.stderr
