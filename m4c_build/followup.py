"""Follow-up across missions: every follow-up action of every published report, with its state on a day.

The one model of the follow-up board (``site/followup.py``), of ``m4c followup`` and of the
open data's ``followup.*``, so that they list the same actions in the same order and count them
the same way. A state depends on the day that counts as today (the site's ``today``): a nightly
build moves an action into "overdue" without anyone editing its report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from m4c_build.model import Content, Mission
from m4c_build.schema.classes import FollowUp

STATES: tuple[str, ...] = ("overdue", "open", "undated", "done")
"""An action's state on a day, in the board's order: overdue (due before the day, not done),
open (not done, due on or after the day), undated (not done, no due date), done."""


def state_of(item: FollowUp, today: dt.date) -> str:
    """The state (``STATES``) of ``item`` on ``today``."""
    if item.status == "done":
        return "done"
    if item.due is None:
        return "undated"
    return "overdue" if item.due < today else "open"


@dataclass(frozen=True)
class Action:
    """One follow-up action of a published report, with its mission's context and its state."""

    mission: Mission
    number: int
    """Its place in its report's ``follow_up`` list, from 1 (its id: ``<slug>#follow-up-2``)."""
    item: FollowUp
    region: str
    """The key of its city's region."""
    state: str
    """Its state (``STATES``) on the day it was listed for."""

    @property
    def id(self) -> str:
        return f"{self.mission.slug}#{self.anchor}"

    @property
    def anchor(self) -> str:
        """Its id on its mission's page."""
        return f"follow-up-{self.number}"

    @property
    def city(self) -> str:
        return self.mission.report.city

    @property
    def year(self) -> int:
        """Its mission's year."""
        return self.mission.year

    @property
    def late(self) -> bool:
        """Done after its due date (known only when the report gives the day it was done)."""
        item = self.item
        return item.done is not None and item.due is not None and item.done > item.due


def _sort_key(action: Action) -> tuple[int, int, str, int]:
    """The board's order: by state (``STATES``); overdue and open actions by due date (the
    oldest first), done ones by the day they were done (the newest first, undated last); then
    by mission slug and place in the report, so that the same content always gives one list."""
    item = action.item
    if action.state in ("overdue", "open"):
        day = item.due.toordinal() if item.due else 0
    elif action.state == "done":
        day = -item.done.toordinal() if item.done else 0
    else:
        day = 0
    return (STATES.index(action.state), day, action.mission.slug, action.number)


def actions(content: Content, today: dt.date) -> list[Action]:
    """Every follow-up action of the published reports of ``content``, in the board's order."""
    cities = content.registry.cities
    found = [Action(mission, number, item, cities[mission.report.city].region, state_of(item, today))
             for mission in content.public_missions
             for number, item in enumerate(mission.report.follow_up, 1)]
    return sorted(found, key=_sort_key)


def counts(found: Iterable[Action]) -> dict[str, int]:
    """How many of ``found`` are in each state, in the board's order (every state present)."""
    result = dict.fromkeys(STATES, 0)
    for action in found:
        result[action.state] += 1
    return result


@dataclass(frozen=True)
class OnTime:
    """How follow-up kept its dates: the actions whose date has come, and how they ended.

    Counted: the actions with a due date that are done with the day they were done (``done``),
    and those overdue. On time: done on or before the due date. Late: done after it. Overdue: not
    done, the due date passed. Not counted: open actions not yet due, actions without a due date,
    and done actions whose report does not say when they were done (whether they were on time
    is unknown)."""

    on_time: int
    late: int
    overdue: int

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.overdue

    @property
    def share(self) -> float | None:
        """``on_time`` over ``total`` (0 to 1), None when no action's date has come."""
        return self.on_time / self.total if self.total else None


def on_time(found: Sequence[Action]) -> OnTime:
    """The share of follow-up done on time among ``found`` (``OnTime`` says what counts)."""
    on, late, overdue = 0, 0, 0
    for action in found:
        item = action.item
        if action.state == "overdue":
            overdue += 1
        elif action.state == "done" and item.due is not None and item.done is not None:
            if item.done <= item.due:
                on += 1
            else:
                late += 1
    return OnTime(on, late, overdue)
