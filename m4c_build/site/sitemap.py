"""What a sitemap says of each page besides its address: the day its content last changed.

Never the build's day: a search engine told that every page changed at every build learns to
ignore the date. Generated pages carry their content's date (``SitePage.updated``); a page
written by hand, the day its file was last committed (``load.history``); a page with neither
(the field reference) has no ``lastmod``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from m4c_build.model import Page
from m4c_build.site.pages import SitePage


def last_changes(pages: Sequence[SitePage], written: Sequence[Page], language: str,
                 commits: Mapping[Path, dt.date]) -> dict[str, str]:
    """Page source path -> ISO day of its last change, for the pages where it is known; a page
    written by hand is dated by the file ``language`` publishes (its translation, else its source)."""
    days = {page.src_uri: page.updated for page in pages if page.updated is not None}
    for page in written:
        day = commits.get(page.text(language).path.resolve())
        if day is not None:
            days[page.src_uri] = day
    return {src_uri: day.isoformat() for src_uri, day in days.items()}
