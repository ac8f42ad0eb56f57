"""Country names in the interface languages, from their ISO 3166-1 codes (CLDR's, through Babel)."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

from m4c_build.i18n.texts import CLDR_LOCALES


@cache
def country_name(code: str, language: str) -> str:
    """The country's name in ``language``: CLDR's everyday name ('Corée du Sud', 'Bolivia'), not
    ISO's inverted official one ('Corée, République de'); the code itself when CLDR has none."""
    try:
        locale = Locale.parse(CLDR_LOCALES.get(language, language))
    except (ValueError, UnknownLocaleError):
        return code
    return str(locale.territories.get(code.upper(), code)) if code.isalpha() and len(code) == 2 else code
