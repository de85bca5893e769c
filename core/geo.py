"""Zip centroids (the `zipcodes` package) and great-circle distance."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from functools import lru_cache
from typing import Any, NamedTuple

import zipcodes

EARTH_RADIUS_MI = 3958.8
_ZIP_RE = re.compile(r"^\s*(\d{5})(?:-\d{4})?\s*$")


def normalize_zip(raw: str) -> str | None:
    """'95112-1234' -> '95112'; anything that is not a 5-digit zip -> None."""
    m = _ZIP_RE.match(raw or "")
    return m.group(1) if m else None


@lru_cache(maxsize=4096)
def _zip_row(zip_code: str) -> dict[str, Any] | None:
    """The `zipcodes` record of a known US zip (a scan of its table: cached)."""
    try:
        found = zipcodes.matching(zip_code)
    except (TypeError, ValueError):
        return None
    return dict(found[0]) if found else None


def zip_centroid(zip_code: str) -> tuple[float, float] | None:
    """(lat, long) of a known US zip, else None."""
    row = _zip_row(zip_code)
    return (float(row["lat"]), float(row["long"])) if row else None


def zip_state(zip_code: str) -> str | None:
    """Two-letter state of a known zip."""
    row = _zip_row(zip_code)
    return str(row["state"]) if row else None


def haversine_mi(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1 = map(math.radians, a)
    lat2, lon2 = map(math.radians, b)
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MI * math.asin(math.sqrt(h))


# Written either way by customers and by the USPS itself ("Saint Helena", "Mt Baldy").
_PLACE_ABBREVIATIONS = {"st": "saint", "mt": "mount", "ft": "fort"}


def fold_place(text: str) -> str:
    """A place name as compared: lower case, accents and punctuation dropped, "st"/"mt"/
    "ft" spelled out ("La Cañada-Flintridge" -> "la canada flintridge", "St. Helena" ->
    "saint helena")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(_PLACE_ABBREVIATIONS.get(w, w) for w in re.findall(r"[a-z]+", plain.lower()))


class City(NamedTuple):
    """A city as the USPS names it, with its zips and their centroids."""

    name: str
    zips: tuple[tuple[str, tuple[float, float]], ...]


@lru_cache(maxsize=8)
def cities(state: str) -> dict[str, City]:
    """The cities of a state by folded name. Their zips are the street-delivery ones where
    the city has any (a party is at a street address, not a PO box)."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for z in zipcodes.filter_by(state=state):
        if z.get("active", True):
            rows[fold_place(z["city"])].append(z)
    out: dict[str, City] = {}
    for key, found in rows.items():
        standard = [z for z in found if z["zip_code_type"] == "STANDARD"] or found
        out[key] = City(found[0]["city"], tuple(
            sorted((z["zip_code"], (float(z["lat"]), float(z["long"]))) for z in standard)))
    return out
