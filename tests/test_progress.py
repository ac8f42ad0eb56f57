"""Progress of a long build: a status line on a terminal, one line a phase in a log."""

from __future__ import annotations

import io
import re

from m4c_build.adapters.progress import Event, Forward, Lines, Live, Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_log_gets_one_line_a_phase_with_its_time_and_count() -> None:
    out = io.StringIO()
    progress = Progress("fr", Lines(out))
    progress.start("validate")
    progress.start("render", total=3)  # starting a phase ends the one before
    for _ in range(3):
        progress.step()
    progress.end()
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    assert re.fullmatch(r"\[fr\] validate: \d+\.\d s", lines[0])
    assert re.fullmatch(r"\[fr\] render: 3 pages, \d+\.\d s", lines[1])
    assert re.fullmatch(r"validate \d+\.\d s · render \d+\.\d s · total \d+\.\d s", progress.summary())


def test_a_terminal_sees_pages_done_of_total_then_the_phase_times() -> None:
    out = Terminal()
    live = Live(out)
    live.INTERVAL = 0.0
    progress = Progress("es", live)
    progress.start("render", total=2)
    progress.step()
    shown = out.getvalue()
    assert shown.endswith("\r\x1b[K[es] render 1/2"), repr(shown)
    progress.end()
    live.close()
    ended = out.getvalue()
    assert re.search(r"\r\x1b\[K\[es\] render: 2 pages, \d+\.\d s\n$", ended), ended


def test_several_languages_share_one_status_line() -> None:
    out = Terminal()
    live = Live(out)
    live(Event("fr", "render", 10, 100))
    live(Event("en", "generate"))
    assert out.getvalue().rsplit("\r\x1b[K", 1)[1] == "[fr] render 10/100 · [en] generate"


def test_a_worker_forwards_its_events() -> None:
    sent: list[Event] = []

    class Queue:
        def put(self, item: Event) -> None:
            sent.append(item)

    progress = Progress("en", Forward(Queue()))
    progress.start("search")
    progress.end()
    assert [(e.language, e.phase, e.seconds is not None) for e in sent] == [("en", "search", False),
                                                                            ("en", "search", True)]
