"""A page written by hand is dated in the sitemap by the last commit that changed its file: a
checkout gives every file the build's day as its time, and a shallow clone one commit for all,
so without the whole history the sitemap gives no date rather than a false one."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from sitekit import base_report, build_site, report, write_config, write_content

PROGRAMME = "# Le programme\n\nLe programme envoie des experts.\n"


def git(folder: Path, *args: str, day: str = "2023-04-05") -> None:
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env)


def lastmods(root: Path, content: Path) -> dict[str, str]:
    built = build_site(write_config(root, content, search=False))
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    return dict(re.findall(r"<loc>[^<]*/m4c/([^<]*)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))


def make_repository(root: Path) -> Path:
    content = write_content(root / "content", {
        "missions/2024-quebec-a.md": report(**base_report(date="2024-03-12", end_date="2024-03-14")),
        "pages/programme.md": PROGRAMME,
        "pages/apply.md": "# Postuler\n\nÉcrivez-nous.\n",
    })
    git(root, "init", "-q")
    git(root, "add", "content")
    git(root, "commit", "-q", "-m", "first")
    (content / "pages" / "programme.md").write_text(PROGRAMME + "\nEt leurs suites.\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "second", day="2025-01-20")
    return content


def test_a_page_written_by_hand_is_dated_by_its_last_commit(tmp_path: Path) -> None:
    content = make_repository(tmp_path / "repo")
    dates = lastmods(tmp_path / "repo", content)
    assert dates["programme/"] == "2025-01-20"
    assert dates["apply/"] == "2023-04-05"
    assert dates["missions/2024-quebec-a/"] == "2024-03-14", "a mission: its last day"


def test_without_the_whole_history_a_page_written_by_hand_has_no_date(tmp_path: Path) -> None:
    make_repository(tmp_path / "repo")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{tmp_path / 'repo'}", str(clone))
    dates = lastmods(clone, clone / "content")
    assert "programme/" not in dates and "apply/" not in dates
    assert dates["missions/2024-quebec-a/"] == "2024-03-14"
