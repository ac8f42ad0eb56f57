"""MkDocs renders and writes its pages one after the other, on one core: a large build hands a
share of m4c's generated pages to forked processes that render and write them with MkDocs' own
page builder while this process builds the rest.

The workers are forked once every page is read (``on_env``): each holds the same navigation,
environment and pages. The pages a worker takes leave this process's ``Files`` (MkDocs lists
the pages to write after ``on_env``), and the sitemap is given them back (``every_page``). What
a worker saw comes back through a pipe when it ends (``join``): the pages it wrote with
Pagefind's part, whether every mission page had it, its warnings (re-logged here, so that
``--strict`` counts them) and its error, if any.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import _build_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from m4c_build import parallel

log = logging.getLogger("mkdocs.plugins.m4c")

PARALLEL_FROM = 400
"""Generated pages from which a build renders them in several processes (below, a fork costs
more than it saves)."""


@dataclass
class Report:
    """What a worker tells the build when it ends."""

    searched: list[str] = field(default_factory=list)
    """The pages it wrote with Pagefind's part, other than missions'."""
    missions_searched: bool = True
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    pages: int = 0


class _Warnings(logging.Handler):
    """The warnings a worker logs (MkDocs' or a plugin's), to be logged again by the build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass
class Worker:
    pid: int
    reader: int
    files: list[File]


class PageWorkers:
    """The forked workers of one build and the pages they took."""

    def __init__(self) -> None:
        self.workers: list[Worker] = []
        self.pages: list[File] = []
        """Every page of the build, the workers' too (for the sitemap)."""
        self._held = False
        """In a ``parallel.frozen`` block from the first fork until ``join``."""

    @staticmethod
    def wanted(pages: int, cores: int, preview: bool) -> int:
        """How many workers a build of ``pages`` generated pages forks, given the ``cores`` it may
        fill (``parallel.free_cores``: fewer while other languages build beside it): one fewer, and
        none under ``serve`` (its server's threads are not forked), on a small site, or where the
        system cannot fork."""
        if preview or pages < PARALLEL_FROM or not parallel.can_fork():
            return 0
        return max(0, cores - 1)

    def start(self, count: int, config: MkDocsConfig, files: Files, nav: Navigation, env: Environment,
              mine: Callable[[File], bool], on_child: Callable[[], None],
              noted: Callable[[], tuple[list[str], bool]]) -> None:
        """Fork ``count`` workers, each taking every ``count + 1``-th page that ``mine`` accepts,
        and remove those pages from ``files``. ``on_child`` runs first in each worker (to forget
        what only this process may do); ``noted`` tells, at its end, what the plugin noted of the
        pages it wrote (``Report.searched``, ``Report.missions_searched``)."""
        pages = list(files.documentation_pages())
        self.pages = pages
        shared = [file for file in pages if mine(file)]
        for number in range(1, count + 1):
            taken = shared[number::count + 1]
            if not taken:
                break
            if not self._held:
                parallel.hold()
                self._held = True
            reader, writer = os.pipe()
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:  # the worker
                os.close(reader)
                _work(writer, taken, config, files, nav, env, on_child, noted)
            os.close(writer)
            self.workers.append(Worker(pid, reader, taken))
            for file in taken:
                files.remove(file)

    def join(self) -> list[Report]:
        """Wait for every worker; their reports (a worker that died says so in ``error``)."""
        reports = []
        for worker in self.workers:
            with os.fdopen(worker.reader, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(worker.pid, 0)
            try:
                report = Report(**json.loads(data)) if data else Report(error="it ended without a word")
            except (ValueError, TypeError) as exc:
                report = Report(error=f"its report could not be read ({exc})")
            if os.waitstatus_to_exitcode(status) != 0 and not report.error:
                report.error = f"it ended with status {os.waitstatus_to_exitcode(status)}"
            reports.append(report)
        if self._held:
            parallel.release()
            self._held = False
        self.workers = []
        return reports


def _work(writer: int, taken: Sequence[File], config: MkDocsConfig, files: Files, nav: Navigation,
          env: Environment, on_child: Callable[[], None], noted: Callable[[], tuple[list[str], bool]]) -> None:
    """A worker's life: render and write its pages with MkDocs' builder, report, end (without
    running anything the build registered to run at its exit)."""
    code = 0
    report = Report()
    warnings = _Warnings()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        on_child()
        pages = files.documentation_pages()
        for file in taken:
            assert file.page is not None
            _build_page(file.page, config, pages, nav, env, excluded=file.inclusion.is_excluded())
            report.pages += 1
        anchors = config.validation.links.anchors
        for file in taken:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=anchors)
        report.searched, report.missions_searched = noted()
    except BaseException as exc:  # whatever it is, the build must hear of it
        report.error = f"{type(exc).__name__}: {exc}"
        code = 1
    report.warnings = warnings.messages
    try:
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(json.dumps(report.__dict__).encode("utf-8"))
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)


def every_page(context: Any, pages: Sequence[File]) -> None:
    """The sitemap's list of pages: the workers' too."""
    if pages:
        context["pages"] = list(pages)
