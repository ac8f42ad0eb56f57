"""Site URLs: every page is a folder ('missions/x/'); links are relative so the site works
under any base path (GitHub Pages project sites included)."""

from __future__ import annotations

import posixpath


def relative(target: str, page_url: str) -> str:
    """The link from the page at ``page_url`` to ``target`` (both site-relative, no leading /)."""
    if "://" in target or target.startswith(("#", "mailto:")):
        return target
    if page_url.endswith("/") or not page_url:  # every generated page is a folder: the fast way
        return ("../" * page_url.count("/") + target) or "./"
    fragment = ""
    if "#" in target:
        target, fragment = target.split("#", 1)
        fragment = "#" + fragment
    base = page_url.rstrip("/") if page_url.endswith("/") or not page_url else posixpath.dirname(page_url)
    result = posixpath.relpath(target or ".", base or ".")
    if (not target or target.endswith("/")) and not result.endswith("/"):
        result += "/"
    return result + fragment
