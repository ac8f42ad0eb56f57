"""The programme pages (content/pages/): their names, front matter, text and translations.

A page's front matter is bound to ``schema.classes.PageMeta`` like a report's to ``Report``:
only its keys, each a checked plain-text value; any other key is an error at its line with a
did-you-mean. What passes becomes ``model.PageText``, the only thing a build reads of a page.
"""

from __future__ import annotations

import os
import re
from functools import partial
from pathlib import Path

from m4c_build.i18n.messages import mean, msg, phrase
from m4c_build.i18n.texts import Strings
from m4c_build.load.files import IMAGE_SUFFIXES, PAGES, ContentFiles
from m4c_build.load.pagesource import split_page
from m4c_build.load.text import read_text
from m4c_build.load.titles import plain_title
from m4c_build.model import PAGE_SOURCE, Page, PageText, page_order
from m4c_build.problems import Problems
from m4c_build.schema import walk
from m4c_build.schema.classes import LANGUAGES, PageMeta
from m4c_build.validate.binding import INVALID, Binder, suggest
from m4c_build.validate.markup import check_markdown

_IMAGE = re.compile(walk.field(PageMeta, "image").meta["pattern"])

RESERVED_PAGES = frozenset({"index", "missions", "themes", "cities", "regions", "topics", "factors", "lessons", "years",
                            "data", "assets", "media", "pagefind", "pagefind-lessons", "search", "feeds", "reference",
                            "schema", "downloads", "stylesheets", "404"})
"""First path segments the generated site owns."""


def _language_name(code: str, language: str) -> str:
    """The language ``code`` as the messages name it in ``language`` ('French', 'anglais')."""
    return Strings(language)(f"lang_{code}")


def _translation_of(src_uri: str) -> tuple[str, str] | None:
    """'programme.en.md' -> ('programme.md', 'en'); None for a source page."""
    stem = src_uri.removesuffix(".md")
    base, dot, language = stem.rpartition(".")
    if dot and base and language in LANGUAGES and language != PAGE_SOURCE:
        return base + ".md", language
    return None


def read_page(path: Path, files: ContentFiles, problems: Problems) -> PageText | None:
    """One page file: its front matter bound to ``PageMeta``, its body checked, its title.
    None only when the file cannot be read; a page with problems is kept (its translations
    still find it), and its errors stop the build."""
    text = read_text(path, problems)
    if text is None:
        return None
    source = split_page(text, path, problems)
    meta = PageMeta()
    if source.meta is not None:
        binder = Binder(path, source.meta.source, problems)
        if not isinstance(source.meta.data, dict):
            binder.error((), msg("frontmatter_not_fields"), msg("hint_page_frontmatter"))
        else:
            bound = binder.bind_object(PageMeta, source.meta.data, ())
            image = source.meta.data.get("image")
            # on the raw value: checked even when another field is wrong
            found = not isinstance(image, str) or _IMAGE.match(image) is None or _check_image(image, files, binder)
            if bound is not INVALID and found:
                meta = bound
    check_markdown(source.body, path, source.body_line, problems)
    title = meta.title.strip() if meta.title else plain_title(source.body, path.stem)
    return PageText(path=path, title=title, meta=meta, body=source.body)


def _check_image(image: str, files: ContentFiles, binder: Binder) -> bool:
    """A page's picture is an image beside the pages that the content walker accepted."""
    folder = files.root / PAGES
    target = Path(os.path.normpath(folder / image))
    available = {p.relative_to(folder).as_posix() for p in files.page_assets}
    at = ("image",)
    if folder not in target.parents or target.suffix.lower() not in IMAGE_SUFFIXES:
        binder.error(at, msg("page_image_format", file=image), msg("hint_page_image"))
        return False
    name = target.relative_to(folder).as_posix()
    if name not in available:
        close = suggest(name, sorted(available))
        binder.error(at, mean(msg("page_image_missing", file=image), close), msg("hint_page_image"))
        return False
    return True


def check_pages(files: ContentFiles, problems: Problems) -> list[Page]:
    """The source pages with their translations; a missing translation is a warning (the build
    shows the French page with a note), a translation without its source is not published."""
    folder = files.root / PAGES
    sources: dict[str, Page] = {}
    translations: list[tuple[str, str, PageText]] = []
    for path in files.pages:
        src_uri = path.relative_to(folder).as_posix()
        first = src_uri.split("/", 1)[0].removesuffix(".md").split(".", 1)[0]
        if first in RESERVED_PAGES:
            problems.error(path, 1, 1, msg("reserved_page", page=src_uri),
                           msg("hint_reserved_page", names=", ".join(sorted(RESERVED_PAGES))))
            continue
        text = read_page(path, files, problems)
        if text is None:
            continue
        translated = _translation_of(src_uri)
        if translated:
            translations.append((*translated, text))
        else:
            sources[src_uri] = Page(path=path, src_uri=src_uri, title=text.title, meta=text.meta, body=text.body)
    for source_uri, language, translation in translations:
        page = sources.get(source_uri)
        if page is None:
            problems.warning(translation.path, 1, 1,
                             msg("orphan_translation", name=translation.path.name, page=source_uri),
                             msg("hint_orphan_translation", page=source_uri))
            continue
        page.translations[language] = translation
    for page in sources.values():
        for language in LANGUAGES:
            if not page.is_translated(language):
                name = phrase(partial(_language_name, language))
                problems.warning(page.path, 1, 1, msg("untranslated_page", page=page.src_uri, name=name),
                                 msg("hint_untranslated_page", page=page.src_uri.removesuffix(".md"),
                                     language=language))
    return sorted(sources.values(), key=page_order)
