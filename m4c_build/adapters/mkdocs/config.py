"""The m4c plugin's options in mkdocs.yml, typed and checked when MkDocs loads its configuration."""

from __future__ import annotations

import datetime as dt
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from m4c_build.schema.classes import LANGUAGES
from m4c_build.site.paging import PAGE_SIZE


class IsoDate(base.BaseConfigOption[dt.date | None]):
    """A day written YYYY-MM-DD; a wrong one is a configuration error naming the option."""

    def run_validation(self, value: object) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.date):  # YAML read an unquoted date
            return value
        text = str(value).strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise base.ValidationError(
                f"'{text}' is not a real date: write the day as YYYY-MM-DD, like 2024-03-12"
            ) from None


class TileTemplate(base.BaseConfigOption[str]):
    """A tile URL template: http(s), with {z}, {x} and {y}; empty means no tiles."""

    def run_validation(self, value: object) -> str:
        text = "" if value is None else str(value).strip()
        if not text:
            return ""
        missing = [part for part in ("{z}", "{x}", "{y}") if part not in text]
        if not text.startswith(("https://", "http://")) or missing:
            raise base.ValidationError(
                f"'{text}' is not a tile URL template: write an http(s) address with "
                "{z}, {x} and {y}, like https://tile.openstreetmap.org/{z}/{x}/{y}.png"
            )
        return text


class M4CConfig(base.Config):
    content_dir = c.Type(str, default="content")
    """The content folder (reports, registries, media, pages), relative to mkdocs.yml."""
    language = c.Choice(LANGUAGES, default=LANGUAGES[0])
    """Interface language of this build: one language per site build (Pagefind indexes by it)."""
    site_languages = c.ListOfItems(c.Choice(LANGUAGES), default=[])
    """The languages published side by side, each a complete site under ``<site_dir>/<lang>/`` at
    ``<site_url><lang>/``, with a language switcher and hreflang links between a page's versions.
    ``m4c build`` sets it (one build per language); empty (plain ``mkdocs build``): one language
    at the root of the site, no switcher."""
    licence = c.Type(str, default="")
    """The licence of the published content, named in every page's footer (e.g. CC BY 4.0)."""
    licence_url = c.Type(str, default="")
    """Where the licence's text is; the footer links the licence's name to it."""
    contact_name = c.Type((str, dict), default="")
    """Who answers questions on the programme; replaces {{ contact_name }} in pages. A text, or
    one text per language (``{fr: ..., en: ..., es: ...}``; a missing language uses the first)."""
    contact_email = c.Type(str, default="")
    """The programme's e-mail address; replaces {{ contact_email }} in pages."""
    search = c.Type(bool, default=True)
    """Index the built site with Pagefind (the search box and the catalogue's facets need it)."""
    map_tiles = TileTemplate()
    """Tile server URL template ({z}/{x}/{y}) laid over the built-in world basemap, e.g.
    https://tile.openstreetmap.org/{z}/{x}/{y}.png. Empty (the default): maps are the basemap
    alone, no page loads Leaflet and no request goes to another host."""
    map_attribution = c.Type(str, default="")
    """Attribution the tile server requires, shown on the map as text (needed with map_tiles)."""
    page_size = c.Type(int, default=PAGE_SIZE)
    """Missions on one page of a group (theme, topic, city, region, year); a longer group continues
    on numbered pages (``themes/<key>/page/2/``). At least 1."""
    today = IsoDate()
    """ISO date that counts as today for overdue follow-up items (default: the build day)."""
    editor = c.Type(bool, default=True)
    """Publish the web editor (Decap CMS) under ``admin/``, its form generated from the schema;
    false switches it off (no ``admin/``, no local backend under ``m4c serve``)."""
    editor_repo = c.Type(str, default="")
    """The GitHub repository ('owner/name') the editor saves to, each save a pull request (the
    editorial workflow). Empty: taken from MkDocs' ``repo_url`` when it is a GitHub address; a
    build without either publishes no editor (``m4c serve`` still offers it on the local files)."""
    editor_branch = c.Type(str, default="main")
    """The branch the editor's pull requests go into."""
    editor_auth_url = c.Type(str, default="")
    """The address of the OAuth proxy that logs authors in to GitHub (Decap's ``base_url``, e.g.
    https://m4c-auth.example.org); empty: Netlify's (``https://api.netlify.com``), for a site
    registered there with a GitHub OAuth app."""
    editor_auth_endpoint = c.Type(str, default="")
    """The proxy's path that starts the login (Decap's ``auth_endpoint``; empty: ``auth``)."""


def option_names() -> list[str]:
    """Every option's name, for the documentation check."""
    return [name for name, _ in M4CConfig._schema]


__all__: Any = ["IsoDate", "M4CConfig", "TileTemplate", "option_names"]
