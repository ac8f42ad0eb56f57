"""The validation cache cannot run code nor make a bad report pass.

Each test plants what someone else could have written where the cache lives — a forged entry
claiming a broken report has no problem, a corrupt file, a pickle whose loading would leave a
marker — and runs ``m4c validate`` as a user would: the output must be the one without a cache.
The forged entries carry the right hash of the report's bytes, so that only the check under
test (folder and file ownership and modes, the data format) stands between them and a pass.
"""

from __future__ import annotations

import json
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import VALID_REPORT, VALID_REPORT_PATH, CliResult

from m4c_build.schema.classes import LANGUAGES
from m4c_build.validate import cache as cache_module
from m4c_build.validate import reports
from m4c_build.validate.cache import ReportCache, digest
from m4c_build.validate.content import validate_content

Make = Callable[..., Path]
Run = Callable[..., CliResult]

BROKEN = "missions/2024-broken.md"
ERROR = "missions/2024-broken.md:3:7: error: "


@pytest.fixture
def content(make_content: Make) -> Path:
    return make_content({BROKEN: VALID_REPORT.replace("city: quebec", "city: atlantis")})


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("M4C_CACHE_DIR", str(folder))
    return folder


def reference(run_cli: Run, content: Path, *args: str) -> CliResult:
    result = run_cli("validate", ".", "--no-cache", *args, cwd=content)
    assert ERROR in result.out and result.code == 1
    return result


def cache_file(content: Path, folder: Path) -> Path:
    return ReportCache.for_content(content, folder).file


def forged(content: Path, folder: Path, run_cli: Run) -> dict[str, Any]:
    """The cache of a first run, its broken report's entry replaced by one with the right hash
    of its bytes that claims it has no problem (and bound)."""
    run_cli("validate", ".", cwd=content)
    saved = json.loads(cache_file(content, folder).read_bytes())
    broken = content / BROKEN
    saved["entries"][str(broken)] = [digest(broken.read_bytes()).hex(), True, []]
    return saved


def plant(content: Path, folder: Path, data: bytes) -> Path:
    file = cache_file(content, folder)
    file.write_bytes(data)
    os.chmod(file, 0o600)
    return file


def entries_read(content: Path, folder: Path) -> dict[str, Any]:
    cache = ReportCache.for_content(content, folder)
    cache.lookup(b"")
    return dict(cache.entries)


def test_the_cache_is_plain_data_and_changes_no_result_in_any_language(
    content: Path, folder: Path, run_cli: Run, monkeypatch: pytest.MonkeyPatch,
) -> None:
    parsed: list[Path] = []
    parse = reports.parse_report

    def counting(path: Path, *args: Any) -> Any:
        parsed.append(path)
        return parse(path, *args)

    monkeypatch.setattr(reports, "parse_report", counting)
    for language in ("fr", "en", "es"):
        expected = reference(run_cli, content, "--lang", language)
        cold = run_cli("validate", ".", "--lang", language, cwd=content)
        parsed.clear()
        warm = run_cli("validate", ".", "--lang", language, cwd=content)
        assert parsed == [], "the warm run takes every report from the cache"
        assert (cold.out, cold.err, cold.code) == (warm.out, warm.err, warm.code) == (expected.out, "", 1)
    file = cache_file(content, folder)
    saved = json.loads(file.read_bytes())
    assert saved["format"] == cache_module.FORMAT and str(content / BROKEN) in saved["entries"]
    assert os.stat(folder).st_mode & 0o077 == 0 and os.stat(file).st_mode & 0o077 == 0


@pytest.mark.parametrize(("loose", "mode"), [("folder", 0o777), ("folder", 0o770), ("folder", 0o720),
                                             ("folder", 0o702), ("file", 0o666), ("file", 0o620),
                                             ("file", 0o602)])
def test_a_cache_others_can_write_to_is_neither_read_nor_written(
    content: Path, folder: Path, run_cli: Run, loose: str, mode: int,
) -> None:
    file = plant(content, folder, json.dumps(forged(content, folder, run_cli)).encode())
    target, fix = (folder, "700") if loose == "folder" else (file, "600")
    os.chmod(target, mode)
    before = file.read_bytes()
    for _ in range(2):
        result = run_cli("validate", ".", cwd=content)
        assert result.out == reference(run_cli, content).out
        assert result.err == (f"m4c validate: warning: cache {loose} '{target}' can be written by other users "
                              f"(mode {mode:03o}): the validation cache is not used (make it yours alone: "
                              f"chmod {fix} {target})\n")
    assert file.read_bytes() == before, "not written either"
    assert [p.name for p in folder.iterdir()] == [file.name]
    french = run_cli("validate", ".", "--lang", "fr", cwd=content)
    assert french.err.startswith(f"m4c validate: warning: le {'dossier' if loose == 'folder' else 'fichier'} "
                                 f"de cache '{target}' est modifiable")
    assert french.err.count("\n") == 1


@pytest.mark.parametrize("owned", ["folder", "file"])
def test_a_cache_of_another_owner_is_neither_read_nor_written(
    content: Path, folder: Path, run_cli: Run, owned: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    file = plant(content, folder, json.dumps(forged(content, folder, run_cli)).encode())
    target = folder if owned == "folder" else file
    owner = 12345
    try:
        os.chown(target, owner, -1)
    except PermissionError:  # not root (CI is): the user becomes another one, the folder is checked first
        owner = os.geteuid()
        monkeypatch.setattr(os, "geteuid", lambda: owner + 1)
        owned, target = "folder", folder
    before = file.read_bytes()
    result = run_cli("validate", ".", cwd=content)
    assert result.out == reference(run_cli, content).out
    assert result.err.count("\n") == 1
    assert result.err.startswith(f"m4c validate: warning: cache {owned} '{target}' belongs to another user "
                                 f"(uid {owner}): the validation cache is not used (")
    assert file.read_bytes() == before


def test_a_cache_file_that_is_a_link_is_not_followed(
    content: Path, folder: Path, run_cli: Run, tmp_path: Path,
) -> None:
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(json.dumps(forged(content, folder, run_cli)).encode())
    os.chmod(elsewhere, 0o600)
    file = cache_file(content, folder)
    file.unlink()
    file.symlink_to(elsewhere)
    result = run_cli("validate", ".", cwd=content)
    assert result.out == reference(run_cli, content).out
    assert result.err == (f"m4c validate: warning: cache file '{file}' is a symbolic link or not a regular "
                          f"file: the validation cache is not used (remove it: rm {file})\n")
    assert file.is_symlink()


@pytest.mark.parametrize("claim", ["other bytes", "empty file", "with stat data"])
def test_a_forged_entry_for_other_bytes_is_not_trusted(
    content: Path, folder: Path, run_cli: Run, claim: str,
) -> None:
    saved = forged(content, folder, run_cli)
    broken = content / BROKEN
    info = broken.stat()
    other = {"other bytes": VALID_REPORT.encode(), "empty file": b"", "with stat data": b"x"}[claim]
    entry: list[Any] = [digest(other).hex(), True, []]
    if claim == "with stat data":  # what a cache trusting stat data would have taken
        entry.append([info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_mtime_ns + 10**10])
    saved["entries"][str(broken)] = entry
    plant(content, folder, json.dumps(saved).encode())
    for _ in range(2):  # and the entry saved again is the true one
        result = run_cli("validate", ".", cwd=content)
        assert (result.out, result.err) == (reference(run_cli, content).out, "")


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any], str], None]:
    """A change of the saved data at ``path``, where ``VALID`` stands for the valid report's entry."""
    def change(saved: dict[str, Any], valid: str) -> None:
        steps = [valid if step == VALID else step for step in path]
        node = saved
        for step in steps[:-1]:
            node = node[step]
        node[steps[-1]] = value
    return change


VALID = "<valid>"
"""The path of the valid report's entry, filled in by the test."""
PROBLEM = {"path": "/x.md", "line": 1, "col": 1, "severity": "error",
           "message": {"fr": "m", "en": "m", "es": "m"}, "hint": {"fr": "", "en": "", "es": ""}}

BROKEN_JSON: dict[str, Callable[[dict[str, Any], str], None]] = {
    "format of another version": _set(("format",), 2),
    "format as text": _set(("format",), "3"),
    "an unknown top-level key": _set(("pickle",), True),
    "fingerprint not a hash": _set(("fingerprint",), "zz" * 32),
    "fingerprint a number": _set(("fingerprint",), 7),
    "entries a list": _set(("entries",), []),
    "entry too short": _set(("entries", VALID), ["00" * 32, True]),
    "digest too short": _set(("entries", VALID, 0), "00"),
    "bound a number": _set(("entries", VALID, 1), 1),
    "problems a mapping": _set(("entries", VALID, 2), {}),
    "problem a text": _set(("entries", VALID, 2), ["error"]),
    "line as text": _set(("entries", VALID, 2), [{**PROBLEM, "line": "1"}]),
    "line 0": _set(("entries", VALID, 2), [{**PROBLEM, "line": 0}]),
    "column a boolean": _set(("entries", VALID, 2), [{**PROBLEM, "col": True}]),
    "unknown severity": _set(("entries", VALID, 2), [{**PROBLEM, "severity": "fatal"}]),
    "path a number": _set(("entries", VALID, 2), [{**PROBLEM, "path": 3}]),
    "message without Spanish": _set(("entries", VALID, 2), [{**PROBLEM, "message": {"fr": "m", "en": "m"}}]),
    "message a text": _set(("entries", VALID, 2), [{**PROBLEM, "message": "m"}]),
    "hint null": _set(("entries", VALID, 2), [{**PROBLEM, "hint": None}]),
    "problem with code": _set(("entries", VALID, 2), [{**PROBLEM, "py/object": "os.system"}]),
}
BROKEN_BYTES: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda data: data[:-7],
    "empty": lambda data: b"",
    "not JSON": lambda data: b"not json at all",
    "not UTF-8": lambda data: b"\xff\xfe" + data,
    "nested 100,000 deep": lambda data: b"[" * 100_000 + b"]" * 100_000,
    "a NUL in the middle": lambda data: data[:40] + b"\0" + data[40:],
}


@pytest.mark.parametrize("broken", [*BROKEN_JSON, *BROKEN_BYTES])
def test_a_malformed_cache_is_ignored_as_a_whole_and_rewritten(
    content: Path, folder: Path, run_cli: Run, broken: str,
) -> None:
    saved = forged(content, folder, run_cli)
    plant(content, folder, json.dumps(saved).encode())
    assert entries_read(content, folder), "the well-formed forgery is read: the change below is what counts"
    if broken in BROKEN_JSON:
        valid = str(content / VALID_REPORT_PATH)
        saved["entries"][valid][2] = [PROBLEM]  # a problem whose fields can be spoiled
        BROKEN_JSON[broken](saved, valid)
        data = json.dumps(saved).encode()
    else:
        data = BROKEN_BYTES[broken](json.dumps(saved).encode())
    plant(content, folder, data)
    assert entries_read(content, folder) == {}
    result = run_cli("validate", ".", cwd=content)
    assert (result.out, result.err, result.code) == (reference(run_cli, content).out, "", 1)
    assert entries_read(content, folder), "rewritten"


def test_a_file_name_that_is_not_utf8_is_cached_and_said_the_same(content: Path, folder: Path) -> None:
    with open(os.fsencode(content / "missions") + b"/2024-caf\xe9.md", "wb") as report:
        report.write(VALID_REPORT.encode())

    def said(cache: ReportCache | None) -> list[tuple[str, ...]]:
        found = validate_content(content, content=False, cache=cache).problems
        return [(repr(p.path), str(p.line), str(p.col), *(p.format(content, language) for language in LANGUAGES))
                for p in found]

    expected = said(None)
    assert any("caf" in problem[0] for problem in expected)
    assert said(ReportCache.for_content(content, folder)) == expected
    assert said(ReportCache.for_content(content, folder)) == expected
    assert len(entries_read(content, folder)) == 3


class _Touch:
    """An object whose unpickling creates ``marker``: what a planted pickle could run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return Path.touch, (self.marker,)


def test_a_pickle_planted_as_the_cache_is_never_unpickled(
    content: Path, folder: Path, run_cli: Run, tmp_path: Path,
) -> None:
    proof = tmp_path / "proof"
    pickle.loads(pickle.dumps(_Touch(proof)))  # our own payload: it does run when unpickled
    assert proof.exists()
    marker = tmp_path / "marker"
    payload = pickle.dumps({"format": cache_module.FORMAT, "entries": _Touch(marker)})
    run_cli("validate", ".", cwd=content)
    file = plant(content, folder, payload)
    plant(content, folder, payload)
    file.with_suffix(".pickle").write_bytes(payload)  # where the cache used to be
    result = run_cli("validate", ".", cwd=content)
    assert (result.out, result.err) == (reference(run_cli, content).out, "")
    assert not marker.exists()
    assert entries_read(content, folder)  # replaced by a cache of data


def test_the_cache_module_cannot_unpickle() -> None:
    assert "pickle" not in Path(cache_module.__file__).read_text(encoding="utf-8")


def test_a_missing_photo_that_becomes_a_link_is_said_to_be_one(make_content: Make, folder: Path, run_cli: Run) -> None:
    """The refused links of media/ change what a report is told: the cache depends on them."""
    photo = VALID_REPORT.replace("---\n\n", "photos: [{file: media/x.png, alt: X}]\n---\n\n", 1)
    content = make_content({VALID_REPORT_PATH: photo})
    assert "photo 'media/x.png' not found" in run_cli("validate", ".", cwd=content).out
    (content / "media").mkdir()
    (content / "x.png").write_bytes(b"\x89PNG")
    (content / "media" / "x.png").symlink_to("../x.png")
    result = run_cli("validate", ".", cwd=content)
    assert "photo 'media/x.png' is a symbolic link" in result.out
    assert result.out == run_cli("validate", ".", "--no-cache", cwd=content).out
