"""The report fields' docs in the interface languages: the ``field.<path>`` texts of the catalogues.

English is the schema's own doc (``schema.spec(doc=...)``); a test keeps the English catalogue's
``field.<path>`` equal to it, so a changed doc shows which translations to update.
"""

from __future__ import annotations

from functools import cache

from m4c_build.i18n.texts import Strings, text_ids

PREFIX = "field."
"""The ids of the field docs: ``field.experts.name`` is the 'name' of an item of 'experts'."""


@cache
def field_docs(language: str) -> dict[str, str]:
    """field path ('experts.name') -> its doc in ``language``, as the catalogue holds it."""
    t = Strings(language)
    return {key.removeprefix(PREFIX): t(key) for key in text_ids(PREFIX)}


def translated(path: str, english: str, language: str) -> str:
    """The doc of the field at ``path`` in ``language``, or the English one."""
    if language == "en":
        return english
    return field_docs(language).get(path) or english
