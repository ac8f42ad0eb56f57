"""Keys and slugs: how a text becomes a key (cities, terms, mission file names, photo names)."""

from __future__ import annotations

import re
import unicodedata


def slugify(text: str) -> str:
    """'Québec 2024' -> 'quebec-2024'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


CLEAN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
"""A file name that is a clean part of a web address (photos, programme pages and pictures)."""


def clean_name(part: str, default: str = "photo") -> str:
    """'Vue du port.JPG' -> 'vue-du-port.jpg': what to rename a file to (``default`` when
    nothing is left)."""
    stem, dot, suffix = part.rpartition(".")
    if not dot:
        return slugify(part) or default
    return f"{slugify(stem) or default}.{suffix.lower()}"
