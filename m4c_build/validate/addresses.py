"""Addresses: nothing published where the site writes something itself, nor two things at one address.

Each of these, left to the build, makes it refuse with a message naming build paths, crash
writing a file over a folder (``sitemap.xml.md`` against MkDocs' ``sitemap.xml``), or silently
publish one of two pages (``a.md`` and ``a/index.md``): a programme page or picture whose name is
an entry the site writes at its root (``urls.SITE_ROOT``, in any case), two of them at one
address once case is ignored (a host or a checkout may ignore it), a name that is not a clean
address, ``README.md`` (MkDocs publishes it as its folder's index), a registry key whose
group page would be its grouping's index page, and two photos of media/ whose names differ
only in case. ``m4c validate`` says each at its line.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Iterable
from pathlib import Path

from m4c_build.i18n.messages import msg
from m4c_build.load.files import PAGES, ContentFiles
from m4c_build.problems import Problems
from m4c_build.schema.keys import CLEAN_NAME, clean_name
from m4c_build.site import urls
from m4c_build.site.groups import GROUPINGS, VOCABULARY_OF
from m4c_build.validate.binding import Binder

TAKEN = frozenset(entry.split(".", 1)[0] for entry in urls.SITE_ROOT)
"""Names a page's first folder or file may not have, before its first dot and in any case:
'sitemap.xml.md', 'Missions.md' and 'index.en.md' are all taken."""

INDEX_NAME = "README"
"""What MkDocs publishes as its folder's index page, like index.md (``File.name``)."""

GROUPING_OF = {**{vocabulary: grouping for grouping, vocabulary in VOCABULARY_OF.items()
                  if grouping in GROUPINGS}, "cities": "cities"}
"""A registry whose keys are addresses -> the grouping whose pages they name."""


def address(src_uri: str) -> str:
    """The file a page (``x.md`` -> ``x/index.html``) or picture (itself) of pages/ is written to."""
    if src_uri.endswith(".md"):
        return urls.page_url(src_uri) + "index.html"
    return src_uri


def _reserved(parts: list[str], page: bool) -> bool:
    first = parts[0].casefold()
    if page:
        return first.split(".", 1)[0] in TAKEN
    return first in urls.SITE_ROOT  # a picture at the root or in a folder: only the exact entry


def _first_clash(target: str, files: dict[str, str], folders: dict[str, str]) -> str | None:
    """Which file already written takes ``target`` (as a file, a folder or its folder), if any."""
    if target in files or target in folders:
        return files.get(target) or folders[target]
    parent = posixpath.dirname(target)
    while parent:
        if parent in files:
            return files[parent]
        parent = posixpath.dirname(parent)
    return None


def check_page_names(files: ContentFiles, problems: Problems) -> set[Path]:
    """The pages and pictures of pages/ whose own name may be published; an error for each other."""
    folder = files.root / PAGES
    names = ", ".join(sorted(TAKEN))
    named = set()
    for path in [*files.pages, *files.page_assets]:
        src_uri = path.relative_to(folder).as_posix()
        parts = src_uri.split("/")
        page = path.suffix == ".md"
        unclean = [part for part in parts if not CLEAN_NAME.match(part)]
        if unclean:
            clean = "/".join(clean_name(part, "page") for part in parts)
            problems.error(path, 1, 1, msg("page_name", page=src_uri, name=unclean[0]),
                           msg("hint_page_name", name=clean))
        elif _reserved(parts, page):
            if page:
                problems.error(path, 1, 1, msg("reserved_page", page=src_uri),
                               msg("hint_reserved_page", names=names))
            else:
                problems.error(path, 1, 1, msg("reserved_picture", page=src_uri, folder=parts[0]),
                               msg("hint_reserved_picture", names=", ".join(sorted(urls.SITE_ROOT))))
        elif page and posixpath.basename(src_uri) == f"{INDEX_NAME}.md":
            problems.error(path, 1, 1, msg("readme_page", page=src_uri),
                           msg("hint_readme_page", name=posixpath.join(posixpath.dirname(src_uri), "readme.md")))
        else:
            named.add(path)
    return named


def check_page_addresses(files: ContentFiles, named: Collection[Path], sources: Collection[Path],
                         problems: Problems) -> None:
    """No two of the ``named`` pages and pictures of pages/ at one address, case ignored;
    ``sources`` are the pages published at their own address (a translation is published at
    its source's)."""
    folder = files.root / PAGES
    taken_files: dict[str, str] = {}
    taken_folders: dict[str, str] = {}
    for path in sorted(p for p in [*files.pages, *files.page_assets] if p in named):
        if path.suffix == ".md" and path not in sources:
            continue
        src_uri = path.relative_to(folder).as_posix()
        target = address(src_uri).casefold()
        other = _first_clash(target, taken_files, taken_folders)
        if other is not None:
            problems.error(path, 1, 1, msg("same_address", page=src_uri, other=other,
                                           address=address(src_uri)), msg("hint_same_address"))
            continue
        taken_files[target] = src_uri
        parent = posixpath.dirname(target)
        while parent:
            taken_folders.setdefault(parent, src_uri)
            parent = posixpath.dirname(parent)


def check_key_addresses(registry: str, keys: Iterable[str], binder: Binder, at: tuple[str, ...] = ()) -> None:
    """The keys of ``registry`` (read by ``binder``, under ``at``) whose group page is one the
    grouping writes itself: its index (a theme 'index' would be ``themes/``)."""
    grouping = GROUPING_OF.get(registry)
    if grouping is None:
        return
    own = urls.group_url(grouping)
    for key in keys:
        if isinstance(key, str) and urls.group_url(grouping, key) == own:
            binder.error((*at, key), msg("reserved_key", key=key, address=own),
                         msg("hint_reserved_key"), key=True)


def check_media_addresses(files: ContentFiles, problems: Problems) -> None:
    """No two files of media/ whose names differ only in case: a host or a checkout that ignores
    case keeps one of them, and a report shows the other's photo."""
    seen: dict[str, str] = {}
    for path in sorted(files.media):
        name = path.relative_to(files.root).as_posix()
        other = seen.setdefault(name.casefold(), name)
        if other != name:
            problems.error(path, 1, 1, msg("same_media", file=name, other=other), msg("hint_same_address"))
