"""The site's card, the picture of every page's link preview without a picture of its own: a PNG
in each language that says the site's name whole, with every accent, and stays small."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont

from m4c_build.i18n.texts import Strings
from m4c_build.outputs.cards import BOLD, BOOK, CARD_SIZE, FONTS, card_png
from m4c_build.schema.classes import LANGUAGES

BACKGROUND = (0x7A, 0x2E, 0x1F)
BAND = 28
"""Height of the ochre band at the foot of the card."""


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_card_is_a_small_png_of_the_size_previews_show(language: str) -> None:
    data = card_png(language)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) < 60_000, len(data)
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == CARD_SIZE == (1200, 630)


def glyph(font: ImageFont.FreeTypeFont, letter: str) -> bytes:
    image = Image.new("L", (80, 80))
    ImageDraw.Draw(image).text((10, 10), letter, font=font, fill=255)
    return image.tobytes()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_letter_the_card_draws_is_in_its_font(language: str) -> None:
    """Pillow's own font has no accent ('Organización' came out with a box): the card's font
    must draw every letter of the texts it says, in every language."""
    t = Strings(language)
    letters = set("".join((t("site_name"), t("publisher")))) - {" "}
    for face in (BOLD, BOOK):
        font = ImageFont.truetype(str(FONTS / face), 40)
        missing = glyph(font, "\u4e00")  # no CJK in the font: its "missing" box
        absent = sorted(c for c in letters if glyph(font, c) == missing)
        assert absent == [], (face, absent)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_text_stays_inside_the_card(language: str) -> None:
    """Nothing is clipped: the margins around the text hold only the background."""
    with Image.open(io.BytesIO(card_png(language))) as image:
        rgb = image.convert("RGB")
    width, height = rgb.size

    def only_background(box: tuple[int, int, int, int]) -> bool:
        colours = rgb.crop(box).getcolors(maxcolors=1 << 16) or []
        return [colour for _, colour in colours] == [BACKGROUND]

    assert only_background((width - 40, 0, width, height - BAND)), "right margin"
    assert only_background((0, 0, 40, height - BAND)), "left margin"
    assert only_background((0, 0, width, 40)), "top margin"
    assert not only_background((80, 100, width - 40, height - BAND)), "the text is drawn"
