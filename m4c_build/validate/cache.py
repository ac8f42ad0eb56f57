"""The content-hash cache of each report's problems, so that re-validating unchanged files is instant.

A report's problems depend on its bytes, its path, the registries' keys, the media files, the
content folder and the code of m4c; nothing else. The cache keeps, per report file, the hash of
its bytes with the problems found and whether it bound (its slug then takes part in the
cross-file checks), under a fingerprint of everything else: when any of it changes, every
entry is stale. The cross-file checks themselves are never cached. A file whose stat data
(size, times, inode) are those it had when it was hashed is not read again (``unchanged``).

The cache must never change a result: an unreadable, corrupt or foreign cache file is ignored
(and rewritten), and a write goes to a temporary file renamed over the old one, so that a
crash or a concurrent run leaves either the old cache or the new one. It lives in the user's
cache folder (``$M4C_CACHE_DIR``, else ``$XDG_CACHE_HOME/m4c``, else ``~/.cache/m4c``), one file
per content folder; it is read with ``pickle``, so it is written only in a folder the user
alone can write to.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
import time
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from m4c_build.problems import Problem

FORMAT = 2
"""Bumped when the layout of a cache file changes."""
RACY_NS = 2_000_000_000
"""A file modified this close to the moment it was hashed is hashed again next time: a second
write in the same tick of the file system's clock would leave its stat data unchanged."""
PACKAGE = Path(__file__).resolve().parents[1]
_CODE_SUFFIXES = (".py", ".po")
"""The package's files a problem can depend on: its code and its message catalogues."""


@dataclass(frozen=True)
class Entry:
    """What one report file gave: the hash of its bytes, its problems, whether it bound."""

    digest: bytes
    problems: tuple[Problem, ...]
    bound: bool
    stat: Stat | None = None
    """The file's stat data before it was read, and when it was read."""


Stat = tuple[int, int, int, int, int]
"""(size, mtime, ctime, inode, when it was read), in nanoseconds."""


def stat(path: Path) -> Stat | None:
    """The stat data of the file at ``path`` (not following a link), taken before reading it."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, time.time_ns()


def unchanged(path: Path, saved: Stat) -> bool:
    """The file has the stat data it had when it was hashed, long enough after its last change
    for any later write to show: as git's index does, it is then not read and hashed again."""
    now = stat(path)
    return now is not None and now[:4] == saved[:4] and saved[1] < saved[4] - RACY_NS


def digest(data: bytes) -> bytes:
    """The content hash of a file's bytes."""
    return hashlib.blake2b(data, digest_size=20).digest()


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


def fingerprint(root: Path, known: Mapping[str, Collection[str]], media_names: Iterable[str]) -> bytes:
    """What every report's result depends on besides its own bytes and path."""
    hasher = hashlib.blake2b(code_fingerprint(), digest_size=20)
    hasher.update(os.fsencode(root) + b"\0")
    for name in sorted(known):
        hasher.update(f"{name}:{','.join(sorted(known[name]))}\0".encode())
    hasher.update("\0".join(sorted(media_names)).encode())
    return hasher.digest()


def default_folder() -> Path:
    """``$M4C_CACHE_DIR``, else ``$XDG_CACHE_HOME/m4c``, else ``~/.cache/m4c``."""
    if os.environ.get("M4C_CACHE_DIR"):
        return Path(os.environ["M4C_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path("~/.cache").expanduser()) / "m4c"


@dataclass
class ReportCache:
    """The cache file of one content folder: entries by report path (relative to the folder).

    ``validate_content(root, cache=ReportCache.for_content(root))`` reads it, validates only the
    reports whose bytes changed, and saves it. A long-lived caller (a preview server) may keep
    one object and pass it to every run: it is read once and saved after each run.
    """

    file: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    fingerprint: bytes = b""
    _loaded: bool = False

    @classmethod
    def for_content(cls, root: Path, folder: Path | None = None) -> ReportCache:
        """The cache of the content folder ``root`` in ``folder`` (default: ``default_folder()``)."""
        name = hashlib.blake2b(os.fsencode(root.resolve()), digest_size=12).hexdigest()
        return cls(file=(folder or default_folder()) / f"validate-{name}.pickle")

    def _load(self) -> None:
        self._loaded = True
        try:
            with self.file.open("rb") as stream:
                saved = pickle.load(stream)  # noqa: S301 -- the user's own cache folder (module docstring)
        except Exception:  # any broken cache (truncated, foreign, another Python) is no cache
            return
        if _well_formed(saved):
            self.fingerprint, self.entries = saved["fingerprint"], saved["entries"]

    def lookup(self, fingerprint: bytes) -> Mapping[str, Entry]:
        """The entries saved under ``fingerprint``; none when anything they depend on changed."""
        if not self._loaded:
            self._load()
        return self.entries if fingerprint == self.fingerprint else {}

    def save(self, fingerprint: bytes, entries: dict[str, Entry]) -> None:
        """Replace the cache with ``entries`` (those of the files that exist now). A cache that
        cannot be written is skipped: it only ever saves time."""
        self.fingerprint, self.entries, self._loaded = fingerprint, entries, True
        data = pickle.dumps({"format": FORMAT, "fingerprint": fingerprint, "entries": entries},
                            protocol=pickle.HIGHEST_PROTOCOL)
        temporary: Path | None = None
        try:
            self.file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=self.file.parent, prefix=".validate-", suffix=".tmp")
            temporary = Path(name)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            temporary.replace(self.file)
            temporary = None
        except OSError:
            pass
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    temporary.unlink()


def _well_formed(saved: Any) -> bool:
    """A cache file of this format whose entries are what ``save`` writes."""
    if not isinstance(saved, dict) or saved.get("format") != FORMAT:
        return False
    entries = saved.get("entries")
    return (isinstance(saved.get("fingerprint"), bytes) and isinstance(entries, dict)
            and all(isinstance(key, str) and isinstance(entry, Entry) for key, entry in entries.items()))
