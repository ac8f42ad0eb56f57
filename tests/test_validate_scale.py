"""Validating at scale gives the very same problems: in worker processes, from the cache, or neither.

A generated corpus with a few broken reports is validated in one process without a cache (the
reference), then in worker processes (the threshold lowered so that a small corpus uses them)
and from a cache, before and after edits: a changed report, a changed registry, a removed
photo (broken, forged and unsafe cache files: test_cache.py).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from m4c_build.validate import reports
from m4c_build.validate.cache import ReportCache
from m4c_build.validate.content import Validation, validate_content

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from corpus import generate

REPORTS = 300
SINGLE = 10**9
"""A ``parallel_from`` no corpus reaches: one process."""

BROKEN = {
    "missions/2030/2030-broken-yaml.md": "---\ntitle: [unclosed\ncity: quebec\n---\nText.\n",
    "missions/2030/2030-unknown-field.md": "---\ntitle: T\ncity: nowhere\ndate: 2030-02-30\nfoo: 1\n---\n",
    "missions/2030/Bad Name.md": "no frontmatter\n",
    "missions/2031/2030-unknown-field.md": "---\ntitle: Same slug\n---\n",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "content"
    generate(root, REPORTS)
    for name, text in BROKEN.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    first = sorted((root / "missions").rglob("*.md"))[0]  # a copy under another year: same slug
    (root / "missions" / "2031" / first.name).write_bytes(first.read_bytes())
    return root


@pytest.fixture(scope="module")
def expected(corpus: Path) -> list[str]:
    """The corpus's problems in one process, without a cache."""
    return reference(corpus)


@pytest.fixture
def content(corpus: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(corpus, tmp_path / "content"))


@pytest.fixture
def two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes even on a one-core machine."""
    monkeypatch.setattr(reports, "cores", lambda: 2)


def shown(validation: Validation) -> list[str]:
    return [p.format(Path("/")) for p in validation.problems]


def reference(root: Path) -> list[str]:
    return shown(validate_content(root, parallel_from=SINGLE))


def test_workers_give_the_same_problems_and_content(
    corpus: Path, expected: list[str], two_workers: None,
) -> None:
    single = validate_content(corpus, parallel_from=SINGLE)
    parallel = validate_content(corpus, parallel_from=10)
    assert len(single.problems) >= 8  # the broken files are there
    assert shown(single) == expected
    assert shown(parallel) == shown(single)
    assert parallel.problems == single.problems and parallel.files == single.files
    assert single.content is not None and parallel.content is not None
    assert [m.slug for m in parallel.content.missions] == [m.slug for m in single.content.missions]
    assert parallel.content.missions == single.content.missions
    problems_only = validate_content(corpus, content=False, parallel_from=10)
    assert problems_only.content is None and shown(problems_only) == shown(single)
    assert problems_only.ok == single.ok


def test_cache_gives_the_same_problems(
    corpus: Path, expected: list[str], tmp_path: Path, two_workers: None,
) -> None:
    content = corpus
    for parallel_from in (10, SINGLE):
        folder = tmp_path / f"cache-{parallel_from}"
        cold = validate_content(content, content=False, cache=ReportCache.for_content(content, folder),
                                parallel_from=parallel_from)
        warm_cache = ReportCache.for_content(content, folder)
        warm = validate_content(content, content=False, cache=warm_cache, parallel_from=parallel_from)
        assert shown(cold) == shown(warm) == expected
        assert len(warm_cache.entries) == REPORTS + len(BROKEN) + 1


def test_a_changed_report_is_checked_again(content: Path, tmp_path: Path) -> None:
    cache = ReportCache.for_content(content, tmp_path / "cache")
    validate_content(content, content=False, cache=cache, parallel_from=10)
    report = sorted((content / "missions").rglob("*.md"))[5]
    report.write_text(report.read_text(encoding="utf-8").replace("city: ", "city: x", 1), encoding="utf-8")
    (content / "missions" / "2030" / "2030-broken-yaml.md").write_text(
        "---\ntitle: Fixed\n---\n", encoding="utf-8")
    (content / "missions" / "2030" / "2030-new.md").write_text("---\ntitle: New\n---\n", encoding="utf-8")
    warm = validate_content(content, content=False, cache=ReportCache.for_content(content, tmp_path / "cache"))
    assert shown(warm) == reference(content)
    assert any("2030-new.md" in line for line in shown(warm))
    assert any(report.name in line and "unknown city" in line for line in shown(warm))


def test_an_unchanged_folder_leaves_the_cache_file_alone_and_a_deleted_report_leaves_it(
    content: Path, tmp_path: Path,
) -> None:
    folder = tmp_path / "cache"
    validate_content(content, content=False, cache=ReportCache.for_content(content, folder))
    validate_content(content, content=False, cache=ReportCache.for_content(content, folder))
    written = ReportCache.for_content(content, folder).file
    before = written.stat()
    validate_content(content, content=False, cache=ReportCache.for_content(content, folder))
    assert (written.stat().st_mtime_ns, written.stat().st_ino) == (before.st_mtime_ns, before.st_ino), \
        "nothing changed: nothing written"
    gone = sorted((content / "missions").rglob("*.md"))[3]
    gone.unlink()
    validate_content(content, content=False, cache=ReportCache.for_content(content, folder))
    cache = ReportCache.for_content(content, folder)
    assert str(gone) not in cache.lookup(cache.fingerprint) and len(cache.entries) == REPORTS + len(BROKEN)


@pytest.mark.parametrize("change", ["registry", "media"])
def test_a_changed_registry_or_media_folder_makes_the_cache_stale(
    content: Path, tmp_path: Path, change: str,
) -> None:
    folder = tmp_path / "cache"
    before = validate_content(content, content=False, cache=ReportCache.for_content(content, folder))
    if change == "registry":  # a city key reports use disappears
        cities = (content / "cities.yml").read_text(encoding="utf-8")
        first = cities.split(":", 1)[0]
        (content / "cities.yml").write_text(cities.replace(f"{first}:", "renamed-city:", 1), encoding="utf-8")
    else:
        sorted((content / "media").iterdir())[0].unlink()
    after = validate_content(content, content=False, cache=ReportCache.for_content(content, folder))
    assert shown(after) == reference(content) != shown(before)


def test_a_cache_entry_for_other_bytes_is_not_used(corpus: Path, expected: list[str], tmp_path: Path) -> None:
    """Entries are keyed by the hash of the bytes: a forged entry for a report is ignored once
    the report's bytes differ from the ones it was saved for."""
    cache = ReportCache.for_content(corpus, tmp_path / "cache")
    validate_content(corpus, content=False, cache=cache)
    broken = str(corpus / "missions" / "2030" / "2030-broken-yaml.md")
    clean = str(sorted((corpus / "missions").rglob("*.md"))[0])
    entries = dict(cache.entries)
    entries[clean] = entries[broken]  # the problems of another file, under the wrong hash
    cache.save(cache.fingerprint, entries)
    assert shown(validate_content(corpus, content=False, cache=cache)) == expected


def test_an_unwritable_cache_folder_is_no_cache(corpus: Path, expected: list[str], tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    cache = ReportCache.for_content(corpus, tmp_path / "file" / "cache")
    assert shown(validate_content(corpus, content=False, cache=cache)) == expected


def test_a_report_rewritten_with_its_old_size_and_time_is_checked_again(content: Path, tmp_path: Path) -> None:
    """Unchanged stat data spare reading a file; a rewrite that keeps its size and modification
    time (``cp -p``, ``touch -r``) still changes its ctime, and the file is read again."""
    reports_ = sorted((content / "missions").rglob("*.md"))
    old = time.time() - 3600
    for path in reports_:
        os.utime(path, (old, old))
    validate_content(content, content=False, cache=ReportCache.for_content(content, tmp_path / "cache"))
    report = reports_[3]
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("city: ", "city:!", 1), encoding="utf-8")  # the same size
    os.utime(report, (old, old))
    warm = validate_content(content, content=False, cache=ReportCache.for_content(content, tmp_path / "cache"))
    assert shown(warm) == reference(content)
    assert any(report.name in line for line in shown(warm))


def test_a_preview_remembers_its_reports_and_checks_only_the_changed_ones(content: Path) -> None:
    memory = reports.Remembered()
    first = validate_content(content, parallel_from=SINGLE, memory=memory)
    assert first.content is not None and len(memory.checked) == REPORTS + len(BROKEN) + 1
    ago = time.time() - 60  # not "just written": stat data is trusted
    for path in (content / "missions").rglob("*.md"):
        os.utime(path, (ago, ago))
    first = validate_content(content, parallel_from=SINGLE, memory=memory)
    assert first.content is not None
    before = {m.slug: m for m in first.content.missions}
    changed = sorted((content / "missions").rglob("*.md"))[7]
    changed.write_text(changed.read_text(encoding="utf-8").replace("city: ", "city: nowhere-", 1), encoding="utf-8")
    again = validate_content(content, parallel_from=SINGLE, memory=memory)
    assert shown(again) == reference(content)  # the same as a run from nothing
    assert again.content is not None
    after = {m.slug: m for m in again.content.missions}
    assert after[changed.stem] is not before[changed.stem]  # parsed again: its new city
    assert after[changed.stem].report.city.startswith("nowhere-")
    assert all(after[slug] is before[slug] for slug in after if slug != changed.stem)  # the very same
    registry = content / "vocabulary.yml"  # a registry change: every report is checked again
    registry.write_text(registry.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    validate_content(content, parallel_from=SINGLE, memory=memory)
    (content / "cities.yml").write_text((content / "cities.yml").read_text(encoding="utf-8").replace(
        next(iter(after.values())).report.city + ":", "renamed-city:", 1), encoding="utf-8")
    renamed = validate_content(content, parallel_from=SINGLE, memory=memory)
    assert shown(renamed) == reference(content)
