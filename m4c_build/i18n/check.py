"""The checks of the catalogues: every id of the template in every language, translated, same placeholders.

Run by the tests and by ``scripts/i18n.py check``, so a translator sees the same verdict as CI.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib.resources.abc import Traversable

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from m4c_build.i18n.texts import DOMAIN, locales_dir, po_path
from m4c_build.schema.classes import LANGUAGES

PLACEHOLDER = re.compile(r"\{\w*\}")
"""A ``str.format`` field: ``{n}``, ``{city}``, ``{0}``."""


def read(path: Traversable, language: str | None = None) -> Catalog:
    """The catalogue (or, without ``language``, the template) at ``path``, read afresh."""
    with path.open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


def _key(message: Message) -> str:
    return str(message.id[0] if isinstance(message.id, tuple | list) else message.id)


def _forms(message: Message) -> list[str]:
    return [str(s) for s in message.string] if isinstance(message.string, tuple | list) else [str(message.string)]


def problems(root: Traversable | None = None) -> Iterator[str]:
    """One line per fault of the catalogues under ``root`` (the package's by default), naming the
    catalogue and the id: what a translator must fix."""
    root = locales_dir() if root is None else root
    ids = {_key(m) for m in read(root / f"{DOMAIN}.pot") if m.id}
    catalogues = {language: read(po_path(root, language), language) for language in LANGUAGES}
    english = {_key(m): _forms(m) for m in catalogues["en"] if m.id}
    for language, cat in catalogues.items():
        where = f"{language}/LC_MESSAGES/{DOMAIN}.po"
        for key in cat.obsolete:
            yield f"{where}: obsolete entry {key!r} (#~): delete it"
        found = {_key(m): m for m in cat if m.id}
        for key in sorted(ids - found.keys()):
            yield f"{where}: missing {key!r}: run scripts/i18n.py update, then translate it"
        for key in sorted(found.keys() - ids):
            yield f"{where}: {key!r} is not in {DOMAIN}.pot: run scripts/i18n.py update"
        for key, message in sorted(found.items()):
            forms = _forms(message)
            if message.fuzzy:
                yield f"{where}: {key!r} is fuzzy: check the translation, then remove the fuzzy flag"
            if not all(form.strip() for form in forms):
                yield f"{where}: {key!r} is not translated"
            if isinstance(message.id, tuple | list) and len(forms) != cat.num_plurals:
                yield f"{where}: {key!r} has {len(forms)} plural forms, the header says {cat.num_plurals}"
            want = {p for form in english.get(key, []) for p in PLACEHOLDER.findall(form)}
            for form in forms:
                if form.strip() and set(PLACEHOLDER.findall(form)) != want:
                    yield (f"{where}: {key!r} has placeholders {sorted(set(PLACEHOLDER.findall(form)))}, "
                           f"English has {sorted(want)}: {form!r}")
