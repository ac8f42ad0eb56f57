"""Build small m4c sites in a temporary folder, the way a user would, and read what they get."""

from __future__ import annotations

import gzip
import logging
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "content"

# A tiny PNG (1x1), enough for photo references.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


def report(**fields: object) -> str:
    """A report file: frontmatter from ``fields`` (dumped by PyYAML) and an optional ``body``."""
    body = str(fields.pop("body", "Le récit de la mission.\n"))
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{textwrap.dedent(body)}"


def base_report(**overrides: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "title": "Mission",
        "city": "quebec",
        "date": "2024-03-12",
        "themes": ["tourism"],
        "issue": "Une question.",
        "objectives": ["Un objectif"],
        "experts": [{"name": "Ana Ferreira", "origin": "Évora"}],
        "actors": ["Service de l'urbanisme"],
        "assistance": {"summary": "Un atelier.", "formats": ["workshop"]},
        "lessons": ["Une leçon."],
        "follow_up": ["Une suite"],
    }
    fields.update(overrides)
    return fields


def write_content(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """A content folder with the shipped registries unless ``files`` gives its own."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("cities.yml", "vocabulary.yml"):
        if name not in files:
            (root / name).write_text((SHIPPED / name).read_text(encoding="utf-8"), encoding="utf-8")
    (root / "missions").mkdir(exist_ok=True)
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def write_config(folder: Path, content: Path, *, language: str = "fr", search: bool = True,
                 today: str = "2026-01-15", extra: str = "", site_dir: Path | None = None,
                 theme_dir: Path | None = REPO / "theme",
                 contact_name: str = "Responsable du programme", page_size: int | None = None,
                 editor: bool = False) -> Path:
    """A mkdocs.yml for ``content`` with m4c's plugin, a theme folder (the project's unless
    ``theme_dir`` says otherwise; None for none) and the project's validation; ``page_size``
    sets the plugin's (missions on one page of a group). The web editor is off unless
    ``editor`` (its bundle is 6 MB, and under serve it starts decap-server)."""
    config = folder / "mkdocs.yml"
    custom_dir = f"custom_dir: {theme_dir}" if theme_dir else ""
    config.write_text(textwrap.dedent(f"""\
        site_name: M4C test
        site_url: https://example.org/m4c/
        docs_dir: {content / 'pages'}
        site_dir: {site_dir or folder / 'site'}
        strict: true
        theme:
          name: material
          {custom_dir}
          font: false
          features: [navigation.tabs]
        plugins:
          - m4c:
              content_dir: {content}
              language: {language}
              search: {str(search).lower()}
              today: "{today}"
              contact_name: {contact_name}
              contact_email: programme@example.org
              editor: {str(editor).lower()}
              {f"page_size: {page_size}" if page_size else ""}
        validation:
          nav: {{omitted_files: warn, not_found: warn}}
          links: {{not_found: warn, anchors: warn, unrecognized_links: warn}}
        """) + extra, encoding="utf-8")
    (content / "pages").mkdir(exist_ok=True)
    return config


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Built:
    site: Path
    log: list[str]
    failed: bool = False

    def html(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")

    def numbered_pages(self, url: str) -> list[str]:
        """A paginated list's pages in order: ``<url>/``, then ``<url>/page/2/``..."""
        pages = [self.html(url)]
        while (self.site / url / "page" / str(len(pages) + 1) / "index.html").is_file():
            pages.append(self.html(f"{url}/page/{len(pages) + 1}"))
        return pages

    def files(self) -> Iterator[Path]:
        return (p for p in self.site.rglob("*") if p.is_file())


def count_compiled(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The names of the templates Jinja compiles from now on (in this test), in order."""
    from jinja2 import Environment

    compiled: list[str | None] = []
    compile_ = Environment.compile

    def counted(self: Environment, source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        compiled.append(name)
        return compile_(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Environment, "compile", counted)
    return compiled


def build_site(config: Path, *, may_fail: bool = False) -> Built:
    """Run a strict MkDocs build as `mkdocs build` would; returns the site and its log lines."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    capture = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    failed = False
    try:
        cfg = load_config(str(config))
        build(cfg)
    except Abort:
        if not may_fail:
            raise
        failed = True
    finally:
        logger.removeHandler(capture)
        logger.setLevel(old_level)
    log = [f"{r.levelname}: {r.getMessage()}" for r in capture.records]
    return Built(site=Path(cfg.site_dir), log=log, failed=failed)


def readable(path: Path) -> bytes:
    """A file's bytes, gunzipped when it is compressed (Pagefind's index and fragments)."""
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            return gzip.decompress(data)
        except (OSError, EOFError):
            return data
    return data


class Elements(HTMLParser):
    """The elements of a page, each as (tag, attributes, text inside it)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, dict[str, str | None], list[str]]] = []
        self._open: list[int] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.items.append((tag, dict(attrs), []))
        if tag not in {"img", "br", "hr", "meta", "link", "input", "source", "wbr"}:
            self._open.append(len(self.items) - 1)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self.items[self._open[i]][0] == tag:
                del self._open[i:]
                break

    def handle_data(self, data: str) -> None:
        for i in self._open:
            self.items[i][2].append(data)

    def find(self, tag: str | None = None, **attrs: str) -> list[tuple[str, dict[str, str | None], str]]:
        found = []
        for name, attributes, texts in self.items:
            if tag and name != tag:
                continue
            if all(attr_matches(attributes.get(k.rstrip("_").replace("_", "-")), v) for k, v in attrs.items()):
                found.append((name, attributes, " ".join("".join(texts).split())))
        return found

    def texts(self, tag: str | None = None, **attrs: str) -> list[str]:
        return [text for _, _, text in self.find(tag, **attrs)]


def attr_matches(value: str | None, wanted: str) -> bool:
    if value is None:
        return False
    if wanted == "*":
        return True
    return wanted in value.split() or value == wanted


def link_card(html: str) -> dict[str, list[str]]:
    """A page's link preview: its Open Graph properties and Twitter names -> their values."""
    tags: dict[str, list[str]] = {}
    for _, attrs, _ in Elements(html).find("meta"):
        key = attrs.get("property") or attrs.get("name") or ""
        if key.startswith(("og:", "twitter:")):
            tags.setdefault(key, []).append(attrs.get("content") or "")
    return tags
