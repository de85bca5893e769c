"""A city named instead of a zip: every one of its zips is routed as a zip would be
(DOMAIN.md: nearest station whose radius covers it), against the real `zipcodes` data."""

from __future__ import annotations

import math

from core.geo import cities, fold_place
from core.models import Station
from core.pricing import travel_cents
from core.services.stations import route_city, route_zip, service_states


def _station(sid: str, base_zip: str) -> Station:
    return Station(id=sid, name=sid, base_zip=base_zip, timezone="America/Los_Angeles",
                   service_radius_mi=120, free_travel_mi=30, per_mile_cents=200, chefs=2)


STATIONS = [_station("sac", "95814"), _station("sj", "95112")]


def test_place_names_are_folded_for_comparison() -> None:
    assert fold_place("La Cañada-Flintridge") == "la canada flintridge"
    assert fold_place("  St. Helena ") == fold_place("Saint Helena") == "saint helena"
    assert fold_place("Mt Baldy") == "mount baldy"


def test_a_city_inside_the_radius_routes_every_zip_and_gives_the_fee_range() -> None:
    modesto = route_city(STATIONS, "modesto")
    assert modesto is not None and modesto.name == "Modesto" and modesto.whole
    assert {r.zip for r in modesto.routes} == {z for z, _ in cities("CA")["modesto"].zips}
    fees = [max(0, math.ceil(r.miles) - 30) * 200 for r in modesto.routes]
    assert modesto.travel_range() == (min(fees), max(fees)) == (4200, 6000)
    # each zip goes where route_zip would send it
    assert all(route_zip(STATIONS, r.zip).station.id == r.station.id for r in modesto.routes)


def test_a_city_at_the_edge_is_partly_served_and_one_far_away_not_at_all() -> None:
    fresno = route_city(STATIONS, "Fresno")
    assert fresno is not None and 0 < len(fresno.routes) < fresno.zips
    la = route_city(STATIONS, "los angeles")
    assert la is not None and la.routes == () and la.zips > 50


def test_a_place_we_do_not_know_is_none_and_only_street_zips_count() -> None:
    assert route_city(STATIONS, "atlantis") is None
    sj = cities("CA")["san jose"]
    # San Jose has PO box and single-business zips too; a party is at a street address.
    assert len(sj.zips) == 30 and all(z.startswith("951") for z, _ in sj.zips)


def test_the_service_states_come_from_the_bases() -> None:
    assert service_states(STATIONS) == ("CA",)
    assert service_states([_station("pdx", "97201")]) == ("OR",)
    # the fee rule the city's range uses is the quote engine's (53.05 miles: 24 x $2.00)
    r = route_zip(STATIONS, "95350")
    assert math.ceil(r.miles) == 54 and travel_cents(r.station, r.miles) == 4800
