"""What ``m4c serve`` keeps from one build to the next, so that a save rebuilds only what changed.

``m4c serve`` runs MkDocs' *dirty* builds: MkDocs then reads, renders and writes only the pages
whose file says it is modified. A generated page's file is modified when its fingerprint (the
page's text and everything the theme puts around it) differs from the previous build's; the
pages of removed missions, themes or cities are deleted from the served folder, so that a
preview never shows a page the full build would not have. MkDocs' livereload server holds every
request while a build runs, so no page is seen half-written. After the first build, Pagefind
indexes the site in the background, so that a save's round trip does not wait for search.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch
from watchdog.observers.polling import PollingObserver

from m4c_build.adapters.pagefind import start_pagefind
from m4c_build.site.cache import PageCache, file_stats, templates_fingerprint
from m4c_build.validate.content import Validation
from m4c_build.validate.reports import Remembered

log = logging.getLogger("mkdocs.plugins.m4c")

DIRTY_WARNING = "A 'dirty' build is being performed"
"""MkDocs warns that a dirty build leaves navigation and links inaccurate: true of MkDocs alone,
not of a preview that regenerates every page whose text changed (and in a strict
configuration the warning would fail every rebuild)."""


class PreviewFile(File):
    """A generated file whose ``is_modified`` says whether its text changed since the last build."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


class _NoDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_WARNING)


def fingerprint(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def generated(config: MkDocsConfig, src_uri: str, **kwargs: Any) -> PreviewFile:
    """``File.generated``, as a file whose modification the preview decides."""
    file = PreviewFile.generated(config, src_uri, **kwargs)
    assert isinstance(file, PreviewFile)
    return file


class Preview:
    """The state of a serve session: validation, rendered pages, fingerprints, outputs."""

    def __init__(self, *, dirty: bool) -> None:
        self.dirty = dirty
        """MkDocs builds dirty (``m4c serve``): unmodified files are skipped, nothing is cleaned."""
        self.cache = PageCache()
        self.reports = Remembered()
        """The reports of the previous validation: a save re-checks only the changed files."""
        self._snapshot: dict[str, tuple[int, int]] | None = None
        self._validation: Validation | None = None
        self._fingerprints: dict[str, str] = {}
        self._next_fingerprints: dict[str, str] = {}
        self._written = 0
        self._writing = False
        self._outputs: set[str] = set()
        self._next_outputs: set[str] = set()
        self._around = ""
        self.builds = 0
        """Builds done: the first indexes the site for search before it is served."""
        self._index: subprocess.Popen[str] | None = None
        self._filter = _NoDirtyWarning()
        if dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(self._filter)

    def close(self) -> None:
        self.stop_index()
        logging.getLogger("mkdocs.commands.build").removeFilter(self._filter)

    # -- validation ------------------------------------------------------------------------
    def previous_validation(self, root: Path) -> Validation | None:
        """The last validation, if no file under ``root`` changed since (a template or
        mkdocs.yml was saved, not a report)."""
        snapshot = file_stats([root])
        if snapshot == self._snapshot:
            return self._validation
        self._snapshot = snapshot
        self._validation = None
        return None

    def keep_validation(self, validation: Validation) -> None:
        self._validation = validation

    # -- pages -----------------------------------------------------------------------------
    def begin(self, config: MkDocsConfig) -> None:
        """What the theme puts around every page: the navigation, mkdocs.yml, the theme's
        templates. When it changes, every page is written again. The theme folders that count
        are those serve watches: Material's own files do not change during a preview."""
        watched = {os.path.realpath(path) for path in config.watch}
        config_file = Path(config.config_file_path or "")
        stat = config_file.stat() if config_file.is_file() else None
        self._around = fingerprint(
            json.dumps(config.nav, ensure_ascii=False, sort_keys=True, default=str),
            f"{config.config_file_path}:{stat.st_size if stat else 0}:{stat.st_mtime_ns if stat else 0}",
            templates_fingerprint(Path(d) for d in config.theme.dirs if os.path.realpath(d) in watched),
            config.site_url or "", config.site_dir,
        )
        self._next_fingerprints = {}
        self._next_outputs = set()
        self._writing = True

    def mark(self, file: PreviewFile, *parts: str | bytes) -> PreviewFile:
        """Modified unless its text and surroundings are those of the previous build."""
        print_ = fingerprint(self._around, file.dest_uri, *parts)
        self._next_fingerprints[file.src_uri] = print_
        file.modified = self._fingerprints.get(file.src_uri) != print_
        return file

    def written(self, paths: Iterable[str]) -> None:
        """Files this build places in the site folder (any that the next build does not are
        deleted then)."""
        self._next_outputs.update(os.path.normpath(p) for p in paths)  # absolute: MkDocs makes them so

    def finish(self, site_dir: Path) -> list[str]:
        """After a build: delete what the previous one wrote and this one did not; returns them."""
        removed = []
        root = Path(os.path.normpath(site_dir))
        for name in sorted(self._outputs - self._next_outputs):
            path = Path(name)
            if root not in path.parents or not path.is_file() or path.is_symlink():
                continue
            path.unlink()
            removed.append(name)
            parent = path.parent
            while parent != root and root in parent.parents and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        self._written = sum(1 for name, value in self._next_fingerprints.items()
                            if self._fingerprints.get(name) != value)
        self._fingerprints, self._outputs = self._next_fingerprints, self._next_outputs
        self._writing = False
        self.builds += 1
        return removed

    def report(self) -> str:
        """What the latest build did, for the author watching the preview's log (the time of
        each phase follows on the build's own summary line)."""
        return (f"m4c preview: {self._written} of {len(self._fingerprints)} generated files written "
                f"({self.cache.rendered} pages rendered)")

    def failed(self) -> None:
        """A build stopped. Refused content (the usual case: a report saved half-written) stops
        it before it writes anything, and the next build goes on from the last good one; a
        build stopped while writing writes everything again next time, and every file either
        build may have left is deleted if the next one does not write it."""
        if self._writing:
            self._fingerprints = {}
            self._outputs |= self._next_outputs
            self._writing = False

    # -- search ----------------------------------------------------------------------------
    def index_later(self, site_dir: Path) -> None:
        """Pagefind after the build, in the background: the browser reloads the page without
        waiting for the search index, which follows a few seconds later."""
        self.stop_index()
        self._index = start_pagefind(site_dir)

    def stop_index(self) -> None:
        """Before a build writes: an index still under way is stopped (the build indexes again)."""
        index, self._index = self._index, None
        if index is None:
            return
        if index.poll() is None:
            index.terminate()
            index.communicate()
            return
        _, errors = index.communicate()
        if index.returncode > 0:  # not ended by a signal (Ctrl-C reaches it with serve)
            log.warning(f"m4c: pagefind failed ({index.returncode}): {errors}")



CHANGES: list[type[FileSystemEvent]] = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent,
                                        FileClosedEvent]
"""What a watched file may do that calls for a rebuild; not being opened or read (the build reads
the templates it watches)."""


class _Notified:
    """MkDocs' server's observer, made by the system's change notifications (inotify on Linux)
    instead of a poll of every watched file every half second: a save is seen at once (the poll
    added 0.25 s on average to a preview's round trip) and an idle preview costs nothing."""

    def __init__(self) -> None:
        self.observer = Observer()

    def schedule(self, handler: FileSystemEventHandler, path: str, *, recursive: bool = False) -> ObservedWatch:
        return self.observer.schedule(handler, path, recursive=recursive, event_filter=CHANGES)

    def __getattr__(self, name: str) -> Any:  # start, stop, join, unschedule
        return getattr(self.observer, name)


@contextlib.contextmanager
def notified_changes() -> Iterator[None]:
    """Within: MkDocs' ``serve`` watches with ``_Notified`` where the system offers notifications
    (a polling observer is all watchdog has elsewhere, and MkDocs' own is then kept)."""
    import mkdocs.commands.serve as serving
    from mkdocs.livereload import LiveReloadServer

    if isinstance(Observer, type) and issubclass(Observer, PollingObserver):
        yield
        return

    class Server(LiveReloadServer):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.observer = _Notified()  # type: ignore[assignment]

    setattr(serving, "LiveReloadServer", Server)  # noqa: B010 (the name serve() looks up)
    try:
        yield
    finally:
        setattr(serving, "LiveReloadServer", LiveReloadServer)  # noqa: B010
