"""What a long build is doing: its phase, pages done of total, and the time of each phase.

A build reports ``Event``s; a sink shows them. On a terminal (``Live``) one status line is
rewritten in place (every language of a parallel build on it) and each phase's time is printed
when the build ends; in a log (``Lines``, CI) each phase prints one line when it ends. The workers
of a several-language build send their events to the parent (``Forward``), which alone writes.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TextIO


@dataclass(frozen=True)
class Event:
    """A build of ``language`` is in ``phase``: ``done`` of ``total`` (0 when not counted);
    ``seconds`` is set when the phase ends."""

    language: str
    phase: str
    done: int = 0
    total: int = 0
    seconds: float | None = None


Sink = Callable[[Event], None]


class _Queue(Protocol):
    def put(self, item: Any) -> None: ...


def _label(language: str) -> str:
    return f"[{language}] " if language else ""


def _phase_line(event: Event) -> str:
    count = f"{event.total:,} pages, " if event.total else ""
    return f"{_label(event.language)}{event.phase}: {count}{event.seconds or 0:.1f} s"


@dataclass
class Lines:
    """One line a phase, when it ends: for logs, where a rewritten line would be noise."""

    stream: TextIO = field(default_factory=lambda: sys.stderr)

    def __call__(self, event: Event) -> None:
        if event.seconds is not None:
            print(_phase_line(event), file=self.stream, flush=True)


class Live:
    """One status line rewritten in place (at most ten times a second), the phases' times at the end."""

    INTERVAL = 0.1

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self._now: dict[str, Event] = {}
        self._ended: list[Event] = []
        self._shown = 0.0
        self._lock = threading.Lock()

    def __call__(self, event: Event) -> None:
        with self._lock:
            self._now[event.language] = event
            if event.seconds is not None:
                self._ended.append(event)
            elif time.monotonic() - self._shown < self.INTERVAL and event.done:
                return
            self._shown = time.monotonic()
            parts = [f"{_label(e.language)}{e.phase}" + (f" {e.done:,}/{e.total:,}" if e.total else "")
                     for e in self._now.values() if e.seconds is None]
            self.stream.write("\r\x1b[K" + " · ".join(parts))
            self.stream.flush()

    def close(self) -> None:
        """Clear the status line and print each phase's time."""
        with self._lock:
            self.stream.write("\r\x1b[K")
            for event in self._ended:
                print(_phase_line(event), file=self.stream)
            self.stream.flush()
            self._ended.clear()


@dataclass
class Forward:
    """A worker's events, sent to the parent process that shows them."""

    queue: _Queue

    def __call__(self, event: Event) -> None:
        self.queue.put(event)


def for_stream(stream: TextIO | None = None) -> Lines | Live:
    """``Live`` on a terminal, ``Lines`` elsewhere."""
    stream = stream or sys.stderr
    return Live(stream) if stream.isatty() else Lines(stream)


class Progress:
    """The phases of one build, told to a sink as they go; ``summary()`` gives their times."""

    def __init__(self, language: str, sink: Sink) -> None:
        self.language = language
        self.sink = sink
        self.times: dict[str, float] = {}
        self._phase = ""
        self._start = 0.0
        self._done = 0
        self._total = 0

    def start(self, phase: str, total: int = 0) -> None:
        if self._phase:
            self.end()
        self._phase, self._start, self._done, self._total = phase, time.perf_counter(), 0, total
        self.sink(Event(self.language, phase, 0, total))

    def step(self) -> None:
        if self._phase:
            self._done += 1
            self.sink(Event(self.language, self._phase, self._done, self._total))

    def end(self) -> None:
        if not self._phase:
            return
        seconds = time.perf_counter() - self._start
        self.times[self._phase] = self.times.get(self._phase, 0.0) + seconds
        self.sink(Event(self.language, self._phase, self._done, self._total, seconds))
        self._phase = ""

    def summary(self) -> str:
        """'validate 1.2 s · generate 3.4 s · ... · total 16.0 s'."""
        total = sum(self.times.values())
        return " · ".join([*(f"{name} {seconds:.1f} s" for name, seconds in self.times.items()),
                           f"total {total:.1f} s"])


_shared: Sink | None = None
"""The sink set by a parent process for the builds it runs (``share``); None: each build its own."""


def share(sink: Sink | None) -> None:
    """Make ``sink`` the one every build of this process (and of its forked workers) reports to."""
    global _shared
    _shared = sink


def shared() -> Sink | None:
    return _shared
