"""Reading one content file safely: regular files only, size limit, UTF-8 (BOM and CRLF fine),
and the split of a report into frontmatter and body."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from frontmatter.default_handlers import YAMLHandler

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
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            problems.error(path, 1, 1, f"'{path.name}' is a symbolic link: links are never followed",
                           "replace the link by the file itself")
        else:
            problems.error(path, 1, 1, f"cannot read the file: {exc.strerror or exc}")
        return None
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            problems.error(path, 1, 1, f"'{path.name}' is not a regular file: it is never read",
                           "remove it from the content folder")
            return None
        data = file.read(max_bytes + 1) if info.st_size <= max_bytes else b""
    if info.st_size > max_bytes or len(data) > max_bytes:
        size = max(info.st_size, len(data))
        problems.error(path, 1, 1, f"file is too large: {size:,} bytes; the limit is "
                       f"{max_bytes / 1024 / 1024:g} MiB, {max_bytes:,} bytes",
                       "keep photos in media/ and text short")
        return None
    return data


def read_text(path: Path, problems: Problems, *, max_bytes: int = MAX_BYTES) -> str | None:
    """The file's text with '\\n' line ends, or None after recording why it cannot be read."""
    data = read_bytes(path, problems, max_bytes=max_bytes)
    if data is None:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # exc.start counts from after the BOM; what comes before the bad byte is UTF-8, and
        # a column counts its characters, not bytes.
        before = _lines(exc.object[:exc.start].decode("utf-8"))
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        problems.error(path, line, col, f"the file is not UTF-8: unexpected byte "
                       f"0x{exc.object[exc.start]:02x}", "save it as UTF-8 in your editor")
        return None
    text = _lines(text)
    if "\x00" in text:
        line, col = position(text, text.index("\x00"))
        problems.error(path, line, col, "the file contains a NUL byte: it is not a text file",
                       "save it as UTF-8 text in your editor")
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
        problems.error(path, 1, 1, "the file is empty",
                       "a report starts with '---', its fields, '---', then the narrative")
        return None
    first = _BOUNDARY.match(text)
    if not first or not text.startswith("---"):
        problems.error(path, 1, 1, "no frontmatter: the file must start with a '---' line",
                       "put the report's fields between two '---' lines at the top")
        return None
    second = _BOUNDARY.search(text, first.end())
    if not second:
        problems.error(path, 1, 1, "the frontmatter is not closed",
                       "add a '---' line after the last field")
        return None
    body_start = second.end() + 1 if text[second.end():second.end() + 1] == "\n" else second.end()
    return Split(
        frontmatter=text[first.end():second.start()],
        frontmatter_line=text.count("\n", 0, first.end()),
        body=text[body_start:],
        body_line=text.count("\n", 0, body_start) + 1,
    )
