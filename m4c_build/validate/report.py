"""One report file: read, split, parse, bind to the schema, check what the schema cannot."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from m4c_build.i18n.messages import mean, msg, plural
from m4c_build.load.files import IMAGE_SUFFIXES, MEDIA, ContentFiles
from m4c_build.load.text import Split, decode_text, read_bytes, split_frontmatter
from m4c_build.load.yamlsource import Key, load_yaml
from m4c_build.model import Mission
from m4c_build.problems import Problems, TextPositions, position
from m4c_build.schema import walk
from m4c_build.schema.classes import KEY_PATTERN, Report
from m4c_build.schema.keys import CLEAN_NAME, clean_name, slugify
from m4c_build.validate.binding import INVALID, TODO, Binder, describe, suggest
from m4c_build.validate.markup import check_markdown
from m4c_build.validate.registry import Known, check_refs

MAX_DAYS = 3
_SLUG = re.compile(KEY_PATTERN)
_TODO_LINE = re.compile(rf"^[ \t]*({TODO})\b", re.M)
_DEFAULT_STATUS = walk.field(Report, "status").default
_TRANSLATIONS = walk.field(Report, "translations")
_DEFAULT_LANGUAGE = walk.field(Report, "language").default
_PARALLEL_LISTS = tuple(f.name for f in walk.fields(_TRANSLATIONS.record or Report) if f.many)
"""Lists a translation holds item for item (lessons, solutions): each must match the report's."""


def read_report(
    path: Path, files: ContentFiles, problems: Problems, known: Known | None = None
) -> tuple[Mission, Binder] | None:
    """A bound mission and its binder; keys are checked against the ``known`` registry keys."""
    check_name(path, problems)
    data = read_bytes(path, problems)
    return None if data is None else parse_report(path, data, files, problems, known)


def check_name(path: Path, problems: Problems) -> None:
    """A report's file name is its address: a clean slug, not 'index'."""
    slug = path.stem
    if not _SLUG.match(slug):
        problems.error(path, 1, 1, msg("bad_file_name", name=path.name),
                       msg("hint_rename_report", name=slugify(slug) or "mission"))
    elif slug == "index":
        problems.error(path, 1, 1, msg("index_report"), msg("hint_name_report"))


def parse_report(
    path: Path, data: bytes, files: ContentFiles, problems: Problems, known: Known | None = None
) -> tuple[Mission, Binder] | None:
    """``read_report`` on the bytes of the report at ``path`` (read by the caller: to hash them
    for the cache), after ``check_name``."""
    text = decode_text(data, path, problems)
    if text is None:
        return None
    split = split_frontmatter(text, path, problems)
    if split is None:
        return None
    check_markdown(split.body, path, split.body_line, problems)
    doc = load_yaml(split.frontmatter, path, problems, line_offset=split.frontmatter_line)
    if doc is None:
        return None
    binder = Binder(path, doc.source, problems, allow_todo=True)
    if not isinstance(doc.data, dict):
        binder.error((), msg("frontmatter_not_fields"), msg("hint_frontmatter_not_fields"))
        return None
    report = binder.bind_object(Report, doc.data, ())
    if known is not None:  # even when another field is wrong: every problem in one run
        check_refs(binder.refs, known, binder)
    _check_todos(doc.data, split, binder)
    _check_photos(doc.data, files, binder)  # on the raw data: even when another field is wrong
    _check_translations(doc.data, binder)
    if report is INVALID:
        return None
    _check_dates(report, binder)
    _check_private(report, doc.data, split, binder)
    return Mission(slug=path.stem, path=path, report=report, body=split.body, body_line=split.body_line), binder


def _texts(value: object, at: Key) -> Iterator[tuple[Key, str]]:
    """Every text in YAML data, with where it stands."""
    if isinstance(value, str):
        yield at, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _texts(item, (*at, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*at, key))


def _check_private(report: Report, data: dict[str, object], split: Split, binder: Binder) -> None:
    """The contact is for the Secretariat only: their name or e-mail anywhere else in the report
    (a field, the narrative, an HTML comment) would be published. An error in a published
    report, a warning in a draft."""
    contact = report.contact
    if contact is None:
        return
    found = binder.problems.warning if report.status == "draft" else binder.problems.error
    hint = msg("hint_contact")
    patterns = []  # a placeholder 'm4c new' wrote ('TODO ...') is nothing private yet
    if not contact.email.lstrip().startswith(TODO):
        patterns.append((re.compile(re.escape(contact.email), re.I), True))
    name = contact.name.strip()
    if len(name) >= 4 and not name.startswith(TODO):
        patterns.append((re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.I), False))
    body = TextPositions(split.body, split.body_line)
    for pattern, email in patterns:
        if len(pattern.findall(split.frontmatter)) <= 1 and not pattern.search(split.body):
            continue  # only the contact block names it: the usual case, decided without a walk
            # (a shortcut: '< 1' instead of '<= 1' walks and finds nothing, an equivalent mutant)
        fields = _texts({k: v for k, v in data.items() if k != "contact"}, ())
        for at, text in fields:
            if pattern.search(text):
                mark = binder.source.value(at)
                found(binder.path, mark.line, mark.col,
                      msg("contact_email", what=describe(at)) if email else msg("contact_name", what=describe(at)),
                      hint)
        for match in pattern.finditer(split.body):
            line, col = body.at(match.start())
            found(binder.path, line, col, msg("narrative_email") if email else msg("narrative_name"), hint)


def _check_todos(data: dict[str, object], split: Split, binder: Binder) -> None:
    """Placeholders 'm4c new' left: a warning in a draft, an error in a published report."""
    draft = data.get("status", _DEFAULT_STATUS) == "draft"
    report = binder.problems.warning if draft else binder.problems.error
    hint = msg("hint_todo_draft") if draft else msg("hint_todo_published")
    for at in binder.todos:
        mark = binder.source.value(at)
        report(binder.path, mark.line, mark.col, msg("todo", what=describe(at)), hint)
    for match in _TODO_LINE.finditer(split.body):
        line, col = position(split.body, match.start(1), split.body_line)
        report(binder.path, line, col, msg("todo_narrative"), hint)


def _check_translations(data: dict[str, object], binder: Binder) -> None:
    """A translation is into another language than the report's, and a translated list has an
    item for each item of the original, so that each lesson reads beside its translation.
    On the raw data, like the photos: checked even when another field is wrong."""
    translations = data.get(_TRANSLATIONS.name)
    if not isinstance(translations, dict):
        return
    own = data.get("language", _DEFAULT_LANGUAGE)
    for language, translation in translations.items():
        at = (_TRANSLATIONS.name, language)
        if language == own:
            binder.error(at, msg("own_translation", language=language),
                         msg("hint_own_translation", language=own), key=True)
        if not isinstance(translation, dict):
            continue
        for name in _PARALLEL_LISTS:
            original, translated = data.get(name), translation.get(name)
            if isinstance(original, list) and isinstance(translated, list) and translated \
                    and len(translated) != len(original):
                binder.error((*at, name),
                             msg("translated_items", what=describe((*at, name)),
                                 items=plural("items", len(translated), n=len(translated)),
                                 name=name, original=len(original)),
                             msg("hint_translated_items"))


def _check_dates(report: Report, binder: Binder) -> None:
    if report.end_date is not None:
        days = (report.end_date - report.date).days + 1
        if days < 1:
            binder.error(("end_date",), msg("end_before_start", end=report.end_date, start=report.date),
                         msg("hint_end_date"))
        elif days > MAX_DAYS:
            mark = binder.source.value(("end_date",))
            binder.problems.warning(binder.path, mark.line, mark.col,
                                    msg("too_long", days=days, max=MAX_DAYS), msg("hint_too_long"))
    for i, action in enumerate(report.follow_up):
        if action.done is None:
            continue
        if action.status != "done":
            binder.error(("follow_up", i, "done"), msg("done_not_done", n=i + 1),
                         msg("hint_done_not_done"))
        elif action.done < report.date:
            binder.error(("follow_up", i, "done"), msg("done_before_mission", n=i + 1, done=action.done,
                                                       start=report.date), msg("hint_done_date"))
    last = report.end_date or report.date
    for i, item in enumerate(report.programme):
        if not report.date <= item.date <= max(last, report.date):
            mark = binder.source.value(("programme", i, "date"))
            binder.problems.warning(binder.path, mark.line, mark.col,
                                    msg("programme_outside", n=i + 1, date=item.date, start=report.date,
                                        end=last), msg("hint_check_dates"))


def _check_photos(data: dict[str, object], files: ContentFiles, binder: Binder) -> None:
    """Each photo's file must be an image under media/ that the content walker accepted (a
    regular file, no link), with a name that is a clean address. Paths that are not text or
    do not start with media/ were already reported by the schema."""
    photos = data.get("photos")
    if not isinstance(photos, list):
        return
    root = files.root
    media = root / MEDIA
    available = files.media_names
    for i, photo in enumerate(photos):
        file = photo.get("file") if isinstance(photo, dict) else None
        at = ("photos", i, "file")
        if not isinstance(file, str) or not file.startswith("media/") or at in binder.todos:
            continue
        target = Path(os.path.normpath(root / file))
        if media not in target.parents:
            binder.error(at, msg("photo_outside", file=file), msg("hint_photo_media"))
            continue
        name = target.relative_to(root).as_posix()
        if target.suffix.lower() not in IMAGE_SUFFIXES:
            binder.error(at, msg("photo_format", file=file), msg("hint_photo_format"))
            continue
        link = None if name in available else _link_on_the_way(name, files.media_links)
        if link is not None:
            message = msg("photo_link", file=file) if link == name else msg("photo_under_link", file=file, link=link)
            binder.error(at, message, msg("hint_photo_link"))
            continue
        if name not in available:
            close = suggest(file, sorted(available))
            binder.error(at, mean(msg("photo_missing", file=file), close), msg("hint_photo_missing"))
            continue
        unclean = [part for part in name.split("/") if not CLEAN_NAME.match(part)]
        if unclean:
            clean = "/".join(clean_name(part) for part in name.split("/"))
            binder.error(at, msg("photo_name", name=unclean[0]), msg("hint_photo_name", name=clean))


def _link_on_the_way(name: str, links: frozenset[str]) -> str | None:
    """The symbolic link that ``name`` ('media/a/x.png') is or lies under, if any: the walker
    refused it, and the photo is named as a link rather than as missing."""
    parts = name.split("/")
    for end in range(len(parts), 0, -1):
        if "/".join(parts[:end]) in links:
            return "/".join(parts[:end])
    return None

