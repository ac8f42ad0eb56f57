"""Translators' commands for the interface catalogues: ``update`` after adding a text, ``check`` before committing.

The catalogues are id-based: a msgid is a stable id (``lessons``), the English catalogue holds
the English texts and is the source of the ids. ``update`` regenerates ``m4c.pot`` from it (each
id with its English text as a ``#.`` comment, shown by Poedit and Weblate) and merges the template
into every catalogue (dropping the ids English no longer has), as
``pybabel update -i m4c.pot -d m4c_build/i18n/locales -D m4c`` does, but without fuzzy matching:
a guess between two ids is never right. ``check`` lists what is missing,
empty, fuzzy, obsolete or has other placeholders than English.

    python scripts/i18n.py update
    python scripts/i18n.py check
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from importlib.metadata import version
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from m4c_build.i18n.check import problems, read
from m4c_build.i18n.texts import DOMAIN, po_path
from m4c_build.schema.classes import LANGUAGES

LOCALES = Path(__file__).resolve().parent.parent / "m4c_build" / "i18n" / "locales"
WIDTH = 100
STABLE_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
"""The catalogues' header dates stay put: a date that moves at each update only makes merges
conflict (git holds the history)."""


def _write(catalog: Catalog, path: Path) -> None:
    """Without obsolete entries: an id gone from the English catalogue is gone on purpose."""
    with path.open("wb") as out:
        write_po(out, catalog, width=WIDTH, ignore_obsolete=True)


def update() -> None:
    """m4c.pot from the English catalogue, then every catalogue merged with it."""
    english = read(po_path(LOCALES, "en"), "en")
    template = Catalog(domain=DOMAIN, project="m4c", version=version("m4c"), fuzzy=False,
                       copyright_holder="Organization of World Heritage Cities",
                       creation_date=STABLE_DATE)
    for message in english:
        if message.id:
            texts = message.string if isinstance(message.string, tuple | list) else [message.string]
            blank = ("",) * len(texts) if isinstance(message.id, tuple | list) else ""
            template.add(message.id, blank, auto_comments=[" / ".join(str(t) for t in texts)])
    _write(template, LOCALES / f"{DOMAIN}.pot")
    for language in LANGUAGES:
        path = Path(str(po_path(LOCALES, language)))
        catalog = read(path, language)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        _write(catalog, path)
        print(f"updated {path.relative_to(LOCALES.parent.parent.parent)}")


def check() -> int:
    """Print every fault of the catalogues; 1 if there is one."""
    found = list(problems(LOCALES))
    for line in found:
        print(line)
    print(f"{len(found)} problem(s) in the {DOMAIN} catalogues", file=sys.stderr)
    return 1 if found else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update", "check"])
    if parser.parse_args().command == "update":
        update()
        return 0
    return check()


if __name__ == "__main__":
    sys.exit(main())
