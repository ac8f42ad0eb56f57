"""The follow-up board: every follow-up action of every published report, overdue first.

Two views of the actions of ``m4c_build.followup`` (the model ``m4c followup`` and the open data
share): the board's static pages (``follow-up/``, ``follow-up/page/2/``..., readable without
JavaScript), and the records of its search index (``SearchRecord``, handed to Pagefind by an
adapter), whose filters are keys, as the catalogue's, so that ``?state=overdue&city=quebec`` and
``?mission=<slug>`` work in every language.
"""

from __future__ import annotations

from collections.abc import Sequence

from m4c_build.followup import STATES, Action
from m4c_build.site import urls
from m4c_build.site.context import Site
from m4c_build.site.lessons import ORDER_DIGITS, SearchRecord

FOLDER = urls.FOLLOW_UP_INDEX
"""Where the board's search index is written in a language's site (beside ``pagefind/``)."""

FACETS: tuple[str, ...] = ("state", "city", "region", "year", "owner")
"""The board's facets, as its search box shows them (the names of the index's filters and of the
open data's columns they filter on)."""
HIDDEN_FACETS: tuple[str, ...] = ("mission",)
"""Filters taken from the address but not shown as a facet (a mission page links to
``follow-up/?mission=<slug>``): thousands of values would make no list to pick from."""

ROWS_PER_MISSION_CARD = 2.5
"""Actions on one page of the board for each mission on one page of a group (``page_size``): an
action's row weighs less than half a mission's card (100 a page at the default 40, about 60 KB)."""


def per_page(site: Site) -> int:
    return max(1, int(site.settings.per_page * ROWS_PER_MISSION_CARD))


def filters(action: Action) -> dict[str, list[str]]:
    """The facets of an action, as keys (an owner is its own text), and its mission's slug."""
    owner = action.item.owner
    return {"state": [action.state], "city": [action.city], "region": [action.region],
            "year": [str(action.year)], **({"owner": [owner]} if owner else {}),
            "mission": [action.mission.slug]}


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


def search_records(site: Site) -> list[SearchRecord]:
    """The board's search index: one record per action, in the board's order (``sort.order``),
    with what its result row shows. Its text is the action's, its owner's, its mission's title
    and city: a word of any of them finds it."""
    language = site.settings.language
    records = []
    for place, action in enumerate(site.followup):
        mission = action.mission
        reading = mission.reading(language)
        city = site.city(action.city)
        meta = {
            "action": action.item.action, "lang": mission.report.language, "state": action.state,
            **texts(site, action), "title": reading.title, "title_lang": reading.lang("title"),
            "city": city.name, "year": str(action.year),
        }
        content = "\n".join(part for part in (action.item.action, action.item.owner or "", reading.title, city.name)
                            if part)
        records.append(SearchRecord(
            url="/" + urls.action_url(action), content=content, language=language, meta=meta,
            filters=filters(action), sort={"order": str(place).zfill(ORDER_DIGITS)},
        ))
    return records


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
