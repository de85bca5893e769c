"""Zip routing: the nearest station whose service radius covers the zip (and each zip of a
named city)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from core.errors import OutOfArea, UnknownZip
from core.geo import cities, fold_place, haversine_mi, normalize_zip, zip_centroid, zip_state
from core.models import Station
from core.pricing import travel_cents


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
    best = _nearest(stations, zip_code, point)
    if best is None:
        raise OutOfArea(zip_code)
    return best


def _nearest(stations: list[Station], zip_code: str, point: tuple[float, float]) -> Route | None:
    best: Route | None = None
    for st in stations:
        base = zip_centroid(st.base_zip)
        if base is None:
            continue
        miles = haversine_mi(point, base)
        if miles <= st.service_radius_mi and (best is None or miles < best.miles):
            best = Route(st, zip_code, miles)
    return best


@dataclass(frozen=True, slots=True)
class CityRoute:
    """A city a customer named ("we're in oakland"): its zips we serve, of all its zips."""

    name: str  # the USPS spelling, for replies
    routes: tuple[Route, ...]
    zips: int

    @property
    def whole(self) -> bool:
        return len(self.routes) == self.zips

    def travel_range(self) -> tuple[int, int]:
        """The lowest and highest travel fee among the city's zips we serve."""
        fees = [travel_cents(r.station, r.miles) for r in self.routes]
        return min(fees), max(fees)


def service_states(stations: list[Station]) -> tuple[str, ...]:
    """The states the stations' bases are in (where a named city is looked up)."""
    return tuple(sorted({s for st in stations if (s := zip_state(st.base_zip))}))


def city_names(stations: list[Station]) -> frozenset[str]:
    """Folded names of every city in the service states ("san jose", "walnut creek")."""
    return _names_in(service_states(stations))


@lru_cache(maxsize=8)
def _names_in(states: tuple[str, ...]) -> frozenset[str]:  # read on most turns: built once
    return frozenset(name for state in states for name in cities(state))


def route_city(stations: list[Station], name: str) -> CityRoute | None:
    """Each of the city's zips routed as a zip would be; None for a city we do not know."""
    found = [c for state in service_states(stations) if (c := cities(state).get(fold_place(name)))]
    if not found:
        return None
    zips = [z for c in found for z in c.zips]
    routes = tuple(r for zip_code, point in zips if (r := _nearest(stations, zip_code, point)))
    return CityRoute(found[0].name, routes, len(zips))


def station_tz(station: Station) -> ZoneInfo:
    return ZoneInfo(station.timezone)
