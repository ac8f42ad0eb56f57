"""Pagefind over the built site: a static, chunked, accent-folding search index."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from m4c_build.errors import SearchIndexError


def _command(site_dir: Path, glob: str | None = None) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet",
            *(["--glob", glob] if glob else [])]


MAX_GLOB = 64 * 1024
"""Longest glob passed on Pagefind's command line (Linux refuses an argument over 128 KB)."""


def glob_of(pages: Iterable[str], patterns: Iterable[str] = ()) -> str | None:
    """A Pagefind glob naming exactly the HTML files to read: ``pages`` (paths in the site) and
    ``patterns`` ('missions/*/index.html'). Pagefind then parses only the pages it indexes (those
    with ``data-pagefind-body``), not every grouping page of the site. None (every page) when
    there is nothing to name, a page's name holds a pattern character, or the glob would be too
    long for a command line."""
    names = set(pages)
    parts = sorted(names | set(patterns))
    glob = "{" + ",".join(parts) + "}"
    if not parts or len(glob) > MAX_GLOB or any(c in name for name in names for c in "{},[]?*"):
        return None
    return glob


def run_pagefind(site_dir: Path, glob: str | None = None) -> str:
    """Index ``site_dir`` (the pages ``glob`` names: default all) into ``site_dir/pagefind/``;
    returns Pagefind's report."""
    result = subprocess.run(_command(site_dir, glob), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({result.returncode}): {result.stderr or result.stdout}")
    return result.stdout


def start_pagefind(site_dir: Path) -> subprocess.Popen[str]:
    """``run_pagefind`` in the background, at a low priority, for a preview: the builds that
    follow and the browser come first."""
    return subprocess.Popen(["nice", "-n", "10", *_command(site_dir)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
