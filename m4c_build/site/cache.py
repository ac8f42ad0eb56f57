"""Rendered pages kept from one build to the next of a preview, keyed by what they are made of.

A preview rebuilds the site on every save, and a save changes one report: rendering the
thousand other mission pages again is most of a rebuild. A mission page is made of its own
report, the cards of the missions it lists as related (same city, shared themes), the registry,
the build's settings and the templates; its key is a digest of all of these, so that a page is
taken from the cache only when every input is the same (a changed neighbour, label, template or
day renders it again). A grouping page is made of the missions it lists (and a map's, of every
city's count). The cache keeps only the pages of the latest build.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from m4c_build.model import Finding, Mission
from m4c_build.site.context import Site
from m4c_build.site.render import TEMPLATE_FOLDER

if TYPE_CHECKING:
    from m4c_build.site.pages import SitePage

PACKAGE_TEMPLATES = Path(__file__).parents[1] / "templates"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def file_stats(folders: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """Every file under the folders, by size and modification time (links not followed)."""
    found: dict[str, tuple[int, int]] = {}
    pending = [str(folder) for folder in folders]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            else:
                stat = entry.stat(follow_symlinks=False)
                found[entry.path] = (stat.st_size, stat.st_mtime_ns)
    return found


def templates_fingerprint(folders: Iterable[Path]) -> str:
    """Every file of the template folders by name, size and time: an edited template (or a new
    override) renders every page again."""
    return _digest(*(f"{path}:{size}:{time}" for path, (size, time) in sorted(file_stats(folders).items())))


class PageCache:
    """Pages rendered by a previous build, reused when their inputs are the same."""

    def __init__(self) -> None:
        self._pages: dict[str, SitePage] = {}
        self._kept: dict[str, SitePage] = {}
        self._common = ""
        self._missions: dict[str, str] = {}
        self._digests: dict[int, tuple[Mission, str]] = {}
        """id(mission) -> (mission, its digest), for the missions of the last build."""
        self.rendered = 0
        """Pages rendered by the latest build (the others came from the cache)."""

    def start(self, site: Site, overrides: Sequence[Path]) -> None:
        """Begin a build: what every page depends on, and each mission's own digest."""
        folders = [Path(d) / TEMPLATE_FOLDER for d in overrides]  # where a page's templates come from
        self._common = _digest(repr(site.settings), repr(site.registry),
                               templates_fingerprint([*folders, PACKAGE_TEMPLATES]))
        # A mission the preview's validation kept (its file unchanged) is the same object as in
        # the previous build: its digest is kept with it.
        known, self._digests = self._digests, {}
        for m in site.groups.missions:
            same = known.get(id(m))
            self._digests[id(m)] = same if same is not None and same[0] is m else (m, _digest(repr(m)))
        self._missions = {m.slug: self._digests[id(m)][1] for m in site.groups.missions}
        self._kept = {}
        self.rendered = 0

    def mission_key(self, site: Site, mission: Mission) -> str:
        lessons = site.groups.related_lessons(mission, site.settings.language)
        related = [*site.groups.same_city(mission), *site.groups.same_themes(mission),
                   *{f.mission.slug: f.mission for f in lessons}.values()]
        return _digest(self._common, "mission", self._missions[mission.slug],
                       *(f"{m.slug}:{self._missions[m.slug]}" for m in related))

    def group_key(self, site: Site, grouping: str, key: str, number: int = 1, extra: str = "") -> str:
        """Page ``number`` of a group lists some of its missions as cards and links to its other
        pages (so it depends on all of them); a city's, a region's or a year's map also shows
        how many missions every city has. ``extra``: what else the page shows (a year's review,
        which counts other years' missions)."""
        missions = site.groups.by[grouping][key]
        places = ""
        if grouping in ("cities", "regions", "years"):
            places = repr(sorted((city, len(ms)) for city, ms in site.groups.by["cities"].items()))
        return _digest(self._common, "group", grouping, key, str(number), places, extra,
                       *(f"{m.slug}:{self._missions[m.slug]}" for m in missions))

    def lessons_key(self, site: Site, number: int, count: int, found: Sequence[Finding]) -> str:
        """Page ``number`` of the explorer shows its records' missions, links to ``count`` pages,
        names every country with a mission in its facets and dates itself by the newest mission."""
        missions = dict.fromkeys(f"{f.mission.slug}:{self._missions[f.mission.slug]}" for f in found)
        newest = max((m.end for m in site.groups.missions), default=None)
        return _digest(self._common, "lessons", str(number), str(count), repr(sorted(site.groups.countries)),
                       repr(newest), *(f"{f.anchor}@{f.mission.slug}" for f in found), *missions)

    def page(self, key: str, render: Callable[[], SitePage]) -> SitePage:
        """The page of ``key`` from the previous build, or ``render()``'s."""
        page = self._pages.get(key)
        if page is None:
            page = render()
            self.rendered += 1
        self._kept[key] = page
        return page

    def finish(self) -> None:
        """End a build: keep only its pages, for the next one."""
        self._pages, self._kept = self._kept, {}
