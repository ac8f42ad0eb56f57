"""When files last changed, from the history git keeps of the content folder.

A page written by hand (``content/pages/``) has no date of its own: its sitemap ``lastmod`` is
the day of the last commit that changed its file. A file's modification time would not do: a
fresh checkout (every CI run) gives every file the day of the build. Without a whole history (no
git, not a repository, a shallow clone that dates every file to its one commit) nothing is
known, and the sitemap says nothing rather than something false.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

GIT_SECONDS = 60
"""Longest wait for git (a history of thousands of commits answers in well under a second)."""


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                              timeout=GIT_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def last_commits(folder: Path) -> dict[Path, dt.date]:
    """File under ``folder`` -> the day of the last commit that changed it (empty when unknown)."""
    if (_git(folder, "rev-parse", "--is-shallow-repository") or "").strip() != "false":
        return {}
    top = _git(folder, "rev-parse", "--show-toplevel")
    log = _git(folder, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", ".")
    if top is None or log is None:
        return {}
    root = Path(top.strip())
    found: dict[Path, dt.date] = {}
    for commit in log.split("\0")[1:]:
        day, *names = commit.strip().splitlines()
        when = dt.date.fromisoformat(day)
        for name in names:
            if name:
                found.setdefault((root / name).resolve(), when)
    return found
