"""The statistics page: the programme's figures, counted from the published missions, as charts.

Counted from the validated content with the readings the open data makes of it
(``outputs/opendata.py``): a mission's year and days from its ``date`` and ``end_date``, its
region from its city, its primary factors from ``Registry.primary_factors`` (a mission counts
once under each), an expert's ``international``. So every number of the page is one that a
reader of ``missions.json`` finds (a test counts the published file and compares). The keys are
counted once for every language; ``charts`` names them in one.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from m4c_build.followup import OnTime, actions, on_time
from m4c_build.outputs.charts import BarChart, bar_chart
from m4c_build.schema.classes import MISSION_TYPES
from m4c_build.site import urls
from m4c_build.site.context import Site
from m4c_build.site.groups import Groups


@dataclass(frozen=True)
class Counts:
    """The figures of the published missions, by key (language-free)."""

    groups: Groups
    today: dt.date
    """The day follow-up is looked at on (the site's ``today``): what is overdue."""

    @cached_property
    def years(self) -> dict[int, tuple[int, int]]:
        """Year -> (missions, mission days), every year from the first to the last (a year
        without a mission is a gap worth seeing), oldest first."""
        missions = self.groups.missions
        if not missions:
            return {}
        counted: dict[int, tuple[int, int]] = {}
        for mission in missions:
            n, days = counted.get(mission.year, (0, 0))
            counted[mission.year] = (n + 1, days + mission.days)
        return {year: counted.get(year, (0, 0)) for year in range(min(counted), max(counted) + 1)}

    def by(self, grouping: str) -> dict[str, int]:
        """Missions of each key of ``grouping`` (themes, topics, regions, formats; factors: the
        primary ones only), every key of the registry present."""
        groups = self.groups.by[grouping]
        if grouping == "factors":
            factors = self.groups.content.registry.vocabulary.factors
            return {key: len(missions) for key, missions in groups.items() if factors[key].primary is None}
        return {key: len(missions) for key, missions in groups.items()}

    @cached_property
    def types(self) -> dict[str, int]:
        counted: Counter[str] = Counter(m.report.type for m in self.groups.missions)
        return {key: counted[key] for key in MISSION_TYPES}

    @cached_property
    def experts(self) -> dict[str, int]:
        """International and local experts, each counted once in every mission they took part in."""
        international = sum(e.international for m in self.groups.missions for e in m.report.experts)
        every = sum(len(m.report.experts) for m in self.groups.missions)
        return {"international": international, "local": every - international}

    @property
    def missions(self) -> int:
        return len(self.groups.missions)

    @property
    def days(self) -> int:
        return sum(m.days for m in self.groups.missions)

    @cached_property
    def cities(self) -> int:
        """Cities with at least one published mission."""
        return sum(1 for missions in self.groups.by["cities"].values() if missions)

    @cached_property
    def repeated_cities(self) -> int:
        """Cities with more than one."""
        return sum(1 for missions in self.groups.by["cities"].values() if len(missions) > 1)

    @property
    def countries(self) -> int:
        return len(self.groups.countries)

    @cached_property
    def follow_up(self) -> OnTime:
        """How follow-up kept its dates (``followup.on_time``: the follow-up board's count)."""
        return on_time(actions(self.groups.content, self.today))

    @property
    def factors_in_use(self) -> bool:
        """Some published report names a factor: else the factors' chart would be all zeros."""
        return any(self.groups.by["factors"].values())


@dataclass(frozen=True)
class Row:
    """A chart's row: its key, its label in the page's language, its numbers (the first is the
    bar's) and the site address of its page, if it has one."""

    key: str
    label: str
    values: tuple[int, ...]
    href: str | None = None


@dataclass(frozen=True)
class Chart:
    """One chart and its table: the same rows."""

    id: str
    """Its anchor on the page ('chart-themes')."""
    title: str
    heading: str
    """The header of the labels' column."""
    columns: tuple[str, ...]
    """The headers of the numbers' columns; the first is the bar's."""
    rows: tuple[Row, ...]
    geometry: BarChart
    note: str = ""


def _chart(site: Site, id: str, title: str, heading: str, columns: tuple[str, ...], rows: list[Row],
           note: str = "", bar_label: dict[str, str] | None = None) -> Chart:
    """A chart of ``rows`` (its bars' texts: their labels, or ``bar_label``'s text by key)."""
    t = site.t
    geometry = bar_chart([((bar_label or {}).get(row.key, row.label), row.values[0], t.number(row.values[0]))
                          for row in rows])
    return Chart(f"chart-{id}", title, heading, columns, tuple(rows), geometry, note)


def _ranked(site: Site, grouping: str, counts: dict[str, int], linked: bool = True) -> list[Row]:
    """A row per key, the most missions first, then by label."""
    rows = [Row(key, site.label(grouping, key), (n,), urls.group_url(grouping, key) if linked and n else None)
            for key, n in counts.items()]
    return sorted(rows, key=lambda row: (-row.values[0], row.label.casefold()))


def charts(site: Site, counts: Counts) -> list[Chart]:
    """Every chart of the statistics page, in the page's language."""
    t = site.t
    missions = t("missions")
    years = [Row(str(year), str(year), (n, days), urls.group_url("years", str(year)) if n else None)
             for year, (n, days) in counts.years.items()]
    found = [
        _chart(site, "years", t("stat_by_year"), t("year"), (missions, t("stat_days")), years,
               bar_label={row.key: t.plural("stat_year_bar", row.values[0], year=row.key,
                                            days=t.plural("day_count", row.values[1], n=t.number(row.values[1])))
                          for row in years}),
        _chart(site, "regions", t("stat_by_region"), t("region"), (missions,),
               _ranked(site, "regions", counts.by("regions"))),
        _chart(site, "themes", t("stat_by_theme"), t("theme"), (missions,),
               _ranked(site, "themes", counts.by("themes")), note=t("stat_themes_note")),
        _chart(site, "topics", t("stat_by_topic"), t("topic"), (missions,),
               _ranked(site, "topics", counts.by("topics")), note=t("stat_topics_note")),
    ]
    if counts.factors_in_use:
        found.append(_chart(site, "factors", t("stat_by_factor"), t("factor"), (missions,),
                            _ranked(site, "factors", counts.by("factors")), note=t("stat_factor_note")))
    found += [
        _chart(site, "formats", t("stat_by_format"), t("format"), (missions,),
               _ranked(site, "formats", counts.by("formats"), linked=False), note=t("stat_formats_note")),
        _chart(site, "types", t("stat_by_type"), t("type"), (missions,),
               sorted((Row(key, t(f"type_{key}"), (n,)) for key, n in counts.types.items()),
                      key=lambda row: -row.values[0])),
        _chart(site, "follow-up", t("stat_follow_up"), t("follow_up"), (t("stat_actions"),),
               [Row("on-time", t("stat_on_time"), (counts.follow_up.on_time,)),
                Row("late", t("stat_late"), (counts.follow_up.late,)),
                Row("overdue", t("state_overdue"), (counts.follow_up.overdue,),
                    urls.followup_url() + "?state=overdue" if counts.follow_up.overdue else None)],
               note=t("stat_follow_up_note", date=t.date(site.settings.today))),
        _chart(site, "experts", t("experts"), t("experts"), (t("stat_number"),),
               [Row("international", t("international_experts"), (counts.experts["international"],)),
                Row("local", t("local_experts"), (counts.experts["local"],))],
               note=t("stat_experts_note")),
    ]
    return found
