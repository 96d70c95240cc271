"""The map of the foreign provinces, states and prefectures the province works with, where the data allow.

Each locality partner with an ISO 3166-2 code is a circle at its point
(``data/subdivision_points.json``, built by ``data/build_points.py`` from
GeoNames: the mean position of the division's cities, or its seat), sized by
the delegations naming it, a link to its page. The map is the world map's
outline and projection (``dashboard.world``), zoomed to the circles: the
same countries, the Hoàng Sa and Trường Sa archipelagos part of Viet Nam,
Biển Đông named, no boundary Viet Nam does not recognise. A division the
data cannot place is listed under the map, not guessed.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from django.utils.html import escape

from doingoai.dashboard import world

#: the smallest view, in the world map's units (about 15° of longitude), so that one circle has a context
MIN_WIDTH, ASPECT = 40.0, 0.62
#: circles' radii and labels in screen pixels, at a map 600 px wide (it is drawn 520 to 760 px wide)
SMALLEST, LARGEST, DRAWN_WIDTH = 4.0, 14.0, 600.0


@lru_cache(maxsize=1)
def points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code → (latitude, longitude)."""
    data = json.loads(
        resources.files("doingoai.partners").joinpath("data/subdivision_points.json").read_text("utf-8")
    )
    return {code: (lat, lon) for code, (lat, lon) in data["points"].items()}


@dataclass
class MapPoint:
    code: str
    name: str
    count: int
    url: str


def _view(placed: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in placed], [y for _, y in placed]
    width = max(MIN_WIDTH, (max(xs) - min(xs)) * 1.5)
    height = max(width * ASPECT, (max(ys) - min(ys)) * 1.5)
    width = max(width, height / ASPECT)
    return (min(xs) + max(xs) - width) / 2, (min(ys) + max(ys) - height) / 2, width, height


#: where "Biển Đông" may be written (longitude, latitude), all at sea: the first in view is used
SEA_LABEL_PLACES = ((113.0, 13.2), (110.4, 12.8), (112.8, 18.6), (115.5, 15.5), (110.5, 8.8), (117.0, 20.5))
#: the country of the page, its neighbours
LAND, OTHER_LAND = "#ffffff", "#e6e8eb"


def localities_map(partners: list[MapPoint], *, title: str, map_id: str, country: str = "") -> dict:
    """The SVG of ``partners`` placed on the map (``country`` drawn lighter), and those it cannot place."""
    known = points()
    placed = [
        (partner, world.project(known[partner.code][1], known[partner.code][0]))
        for partner in partners
        if partner.code in known
    ]
    missing = [partner for partner in partners if partner.code not in known]
    if not placed:
        return {"svg": "", "missing": missing}
    x0, y0, width, height = _view([xy for _, xy in placed])
    unit = width / DRAWN_WIDTH  # one screen pixel, in the map's units
    biggest = max(partner.count for partner, _ in placed) or 1
    shapes = [
        f'<use href="#country-{code}" fill="{LAND if code == country else OTHER_LAND}"/>'
        for code in world.outline()["countries"]
    ]
    circles, labels = [], []
    for partner, (x, y) in sorted(placed, key=lambda item: -item[0].count):
        radius = (SMALLEST + (LARGEST - SMALLEST) * math.sqrt(partner.count / biggest)) * unit
        fill = world.shade(partner.count, biggest) if partner.count else "#ffffff"
        text = f"{partner.name}: {partner.count} đoàn"
        circles.append(
            f'<a href="{escape(partner.url)}" aria-label="{escape(text)}">'
            f'<circle cx="{x:.2f}" cy="{y:.2f}" r="{radius:.2f}" fill="{fill}" class="map-point" '
            f'stroke-width="{unit:.3f}"><title>{escape(text)}</title></circle></a>'
        )
        labels.append(
            f'<text x="{x + radius + 2 * unit:.2f}" y="{y + 4 * unit:.2f}" class="map-point-label" '
            f'style="font-size:{11 * unit:.2f}px;stroke-width:{2.5 * unit:.2f}px">'
            f"{escape(partner.name)}</text>"
        )
    marks = []
    for name, (lon, lat) in world.outline()["archipelagos"].items():
        x, y = world.project(lon, lat)
        if x0 <= x <= x0 + width and y0 <= y <= y0 + height:
            # the label beside the islands, on the side where it fits in the view
            room = x + 80 * unit <= x0 + width
            marks.append(
                f'<text x="{x + (6 if room else -6) * unit:.2f}" y="{y:.2f}" class="map-island" '
                f'text-anchor="{"start" if room else "end"}" style="font-size:{9 * unit:.2f}px">'
                f"Q. đ. {escape(name)}</text>"
            )
    margin = 0.1
    for lon, lat in SEA_LABEL_PLACES:
        x, y = world.project(lon, lat)
        if (
            x0 + margin * width <= x <= x0 + (1 - margin) * width
            and y0 + margin * height <= y <= y0 + (1 - margin) * height
        ):
            marks.append(
                f'<text x="{x:.2f}" y="{y:.2f}" class="map-sea" style="font-size:{11 * unit:.2f}px">'
                "Biển Đông</text>"
            )
            break
    svg = (
        f'<svg viewBox="{x0:.2f} {y0:.2f} {width:.2f} {height:.2f}" role="group" '
        f'aria-labelledby="{map_id}-title" class="world-map localities-map" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{map_id}-title">{escape(title)}</title>'
        f'<rect x="{x0:.2f}" y="{y0:.2f}" width="{width:.2f}" height="{height:.2f}" class="map-sea-fill"/>'
        f'{"".join(shapes)}<use href="#map-lines" class="map-lines" fill="none" '
        f'style="stroke-width:{0.8 * unit:.3f}"/>{"".join(marks)}{"".join(circles)}{"".join(labels)}</svg>'
    )
    return {"svg": svg, "missing": missing}
