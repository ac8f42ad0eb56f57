"""The one content walker: which files of a content folder exist, are regular, and may be read.

Every reader and every publisher goes through it, so that what reaches the site is decided in
one place. Like Python's ``tarfile`` data filter (PEP 706) it refuses rather than follows:
symbolic links (a link to ``/proc/self/environ`` or to another folder would publish what is
not content), FIFOs, sockets and devices (reading one blocks or never ends) are problems
naming the file, and are never opened. Hidden entries (``.git``, ``.DS_Store``) are skipped.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from m4c_build.i18n.messages import Message, msg
from m4c_build.problems import Problems

MISSIONS = "missions"
PAGES = "pages"
MEDIA = "media"
CITIES = "cities.yml"
VOCABULARY = "vocabulary.yml"
KNOWN_ENTRIES = frozenset({MISSIONS, PAGES, MEDIA, CITIES, VOCABULARY})
"""What a content folder holds; anything else would be silently left out, so it is flagged."""

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"})
"""Images the site publishes (photos in media/, pictures beside the pages)."""

MAX_DEPTH = 12
"""Folders nested deeper than this are refused: no content needs them, and a walk stays short."""


@dataclass
class ContentFiles:
    """The regular files of a content folder that may be read, by role; paths are absolute."""

    root: Path
    missions: list[Path] = field(default_factory=list)
    pages: list[Path] = field(default_factory=list)
    """Markdown pages under pages/."""
    page_assets: list[Path] = field(default_factory=list)
    """Images under pages/, published beside the pages."""
    media: list[Path] = field(default_factory=list)
    registries: dict[str, Path] = field(default_factory=dict)
    """cities.yml and vocabulary.yml, when they are regular files."""
    others: list[Path] = field(default_factory=list)
    """Entries of the content folder that are none of the above: never read nor published."""
    links: list[Path] = field(default_factory=list)
    """The symbolic links found (and refused) below missions/, pages/ and media/."""

    @cached_property
    def media_names(self) -> frozenset[str]:
        """The accepted media files as reports name them: 'media/x.jpg'."""
        return frozenset(p.relative_to(self.root).as_posix() for p in self.media)

    @cached_property
    def media_links(self) -> frozenset[str]:
        """The refused links under media/ as reports would name them: a photo that names one is
        told it is a link, not that it is missing."""
        media = self.root / MEDIA
        return frozenset(p.relative_to(self.root).as_posix() for p in self.links
                         if p == media or media in p.parents)

    def allowed(self) -> frozenset[Path]:
        """Every file the walker accepted: nothing else may be read or published."""
        return frozenset([*self.missions, *self.pages, *self.page_assets, *self.media,
                          *self.registries.values()])


def _kind(mode: int) -> Message:
    if stat.S_ISFIFO(mode):
        return msg("kind_fifo")
    if stat.S_ISSOCK(mode):
        return msg("kind_socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg("kind_device")
    # Mutants of the block-device test and of this line survive (benchmarks/mutation.py): no
    # test machine lets a test make a block device, and Linux has no other kind of entry.
    return msg("kind_special")


def _link(path: Path, root: Path, problems: Problems) -> None:
    try:
        target = path.resolve()
        inside = target == root or root in target.parents
    except (OSError, RuntimeError):  # a loop, or a target that cannot be read
        inside = False  # (None, a mutant, is as false: equivalent)
    problems.error(path, 1, 1, msg("link_inside", name=path.name) if inside else msg("link_outside", name=path.name),
                   msg("hint_link"))


def classify(path: Path, root: Path, problems: Problems) -> str | None:
    """'file' or 'dir' for an entry that may be walked; 'link' (with a problem) for a symbolic
    link; None (with a problem) for anything else.

    ``lstat`` only: the entry is never opened and a link is never followed.
    """
    try:
        mode = path.lstat().st_mode
    except OSError as exc:
        problems.error(path, 1, 1, msg("cannot_read", name=path.name, reason=exc.strerror or exc))
        return None
    if stat.S_ISLNK(mode):
        _link(path, root, problems)
        return "link"
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISREG(mode):
        return "file"
    problems.error(path, 1, 1, msg("special_file", name=path.name, kind=_kind(mode)), msg("hint_remove_file"))
    return None


def _walk(folder: Path, root: Path, problems: Problems, links: list[Path], depth: int = 0) -> list[Path]:
    """Regular files below ``folder``, sorted, hidden entries skipped, refusing the rest (the
    links also added to ``links``)."""
    if depth > MAX_DEPTH:
        problems.error(folder, 1, 1, msg("folders_deep", n=MAX_DEPTH), msg("hint_folders_deep"))
        return []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.error(folder, 1, 1, msg("cannot_read_folder", reason=exc.strerror or exc))
        return []
    files: list[Path] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        # The type readdir gave (no system call) for the usual cases; anything else is looked at.
        # (follow_symlinks=None, a mutant, is as false: equivalent.)
        if entry.is_file(follow_symlinks=False):
            kind: str | None = "file"
        elif entry.is_dir(follow_symlinks=False):
            kind = "dir"
        else:
            kind = classify(path, root, problems)
        if kind == "dir":
            files += _walk(path, root, problems, links, depth + 1)
        elif kind == "file":
            files.append(path)
        elif kind == "link":
            links.append(path)
    return files


def _folder(root: Path, name: str, problems: Problems, links: list[Path], *, required: bool) -> list[Path]:
    folder = root / name
    if not os.path.lexists(folder):
        if required:
            problems.error(folder, 1, 1, msg("folder_missing", name=name), msg("hint_create_folder", name=name))
        return []
    kind = classify(folder, root, problems)
    if kind == "file":
        problems.error(folder, 1, 1, msg("not_a_folder", name=name), msg("hint_create_folder", name=name))
        return []
    if kind == "link":
        links.append(folder)
    return _walk(folder, root, problems, links) if kind == "dir" else []


def walk_registries(root: Path, problems: Problems) -> ContentFiles:
    """Only cities.yml and vocabulary.yml, for commands that need the keys and not the reports."""
    root = root.resolve()
    files = ContentFiles(root=root)  # its root unused by callers: a mutant without it is equivalent
    for name in (CITIES, VOCABULARY):
        path = root / name
        if os.path.lexists(path) and classify(path, root, problems) == "file":
            files.registries[name] = path
    return files


def walk_content(root: Path, problems: Problems) -> ContentFiles:
    """Every file of the content folder at ``root`` (an existing folder), sorted by role."""
    root = root.resolve()
    files = ContentFiles(root=root)
    files.others.extend(Path(entry.path) for entry in sorted(os.scandir(root), key=lambda e: e.name)
                        if not entry.name.startswith(".") and entry.name not in KNOWN_ENTRIES)
    files.registries.update(walk_registries(root, problems).registries)
    for path in _folder(root, MISSIONS, problems, files.links, required=True):
        if path.suffix == ".md":
            files.missions.append(path)
        else:
            problems.warning(path, 1, 1, msg("not_markdown", name=path.name), msg("hint_not_markdown"))
    for path in _folder(root, PAGES, problems, files.links, required=False):  # (required=None: an equivalent mutant)
        if path.suffix == ".md":
            files.pages.append(path)
        elif path.suffix.lower() in IMAGE_SUFFIXES:
            files.page_assets.append(path)
        else:
            problems.warning(path, 1, 1, msg("not_page", name=path.name), msg("hint_not_page"))
    files.media.extend(_folder(root, MEDIA, problems, files.links, required=False))
    return files
