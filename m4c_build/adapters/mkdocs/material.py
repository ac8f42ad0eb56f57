"""Material's own markup made valid HTML where no template block reaches it, and its script kept
from fetching addresses that do not exist.

Material writes its two toggles (``__drawer``, ``__search``) straight into ``base.html``, outside
any block, with ``autocomplete="off"``, which HTML allows on text-like inputs only (the Nu checker
reports it on every page); and its ``partials/nav-item.html`` writes ``tabindex=""`` on section
labels. Overriding these would mean copying whole templates that change with every Material
release; the exact strings are fixed on the rendered page instead, and a test of every built page
(tests/browser/test_accessibility.py) fails if Material changes them.
"""

from __future__ import annotations

from pathlib import Path

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


ALTERNATE_SITEMAPS = ('"link[rel=alternate]"', '"link[rel=alternate][data-m4c-sitemap]"')
"""Material's script fetches ``sitemap.xml`` next to the address of every ``<link rel=alternate>``
of a page, expecting each language's root there (``extra.alternate`` as Material's docs set it),
to map the page to its version in that language. m4c's hreflang links name the page's own
versions, as search engines want them, and its switcher already links each page to them: those
fetches would ask for ``<page>/sitemap.xml``, missing, on every page a visitor opens (four
failed requests, each answered by the 404 page). The build narrows Material's selector so that
it matches no link; nothing else in Material reads it."""


def quiet_alternate_sitemaps(site_dir: Path) -> bool:
    """Narrow the selector in the site's copy of Material's script; False when the script does
    not hold it (another Material release: the caller warns)."""
    wrong, right = ALTERNATE_SITEMAPS
    found = False
    for script in (site_dir / "assets" / "javascripts").glob("bundle.*.min.js"):
        text = script.read_text(encoding="utf-8")
        if text.count(wrong) == 1:
            script.write_text(text.replace(wrong, right), encoding="utf-8")
            found = True
        elif right in text:  # a preview's rebuild: MkDocs kept the copy it had
            found = True
    return found
