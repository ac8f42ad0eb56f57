"""The `m4c` command: a thin adapter over the pure core."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from m4c_build.errors import ContentDirError
from m4c_build.i18n.messages import message_language, msg, said
from m4c_build.problems import FORMATTERS
from m4c_build.schema.classes import LANGUAGES, MISSION_TYPES
from m4c_build.validate.cache import ReportCache
from m4c_build.validate.content import validate_content

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

DEFAULT_CONTENT = Path("content")


def _validate(args: argparse.Namespace) -> int:
    root = Path(args.content_dir)
    cache = None if args.no_cache or not root.is_dir() else ReportCache.for_content(root)
    try:
        result = validate_content(root, content=False, cache=cache)
    except ContentDirError as exc:
        print(f"m4c validate: error: {exc}", file=sys.stderr)
        return 2
    language = message_language(args.lang)
    if cache is not None and cache.refused is not None:  # one line, as ssh says a key file is too open
        print(f"m4c validate: warning: {said(cache.refused, language)}", file=sys.stderr)
    print(FORMATTERS[args.format](result.problems, result.files, language=language))
    return 0 if result.ok else 1


OVERDUE_EXIT = 3
"""``m4c followup --overdue``'s exit status when an action is overdue: a scheduled job turns red."""


def _followup(args: argparse.Namespace) -> int:
    import datetime as dt

    from m4c_build.followup import actions, counts, select
    from m4c_build.outputs.followupdata import followup_csv, followup_json
    from m4c_build.outputs.followuplist import followup_markdown, followup_text
    from m4c_build.problems import format_text

    language = message_language(args.lang)
    try:
        today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    except ValueError:
        print(f"m4c followup: error: --today wants a day as YYYY-MM-DD, not {args.today!r}", file=sys.stderr)
        return 2
    root = Path(args.content_dir)
    try:
        validation = validate_content(root)
    except ContentDirError as exc:
        print(f"m4c followup: error: {exc}", file=sys.stderr)
        return 2
    content = validation.content
    if not validation.ok or content is None:  # the validator's problems, and its exit status
        print(format_text(validation.problems, validation.files, language=language), file=sys.stderr)
        return 1
    if args.city is not None and args.city not in content.registry.cities:
        known = ", ".join(sorted(content.registry.cities))
        print(f"m4c followup: error: unknown city {args.city!r} (known: {known})", file=sys.stderr)
        return 2
    everything = select(actions(content, today), city=args.city)
    found = select(everything, overdue=args.overdue)
    if args.format == "json":
        sys.stdout.write(followup_json(content, "", language, today, found=found))
    elif args.format == "csv":
        sys.stdout.flush()
        sys.stdout.buffer.write(followup_csv(content, "", language, today, found=found))
        sys.stdout.buffer.flush()
    else:
        write = followup_markdown if args.format == "markdown" else followup_text
        print(write(found, counts(everything), content.registry, root, language, today))
    return OVERDUE_EXIT if args.overdue and found else 0


def _new(args: argparse.Namespace) -> int:
    from m4c_build.authoring import prompts as scaffold
    from m4c_build.problems import format_text

    root = Path(args.content)
    if not root.is_dir():
        print(f"m4c new: error: content folder not found: {root}", file=sys.stderr)
        return 2
    registry, problems = scaffold.load(root)
    if registry is None:
        print(format_text(problems, 2), file=sys.stderr)
        print("m4c new: error: fix cities.yml and vocabulary.yml first", file=sys.stderr)
        return 1
    terminal = sys.stdin.isatty()
    asker = scaffold.Asker(input, print, scaffold.complete_with_readline if terminal else None)
    options = scaffold.Options(content=root, city=args.city, date=args.date, title=args.title,
                               themes=args.themes or (), language=args.language, type=args.type,
                               yes=args.yes)
    try:
        path = scaffold.create(options, registry, asker)
    except scaffold.UsageError as exc:
        print(f"m4c new: error: {exc}", file=sys.stderr)
        return 2
    except scaffold.ExistsError as exc:
        print(f"m4c new: error: {exc}", file=sys.stderr)
        return 1
    # In the report's language, like the questions before them.
    print(asker.t("created", str(path)))
    print(asker.t("next"))
    return 0


def _import(args: argparse.Namespace) -> int:
    from m4c_build.authoring import prompts as scaffold
    from m4c_build.authoring.wordimport import Options, files_of, import_docx, write_files
    from m4c_build.load.docx import MAX_FILE, MIB, DocxRefused
    from m4c_build.problems import format_text
    from m4c_build.validate.content import validate_report

    language = message_language(args.lang)
    source, root = Path(args.report), Path(args.content)

    def fail(where: object, message: object, code: int = 1) -> int:
        print(f"{where}: error: {said(message, language)}", file=sys.stderr)
        return code

    if not root.is_dir():
        return fail("m4c import", msg("import_no_content", root=root), 2)
    registry, problems = scaffold.load(root)
    if registry is None:
        print(format_text(problems, 2, language=language), file=sys.stderr)
        return fail("m4c import", msg("import_registries"))
    if args.city is not None and args.city not in registry.cities:
        return fail("m4c import", msg("import_no_city", city=args.city), 2)
    try:
        with source.open("rb") as report:
            data = report.read(MAX_FILE + 1)
    except OSError as exc:
        return fail(source, msg("import_unreadable", reason=exc.strerror or type(exc).__name__))
    try:
        if len(data) > MAX_FILE:
            raise DocxRefused(msg("docx_file_large", limit=MAX_FILE // MIB))
        imported = import_docx(data, registry, Options(city=args.city, language=args.lang, name=source.name))
    except DocxRefused as exc:
        return fail(source, exc.message)
    files = files_of(imported, root)
    taken = next((path for path in files if path.exists() or path.is_symlink()), None)
    if taken is not None:
        return fail(taken, msg("import_exists"))
    if not args.dry_run:
        try:
            write_files(files)
        except OSError as exc:
            return fail(Path(exc.filename or root), msg("import_unwritable", reason=exc.strerror or type(exc).__name__))
    report_path, *media = files
    for note in imported.notes:
        print(f"{source}: note: {said(note, language)}")
    found = validate_report(root, report_path, files[report_path], media)
    print(format_text(list(found), 1, language=language))
    done = (msg("import_dry_run", path=report_path, n=len(media)) if args.dry_run
            else msg("import_written", path=report_path, n=len(media)))
    print(said(done, language))
    return 0


def _engine_logging(verbose: bool) -> None:
    """MkDocs logs through 'mkdocs.*' loggers; show them as the mkdocs command would."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler]
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False


def _engine_env(args: argparse.Namespace) -> None:
    """mkdocs.yml reads the content folder from M4C_CONTENT_DIR (``!ENV``), so that
    ``m4c build --content X`` and a plain ``mkdocs build`` share one configuration."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if args.content:
        os.environ["M4C_CONTENT_DIR"] = str(Path(args.content).resolve())


def _build(args: argparse.Namespace) -> int:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import MkDocsException

    from m4c_build.adapters.mkdocs.languages import load

    _engine_env(args)
    _engine_logging(args.verbose)
    site_dir = str(Path(args.site_dir).resolve()) if args.site_dir else None
    try:
        if args.language:  # one language at the root of the site folder, as plain `mkdocs build`
            build(load(args.config_file, site_dir=site_dir, language=args.language))
            return 0
        return _build_languages(args, load(args.config_file, site_dir=site_dir))
    except (MkDocsException, OSError) as exc:
        print(f"m4c build: error: {exc}", file=sys.stderr)
        return 1


def _build_languages(args: argparse.Namespace, config: MkDocsConfig) -> int:
    """Validate once, then every language in parallel; print each language's time."""
    import time

    from m4c_build.adapters.mkdocs.languages import build_languages, m4c_plugin
    from m4c_build.adapters.mkdocs.plugin import content_dir
    from m4c_build.problems import format_text
    from m4c_build.site.pages import summarize

    root = content_dir(m4c_plugin(config).config, config)
    try:
        validation = validate_content(root)
    except ContentDirError as exc:
        print(f"m4c build: error: {exc}", file=sys.stderr)
        return 1
    language = message_language(args.lang)
    print(format_text(validation.problems, validation.files, language=language), file=sys.stderr)
    if not validation.ok or validation.content is None:
        refusing = msg("refusing", n=len(validation.problems.errors), root=root)
        print(f"m4c build: error: {said(refusing, language)}", file=sys.stderr)
        return 1
    site_dir = Path(config.site_dir)
    start = time.perf_counter()
    results = build_languages(args.config_file, site_dir, config.site_url or "", LANGUAGES,
                              verbose=args.verbose, validated=(root, validation))
    for result in results:
        outcome = f"error: {result.error}" if result.error else f"built in {result.seconds:.1f} s ({result.phases})"
        print(f"{result.language}/: {outcome}", file=sys.stderr)
    failed = [result.language for result in results if result.error]
    if failed:
        print(f"m4c build: error: {', '.join(failed)} failed", file=sys.stderr)
        return 1
    print(f"{len(results)} languages in {time.perf_counter() - start:.1f} s into {site_dir}; "
          f"{summarize(validation.content)}", file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    from m4c_build.adapters.mkdocs.preview import notified_changes

    _engine_env(args)
    _engine_logging(args.verbose)
    if args.language:  # mkdocs.yml reads it: `language: !ENV [M4C_LANGUAGE, fr]`
        os.environ["M4C_LANGUAGE"] = args.language
    try:
        # Dirty builds: the plugin marks unchanged pages unmodified and deletes removed ones.
        with notified_changes():
            serve(config_file=args.config_file, livereload=True, build_type="dirty",
                  dev_addr=args.dev_addr, open_in_browser=False)
    except (MkDocsException, OSError) as exc:
        print(f"m4c serve: error: {exc}", file=sys.stderr)
        return 1
    return 0


def _engine_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--content", metavar="DIR",
                         help="the content folder (default: the one in mkdocs.yml, content)")
    command.add_argument("-f", "--config-file", default="mkdocs.yml", metavar="FILE",
                         help="the MkDocs configuration (default: mkdocs.yml)")
    command.add_argument("-v", "--verbose", action="store_true", help="show debug messages")
    command.add_argument("--language", choices=LANGUAGES,
                         help="one interface language only, at the root of the site (default for "
                         "build: every language, each under <lang>/; for serve: mkdocs.yml's)")
    _lang_option(command)


def _lang_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--lang", choices=LANGUAGES,
                         help="the language of the messages (default: from LC_ALL, LC_MESSAGES or "
                         "LANG, else en)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="m4c",
        description="Publish the Mission4City knowledge base from Markdown reports.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="check every report and registry; print every problem with file:line:col",
        description="Check every report, cities.yml, vocabulary.yml and their cross-references. "
        "Exit 0 when there is no error (warnings allowed), 1 when there is any error, 2 on a usage error.",
    )
    validate.add_argument("content_dir", nargs="?", default=str(DEFAULT_CONTENT), metavar="CONTENT_DIR",
                          help="the content folder (default: content)")
    validate.add_argument("--format", choices=sorted(FORMATTERS), default="text",
                          help="text (default), json, or github (GitHub Actions annotations)")
    validate.add_argument("--no-cache", action="store_true",
                          help="check every report again, without reading or writing the cache of "
                          "unchanged reports' results (kept in $XDG_CACHE_HOME/m4c)")
    _lang_option(validate)
    validate.set_defaults(run=_validate)

    followup = commands.add_parser(
        "followup", help="list the follow-up actions of the published reports, overdue first",
        description="List every follow-up action of the published reports as the follow-up board does: "
        "overdue first, then open by due date, then without a due date, then done. Exit 0; with "
        f"--overdue, {OVERDUE_EXIT} when an action is overdue; 1 (and the problems) when the content does not "
        "validate; 2 on a usage error.",
    )
    followup.add_argument("content_dir", nargs="?", default=str(DEFAULT_CONTENT), metavar="CONTENT",
                          help="the content folder (default: content)")
    followup.add_argument("--overdue", action="store_true",
                          help=f"only the overdue actions; exit {OVERDUE_EXIT} when there is one")
    followup.add_argument("--city", metavar="KEY", help="only the actions of this city (a key of cities.yml)")
    followup.add_argument("--format", choices=("text", "csv", "json", "markdown"), default="text",
                          help="text (default), csv or json (the open data's followup.csv and .json), or "
                          "markdown (a table, for a CI job's summary)")
    followup.add_argument("--today", metavar="YYYY-MM-DD",
                          help="the day that counts as today for overdue actions (default: today)")
    _lang_option(followup)
    followup.set_defaults(run=_followup)

    new = commands.add_parser(
        "new", help="start a new report: every field, commented, with TODO where you must write",
        description="Write content/missions/<year>/<year>-<city>-<title>.md as a draft with every "
        "field of the report schema, commented in the report's language. Asks for what the flags "
        "do not give. Exit 0 when written, 1 when the file exists, 2 on a bad flag or key.",
    )
    new.add_argument("--content", default=str(DEFAULT_CONTENT), metavar="DIR",
                     help="the content folder (default: content)")
    new.add_argument("--city", metavar="KEY", help="the city: a key of cities.yml")
    new.add_argument("--date", metavar="YYYY-MM-DD",
                     help="first day of the mission (default: today)")
    new.add_argument("--title", metavar="TEXT", help="title of the mission")
    new.add_argument("--theme", dest="themes", action="extend", nargs="+", metavar="KEY",
                     help="a theme: a key of 'themes' in vocabulary.yml (repeat for more)")
    new.add_argument("--language", metavar="|".join(LANGUAGES),
                     help=f"language of the report (default: {LANGUAGES[0]})")
    new.add_argument("--type", metavar="|".join(MISSION_TYPES),
                     help=f"mission type (default: {MISSION_TYPES[0]})")
    new.add_argument("--yes", action="store_true",
                     help="ask nothing: use the defaults; --city, --title and --theme are needed")
    new.set_defaults(run=_new)

    word = commands.add_parser(
        "import", help="turn a Word report (.docx) into a draft report and its photos",
        description="Read REPORT.docx (m4c's report template, or any report with headings) and write "
        "content/missions/<year>/<slug>.md as a draft, with its pictures in content/media/; then print "
        "what is left to fix and what could not be placed. A refused document writes nothing. Exit 0 "
        "when written, 1 when the document is refused or the file exists, 2 on a usage error.",
    )
    word.add_argument("report", metavar="REPORT.docx", help="the Word document")
    word.add_argument("--content", default=str(DEFAULT_CONTENT), metavar="DIR",
                      help="the content folder (default: content)")
    word.add_argument("--city", metavar="KEY", help="the city, a key of cities.yml, when the document does "
                      "not name it")
    word.add_argument("--lang", choices=LANGUAGES, help="the report's language, and of the messages (default: "
                      "the language of the document's headings)")
    word.add_argument("--dry-run", action="store_true", help="write nothing: print what would be written")
    word.set_defaults(run=_import)

    build = commands.add_parser(
        "build", help="validate, then build the site (refuses to publish when there is an error)",
        description="Validate the content, then build the static site with its search index. "
        "Nothing is written when the content has an error.",
    )
    _engine_options(build)
    build.add_argument("-d", "--site-dir", metavar="DIR", help="where to write the site (default: site)")
    build.set_defaults(run=_build)

    serve = commands.add_parser(
        "serve", help="preview the site locally, rebuilding when a report, registry or template changes",
        description="Serve the site on a local address with live reload.",
    )
    _engine_options(serve)
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT",
                       help="address to serve on (default: 127.0.0.1:8000)")
    serve.set_defaults(run=_serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    before = os.environ.get("M4C_LANG")
    if getattr(args, "lang", None):  # for the build's worker processes and the MkDocs plugin
        os.environ["M4C_LANG"] = args.lang
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader left (`m4c followup | head`): no traceback, and none at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    finally:  # main() is also called in-process (tests): leave the environment as it was
        if before is None:
            os.environ.pop("M4C_LANG", None)
        else:
            os.environ["M4C_LANG"] = before


if __name__ == "__main__":
    sys.exit(main())
