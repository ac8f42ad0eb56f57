"""The generated pages: validated content in, page texts out (no site engine here).

``build_pages`` returns every generated page (home, catalogue, one page per published mission,
the grouping pages and their indexes, the field reference); an engine adapter only places them.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment

from m4c_build.followup import counts
from m4c_build.i18n.texts import Strings
from m4c_build.model import FINDINGS, Content, Finding, Mission
from m4c_build.outputs.citations import citations
from m4c_build.parallel import run_jobs
from m4c_build.site import followup, urls
from m4c_build.site.cache import PageCache
from m4c_build.site.context import Site, SiteSettings
from m4c_build.site.groups import GROUPINGS, Groups
from m4c_build.site.lessons import context as transfers
from m4c_build.site.lessons import facet_labels, findings, mark, mark_texts
from m4c_build.site.packing import pack, unpack
from m4c_build.site.paging import Paging, split
from m4c_build.site.reference import field_reference
from m4c_build.site.render import make_environment, prerender, render, render_markdown
from m4c_build.site.statistics import Counts, charts
from m4c_build.site.takeaway import BOARD, CATALOGUE, EXPLORER
from m4c_build.site.years import Review, reviews

REFERENCE_PAGE = urls.REFERENCE_PAGE


@dataclass(frozen=True)
class SitePage:
    src_uri: str
    """Where the page stands as if it were a Markdown file: 'missions/x.md'."""
    title: str
    packed: bytes
    """The page's HTML, compressed (``packing``): an engine holds every page from generation to
    writing; ``html`` gives it back."""
    kind: str
    """home, catalogue, mission, group, group-index, reference, lessons (the explorer's first
    page), lessons-page (its others), followup (the follow-up board's first page),
    followup-page (its others), statistics."""
    description: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    markdown: str | None = None
    """The page's Markdown source when it has one (the field reference): an engine may render
    it itself, with its own table of contents, instead of taking ``html``."""
    updated: dt.date | None = None
    """The day what the page shows last changed (sitemaps' lastmod), from the content's own
    dates, so that a build of unchanged content dates its pages the same: a mission's last day
    (as its feed entry's ``updated``); the newest of those of the missions a page lists."""
    heading: bool = False
    """The page's HTML has its own ``<h1>`` (else the engine's theme gives it the title's)."""

    @property
    def url(self) -> str:
        return urls.page_url(self.src_uri)

    @property
    def html(self) -> str:
        return unpack(self.packed)


@dataclass(frozen=True)
class BuildSummary:
    """How much a build publishes, for the closing line the Secretariat reads."""

    missions: int
    themes: int
    cities: int
    drafts: int

    def __str__(self) -> str:
        return (f"published {self.missions} missions, {self.themes} themes, {self.cities} cities; "
                f"{self.drafts} drafts held back")


_LINKS = urls.Links()

KNOWLEDGE = ("themes", "factors")
"""Groupings whose pages lead with what their missions learned (``Groups.knowledge``)."""

MAPPED = ("cities", "regions")
"""Groupings whose pages show their place on the world basemap (and the home page does)."""


def _map_meta(settings: SiteSettings) -> dict[str, Any]:
    """What a page with a map tells the theme: nothing, unless a tile layer is configured, in
    which case the theme loads m4c-map.js (which then loads Leaflet) and passes it the layer."""
    if not settings.map_tiles:
        return {}
    return {"m4c_map": {"tiles": settings.map_tiles, "attribution": settings.map_attribution}}


def _page(site: Site, env: Environment, src_uri: str, template: str, title: str, kind: str,
          description: str = "", meta: dict[str, Any] | None = None, updated: dt.date | None = None,
          **context: Any) -> SitePage:
    url = urls.page_url(src_uri)

    def rel(target: str) -> str:
        return urls.relative(target, url)

    html = render(env, template, site=site, t=site.t, rel=rel, url=_LINKS, page_url=url, title=title,
                  markdown=render_markdown, once=site.fragments.for_page(url), **context)
    return SitePage(src_uri=src_uri, title=title, packed=pack(html), kind=kind, description=description,
                    meta=meta or {}, updated=updated, heading="<h1" in html)


def newest(missions: Sequence[Mission]) -> dt.date | None:
    """The last day of the most recent of ``missions`` (None without any)."""
    return max((mission.end for mission in missions), default=None)


MISSION_IDS = frozenset({"issue", "lessons", "results", "success-factors", "transferability", "plan", "people",
                         "assistance", "programme", "narrative", "photos", "solutions", "difficulties",
                         "follow-up", "cite"})
"""The ids of a mission page's sections (templates/m4c/mission.html): a narrative's headings
may not take them, nor a record's (``sanitize.RECORD_ID``)."""

NARRATIVE_LEVEL = 2
"""The heading level a report's narrative starts at on its page (under the page's h2 sections)."""


def prerender_narratives(content: Content, workers: int) -> None:
    """Render every published report's narrative now, in ``workers`` processes (``prerender``):
    the same HTML in every language, so a several-language build renders it once, before it
    forks the languages."""
    prerender(((mission.body, NARRATIVE_LEVEL, MISSION_IDS) for mission in content.public_missions), workers)


def _mission_page(site: Site, env: Environment, mission: Mission) -> SitePage:
    report = mission.report
    language = site.settings.language
    reading = mission.reading(language)
    kinds = [kind for kind, name in FINDINGS.items() if getattr(report, name)]
    return _page(
        site, env, urls.mission_source(mission.slug), "mission.html", reading.title, "mission",
        description=reading.summary,
        meta={"m4c_lightbox": bool(report.photos), "m4c_cite": True}, updated=mission.end,
        mission=mission, report=report, reading=reading, city_record=site.city(report.city),
        narrative_level=NARRATIVE_LEVEL, page_ids=MISSION_IDS, record_kinds=kinds,
        written=[kind for kind in kinds if reading.lang(FINDINGS[kind]) != language],
        citations=citations(mission, site.registry, site.settings.base_url, site.settings.language,
                            site.settings.today),
    )


def _group_page(site: Site, env: Environment, grouping: str, key: str, label: str, map_meta: dict[str, Any],
                paging: Paging, missions: Sequence[Mission], review: Review | None = None) -> SitePage:
    """One page of a group: its ``missions`` out of the group's; a year's first page opens with
    its ``review``."""
    everyone = site.groups.by[grouping][key]
    # Pages 2+ say which page they are in their title, so tabs and search results differ.
    title = label if paging.number == 1 else site.t("page_title", title=label, page=paging.number,
                                                     pages=paging.count)
    meta = map_meta if grouping in MAPPED else None
    if review is not None:
        meta = {**map_meta, "m4c_charts": True}
    return _page(
        site, env, urls.group_source(grouping, key, paging.number), "group.html", title, "group",
        description=site.description(grouping, key), grouping=grouping, key=key,
        meta=meta, updated=newest(everyone),
        label=label, paging=paging, group_missions=everyone, missions=missions,
        knowledge=(site.groups.knowledge(grouping, key, missions, site.settings.language)
                   if grouping in KNOWLEDGE else None), review=review,
    )


def _statistics_page(site: Site, env: Environment) -> SitePage:
    """The programme in figures (``site.statistics``)."""
    t = site.t
    counts = Counts(site.groups, site.settings.today)
    return _page(site, env, urls.STATISTICS_PAGE, "statistics.html", t("statistics"), "statistics",
                 description=t("statistics_intro"), meta={"m4c_charts": True},
                 updated=newest(site.groups.missions), counts=counts, charts=charts(site, counts))


def _lessons_page(site: Site, env: Environment, paging: Paging, found: Sequence[Finding],
                  updated: dt.date | None, labels: dict[str, dict[str, str]]) -> SitePage:
    """One page of the lessons explorer: ``found``, each with its mark; the last record of each
    mission on the page with the mission's context (what transfers), which its other records
    share: once per mission, the page stays light."""
    t = site.t
    language = site.settings.language
    last = {id(f.mission): i for i, f in enumerate(found)}
    cards = [(f, mark(site, f), transfers(f.mission, language) if last[id(f.mission)] == i else None)
             for i, f in enumerate(found)]
    title = t("explorer") if paging.number == 1 else t("page_title", title=t("explorer"), page=paging.number,
                                                        pages=paging.count)
    return _page(site, env, urls.lessons_source(paging.number), "lessons.html", title,
                 "lessons" if paging.number == 1 else "lessons-page", description=t("explorer_intro"),
                 meta={"m4c_search": True, "m4c_takeaway": True}, updated=updated, paging=paging, cards=cards,
                 labels=labels, marks=mark_texts(site), takeaway=EXPLORER)


def _lessons_jobs(site: Site, env: Environment) -> list[PageJob]:
    """The explorer's pages: every published record once, ``records_per_page`` to a page."""
    missions = site.groups.missions
    updated = newest(missions)
    labels = facet_labels(site)  # the same on every page
    return [PageJob(partial(_lessons_page, site, env, paging, found, updated, labels),
                    partial(_lessons_key, site, paging.number, paging.count, found))
            for paging, found in split(findings(missions, site.settings.language), site.settings.records_per_page)]


def _lessons_key(site: Site, number: int, count: int, found: Sequence[Finding], cache: PageCache) -> str:
    return cache.lessons_key(site, number, count, found)


def _followup_jobs(site: Site, env: Environment) -> list[Callable[[], SitePage]]:
    """The follow-up board's pages: every published action once, in the board's order, a
    bounded number to a page (``followup.per_page``); the counts by state and the facets' labels
    the same on every page."""
    t = site.t
    found = site.followup
    total = counts(found)
    labels = followup.facet_labels(site)
    updated = newest(site.groups.missions)
    pages: list[Callable[[], SitePage]] = []
    for paging, rows in split(found, followup.per_page(site)):
        title = t("board") if paging.number == 1 else t("page_title", title=t("board"), page=paging.number,
                                                           pages=paging.count)
        pages.append(partial(_page, site, env, urls.followup_source(paging.number), "followup.html", title,
                             "followup" if paging.number == 1 else "followup-page", description=t("board_intro"),
                             meta={"m4c_board": True, "m4c_takeaway": True}, updated=updated, paging=paging,
                             sections=followup.sections(rows), counts=total, labels=labels,
                             facets=[(name, t(label)) for name, label in followup.FACETS.items()],
                             params=" ".join(followup.HIDDEN_FACETS),
                             row_texts=partial(followup.texts, site), takeaway=BOARD))
    return pages


@functools.cache
def _reference_page(language: str) -> SitePage:
    """The field reference: made of the schema alone, so made once per language and process
    (a preview's rebuilds reuse it)."""
    reference = field_reference(language)
    return SitePage(
        src_uri=REFERENCE_PAGE, title=reference.splitlines()[0].lstrip("# "), kind="reference",
        packed=pack(render_markdown(reference, baselevel=1)),
        description=Strings(language)("reference_intro"), markdown=reference,
    )


PARALLEL_FROM = 400
"""Missions from which their pages are rendered in several processes (below, starting them
costs more than it saves)."""


@dataclass(frozen=True)
class PageJob:
    """One generated page still to render."""

    render: Callable[[], SitePage]
    key: Callable[[PageCache], str] | None = None
    """Its key in a preview's page cache (``PageCache``): None for a page rendered every time."""


def page_jobs(site: Site, env: Environment) -> list[PageJob]:
    """Every generated page of the site as a job, in a stable order: the home page, the
    catalogue, each mission, the lessons explorer, the follow-up board, the field reference, the
    statistics, then each grouping's index and pages."""
    settings = site.settings
    t = site.t
    missions = site.groups.missions
    map_meta = _map_meta(settings)
    jobs = [
        PageJob(partial(_page, site, env, "index.md", "home.html", t("site_name"), "home",
                        description=t("home_intro"), meta=map_meta, updated=newest(missions), missions=missions)),
        PageJob(partial(_page, site, env, "missions/index.md", "catalogue.html", t("missions"), "catalogue",
                        description=t("search_intro"), meta={"m4c_search": True, "m4c_takeaway": True},
                        updated=newest(missions), missions=missions, takeaway=CATALOGUE)),
    ]
    jobs += [PageJob(partial(_mission_page, site, env, mission), partial(_mission_key, site, mission))
             for mission in missions]
    jobs += _lessons_jobs(site, env)
    jobs += [PageJob(render) for render in _followup_jobs(site, env)]
    jobs += [PageJob(partial(_reference_page, settings.language)), PageJob(partial(_statistics_page, site, env))]
    years = reviews(site)
    for grouping in GROUPINGS:
        keys = site.sorted_keys(grouping)
        jobs.append(PageJob(partial(_page, site, env, urls.group_source(grouping), "group_index.html", t(grouping),
                                    "group-index", updated=newest(missions), grouping=grouping, keys=keys)))
        for key in keys:
            label = site.label(grouping, key)
            for paging, missions_here in split(site.groups.by[grouping][key], settings.per_page):
                review = years[key] if grouping == "years" and paging.number == 1 else None
                render = partial(_group_page, site, env, grouping, key, label, map_meta, paging, missions_here,
                                 review)
                jobs.append(PageJob(render, partial(_group_key, site, grouping, key, paging.number,
                                                    review.fingerprint() if review else "")))
    return jobs


def _mission_key(site: Site, mission: Mission, cache: PageCache) -> str:
    return cache.mission_key(site, mission)


def _group_key(site: Site, grouping: str, key: str, number: int, extra: str, cache: PageCache) -> str:
    return cache.group_key(site, grouping, key, number, extra)


def build_pages(content: Content, settings: SiteSettings | None = None,
                overrides: Sequence[Path] = (), cache: PageCache | None = None,
                workers: int = 1) -> list[SitePage]:
    """Every generated page of the site, in a stable order (``page_jobs``)."""
    return generate(content, settings, overrides, cache, workers)[0]


def generate(content: Content, settings: SiteSettings | None = None, overrides: Sequence[Path] = (),
             cache: PageCache | None = None, workers: int = 1,
             also: Sequence[Callable[[Site], Any]] = ()) -> tuple[list[SitePage], list[Any]]:
    """Every generated page of the site, and the results of ``also`` (more work of the build,
    done beside the pages: the open data..., each given the pages' ``Site``).

    A preview passes the ``cache`` of its previous build: mission and grouping pages whose
    inputs did not change are taken from it instead of rendered again. ``workers`` > 1 renders
    the pages of a large site and runs ``also`` in that many forked processes (without a cache: a
    preview has threads, which fork does not copy); the pages are the same.
    """
    settings = settings or SiteSettings()
    site = Site(content, settings)
    env = make_environment(overrides)
    if cache is not None:
        cache.start(site, overrides)
    jobs = page_jobs(site, env)
    if cache is not None:
        pages = [cache.page(job.key(cache), job.render) if job.key else job.render() for job in jobs]
        cache.finish()
        return pages, [work(site) for work in also]
    if workers > 1 and len(site.groups.missions) >= PARALLEL_FROM:
        # the longest jobs (the open data) first, so that no core waits for one at the end
        todo: list[Callable[[], Any]] = [*(partial(job, site) for job in also), *(job.render for job in jobs)]
        done = run_jobs(todo, workers, alone=len(also))
        return done[len(also):], done[:len(also)]
    return [job.render() for job in jobs], [work(site) for work in also]


def summarize(content: Content) -> BuildSummary:
    groups = Groups(content)
    return BuildSummary(
        missions=len(groups.missions),
        themes=sum(1 for missions in groups.by["themes"].values() if missions),
        cities=sum(1 for missions in groups.by["cities"].values() if missions),
        drafts=len(content.drafts),
    )

