"""Regenerate the font of the site's link-preview card from DejaVu Sans (Debian's fonts-dejavu-core).

    .venv/bin/python -m pip install fonttools && .venv/bin/python scripts/vendor_card_font.py [FONT_DIR]

Pillow's own font (``ImageFont.load_default``) has no accented letter: 'Organización' came out
with a box. DejaVu Sans has them all, but weighs 0.7 MB a face; the card needs the letters of
French, English and Spanish only. This keeps Latin-1, Latin Extended-A and the punctuation
between (dashes, quotes, ellipsis) of DejaVu Sans Bold and Book, drops the hinting (the card is
drawn at 38 px and more), and renames the family (the Bitstream Vera licence asks a changed font
not to be called Vera) into ``m4c_build/vendor/card-font/``, with the licence. Run it again only
to add characters (``tests/test_cards.py`` checks that every catalogue text the card draws is in
the font).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "m4c_build" / "vendor" / "card-font"
FACES = {"DejaVuSans-Bold.ttf": "M4CCardSans-Bold.ttf", "DejaVuSans.ttf": "M4CCardSans.ttf"}
FAMILY = "M4C Card Sans"
UNICODES = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2010, 0x2027), 0x2039, 0x203A, 0x20AC]
LICENSE = Path("/usr/share/doc/fonts-dejavu-core/copyright")


def subset(source: Path, target: Path) -> None:
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.hinting = False
    options.layout_features = ["kern", "liga"]
    options.name_IDs = ["*"]
    font = TTFont(source)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    style = "Bold" if "Bold" in source.name else "Book"
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID in (3, 4):
            record.string = f"{FAMILY} {style}"
        elif record.nameID == 6:
            record.string = f"{FAMILY.replace(' ', '')}-{style}"
    font.save(target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("font_dir", nargs="?", type=Path, default=Path("/usr/share/fonts/truetype/dejavu"))
    args = parser.parse_args()
    TARGET.mkdir(parents=True, exist_ok=True)
    for source, target in FACES.items():
        subset(args.font_dir / source, TARGET / target)
        print(f"{TARGET / target}: {(TARGET / target).stat().st_size} bytes")
    if LICENSE.is_file():
        shutil.copyfile(LICENSE, TARGET / "LICENSE")
    return 0


if __name__ == "__main__":
    sys.exit(main())
