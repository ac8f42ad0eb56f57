"""Link previews: the card a chat, a social network or a search result shows for a page.

One function, ``page_card``, gives the Open Graph and Twitter properties of any page (generated
pages, programme pages, the root page of a site in several languages), so that every page has a
title, a description, an absolute address and a picture whose file exists. A page without a
picture of its own shows the site's card, ``card_png``: a PNG drawn at build time in the build's
language (the site's name and the Organization's, in the programme's colours; Pillow draws it).

Values are plain text: the templates escape them where they print them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from m4c_build.i18n.texts import Strings
from m4c_build.site.urls import absolute

if TYPE_CHECKING:
    from PIL import ImageFont

CARD = "assets/m4c/card.png"
"""Site path of the card in every language's site (each language draws its own)."""
CARD_SIZE = (1200, 630)
"""The size Open Graph consumers show whole (1.91:1), large enough for every one of them."""
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB", "es": "es_ES"}

# The programme's colours (theme/stylesheets/m4c-theme.css, templates/m4c/root.html).
_PRIMARY = (0x7A, 0x2E, 0x1F)
_ACCENT = (0xB5, 0x65, 0x1D)
_TEXT = (0xFF, 0xFF, 0xFF)
_SOFT = (0xF3, 0xE3, 0xDA)
_MARGIN = 80
FONTS = Path(str(resources.files("m4c_build") / "vendor" / "card-font"))
"""DejaVu Sans cut down to French, English and Spanish (Pillow's own font has no accent)."""
BOLD, BOOK = "M4CCardSans-Bold.ttf", "M4CCardSans.ttf"


@dataclass(frozen=True)
class Picture:
    """A page's own picture: its site path and its text alternative (and its size in pixels
    when known: a preview then need not fetch it to lay the card out)."""

    path: str
    alt: str
    width: int | None = None
    height: int | None = None


def site_card(language: str, folder: str = "") -> Picture:
    """The site's card in ``language``; ``folder``: that language's folder, seen from the page
    (the root page of a site in several languages: 'fr/')."""
    return Picture(folder + CARD, card_text(language), *CARD_SIZE)


def page_card(*, title: str, description: str, path: str, language: str, base_url: str,
              languages: Sequence[str] = (), article: bool = False,
              picture: Picture | None = None) -> dict[str, str | list[str]]:
    """The link preview of the page at site path ``path`` ('' for the home, 'missions/x/'):
    Open Graph property -> value (a list for a repeated property, og:locale:alternate).

    ``title`` and ``description`` are plain text (not escaped: the template escapes); an empty
    description gives the site's. ``base_url`` is the address of this language's site
    (MkDocs' ``site_url``); without one there is no absolute address to give, so og:url and
    og:image are left out. ``languages``: the languages the site publishes the page in (the
    other ones become og:locale:alternate). ``article``: a report rather than a website page.
    ``picture``: the page's own picture, else the site's card (``site_card``)."""
    t = Strings(language)
    tags: dict[str, str | list[str]] = {
        "og:type": "article" if article else "website",
        "og:site_name": t("site_name"),
        "og:title": title,
        "og:description": description or t("site_description"),
        "og:locale": OG_LOCALES[language],
    }
    alternates = [OG_LOCALES[other] for other in languages if other != language]
    if alternates:
        tags["og:locale:alternate"] = alternates
    if base_url:
        picture = picture or site_card(language)
        tags["og:url"] = absolute(base_url, path)
        tags["og:image"] = absolute(base_url, picture.path)
        if picture.width and picture.height:
            tags["og:image:width"], tags["og:image:height"] = str(picture.width), str(picture.height)
        tags["og:image:alt"] = picture.alt
    tags["twitter:card"] = "summary_large_image"
    return tags


def card_text(language: str) -> str:
    """What the site's card says, as its text alternative."""
    t = Strings(language)
    return f"{t('site_name')} — {t('publisher')}"


def _font(face: str, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(FONTS / face), size)


def _lines(text: str, face: str, size: int, width: int, most: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """``text`` in at most ``most`` lines of ``width`` pixels: at ``size``, else smaller."""
    while True:
        font = _font(face, size)
        lines: list[str] = []
        for word in text.split():
            joined = f"{lines[-1]} {word}" if lines else word
            if lines and font.getlength(joined) <= width:
                lines[-1] = joined
            else:
                lines.append(word)
        if size <= 12 or (len(lines) <= most and all(font.getlength(line) <= width for line in lines)):
            return font, lines
        size -= 4


@cache
def card_png(language: str) -> bytes:
    """The site's card in ``language``: its name (the programme's, then what the site is) and
    the Organization's, white on the programme's red, above a band of its ochre. Drawn with the
    font m4c ships (``FONTS``: no font of the machine, the same card everywhere), in 32 colours
    so that the file stays small (about 15 KB)."""
    from PIL import Image, ImageDraw

    t = Strings(language)
    width, height = CARD_SIZE
    image = Image.new("RGB", CARD_SIZE, _PRIMARY)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - 28, width, height), fill=_ACCENT)
    name, _, rest = t("site_name").partition(" — ")
    text_width = width - 2 * _MARGIN
    y = 120
    font, lines = _lines(name, BOLD, 112, text_width, 2)
    for line in lines:
        draw.text((_MARGIN, y), line, font=font, fill=_TEXT)
        y += int(font.size * 1.15)
    if rest:
        font, lines = _lines(rest, BOOK, 68, text_width, 2)
        for line in lines:
            draw.text((_MARGIN, y), line, font=font, fill=_SOFT)
            y += int(font.size * 1.2)
    y += 28
    draw.rectangle((_MARGIN, y, _MARGIN + 160, y + 8), fill=_ACCENT)
    font, lines = _lines(t("publisher"), BOOK, 38, text_width, 2)
    y = height - 28 - 56 - int(font.size * 1.25) * len(lines)
    for line in lines:
        draw.text((_MARGIN, y), line, font=font, fill=_SOFT)
        y += int(font.size * 1.25)
    out = io.BytesIO()
    image.quantize(colors=32).save(out, format="PNG", optimize=True)
    return out.getvalue()
