"""The world basemap: drawn at build time as SVG, city markers as links, no tile server unless asked."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from sitekit import Built, Elements, base_report, build_site, report, write_config, write_content

from m4c_build.site import basemap

REPO = Path(__file__).resolve().parents[1]
FILES: dict[str, str | bytes] = {
    "missions/2024/2024-quebec.md": report(**base_report(title="Québec", city="quebec", date="2024-02-06")),
    "missions/2023/2023-evora.md": report(**base_report(title="Évora", city="evora", date="2023-05-10")),
    "missions/2025/2025-cuenca.md": report(**base_report(title="Cuenca", city="cuenca", date="2025-09-01")),
    "missions/2025/2025-kazan.md": report(**base_report(title="Kazan", city="kazan", date="2025-01-10",
                                                        status="draft")),
}
PUBLISHED = {"quebec", "evora", "cuenca"}
LOADED = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}
"""<link rel> values a browser fetches on load (canonical and alternate are only addresses)."""
TILES = "https://tiles.example.org/{z}/{x}/{y}.png"


def _site(folder: Path, options: str = "", may_fail: bool = False) -> Built:
    content = write_content(folder / "content", FILES)
    config = write_config(folder, content, search=False)
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      contact_email: programme@example.org\n",
                                   "      contact_email: programme@example.org\n" + options), encoding="utf-8")
    return build_site(config, may_fail=may_fail)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _site(tmp_path_factory.mktemp("maps"))


def svg(html: str) -> ET.Element:
    """The page's map, parsed as the XML it must be."""
    match = re.search(r'<svg class="m4c-worldmap__svg".*?</svg>', html, re.S)
    assert match, "no world map on the page"
    return ET.fromstring(match.group(0))


def view_box(element: ET.Element) -> tuple[float, float, float, float]:
    x, y, w, h = (float(v) for v in element.attrib["viewBox"].split())
    return x, y, w, h


def path_points(d: str) -> list[tuple[float, float]]:
    """The absolute points of a path written as the vendoring script writes it (M x y l dx dy …z)."""
    points: list[tuple[float, float]] = []
    for ring in re.findall(r"M([^l]+)l([^z]*)z", d):
        x, y = (float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", ring[0]))
        points.append((x, y))
        steps = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", ring[1])]
        for dx, dy in zip(steps[::2], steps[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
    return points


def test_projection_maps_the_world_onto_the_view() -> None:
    assert basemap.project(0, -180)[0] == pytest.approx(0)
    assert basemap.project(0, 180)[0] == pytest.approx(basemap.WIDTH)
    assert basemap.project(basemap.NORTH, 0)[1] == pytest.approx(0)
    assert basemap.project(basemap.SOUTH, 0)[1] == pytest.approx(basemap.HEIGHT)
    west, east = basemap.project(46.8, -71.2), basemap.project(38.6, -7.9)  # Québec, Évora
    assert west[0] < east[0] and west[1] < east[1]


def test_vendored_land_lies_inside_the_world_and_keeps_its_licence() -> None:
    points = path_points(basemap.land().d)
    assert len(points) > 1000
    assert all(-1 <= x <= basemap.WIDTH + 1 and -1 <= y <= basemap.HEIGHT + 3 for x, y in points)
    assert max(x for x, _ in points) - min(x for x, _ in points) > 0.9 * basemap.WIDTH
    assert "Natural Earth" in basemap.land().source
    assert (REPO / "m4c_build" / "vendor" / "world-atlas" / "LICENSE").is_file()


def test_home_map_links_every_city_with_a_published_mission(built: Built) -> None:
    html = built.html("")
    figure = svg(html)
    x0, y0, width, height = view_box(figure)
    # Named by its aria-label; no role (the Nu checker refuses role=group on svg).
    assert figure.attrib["aria-label"] and "role" not in figure.attrib
    (land,) = figure.findall("path")
    assert land.attrib["class"] == "m4c-worldmap__land" and len(land.attrib["d"]) > 5000
    links = figure.findall("a")
    assert {a.attrib["href"] for a in links} == {f"cities/{key}/" for key in PUBLISHED}
    for link in links:
        name = link.attrib["aria-label"]
        title = link.find("title")
        assert title is not None and title.text == name and "1 mission" in name
        circle = link.find("circle")
        assert circle is not None
        cx, cy = float(circle.attrib["cx"]), float(circle.attrib["cy"])
        assert x0 <= cx <= x0 + width and y0 <= cy <= y0 + height
    assert "Kazan" not in ET.tostring(figure, encoding="unicode"), "a draft's city is not drawn"


def test_city_page_highlights_its_city_and_links_no_other(built: Built) -> None:
    figure = svg(built.html("cities/quebec"))
    assert figure.findall("a") == []
    (current,) = figure.findall("g")
    assert "is-current" in current.attrib["class"] and current.attrib["aria-label"] == "Québec, Canada"
    circle = current.find("circle")
    assert circle is not None
    x0, y0, width, height = view_box(figure)
    assert width < basemap.WIDTH, "a city's map is a close-up"
    assert x0 <= float(circle.attrib["cx"]) <= x0 + width and y0 <= float(circle.attrib["cy"]) <= y0 + height


def test_region_page_links_the_region_cities(built: Built) -> None:
    figure = svg(built.html("regions/north-america"))
    links = figure.findall("a")
    assert [a.attrib["href"] for a in links] == ["../../cities/quebec/"]
    assert all("is-highlighted" in a.attrib["class"] for a in links)
    assert len(list(figure.iter("circle"))) == len(PUBLISHED), "the other cities stay as dots"


def test_default_config_loads_no_leaflet_and_nothing_from_another_host(built: Built) -> None:
    for page in built.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "leaflet" not in html.lower() and "m4c-map.js" not in html, page
        loaded = [attrs.get("src") or attrs.get("href") or "" for tag, attrs, _ in Elements(html).find()
                  if tag in ("script", "img", "iframe") or (tag == "link" and attrs.get("rel") in LOADED)]
        assert not [url for url in loaded if re.match(r"(https?:)?//", url)], page


def test_map_tiles_bring_the_map_script_only_on_pages_with_a_map(tmp_path: Path) -> None:
    built = _site(tmp_path, f"      map_tiles: '{TILES}'\n      map_attribution: © Tiles & co\n")
    for url in ("", "cities/quebec", "regions/north-america"):
        html = built.html(url)
        (tag,) = re.findall(r'<script src="[^"]*m4c-map\.js"[^>]*>', html)
        assert f'data-tiles="{TILES}"' in tag and 'data-attribution="© Tiles &amp; co"' in tag
        assert "leaflet" not in html.lower(), "Leaflet is loaded by the script, when the map shows"
    assert "m4c-map.js" not in built.html("missions")


def test_a_wrong_tile_template_is_a_configuration_error(tmp_path: Path,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):
        _site(tmp_path, "      map_tiles: tiles.example.org/{z}/{x}.png\n      map_attribution: x\n")
    assert "'tiles.example.org/{z}/{x}.png' is not a tile URL template" in caplog.text


def test_tiles_without_attribution_stop_the_build(tmp_path: Path) -> None:
    built = _site(tmp_path, f"      map_tiles: '{TILES}'\n", may_fail=True)
    assert built.failed
    assert any("map_tiles needs map_attribution" in line for line in built.log), built.log


def _vendoring_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("vendor_world_atlas", REPO / "scripts" / "vendor_world_atlas.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_topojson_arcs_are_decoded_from_deltas_and_reversed_by_complement() -> None:
    script = _vendoring_script()
    topology = {"transform": {"scale": [0.5, 2], "translate": [10, 20]},
                "arcs": [[[0, 0], [2, 0], [0, 1]], [[2, 1], [-2, -1]]],
                "objects": {"land": {"geometries": [{"type": "Polygon", "arcs": [[0, 1]]},
                                                    {"type": "MultiPolygon", "arcs": [[[~1, ~0]]]}]}}}
    square = [(10.0, 20.0), (11.0, 20.0), (11.0, 22.0), (10.0, 20.0)]
    assert script.land_rings(topology) == [square, square[::-1]]


def test_a_ring_across_the_antimeridian_becomes_two_closed_rings() -> None:
    script = _vendoring_script()
    ring = [(170.0, 10.0), (-170.0, 10.0), (-170.0, 20.0), (170.0, 20.0), (170.0, 10.0)]
    east, west = sorted(script.split_at_antimeridian(ring), key=lambda r: -r[0][0])
    assert all(lon > 0 for lon, _ in east) and all(lon < 0 for lon, _ in west)
    assert east[0] == east[-1] and west[0] == west[-1]
