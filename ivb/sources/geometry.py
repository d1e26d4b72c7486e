"""Plane geometry on GeoJSON polygons, enough for a city map: bounds, point in polygon, ring winding.

Coordinates are WGS84 longitude and latitude; over a city the error of treating them as a plane is far
below the 100 m generalisation of the boundaries.
"""

from __future__ import annotations


def polygons(shape: dict) -> list:
    """The polygons of a GeoJSON Polygon or MultiPolygon, each a list of rings (outer ring first)."""
    if shape["type"] == "Polygon":
        return [shape["coordinates"]]
    if shape["type"] == "MultiPolygon":
        return list(shape["coordinates"])
    raise ValueError(f"geen polygoon: {shape['type']}")


def bounds(shape: dict) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) of a polygon or multipolygon."""
    points = [p for polygon in polygons(shape) for ring in polygon for p in ring]
    if not points:
        raise ValueError("lege geometrie")
    return min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points), max(p[1] for p in points)


def _in_ring(x: float, y: float, ring: list) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def contains(shape: dict, lon: float, lat: float) -> bool:
    """Whether the point lies inside the polygon (inside an outer ring and outside its holes)."""
    return any(_in_ring(lon, lat, polygon[0]) and not any(_in_ring(lon, lat, hole) for hole in polygon[1:])
               for polygon in polygons(shape))


def signed_area(ring: list) -> float:
    """Twice the signed area of a ring: positive when it runs counter-clockwise."""
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]))


def rewind_for_d3(shape: dict) -> dict:
    """The shape with clockwise outer rings and counter-clockwise holes, the winding d3-geo (Vega) expects.

    Standard GeoJSON (RFC 7946) winds the other way; d3 would then fill the whole globe but the polygon.
    """
    def wound(ring: list, clockwise: bool) -> list:
        return ring if (signed_area(ring) < 0) == clockwise else ring[::-1]

    rewound = [[wound(ring, i == 0) for i, ring in enumerate(polygon)] for polygon in polygons(shape)]
    if shape["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": rewound[0]}
    return {"type": "MultiPolygon", "coordinates": rewound}
