"""Keys and slugs: how a text becomes a key (cities, terms, mission file names, photo names)."""

from __future__ import annotations

import re
import unicodedata


def slugify(text: str) -> str:
    """'Québec 2024' -> 'quebec-2024'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
