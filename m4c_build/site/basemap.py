"""The world basemap: Natural Earth land, pre-projected, and the views templates draw cities on.

The land comes from ``m4c_build/vendor/world-atlas/`` (written once by
``scripts/vendor_world_atlas.py``): an SVG path in Equal Earth coordinates, so a build only reads
a string. Cities are projected here with the same function, so a marker lands where its coast is.
The map needs no tile server, no JavaScript and no other host; templates draw it as inline SVG.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

WIDTH = 1000.0
"""Width of the whole world in map units (the SVG's user units)."""
NORTH, SOUTH = 84.0, -58.0
"""Latitudes the world view shows: Antarctica is left out (no member city there)."""
ASPECT = 2.0
"""Width / height of the small maps of a city or a region."""

# Equal Earth (Šavrič, Patterson, Jenny 2018): equal-area, simple polynomials, pleasant shapes.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def _equal_earth(lat: float, lon: float) -> tuple[float, float]:
    """Equal Earth on a unit sphere: x east, y north, (0, 0) at 0°N 0°E."""
    theta = math.asin(_M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * math.radians(lon) * math.cos(theta) / (
        3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1))
    return x, theta * (_A4 * t6 * t2 + _A3 * t6 + _A2 * t2 + _A1)


_X_MAX = _equal_earth(0, 180)[0]
_Y_TOP = _equal_earth(NORTH, 0)[1]
_SCALE = WIDTH / (2 * _X_MAX)


def project(lat: float, lon: float) -> tuple[float, float]:
    """(x, y) in map units of a point given in degrees, as SVG wants them: x from 0 at 180°W to
    ``WIDTH`` at 180°E, y from 0 at ``NORTH`` growing southwards."""
    x, y = _equal_earth(lat, lon)
    return (x + _X_MAX) * _SCALE, (_Y_TOP - y) * _SCALE


HEIGHT = project(SOUTH, 0)[1]
"""Height of the world view in map units."""


@dataclass(frozen=True)
class Land:
    d: str
    """The land outlines as one SVG path (map units, whole numbers or one decimal)."""
    source: str
    """Where it comes from, for the licence note."""


@cache
def land() -> Land:
    """The vendored land path, read once per process."""
    folder = resources.files("m4c_build") / "vendor" / "world-atlas"
    data = json.loads((folder / "land-110m.equal-earth.json").read_text(encoding="utf-8"))
    return Land(d=data["d"], source=data["source"])


@dataclass(frozen=True)
class Marker:
    key: str
    x: float
    y: float
    highlighted: bool


@dataclass(frozen=True)
class View:
    """What a template draws: a window onto the world and the cities in it."""

    x: float
    y: float
    width: float
    height: float
    markers: tuple[Marker, ...]

    @property
    def box(self) -> str:
        """The SVG ``viewBox``."""
        return f"{self.x:.0f} {self.y:.0f} {self.width:.0f} {self.height:.0f}"

    @property
    def radius(self) -> float:
        """A marker's radius, the same share of the picture at every zoom."""
        return round(self.width / 120, 2)

    @property
    def land(self) -> str:
        return land().d


def world_view(places: Iterable[tuple[str, tuple[float, float]]],
               highlight: Iterable[str] = ()) -> View:
    """The whole world with a marker per (key, (lat, lon)); ``highlight`` marks some of them."""
    return View(0, 0, WIDTH, HEIGHT, _markers(places, set(highlight)))


def focus_view(places: Iterable[tuple[str, tuple[float, float]]], highlight: Iterable[str],
               min_width: float = WIDTH / 5) -> View:
    """A window of ratio ``ASPECT`` around the highlighted places (at least ``min_width`` wide,
    inside the world), with every place in it drawn: a city's neighbours stay visible."""
    markers = _markers(places, set(highlight))
    chosen = [m for m in markers if m.highlighted] or list(markers)
    if not chosen:
        return View(0, 0, WIDTH, HEIGHT, markers)
    left, right = min(m.x for m in chosen), max(m.x for m in chosen)
    top, bottom = min(m.y for m in chosen), max(m.y for m in chosen)
    width = max(min_width, (right - left) * 1.4, (bottom - top) * 1.4 * ASPECT)
    width = min(width, WIDTH, HEIGHT * ASPECT)
    height = width / ASPECT
    x = min(max((left + right - width) / 2, 0), WIDTH - width)
    y = min(max((top + bottom - height) / 2, 0), HEIGHT - height)
    return View(x, y, width, height, markers)


def _markers(places: Iterable[tuple[str, tuple[float, float]]], highlight: set[str]) -> tuple[Marker, ...]:
    """Highlighted markers come last, so they are drawn over their neighbours."""
    markers = []
    for key, (lat, lon) in places:
        x, y = project(lat, lon)
        markers.append(Marker(key, round(x, 1), round(y, 1), highlighted=key in highlight))
    return tuple(sorted(markers, key=lambda m: m.highlighted))


__all__ = ["ASPECT", "HEIGHT", "NORTH", "SOUTH", "WIDTH", "Land", "Marker", "View", "focus_view",
           "land", "project", "world_view"]
