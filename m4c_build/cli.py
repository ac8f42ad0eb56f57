"""The `m4c` command: a thin adapter over the pure core."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from m4c_build.content import ContentDirError, load_content
from m4c_build.problems import FORMATTERS

DEFAULT_CONTENT = Path("content")


def _validate(args: argparse.Namespace) -> int:
    try:
        result = load_content(Path(args.content_dir))
    except ContentDirError as exc:
        print(f"m4c validate: error: {exc}", file=sys.stderr)
        return 2
    print(FORMATTERS[args.format](result.problems, result.files))
    return 0 if result.ok else 1


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
    validate.set_defaults(run=_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
