"""The translator of every interface text (``Strings``): gettext catalogues, CLDR dates and plurals.

Every interface text is in the ``m4c`` gettext catalogues under ``i18n/locales/`` (one
``<lang>/LC_MESSAGES/m4c.po`` per language and the ``m4c.pot`` template): the site's words, the
field reference's (``reference.*``), the type names (``type.*``), ``m4c new``'s (``template.*``,
``prompt.*``), the downloads' (``fiche.*``), the report fields' docs (``field.<path>``) and the
authors' messages of ``m4c validate`` (``problem.*``, said by ``i18n.messages``). The
msgids are stable ids, not English sentences: call sites name a text (``t('lessons')``,
``f"prompt.{key}"``) and English is a translation like the others, so rewording it touches one
catalogue and no code. The ``.po`` files are read directly (cached), so packaging has no compile
step. Dates, date ranges and plural rules come from CLDR through Babel. (The report texts are
the cities' own.)
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
import re
from functools import cache, cached_property, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

from babel import Locale
from babel.dates import format_date, parse_pattern
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

from m4c_build.schema.classes import LANGUAGES

DOMAIN = "m4c"
"""The gettext domain: ``locales/<lang>/LC_MESSAGES/m4c.po``."""

CLDR_LOCALES = {"fr": "fr", "en": "en_001", "es": "es"}
"""The CLDR locale of each interface language. English is CLDR's international English
('1 October 2025'), not the United States' ('October 1, 2025'): the site speaks to cities
around the world."""

_RANGE = "yMMMMd"
"""The date range skeleton: day, full month name, year, as in ``Strings.date``."""


def locales_dir() -> Traversable:
    """The folder of the catalogues, inside the package (a ``Traversable``)."""
    return resources.files("m4c_build") / "i18n" / "locales"


def po_path(root: Traversable, language: str) -> Traversable:
    """``<root>/<language>/LC_MESSAGES/m4c.po``: gettext's layout, which Poedit and Weblate expect."""
    return root / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def catalogue(language: str) -> Catalog:
    """The ``language`` catalogue, parsed once per process."""
    with po_path(locales_dir(), language).open("rb") as po:
        return read_po(po, locale=language, domain=DOMAIN)


SOURCE = "en"
"""The catalogue that defines the ids, and the fallback of a text another catalogue lacks."""


@cache
def _translations(language: str) -> gettext.GNUTranslations:
    """The catalogue as Python's gettext reads it, for ``ngettext`` and the Plural-Forms header
    (compiled in memory, leaving out fuzzy entries as ``msgfmt`` does; English behind it)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalogue(language))
    buffer.seek(0)
    translations = gettext.GNUTranslations(buffer)
    if language != SOURCE:
        translations.add_fallback(_translations(SOURCE))
    return translations


@cache
def _texts(language: str) -> dict[str, str | tuple[str, ...]]:
    """id -> translation (a tuple of plural forms for a plural entry); a fuzzy or empty
    translation falls back to English, as gettext falls back to the msgid (the tests allow none)."""
    texts: dict[str, str | tuple[str, ...]] = {} if language == SOURCE else dict(_texts(SOURCE))
    for message in catalogue(language):
        forms = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if message.id and not message.fuzzy and all(forms):
            key = message.id[0] if isinstance(message.id, tuple | list) else message.id
            texts[key] = tuple(str(f) for f in forms) if isinstance(message.id, tuple | list) else str(forms[0])
    return texts


def text_ids(prefix: str = "") -> list[str]:
    """The ids of every interface text (starting with ``prefix``), for checks and translators."""
    return sorted(key for key in _texts(SOURCE) if key.startswith(prefix))


@cache
def _range_patterns(locale: Locale) -> dict[str, list[str]]:
    """CLDR's interval patterns for ``_RANGE``: greatest differing field ('y', 'M', 'd') -> the
    patterns of the start and end dates.

    Babel falls back to the abbreviated 'yMMMd' when a locale has no 'yMMMMd' (fr, en do not),
    where ICU would widen the month field of the closest pattern: we widen it the same way.
    """
    if _RANGE in locale.interval_formats:
        return dict(locale.interval_formats[_RANGE])
    return {field: [re.sub(r"(?<!M)MMM(?!M)", "MMMM", pattern) for pattern in patterns]
            for field, patterns in locale.interval_formats["yMMMd"].items()}


class Strings:
    """The interface texts of one language: ``t('lessons')``, ``t('same_city', city='Évora')``.

    Texts with positional fields (``type.or``: '{0} or {1}') are formatted by the caller.
    """

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported interface language {language!r}: "
                             f"use {', '.join(LANGUAGES[:-1])} or {LANGUAGES[-1]}")
        self.language = language
        self._texts = _texts(language)

    @cached_property
    def locale(self) -> Locale:
        """CLDR's data of the language (dates), loaded at the first date: messages need none."""
        return Locale.parse(CLDR_LOCALES[self.language])

    def __call__(self, key: str, /, **values: object) -> str:
        text = self._texts[key]
        if not isinstance(text, str):
            raise TypeError(f"{key!r} has plural forms: use Strings.plural")
        return text.format(**values) if values else text

    def plural(self, key: str, number: int, /, **values: object) -> str:
        """The form of the plural text ``key`` for ``number``, chosen by the catalogue's Plural-Forms
        (CLDR's rules: French '0 mission', '2 missions', '1 000 000 de missions')."""
        if isinstance(self._texts[key], str):
            raise TypeError(f"{key!r} has no plural forms: use Strings.__call__")
        text = _translations(self.language).ngettext(key, key, number)
        return text.format(**values) if values else text

    def lbl(self, key: str) -> str:
        """A label before a value: 'Échéance :' in French, 'Due:' in English."""
        return f"{self(key)}{' :' if self.language == 'fr' else ':'}"

    @lru_cache(maxsize=8192)  # noqa: B019 - a few Strings live as long as the process
    def count(self, n: int) -> str:
        """'aucune mission', '1 mission', '3 missions': zero is a sentence of its own."""
        return self("mission_count_0") if n == 0 else self.plural("mission_count", n, n=n)

    @lru_cache(maxsize=8192)  # noqa: B019 - a few Strings live as long as the process
    def date(self, day: dt.date) -> str:
        """CLDR's long date: '1 octobre 2025', '1 October 2025', '1 de octubre de 2025'."""
        return format_date(day, format="long", locale=self.locale)

    @lru_cache(maxsize=8192)  # noqa: B019 - a few Strings live as long as the process
    def date_range(self, start: dt.date, end: dt.date) -> str:
        """CLDR's interval: '14–16 octobre 2025', '30 septembre – 2 octobre 2025' (thin spaces)."""
        if start == end:
            return self.date(start)
        field = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        patterns = _range_patterns(self.locale)[field]
        return "".join(parse_pattern(pattern).apply(day, self.locale)
                       for pattern, day in zip(patterns, (start, end), strict=True))

    @lru_cache(maxsize=8192)  # noqa: B019 - a few Strings live as long as the process
    def number(self, n: int) -> str:
        """CLDR's way of writing a number: '1\u202f234' in French, '1,234' in English."""
        return format_decimal(n, locale=self.locale)

    def percent(self, share: float) -> str:
        """A share (0 to 1) as CLDR writes a percentage: '67\xa0%' in French, '67%' in English."""
        return format_percent(share, locale=self.locale)

    def difference(self, n: int) -> str:
        """A change, signed: '+3', '-1 234' (in the language's digits and grouping); '0' for none."""
        return format_decimal(n, format="+#,##0;-#,##0", locale=self.locale) if n else self.number(0)

    @lru_cache(maxsize=8192)  # noqa: B019 - a few Strings live as long as the process
    def days(self, n: int) -> str:
        return self.plural("day_count", n, n=n)
