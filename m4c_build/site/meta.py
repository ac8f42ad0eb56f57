"""What a site engine's templates receive as a page's meta: built by m4c from checked values only.

MkDocs renders its theme with autoescape off, and Material prints ``page.meta.title``,
``page.meta.description`` and navigation titles as they are. So every text from content that
goes into a page's meta is escaped here, once, as ``Markup``: a template that escapes (m4c's,
with ``| e``) leaves it as it is, one that does not prints it safely. Nothing an author writes
picks a key: a programme page's meta holds its ``PageMeta`` values and nothing else, and
internal keys (``m4c``, ``m4c_*``) are set only by m4c's generators.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from m4c_build.model import PageText
from m4c_build.outputs.cards import Picture, page_card


def text(value: str) -> Markup:
    """Plain text from content, escaped for any template."""
    return escape(value)


def generated_meta(title: str, description: str, kind: str, *, has_toc: bool,
                   extra: dict[str, Any]) -> dict[str, Any]:
    """The meta of a page m4c generates: ``extra`` holds the generators' own ``m4c_*`` keys."""
    hide = ["navigation"] if has_toc else ["navigation", "toc"]
    return {"title": text(title), "description": text(description), "m4c": kind, "hide": hide, **extra}


def programme_meta(page: PageText, *, path: str, language: str, base_url: str,
                   languages: Sequence[str] = ()) -> dict[str, Any]:
    """The meta of a programme page in one language: its checked front matter, escaped, and its
    link preview (``outputs.cards``: plain values the theme escapes) at site path ``path``."""
    meta: dict[str, Any] = {"title": text(page.title)}
    description = " ".join((page.meta.description or "").split())
    if description:
        meta["description"] = text(description)
    if page.meta.hide:
        meta["hide"] = list(page.meta.hide)
    picture = Picture(page.meta.image, page.title) if page.meta.image else None
    meta["m4c_og"] = page_card(title=page.title, description=description, path=path, language=language,
                               base_url=base_url, languages=languages, picture=picture)
    return meta
