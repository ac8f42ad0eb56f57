"""Regenerate the site's world basemap from the npm package world-atlas (Natural Earth 1:110m).

    .venv/bin/python scripts/vendor_world_atlas.py [world-atlas-2.0.2.tgz]

Without an argument it runs ``npm pack world-atlas@2.0.2`` in a temporary folder. The tarball
must match the integrity npm publishes for that version (pinned below). ``land-110m.json`` is
read from it without unpacking; its TopoJSON arcs (quantized, delta-encoded) are decoded here,
projected with ``m4c_build.site.basemap.project`` (Equal Earth), simplified (Douglas-Peucker),
rounded, and written as one SVG path to ``m4c_build/vendor/world-atlas/``, with the licence.
Builds then only read that string. Run it again only to change the projection or the detail.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from m4c_build.site.basemap import HEIGHT, SOUTH, WIDTH, project  # noqa: E402

PACKAGE = "world-atlas@2.0.2"
INTEGRITY = "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="
"""``npm view world-atlas@2.0.2 dist.integrity``: the tarball we vendor from is that one."""
TARGET = REPO / "m4c_build" / "vendor" / "world-atlas"
TOLERANCE = 0.45
"""Douglas-Peucker tolerance in map units (the world is 1000 wide): below a pixel on a phone."""
MIN_AREA = 2.0
"""Islands smaller than this (map units²) are left out: they would be a dot under a marker."""

Ring = list[tuple[float, float]]


def npm_pack(folder: Path) -> Path:
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True, capture_output=True)
    return next(folder.glob("world-atlas-*.tgz"))


def check_integrity(tarball: Path) -> None:
    algorithm, expected = INTEGRITY.split("-", 1)
    digest = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        raise SystemExit(f"{tarball}: not the published {PACKAGE} ({algorithm} differs)")


def read_member(tarball: Path, name: str) -> bytes:
    with tarfile.open(tarball, "r:gz") as archive:
        member = archive.extractfile(f"package/{name}")
        if member is None:
            raise SystemExit(f"{tarball}: no package/{name}")
        return member.read()


def decode_arcs(topology: dict[str, object]) -> list[Ring]:
    """Arcs in degrees: each position is a delta from the previous one, in quantized units."""
    transform = topology["transform"]
    assert isinstance(transform, dict)
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:  # type: ignore[attr-defined]
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(indexes: list[int], arcs: list[Ring]) -> Ring:
    """A ring from arc indexes: ~i is arc i reversed; consecutive arcs share their end point."""
    points: Ring = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def land_rings(topology: dict[str, object]) -> list[Ring]:
    arcs = decode_arcs(topology)
    rings: list[Ring] = []
    for geometry in topology["objects"]["land"]["geometries"]:  # type: ignore[index]
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            rings.extend(ring_points(ring, arcs) for ring in polygon)
    return rings


def split_at_antimeridian(ring: Ring) -> list[Ring]:
    """A ring that crosses 180° (Chukotka, Wrangel, Fiji) as two rings, each closed along its
    side's edge: drawn flat, the crossing would be a line across the whole world."""
    jumps = [i for i in range(1, len(ring)) if abs(ring[i][0] - ring[i - 1][0]) > 180]
    if len(jumps) != 2:  # none; or Antarctica's one, which the view leaves out anyway
        return [ring]
    first, second = jumps
    pieces = [ring[first:second], ring[second:] + ring[1:first]]  # ring[0] == ring[-1]
    rings: list[Ring] = []
    for piece in pieces:
        side = 180.0 if sum(lon for lon, _ in piece) > 0 else -180.0
        rings.append([*piece, (side, piece[-1][1]), (side, piece[0][1]), piece[0]])
    return rings


def simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker, iterative (a long coast would overflow recursion)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = (dx * dx + dy * dy) ** 0.5
        far, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs(dy * (px - ax) - dx * (py - ay)) / length
            else:
                distance = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if distance > far:
                far, index = distance, i
        if index >= 0 and far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def area(points: Ring) -> float:
    return abs(sum(ax * by - bx * ay for (ax, ay), (bx, by) in zip(points, points[1:] + points[:1], strict=True))) / 2


def path_data(rings: list[Ring]) -> str:
    """One SVG path: absolute first point, then relative moves in whole map units (short)."""
    parts: list[str] = []
    for ring in rings:
        rounded = [(round(x), round(y)) for x, y in ring]
        deduped = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
        if len(deduped) > 1 and deduped[-1] == deduped[0]:
            deduped.pop()
        if len(deduped) < 3:
            continue
        (x, y), steps = deduped[0], []
        for nx, ny in deduped[1:]:
            steps.append(f"{nx - x} {ny - y}".replace(" -", "-"))
            x, y = nx, ny
        parts.append(f"M{deduped[0][0]} {deduped[0][1]}l" + " ".join(steps).replace(" -", "-") + "z")
    return "".join(parts)


def vendor(tarball: Path) -> None:
    check_integrity(tarball)
    topology = json.loads(read_member(tarball, "land-110m.json"))
    kept: list[Ring] = []
    for ring in (part for whole in land_rings(topology) for part in split_at_antimeridian(whole)):
        if max(lat for _, lat in ring) < SOUTH:  # Antarctica and its islands: outside the view
            continue
        projected = [project(max(lat, SOUTH - 2), lon) for lon, lat in ring]
        if area(projected) < MIN_AREA:
            continue
        kept.append(simplify(projected, TOLERANCE))
    TARGET.mkdir(parents=True, exist_ok=True)
    d = path_data(kept)
    data = {
        "source": f"Natural Earth 1:110m land (public domain), from the npm package {PACKAGE} "
                  "(ISC, Michael Bostock); projected with Equal Earth by scripts/vendor_world_atlas.py",
        "width": WIDTH, "height": round(HEIGHT, 2),
        "d": d,
    }
    (TARGET / "land-110m.equal-earth.json").write_text(json.dumps(data, ensure_ascii=False) + "\n",
                                                       encoding="utf-8")
    (TARGET / "LICENSE").write_bytes(read_member(tarball, "LICENSE"))
    print(f"{len(kept)} rings, {len(d)} characters of path -> {TARGET}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tarball", nargs="?", type=Path, help=f"the tarball of {PACKAGE} (default: npm pack)")
    args = parser.parse_args()
    if args.tarball:
        vendor(args.tarball)
        return
    with tempfile.TemporaryDirectory() as folder:
        vendor(npm_pack(Path(folder)))


if __name__ == "__main__":
    main()
