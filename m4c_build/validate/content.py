"""Validate a whole content folder: the walk, the registries, every report and page.

``validate_content`` never raises on bad input: every mistake becomes a Problem, and the
Content it returns holds only what passed. Publishing code must refuse to go on when any
problem is an error (``Validation.ok``).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from m4c_build.errors import ContentDirError
from m4c_build.i18n.messages import mean, msg
from m4c_build.load.files import KNOWN_ENTRIES, ContentFiles, walk_content
from m4c_build.model import Content
from m4c_build.problems import Problems
from m4c_build.validate.addresses import check_media_addresses, check_page_addresses, check_page_names
from m4c_build.validate.binding import suggest
from m4c_build.validate.cache import ReportCache
from m4c_build.validate.links import Reports, check_page_links, generated_pages
from m4c_build.validate.pages import check_pages
from m4c_build.validate.registry import load_registry
from m4c_build.validate.report import check_name, parse_report
from m4c_build.validate.reports import PARALLEL_FROM, Remembered, check_reports


@dataclass
class Validation:
    content: Content | None
    """What passed; None when the registries could not be read, or when not asked for."""
    problems: Problems
    files: int
    readable: bool = True
    """The registries could be read (without them nothing can be published)."""

    @property
    def ok(self) -> bool:
        return self.readable and not self.problems.errors


def _same_slug(slugs: list[tuple[str, Path]], root: Path, problems: Problems) -> set[Path]:
    """The reports whose slug (file name) no other report has; an error for each of the rest."""
    by_slug: dict[str, list[Path]] = defaultdict(list)
    for slug, path in slugs:
        by_slug[slug].append(path)
    kept = set()
    for slug, group in by_slug.items():
        if len(group) == 1:
            kept.add(group[0])
            continue
        for path in group:
            others = ", ".join(p.relative_to(root).as_posix() for p in group if p is not path)
            problems.error(path, 1, 1, msg("same_slug", n=len(group), slug=slug, others=others),
                           msg("hint_same_slug"))
    return kept


def _stray_entries(files: ContentFiles, problems: Problems) -> None:
    for entry in files.others:
        close = suggest(entry.name, KNOWN_ENTRIES)
        problems.warning(entry, 1, 1, mean(msg("stray_entry", name=entry.name), close),
                         msg("hint_stray_entry", names=", ".join(sorted(KNOWN_ENTRIES))))


def validate_content(
    root: Path, *, content: bool = True, cache: ReportCache | None = None,
    parallel_from: int | None = None, memory: Remembered | None = None,
) -> Validation:
    """Every problem of a content folder in one run, and the content that passed.

    ``content=False``: only the problems (``m4c validate``); the reports' missions are not kept
    and ``Validation.content`` is None. ``cache``: a ``ReportCache`` (``ReportCache.for_content
    (root)``) whose unchanged reports are not checked again when ``content`` is False, saved
    after the run; the registries, pages and cross-file checks always run. The problems are the
    same with or without a cache, in one process or several (``parallel_from``: see
    ``check_reports``; by default ``PARALLEL_FROM``: with ``content``, the workers send their
    missions back, which costs less than half of what parsing them does — 10,000 reports in
    10.2 s on two cores against 17.8 s in one, ``benchmarks/validate.py``). Workers are forked:
    a caller with threads of its own that must not be forked passes ``parallel_from=sys.maxsize``.
    ``memory``: a preview's reports from its previous run (``check_reports``), missions included.
    """
    if not root.is_dir():
        raise ContentDirError(f"content folder not found: {root}")
    problems = Problems()
    files = walk_content(root, problems)
    _stray_entries(files, problems)
    loaded_registry = load_registry(files, problems)
    registry = loaded_registry.registry
    if parallel_from is None:
        parallel_from = PARALLEL_FROM
    checks = check_reports(files.missions, files, loaded_registry.known, keep=content, cache=cache,
                           parallel_from=parallel_from, memory=memory)
    for checked in checks:
        problems.extend(checked.problems)
    bound = [(path.stem, path) for path, checked in zip(files.missions, checks, strict=True) if checked.bound]
    kept = _same_slug(bound, files.root, problems)
    named = check_page_names(files, problems)
    pages = check_pages(dataclasses.replace(files, pages=[p for p in files.pages if p in named]), problems)
    check_page_addresses(files, named, {page.path for page in pages}, problems)
    check_media_addresses(files, problems)
    check_page_links(files.root, pages, [p for p in files.page_assets if p in named],
                     generated_pages(loaded_registry.known), Reports(bound), problems)
    checked_files = (len(files.missions) + sum(1 + len(p.translations) for p in pages)
                     + len(files.registries))
    result = None
    if content and registry is not None:
        missions = [c.mission for c in checks if c.mission is not None and c.mission.path in kept]
        result = Content(root=files.root, registry=registry, missions=missions, pages=pages, files=files)
    return Validation(content=result, problems=problems, files=checked_files, readable=registry is not None)


def validate_report(root: Path, path: Path, data: bytes, media: list[Path]) -> Problems:
    """The problems of one report at ``path`` holding ``data``, as ``m4c validate`` would find
    them in the folder ``root`` with the ``media`` files added (``m4c import``: before or after
    they are written, so that ``--dry-run`` says the same)."""
    problems = Problems()
    files = walk_content(root, Problems())
    files.media.extend(p for p in media if p not in files.media)
    known = load_registry(files, Problems()).known
    check_name(path, problems)
    parse_report(path, data, files, problems, known)
    return problems
