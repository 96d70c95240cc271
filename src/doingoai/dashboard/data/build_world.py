"""Build ``world.json`` (the bundled world outline) from Natural Earth's 1:110m countries.

Run once by a developer, not by the application or the tests:

    npm pack world-atlas@2 && tar xzf world-atlas-2.0.2.tgz
    python src/doingoai/dashboard/data/build_world.py package/countries-110m.json

world-atlas 2.0.2 (ISC licence) redistributes Natural Earth 4.1.0 (public
domain) as TopoJSON. The outline is then made to show what Viet Nam
recognises: Taiwan is part of China, Kosovo of Serbia, Northern Cyprus of
Cyprus, Somaliland of Somalia (their features join those countries, and the
lines between them are not drawn); the Hoàng Sa (Paracel) and Trường Sa
(Spratly) archipelagos, which this scale omits, are added to Viet Nam. The
output keeps, per country (ISO 3166-1 alpha-2), its rings in longitude and
latitude, and the lines to draw: coasts and borders between two countries.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pycountry

#: features that are part of another country for Viet Nam: numeric id or name → the country's code
JOINED = {"158": "CN", "Taiwan": "CN", "Kosovo": "RS", "N. Cyprus": "CY", "Somaliland": "SO"}
#: the islands of each archipelago (longitude, latitude), drawn as small diamonds of Viet Nam
ARCHIPELAGOS = {
    "Hoàng Sa": [(111.6, 16.5), (112.3, 16.8), (112.6, 16.3), (111.9, 16.0)],
    "Trường Sa": [(114.3, 10.4), (113.8, 9.9), (114.9, 10.0), (115.5, 9.6), (112.9, 8.6), (114.4, 11.4)],
}
ISLAND = 0.22  # half a diamond's width, in degrees


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * scale[0] + translate[0], 3), round(y * scale[1] + translate[1], 3)))
        out.append(points)
    return out


def _ring(indexes: list[int], arcs) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points if not ring else points[1:])
    return ring


def _code(geometry: dict) -> str:
    name, number = geometry.get("properties", {}).get("name", ""), geometry.get("id", "")
    if number in JOINED or name in JOINED:
        return JOINED.get(number) or JOINED[name]
    country = pycountry.countries.get(numeric=number) if number else None
    return country.alpha_2 if country else ""


def build(source: Path) -> dict:
    topology = json.loads(source.read_text())
    arcs = _arcs(topology)
    countries: dict[str, list] = {}
    users: dict[int, set[str]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = _code(geometry)
        if not code:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                countries.setdefault(code, []).append(_ring(ring, arcs))
                for index in ring:
                    users.setdefault(index if index >= 0 else ~index, set()).add(code)
    # a line is drawn where it is a coast (one country) or a border between two: not inside a country
    lines = [
        arcs[index] for index, codes in sorted(users.items()) if len(codes) != 1 or _coast(index, topology)
    ]
    for islands in ARCHIPELAGOS.values():
        for lon, lat in islands:
            diamond = [(lon, lat + ISLAND), (lon + ISLAND, lat), (lon, lat - ISLAND), (lon - ISLAND, lat)]
            countries["VN"].append([*diamond, diamond[0]])
            lines.append([*diamond, diamond[0]])
    return {
        "source": "Natural Earth 4.1.0 (1:110m, public domain) via world-atlas 2.0.2; see build_world.py",
        "archipelagos": {
            name: [round(sum(c) / len(c), 2) for c in zip(*islands, strict=True)]
            for name, islands in ARCHIPELAGOS.items()
        },
        "countries": countries,
        "lines": lines,
    }


def _coast(index: int, topology: dict) -> bool:
    """An arc used by one country's rings only once is its coast; used twice, it lies inside it."""
    count = 0
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        count += sum(
            1 for polygon in polygons for ring in polygon for i in ring if (i if i >= 0 else ~i) == index
        )
    return count == 1


if __name__ == "__main__":
    data = build(Path(sys.argv[1]))
    target = Path(__file__).with_name("world.json")
    target.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False))
    print(f"{target}: {len(data['countries'])} countries, {len(data['lines'])} lines")
