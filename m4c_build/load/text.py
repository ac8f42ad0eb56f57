"""Reading one content file safely: regular files only, size limit, UTF-8 (BOM and CRLF fine),
and the split of a report into frontmatter and body."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from frontmatter.default_handlers import YAMLHandler

from m4c_build.i18n.messages import msg
from m4c_build.problems import Problems, position

MAX_BYTES = 1024 * 1024
"""A report is a few pages of text; photos live in media/."""

_BOUNDARY = YAMLHandler.FM_BOUNDARY  # python-frontmatter's '---' line


def read_bytes(path: Path, problems: Problems, *, max_bytes: int = MAX_BYTES) -> bytes | None:
    """The bytes of a regular file, or None after recording why it cannot be read.

    The file is opened without following a link and without blocking (a FIFO would wait for a
    writer forever), checked to be a regular file on the open descriptor, and read up to the
    limit only: a device or a file that grows while it is read cannot exhaust memory.
    """
    # (The defaults apply where the flag does not exist, as on Windows: mutants of them are
    # equivalent on Linux, benchmarks/mutation.py.)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            problems.error(path, 1, 1, msg("link", name=path.name), msg("hint_link"))
        else:
            problems.error(path, 1, 1, msg("cannot_read_file", reason=exc.strerror or exc))
        return None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):  # before fdopen, which refuses a folder with an exception
        os.close(fd)
        problems.error(path, 1, 1, msg("not_regular", name=path.name), msg("hint_remove_file"))
        return None
    with os.fdopen(fd, "rb") as file:
        # Reading one byte past the limit matters only for a file that grows while it is read:
        # no test makes that race, so mutants of this line survive (benchmarks/mutation.py).
        data = file.read(max_bytes + 1) if info.st_size <= max_bytes else b""
    if info.st_size > max_bytes or len(data) > max_bytes:
        size = max(info.st_size, len(data))
        problems.error(path, 1, 1, msg("too_large", size=f"{size:,}", mib=f"{max_bytes / 1024 / 1024:g}",
                                       limit=f"{max_bytes:,}"), msg("hint_too_large"))
        return None
    return data


def read_text(path: Path, problems: Problems, *, max_bytes: int = MAX_BYTES) -> str | None:
    """The file's text with '\\n' line ends, or None after recording why it cannot be read."""
    data = read_bytes(path, problems, max_bytes=max_bytes)
    return None if data is None else decode_text(data, path, problems)


def decode_text(data: bytes, path: Path, problems: Problems) -> str | None:
    """The text of bytes already read from ``path`` (``read_text`` without the read)."""
    try:  # codec names ignore case: "UTF-8-SIG" is an equivalent mutant (benchmarks/mutation.py)
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # exc.start counts from after the BOM; what comes before the bad byte is UTF-8, and
        # a column counts its characters, not bytes.
        before = _lines(exc.object[:exc.start].decode("utf-8"))
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        problems.error(path, line, col, msg("not_utf8", byte=f"0x{exc.object[exc.start]:02x}"), msg("hint_utf8"))
        return None
    text = _lines(text)
    if "\x00" in text:
        line, col = position(text, text.index("\x00"))
        problems.error(path, line, col, msg("nul_byte"), msg("hint_nul_byte"))
        return None
    return text


def _lines(text: str) -> str:
    """'\\n' line ends: Windows and old Mac files are fine, and positions count their lines."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class Split:
    frontmatter: str
    frontmatter_line: int
    """File line of the frontmatter's first line, less one (a line offset)."""
    body: str
    body_line: int
    """File line where the body starts (1-based)."""


def split_frontmatter(text: str, path: Path, problems: Problems) -> Split | None:
    """Split '---' YAML '---' body, keeping line numbers; record a problem if it is not there."""
    if not text.strip():
        problems.error(path, 1, 1, msg("empty_file"), msg("hint_empty_file"))
        return None
    first = _BOUNDARY.match(text)
    if not first or not text.startswith("---"):
        problems.error(path, 1, 1, msg("no_frontmatter"), msg("hint_no_frontmatter"))
        return None
    second = _BOUNDARY.search(text, first.end())
    if not second:
        problems.error(path, 1, 1, msg("frontmatter_open"), msg("hint_frontmatter_open"))
        return None
    # Equivalent mutants (benchmarks/mutation.py): a body that keeps the line break after '---'
    # starts one line earlier (body_line counts it), so every position and rendering is the same;
    # the counts below start from 0, None or 1 alike (the text starts with '---').
    body_start = second.end() + 1 if text[second.end():second.end() + 1] == "\n" else second.end()
    return Split(
        frontmatter=text[first.end():second.start()],
        frontmatter_line=text.count("\n", 0, first.end()),
        body=text[body_start:],
        body_line=text.count("\n", 0, body_start) + 1,
    )
