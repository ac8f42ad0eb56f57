"""The report fields' docs in fr, en and es (``i18n/report_fields.yml``), keyed by field path.

English is the schema's own doc (``schema.spec(doc=...)``); a test keeps the file's 'en' equal
to it, so a changed doc shows which translations to update.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

FIELD_DOCS = "report_fields.yml"


@cache
def field_docs() -> dict[str, dict[str, str]]:
    """field path ('experts.name') -> {fr, en, es}."""
    text = (resources.files("m4c_build") / "i18n" / FIELD_DOCS).read_text(encoding="utf-8")
    data: dict[str, dict[str, str]] = yaml.safe_load(text)
    return data


def translated(path: str, english: str, language: str) -> str:
    """The doc of the field at ``path`` in ``language``, or the English one."""
    if language == "en":
        return english
    return field_docs().get(path, {}).get(language) or english
