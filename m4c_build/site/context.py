"""What templates see: the build's settings and the ``site`` facade (labels, links, groupings).

One ``Site`` per build and interface language; it reads the validated content and never
changes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from markupsafe import Markup

from m4c_build.followup import Action, actions, state_of
from m4c_build.i18n.countries import country_name
from m4c_build.i18n.texts import Strings
from m4c_build.model import Content, Mission
from m4c_build.schema.classes import LANGUAGES, MISSION_TYPES, City, FollowUp, Term
from m4c_build.site import basemap
from m4c_build.site.groups import VOCABULARY_OF, Groups, Knowledge
from m4c_build.site.paging import PAGE_SIZE

FACET_GROUPINGS = {"theme": "themes", "topic": "topics", "factor": "factors", "region": "regions",
                   "city": "cities", "format": "formats"}
"""Catalogue facets (data-pagefind-filter names) whose keys are those of a grouping."""


@dataclass(frozen=True)
class SiteSettings:
    language: str = "fr"
    """Interface language: labels and texts come in fr, en or es; reports keep their own."""
    today: dt.date = field(default_factory=dt.date.today)
    """Follow-up items due before this day and not done are marked overdue."""
    latest: int = 6
    """How many missions the home page shows."""
    catalogue: int = 60
    """How many missions the catalogue lists without a search (then links to every year)."""
    cards: int = 24
    """How many missions a grouping page shows as cards; the others get one line each."""
    per_page: int = PAGE_SIZE
    """How many missions one page of a group lists (its lessons with them on a theme's page)."""

    @property
    def records_per_page(self) -> int:
        """How many lessons, solution paths and difficulties one page of the explorer lists:
        twice ``per_page`` (a record's card is a fraction of a mission's, and every page repeats
        the site's navigation: 80 cards weigh about 80 KB at 10,000 reports)."""
        return 2 * self.per_page
    map_tiles: str = ""
    """URL template of a tile server laid over the basemap (empty: no tiles, no Leaflet)."""
    map_attribution: str = ""
    """The tile server's attribution, shown on the map as plain text."""
    base_url: str = ""
    """The site's address (``site_url``): a report's citation gives its page's absolute address."""


class Fragments:
    """Pieces of HTML shown on many pages (a mission's card on its city's, its themes' and its
    neighbours' pages), rendered once for each folder depth: links are relative, so the same
    piece differs only by how deep the page stands."""

    def __init__(self) -> None:
        self._done: dict[tuple[str, int], Markup] = {}

    def for_page(self, url: str) -> Callable[..., Markup]:
        depth = url.count("/")

        def once(key: str, macro: Callable[..., Markup], *args: Any) -> Markup:
            found = self._done.get((key, depth))
            if found is None:
                found = self._done[key, depth] = macro(*args)
            return found

        return once


class Site:
    """What templates see as ``site``: labels, links and groupings in the interface language."""

    def __init__(self, content: Content, settings: SiteSettings) -> None:
        self.content = content
        self.settings = settings
        self.t = Strings(settings.language)
        self.groups = Groups(content)
        self.registry = content.registry
        self.fragments = Fragments()
        self._facets: set[str] | None = None

    # -- labels --------------------------------------------------------------------------
    def term(self, grouping: str, key: str) -> Term:
        terms: dict[str, Term] = getattr(self.registry.vocabulary, VOCABULARY_OF[grouping])
        return terms[key]

    def label(self, grouping: str, key: str) -> str:
        if grouping == "cities":
            return self.registry.cities[key].name
        if grouping == "years":
            return key
        return self.term(grouping, key).labels.get(self.settings.language)

    def description(self, grouping: str, key: str) -> str:
        if grouping in ("cities", "years"):
            return ""
        term = self.term(grouping, key)
        return term.description.get(self.settings.language) if term.description else ""

    def all_labels(self, mission: Mission) -> list[str]:
        """The labels of a mission's themes, topics, region and formats in every language, each
        once: indexed with the mission so a search in any language finds it."""
        report = mission.report
        keys = [("themes", k) for k in report.themes] + [("topics", k) for k in report.heritage_topics]
        keys += [("factors", k) for k in self.groups.factors_of(mission)]
        keys += [("regions", self.region_of(mission))] + [("formats", k) for k in report.assistance.formats]
        labels = [self.term(grouping, key).labels.get(language)
                  for grouping, key in keys for language in LANGUAGES]
        return list(dict.fromkeys(labels))

    def facet_labels(self) -> dict[str, dict[str, str]]:
        """Facet name -> key -> label in the interface language: the catalogue's search filters
        on keys (in its index and its URLs) and shows these labels."""
        t = self.t
        labels = {facet: {key: self.label(grouping, key) for key in self.groups.by[grouping]}
                  for facet, grouping in FACET_GROUPINGS.items()}
        labels["country"] = {code: self.country(code) for code in sorted(self.groups.countries)}
        labels["type"] = {key: t(f"type_{key}") for key in MISSION_TYPES}
        labels["language"] = {key: t(f"lang_{key}") for key in LANGUAGES}
        return labels

    def factor_code(self, key: str) -> tuple[int, ...]:
        """A factor's UNESCO code as numbers, for sorting: '8.6' -> (8, 6)."""
        return tuple(int(part) for part in self.registry.vocabulary.factors[key].code.split("."))

    def secondary_factors(self, key: str) -> list[str]:
        """The secondary factors of the primary factor ``key``, in UNESCO's order."""
        return [k for k in self.sorted_keys("factors") if self.registry.vocabulary.factors[k].primary == key]

    def knowledge_summary(self, part: Knowledge) -> str:
        """'3 solution paths and 12 lessons from 7 cities'."""
        t = self.t
        counts = [t.plural(key, len(found), n=len(found))
                  for key, found in (("solution_count", part.solutions), ("lesson_count", part.lessons)) if found]
        findings = counts[0] if len(counts) == 1 else t("knowledge_and", first=counts[0], second=counts[1])
        return t("knowledge_from", findings=findings, cities=t.plural("city_count", part.cities, n=part.cities))

    def facets_in_use(self) -> set[str]:
        """The search boxes' facets (catalogue, lessons explorer, follow-up board) that some
        published mission has a value of (a knowledge base whose reports name no factor shows no
        factor facet, one whose actions name no owner no owner facet)."""
        if self._facets is None:
            used = {facet for facet, grouping in FACET_GROUPINGS.items() if any(self.groups.by[grouping].values())}
            # every published report has a lesson and a follow-up action: the explorer's kinds
            # and the board's states always have values
            used |= {"country", "year", "type", "language", "kind", "state"} if self.groups.missions else set()
            self._facets = used | ({"owner"} if any(action.item.owner for action in self.followup) else set())
        return self._facets

    def city(self, key: str) -> City:
        return self.registry.cities[key]

    def country(self, code: str) -> str:
        return country_name(code, self.settings.language)

    def region_of(self, mission: Mission) -> str:
        return self.groups.region_of(mission)

    def overdue(self, item: FollowUp) -> bool:
        return state_of(item, self.settings.today) == "overdue"

    @cached_property
    def followup(self) -> list[Action]:
        """Every follow-up action of the published reports on ``today``, in the board's order."""
        return actions(self.content, self.settings.today)

    def sorted_keys(self, grouping: str) -> list[str]:
        keys = list(self.groups.by[grouping])
        if grouping == "years":
            return keys
        if grouping == "factors":  # UNESCO's order: 1, 1.1, 1.2, ..., 2, ...
            return sorted(keys, key=lambda k: self.factor_code(k))
        return sorted(keys, key=lambda k: self.label(grouping, k).casefold())

    # -- maps ----------------------------------------------------------------------------
    def _places(self) -> list[tuple[str, tuple[float, float]]]:
        """Cities with a published mission, the only ones the maps draw."""
        return [(key, (self.city(key).location[0], self.city(key).location[1]))
                for key in self.sorted_keys("cities") if self.groups.by["cities"][key]]

    def world_map(self) -> basemap.View:
        return basemap.world_view(self._places())

    def city_map(self, key: str) -> basemap.View:
        """The city's neighbourhood, the city highlighted (drawn even before its first mission)."""
        places = self._places()
        if key not in dict(places):
            city = self.city(key)
            places.append((key, (city.location[0], city.location[1])))
        return basemap.focus_view(places, [key])

    def year_map(self, year: str) -> basemap.View:
        """The world, the cities of the year's missions highlighted."""
        return basemap.world_view(self._places(), {m.report.city for m in self.groups.by["years"][year]})

    def region_map(self, key: str) -> basemap.View:
        """The region's cities highlighted, in a window that holds them all."""
        return basemap.focus_view(self._places(),
                                  {m.report.city for m in self.groups.by["regions"][key]})
