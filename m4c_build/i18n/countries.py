"""Country names in the interface languages, from their ISO 3166-1 codes (pycountry's data)."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry


@cache
def country_name(code: str, language: str) -> str:
    """The country's name in the interface language (pycountry ships the ISO 3166 translations).

    ISO's inverted forms read badly on a page: 'Russie, Fédération de' becomes
    'Fédération de Russie'.
    """
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = str(getattr(country, "common_name", None) or country.name)
    if language != "en":
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
            name = translation.gettext(name)
        except OSError:
            pass
    head, sep, tail = name.partition(", ")
    if sep and "," not in tail:
        name = f"{tail} {head}" if tail.endswith((" of", " de", " del", " de la")) else name
    return name
