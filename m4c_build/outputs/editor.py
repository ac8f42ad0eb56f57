"""The web editor published under ``admin/``: Decap CMS's configuration, generated from the schema.

Decap CMS (a git-based editor) turns a collection's fields into a form and commits what the form
holds, or with its editorial workflow opens a pull request. Its ``config.yml`` comes from the one
walk over the schema (``schema.walk``), as the validator's binding and the editors' JSON Schemas
do: a field added to ``Report`` or ``PageMeta`` appears in the form with no change here. The
registries' keys are select options labelled in the editor's language, the fields' docs are
hints. Decap's own files come from its npm package (``decap_bundle``), never from a CDN.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

import yaml

from m4c_build.i18n.fielddocs import translated
from m4c_build.i18n.texts import Strings
from m4c_build.model import PAGE_SOURCE, Page, Registry
from m4c_build.outputs.editor_schemas import describe_field
from m4c_build.schema import walk
from m4c_build.schema.classes import KEY_PATTERN, LANGUAGES, PageMeta, Report
from m4c_build.site.render import make_environment, render

FOLDER = "admin"
"""Where the editor is published in the site (``admin/``, Decap's convention)."""
BUNDLE = "decap-cms.js"
"""Decap's bundle in its npm package's ``dist/``; its chunks are ``<n>.decap-cms.js`` beside it."""
PACKAGE_DIST = Path("node_modules", "decap-cms", "dist")
YAML_DIST = Path("node_modules", "yaml", "browser", "dist")
"""The YAML library (ES modules) m4c's report format reads and writes front matter with."""
SCRIPT = "m4c-editor.js"
"""m4c's script: the report format (``templates/m4c/editor.js``), then Decap."""
STYLESHEET = "m4c-editor.css"
"""m4c's styles over Decap's (``templates/m4c/editor.css``): the form on a phone's screen."""
REPORT_FORMAT = "m4c-frontmatter"
"""A report's file for Decap: YAML front matter, the schema's short forms opened as long ones."""

REPORTS = "reports"
BODY = "body"
"""Decap's name for the Markdown after the front matter."""
MISSIONS = "missions"
MEDIA = "media"
PAGES = "pages"

_OPTION_TEXTS = {"type": "type_", "language": "lang_", "follow_up.status": "status_"}
"""Catalogue prefixes of the texts that name a choice's values (``type_exploratory``)."""
_GITHUB_HOSTS = ("https://api.github.com",)
"""What Decap's GitHub backend fetches (its status check of www.githubstatus.com is left out:
the policy blocks it, and Decap then takes GitHub as working)."""
_GITHUB_IMAGES = ("https://avatars.githubusercontent.com",)


@dataclass(frozen=True)
class EditorSettings:
    """Where the editor saves: a GitHub repository (every save a pull request), or while
    previewing a local ``decap-server``."""

    repo: str = ""
    """'owner/name' on GitHub."""
    branch: str = "main"
    base_url: str = ""
    """The OAuth proxy that logs authors in to GitHub (Decap's ``base_url``); empty: Netlify's."""
    auth_endpoint: str = ""
    content_path: str = "content"
    """The content folder, relative to the repository's root."""
    local_backend: str = ""
    """A running decap-server's API address (``http://127.0.0.1:8081/api/v1``): the form reads
    and writes the local files, saving directly (no pull request)."""


def decap_bundle(roots: Iterable[Path]) -> Path | None:
    """The folder holding ``node_modules`` with Decap's and the YAML library's npm packages,
    the first of ``roots`` that does, if any."""
    for root in roots:
        if (root / PACKAGE_DIST / BUNDLE).is_file() and (root / YAML_DIST / "index.js").is_file():
            return root
    return None


def shorthands() -> dict[str, str]:
    """List fields of a report whose items may be a plain text, and the field that text is."""
    found = {}
    for f in walk.fields(Report):
        short = walk.shorthand(f.record) if f.record is not None and f.many else None
        if short is not None:
            found[f.name] = short.name
    return found


class _Dumper(yaml.SafeDumper):
    """Writes a list of fields shared by several forms in full each time (no YAML anchors)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _options(f: walk.Field, registry: Registry, t: Strings) -> list[dict[str, str]] | None:
    """A field's choices as ``{label, value}``: a registry's keys with their labels in the
    editor's language, or a ``Literal``'s values; None for a free field."""
    ref = f.ref
    if ref:
        terms = registry.terms(ref)
        keys = registry.choices(ref)
        options = [{"label": _label(terms[key], t.language), "value": key} for key in keys]
        return sorted(options, key=lambda o: o["label"].casefold())
    tp = f.item if f.many else f.tp
    origin, args = walk.shape(tp)
    if origin is Literal:
        prefix = _OPTION_TEXTS.get(f.path) or _OPTION_TEXTS.get(f.name)
        return [{"label": t(prefix + str(a)) if prefix else str(a), "value": str(a)} for a in args]
    return None


def language_name(t: Strings, code: str) -> str:
    """A language's name in the editor's language ('anglais')."""
    return t(f"lang_{code}")


def _label(term: Any, language: str) -> str:
    """A term's label in ``language`` (a city's name is the same in every language)."""
    labels = getattr(term, "labels", None)
    return labels.get(language) if labels is not None else str(term.name)


@dataclass(frozen=True)
class _Form:
    """The Decap fields of schema classes, in one language."""

    registry: Registry
    t: Strings
    report_docs: bool = True
    """The docs are the catalogues' ``field.<path>`` texts (a report's); else English (a page's)."""

    def hint(self, f: walk.Field) -> str:
        doc = describe_field(f)
        return translated(f.path, doc, self.t.language) if self.report_docs else doc

    def fields(self, cls: type, prefix: str = "", *, optional: bool = False) -> list[dict[str, Any]]:
        """The fields of ``cls``; within an ``optional`` object none is required by the form
        (Decap would ask for them even when the object is left out: ``m4c validate`` does)."""
        return [self.field(f, optional=optional) for f in walk.fields(cls, prefix)]

    def field(self, f: walk.Field, *, optional: bool = False) -> dict[str, Any]:
        widget = self.widget(f, optional=optional)
        result: dict[str, Any] = {"name": f.name, "label": f.name, **widget,
                                  "required": f.required and not optional, "hint": self.hint(f)}
        default = f.default
        if (default is not dataclasses.MISSING and default is not None and default != []
                and default != {} and "default" not in result):
            result["default"] = default
        return result

    def widget(self, f: walk.Field, *, optional: bool = False) -> dict[str, Any]:
        options = _options(f, self.registry, self.t)
        if options is not None:
            select: dict[str, Any] = {"widget": "select", "options": options}
            if f.many:
                select |= {"multiple": True, **self.counts(f)}
            return select
        if f.keyed:  # a mapping by language (translations): one optional object per language
            _, (key_type, _value) = walk.shape(f.tp)
            keys = walk.shape(key_type)[1] or LANGUAGES
            assert f.record is not None
            return {"widget": "object", "collapsed": True, "fields": [
                {"name": key, "label": f"{key} · {language_name(self.t, key)}", "widget": "object",
                 "collapsed": True, "required": False,
                 "fields": self.fields(f.record, f"{f.path}.", optional=True)} for key in keys]}
        if f.record is not None:
            if f.many:  # an item's fields are asked for once the item is added
                fields = self.fields(f.record, f"{f.path}.")
                return {"widget": "list", "fields": fields, "summary": f"{{{{fields.{fields[0]['name']}}}}}",
                        "collapsed": False, **self.counts(f)}
            fields = self.fields(f.record, f"{f.path}.", optional=optional or f.optional)
            return {"widget": "object", "fields": fields}
        if f.many:
            return {"widget": "list", "field": {"name": "item", "label": f.name,
                                                **self.scalar(f.item, f.meta)}, **self.counts(f)}
        return self.scalar(f.tp, f.meta)

    @staticmethod
    def counts(f: walk.Field) -> dict[str, int]:
        counts: dict[str, int] = {}
        if f.meta.get("min_items"):
            counts["min"] = int(f.meta["min_items"])
        if f.meta.get("max_items") is not None:
            counts["max"] = int(f.meta["max_items"])
        return counts

    @staticmethod
    def scalar(tp: Any, meta: Mapping[str, Any]) -> dict[str, Any]:
        if tp is dt.date:
            # Decap writes the day as text (2024-03-12), which m4c reads as a date.
            return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD",
                    "time_format": False, "picker_utc": True}
        if tp is bool:
            return {"widget": "boolean"}
        if tp in (int, float):
            number: dict[str, Any] = {"widget": "number", "value_type": "int" if tp is int else "float"}
            for name in ("minimum", "maximum"):
                if meta.get(name) is not None:
                    number[name[:3]] = meta[name]
            return number
        if tp is not str:
            raise TypeError(f"no form widget for schema type {tp!r}")  # a bug in schema.py
        if meta.get("input") == "image":
            return {"widget": "image", "choose_url": False}
        widget: dict[str, Any] = {"widget": "text" if meta.get("input") == "lines" else "string"}
        pattern = meta.get("pattern") or (KEY_PATTERN if meta.get("ref") else None)
        if pattern:
            widget["pattern"] = [pattern, str(meta.get("pattern_hint") or pattern)]
        return widget


def _page_file(page: Page, language: str) -> PurePosixPath:
    """The file of ``page`` in ``language``: the French source, or its ``<name>.<lang>.md``."""
    source = PurePosixPath(page.src_uri)
    return source if language == PAGE_SOURCE else source.with_suffix(f".{language}.md")


def editor_config(registry: Registry, pages: Iterable[Page], settings: EditorSettings,
                  language: str) -> dict[str, Any]:
    """Decap CMS's configuration: the reports' collection and the programme pages', one
    collection per language (Decap's own i18n would name the French source ``<name>.fr.md``)."""
    t = Strings(language)
    form, page_form = _Form(registry, t), _Form(registry, t, report_docs=False)
    content = PurePosixPath(settings.content_path)
    # Raw Markdown first: the rich-text mode would rewrite what it does not know of m4c's
    # Markdown ('!!! note' boxes, '{: #anchor }' after a heading) when a text is saved.
    body = {"name": BODY, "label": t("editor.body"), "widget": "markdown", "modes": ["raw", "rich_text"],
            "required": False, "hint": t("editor.body_hint")}
    reports = {
        "name": REPORTS,
        "label": t("editor.reports"),
        "label_singular": t("editor.report"),
        "folder": str(content / MISSIONS),
        "create": True,
        "extension": "md",
        "format": REPORT_FORMAT,
        # content/missions/<year>/<year>-<city>-<title>.md, as `m4c new` names a report
        "path": "{{year}}/{{slug}}",
        "slug": "{{year}}-{{fields.city}}-{{slug}}",
        "identifier_field": "title",
        "summary": "{{date}} · {{city}} · {{title}}",
        "sortable_fields": ["date", "title", "city"],
        # photos go to content/media/ and are written media/<name>, as a report names them
        # (without, Decap puts them beside the entry)
        "media_folder": f"/{content / MEDIA}",
        "public_folder": MEDIA,
        "fields": [*form.fields(Report), body],
    }
    pages = list(pages)
    collections: list[dict[str, Any]] = [reports]
    for lang in LANGUAGES:
        files = [{"name": str(_page_file(page, lang).with_suffix("")).replace("/", "-").replace(".", "-"),
                  "label": page.text(lang).title,
                  "file": str(content / PAGES / _page_file(page, lang)),
                  "fields": [*page_form.fields(PageMeta), body]} for page in pages]
        if files:
            collections.append({"name": f"{PAGES}-{lang}", "label": t("editor.pages", language=language_name(t, lang)),
                                "format": "yaml-frontmatter", "files": files})
    config: dict[str, Any] = {
        "locale": language,
        "backend": {"name": "github", "repo": settings.repo, "branch": settings.branch,
                    **({"base_url": settings.base_url} if settings.base_url else {}),
                    **({"auth_endpoint": settings.auth_endpoint} if settings.auth_endpoint else {})},
        "publish_mode": "editorial_workflow",
        "media_folder": str(content / MEDIA),
        "public_folder": MEDIA,
        "editor": {"preview": False},
        # file names as m4c accepts them: lower-case ASCII letters, digits and '-'
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }
    if settings.local_backend:  # saves go straight to the files (decap-server's fs mode has no workflow)
        config["local_backend"] = {"url": settings.local_backend}
        del config["publish_mode"]
    return config


def content_security_policy(settings: EditorSettings) -> str:
    """The editor page's policy: its own files, and the hosts of the configured backend only."""
    connect = ["'self'", "blob:", *(_local_origin(settings.local_backend) if settings.local_backend else []),
               *_GITHUB_HOSTS]
    images = ["'self'", "data:", "blob:", *_GITHUB_IMAGES]
    # Decap compiles its configuration's JSON Schema with ajv (new Function: 'unsafe-eval') and
    # styles its React components with emotion (<style> elements: 'unsafe-inline').
    return "; ".join([
        "default-src 'self'", "script-src 'self' 'unsafe-eval'", "style-src 'self' 'unsafe-inline'",
        f"img-src {' '.join(images)}", f"connect-src {' '.join(connect)}", "font-src 'self'",
        "object-src 'none'", "base-uri 'self'", "form-action 'none'", "frame-src 'self'",
    ])


def _local_origin(url: str) -> list[str]:
    scheme, _, rest = url.partition("://")
    return [f"{scheme}://{rest.split('/', 1)[0]}"]


def editor_page(settings: EditorSettings, language: str) -> str:
    """``admin/index.html``: m4c's script and Decap's bundle from the site itself, never indexed."""
    t = Strings(language)
    return render(make_environment(), "editor.html", language=language, title=t("editor.title"),
                  policy=content_security_policy(settings), script=SCRIPT, stylesheet=STYLESHEET)


def editor_script() -> str:
    """``admin/m4c-editor.js``: the reports' format (``REPORT_FORMAT``), registered before Decap starts."""
    return render(make_environment(), "editor.js", shorthands=shorthands(), bundle=BUNDLE, format=REPORT_FORMAT)


def editor_files(registry: Registry, pages: Iterable[Page], settings: EditorSettings, language: str,
                 packages: Path) -> tuple[dict[str, str], dict[str, Path]]:
    """What ``admin/`` holds: its page, script and configuration (texts), and Decap's bundle and
    its chunks and the YAML library, copied from the npm packages under ``packages`` (files)."""
    config = yaml.dump(editor_config(registry, pages, settings, language), Dumper=_Dumper,
                       allow_unicode=True, sort_keys=False, width=100)
    texts = {f"{FOLDER}/index.html": editor_page(settings, language), f"{FOLDER}/{SCRIPT}": editor_script(),
             f"{FOLDER}/{STYLESHEET}": render(make_environment(), "editor.css"), f"{FOLDER}/config.yml": config}
    dist, yaml_dist = packages / PACKAGE_DIST, packages / YAML_DIST
    files = {f"{FOLDER}/{path.name}": path for path in sorted(dist.glob(f"*{BUNDLE}"))}
    files |= {f"{FOLDER}/yaml/{path.relative_to(yaml_dist).as_posix()}": path
              for path in sorted(yaml_dist.rglob("*.js"))}
    return texts, files


def field_paths(config: Mapping[str, Any], collection: str) -> set[str]:
    """Every field path a collection's form holds ('experts.name', 'translations.en.title'):
    what a test compares with the schema's."""
    found = next(c for c in config["collections"] if c["name"] == collection)
    fields = found.get("fields") or found["files"][0]["fields"]

    def paths(fields: list[dict[str, Any]], prefix: str) -> Iterable[str]:
        for f in fields:
            yield prefix + f["name"]
            yield from paths(f.get("fields", []), f"{prefix}{f['name']}.")

    return set(paths(fields, ""))


