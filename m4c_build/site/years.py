"""A year in review: what the first page of ``years/<year>/`` shows above the year's missions.

The year against the one before (missions, cities, mission days, lessons), the year's new
lessons by theme, the follow-up its missions promised and the follow-up done in it, and the
cities that had their first mission in it. Counted once for every year of a build
(``reviews``), from the same readings as the statistics page and the open data: a lesson is
an item of a report's ``lessons`` (a record of kind ``lesson`` in lessons.json).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from m4c_build.model import Finding, Mission
from m4c_build.site.context import Site

LESSONS_SHOWN = 3
"""Lessons quoted under each theme: the newest; the explorer, filtered by theme and year,
lists them all, so the page weighs the same in a year of ten missions or of a thousand."""

FIGURES = ("missions", "cities", "days", "lessons")
"""What a year is compared with the previous one by, in this order."""


@dataclass(frozen=True)
class Figure:
    name: str
    """One of ``FIGURES``."""
    this: int
    previous: int

    @property
    def difference(self) -> int:
        return self.this - self.previous


@dataclass(frozen=True)
class ThemeLessons:
    theme: str
    count: int
    """The year's lessons in missions of this theme."""
    shown: tuple[Finding, ...]
    """The first ``LESSONS_SHOWN`` of them not quoted under a theme before, newest mission first."""


@dataclass(frozen=True)
class Review:
    year: int
    figures: tuple[Figure, ...]
    themes: tuple[ThemeLessons, ...]
    """Themes with lessons this year, the most lessons first."""
    promised: int
    """Follow-up actions of the year's missions."""
    promised_done: int
    """Of those, the ones done by now."""
    done: int
    """Follow-up actions (of any year's mission) done in this year, by the day their report gives."""
    new_cities: tuple[str, ...]
    """Keys of the cities whose first published mission is of this year, by name."""

    def fingerprint(self) -> str:
        """What the review shows, in short (a preview's cache key: the records by their address,
        their missions being the year's, whose own digests the key holds)."""
        themes = [(part.theme, part.count, [f"{f.mission.slug}#{f.anchor}" for f in part.shown])
                  for part in self.themes]
        return repr((self.figures, themes, self.promised, self.promised_done, self.done, self.new_cities))


def _figures(missions: list[Mission]) -> dict[str, int]:
    return {"missions": len(missions), "cities": len({m.report.city for m in missions}),
            "days": sum(m.days for m in missions), "lessons": sum(len(m.report.lessons) for m in missions)}


def reviews(site: Site) -> dict[str, Review]:
    """The review of every year with a published mission, by year (as ``Groups.by['years']``)."""
    by_year = site.groups.by["years"]
    language = site.settings.language
    first_year: dict[str, int] = {}
    done: Counter[int] = Counter()
    for mission in site.groups.missions:  # newest first: the last one seen is the first
        first_year[mission.report.city] = mission.year
        done.update(item.done.year for item in mission.report.follow_up if item.done is not None)
    found: dict[str, Review] = {}
    for key, missions in by_year.items():
        year = int(key)
        this, previous = _figures(missions), _figures(by_year.get(str(year - 1), []))
        lessons: dict[str, list[Finding]] = {}
        for mission in missions:
            records = mission.reading(language).findings(("lesson",))
            for theme in dict.fromkeys(mission.report.themes):
                lessons.setdefault(theme, []).extend(records)
        ranked = sorted(lessons.items(), key=lambda item: (-len(item[1]), site.label("themes", item[0]).casefold()))
        quoted: set[tuple[str, int]] = set()  # a lesson of several themes is quoted under the first
        themes = []
        for theme, listed in ranked:
            shown = [f for f in listed if (f.mission.slug, f.number) not in quoted][:LESSONS_SHOWN]
            quoted.update((f.mission.slug, f.number) for f in shown)
            themes.append(ThemeLessons(theme, len(listed), tuple(shown)))
        follow_up = [item for mission in missions for item in mission.report.follow_up]
        new_cities = sorted((city for city, first in first_year.items() if first == year),
                            key=lambda city: site.label("cities", city).casefold())
        found[key] = Review(
            year=year,
            figures=tuple(Figure(name, this[name], previous[name]) for name in FIGURES),
            themes=tuple(themes), promised=len(follow_up),
            promised_done=sum(1 for item in follow_up if item.status == "done"), done=done[year],
            new_cities=tuple(new_cities),
        )
    return found
