"""Zip routing: the nearest station whose service radius covers the zip."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from core.errors import OutOfArea, UnknownZip
from core.geo import haversine_mi, normalize_zip, zip_centroid
from core.models import Station


@dataclass(frozen=True, slots=True)
class Route:
    station: Station
    zip: str
    miles: float


def route_zip(stations: list[Station], raw_zip: str) -> Route:
    zip_code = normalize_zip(raw_zip)
    point = zip_centroid(zip_code) if zip_code else None
    if zip_code is None or point is None:
        raise UnknownZip(raw_zip)
    best: Route | None = None
    for st in stations:
        base = zip_centroid(st.base_zip)
        if base is None:
            continue
        miles = haversine_mi(point, base)
        if miles <= st.service_radius_mi and (best is None or miles < best.miles):
            best = Route(st, zip_code, miles)
    if best is None:
        raise OutOfArea(zip_code)
    return best


def station_tz(station: Station) -> ZoneInfo:
    return ZoneInfo(station.timezone)
