"""Every report of a content folder checked once: over every core, or taken from the cache.

Each report is read once and parsed once. Its result depends on itself, the registries' keys
and the media files only (``cache.fingerprint``), so reports are checked independently, in
chunks, by forked worker processes, which hand back only what the parent needs: the problems,
whether the report bound, the hash of its bytes, and the bound mission when the caller keeps
the content. The results come back in the order of the paths: the output is the same as a
single process's, whatever the number of cores.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from m4c_build.load.files import ContentFiles
from m4c_build.load.text import read_bytes
from m4c_build.model import Mission
from m4c_build.parallel import cores, forked_map
from m4c_build.problems import Problem, Problems
from m4c_build.validate.cache import Entry, ReportCache, digest, file_digest, fingerprint
from m4c_build.validate.registry import Known
from m4c_build.validate.report import check_name, parse_report

PARALLEL_FROM = 300
"""Reports to check before worker processes pay for their start (about 0.1 s)."""
RACY_NS = 2_000_000_000
"""A file modified this close to the moment it was read is read again next time: a second
write in the same tick of the file system's clock would leave its stat data unchanged."""

Stat = tuple[int, int, int, int, int]
"""(size, mtime, ctime, inode, when it was read), in nanoseconds."""


def stat(path: Path) -> Stat | None:
    """The stat data of the file at ``path`` (not following a link), taken before reading it."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, time.time_ns()


def unchanged(path: Path, saved: Stat) -> bool:
    """The file has the stat data it had when it was read, long enough after its last change
    for any later write to show: as git's index does, a preview then keeps what it found in
    this process's memory. (The cache on disk trusts only the hash of the bytes.)"""
    now = stat(path)
    return now is not None and now[:4] == saved[:4] and saved[1] < saved[4] - RACY_NS


@dataclass(frozen=True)
class Checked:
    """One report's outcome, as small as it can travel between processes."""

    problems: tuple[Problem, ...]
    bound: bool
    """It bound to the schema: its slug takes part in the cross-file checks."""
    digest: bytes | None
    """The hash of its bytes; None when it could not be read (never cached)."""
    mission: Mission | None = None
    """The bound mission, when the caller keeps the content."""
    stat: Stat | None = None
    """The file's stat data before it was read (``cache.stat``)."""


@dataclass(frozen=True)
class _Job:
    files: ContentFiles
    known: Known
    keep: bool
    saved: Mapping[str, Entry]
    """The cache's entries (none without a cache)."""
    stats: bool
    """Take each file's stat data before reading it (for a preview's memory)."""


def _check(path: Path, job: _Job) -> Checked:
    """One report: its problems from the cache when its bytes are the saved ones, else parsed."""
    problems = Problems()
    check_name(path, problems)
    before = stat(path) if job.stats else None
    data = read_bytes(path, problems)
    if data is None:
        return Checked(tuple(problems), False, None)
    hashed = digest(data)
    entry = job.saved.get(str(path))
    if entry is not None and entry.digest == hashed:
        return Checked(entry.problems, entry.bound, hashed, stat=before)
    result = parse_report(path, data, job.files, problems, job.known)
    mission = result[0] if result is not None and job.keep else None
    return Checked(tuple(problems), result is not None, hashed, mission, before)


def _saved(path: Path, saved: Mapping[str, Entry]) -> Checked | None:
    """The report's saved result when its bytes are those it was saved for; None when it must
    be parsed (its read problem, if any, found again with the changed reports)."""
    entry = saved.get(str(path))
    if entry is None or file_digest(path) != entry.digest:
        return None
    return Checked(entry.problems, entry.bound, entry.digest)


@dataclass
class Remembered:
    """A preview's reports as its previous validation left them, missions included, in this
    process: a save re-checks the reports whose file changed, not the thousand others."""

    key: bytes = b""
    """What the results depend on besides the file (``cache.fingerprint``)."""
    checked: dict[str, Checked] = field(default_factory=dict)


def _remembered(paths: Sequence[Path], memory: Remembered, key: bytes) -> list[Checked | None]:
    """Each report's previous result when its file is unchanged (size, times and inode; a file
    written within two seconds of being read counts as changed), else None."""
    known = memory.checked if memory.key == key else {}
    results: list[Checked | None] = []
    for path in paths:
        old = known.get(str(path))
        results.append(old if old is not None and old.stat is not None and unchanged(path, old.stat) else None)
    return results


def check_reports(
    paths: Sequence[Path], files: ContentFiles, known: Known, *, keep: bool = True,
    cache: ReportCache | None = None, parallel_from: int = PARALLEL_FROM, workers: int | None = None,
    memory: Remembered | None = None,
) -> list[Checked]:
    """Every report at ``paths``, in that order.

    ``keep``: return each bound mission (a build needs them; ``m4c validate`` does not).
    ``cache``: reuse the results of reports whose bytes did not change, when ``keep`` is off
    (missions are not cached: rebuilding one costs about what parsing it does), and save this
    run's results. ``parallel_from``: fewer reports to check than this stay in this process;
    ``workers``: processes to use (default: one per core; fork only, else one process).
    ``memory``: the previous results of this process, missions included (a preview), reused for
    unchanged files and replaced by this run's.
    """
    key = (fingerprint(files.root, known, files.media_names, files.media_links)
           if cache is not None or memory is not None else b"")
    saved = cache.lookup(key) if cache is not None and not keep else {}
    job = _Job(files=files, known=known, keep=keep, saved=saved, stats=memory is not None)
    results: list[Checked | None] = [None] * len(paths)
    todo = list(range(len(paths)))
    as_saved = False
    if memory is not None:
        results = _remembered(paths, memory, key)
        todo = [i for i, checked in enumerate(results) if checked is None]
    elif saved:  # first what the cache has: what is left may be too few for the workers
        results = [_saved(path, saved) for path in paths]
        todo = [i for i, checked in enumerate(results) if checked is None]
        as_saved = not todo and len(paths) == len(saved)
    workers = (workers or cores()) if len(todo) >= parallel_from else 1
    for i, checked in zip(todo, forked_map(partial(_check, job=job), [paths[i] for i in todo], workers),
                          strict=True):
        results[i] = checked
    done = [checked for checked in results if checked is not None]
    if memory is not None:
        memory.key, memory.checked = key, {str(path): checked for path, checked in zip(paths, done, strict=True)}
    if cache is not None and not as_saved:  # else nothing new
        entries = {str(path): Entry(checked.digest, checked.problems, checked.bound)
                   for path, checked in zip(paths, done, strict=True) if checked.digest is not None}
        if entries != saved or key != cache.fingerprint:
            cache.save(key, entries)
    return done
