"""The lessons explorer: every published lesson, solution path and difficulty as a record of its own.

The explorer's static pages (``lessons/``, ``lessons/page/2/``..., readable without JavaScript)
list the records computed here. Its search reads the pages' own index: each mission page marks
its records (``<li id="lesson-2">``, which Pagefind keeps as anchors of the page, with their
words' positions), names the kinds it holds as a filter (``kind``) and the kinds it shows in
another language than the interface's (``written``), so that m4c-catalogue.js turns a mission
found into the records found in it. Filters are keys, as the catalogue's, so that
``?theme=tourism&kind=solution`` works in every language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from m4c_build.model import FINDINGS, Finding, Mission
from m4c_build.schema.classes import LANGUAGES
from m4c_build.site.context import Site

KINDS: tuple[str, ...] = tuple(FINDINGS)
"""lesson, solution, difficulty: the order of a mission's records in the explorer."""


def findings(missions: Sequence[Mission], language: str) -> list[Finding]:
    """Every record of ``missions`` (newest mission first, as the content gives them), each
    mission's lessons, then solution paths, then difficulties, each list in its own order; in the
    interface ``language`` where a person translated it."""
    return [finding for mission in missions for finding in mission.reading(language).findings(KINDS)]


@dataclass(frozen=True)
class Context:
    """What transfers from a record's mission (results, success factors, transferability), as
    its readers in the interface language read it; empty when the report says none of it."""

    results: list[str]
    results_lang: str
    success_factors: list[str]
    success_factors_lang: str
    transferability: str
    transferability_lang: str

    def __bool__(self) -> bool:
        return bool(self.results or self.success_factors or self.transferability)


def context(mission: Mission, language: str) -> Context:
    reading = mission.reading(language)
    return Context(
        results=list(reading.text("results")), results_lang=reading.lang("results"),
        success_factors=list(reading.text("success_factors")), success_factors_lang=reading.lang("success_factors"),
        transferability=reading.text("transferability") or "", transferability_lang=reading.lang("transferability"),
    )


def mark(site: Site, finding: Finding) -> str:
    """The visible mark of a record's original language, when it is not the interface's: 'Report
    written in Spanish' for a text shown as written, 'Translated from Spanish' for a translation."""
    original = finding.mission.report.language
    if finding.lang != site.settings.language:
        return site.t(f"written_in_{original}")
    if original != site.settings.language:
        return site.t(f"translated_from_{original}")
    return ""


def mark_texts(site: Site) -> dict[str, dict[str, str]]:
    """The marks ``mark`` gives, for the explorer's search to give them too: by kind of mark
    ('written': a text shown as written; 'translated': a translation), then by the report's language."""
    return {"written": {lang: site.t(f"written_in_{lang}") for lang in LANGUAGES},
            "translated": {lang: site.t(f"translated_from_{lang}") for lang in LANGUAGES}}


def facet_labels(site: Site) -> dict[str, dict[str, str]]:
    """The catalogue's facet labels and the kinds'."""
    labels = site.facet_labels()
    labels["kind"] = {kind: site.t(f"kind_{kind}") for kind in KINDS}
    return labels
