"""The world map of a year's delegations: an SVG drawn on the server from the bundled outline.

``data/world.json`` holds the countries' rings (longitude, latitude) and the
lines to draw, built by ``data/build_world.py`` from Natural Earth with the
Hoàng Sa and Trường Sa archipelagos part of Viet Nam and no boundary Viet
Nam does not recognise. The projection is equirectangular, cropped to the
inhabited latitudes. A country is shaded by its count in five classes of a
sequential palette that reads in greyscale and for colour-blind eyes; the
numbers are also in the table beside the map, and each country gone to is a
link to its delegations.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from django.utils.html import escape

from doingoai.extraction.normalize.places import country_name_vi

WIDTH, HEIGHT = 960, 470
NORTH, SOUTH, WEST, EAST = 84.0, -57.0, -170.0, 190.0
#: light to dark (cividis-like: ordered in lightness, distinguishable with any colour vision)
PALETTE = ("#fde9a9", "#f1c25a", "#c58f3a", "#7f6a4b", "#2b3a5c")
EMPTY = "#e6e8eb"
#: labels drawn in Viet Nam's sea: (text, longitude, latitude)
SEA_LABELS = (("Biển Đông", 113.0, 13.2),)


@lru_cache(maxsize=1)
def outline() -> dict:
    return json.loads(resources.files("doingoai.dashboard").joinpath("data/world.json").read_text("utf-8"))


def project(lon: float, lat: float) -> tuple[float, float]:
    """The map's equirectangular projection: a point's place in the 960 × 470 view."""
    if lon < WEST:
        lon += 360
    return (lon - WEST) / (EAST - WEST) * WIDTH, (NORTH - lat) / (NORTH - SOUTH) * HEIGHT


def _xy(lon: float, lat: float) -> tuple[int, int]:
    # whole units of a 960-wide view: finer would only make the page heavier
    x, y = project(lon, lat)
    return round(x), round(y)


def _points(line) -> list[tuple[int, int]]:
    if min(lon for lon, _ in line) < WEST:  # across the antimeridian (Chukotka): drawn east of it
        line = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in line]
    points: list[tuple[int, int]] = []
    for point in (_xy(lon, lat) for lon, lat in line):
        if not points or point != points[-1]:
            points.append(point)
    return points


def _polyline(line, *, closed: bool) -> str:
    """SVG path data of a line; a jump across the map (the antimeridian) starts a new piece."""
    out, previous = [], None
    for x, y in _points(line):
        jump = previous is None or abs(x - previous[0]) > WIDTH / 2
        out.append(f"{'M' if jump else 'L'}{x},{y}")
        previous = (x, y)
    return "".join(out) + ("Z" if closed and out else "")


def _path(rings) -> str:
    return "".join(_polyline(ring, closed=True) for ring in rings)


@dataclass
class MapCountry:
    code: str
    name: str
    count: int
    url: str
    shade: str


def shade(count: int, biggest: int) -> str:
    if count <= 0 or biggest <= 0:
        return EMPTY
    step = min(len(PALETTE) - 1, (count * len(PALETTE) - 1) // biggest)
    return PALETTE[step]


@lru_cache(maxsize=1)
def geometry() -> str:
    """The countries' shapes and the lines, once per page: each map draws them with ``<use>``."""
    data = outline()
    countries = data["countries"].items()
    shapes = "".join(f'<path id="country-{code}" d="{_path(rings)}"/>' for code, rings in countries)
    lines = "".join(_polyline(line, closed=False) for line in data["lines"])
    return (
        '<svg width="0" height="0" aria-hidden="true" focusable="false" class="map-defs" '
        f'xmlns="http://www.w3.org/2000/svg"><defs>{shapes}<path id="map-lines" d="{lines}"/></defs></svg>'
    )


def world_map(board, direction: str) -> dict:
    """The SVG of the countries gone to (``out``) or come from (``in``), and its legend."""
    counts = {figure.key: figure for figure in board.by_country_direction.get(direction, [])}
    biggest = max((figure.count for figure in counts.values()), default=0)
    data = outline()
    shapes = []
    for code in data["countries"]:
        figure = counts.get(code)
        name = country_name_vi(code)
        fill = shade(figure.count if figure else 0, biggest)
        use = f'<use href="#country-{code}" fill="{fill}" data-country="{code}">'
        if figure:
            title = f"{name}: {figure.count} đoàn"
            link = f'<a href="{escape(figure.url)}" aria-label="{escape(title)}">'
            shapes.append(f"{link}{use}<title>{escape(title)}</title></use></a>")
        else:
            shapes.append(f"{use}<title>{escape(name)}</title></use>")
    labels = []
    for name, (lon, lat) in data["archipelagos"].items():
        x, y = _xy(lon, lat)
        labels.append(f'<text x="{x + 6}" y="{y + 3}" class="map-island">Q. đ. {escape(name)}</text>')
    for text, lon, lat in SEA_LABELS:
        x, y = _xy(lon, lat)
        labels.append(f'<text x="{x}" y="{y}" class="map-sea">{escape(text)}</text>')
    title = "Các nước có đoàn ra" if direction == "out" else "Các nước có đoàn vào"
    svg = (
        f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" role="group" aria-labelledby="map-{direction}-title" '
        f'class="world-map" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="map-{direction}-title">{title} năm {board.year}</title>'
        f'<rect width="{WIDTH}" height="{HEIGHT}" class="map-sea-fill"/>'
        f'{"".join(shapes)}<use href="#map-lines" class="map-lines" fill="none"/>{"".join(labels)}</svg>'
    )
    return {"svg": svg, "legend": _legend(biggest), "direction": direction, "title": title}


def _legend(biggest: int) -> list[dict]:
    """The classes of the shading as they are drawn: each colour and the counts it stands for."""
    classes: dict[str, list[int]] = {}
    for count in range(1, biggest + 1):
        classes.setdefault(shade(count, biggest), []).append(count)
    return [
        {"colour": colour, "label": f"{counts[0]}" if len(counts) == 1 else f"{counts[0]}–{counts[-1]}"}
        for colour, counts in classes.items()
    ]
