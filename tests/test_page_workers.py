"""A large build writes a share of its generated pages from forked processes
(``adapters.mkdocs.workers``): the site must be the same, byte for byte, as one process writes
it, and what goes wrong in a worker must reach the build."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sitekit import base_report, build_site, report, write_config, write_content

from m4c_build.adapters.mkdocs import plugin as plugin_module
from m4c_build.adapters.mkdocs import workers


def _content(tmp_path: Path, count: int = 24) -> Path:
    return write_content(tmp_path / "content", {
        f"missions/m-{i:02d}.md": report(**base_report(
            title=f"Mission {i:02d}", date=f"2021-02-{i + 1:02d}", lessons=[f"Leçon {i:02d}a", f"Leçon {i:02d}b"]))
        for i in range(count)})


def _site(tmp_path: Path, name: str, forks: int, monkeypatch: pytest.MonkeyPatch, may_fail: bool = False):
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1 if forks else 10**9)
    monkeypatch.setattr(plugin_module, "free_cores", lambda: forks + 1)
    folder = tmp_path / name
    folder.mkdir()
    return build_site(write_config(folder, tmp_path / "content", search=False), may_fail=may_fail)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize("forks", [1, 2])
def test_pages_written_by_workers_are_those_one_process_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               forks: int) -> None:
    _content(tmp_path)
    alone = _site(tmp_path, "alone", 0, monkeypatch)
    shared = _site(tmp_path, "shared", forks, monkeypatch)
    mine, theirs = _files(alone.site), _files(shared.site)
    assert sorted(theirs) == sorted(mine)
    assert [name for name in mine if theirs[name] != mine[name]] == []
    assert sum(name.startswith("missions/m-") for name in theirs) == 24
    assert b"missions/m-23/" in theirs["sitemap.xml"]  # the workers' pages are in the sitemap
    assert [line for line in shared.log if line.startswith(("WARNING", "ERROR"))] == []


def test_a_worker_that_fails_fails_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _content(tmp_path)
    def failing(page, *args, **kwargs):  # only a worker calls it through the module
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(workers, "_build_page", failing)
    built = _site(tmp_path, "site", 1, monkeypatch, may_fail=True)
    assert built.failed
    assert any("a process writing pages failed: RuntimeError: the disk is full" in line for line in built.log)


def test_a_workers_warning_is_the_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--strict counts a warning logged while a worker wrote its pages."""
    _content(tmp_path)
    real = workers._build_page

    def warning(page, *args, **kwargs):
        logging.getLogger("mkdocs.plugins.m4c").warning(f"look at {page.file.src_uri}")
        return real(page, *args, **kwargs)

    monkeypatch.setattr(workers, "_build_page", warning)
    built = _site(tmp_path, "site", 1, monkeypatch, may_fail=True)
    assert built.failed  # strict: a warning aborts
    warned = [line for line in built.log if line.startswith("WARNING: look at missions/")]
    assert warned and len(warned) == len(set(warned))


def test_no_worker_under_serve_on_one_core_or_on_a_small_site() -> None:
    assert workers.PageWorkers.wanted(10_000, cores=4, preview=True) == 0
    assert workers.PageWorkers.wanted(10_000, cores=1, preview=False) == 0
    assert workers.PageWorkers.wanted(workers.PARALLEL_FROM - 1, cores=4, preview=False) == 0
    assert workers.PageWorkers.wanted(10_000, cores=4, preview=False) == 3


def test_a_build_uses_the_cores_the_other_languages_leave(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    from m4c_build import parallel

    monkeypatch.setattr(parallel, "cores", lambda: 2)
    assert parallel.free_cores() == 2  # one language: all of them
    monkeypatch.setattr(parallel, "RUNNING", [multiprocessing.get_context("fork").Value("i", 0)])
    with parallel.counted():
        with parallel.counted():
            assert parallel.free_cores() == 1  # two languages side by side: one each
        assert parallel.free_cores() == 2  # the last one running: both
    assert parallel.RUNNING[0].value == 0


def test_the_next_build_keeps_nothing_of_the_workers_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs may keep a plugin between builds of one process: a build that forks no worker has
    only its own pages in its sitemap."""
    _content(tmp_path)
    _site(tmp_path, "first", 1, monkeypatch)
    other = tmp_path / "other"
    write_content(other / "content", {"missions/q.md": report(**base_report(title="Seule"))})
    monkeypatch.setattr(workers, "PARALLEL_FROM", 10**9)
    (other / "site").mkdir()
    built = build_site(write_config(other / "site", other / "content", search=False))
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "missions/q/" in sitemap and "missions/m-" not in sitemap


def test_long_items_go_alone_and_the_results_keep_their_order() -> None:
    from m4c_build import parallel

    items = list(range(40))
    assert parallel.forked_map(lambda x: (x, x * x), items, 2, alone=3) == [(x, x * x) for x in items]
    assert parallel.run_jobs([lambda x=x: -x for x in items], 2, alone=1) == [-x for x in items]


def test_workers_leave_the_parents_objects_to_the_collector_and_the_parent_gets_them_back() -> None:
    """A worker's full collections skip what it inherits (gc.freeze: they would walk and copy
    the whole validated content); the parent, which goes on, collects its garbage again after."""
    import gc

    from m4c_build import parallel

    assert gc.get_freeze_count() == 0
    inherited = parallel.forked_map(lambda _: gc.get_freeze_count(), range(4), 2)
    assert min(inherited) > 0
    assert gc.get_freeze_count() == 0
    with parallel.frozen():
        with parallel.frozen():
            assert gc.get_freeze_count() > 0
        assert gc.get_freeze_count() > 0  # only the outermost block gives them back
    assert gc.get_freeze_count() == 0


def test_a_build_with_page_workers_gives_the_objects_back_to_the_collector(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from m4c_build import parallel

    held: list[int] = []
    hold = parallel.hold

    def spy() -> None:
        hold()
        held.append(gc.get_freeze_count())
    monkeypatch.setattr(parallel, "hold", spy)
    _content(tmp_path)
    _site(tmp_path, "site", 2, monkeypatch)
    assert len(held) == 1 and held[0] > 0  # frozen once, before the first worker
    assert gc.get_freeze_count() == 0
