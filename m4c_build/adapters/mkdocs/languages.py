"""One site in every language: one MkDocs build per language, in parallel processes.

Each build is a complete MkDocs run with the plugin's ``language`` set, writing
``<site_dir>/<lang>/`` at ``<site_url><lang>/``; the pages at the root (language chooser, 404,
sitemap index) come from ``site.languages``. MkDocs keeps its state in one process (plugins,
Jinja environments, logging), so languages run in separate processes rather than threads, as
many at once as there are cores; a language that runs while fewer others do uses the cores they
leave (``parallel.free_cores``).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from m4c_build import parallel
from m4c_build.adapters import pagefind, progress
from m4c_build.adapters.mkdocs.plugin import INHERITED, M4CPlugin
from m4c_build.errors import SearchIndexError
from m4c_build.parallel import cores
from m4c_build.site.languages import root_files
from m4c_build.site.pages import prerender_narratives
from m4c_build.site.render import forget_prerendered
from m4c_build.site.urls import CITATION
from m4c_build.validate.content import Validation


@dataclass(frozen=True)
class LanguageBuild:
    """How one language's build went."""

    language: str
    seconds: float
    error: str = ""
    phases: str = ""
    """Each phase's time ('validate 0.1 s · generate 3.2 s · ...')."""
    times: dict[str, float] = field(default_factory=dict)
    """Each phase's time, by name."""
    search: tuple[str, str | None] | None = None
    """The language's pages to index once its build has ended (``M4CPlugin.search_later``)."""


def m4c_plugin(config: MkDocsConfig) -> M4CPlugin:
    """The configuration's m4c plugin; a configuration without it cannot build an m4c site."""
    plugin = config.plugins.get("m4c")
    if not isinstance(plugin, M4CPlugin):
        raise MkDocsException(f"{config.config_file_path}: the 'm4c' plugin is not in 'plugins'")
    return plugin


def load(config_file: str, *, site_dir: str | None = None, language: str | None = None,
         site_languages: Sequence[str] = ()) -> MkDocsConfig:
    """mkdocs.yml with the m4c plugin set to build ``language`` (as part of ``site_languages``)."""
    overrides = {"site_dir": site_dir} if site_dir else {}
    config = load_config(config_file, **overrides)
    plugin = m4c_plugin(config)
    if language:
        plugin.config.language = language
    plugin.config.site_languages = list(site_languages)
    return config


def _log_as(language: str, verbose: bool) -> None:
    """A worker shows MkDocs' warnings and errors (all messages with -v), naming its language."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(f"[{language}] %(levelname)-8s-  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.WARNING)
    logger.propagate = False


def build_language(config_file: str, site_dir: str, language: str, languages: Sequence[str],
                   verbose: bool = False) -> LanguageBuild:
    """One language's build (run in a worker process); its failure is a value, not a raise."""
    _log_as(language, verbose)
    start = time.perf_counter()
    try:
        config = load(config_file, site_dir=site_dir, language=language, site_languages=languages)
        plugin = m4c_plugin(config)
        plugin.defer_search = True
        with parallel.counted():
            build(config)
    except (MkDocsException, OSError) as exc:
        return LanguageBuild(language, time.perf_counter() - start, str(exc) or type(exc).__name__)
    progress = plugin.progress
    return LanguageBuild(language, time.perf_counter() - start, phases=progress.summary() if progress else "",
                         times=dict(progress.times) if progress else {}, search=plugin.search_later)


def index_language(result: LanguageBuild, sink: progress.Sink) -> LanguageBuild:
    """A language's Pagefind index, written after its build (``LanguageBuild.search``), its time
    a phase of that build."""
    if result.error or result.search is None:
        return result
    site_dir, glob = result.search
    phases = progress.Progress(result.language, sink)
    phases.times = dict(result.times)
    phases.start("search")
    start = time.perf_counter()
    try:
        pagefind.run_pagefind(Path(site_dir), glob)
    except SearchIndexError as exc:
        return replace(result, error=f"m4c: {exc}")
    finally:
        phases.end()
    return replace(result, seconds=result.seconds + time.perf_counter() - start, phases=phases.summary(),
                   times=phases.times, search=None)


def clear(site_dir: Path) -> None:
    """Empty the site folder, as MkDocs does before a build (the languages then fill it)."""
    site_dir.mkdir(parents=True, exist_ok=True)
    for entry in site_dir.iterdir():
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def build_languages(config_file: str, site_dir: Path, base_url: str, languages: Sequence[str], *,
                    verbose: bool = False, workers: int | None = None,
                    validated: tuple[Path, Validation] | None = None) -> list[LanguageBuild]:
    """Every language into ``site_dir/<lang>/`` (at most ``workers`` at once, default: the
    cores), then the root pages. Results come in ``languages`` order.

    ``validated`` (content folder, its validation) is handed to the workers, which are forked
    from this process, so that the files are validated once for all languages."""
    clear(site_dir)
    workers = workers or min(len(languages), os.cpu_count() or 1)
    if validated is not None:
        INHERITED[validated[0]] = validated[1]
        if validated[1].content is not None:  # the reports' HTML, the same in every language
            prerender_narratives(validated[1].content, cores())
    fork = multiprocessing.get_context("fork")
    events = fork.Queue()
    show = progress.for_stream()
    reader = threading.Thread(target=_show_events, args=(events, show), daemon=True)
    reader.start()
    progress.share(progress.Forward(events))
    parallel.RUNNING[:] = [fork.Value("i", 0)]
    try:
        with parallel.frozen():
            return _in_workers(config_file, site_dir, base_url, languages, verbose, workers, show)
    finally:
        INHERITED.clear()
        forget_prerendered()
        parallel.RUNNING.clear()
        progress.share(None)
        events.put(None)
        reader.join(timeout=5)
        if isinstance(show, progress.Live):
            show.close()


def _show_events(events: Any, show: progress.Sink) -> None:
    """The workers' progress, shown by this (parent) process until None arrives."""
    while (event := events.get()) is not None:
        show(event)


def _in_workers(config_file: str, site_dir: Path, base_url: str, languages: Sequence[str], verbose: bool,
                workers: int, sink: progress.Sink) -> list[LanguageBuild]:
    """The languages' builds, at most ``workers`` at once; each language's index is written by
    this process as soon as its build ends, one index at a time (Pagefind fills every core and
    holds its whole index in memory: about 1.8 GB for 10,000 missions), while the next language
    builds in the place it left."""
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool, \
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="m4c-index") as indexer:
        futures = {pool.submit(build_language, config_file, str(site_dir), language, list(languages),
                               verbose): language for language in languages}
        indexed = {futures[future]: indexer.submit(index_language, future.result(), sink)
                   for future in as_completed(futures)}
        results = [indexed[language].result() for language in languages]
    if not any(result.error for result in results):
        for name, text in root_files(base_url, languages).items():
            (site_dir / name).write_text(text, encoding="utf-8")
        # How to cite the knowledge base, also where tools look for it: the first language's.
        citation = site_dir / languages[0] / CITATION
        if citation.is_file():
            shutil.copyfile(citation, site_dir / CITATION)
    return results
