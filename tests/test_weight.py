"""Page weight at scale: on a generated corpus, every page kind stays under the limit and does not
grow with the number of reports (long groups continue on numbered pages)."""

from __future__ import annotations

import sys

import pytest
from sitekit import REPO, Built, build_site, write_config

sys.path.insert(0, str(REPO / "benchmarks"))
from corpus import generate

LIMIT = 150_000
"""Bytes of HTML no generated page may exceed, at any size of the knowledge base (issue 11)."""
SMALL_PAGES = 5
"""A page size at which every group of the smaller corpus (18 cities, 8 years...) fills two
pages, so that the largest page of every kind, first or later, is already full there: a larger
corpus must not make it heavier."""
SIZES = (200, 400)
GROWTH = 1.1
"""How much heavier the largest page of a kind may be at twice the reports: texts are random, so
the largest page varies a little, but a page that lists its whole group would double."""


def kind(path: str) -> str:
    """The page kind of a built page's path ('themes/tourism/page/2/index.html' -> 'themes page N')."""
    parts = path.split("/")[:-1]
    if not parts:
        return "home"
    if parts == ["missions"]:
        return "catalogue"
    if len(parts) == 1:
        return f"{parts[0]} index"
    if len(parts) > 2 and parts[2] == "page":
        return f"{parts[0]} page N"
    return parts[0]


Weights = dict[str, tuple[int, str]]
"""Page kind -> (bytes, path) of its heaviest page."""


EDITOR = "admin/"
"""The web editor: a tool for authors, not a page of the knowledge base (test_editor.py)."""


def heaviest(built: Built) -> Weights:
    found: Weights = {}
    for page in built.site.rglob("index.html"):
        path = page.relative_to(built.site).as_posix()
        if path.startswith(EDITOR):
            continue
        weight = page.stat().st_size
        if weight > found.get(kind(path), (0, ""))[0]:
            found[kind(path)] = (weight, path)
    return found


@pytest.fixture(scope="module")
def weights(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Weights]:
    """The heaviest pages of the two corpora with small pages, and of the larger one with the
    default page size (where a theme's first page is full: 40 missions and their lessons)."""
    found = {}
    for count in SIZES:
        folder = tmp_path_factory.mktemp(f"corpus-{count}")
        generate(folder / "content", count)
        found[f"{count}"] = heaviest(build_site(write_config(folder, folder / "content", search=False,
                                                             page_size=SMALL_PAGES)))
    found["default"] = heaviest(build_site(write_config(folder, folder / "content", search=False)))
    return found


def test_every_page_kind_stays_under_the_limit(weights: dict[str, Weights]) -> None:
    for name, kinds in weights.items():
        paginated = {"themes page N"} if name == "default" else {"themes page N", "cities page N", "years page N"}
        paginated |= {"lessons index", "lessons"}  # the explorer: its first page and the others
        assert paginated <= set(kinds), f"groups are paginated ({name})"
        heavy = {kind: found for kind, found in kinds.items() if found[0] > LIMIT}
        assert heavy == {}, name
    assert weights["default"]["themes"][0] > 60_000, "a theme's first page is full"


def test_no_page_kind_grows_with_the_reports(weights: dict[str, Weights]) -> None:
    small, large = (weights[f"{count}"] for count in SIZES)
    assert set(small) == set(large)
    grown = {kind: (small[kind][0], large[kind][0]) for kind in small
             if large[kind][0] > small[kind][0] * GROWTH}
    assert grown == {}, f"largest page of each kind, in bytes, at {SIZES[0]} and {SIZES[1]} reports"
