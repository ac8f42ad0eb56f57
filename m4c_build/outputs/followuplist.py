"""The follow-up list as people read it: ``m4c followup``'s text (a terminal, a reminder e-mail)
and Markdown (a CI job's summary) formats, in one interface language, in the board's order.

The rows are the board's (``m4c_build.followup``); the CSV and JSON formats are the open data's
(``outputs.followupdata``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from m4c_build.followup import STATES, Action
from m4c_build.i18n.texts import Strings
from m4c_build.model import Registry


def _facts(t: Strings, action: Action) -> list[str]:
    """What a line says besides the action: due date, done day, owner."""
    item = action.item
    return [fact for fact in (
        f"{t.lbl('due')} {item.due.isoformat()}" if item.due else "",
        f"{t.lbl('done_on')} {item.done.isoformat()}" if item.done else "",
        f"{t.lbl('owner')} {item.owner}" if item.owner else "",
    ) if fact]


def _where(action: Action, registry: Registry, language: str, root: Path) -> tuple[str, str, str]:
    """The action's city, its mission's title in ``language`` and its report's file (relative to
    the content folder, with '/': where to update it)."""
    mission = action.mission
    path, root = mission.path.resolve(), root.resolve()
    where = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    return registry.cities[action.city].name, mission.reading(language).title, where


def _summary(t: Strings, counted: dict[str, int], today: dt.date) -> str:
    """'Where follow-up stands on 7 December 2026: 2 Overdue, 1 Open, 0 No due date, 3 Done'."""
    numbers = ", ".join(f"{n} {t(f'state_{state}')}" for state, n in counted.items())
    return f"{t('board_today', date=t.date(today))}: {numbers}"


def followup_text(found: Sequence[Action], counted: dict[str, int], registry: Registry, root: Path, language: str,
                  today: dt.date) -> str:
    """The actions under their state, one line each and a line of where it comes from: for a
    person reading a terminal or a reminder. ``counted``: the counts by state the first line
    gives (``followup.counts`` of the actions ``found`` was chosen from)."""
    t = Strings(language)
    lines = [_summary(t, counted, today)]
    for state in STATES:
        rows = [action for action in found if action.state == state]
        if not rows:
            continue
        lines += ["", f"{t(f'state_{state}')} ({len(rows)})"]
        for action in rows:
            city, title, path = _where(action, registry, language, root)
            lines.append(f"  - {' · '.join([action.item.action, *_facts(t, action)])}")
            lines.append(f"    {city} · {title} ({path})")
    return "\n".join(lines)


_PUNCTUATION = re.compile(r"([\\`*_{}\[\]<>()#!|~&:])")
"""The ASCII punctuation that means something inline in GitHub's Markdown (emphasis, code, links,
images, HTML and entities, autolinks, a table's columns), which CommonMark lets a backslash make
literal: a value from content then reads as its text. (A table cell holds inline text only: the
marks of blocks, '-' or '1.' at a line's start, mean nothing there.)"""


def _md(text: str) -> str:
    """``text`` as literal Markdown text on one line."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def followup_markdown(found: Sequence[Action], counted: dict[str, int], registry: Registry, root: Path,
                      language: str, today: dt.date) -> str:
    """The actions as a Markdown table (a GitHub job summary), every value from content escaped."""
    t = Strings(language)
    lines = [f"### {_md(t('board'))}", "", _md(_summary(t, counted, today)), ""]
    if not found:
        return "\n".join(lines)
    header = [t("status"), t("due"), t("follow_up"), t("owner"), t("city"), t("mission")]
    lines += ["| " + " | ".join(_md(h) for h in header) + " |", "|" + " --- |" * len(header)]
    for action in found:
        item = action.item
        city, title, path = _where(action, registry, language, root)
        cells = [t(f"state_{action.state}"), item.due.isoformat() if item.due else "", item.action,
                 item.owner or "", city, f"{title} ({path})"]
        lines.append("| " + " | ".join(_md(cell) for cell in cells) + " |")
    return "\n".join(lines)
