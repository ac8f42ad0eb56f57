"""Material's own markup made valid HTML where no template block reaches it.

Material writes its two toggles (``__drawer``, ``__search``) straight into ``base.html``, outside
any block, with ``autocomplete="off"``, which HTML allows on text-like inputs only (the Nu checker
reports it on every page); and its ``partials/nav-item.html`` writes ``tabindex=""`` on section
labels. Overriding these would mean copying whole templates that change with every Material
release; the exact strings are fixed on the rendered page instead, and a test of every built page
(tests/browser/test_accessibility.py) fails if Material changes them.
"""

from __future__ import annotations

# Material's exact markup -> the same without the invalid attribute. Without ``autocomplete`` a
# browser may restore a toggle's state on "back": Material's script resets both on load anyway.
FIXES = (
    ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
    ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
    (' tabindex="">', ">"),
)


def valid_material_html(html: str) -> str:
    """``html`` as Material rendered it, less the attributes HTML does not allow there."""
    for wrong, right in FIXES:
        html = html.replace(wrong, right)
    return html
