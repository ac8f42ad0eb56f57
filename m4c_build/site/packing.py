"""Texts a build holds for a while, kept compressed: a page from its generation to its writing,
a report's narrative from its conversion (before the languages fork) to its pages.

At 10,000 missions the pages' text would take several times the memory. LZ4 (the ``lz4``
package) packs about 3 times and is several times faster than zlib at its fastest level, both
ways: at 1,000 reports, zlib took about 0.45 s of each language's build (a page packed once,
read back twice), LZ4 takes under 0.1 s.
"""

from __future__ import annotations

import lz4.block


def pack(text: str) -> bytes:
    """``text`` compressed (its length first, as ``unpack`` needs it)."""
    packed: bytes = lz4.block.compress(text.encode("utf-8"), store_size=True)
    return packed


def unpack(packed: bytes) -> str:
    """The text ``pack`` was given."""
    text: bytes = lz4.block.decompress(packed)
    return text.decode("utf-8")
