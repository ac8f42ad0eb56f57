"""The preview's incremental builds give the site a full build gives, after every kind of edit.

``m4c serve`` runs MkDocs' dirty builds with one plugin instance (MkDocs keeps a plugin that
defines ``on_startup``): the plugin reuses the validation while no content file changed, takes
unchanged mission and grouping pages from its cache, lets MkDocs skip the pages whose text did not
change, and deletes the pages that are no longer published. Here the same builds run in-process,
and after each edit every file of the served folder is compared with a clean full build.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from sitekit import REPO, write_config

from m4c_build.site.cache import PACKAGE_TEMPLATES

sys.path.insert(0, str(REPO / "benchmarks"))
from corpus import generate

SERVE_URL = "http://127.0.0.1:8000/"


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _times(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def _plugin(config: MkDocsConfig) -> Any:
    return config.plugins["m4c"]


@contextmanager
def serving(config_file: Path, site_dir: Path) -> Iterator[Callable[[], None]]:
    """Rebuild as ``m4c serve`` does: a fresh configuration per build, the same plugin, dirty."""

    def load() -> MkDocsConfig:
        config = load_config(str(config_file), site_dir=str(site_dir))
        config.site_url = SERVE_URL
        return config

    first = load()
    first.plugins.on_startup(command="serve", dirty=True)
    builds = [first]

    def rebuild() -> None:
        config = builds.pop() if builds else load()
        build(config, serve_url=SERVE_URL, dirty=True)

    try:
        yield rebuild
    finally:
        first.plugins.on_shutdown()


def full_build(config_file: Path, site_dir: Path) -> dict[str, bytes]:
    """A clean build of the same content, as the first build of a new ``m4c serve`` would be,
    by the same plugin instance with its preview set aside."""
    config = load_config(str(config_file), site_dir=str(site_dir))
    config.site_url = SERVE_URL
    plugin = _plugin(config)
    kept, plugin.preview = plugin.preview, None
    try:
        build(config, serve_url=SERVE_URL)
    finally:
        plugin.preview = kept
    return _files(site_dir)


def assert_same(served: Path, full: dict[str, bytes]) -> None:
    files = _files(served)
    only_served, only_built = sorted(set(files) - set(full)), sorted(set(full) - set(files))
    assert (only_served, only_built) == ([], []), "files only served / only in the full build"
    different = [name for name in files if files[name] != full[name]]
    assert different == [], f"{len(different)} files differ from the full build: {different[:10]}"


def _retitle(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title: .*$", f'title: "{title}"', text, count=1, flags=re.MULTILINE),
                    encoding="utf-8")


@pytest.fixture
def preview_site(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Path, Path, Path]:
    content = tmp_path / "content"
    generate(content, getattr(request, "param", 8))
    (content / "pages").mkdir()
    (content / "pages" / "about.md").write_text("# À propos\n\nLe programme.\n", encoding="utf-8")
    (tmp_path / "theme" / "m4c").mkdir(parents=True)
    config = write_config(tmp_path, content, search=False, site_dir=tmp_path / "served",
                          theme_dir=tmp_path / "theme")
    return content, config, tmp_path


def test_every_edit_gives_the_pages_of_a_full_build(preview_site: tuple[Path, Path, Path]) -> None:
    content, config, tmp = preview_site
    served, clean = tmp / "served", tmp / "clean"
    reports = sorted((content / "missions").rglob("*.md"))
    first, second, third = reports[0], reports[1], reports[2]

    def slug_page(report: Path) -> str:
        return f"missions/{report.stem}/index.html"

    edits: list[tuple[str, Callable[[], object]]] = [
        ("nothing", lambda: None),
        ("add a report", lambda: (first.parent / "2025-new-report.md").write_text(
            first.read_text(encoding="utf-8").replace("title: \"", "title: \"Nouveau ", 1), encoding="utf-8")),
        ("change a report", lambda: _retitle(second, "Un titre changé")),
        # Other pages show its lessons (related lessons): theirs follow.
        ("change a lesson", lambda: _edit(second, "lessons:\n  - ", "lessons:\n  - Une leçon changée. ")),
        ("draft a report", lambda: third.write_text(third.read_text(encoding="utf-8").replace(
            "---\n", "---\nstatus: draft\n", 1), encoding="utf-8")),
        ("delete a report", lambda: first.unlink()),
        ("change a theme's label", lambda: _edit(content / "vocabulary.yml", "fr: Tourisme,", "fr: Tourisme durable,")),
        ("change a city", lambda: _edit(content / "cities.yml", "Québec", "Ville de Québec")),
        ("change a content page", lambda: (content / "pages" / "about.md").write_text(
            "# À propos du programme\n\nLe programme, revu.\n", encoding="utf-8")),
        ("override a template", lambda: (tmp / "theme" / "m4c" / "mission.html").write_text(
            (PACKAGE_TEMPLATES / "m4c" / "mission.html").read_text(encoding="utf-8")
            + "<p>Modèle du projet</p>\n", encoding="utf-8")),
    ]
    with serving(config, served) as rebuild:
        rebuild()
        assert_same(served, full_build(config, clean))
        for name, edit in edits:
            before = _times(served)
            edit()
            rebuild()
            full = full_build(config, clean)
            try:
                assert_same(served, full)
            except AssertionError as exc:
                raise AssertionError(f"after '{name}': {exc}") from exc
            rewritten = {page for page, time in _times(served).items() if before.get(page) != time}
            missions = [page for page in before if page.startswith("missions/") and page != "missions/index.html"]
            if name == "override a template":
                assert "Modèle du projet" in (served / slug_page(reports[5])).read_text(encoding="utf-8")
            if name == "nothing":
                assert not any(page.startswith("missions/") for page in rewritten), rewritten
            if name == "change a report":  # its page and its neighbours', not every mission's
                assert slug_page(second) in rewritten
                assert len([p for p in rewritten if p in missions]) < len(missions)
            if name == "change a lesson":
                showing = [page for page in missions
                           if "Une leçon changée." in (served / page).read_text(encoding="utf-8")]
                assert len(showing) > 1, "the report's page and the pages that show its lessons"
            if name == "draft a report":
                assert slug_page(third) not in full and not (served / slug_page(third)).exists()
            if name == "delete a report":
                assert slug_page(first) not in full and not (served / slug_page(first)).exists()
                assert not (served / slug_page(first)).parent.exists()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("preview_site", [4], indirect=True)
def test_a_failed_rebuild_keeps_the_preview_whole(preview_site: tuple[Path, Path, Path]) -> None:
    """A report saved with an error stops the rebuild; once mended, the preview is the full build's."""
    from mkdocs.exceptions import Abort

    content, config, tmp = preview_site
    served, clean = tmp / "served", tmp / "clean"
    report = sorted((content / "missions").rglob("*.md"))[0]
    text = report.read_text(encoding="utf-8")
    with serving(config, served) as rebuild:
        rebuild()
        report.write_text(text.replace("city: ", "city: nowhere-", 1), encoding="utf-8")
        with pytest.raises(Abort):
            rebuild()
        _retitle(report, "Réparé")
        report.write_text(report.read_text(encoding="utf-8").replace("city: nowhere-", "city: ", 1),
                          encoding="utf-8")
        before = _times(served)
        rebuild()
        rewritten = [page for page, time in _times(served).items() if before.get(page) != time]
        assert len(rewritten) < len(before)  # refused content wrote nothing: the build goes on from there
        assert_same(served, full_build(config, clean))


def test_serve_is_told_of_a_save_at_once_and_not_of_a_read(tmp_path: Path) -> None:
    """Under ``m4c serve``, MkDocs' server hears of changes from the system (inotify) instead of
    polling every file twice a second; a save asks for a rebuild, reading a file (as a build
    reads the templates it watches) does not."""
    import time

    import mkdocs.commands.serve as serving
    from mkdocs.livereload import LiveReloadServer
    from watchdog.observers.polling import PollingObserver

    from m4c_build.adapters.mkdocs.preview import notified_changes

    watched = tmp_path / "content"
    watched.mkdir()
    report = watched / "a.md"
    report.write_text("one", encoding="utf-8")

    def waits_for_rebuild(server: LiveReloadServer, seconds: float) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if server._want_rebuild:
                return True
            time.sleep(0.01)
        return False

    with notified_changes():
        server = serving.LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    assert serving.LiveReloadServer is LiveReloadServer, "MkDocs' own class is back after"
    server.watch(str(watched))
    server.observer.start()
    try:
        time.sleep(0.2)
        report.read_text(encoding="utf-8")
        assert not waits_for_rebuild(server, 0.5), "a read is no change"
        report.write_text("two", encoding="utf-8")
        assert waits_for_rebuild(server, 5.0)
        assert not isinstance(server.observer.observer, PollingObserver), "told, not polling"
    finally:
        server.observer.stop()
        server.observer.join()
        server.server_close()


def test_a_preview_of_groups_on_several_pages(tmp_path: Path) -> None:
    """With a small ``page_size`` every grouping continues on page 2 and more: each page is
    rebuilt as the full build makes it, as groups grow and shrink (a page kept by the cache
    under its group's key alone would stand for every page of the group)."""
    content = tmp_path / "content"
    generate(content, 12)
    config = write_config(tmp_path, content, search=False, site_dir=tmp_path / "served", page_size=1)
    served, clean = tmp_path / "served", tmp_path / "clean"
    reports = sorted((content / "missions").rglob("*.md"))
    twin = reports[0].read_text(encoding="utf-8").replace("title: \"", "title: \"Jumeau ", 1)
    (reports[0].parent / "2025-same-city.md").write_text(twin, encoding="utf-8")  # a city on two pages
    edits: list[tuple[str, Callable[[], object]]] = [
        ("nothing", lambda: None),
        ("change a report", lambda: _retitle(reports[3], "Un titre changé")),
        ("add a report", lambda: (reports[0].parent / "2025-new-report.md").write_text(
            reports[0].read_text(encoding="utf-8").replace("title: \"", "title: \"Nouveau ", 1), encoding="utf-8")),
        ("delete three reports", lambda: [report.unlink() for report in reports[:3]]),
    ]
    with serving(config, served) as rebuild:
        rebuild()
        assert_same(served, full_build(config, clean))
        second_pages = {p.relative_to(served).parts[0] for p in served.glob("*/*/page/2/index.html")}
        assert second_pages == {"themes", "topics", "cities", "regions", "years"}
        for name, edit in edits:
            edit()
            rebuild()
            try:
                assert_same(served, full_build(config, clean))
            except AssertionError as exc:
                raise AssertionError(f"after '{name}': {exc}") from exc
