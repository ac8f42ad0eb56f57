"""Every site address, in one place: pages, missions, groupings, and links between them.

Every page is a folder (``missions/x/``); links between pages are relative so that the site
works under any base path (GitHub Pages project sites included); absolute addresses (feeds,
open data, link previews) join the site's base URL. Addresses are site-relative, without a
leading ``/``.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlencode

from m4c_build.followup import Action
from m4c_build.load.files import MEDIA
from m4c_build.model import Finding, Mission
from m4c_build.site.groups import GROUPINGS

MISSIONS = "missions"
"""The folder of the mission pages and of the catalogue."""
REFERENCE = "reference"
"""The folder of the field reference."""
REFERENCE_PAGE = f"{REFERENCE}/report.md"
"""The field reference for report authors, generated from the schema."""
DATA = "data"
"""Open data and the search terms."""
FEEDS = "feeds"
SCHEMAS = "schema"
"""The JSON Schemas editors use."""
DOWNLOADS = "downloads"
"""The printable forms and the report template."""
ASSETS = "assets"
"""m4c's own style and scripts (``assets/m4c/``), beside Material's."""
ENGINE = frozenset({"index.html", "404.html", "sitemap.xml", "sitemap.xml.gz", "pagefind", "search",
                    "stylesheets"})
"""What the engine writes at the root besides m4c's folders: the home page, MkDocs' sitemaps,
Material's 404 page, Pagefind's index, MkDocs' search index and the project theme's styles."""
LESSONS = "lessons"
"""The folder of the lessons explorer; its page 2 is at ``lessons/page/2/``."""
STATISTICS = "statistics"
"""The folder of the statistics page (the programme's figures as charts)."""
STATISTICS_PAGE = f"{STATISTICS}/index.md"
FOLLOW_UP = "follow-up"
"""The folder of the follow-up board; its page 2 is at ``follow-up/page/2/``."""
FOLLOW_UP_DATA = f"{FOLLOW_UP}/actions.json"
"""What the board's script filters (``site.followup.board_data``)."""
CITATION = "CITATION.cff"
"""How to cite the knowledge base (Citation File Format), at the root of a language's site."""
SITE_ROOT = frozenset({MISSIONS, *GROUPINGS, LESSONS, STATISTICS, FOLLOW_UP, REFERENCE, DATA, FEEDS,
                       SCHEMAS, DOWNLOADS, ASSETS, MEDIA, CITATION.casefold(), *ENGINE})
"""Every entry a build writes at the site's root, in lower case: a content page or picture must
not take one, whatever its case (a host or a checkout may ignore case)."""


def page_url(src_uri: str) -> str:
    """Where a page written as ``src_uri`` is served.

    'index.md' -> '', 'missions/index.md' -> 'missions/', 'missions/x.md' -> 'missions/x/',
    'reindex.md' -> 'reindex/' (only a whole ``index`` segment is an index).
    """
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def mission_source(slug: str) -> str:
    """The page path of a mission, as if it were a Markdown file."""
    return f"{MISSIONS}/{slug}.md"


def mission_url(slug: str) -> str:
    return page_url(mission_source(slug))


PAGES = "page"
"""The folder of a group's numbered pages: page 2 of a theme is at ``themes/<key>/page/2/``."""


def group_source(grouping: str, key: str | None = None, page: int = 1) -> str:
    """The page path of a grouping's index (``key`` None) or of one of its groups; ``page`` 2 and
    after are under the group's folder, so page 1 keeps the group's address."""
    if key is not None and page > 1:
        return f"{grouping}/{key}/{PAGES}/{page}.md"
    return f"{grouping}/{'index' if key is None else key}.md"


def group_url(grouping: str, key: str | None = None, page: int = 1) -> str:
    return page_url(group_source(grouping, key, page))


def lessons_source(page: int = 1) -> str:
    """The page path of the explorer's page ``page`` (page 1 at ``lessons/``)."""
    return f"{LESSONS}/{PAGES}/{page}.md" if page > 1 else f"{LESSONS}/index.md"


def followup_source(page: int = 1) -> str:
    """The page path of the follow-up board's page ``page`` (page 1 at ``follow-up/``)."""
    return f"{FOLLOW_UP}/{PAGES}/{page}.md" if page > 1 else f"{FOLLOW_UP}/index.md"


def followup_url(page: int = 1, mission: str | None = None) -> str:
    """The board's page ``page``, or the board filtered to the actions of the ``mission`` (a slug,
    a key like the facets': ``follow-up/?mission=<slug>``)."""
    url = page_url(followup_source(page))
    return f"{url}?mission={mission}" if mission else url


def action_url(action: Action) -> str:
    """A follow-up action's address: its place on its mission's page (``missions/<slug>/#follow-up-2``)."""
    return f"{mission_url(action.mission.slug)}#{action.anchor}"


def finding_url(finding: Finding) -> str:
    """A lesson's, a solution path's or a difficulty's address: its place on its mission's page
    (``missions/<slug>/#lesson-2``)."""
    return f"{mission_url(finding.mission.slug)}#{finding.anchor}"


def relative(target: str, from_url: str) -> str:
    """The link from the page at ``from_url`` to ``target`` (both site-relative)."""
    if "://" in target or target.startswith(("#", "mailto:")):
        return target
    if from_url.endswith("/") or not from_url:  # every generated page is a folder: the fast way
        return ("../" * from_url.count("/") + target) or "./"
    fragment = ""
    if "#" in target:
        target, fragment = target.split("#", 1)
        fragment = "#" + fragment
    result = posixpath.relpath(target or ".", posixpath.dirname(from_url) or ".")
    if (not target or target.endswith("/")) and not result.endswith("/"):
        result += "/"
    return result + fragment


def absolute(base_url: str, path: str) -> str:
    """'https://x.org/m4c/' + 'missions/a/' -> 'https://x.org/m4c/missions/a/'.

    Without a base URL (no ``site_url``), the site-relative path is all we can give.
    """
    if not base_url:
        return path
    return base_url.rstrip("/") + "/" + path.lstrip("/")


class Links:
    """What templates call as ``url``: site-relative addresses of the things they show."""

    def mission(self, mission: Mission) -> str:
        return mission_url(mission.slug)

    def group(self, grouping: str, key: str | None = None, page: int = 1) -> str:
        return group_url(grouping, key, page)

    def page(self, src_uri: str) -> str:
        return page_url(src_uri)

    def lessons(self, page: int = 1) -> str:
        return page_url(lessons_source(page))

    def lessons_where(self, **filters: str) -> str:
        """The explorer filtered by facet keys ('lessons/?theme=tourism&year=2024'): its facets
        read them from the address, in every language."""
        return f"{page_url(lessons_source())}?{urlencode(filters)}"

    def finding(self, finding: Finding) -> str:
        return finding_url(finding)

    def statistics(self) -> str:
        return page_url(STATISTICS_PAGE)

    def followup(self, page: int = 1, mission: str | None = None) -> str:
        return followup_url(page, mission)

    def action(self, action: Action) -> str:
        return action_url(action)

    def followup_data(self) -> str:
        return FOLLOW_UP_DATA
