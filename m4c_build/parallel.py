"""Work spread over the cores in forked processes: one mechanism for every stage that needs it
(checking reports, converting narratives, rendering mission pages).

Workers are forked, so the function they run (a closure over the validated content, the Jinja
environment...) is inherited, never pickled; only the items and the results cross between
processes. A caller with threads of its own that must not be forked (a preview's server) asks
for one worker.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNKS_PER_WORKER = 4
"""Chunks a worker gets, so that one slow chunk does not leave a core idle at the end."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


RUNNING: list[Any] = []
"""How many builds forked from one parent run now (a ``multiprocessing.Value`` set by the
parent of a several-language build; each build counts itself while it runs)."""


def free_cores() -> int:
    """The cores this process's build may fill: all of them, or, while builds of other languages
    run beside it, those they leave (one at least). A language that runs alone at the end of a
    several-language build then uses every core."""
    if not RUNNING:
        return cores()
    return max(1, cores() - int(RUNNING[0].value) + 1)


@contextlib.contextmanager
def counted() -> Iterator[None]:
    """This build among those that run now (``RUNNING``), while it runs."""
    if not RUNNING:
        yield
        return
    with RUNNING[0].get_lock():
        RUNNING[0].value += 1
    try:
        yield
    finally:
        with RUNNING[0].get_lock():
            RUNNING[0].value -= 1


_FROZEN = [0]
"""How many ``frozen()`` blocks this process is in (a forked worker inherits the count)."""


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """Forks made in this block leave what exists now to the cyclic garbage collector's
    permanent generation (``gc.freeze``): a full collection in a worker would otherwise walk
    every object inherited from the parent (the validated content: millions at 10,000 reports),
    writing to their pages and so copying them, seconds of each worker's time. The outermost
    block gives them back to the collector at its end, so a process that goes on (a test run, a
    preview) does not keep the garbage of its builds."""
    hold()
    try:
        yield
    finally:
        release()


def hold() -> None:
    """The start of a ``frozen()`` block that does not fit a ``with`` (workers forked in one
    step of a build and joined in another); ``release()`` ends it."""
    gc.freeze()
    _FROZEN[0] += 1


def release() -> None:
    _FROZEN[0] -= 1
    if not _FROZEN[0]:
        gc.unfreeze()


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


_TASK: list[Callable[[Any], Any]] = []
"""The function the workers run, set just before they are forked (inherited, not pickled)."""


def _run_chunk(chunk: Sequence[Any]) -> list[Any]:
    function = _TASK[0]
    return [function(item) for item in chunk]


def run_jobs(jobs: Sequence[Callable[[], R]], workers: int, alone: int = 0) -> list[R]:
    """Each of ``jobs`` (functions of nothing, closures over whatever they need: inherited)
    in ``workers`` forked processes, their results in the order of ``jobs`` (``alone``: as
    ``forked_map``'s)."""
    return forked_map(lambda i: jobs[i](), range(len(jobs)), workers, alone)


def forked_map(function: Callable[[T], R], items: Sequence[T], workers: int, alone: int = 0) -> list[R]:
    """``function`` over ``items`` in ``workers`` forked processes, results in the order of
    ``items``; in this process when one worker is asked for or the system cannot fork. The first
    ``alone`` items are long ones, each given to a worker by itself, first: none of them ends up
    at the end of a worker's share, nor with many others."""
    if workers < 2 or len(items) < 2 or not can_fork():
        return [function(item) for item in items]
    rest = items[alone:]
    size = max(1, -(-len(rest) // (workers * CHUNKS_PER_WORKER)))
    chunks = [items[i:i + 1] for i in range(alone)] + [rest[i:i + size] for i in range(0, len(rest), size)]
    _TASK[:] = [function]
    try:
        with frozen(), ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for chunk in pool.map(_run_chunk, chunks) for result in chunk]
    finally:
        _TASK.clear()
