"""Turn Natural Earth's 110m countries (world-atlas TopoJSON) into the map's static SVG paths.

Run once at development time; the result, cases/data/world_110m.json, is committed:

    npm pack world-atlas@2 && tar xzf world-atlas-2.*.tgz
    python manage.py build_world_map package/countries-110m.json

The shapes are public domain (Natural Earth). They are drawn in the Equal Earth projection,
which keeps areas true, rounded to a tenth of a pixel and thinned, so the page stays small.
Antarctica is left out: no case can happen there and it would take a fifth of the height.
"""

import itertools
import json
import math
from pathlib import Path

import pycountry
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

WIDTH = 960
MIN_STEP = 0.8  # pixels: points closer than this to the last kept one are dropped
SKIPPED_IDS = {"010"}  # Antarctica
OUTPUT = Path(settings.BASE_DIR) / "cases" / "data" / "world_110m.json"

# Equal Earth (Šavrič, Patterson and Jenny, 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon, lat):
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2, t6 = theta * theta, theta**6
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


def decode_arcs(topology):
    """Absolute [lon, lat] points of every arc (TopoJSON stores them quantised and delta-coded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points):
    """Keep a ring that crosses the antimeridian (Fiji) in one piece, running past 180°.

    Without this its edge would be drawn straight across the whole map; the part past the
    edge is cut off by the SVG's viewBox.
    """
    if all(abs(a[0] - b[0]) <= 180 for a, b in itertools.pairwise(points)):
        return points
    return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def alpha_2(numeric_id):
    country = pycountry.countries.get(numeric=numeric_id) if numeric_id else None
    return country.alpha_2 if country else ""


class Command(BaseCommand):
    help = "Build cases/data/world_110m.json from world-atlas's countries-110m.json."

    def add_arguments(self, parser):
        parser.add_argument("topojson", help="path to countries-110m.json")
        parser.add_argument("--output", default=str(OUTPUT))

    def handle(self, *args, topojson, output, **options):
        try:
            topology = json.loads(Path(topojson).read_text())
            arcs = decode_arcs(topology)
            geometries = topology["objects"]["countries"]["geometries"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            message = f"{topojson} is not a world-atlas countries file: {error}"
            raise CommandError(message) from error

        shapes = []
        for geometry in geometries:
            numeric = geometry.get("id")
            if numeric in SKIPPED_IDS:
                continue
            rings = [
                [equal_earth(lon, lat) for lon, lat in unwrap(ring_points(ring, arcs))]
                for polygon in polygons(geometry)
                for ring in polygon
            ]
            if rings:
                shapes.append((numeric, geometry.get("properties", {}).get("name", ""), rings))

        ys = [y for _n, _name, rings in shapes for ring in rings for _x, y in ring]
        left, right = equal_earth(-180, 0)[0], equal_earth(180, 0)[0]
        scale = WIDTH / (right - left)
        top = max(ys)
        height = round((max(ys) - min(ys)) * scale, 1)

        countries = []
        for numeric, name, rings in shapes:
            path = "".join(
                svg_ring([((x - left) * scale, (top - y) * scale) for x, y in ring])
                for ring in rings
            )
            if path:
                countries.append(
                    {"id": numeric or "", "code": alpha_2(numeric), "name": name, "d": path}
                )
        countries.sort(key=lambda country: country["name"])
        data = {
            "source": "Natural Earth 1:110m countries (public domain), via world-atlas 2",
            "projection": "Equal Earth",
            "width": WIDTH,
            "height": height,
            "countries": countries,
        }
        Path(output).write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False))
        self.stdout.write(f"Wrote {len(countries)} countries to {output}.")


def svg_ring(points):
    """A closed SVG subpath in relative steps, thinned to points at least MIN_STEP apart."""
    kept = [points[0]]
    for point in points[1:]:
        if math.dist(point, kept[-1]) >= MIN_STEP:
            kept.append(point)
    if len(kept) < 3:
        return ""
    # Steps between rounded points, so rounding never drifts along a long border.
    tenths = [(round(x * 10), round(y * 10)) for x, y in kept]
    steps = [(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(tenths)]
    return (
        f"M{_num(tenths[0][0])} {_num(tenths[0][1])}l"
        + " ".join(f"{_num(dx)} {_num(dy)}" for dx, dy in steps)
        + "z"
    )


def _num(tenths):
    """A length in tenths of a pixel, written as briefly as SVG allows (no 0., no .0)."""
    text = f"{tenths / 10:.1f}".rstrip("0").rstrip(".")
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text
