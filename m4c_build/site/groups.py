"""Published missions grouped by theme, heritage topic, factor, city, region and year."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice

from m4c_build.model import Content, Finding, Mission

GROUPINGS: tuple[str, ...] = ("themes", "topics", "factors", "cities", "regions", "years")
"""URL folders of the grouping pages, in the order the navigation shows them."""
VOCABULARY_OF = {"themes": "themes", "topics": "heritage_topics", "factors": "factors", "regions": "regions",
                 "formats": "assistance_formats"}
"""URL folder of a grouping -> its vocabulary in vocabulary.yml."""


@dataclass
class Knowledge:
    """The solution paths and lessons of some of a group's missions, under one heading: a
    heritage topic, a secondary factor, or (``key`` None) the missions that have neither."""

    key: str | None
    solutions: list[Finding] = field(default_factory=list)
    lessons: list[Finding] = field(default_factory=list)
    missions: list[tuple[Mission, list[Finding]]] = field(default_factory=list)
    """Each mission with its records (solutions, then lessons), in the group's order."""

    @property
    def cities(self) -> int:
        return len({f.mission.report.city for f in (*self.solutions, *self.lessons)})

    @property
    def size(self) -> int:
        return len(self.solutions) + len(self.lessons)


RELATED = 3
"""Missions shown under a mission page's report as others of its city, and again of its themes:
a few to read next on a phone; the city's page (linked) lists them all."""


RELATED_LESSONS = 5
"""Lessons of other missions shown under a mission page's report (``Groups.related_lessons``)."""
LESSONS_PER_MISSION = 2
"""At most this many of them from one other mission, so that several missions speak."""
CANDIDATES = 8
"""For related lessons, the newest missions of each of a mission's themes, topics and factors
that are ranked: a page costs the same at any size."""


class Groups:
    """Every grouping of the published missions; each list is newest first."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.missions = content.public_missions
        self._related: dict[tuple[str, str], list[Finding]] = {}
        self._subjects: dict[str, frozenset[tuple[str, str]]] = {}

    def region_of(self, mission: Mission) -> str:
        return self.content.registry.cities[mission.report.city].region

    @cached_property
    def by(self) -> dict[str, dict[str, list[Mission]]]:
        """grouping ('themes', 'cities', ...) -> key -> missions. Every registry key is present."""
        registry = self.content.registry
        vocabulary = registry.vocabulary
        groups: dict[str, dict[str, list[Mission]]] = {
            "themes": {key: [] for key in vocabulary.themes},
            "topics": {key: [] for key in vocabulary.heritage_topics},
            "factors": {key: [] for key in vocabulary.factors},
            "cities": {key: [] for key in registry.cities},
            "regions": {key: [] for key in vocabulary.regions},
            "years": defaultdict(list),
            "formats": {key: [] for key in vocabulary.assistance_formats},
        }
        for mission in self.missions:
            report = mission.report
            for theme in dict.fromkeys(report.themes):
                groups["themes"][theme].append(mission)
            for topic in dict.fromkeys(report.heritage_topics):
                groups["topics"][topic].append(mission)
            for factor in self.factors_of(mission):
                groups["factors"][factor].append(mission)
            for fmt in dict.fromkeys(report.assistance.formats):
                groups["formats"][fmt].append(mission)
            groups["cities"][report.city].append(mission)
            groups["regions"][self.region_of(mission)].append(mission)
            groups["years"][str(mission.year)].append(mission)
        groups["years"] = dict(sorted(groups["years"].items(), reverse=True))
        return groups

    def factors_of(self, mission: Mission) -> list[str]:
        """A mission's factors: the secondary ones its report names, each followed by its
        primary factor (once)."""
        return self.content.registry.with_primaries(mission.report.factors)

    def lessons(self, missions: Sequence[Mission], language: str) -> list[Finding]:
        """The best-practices digest of a theme's ``missions`` (one page of them): every lesson,
        translated into the interface ``language`` where a person did it."""
        return [lesson for m in missions for lesson in m.reading(language).findings(("lesson",))]

    def knowledge(self, grouping: str, key: str, missions: Sequence[Mission], language: str
                  ) -> tuple[str, list[Knowledge]]:
        """What a theme's or a factor's ``missions`` (one page of them) learned: their solution
        paths and lessons, under the heritage topic of each mission (its first), or for a
        primary factor under its secondary factor; the largest headings first, then the
        missions with neither. Returns the grouping of the headings and the headings."""
        factors = self.content.registry.vocabulary.factors
        by = "factors" if grouping == "factors" and factors[key].primary is None else "topics"
        parts: dict[str | None, Knowledge] = {}
        for mission in missions:
            if by == "topics":
                keys = mission.report.heritage_topics
            else:
                keys = [k for k in mission.report.factors if factors[k].primary == key]
            heading = keys[0] if keys else None
            part = parts.setdefault(heading, Knowledge(heading))
            found = mission.reading(language).findings(("solution", "lesson"))
            if found:
                part.missions.append((mission, found))
            part.solutions += [f for f in found if f.kind == "solution"]
            part.lessons += [f for f in found if f.kind == "lesson"]
        ranked = sorted((p for p in parts.values() if p.size), key=lambda p: (p.key is None, -p.size, p.key or ""))
        return by, ranked

    def coverage(self) -> dict[str, dict[str, int]]:
        """Missions by region x theme, so the Secretariat sees the gaps."""
        table = {region: dict.fromkeys(self.by["themes"], 0) for region in self.by["regions"]}
        for mission in self.missions:
            for theme in dict.fromkeys(mission.report.themes):
                table[self.region_of(mission)][theme] += 1
        return table

    def same_city(self, mission: Mission, limit: int = RELATED) -> list[Mission]:
        """Other missions in the city, newest first (a page reads the first few, not the city's
        hundreds at 10,000 reports)."""
        return list(islice((m for m in self.by["cities"][mission.report.city] if m is not mission), limit))

    def same_themes(self, mission: Mission, limit: int = RELATED) -> list[Mission]:
        """Other missions sharing a theme (another city's), most shared themes first, then newest.

        Only the newest few of each theme are candidates, so a page costs the same at any size.
        """
        themes = set(mission.report.themes)
        candidates: dict[str, Mission] = {}
        for theme in themes:
            taken = 0
            for other in self.by["themes"][theme]:
                if other is mission or other.report.city == mission.report.city:
                    continue
                candidates[other.slug] = other
                taken += 1
                if taken >= limit * 4:
                    break
        ranked = sorted(candidates.values(), key=lambda m: (
            -len(themes.intersection(m.report.themes)), -m.report.date.toordinal(), m.slug))
        return ranked[:limit]

    def subjects(self, mission: Mission) -> frozenset[tuple[str, str]]:
        """What a mission is about: its themes, heritage topics and factors (its secondary
        factors and their primaries), as (grouping, key); made once a mission (each page's
        related lessons compare it with many others)."""
        known = self._subjects.get(mission.slug)
        if known is None:
            report = mission.report
            known = self._subjects[mission.slug] = frozenset({
                *(("themes", k) for k in report.themes), *(("topics", k) for k in report.heritage_topics),
                *(("factors", k) for k in self.factors_of(mission))})
        return known

    def related_lessons(self, mission: Mission, language: str, limit: int = RELATED_LESSONS) -> list[Finding]:
        """Lessons of other missions that share the most subjects with ``mission``, translated
        into ``language`` where a person did it.

        The ranking: score = the number of subjects shared (themes, heritage topics and factors,
        a secondary factor and its primary counting one each); the higher first, ties by the other
        mission's date (newest first), then its slug, then the lesson's number. At most
        ``LESSONS_PER_MISSION`` lessons of one mission. Candidates are the ``CANDIDATES`` newest
        other missions with lessons of each subject, so a page costs the same at any size.
        """
        known = self._related.get((mission.slug, language))
        if known is not None:
            return known[:limit]
        subjects = self.subjects(mission)
        candidates: dict[str, Mission] = {}
        for grouping, key in sorted(subjects):
            taken = 0
            for other in self.by[grouping][key]:
                if other.slug == mission.slug or not other.report.lessons:
                    continue
                candidates[other.slug] = other
                taken += 1
                if taken >= CANDIDATES:
                    break
        ranked = sorted(candidates.values(), key=lambda m: (
            -len(subjects & self.subjects(m)), -m.report.date.toordinal(), m.slug))
        found: list[Finding] = []
        for other in ranked:
            if len(found) >= RELATED_LESSONS:
                break
            found += other.reading(language).findings(("lesson",))[:LESSONS_PER_MISSION]
        self._related[(mission.slug, language)] = found[:RELATED_LESSONS]
        return found[:limit]

    @cached_property
    def countries(self) -> set[str]:
        return {self.content.registry.cities[m.report.city].country for m in self.missions}
