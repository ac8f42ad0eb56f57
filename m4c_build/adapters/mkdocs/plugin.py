"""The MkDocs adapter: validated content in, generated pages placed into the build.

Only hooks live here; everything they place comes from the pure core (``content``,
``site.pages``). Generated pages never touch ``docs_dir``: they enter as ``File.generated``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import logging
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils.templates import TemplateContext

from m4c_build.adapters import decap
from m4c_build.adapters.mkdocs.config import M4CConfig
from m4c_build.adapters.mkdocs.material import quiet_alternate_sitemaps, valid_material_html
from m4c_build.adapters.mkdocs.preview import Preview, PreviewFile, generated
from m4c_build.adapters.mkdocs.workers import PageWorkers, every_page
from m4c_build.adapters.pagefind import glob_of, run_pagefind
from m4c_build.adapters.progress import Lines, Live, Progress, for_stream, shared
from m4c_build.errors import ContentDirError, SearchIndexError
from m4c_build.i18n.messages import message_language
from m4c_build.i18n.texts import Strings
from m4c_build.load.files import PAGES
from m4c_build.load.history import last_commits
from m4c_build.model import Content
from m4c_build.model import Page as ContentPage
from m4c_build.outputs.editor import EditorSettings, editor_files
from m4c_build.parallel import free_cores
from m4c_build.site import urls
from m4c_build.site.languages import untranslated, versions
from m4c_build.site.meta import generated_meta, programme_meta
from m4c_build.site.paging import PAGE_SIZE
from m4c_build.site.publish import ASSETS, Publication, contact_tokens, publish
from m4c_build.site.render import COMPILED
from m4c_build.site.sanitize import clean
from m4c_build.site.sitemap import last_changes
from m4c_build.site.urls import absolute
from m4c_build.validate.content import Validation, validate_content

log = logging.getLogger("mkdocs.plugins.m4c")

THEME_DIR = Path(__file__).parents[2] / "theme"
"""m4c's Material overrides (main.html: feeds, link previews, search box, scripts)."""


def use_m4c_theme(config: MkDocsConfig) -> None:
    """Put m4c's overrides after the project's ``custom_dir`` and before Material's own folders.

    The plugin alone then gives a complete site, and a project's ``theme/`` still wins. MkDocs
    builds its Jinja environment from ``theme.dirs`` after ``on_config`` (``Theme.get_env``).
    """
    folder = str(THEME_DIR)
    if folder not in config.theme.dirs:
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, folder)
    if folder not in config.watch:  # `mkdocs serve` watches theme folders only when asked
        config.watch.append(folder)


CONTENT_MARK = "<!--m4c:content-->"
"""What MkDocs holds as a generated page's content, between reading the pages and writing them
(it reads every page before writing any): the page's HTML, which the publication keeps
compressed, takes its place in the written page. At 10,000 missions, MkDocs would otherwise hold
every page's text at once (several hundred MB in each language's process)."""
CONTENT_MARK_H1 = "<!--m4c:content <h1>-->"
"""The mark of a page whose HTML has its own heading (Material looks for '<h1' in the content)."""

SEARCH_BODY = "data-pagefind-body"
"""What marks a page's part that Pagefind indexes; Pagefind skips pages without one."""

OUT_OF_NAV = ("mission", "group", "lessons-page", "followup-page")
"""Kinds of generated pages reached from other pages, not from the navigation."""

INHERITED: dict[Path, Validation] = {}
"""Content folder -> its validation, set by the parent of a several-language build just before it
forks the language workers: each worker inherits it instead of validating the same files again."""


def content_dir(options: M4CConfig, config: MkDocsConfig) -> Path:
    """The plugin's content folder, relative to mkdocs.yml."""
    base_dir = Path(config.config_file_path or ".").parent
    return (base_dir / options.content_dir).resolve()


class Once:
    """What the theme calls as ``m4c_once(key)`` around a piece it shows the same on many pages:
    the piece is rendered the first time, then given again (one per build: ``on_env``)."""

    def __init__(self) -> None:
        self._done: dict[str, str] = {}

    def __call__(self, key: str, caller: Callable[[], str]) -> str:
        if key not in self._done:
            self._done[key] = caller()
        return self._done[key]


class _Rendered:
    """A generated page's ``render``: its content is m4c's HTML, which joins at writing
    (``on_post_page``), so MkDocs makes no Markdown converter for it (loading the configured
    extensions for every page cost more than the rest of its reading)."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def __call__(self, config: MkDocsConfig, files: Files) -> None:
        self.page.content = ""  # on_page_content puts the mark in its place
        self.page.toc = get_toc([])


class M4CPlugin(BasePlugin[M4CConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.validation: Validation | None = None
        self.publication: Publication | None = None
        self._no_pages: tempfile.TemporaryDirectory[str] | None = None
        self.preview: Preview | None = None
        """Under ``serve``: what the previous build made, so that a save rebuilds what changed."""
        self._root_url = ""
        """The address of the whole site (all languages), before this build's language is added."""
        self.progress: Progress | None = None
        self._own_sink: Live | Lines | None = None
        self._meta: dict[str, dict[str, Any]] = {}
        """Each generated page's meta (title, description, kind...), by its src_uri."""
        self._searched: list[str] = []
        """The pages other than missions' written with a part for Pagefind to index (``SEARCH_BODY``)."""
        self._missions_searched = True
        """Every mission page was written with that part (m4c's template has it; a theme's may not)."""
        self._local_backend: decap.LocalBackend | None = None
        """Under ``serve``: the editor's decap-server, started at the first build, stopped with serve."""
        self._backend_tried = False
        self.defer_search = False
        """Set by the parent of a several-language build, which indexes each language once its
        build has ended (``adapters.mkdocs.languages``): the build then only says what to index."""
        self.search_later: tuple[str, str | None] | None = None
        """What a deferred index is to read: the site folder and the glob of its pages."""
        self._workers = PageWorkers()
        """Processes rendering a share of the generated pages (``adapters.mkdocs.workers``)."""
        self._forks = 0
        self._nav: Navigation | None = None

    def _content_dir(self, config: MkDocsConfig) -> Path:
        return content_dir(self.config, config)

    def _in_languages(self, config: MkDocsConfig) -> None:
        """Name the site, and in a site of several languages move this build into its folder."""
        language = self.config.language
        t = Strings(language)
        config.site_name = t("site_name")  # header and <title> in the interface's language
        config.site_description = t("site_description")
        config.theme["language"] = language
        config.extra["m4c_licence"] = {"name": self.config.licence, "url": self.config.licence_url}
        languages = list(self.config.site_languages)
        config.extra.pop("alternate", None)
        if not languages:
            return
        if language not in languages:
            raise PluginError(f"m4c: language {language!r} is not among site_languages {languages}")
        self._root_url = config.site_url or ""
        config.site_dir = str(Path(config.site_dir) / language)
        if config.site_url:
            config.site_url = absolute(config.site_url, f"{language}/")
        config.extra["alternate"] = [v.as_dict() for v in versions(self._root_url, languages, "")]

    def _pages_dir(self, root: Path) -> Path:
        """content/pages, or an empty folder kept for this run (MkDocs needs a docs_dir)."""
        pages_dir = root / PAGES
        if pages_dir.is_dir() and not pages_dir.is_symlink():
            return pages_dir
        if self._no_pages is None:
            self._no_pages = tempfile.TemporaryDirectory(prefix="m4c-no-pages-")
        return Path(self._no_pages.name)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this plugin from one serve build to the next."""
        if self.preview is not None:
            self.preview.close()
        self.preview = Preview(dirty=dirty) if command == "serve" else None

    def on_shutdown(self) -> None:
        if self._local_backend is not None:
            self._local_backend.stop()
            self._local_backend = None
        self._backend_tried = False
        if self.preview is not None:
            self.preview.close()
            self.preview = None
        if self._no_pages is not None:
            self._no_pages.cleanup()
            self._no_pages = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("m4c: use_directory_urls must stay true (mission pages live at missions/<slug>/)")
        use_m4c_theme(config)
        if self.config.map_tiles and not self.config.map_attribution.strip():
            raise PluginError("m4c: map_tiles needs map_attribution: tile servers require their "
                              "credit on the map, e.g. '© OpenStreetMap contributors'")
        if self.config.page_size < 1:
            raise PluginError(f"m4c: page_size is {self.config.page_size}: a page lists at least one "
                              f"mission (the default is {PAGE_SIZE})")
        root = self._content_dir(config)
        # MkDocs may keep a plugin from one build to the next: nothing of the last one's pages stays
        self._workers, self._forks, self._nav, self.search_later = PageWorkers(), 0, None, None
        self._start_progress()
        assert self.progress is not None
        self.progress.start("validate")
        validation = self._validate(root)
        # The build refuses exactly when `m4c validate` fails: content warnings (a long mission,
        # a draft's TODO) are shown, but as information, so that a strict build does not fail
        # on what validation allows. MkDocs' own warnings (a broken link) still fail it.
        for problem in sorted(validation.problems):
            (log.error if problem.is_error else log.info)(problem.format(language=message_language()))
        if not validation.ok or validation.content is None:
            raise PluginError(
                f"m4c: refusing to publish: {len(validation.problems.errors)} error(s) in {root} "
                "(run 'm4c validate' for the list)"
            )
        self.validation = validation
        self._in_languages(config)
        today = self.config.today or dt.date.today()
        self.progress.start("generate")
        self.publication = publish(
            validation.content, language=self.config.language, today=today,
            overrides=[Path(d) for d in config.theme.dirs], base_url=config.site_url or "",
            map_tiles=self.config.map_tiles, map_attribution=self.config.map_attribution,
            page_size=self.config.page_size,
            cache=self.preview.cache if self.preview else None,
            # one language alone uses every core; several side by side share them
            workers=1 if self.preview else free_cores(),
            languages=self.config.site_languages,
            licence=self.config.licence, licence_url=self.config.licence_url,
        )
        self._add_editor(config, root, validation.content)
        config.docs_dir = str(self._pages_dir(root))
        if not config.nav:
            config.nav = self.publication.nav
        config.extra_css = [*ASSETS.css, *config.extra_css]
        package = Path(__file__).parents[2]
        for folder in (root, package / "templates", package / "assets"):  # reports, registries, templates
            if str(folder) not in config.watch:
                config.watch.append(str(folder))
        return config

    def _add_editor(self, config: MkDocsConfig, root: Path, content: Content) -> None:
        """``admin/``: the web editor's page, configuration and Decap's bundle (``outputs.editor``);
        under ``serve`` against decap-server on the local files."""
        if not self.config.editor:
            return
        config_dir = Path(config.config_file_path or ".").parent
        repo = decap.github_repository(self.config.editor_repo, config.repo_url)
        if not repo and self.preview is None:
            log.debug("m4c: no web editor (admin/): set the m4c plugin's editor_repo (or repo_url)")
            return
        roots = decap.package_roots(config_dir)
        packages = decap.bundle(roots)
        if packages is None:
            return
        repo_root, content_path = decap.content_location(config_dir, root)
        if self.preview is not None and not self._backend_tried:
            self._backend_tried = True
            self._local_backend = decap.LocalBackend.start(repo_root, roots)
        local = self._local_backend.url if self._local_backend is not None else ""
        if not repo and not local:
            return
        settings = EditorSettings(repo=repo, branch=self.config.editor_branch, base_url=self.config.editor_auth_url,
                                  auth_endpoint=self.config.editor_auth_endpoint, content_path=content_path,
                                  local_backend=local)
        assert self.publication is not None
        texts, bundle = editor_files(content.registry, content.pages, settings, self.config.language, packages)
        self.publication.data_files.update(texts)
        self.publication.static_files.update(bundle)

    def _validate(self, root: Path) -> Validation:
        """The content's validation; in a preview, the previous one while no file under the
        content folder changed."""
        if self.preview is not None:
            self.preview.stop_index()  # the last build's search index, before this build writes
            previous = self.preview.previous_validation(root)
            if previous is not None:
                return previous
        try:
            memory = self.preview.reports if self.preview is not None else None
            # A preview runs beside the server's threads, which forked workers must not copy.
            validation = INHERITED.get(root) or validate_content(
                root, memory=memory, parallel_from=sys.maxsize if self.preview is not None else None)
        except ContentDirError as exc:
            raise PluginError(f"m4c: {exc}") from exc
        if self.preview is not None:
            self.preview.keep_validation(validation)
        return validation

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.publication is not None and self.validation is not None
        if self.preview is not None:
            self.preview.begin(config)
        self._meta = {}
        self._searched, self._missions_searched = [], True
        content = self.validation.content
        accepted = content.files.allowed() if content and content.files else frozenset()
        docs_dir = Path(config.docs_dir)
        language = self.config.language
        chosen = {p.text(language).path: p for p in (content.pages if content else [])}
        for file in list(files):  # only what the content walker accepted leaves pages/
            source = Path(file.abs_src_path) if file.abs_src_path else None
            if source and docs_dir in source.parents and source not in accepted:
                files.remove(file)
            elif source and docs_dir in source.parents and source.suffix == ".md" and source not in chosen:
                files.remove(file)  # another language's version of a page, or an orphan translation
        for path, page_source in chosen.items():
            if path != page_source.path:  # a translation: published at its source's address
                found = files.get_file_from_path(path.relative_to(docs_dir).as_posix())
                if found is not None:
                    files.remove(found)
                files.append(generated(config, page_source.src_uri, abs_src_path=str(path)))
        for page in self.publication.pages:
            if files.get_file_from_path(page.src_uri):
                raise PluginError(f"m4c: {page.src_uri} is generated; remove it from {config.docs_dir}")
            meta = generated_meta(page.title, page.description, page.kind, has_toc=page.markdown is not None,
                                  extra=page.meta)
            self._meta[page.src_uri] = meta  # given to MkDocs in on_page_markdown
            inclusion = InclusionLevel.NOT_IN_NAV if page.kind in OUT_OF_NAV else InclusionLevel.UNDEFINED
            file = generated(config, page.src_uri, content=page.markdown or "", inclusion=inclusion)
            if self.preview is not None:
                file = self.preview.mark(file, json.dumps(meta, ensure_ascii=False), page.markdown or "", page.packed)
            files.append(file)
        for src_uri, path in self.publication.static_files.items():
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
        for src_uri, data in self.publication.data_files.items():
            if not src_uri.endswith(".md"):  # .md would become a page: written in on_post_build
                file = generated(config, src_uri, content=data)
                files.append(self.preview.mark(file, data) if self.preview else file)
        if self.preview is not None:
            self._track(files, config)
        self._forks = PageWorkers.wanted(len(self.publication.pages), free_cores(), self.preview is not None)
        if self.progress is not None:
            self.progress.start("render", total=len(files.documentation_pages()))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._nav = nav
        return nav

    def _mine(self, file: File) -> bool:
        """A page a worker may write: one of m4c's generated pages, whose HTML m4c made."""
        assert self.publication is not None
        page = self.publication.by_src_uri.get(file.src_uri)
        return page is not None and page.markdown is None

    def _in_worker(self) -> None:
        self.progress = None  # the build's own: a worker does not report its steps
        self._own_sink = None

    def _noted(self) -> tuple[list[str], bool]:
        return self._searched, self._missions_searched

    def _track(self, files: Files, config: MkDocsConfig) -> None:
        """Tell the preview what this build writes. Content pages (pages/) are few and made of
        more than their own file (their translations, the navigation): always written again."""
        assert self.preview is not None and self.publication is not None
        for file in files.documentation_pages():
            if not isinstance(file, PreviewFile):
                setattr(file, "is_modified", lambda: True)  # noqa: B010 (an instance's method)
        self.preview.written(file.abs_dest_path for file in files)
        self.preview.written(str(Path(config.site_dir, src_uri)) for src_uri in self.publication.data_files
                             if src_uri.endswith(".md"))

    def _contact_name(self) -> str:
        """The contact's name in this build's language (the option may give one per language)."""
        name = self.config.contact_name
        if isinstance(name, dict):
            texts = {str(k): str(v) for k, v in name.items()}
            return texts.get(self.config.language) or next(iter(texts.values()), "")
        return str(name)

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """A programme page's file is never handed to MkDocs, which would parse its front matter
        itself (any YAML, any key): its checked body and meta come in ``on_page_markdown``."""
        return "" if self._content_page(page) is not None else None

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.publication is not None
        generated = self.publication.by_src_uri.get(page.file.src_uri)
        if generated is not None:  # its HTML replaces the content, unless MkDocs renders its Markdown
            page.meta = dict(self._meta[page.file.src_uri])
            if generated.markdown is None:
                setattr(page, "render", _Rendered(page))  # noqa: B010 (this page's own render)
            return generated.markdown or ""
        source = self._content_page(page)
        if source is None:
            return markdown
        text = source.text(self.config.language)
        # what the author wrote before the body goes no further: the meta is m4c's
        page.meta = programme_meta(text, path=page.url, language=self.config.language,
                                   base_url=config.site_url or "", languages=self.config.site_languages)
        markdown = text.body
        for token, value in contact_tokens(self._contact_name(), self.config.contact_email).items():
            if token in markdown and not value:
                log.warning(f"{page.file.src_uri} uses {token} but the m4c plugin's "
                            f"{token.strip('{} ')} is not set in mkdocs.yml")
            markdown = markdown.replace(token, value)
        return markdown

    def _content_page(self, page: Page) -> ContentPage | None:
        assert self.validation is not None and self.validation.content is not None
        return next((p for p in self.validation.content.pages if p.src_uri == page.file.src_uri), None)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.publication is not None
        generated = self.publication.by_src_uri.get(page.file.src_uri)
        # Generated pages sanitised their content fragments; what MkDocs renders passes here.
        if generated and generated.markdown is None:
            # The page's HTML joins at writing (on_post_page). Material adds a heading to a
            # content without "<h1": the mark carries one when the page has its own.
            return CONTENT_MARK_H1 if generated.heading else CONTENT_MARK
        source = self._content_page(page)
        if source is not None and not source.is_translated(self.config.language):
            return untranslated(html, self.config.language)
        return clean(html)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """The theme's own texts (footer, 404 page, the header's search box) come from m4c's
        catalogues, as ``t``."""
        env.globals["t"] = Strings(self.config.language)
        # MkDocs makes an environment per build: Material's partials, included thousands of
        # times, need not be checked on disk at each inclusion.
        env.auto_reload = False
        env.globals["m4c_once"] = Once()
        # Material's templates compiled once per process (a preview's builds, a second language)
        env.bytecode_cache = COMPILED
        if self._forks and self._nav is not None:
            # every page is read: workers render a share of the generated ones beside this process
            self._workers.start(self._forks, config, files, self._nav, env, self._mine, self._in_worker, self._noted)
        return env

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        """The switcher and the hreflang links of this page: its versions in every language.
        Material reads ``extra.alternate`` while rendering the page, which happens right after."""
        if self.config.site_languages:
            config.extra["alternate"] = [v.as_dict() for v in
                                         versions(self._root_url, self.config.site_languages, page.url)]
        return context

    def on_template_context(self, context: TemplateContext, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        """Pages without a page (404.html): the switcher goes to each language's home. The
        sitemap: each page's versions, and the day its content last changed."""
        languages = self.config.site_languages
        if languages:
            config.extra["alternate"] = [v.as_dict() for v in versions(self._root_url, languages, "")]
        if template_name == "sitemap.xml":
            every_page(context, self._workers.pages)  # the pages the workers wrote too
        if template_name == "sitemap.xml" and self.publication is not None and self.validation is not None:
            written = self.validation.content.pages if self.validation.content else []
            commits = last_commits(self._content_dir(config) / PAGES) if written else {}
            cast(dict[str, Any], context).update(
                m4c_lastmod=last_changes(self.publication.pages, written, self.config.language, commits),
                m4c_versions=functools.partial(versions, self._root_url, languages) if languages else None)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.progress is not None:
            self.progress.step()
        assert self.publication is not None
        generated = self.publication.by_src_uri.get(page.file.src_uri)
        if generated and generated.markdown is None:
            mark = CONTENT_MARK_H1 if CONTENT_MARK_H1 in output else CONTENT_MARK
            if output.count(mark) != 1:
                raise PluginError(f"m4c: the theme did not print {page.file.src_uri}'s content exactly once "
                                  "(its template must show page.content)")
            output = output.replace(mark, generated.html)
        if generated is not None and generated.kind == "mission":
            self._missions_searched &= SEARCH_BODY in output
        elif SEARCH_BODY in output:
            self._searched.append(page.file.dest_uri)
        return valid_material_html(output)

    def _search_glob(self) -> str | None:
        """The pages Pagefind needs to read: those it indexes, every mission page named by one
        pattern (None, every page, when a theme wrote some mission page without the part)."""
        if not self._missions_searched:
            return None
        return glob_of(self._searched, patterns=[urls.mission_url("*") + "index.html"])

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """Static templates (404.html) are Material's base too."""
        return valid_material_html(output_content)

    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.publication is not None
        self._join_workers()
        for src_uri, data in self.publication.data_files.items():
            if src_uri.endswith(".md"):  # downloads to keep as Markdown, not pages
                target = Path(config.site_dir, src_uri)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        if not quiet_alternate_sitemaps(Path(config.site_dir)):
            log.warning("m4c: Material's script has no 'link[rel=alternate]' selector to narrow: "
                        "each page may fetch missing sitemaps (see adapters/mkdocs/material.py)")
        assert self.progress is not None
        site_dir = Path(config.site_dir)
        later = False  # a build indexes before it is served, except a preview's rebuilds
        if self.preview is not None:
            later = self.preview.builds > 0
            for path in self.preview.finish(site_dir):
                log.debug(f"m4c: removed {path} (no longer published)")
            log.info(self.preview.report())
        if self.config.search and self.preview is not None and later:
            self.preview.index_later(site_dir)
        elif self.config.search and self.defer_search:
            self.search_later = (str(site_dir), self._search_glob())
        elif self.config.search:
            self.progress.start("search")
            try:
                run_pagefind(site_dir, self._search_glob())
            except SearchIndexError as exc:
                raise PluginError(f"m4c: {exc}") from exc
        self.progress.end()
        if self._own_sink is not None and isinstance(self._own_sink, Live):
            self._own_sink.close()
        log.info(str(self.publication.summary))
        log.info(f"m4c: {self.progress.summary()}")

    def _start_progress(self) -> None:
        """This build's phases, shown by the parent's sink in a several-language build, else by
        one of this process's own (a status line on a terminal, a line a phase in a log)."""
        sink = shared()
        if sink is None:
            self._own_sink = sink = for_stream()
        self.progress = Progress(self.config.language, sink)

    def _join_workers(self) -> None:
        """The pages the workers wrote: their notes joined to this process's; a worker's warning
        logged here (``--strict`` counts it), its error the build's."""
        for report in self._workers.join():
            for message in report.warnings:
                log.warning(message)
            if report.error:
                raise PluginError(f"m4c: a process writing pages failed: {report.error}")
            self._searched.extend(report.searched)
            self._missions_searched &= report.missions_searched
            if self.progress is not None:
                for _ in range(report.pages):
                    self.progress.step()

    def on_build_error(self, *, error: Exception) -> None:
        with contextlib.suppress(PluginError):
            self._join_workers()
        if self.preview is not None:
            self.preview.failed()
