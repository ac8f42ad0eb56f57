"""Pagefind over the built site: a static, chunked, accent-folding search index."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from m4c_build.errors import SearchIndexError


def run_pagefind(site_dir: Path) -> str:
    """Index ``site_dir`` into ``site_dir/pagefind/``; returns Pagefind's report."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({result.returncode}): {result.stderr or result.stdout}")
    return result.stdout
