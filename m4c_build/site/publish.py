"""What one site build publishes: pages, navigation, static files, the summary line.

Engine-free: an adapter (the MkDocs plugin today, another engine tomorrow) places these.
Only media referenced by a published mission are published: a draft's photos stay private.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from m4c_build.i18n.texts import Strings
from m4c_build.model import Content
from m4c_build.outputs.files import data_files
from m4c_build.outputs.linkeddata import with_linked_data
from m4c_build.site import followup, urls
from m4c_build.site.cache import PageCache
from m4c_build.site.context import Site, SiteSettings
from m4c_build.site.groups import GROUPINGS
from m4c_build.site.meta import text
from m4c_build.site.pages import REFERENCE_PAGE, BuildSummary, SitePage, generate, summarize
from m4c_build.site.paging import PAGE_SIZE

ASSET_FOLDER = f"{urls.ASSETS}/m4c"


@dataclass(frozen=True)
class Assets:
    css: tuple[str, ...] = (f"{ASSET_FOLDER}/m4c.css",)


ASSETS = Assets()


@dataclass(frozen=True)
class Publication:
    pages: list[SitePage]
    nav: list[dict[str, Any]]
    static_files: dict[str, Path]
    """Site path -> file to copy: the published missions' photos and m4c's own assets."""
    summary: BuildSummary
    data_files: dict[str, str | bytes] = field(default_factory=dict)
    """Site path -> text or bytes: open data, Atom feeds, JSON Schemas, downloads."""

    @cached_property
    def by_src_uri(self) -> dict[str, SitePage]:
        return {page.src_uri: page for page in self.pages}


def contact_tokens(name: str, email: str) -> dict[str, str]:
    """Placeholders a content page may use, so contact details live in one configuration value.
    The address becomes a Markdown ``mailto:`` link, so that a reader can write with one tap."""
    link = f"[{email}](mailto:{quote(email, safe='@')})" if email else ""
    return {"{{ contact_name }}": name, "{{ contact_email }}": link}


def _package_assets() -> dict[str, Path]:
    root = resources.files("m4c_build") / "assets" / "m4c"
    folder = Path(str(root))
    return {f"{ASSET_FOLDER}/{p.relative_to(folder).as_posix()}": p
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _media(content: Content) -> dict[str, Path]:
    """The photos of published missions, among the regular files the walker accepted: a
    draft's photo, or anything a link points at, is never copied."""
    accepted = {p.relative_to(content.root).as_posix(): p
                for p in (content.files.media if content.files else [])}
    return {photo.file: accepted[photo.file] for mission in content.public_missions
            for photo in mission.report.photos if photo.file in accepted}


def _nav(content: Content, t: Strings) -> list[dict[str, Any]]:
    nav: list[dict[str, Any]] = [{t("home"): "index.md"}, {t("missions"): "missions/index.md"},
                                 {t("explorer"): urls.lessons_source()}, {t("board_nav"): urls.followup_source()}]
    nav += [{t(grouping): f"{grouping}/index.md"} for grouping in GROUPINGS]
    nav.append({t("statistics"): urls.STATISTICS_PAGE})
    # An engine prints navigation labels as they are (MkDocs does not autoescape): a page's
    # title is its heading's plain text, so it is escaped here.
    programme: list[dict[str, Any]] = [{text(page.text(t.language).title): page.src_uri}
                                       for page in content.pages]
    programme.append({t("reference_nav"): REFERENCE_PAGE})
    nav.append({t("programme_pages"): programme})
    return nav


def publish(content: Content, *, language: str = "fr", today: dt.date | None = None,
            overrides: Sequence[Path] = (), base_url: str = "", map_tiles: str = "",
            map_attribution: str = "", page_size: int = PAGE_SIZE,
            cache: PageCache | None = None, workers: int = 1, languages: Sequence[str] = (),
            licence: str = "", licence_url: str = "") -> Publication:
    """``base_url`` is the site's address (MkDocs' ``site_url``): feeds and previews need it.
    ``map_tiles`` (a tile URL template) lays a tile layer over the basemap; empty by default.
    ``page_size``: missions on one page of a group. ``cache``: a preview's pages of its previous
    build (``build_pages``). ``workers``: processes rendering the mission pages (``build_pages``).
    ``languages``: the languages the site is published in (each page's card names the others).
    ``licence``, ``licence_url``: the published reports' licence (the open data's package names it)."""
    today = today or dt.date.today()
    settings = SiteSettings(language=language, today=today,
                            map_tiles=map_tiles, map_attribution=map_attribution, per_page=page_size,
                            base_url=base_url)
    also: list[Callable[[Site], Any]] = [
        lambda _: data_files(content, base_url=base_url, language=language, licence=licence,
                             licence_url=licence_url, today=settings.today),
        followup.board_data]
    pages, (files, board) = generate(content, settings, overrides=overrides, cache=cache,
                                              workers=workers, also=also)
    return Publication(
        pages=with_linked_data(pages, content, base_url, language, languages, licence_url),
        nav=_nav(content, Strings(language)),
        static_files={**_media(content), **_package_assets()},
        summary=summarize(content),
        data_files={**files, urls.FOLLOW_UP_DATA: board},
    )
