"""Validate a whole content folder: the walk, the registries, every report and page.

``validate_content`` never raises on bad input: every mistake becomes a Problem, and the
Content it returns holds only what passed. Publishing code must refuse to go on when any
problem is an error (``Validation.ok``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from m4c_build.errors import ContentDirError
from m4c_build.load.files import KNOWN_ENTRIES, PAGES, ContentFiles, walk_content
from m4c_build.load.text import read_text
from m4c_build.load.titles import plain_title
from m4c_build.model import PAGE_SOURCE, Content, Mission, Page, PageText, page_order
from m4c_build.problems import Problems
from m4c_build.schema.classes import LANGUAGES
from m4c_build.validate.binding import suggest
from m4c_build.validate.markup import check_markdown
from m4c_build.validate.registry import load_registry
from m4c_build.validate.report import read_report

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


LANGUAGE_NAMES = {"fr": "French", "en": "English", "es": "Spanish"}
"""The languages as the validator's (English) messages name them."""


def _translation_of(src_uri: str) -> tuple[str, str] | None:
    """'programme.en.md' -> ('programme.md', 'en'); None for a source page."""
    stem = src_uri.removesuffix(".md")
    base, dot, language = stem.rpartition(".")
    if dot and base and language in LANGUAGES and language != PAGE_SOURCE:
        return base + ".md", language
    return None


def _pages(files: ContentFiles, problems: Problems) -> list[Page]:
    """The source pages with their translations; a missing translation is a warning (the build
    shows the French page with a note), a translation without its source is not published."""
    folder = files.root / PAGES
    sources: dict[str, Page] = {}
    translations: list[tuple[str, str, PageText]] = []
    for path in files.pages:
        src_uri = path.relative_to(folder).as_posix()
        first = src_uri.split("/", 1)[0].removesuffix(".md").split(".", 1)[0]
        if first in RESERVED_PAGES:
            problems.error(path, 1, 1, f"pages/{src_uri} would replace a page the site generates",
                           f"rename it: {', '.join(sorted(RESERVED_PAGES))} are taken")
            continue
        text = read_text(path, problems)
        if text is None:
            continue
        check_markdown(text, path, 1, problems)
        title = plain_title(text, path.stem)
        translated = _translation_of(src_uri)
        if translated:
            translations.append((*translated, PageText(path=path, title=title)))
        else:
            sources[src_uri] = Page(path=path, src_uri=src_uri, title=title)
    for source_uri, language, translation in translations:
        page = sources.get(source_uri)
        if page is None:
            problems.warning(translation.path, 1, 1, f"'{translation.path.name}' translates pages/"
                             f"{source_uri}, which does not exist: it is not published",
                             f"add the French page pages/{source_uri}, or fix this file's name")
            continue
        page.translations[language] = translation
    for page in sources.values():
        for language in LANGUAGES:
            if not page.is_translated(language):
                name = LANGUAGE_NAMES[language]
                problems.warning(page.path, 1, 1, f"pages/{page.src_uri} has no {name} translation: "
                                 f"the {name} site shows the French page with a note",
                                 f"write pages/{page.src_uri.removesuffix('.md')}.{language}.md")
    return sorted(sources.values(), key=page_order)


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


def _stray_entries(files: ContentFiles, problems: Problems) -> None:
    for entry in files.others:
        close = suggest(entry.name, KNOWN_ENTRIES)
        guess = f": did you mean '{close}'?" if close else ""
        problems.warning(entry, 1, 1, f"'{entry.name}' is not part of a content folder and is not published{guess}",
                         f"a content folder holds {', '.join(sorted(KNOWN_ENTRIES))}")


def validate_content(root: Path) -> Validation:
    """Every problem of a content folder in one run, and the content that passed."""
    if not root.is_dir():
        raise ContentDirError(f"content folder not found: {root}")
    problems = Problems()
    files = walk_content(root, problems)
    _stray_entries(files, problems)
    loaded_registry = load_registry(files, problems)
    registry = loaded_registry.registry
    loaded: list[Mission] = []
    for path in files.missions:
        result = read_report(path, files, problems, loaded_registry.known)
        if result is not None:
            loaded.append(result[0])  # not the binder: its source map is large and done with
    missions = _same_slug(loaded, files.root, problems)
    pages = _pages(files, problems)
    checked = (len(files.missions) + sum(1 + len(p.translations) for p in pages)
               + len(files.registries))
    content = None if registry is None else Content(root=files.root, registry=registry, missions=missions,
                                                     pages=pages, files=files)
    return Validation(content=content, problems=problems, files=checked)
