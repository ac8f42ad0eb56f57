"""The lessons explorer: every published lesson, solution path and difficulty as a record of its own.

Two views of the same records, both computed here from the validated content: the explorer's
static pages (``lessons/``, ``lessons/page/2/``..., readable without JavaScript), and the records
of its search index (``SearchRecord``: plain data that an adapter hands to Pagefind), whose
filters are keys, as the catalogue's, so that ``?theme=tourism&kind=solution`` works in every
language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from m4c_build.model import FINDINGS, Finding, Mission
from m4c_build.site import urls
from m4c_build.site.context import Site

KINDS: tuple[str, ...] = tuple(FINDINGS)
"""lesson, solution, difficulty: the order of a mission's records in the explorer."""

FOLDER = urls.LESSONS_INDEX
"""Where the explorer's search index is written in a language's site (beside ``pagefind/``)."""

ORDER_DIGITS = 9
"""Width of the sort key each record carries (its place in the explorer, zero-padded)."""


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


@dataclass(frozen=True)
class SearchRecord:
    """One record of the explorer's search index, as Pagefind's ``add_custom_record`` takes it."""

    url: str
    """Its address from the site's root: '/missions/<slug>/#lesson-2'."""
    content: str
    """The text searched and quoted in excerpts: the record's own, nothing of its mission, so a
    word of one lesson finds that lesson and not the others of its report."""
    language: str
    """The interface's: one index per site language, whatever the records are written in."""
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)


def filters(site: Site, finding: Finding) -> dict[str, list[str]]:
    """The facets of a record, as keys: its mission's, and its kind."""
    mission = finding.mission
    report = mission.report
    return {
        "theme": list(dict.fromkeys(report.themes)),
        "topic": list(dict.fromkeys(report.heritage_topics)),
        "factor": site.groups.factors_of(mission),
        "region": [site.region_of(mission)],
        "country": [site.city(report.city).country],
        "city": [report.city],
        "year": [str(mission.year)],
        "type": [report.type],
        "format": list(dict.fromkeys(report.assistance.formats)),
        "language": [report.language],
        "kind": [finding.kind],
    }


def search_records(site: Site) -> list[SearchRecord]:
    """The explorer's search index: one record per published lesson, solution path and
    difficulty, in the explorer's order (``sort.order``), with what its result card shows."""
    language = site.settings.language
    records = []
    for place, finding in enumerate(findings(site.groups.missions, language)):
        mission = finding.mission
        reading = mission.reading(language)
        city = site.city(mission.report.city)
        meta = {
            "title": reading.title, "title_lang": reading.lang("title"),
            "city": city.name, "country": site.country(city.country), "year": str(mission.year),
            "kind": finding.kind, "kind_label": site.t(f"kind_{finding.kind}"),
            "lang": finding.lang, "mark": mark(site, finding),
        }
        records.append(SearchRecord(
            url="/" + urls.finding_url(finding), content=finding.text, language=language,
            meta={key: value for key, value in meta.items() if value},
            filters=filters(site, finding), sort={"order": str(place).zfill(ORDER_DIGITS)},
        ))
    return records


def facet_labels(site: Site) -> dict[str, dict[str, str]]:
    """The catalogue's facet labels and the kinds'."""
    labels = site.facet_labels()
    labels["kind"] = {kind: site.t(f"kind_{kind}") for kind in KINDS}
    return labels
