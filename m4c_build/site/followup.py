"""The follow-up board: every follow-up action of every published report, overdue first.

Two views of the actions of ``m4c_build.followup`` (the model ``m4c followup`` and the open data
share): the board's static pages (``follow-up/``, ``follow-up/page/2/``..., readable without
JavaScript), and the data its script filters (``board_data``: follow-up/actions.json), whose
facets are keys, as the catalogue's, so that ``?state=overdue&city=quebec`` and
``?mission=<slug>`` work in every language. The script filters in the browser, without a search
index: an index of every action in each language cost the build about 20 s a language at 10,000
reports (30,000 actions), this file a fraction of a second.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from m4c_build.followup import STATES, Action
from m4c_build.site import urls
from m4c_build.site.context import Site

FACETS: dict[str, str] = {"state": "status", "city": "city", "region": "region", "year": "year", "owner": "owner"}
"""The board's facets, as its search box shows them (the names of the index's filters and of the
open data's columns they filter on), with the interface text of each one's label."""
HIDDEN_FACETS: tuple[str, ...] = ("mission",)
"""Filters taken from the address but not shown as a facet (a mission page links to
``follow-up/?mission=<slug>``): thousands of values would make no list to pick from."""

ROWS_PER_MISSION_CARD = 4
"""Actions on one page of the board for each mission on one page of a group (``page_size``): an
action's row weighs about a quarter of a mission's card and its lessons (160 a page at the default
40: about 105 KB of content, 125 KB with the theme's frame, under the 150 KB a page may weigh),
and the fewer pages, the less each language's build writes (190 at 10,000 reports)."""


def per_page(site: Site) -> int:
    return max(1, site.settings.per_page * ROWS_PER_MISSION_CARD)


def texts(site: Site, action: Action) -> dict[str, str]:
    """What a row says of an action besides its text, in the interface language: its state, its
    due date, the day it was done, its owner (empty texts left out)."""
    t, item = site.t, action.item
    found = {
        "state_label": t(f"state_{action.state}"),
        "due_text": f"{t.lbl('due')} {t.date(item.due)}" if item.due else "",
        "done_text": f"{t.lbl('done_on')} {t.date(item.done)}" if item.done else "",
        "owner_text": f"{t.lbl('owner')} {item.owner}" if item.owner else "",
    }
    return {key: value for key, value in found.items() if value}


def board_data(site: Site) -> str:
    """``follow-up/actions.json``: what the board's script filters and shows, every action in the
    board's order, as compact as it can be read (a visitor's browser loads it whole, at the first
    use of the search box: about 100 bytes an action).

    ``missions``: [slug, address of its page, title, the title's language, city key, region
    key, year, the report's language] of each mission with an action; ``actions``: [its mission's
    place in ``missions``, its number (its address is the mission's + ``#follow-up-<number>``),
    its text, its state, due date, done day, owner ('' for none)]; ``dates``: each of those days
    as the page writes it; ``states`` and ``texts``: the page's words for the states and before
    a due date, a done day and an owner.
    """
    t = site.t
    language = site.settings.language
    places: dict[str, int] = {}
    missions: list[list[object]] = []
    rows: list[list[object]] = []
    days: set[dt.date] = set()
    for action in site.followup:
        mission = action.mission
        if mission.slug not in places:
            places[mission.slug] = len(missions)
            reading = mission.reading(language)
            missions.append([mission.slug, urls.mission_url(mission.slug), reading.title, reading.lang("title"),
                             action.city, action.region, action.year, mission.report.language])
        item = action.item
        days.update(day for day in (item.due, item.done) if day)
        rows.append([places[mission.slug], action.number, item.action, action.state,
                     item.due.isoformat() if item.due else "", item.done.isoformat() if item.done else "",
                     item.owner or ""])
    data = {
        "states": {state: t(f"state_{state}") for state in STATES},
        "texts": {"due": t.lbl("due"), "done": t.lbl("done_on"), "owner": t.lbl("owner")},
        "dates": {day.isoformat(): t.date(day) for day in sorted(days)},
        "missions": missions,
        "actions": rows,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def facet_labels(site: Site) -> dict[str, dict[str, str]]:
    """The labels of the board's facets' keys in the interface language (an owner is its own)."""
    labels = site.facet_labels()
    found = {"state": {state: site.t(f"state_{state}") for state in STATES}}
    return found | {name: labels[name] for name in ("city", "region")}


def sections(rows: Sequence[Action]) -> list[tuple[str, list[Action]]]:
    """One page's actions under their state, in the board's order."""
    found: dict[str, list[Action]] = {}
    for action in rows:
        found.setdefault(action.state, []).append(action)
    return list(found.items())
