"""Pagefind over the built site: a static, chunked, accent-folding search index."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from m4c_build.errors import SearchIndexError
from m4c_build.site.lessons import SearchRecord


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


ONE_AT_A_TIME: list[AbstractContextManager[Any]] = []
"""A lock shared by the language builds forked from one parent (set by it): Pagefind runs on
every core and holds the whole index in memory (about 1.8 GB for 10,000 missions), so two
languages indexing at once would add up their memory for no gain in time."""


def run_pagefind(site_dir: Path, glob: str | None = None) -> str:
    """Index ``site_dir`` (the pages ``glob`` names: default all) into ``site_dir/pagefind/``;
    returns Pagefind's report."""
    with ONE_AT_A_TIME[0] if ONE_AT_A_TIME else contextlib.nullcontext():
        return _run(site_dir, glob)


def _run(site_dir: Path, glob: str | None) -> str:
    result = subprocess.run(_command(site_dir, glob), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({result.returncode}): {result.stderr or result.stdout}")
    return result.stdout


def start_pagefind(site_dir: Path) -> subprocess.Popen[str]:
    """``run_pagefind`` in the background, at a low priority, for a preview: the builds that
    follow and the browser come first."""
    return subprocess.Popen(["nice", "-n", "10", *_command(site_dir)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def write_records(records: Iterable[SearchRecord], output: Path) -> None:
    """A Pagefind index of ``records`` (the lessons explorer's: ``site.lessons.search_records``)
    written into ``output``, which it replaces, through Pagefind's Python API. It runs its own
    event loop in a thread of its own: the caller's thread may already run one (a program that
    builds the site from async code, Playwright's sync API in the browser tests)."""
    with ONE_AT_A_TIME[0] if ONE_AT_A_TIME else contextlib.nullcontext():
        _RecordsWriter(records, output).join()


class _RecordsWriter:
    """``write_records`` under way in its thread (``join`` waits for it and raises its error)."""

    def __init__(self, records: Iterable[SearchRecord], output: Path) -> None:
        self.records, self.output = list(records), output
        self.failed: list[BaseException] = []
        self.thread = threading.Thread(target=self._work, name="m4c-lessons-index")
        self.thread.start()

    def _work(self) -> None:
        try:
            asyncio.run(_write_records(self.records, self.output))
        except Exception as exc:  # the service's errors have no common class
            self.failed.append(exc)

    def join(self) -> None:
        self.thread.join()
        if self.failed:
            raise SearchIndexError(f"pagefind could not index the lessons into {self.output}: "
                                   f"{self.failed[0]}") from self.failed[0]


def index_site(site_dir: Path, glob: str | None, records: Iterable[SearchRecord], lessons: Path,
               pages_done: Callable[[], None] = lambda: None) -> None:
    """The pages' index (``run_pagefind``) and the lessons' (``write_records``) written side by
    side: the first parses the site's HTML, the second writes a fragment for each record, and on
    a machine of several cores neither waits for the other (1,000 reports, benchmarks/scale.py:
    4.3 s for both, against 2.8 s then 5.9 s one after the other). ``pages_done`` is called when the pages'
    index is written (the build's progress then shows the wait for the lessons' as its phase)."""
    with ONE_AT_A_TIME[0] if ONE_AT_A_TIME else contextlib.nullcontext():
        writer = _RecordsWriter(records, lessons)
        try:
            _run(site_dir, glob)
        finally:
            pages_done()
            writer.join()


BATCH = 500
"""Records sent to Pagefind's service before waiting for its answers (each one waited for alone
would cost a round trip)."""


async def _write_records(records: list[SearchRecord], output: Path) -> None:
    if output.exists():
        shutil.rmtree(output)
    service = await _service_class()().launch()
    try:
        index = await service.create_index({"output_path": str(output)})
        for start in range(0, len(records), BATCH):
            await asyncio.gather(*(
                index.add_custom_record(url=r.url, content=r.content, language=r.language, meta=r.meta,
                                        filters=r.filters, sort=r.sort)
                for r in records[start:start + BATCH]))
        await index.write_files(output_path=str(output))
    finally:
        await service.close()


def _service_class() -> type[Any]:
    """Pagefind's service client, reading each answer as soon as it comes: 1.5.2's sleeps 0.1 s
    before reading each one (``PagefindService._wait_for_responses``), and it answers each record:
    110 records took 12 s, 80,000 would take two hours. The rest is Pagefind's own."""
    from pagefind.service import PagefindService

    class Service(PagefindService):
        async def _wait_for_responses(self) -> None:
            assert self._backend.stdout is not None
            while True:
                answer = json.loads(base64.b64decode((await self._backend.stdout.readuntil(b","))[:-1]))
                if answer is None:
                    continue
                payload = answer["payload"]
                number = answer.get("message_id")
                if number is None:  # a message the service could not read: its error says which
                    number = (json.loads(payload.get("original_message") or "null") or {}).get("message_id")
                future = self._responses.get(int(number or 0))
                if future is None or future.done():
                    continue
                if payload["type"] == "Error":
                    future.set_exception(SearchIndexError(str(payload.get("message"))))
                else:
                    future.set_result(payload)

    return Service
