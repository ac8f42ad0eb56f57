"""The content-hash cache of each report's problems, so that re-validating unchanged files is fast.

A report's problems depend on its bytes, its path, the registries' keys, the media files, the
content folder and the code of m4c; nothing else. The cache keeps, per report file, the hash of
its bytes with the problems found and whether it bound (its slug then takes part in the
cross-file checks), under a fingerprint of everything else: when any of it changes, every
entry is stale. The cross-file checks themselves are never cached. An entry is trusted only
when the report's bytes, read and hashed on every run, have the hash it was saved for: an entry
forged for other bytes (or with a file's stat data) makes the report be checked again.

The cache must never change a result nor run anything. It is JSON, plain data: each problem is
written field by field, its message and hint as their texts in every language, and rebuilt with
the type of every field checked; a file that is not exactly what ``save`` writes (truncated,
foreign, of another version, not JSON) is ignored as a whole, and rewritten. As ssh does for
its keys, the cache is used only in a folder that belongs to the user (or root) and that no
one else may write to, from a regular file (never a link) with the same owner and mode; else it
is neither read nor written, and ``ReportCache.refused`` says why in one line. The folder is
opened once and the file read and written relative to it: a swapped path cannot redirect
either. A write goes to a temporary file renamed over the old one, so that a crash or a
concurrent run leaves either the old cache or the new one. It lives in the user's cache folder
(``$M4C_CACHE_DIR``, else ``$XDG_CACHE_HOME/m4c``, else ``~/.cache/m4c``), one file per content
folder. Where the system has no owners and modes to check (Windows), no cache is kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shlex
import stat
import sys
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from m4c_build.i18n.messages import Message, from_languages, in_every_language, msg
from m4c_build.load.text import MAX_BYTES
from m4c_build.problems import Problem, Severity
from m4c_build.schema.classes import LANGUAGES

FORMAT = 3
"""Bumped when the layout of a cache file changes."""
PACKAGE = Path(__file__).resolve().parents[1]
_CODE_SUFFIXES = (".py", ".po")
"""The package's files a problem can depend on: its code and its message catalogues."""
SECURE = hasattr(os, "geteuid") and os.open in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW")
"""Owners, modes and opening relative to a folder: what checking the cache's folder needs."""
_OPEN = os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK if SECURE else 0
"""Never through a link, nor inherited by a child, nor blocking on a FIFO."""


class Entry(NamedTuple):
    """What one report file gave: the hash of its bytes, its problems, whether it bound (a
    tuple: a cache holds one per report, and a frozen dataclass costs three times more)."""

    digest: bytes
    problems: tuple[Problem, ...]
    bound: bool


DIGEST_SIZE = 32


def digest(data: bytes) -> bytes:
    """The content hash of a file's bytes: SHA-256, which processors compute in hardware (twice
    as fast as BLAKE2 where they do), and collision-resistant."""
    return hashlib.sha256(data).digest()


def file_digest(path: Path) -> bytes | None:
    """The hash of the bytes of the regular file at ``path`` as ``read_bytes`` would read them;
    None for anything else (a link, no file, too large), which is then checked in full. Raw
    reads, no file object: every report is hashed on every warm run."""
    try:
        fd = os.open(path, os.O_RDONLY | _OPEN)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        data = os.read(fd, info.st_size + 1)  # fewer bytes than asked: the end of the file
        while len(data) > info.st_size and len(data) <= MAX_BYTES:  # it grew since fstat: to its end
            more = os.read(fd, MAX_BYTES + 1 - len(data))
            if not more:
                break
            data += more
        return digest(data) if len(data) <= MAX_BYTES else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _code_fingerprint() -> bytes:
    """Every code and catalogue file of the package, by content (and Python's version): a
    changed check or message makes every cached problem stale, in a release as in a working copy.
    (The package's version adds nothing to its files' contents, and reading it from the installed
    metadata cost more than a warm run's checks.)"""
    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(f"{FORMAT}\0{sys.version}\0".encode())
    for path in sorted(p for p in PACKAGE.rglob("*") if p.suffix in _CODE_SUFFIXES):
        hasher.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        hasher.update(path.read_bytes() + b"\0")
    return hasher.digest()


_CODE: list[bytes] = []


def code_fingerprint() -> bytes:
    """``_code_fingerprint``, worked out once per process."""
    if not _CODE:
        _CODE.append(_code_fingerprint())
    return _CODE[0]


def fingerprint(root: Path, known: Mapping[str, Collection[str]], media_names: Iterable[str],
                media_links: Iterable[str] = ()) -> bytes:
    """What every report's result depends on besides its own bytes and path."""
    hasher = hashlib.blake2b(code_fingerprint(), digest_size=DIGEST_SIZE)
    hasher.update(os.fsencode(root) + b"\0")
    for name in sorted(known):
        hasher.update(f"{name}:{','.join(sorted(known[name]))}\0".encode())
    hasher.update("\0".join(sorted(media_names)).encode() + b"\0\0")
    hasher.update("\0".join(sorted(media_links)).encode())
    return hasher.digest()


def default_folder() -> Path:
    """``$M4C_CACHE_DIR``, else ``$XDG_CACHE_HOME/m4c``, else ``~/.cache/m4c``."""
    if os.environ.get("M4C_CACHE_DIR"):
        return Path(os.environ["M4C_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path("~/.cache").expanduser()) / "m4c"


def _unsafe(info: os.stat_result, path: Path, *, folder: bool) -> Message | None:
    """Why the cache folder or file described by ``info`` may not be trusted, as ssh judges a
    key file: another owner than the user or root, or writable by group or others."""
    quoted, name = shlex.quote(str(path)), str(path)
    if info.st_uid not in {os.geteuid(), 0}:
        if folder:
            return _refusal(msg("cache_folder_owner", path=name, uid=info.st_uid), msg("hint_cache_folder_owner"))
        return _refusal(msg("cache_file_owner", path=name, uid=info.st_uid), msg("hint_cache_remove", path=quoted))
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        mode = f"{stat.S_IMODE(info.st_mode):03o}"
        if folder:
            return _refusal(msg("cache_folder_open", path=name, mode=mode),
                            msg("hint_cache_chmod", mode="700", path=quoted))
        return _refusal(msg("cache_file_open", path=name, mode=mode), msg("hint_cache_chmod", mode="600", path=quoted))
    return None


def _refusal(reason: Message, fix: Message) -> Message:
    """The one warning line: what is wrong, that the cache is not used, and the fix."""
    return msg("cache_not_used", reason=reason, fix=fix)


class _Malformed(ValueError):
    """A cache file that is not what ``save`` writes: the whole file is ignored."""


@dataclass
class ReportCache:
    """The cache file of one content folder: entries by report path.

    ``validate_content(root, cache=ReportCache.for_content(root))`` reads it, validates only the
    reports whose bytes changed, and saves it. A long-lived caller (a preview server) may keep
    one object and pass it to every run: it is read once and saved after each run. When the
    folder or the file may not be trusted, ``refused`` holds the one warning to print (the
    module docstring) and the cache is neither read nor written.
    """

    file: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    fingerprint: bytes = b""
    refused: Message | None = None
    _loaded: bool = False

    @classmethod
    def for_content(cls, root: Path, folder: Path | None = None) -> ReportCache:
        """The cache of the content folder ``root`` in ``folder`` (default: ``default_folder()``)."""
        name = hashlib.blake2b(os.fsencode(root.resolve()), digest_size=12).hexdigest()
        return cls(file=(folder or default_folder()) / f"validate-{name}.json")

    def _open_folder(self) -> int | None:
        """A descriptor of the cache folder when it may be trusted; None (``refused`` set when it
        exists but may not be trusted) otherwise."""
        if not SECURE or self.refused is not None:
            return None
        folder = self.file.parent
        try:
            fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError:  # none yet, or not a folder: no cache
            return None
        self.refused = _unsafe(os.fstat(fd), folder, folder=True)
        if self.refused is None:
            return fd
        os.close(fd)
        return None

    def _refuse_file(self, fd: int) -> bool:
        """Whether the cache file in the folder ``fd`` exists but may not be trusted (a link,
        not a regular file, another owner, writable by others): ``refused`` then says why."""
        try:
            info = os.stat(self.file.name, dir_fd=fd, follow_symlinks=False)
        except FileNotFoundError:
            return False
        if not stat.S_ISREG(info.st_mode):
            self.refused = _refusal(msg("cache_file_special", path=str(self.file)),
                                    msg("hint_cache_remove", path=shlex.quote(str(self.file))))
        else:
            self.refused = _unsafe(info, self.file, folder=False)
        return self.refused is not None

    def _load(self) -> None:
        self._loaded = True
        fd = self._open_folder()
        if fd is None:
            return
        try:
            if self._refuse_file(fd):
                return
            handle = os.open(self.file.name, os.O_RDONLY | _OPEN, dir_fd=fd)
        except OSError:
            return
        finally:
            os.close(fd)
        try:
            info = os.fstat(handle)  # what was opened, in case the file was swapped since
            if stat.S_ISREG(info.st_mode) and _unsafe(info, self.file, folder=False) is None:
                with os.fdopen(handle, "rb", closefd=False) as stream:
                    self.fingerprint, self.entries = _decode(stream.read())
        except (OSError, _Malformed):  # any broken cache is no cache
            self.fingerprint, self.entries = b"", {}
        finally:
            os.close(handle)

    def lookup(self, fingerprint: bytes) -> Mapping[str, Entry]:
        """The entries saved under ``fingerprint``; none when anything they depend on changed."""
        if not self._loaded:
            self._load()
        return self.entries if fingerprint == self.fingerprint else {}

    def save(self, fingerprint: bytes, entries: dict[str, Entry]) -> None:
        """Replace the cache with ``entries`` (those of the files that exist now). A cache that
        cannot be written, or may not be, is skipped: it only ever saves time."""
        self.fingerprint, self.entries, self._loaded = fingerprint, entries, True
        if not SECURE or self.refused is not None:
            return
        with contextlib.suppress(OSError):
            self.file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = self._open_folder()
        if fd is None:
            return
        temporary = f".validate-{secrets.token_hex(8)}.tmp"
        try:
            if self._refuse_file(fd):
                return
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _OPEN, 0o600, dir_fd=fd)
            with os.fdopen(handle, "wb") as stream:
                stream.write(_encode(fingerprint, entries))
            os.replace(temporary, self.file.name, src_dir_fd=fd, dst_dir_fd=fd)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=fd)
        finally:
            os.close(fd)


# --- The file: JSON written field by field, read back with every type checked -----------------


def _encode(fingerprint: bytes, entries: Mapping[str, Entry]) -> bytes:
    return json.dumps({
        "format": FORMAT,
        "fingerprint": fingerprint.hex(),
        "entries": {path: [entry.digest.hex(), entry.bound, [_problem_data(p) for p in entry.problems]]
                    for path, entry in entries.items()},
    }, separators=(",", ":")).encode()  # ASCII: a file name that is not UTF-8 travels escaped


def _problem_data(problem: Problem) -> dict[str, object]:
    return {"path": str(problem.path), "line": problem.line, "col": problem.col,
            "severity": problem.severity.value, "message": in_every_language(problem.message),
            "hint": in_every_language(problem.hint)}


def _decode(data: bytes) -> tuple[bytes, dict[str, Entry]]:
    """The fingerprint and entries of a cache file; ``_Malformed`` unless it is exactly what
    ``_encode`` writes."""
    try:
        saved = json.loads(data)
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, nested beyond reason
        raise _Malformed from exc
    _expect(isinstance(saved, dict) and saved.keys() == {"format", "fingerprint", "entries"}
            and saved["format"] == FORMAT and type(saved["format"]) is int)
    entries = saved["entries"]
    _expect(isinstance(entries, dict))
    decoded: dict[str, Entry] = {}
    for path, entry in entries.items():  # ten thousand entries: each test inline
        if type(entry) is not list or len(entry) != 3:
            raise _Malformed
        hashed, bound, problems = entry
        if type(bound) is not bool or type(problems) is not list:
            raise _Malformed
        decoded[path] = Entry(_hash(hashed), tuple(map(_problem, problems)) if problems else (), bound)
    return _hash(saved["fingerprint"]), decoded


def _expect(condition: bool) -> None:
    if not condition:
        raise _Malformed


def _hash(text: Any) -> bytes:
    if type(text) is not str or len(text) != 2 * DIGEST_SIZE:
        raise _Malformed
    try:
        return bytes.fromhex(text)
    except ValueError as exc:
        raise _Malformed from exc


_PROBLEM_FIELDS = frozenset({"path", "line", "col", "severity", "message", "hint"})
_SEVERITIES = {severity.value: severity for severity in Severity}


def _problem(data: Any) -> Problem:
    _expect(isinstance(data, dict) and data.keys() == _PROBLEM_FIELDS)
    line, col, severity = data["line"], data["col"], data["severity"]
    _expect(isinstance(data["path"], str) and type(line) is int and type(col) is int and line >= 1
            and col >= 1 and severity in _SEVERITIES)
    return Problem(Path(data["path"]), line, col, _SEVERITIES[severity], _text(data["message"]),
                   _text(data["hint"]))


def _text(data: Any) -> Message:
    _expect(isinstance(data, dict) and data.keys() == set(LANGUAGES)
            and all(isinstance(text, str) for text in data.values()))
    return from_languages(data)
