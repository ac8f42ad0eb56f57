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
from collections.abc import Callable, Iterable, Mapping
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


Indexes = Mapping[Path, Iterable[SearchRecord]]
"""Indexes of records to write: folder -> its records (the lessons explorer's, the follow-up board's)."""


def write_records(indexes: Indexes) -> None:
    """A Pagefind index of each folder's records (``site.lessons.search_records``,
    ``site.followup.search_records``) written into that folder, which it replaces, through
    Pagefind's Python API. It runs its own event loop in a thread of its own: the caller's
    thread may already run one (a program that builds the site from async code, Playwright's
    sync API in the browser tests)."""
    RecordsIndex(indexes).join()


class _Hold:
    """One hold of the lock shared by the language builds (``ONE_AT_A_TIME``) for a build's two
    indexes: taken by the first to start, given back by the last to end, so that the two run side
    by side while another language's indexes wait."""

    def __init__(self) -> None:
        self._users = 0
        self._mutex = threading.Lock()

    def __enter__(self) -> None:
        with self._mutex:
            if self._users == 0 and ONE_AT_A_TIME:
                ONE_AT_A_TIME[0].__enter__()
            self._users += 1

    def __exit__(self, *exc: object) -> None:
        with self._mutex:
            self._users -= 1
            if self._users == 0 and ONE_AT_A_TIME:
                ONE_AT_A_TIME[0].__exit__(None, None, None)


class RecordsIndex:
    """The indexes of records (``Indexes``) being written in a thread of its own, one after the
    other by one Pagefind service (``join`` waits for them and raises the first error). A build
    starts it as soon as its records are known, so that the service, a process of its own, writes
    them while MkDocs renders the pages on another core."""

    def __init__(self, indexes: Indexes, hold: _Hold | None = None) -> None:
        self.indexes = [(output, list(records)) for output, records in indexes.items()]
        self.hold = hold or _Hold()
        self.failed: list[tuple[Path, BaseException]] = []
        self.thread = threading.Thread(target=self._work, name="m4c-records-index")
        self.thread.start()

    def _work(self) -> None:
        try:
            with self.hold:
                asyncio.run(_write_records(self.indexes, self.failed))
        except Exception as exc:  # the event loop's own, or one the service's work let through
            self.failed.append((self.indexes[0][0] if self.indexes else Path(), exc))

    def join(self) -> None:
        self.thread.join()
        if self.failed:
            output, error = self.failed[0]
            raise SearchIndexError(f"pagefind could not index the records into {output}: {error}") from error


def index_site(site_dir: Path, glob: str | None, records: RecordsIndex,
               pages_done: Callable[[], None] = lambda: None) -> None:
    """The pages' index (``run_pagefind``) written while the records' (the lessons explorer's and
    the follow-up board's, started earlier with ``RecordsIndex``) may still be under way: the
    first parses the site's HTML, the second writes a fragment for each record, and on a machine
    of several cores neither waits for the other (1,000 reports, benchmarks/scale.py: 4.3 s for
    both side by side, against 2.8 s then 5.9 s one after the other; started before the pages are
    rendered, the records' are mostly written by then). ``pages_done`` is called when the pages'
    index is written (the build's progress then shows the wait for the records' as its phase); a
    failure of the records' is raised after."""
    try:
        with records.hold:
            _run(site_dir, glob)
    finally:
        pages_done()
        records.join()


BATCH = 500
"""Records sent to Pagefind's service before waiting for its answers (each one waited for alone
would cost a round trip)."""


async def _write_records(indexes: list[tuple[Path, list[SearchRecord]]],
                         failed: list[tuple[Path, BaseException]]) -> None:
    """Each index by one service (launched once: a launch costs as much as a small index); the
    first failure is kept in ``failed`` and ends the work."""
    output = indexes[0][0] if indexes else Path()
    try:
        service = await _service_class()().launch()
    except Exception as exc:  # the service's errors have no common class
        failed.append((output, exc))
        return
    try:
        for output, records in indexes:
            if output.exists():
                shutil.rmtree(output)
            index = await service.create_index({"output_path": str(output)})
            for start in range(0, len(records), BATCH):
                await asyncio.gather(*(
                    index.add_custom_record(url=r.url, content=r.content, language=r.language, meta=r.meta,
                                            filters=r.filters, sort=r.sort)
                    for r in records[start:start + BATCH]))
            await index.write_files(output_path=str(output))
    except Exception as exc:  # the service's errors have no common class
        failed.append((output, exc))
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
