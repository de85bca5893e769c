"""Zip centroids (the `zipcodes` package) and great-circle distance."""

from __future__ import annotations

import math
import re
from functools import lru_cache

import zipcodes

EARTH_RADIUS_MI = 3958.8
_ZIP_RE = re.compile(r"^\s*(\d{5})(?:-\d{4})?\s*$")


def normalize_zip(raw: str) -> str | None:
    """'95112-1234' -> '95112'; anything that is not a 5-digit zip -> None."""
    m = _ZIP_RE.match(raw or "")
    return m.group(1) if m else None


@lru_cache(maxsize=4096)
def zip_centroid(zip_code: str) -> tuple[float, float] | None:
    """(lat, long) of a known US zip, else None."""
    try:
        found = zipcodes.matching(zip_code)
    except (TypeError, ValueError):
        return None
    if not found:
        return None
    return float(found[0]["lat"]), float(found[0]["long"])


def haversine_mi(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MI * math.asin(math.sqrt(h))
