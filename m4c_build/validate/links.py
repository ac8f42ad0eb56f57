"""The links of programme pages, resolved as MkDocs resolves them, so that a strict build finds none broken.

MkDocs checks each relative link and image of a page of pages/ against the site's files
(``validation.links`` in mkdocs.yml): a missing page or file, a link to a folder instead of its
``.md`` file, or a missing anchor fails a strict build. The same resolution here makes each an
error at its line. Targets: the programme pages (a translation is published at its source's
address, so it is linked to by the source's name), the pictures beside them, and the pages the
site generates: home, catalogue, groupings and their keys' pages, the field reference, the
published reports' pages and their years' pages (not page 2 of a group, whose reports change as
reports are added). The other files the site writes (open data, feeds, downloads, styles) and
anchors in generated pages are not checked here.
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from m4c_build.i18n.messages import mean, msg
from m4c_build.load.files import PAGES
from m4c_build.load.pagesource import split_page
from m4c_build.load.text import read_text, split_frontmatter
from m4c_build.load.yamlsource import load_yaml
from m4c_build.model import Page
from m4c_build.problems import Problems, position
from m4c_build.schema.classes import LANGUAGES
from m4c_build.site import urls
from m4c_build.site.groups import GROUPINGS
from m4c_build.validate.addresses import GROUPING_OF
from m4c_build.validate.binding import suggest

MARKDOWN_EXTENSIONS = ["admonition", "attr_list", "tables", "toc"]
"""The Markdown extensions mkdocs.yml gives MkDocs: they decide what is a link and which ids
the headings get."""
AMP_SUBSTITUTE = "\x02amp\x03"
"""Markdown's mark in an e-mail link it hid: MkDocs leaves such links alone."""


@dataclass
class Rendered:
    """What MkDocs would see of one page text."""

    body_start: int
    links: list[str] = field(default_factory=list)
    """Each ``href`` of a link and ``src`` of an image, in order."""
    anchors: set[str] = field(default_factory=set)


class _RawIds(HTMLParser):
    """Ids in the raw HTML of a text, which MkDocs counts as anchors too."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)


@functools.cache
def _converter() -> tuple[Any, Callable[[], Rendered]]:
    """One Markdown converter, and what gives the links and ids of its last text (Markdown is
    imported only when a page is checked)."""
    import markdown
    from markdown.treeprocessors import Treeprocessor

    found = Rendered(0)

    class Collect(Treeprocessor):
        def run(self, root: Any) -> None:
            found.links, found.anchors = [], set()
            for element in root.iter():
                if element.get("id"):
                    found.anchors.add(element.get("id"))
                if element.tag == "a" and element.get("name"):
                    found.anchors.add(element.get("name"))
                url = element.get({"a": "href", "img": "src"}.get(element.tag, ""))
                if element.tag in ("a", "img") and url is not None:
                    found.links.append(url)

    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS)
    md.treeprocessors.register(Collect(md), "m4c_links", 0)  # after toc gave the headings their ids
    return md, lambda: found


def render(text: str) -> Rendered:
    """The links and anchors of a page's text, its front matter (YAML or MultiMarkdown lines,
    as ``load.pagesource`` reads it) left out."""
    start = len(text) - len(split_page(text, Path(), Problems()).body)
    md, last = _converter()
    md.reset()
    md.convert(text[start:])
    raw = _RawIds()
    raw.feed(text[start:])
    raw.close()
    found = last()
    return Rendered(start, list(found.links), found.anchors | raw.ids)


def target(src_uri: str, url: str) -> tuple[str, str] | None:
    """(file, anchor) a link of the page ``src_uri`` leads to ('' for the page itself); None
    for what MkDocs leaves alone: other sites, addresses from the root, e-mail. ValueError for
    what is no address ('http://[x')."""
    scheme, netloc, path, _query, anchor = urlsplit(url)
    if scheme or netloc or url.startswith(("/", "\\")) or AMP_SUBSTITUTE in url:
        return None
    if not path:
        return ("", anchor) if anchor else None
    return posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(path)).lstrip("/")), anchor


def generated_pages(known: Mapping[str, Collection[str]]) -> set[str]:
    """The generated pages every site has, as MkDocs names them ('themes/tourism.md'): home,
    catalogue, field reference, groupings and a page for each key of their registries."""
    pages = {"index.md", urls.REFERENCE_PAGE, urls.group_source(urls.MISSIONS)}
    pages |= {urls.group_source(grouping) for grouping in GROUPINGS}
    return pages | {urls.group_source(grouping, key) for registry, grouping in GROUPING_OF.items()
                    for key in known.get(registry, ())}


DATED = frozenset(GROUPINGS) - frozenset(GROUPING_OF.values())
"""Groupings whose pages come from the published reports' dates (the years)."""


class Reports:
    """Which reports a build publishes, and in which years: read from the report files only when a
    programme page links to a report's or a year's page (reports that bound to the schema)."""

    def __init__(self, bound: Iterable[tuple[str, Path]]) -> None:
        self._paths = dict(bound)
        self._facts: dict[str, tuple[bool, str]] = {}

    def _fact(self, slug: str) -> tuple[bool, str]:
        """(published, year) of the report ``slug``."""
        if slug not in self._facts:
            quiet = Problems()  # the report's own check reported its problems
            text = read_text(self._paths[slug], quiet)
            split = split_frontmatter(text, self._paths[slug], quiet) if text is not None else None
            doc = load_yaml(split.frontmatter, self._paths[slug], quiet) if split is not None else None
            data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
            self._facts[slug] = (data.get("status", "published") == "published", str(data.get("date"))[:4])
        return self._facts[slug]

    def published(self, slug: str) -> bool:
        return slug in self._paths and self._fact(slug)[0]

    def year(self, year: str) -> bool:
        return any(self._fact(slug) == (True, year) for slug in self._paths)


def exists(file: str, files: Collection[str], reports: Reports) -> bool | None:
    """Whether the site has ``file`` (as MkDocs knows it: a page's Markdown name, another file's
    own); None for a file it writes that validation does not know of (open data, feeds,
    downloads, styles)."""
    if file in files:
        return True
    first, _, rest = file.partition("/")
    if first.casefold() not in urls.SITE_ROOT:
        return False
    if not file.endswith(".md"):
        return None
    if first not in {urls.MISSIONS, urls.REFERENCE, *GROUPINGS}:
        return False  # no page there: the downloads' Markdown files are written after the pages
    if "/" in rest:
        return False  # page 2 of a group: it shows other reports as reports are added, so not linked to
    name = rest.removesuffix(".md")
    if first == urls.MISSIONS:
        return reports.published(name)
    return reports.year(name) if first in DATED else False


def check_page_links(root: Path, pages: list[Page], pictures: Collection[Path],
                     generated: Collection[str], reports: Reports, problems: Problems) -> None:
    """Every link of every version of every page: its target exists, and so does its anchor in
    the target's version of each language the linking text is published in."""
    folder = root / PAGES
    texts: dict[Path, tuple[Page, set[str]]] = {}
    for page in pages:
        for language in LANGUAGES:
            texts.setdefault(page.text(language).path, (page, set()))[1].add(language)
    rendered: dict[Path, Rendered] = {}
    raw: dict[Path, str] = {}
    for path in texts:
        text = read_text(path, Problems())  # its problems were reported with the page's
        if text is not None:
            raw[path], rendered[path] = text, render(text)
    by_uri = {page.src_uri: page for page in pages}
    files = set(by_uri) | {p.relative_to(folder).as_posix() for p in pictures} | set(generated)
    for path, (page, languages) in texts.items():
        if path not in rendered:
            continue
        seen = rendered[path].body_start
        for url in rendered[path].links:
            offset = raw[path].find(url, seen)
            seen = offset if offset >= 0 else seen
            line, col = position(raw[path], offset) if offset >= 0 else (1, 1)
            try:
                found = target(page.src_uri, url)
            except ValueError as exc:  # MkDocs would stop on it with a traceback
                problems.error(path, line, col, msg("bad_link", url=url, reason=str(exc)), msg("hint_bad_link"))
                continue
            if found is None:
                continue
            file, anchor = found
            file = file or page.src_uri
            found_file = exists(file, files, reports)
            if found_file is None:
                continue
            if not found_file:
                close = next((relative(c, page.src_uri) for c in (f"{file}.md", f"{file}/index.md") if c in files),
                             None) or suggest(file, sorted(files))
                problems.error(path, line, col, mean(msg("broken_link", url=url, file=file), close),
                               msg("hint_broken_link"))
                continue
            if not anchor or file not in by_uri:
                continue
            missing = [language for language in LANGUAGES if language in languages
                       and (other := by_uri[file].text(language).path) in rendered
                       and anchor not in rendered[other].anchors]
            if missing:
                version = by_uri[file].text(missing[0]).path
                anchors = sorted(rendered[version].anchors)
                problems.error(path, line, col,
                               mean(msg("broken_anchor", url=url, page=version.relative_to(root).as_posix(),
                                        anchor=anchor), suggest(anchor, anchors)),
                               msg("hint_broken_anchor", anchors=", ".join(anchors[:8]) or "-"))


def relative(file: str, src_uri: str) -> str:
    """How the page ``src_uri`` links to ``file``."""
    return posixpath.relpath(file, posixpath.dirname(src_uri) or ".")
