"""Take a list away: what a list page tells its "download these results" control
(``assets/m4c/m4c-takeaway.js``), which makes the page's filtered list as CSV and JSON in the
browser, from the open data already published beside the pages.

A list page declares which open-data file it lists (``data/<file>.csv`` and ``.json``) and, for
each of its facets (the keys of its address, ``?theme=tourism``), the fields of that file whose
values the facet matches. The script keeps the rows of the published CSV whose cells match (the
rows as published, byte for byte: the same columns, the same neutralised cells, the columns'
one definition being ``outputs.opendata``) and the records of the published JSON, and writes the
filter into the file's name and into the JSON.

To wire another list (as the follow-up board publishing ``data/followup.csv`` and ``.json``):
declare a ``TakeAway`` here whose facets name its fields, hand it to the page's template and call
the ``takeaway`` macro (``templates/m4c/_macros.html``) in it, and load m4c-takeaway.js on the page
(page meta ``m4c_takeaway``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from m4c_build.outputs.opendata import LIST_SEPARATOR
from m4c_build.site.urls import DATA


@dataclass(frozen=True)
class Facet:
    """A facet of a list page and the open data's fields it matches: a record matches a value
    when one of these fields holds it (a list field: one of its items)."""

    name: str
    """The facet's key in the page's address and in its search index ('theme')."""
    fields: tuple[str, ...]
    """The open-data fields (the CSV's columns, the JSON's keys) holding its values."""
    year: bool = False
    """The fields are ISO dates; the facet's value is their year."""


@dataclass(frozen=True)
class TakeAway:
    """What a list page offers to take away: its open data file and how its facets read it."""

    file: str
    """'missions': data/missions.csv and data/missions.json, whose records are under 'missions'."""
    facets: tuple[Facet, ...]
    formats: tuple[str, ...] = ("csv", "json")
    """The formats offered: those the list publishes (each a button)."""

    @property
    def paths(self) -> dict[str, str]:
        """The published files, by format, site-relative."""
        return {form: f"{DATA}/{self.file}.{form}" for form in self.formats}

    def declaration(self, rel: Callable[[str], str]) -> dict[str, Any]:
        """What the page hands the script (``rel``: the page's link to a site path)."""
        return {
            "name": self.file,
            "records": self.file,
            "files": {form: rel(path) for form, path in self.paths.items()},
            "paths": self.paths,
            "separator": LIST_SEPARATOR,
            "facets": {f.name: {"fields": list(f.fields), "year": f.year} for f in self.facets},
        }


_MISSION_FACETS = (
    Facet("theme", ("themes",)), Facet("topic", ("topics",)),
    # A primary factor finds the missions of its secondary ones (as the index does).
    Facet("factor", ("factors", "primary_factors")),
    Facet("region", ("region",)), Facet("country", ("country",)), Facet("city", ("city",)),
    Facet("type", ("type",)), Facet("format", ("formats",)), Facet("language", ("language",)),
)

CATALOGUE = TakeAway("missions", (*_MISSION_FACETS, Facet("year", ("date",), year=True)))
"""The catalogue (missions/): data/missions.*."""

EXPLORER = TakeAway("lessons", (Facet("kind", ("kind",)), *_MISSION_FACETS, Facet("year", ("year",))))
"""The lessons explorer (lessons/): data/lessons.*."""

BOARD = TakeAway("followup", (*(Facet(name, (name,)) for name in ("state", "city", "region", "year", "owner")),
                              Facet("mission", ("mission",))))
"""The follow-up board (follow-up/): data/followup.*; ``mission`` is the filter a mission page's
link sets (``follow-up/?mission=<slug>``), shown as no facet."""
