"""The page generator: validated content in, page texts out. No MkDocs here.

``build_pages`` returns every generated page (home, catalogue, one page per published mission,
the grouping pages and their indexes); an engine adapter (the MkDocs plugin) only places them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment

from m4c_build.i18n.countries import country_name
from m4c_build.i18n.texts import Strings
from m4c_build.model import Content, Mission
from m4c_build.schema.classes import City, FollowUp, Term
from m4c_build.site.groups import GROUPINGS, Groups
from m4c_build.site.reference import field_reference
from m4c_build.site.render import make_environment, render, render_markdown
from m4c_build.site.urls import relative

VOCABULARY_OF = {"themes": "themes", "topics": "heritage_topics", "regions": "regions",
                 "formats": "assistance_formats"}
"""URL folder of a grouping -> its vocabulary in vocabulary.yml."""

REFERENCE_PAGE = "reference/report.md"
"""The field reference for report authors, generated from the schema."""


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


@dataclass(frozen=True)
class SitePage:
    src_uri: str
    """Where the page stands as if it were a Markdown file: 'missions/x.md'."""
    title: str
    html: str
    kind: str
    """home, catalogue, mission, group, group-index, reference."""
    description: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    markdown: str | None = None
    """The page's Markdown source when it has one (the field reference): an engine may render
    it itself, with its own table of contents, instead of taking ``html``."""

    @property
    def url(self) -> str:
        return url_of(self.src_uri)


def url_of(src_uri: str) -> str:
    """'index.md' -> '', 'missions/index.md' -> 'missions/', 'missions/x.md' -> 'missions/x/'."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@dataclass(frozen=True)
class Published:
    """What a build publishes, for the summary line the Secretariat reads."""

    missions: int
    themes: int
    cities: int
    drafts: int

    def __str__(self) -> str:
        return (f"published {self.missions} missions, {self.themes} themes, {self.cities} cities; "
                f"{self.drafts} drafts held back")


class Site:
    """What templates see as ``site``: labels, links and groupings in the interface language."""

    def __init__(self, content: Content, settings: SiteSettings) -> None:
        self.content = content
        self.settings = settings
        self.t = Strings(settings.language)
        self.groups = Groups(content)
        self.registry = content.registry

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

    def city(self, key: str) -> City:
        return self.registry.cities[key]

    def country(self, code: str) -> str:
        return country_name(code, self.settings.language)

    def region_of(self, mission: Mission) -> str:
        return self.groups.region_of(mission)

    def overdue(self, item: FollowUp) -> bool:
        return item.due is not None and item.status != "done" and item.due < self.settings.today

    def sorted_keys(self, grouping: str) -> list[str]:
        keys = list(self.groups.by[grouping])
        if grouping == "years":
            return keys
        return sorted(keys, key=lambda k: self.label(grouping, k).casefold())


def _page(site: Site, env: Environment, src_uri: str, template: str, title: str, kind: str,
          description: str = "", meta: dict[str, Any] | None = None, **context: Any) -> SitePage:
    url = url_of(src_uri)

    def rel(target: str) -> str:
        return relative(target, url)

    html = render(env, template, site=site, t=site.t, rel=rel, page_url=url, title=title,
                  markdown=render_markdown, **context)
    return SitePage(src_uri=src_uri, title=title, html=html, kind=kind, description=description,
                    meta=meta or {})


def build_pages(content: Content, settings: SiteSettings | None = None,
                overrides: Sequence[Path] = ()) -> list[SitePage]:
    """Every generated page of the site, in a stable order."""
    settings = settings or SiteSettings()
    site = Site(content, settings)
    env = make_environment(overrides)
    t = site.t
    pages: list[SitePage] = []
    missions = site.groups.missions

    pages.append(_page(site, env, "index.md", "home.html", t("site_name"), "home",
                       description=t("home_intro"), meta={"m4c_map": True}, missions=missions))
    pages.append(_page(site, env, "missions/index.md", "catalogue.html", t("missions"), "catalogue",
                       description=t("search_intro"), meta={"m4c_search": True}, missions=missions))
    for mission in missions:
        report = mission.report
        city = site.city(report.city)
        pages.append(_page(
            site, env, f"missions/{mission.slug}.md", "mission.html", report.title, "mission",
            description=mission.summary,
            meta={"m4c_lightbox": bool(report.photos)},
            mission=mission, report=report, city_record=city,
        ))
    reference = field_reference(settings.language)
    pages.append(SitePage(
        src_uri=REFERENCE_PAGE, title=reference.splitlines()[0].lstrip("# "), kind="reference",
        html=render_markdown(reference, baselevel=1),
        description=t("reference_intro"), markdown=reference,
    ))
    for grouping in GROUPINGS:
        keys = site.sorted_keys(grouping)
        pages.append(_page(site, env, f"{grouping}/index.md", "group_index.html", t(grouping),
                           "group-index", grouping=grouping, keys=keys))
        for key in keys:
            label = site.label(grouping, key)
            pages.append(_page(
                site, env, f"{grouping}/{key}.md", "group.html", label, "group",
                description=site.description(grouping, key), grouping=grouping, key=key,
                missions=site.groups.by[grouping][key],
                lessons=site.groups.lessons(key) if grouping == "themes" else [],
            ))
    return pages


def published(content: Content) -> Published:
    groups = Groups(content)
    return Published(
        missions=len(groups.missions),
        themes=sum(1 for missions in groups.by["themes"].values() if missions),
        cities=sum(1 for missions in groups.by["cities"].values() if missions),
        drafts=len(content.drafts),
    )

