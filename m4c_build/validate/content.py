"""Load and validate a whole content folder: the first phase of the pipeline.

``load_content`` never raises on bad input: every mistake becomes a Problem, and the Content
it returns holds only what passed. Publishing code must refuse to go on when any problem is an
error (``Validation.ok``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from m4c_build.load.text import read_text
from m4c_build.model import Content, Mission, Page
from m4c_build.problems import Problems
from m4c_build.site.sanitize import heading_text
from m4c_build.validate.binding import suggest
from m4c_build.validate.markup import check_markup
from m4c_build.validate.registry import CITIES, VOCABULARY, load_registry
from m4c_build.validate.report import read_report

MISSIONS = "missions"
PAGES = "pages"
RESERVED_PAGES = frozenset({"index", "missions", "themes", "cities", "regions", "topics", "years",
                            "data", "assets", "media", "pagefind", "search", "feeds", "reference",
                            "schema", "downloads", "stylesheets", "404"})
"""First path segments the generated site owns."""


@dataclass
class Validation:
    content: Content | None
    problems: Problems
    files: int

    @property
    def ok(self) -> bool:
        return self.content is not None and not self.problems.errors


class ContentDirError(Exception):
    """The content folder itself is missing: a usage error, not a content problem."""


def _mission_files(root: Path, problems: Problems) -> list[Path]:
    folder = root / MISSIONS
    if not folder.is_dir():
        problems.error(folder, 1, 1, "the missions/ folder is missing", "create content/missions/")
        return []
    files = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.suffix == ".md":
            files.append(path)
        else:
            problems.warning(path, 1, 1, f"'{path.name}' is not a .md file and is not published",
                             "rename it with .md or move it out of missions/")
    return files


def _pages(root: Path, problems: Problems) -> list[Page]:
    folder = root / PAGES
    if not folder.is_dir():
        return []
    pages = []
    for path in sorted(folder.rglob("*.md")):
        src_uri = path.relative_to(folder).as_posix()
        first = src_uri.split("/", 1)[0].removesuffix(".md")
        if first in RESERVED_PAGES:
            problems.error(path, 1, 1, f"pages/{src_uri} would replace a page the site generates",
                           f"rename it: {', '.join(sorted(RESERVED_PAGES))} are taken")
            continue
        text = read_text(path, problems)
        if text is None:
            continue
        check_markup(text, path, 1, problems)
        heading = re.search(r"^#\s+(.+?)\s*#*$", text, re.M)
        # Plain text, whatever the heading holds (entities, raw HTML, emphasis): printed escaped.
        title = (heading_text(heading.group(1)) if heading else "") or path.stem.replace("-", " ").capitalize()
        pages.append(Page(path=path, src_uri=src_uri, title=title))
    return pages


def _same_slug(missions: list[Mission], root: Path, problems: Problems) -> list[Mission]:
    by_slug: dict[str, list[Mission]] = defaultdict(list)
    for mission in missions:
        by_slug[mission.slug].append(mission)
    kept = []
    for slug, group in by_slug.items():
        if len(group) == 1:
            kept.append(group[0])
            continue
        for mission in group:
            others = ", ".join(m.path.relative_to(root).as_posix()
                               for m in group if m is not mission)
            problems.error(mission.path, 1, 1, f"{len(group)} reports would publish at "
                           f"missions/{slug}/: this file and {others}", "rename one of the files")
    return kept


MEDIA = "media"
KNOWN_ENTRIES = frozenset({MISSIONS, PAGES, MEDIA, CITIES, VOCABULARY})
"""What a content folder holds; anything else would be silently left out, so it is flagged."""


def _stray_entries(root: Path, problems: Problems) -> None:
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry.name in KNOWN_ENTRIES:
            continue
        close = suggest(entry.name, KNOWN_ENTRIES)
        guess = f": did you mean '{close}'?" if close else ""
        problems.warning(entry, 1, 1, f"'{entry.name}' is not part of a content folder and is not published{guess}",
                         f"a content folder holds {', '.join(sorted(KNOWN_ENTRIES))}")


def load_content(root: Path) -> Validation:
    """Every problem of a content folder in one run, and the content that passed."""
    if not root.is_dir():
        raise ContentDirError(f"content folder not found: {root}")
    problems = Problems()
    _stray_entries(root, problems)
    loaded_registry = load_registry(root, problems)
    registry = loaded_registry.registry
    files = _mission_files(root, problems)
    loaded: list[Mission] = []
    for path in files:
        result = read_report(path, root, problems, loaded_registry.known)
        if result is not None:
            loaded.append(result[0])  # not the binder: its source map is large and done with
    missions = _same_slug(loaded, root, problems)
    pages = _pages(root, problems)
    checked = len(files) + len(pages) + sum((root / name).is_file() for name in (CITIES, VOCABULARY))
    content = None if registry is None else Content(root=root, registry=registry, missions=missions,
                                                     pages=pages)
    return Validation(content=content, problems=problems, files=checked)
