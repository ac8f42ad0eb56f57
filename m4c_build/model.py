"""The validated knowledge base: what the page generator reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from m4c_build.load.files import ContentFiles
from m4c_build.schema import walk
from m4c_build.schema.classes import City, Language, PageMeta, Report, Term, Translation, Vocabulary

SUMMARY_LENGTH = 200
"""Characters of the issue a card shows when a report has no summary."""


@dataclass(frozen=True)
class Mission:
    """One report file, bound to the schema."""

    slug: str
    path: Path
    report: Report
    body: str
    body_line: int
    """Line of the file where the Markdown body starts (1-based)."""

    @property
    def is_published(self) -> bool:
        """Its status says so (a draft is checked but never published)."""
        return self.report.status == "published"

    @property
    def year(self) -> int:
        return self.report.date.year

    @property
    def end(self) -> dt.date:
        return self.report.end_date or self.report.date

    @property
    def published(self) -> dt.date:
        """The day that stands for the report's publication, wherever one is given (the feeds'
        ``published``, the JSON-LD's ``datePublished``): a report carries no such date, and it
        is written after its mission, so its last day."""
        return self.end

    @property
    def modified(self) -> dt.date:
        """The report's last change as its content tells it (the feeds' ``updated``, the
        JSON-LD's ``dateModified``): a report carries no date of change, and a file's time is
        the checkout's, not the content's, so its publication day."""
        return self.published

    @property
    def days(self) -> int:
        return (self.end - self.report.date).days + 1

    @property
    def summary(self) -> str:
        """The report's summary, or the start of its issue: what cards, feeds and search show."""
        return self.report.summary or shortened(self.report.issue)

    def reading(self, language: str) -> Reading:
        """The report as readers of the interface ``language`` read it."""
        return Reading(self, language, self.report.translations.get(cast(Language, language)))


def shortened(text: str) -> str:
    """The start of a text, whole words, for a card."""
    text = " ".join(text.split())
    if len(text) <= SUMMARY_LENGTH:
        return text
    return text[:SUMMARY_LENGTH - 1].rsplit(" ", 1)[0] + "…"


FINDINGS: dict[str, str] = {"lesson": "lessons", "solution": "solutions", "difficulty": "difficulties"}
"""The kinds of record a report's knowledge comes as, with the report field each is read from."""


@dataclass(frozen=True)
class Finding:
    """One lesson, solution path or difficulty of a report: a record of its own.

    Its address is its mission page's, then its kind and its place in its own list
    (``missions/<slug>/#lesson-2``): reordering or editing the report's other sections never
    moves it; adding a lesson at the end of the list keeps the others' addresses."""

    kind: str
    """lesson, solution or difficulty (``FINDINGS``)."""
    number: int
    """Its place in its list, from 1."""
    text: str
    lang: str
    """The language of ``text``: the interface's when a person translated it, else the report's."""
    mission: Mission

    @property
    def anchor(self) -> str:
        """Its id on the mission page: 'lesson-2'."""
        return f"{self.kind}-{self.number}"


@dataclass(frozen=True)
class Reading:
    """A report as the readers of one interface language read it: the texts a person translated
    into that language (``translations``), the others as written. Each text says its language,
    so a page marks it (``lang``) and gives the original beside a translation."""

    mission: Mission
    language: str
    """The interface language."""
    translation: Translation | None

    @property
    def original(self) -> str:
        """The report's own language."""
        return self.mission.report.language

    @property
    def translated(self) -> bool:
        return self.translation is not None

    def has(self, name: str) -> bool:
        """The text ``name`` ('issue', 'lessons') is translated into the interface language."""
        return self.translation is not None and bool(getattr(self.translation, name, None))

    def text(self, name: str) -> Any:
        """The text ``name`` in the interface language when translated, else as written."""
        return getattr(self.translation if self.has(name) else self.mission.report, name)

    def lang(self, name: str) -> str:
        """The language the text ``name`` is read in."""
        return self.language if self.has(name) else self.original

    def translated_names(self) -> list[str]:
        """The texts read in translation, in the schema's order ('title', 'lessons')."""
        return [name for name in _TRANSLATABLE if self.has(name)]

    @property
    def title(self) -> str:
        return str(self.text("title"))

    @property
    def summary(self) -> str:
        """The translated summary, else the start of the translated issue, else the original's."""
        if self.has("summary") or self.has("issue"):
            assert self.translation is not None
            return self.translation.summary or shortened(self.translation.issue or "")
        return self.mission.summary

    @property
    def summary_lang(self) -> str:
        return self.language if self.has("summary") or self.has("issue") else self.original

    @property
    def lessons(self) -> list[str]:
        return list(self.text("lessons"))

    def findings(self, kinds: tuple[str, ...] = tuple(FINDINGS)) -> list[Finding]:
        """The report's lessons, solution paths and difficulties (``kinds``) as records, each
        in the interface language where a person translated it."""
        return [Finding(kind, number, text, self.lang(FINDINGS[kind]), self.mission)
                for kind in kinds for number, text in enumerate(self.text(FINDINGS[kind]), 1)]



_TRANSLATABLE = tuple(f.name for f in walk.fields(Translation))


@dataclass(frozen=True)
class Registry:
    """cities.yml and vocabulary.yml."""

    cities: dict[str, City]
    vocabulary: Vocabulary

    def terms(self, registry: str) -> dict[str, Term] | dict[str, City]:
        if registry == "cities":
            return self.cities
        terms: dict[str, Term] = getattr(self.vocabulary, registry)
        return terms

    def primary_factors(self, keys: list[str]) -> list[str]:
        """The primary factors of secondary ones (``keys``), once each, in their order."""
        factors = self.vocabulary.factors
        return list(dict.fromkeys(p for p in (factors[k].primary for k in keys) if p))

    def with_primaries(self, keys: list[str]) -> list[str]:
        """Secondary factors (``keys``), each followed by its primary factor (once)."""
        factors = self.vocabulary.factors
        return list(dict.fromkeys(k for key in keys for k in (key, factors[key].primary) if k))

    def choices(self, registry: str) -> list[str]:
        """The keys of ``registry`` a report may name: all of them, but for the factors, whose
        secondary ones a report names (the primary follows)."""
        if registry == "factors":
            return [key for key, factor in self.vocabulary.factors.items() if factor.primary is not None]
        return list(self.terms(registry))


PAGE_SOURCE = "fr"
"""The language of a programme page's source file (``<name>.md``); ``<name>.<lang>.md`` files
are its translations (the convention of mkdocs-static-i18n)."""

OVERVIEW_PAGE = "programme.md"
"""The programme's overview page: it opens the programme's section of the navigation (and the
home page's list of programme pages), the others follow by file name."""


def page_order(page: Page) -> tuple[bool, str]:
    """Sort key of programme pages: the overview first, then by file name."""
    return (page.src_uri != OVERVIEW_PAGE, page.src_uri)


@dataclass(frozen=True)
class PageText:
    """One language's file of a programme page, as validation checked it."""

    path: Path
    title: str
    """Its front matter's title, else the text of its first '# ' heading, else its file name
    (plain text: escape it)."""
    meta: PageMeta = field(default_factory=PageMeta)
    """Its front matter: the only keys a page may set, checked."""
    body: str = ""
    """Its Markdown, front matter taken off: all an engine is given of the file."""


@dataclass(frozen=True)
class Page:
    """An ordinary Markdown page from content/pages/, with its translations."""

    path: Path
    src_uri: str
    """Path below pages/ of the French source, with '/' separators: 'how-to-apply.md'. Every
    language publishes the page at this address."""
    title: str
    """The source's title (``PageText.title``)."""
    translations: dict[str, PageText] = field(default_factory=dict)
    """Language -> its ``<name>.<lang>.md`` translation, for the languages that have one."""
    meta: PageMeta = field(default_factory=PageMeta)
    body: str = ""

    def text(self, language: str) -> PageText:
        """What a build in ``language`` publishes: its translation, else the French source."""
        return self.translations.get(language) or PageText(self.path, self.title, self.meta, self.body)

    def is_translated(self, language: str) -> bool:
        return language == PAGE_SOURCE or language in self.translations


@dataclass(frozen=True)
class Content:
    """Everything in a content folder that passed validation."""

    root: Path
    registry: Registry
    missions: list[Mission] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    files: ContentFiles | None = None
    """What the content walker accepted: the only files a build may read or copy."""

    @property
    def public_missions(self) -> list[Mission]:
        """The missions a build publishes, newest first (then by slug, for a stable order)."""
        chosen = [m for m in self.missions if m.is_published]
        return sorted(chosen, key=lambda m: (-m.report.date.toordinal(), m.slug))

    @property
    def drafts(self) -> list[Mission]:
        return [m for m in self.missions if not m.is_published]
