"""The quote engine: the only place prices are computed (integer cents)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from core.errors import InvalidGuests, PartyTooLarge
from core.models import Station

# Beyond this a number is not a guest count but a typo or a joke.
ABSURD_GUESTS = 10_000


@dataclass(frozen=True, slots=True)
class Quote:
    station: str
    zip: str
    miles: float
    adults: int
    kids: int
    food_cents: int
    food_billed_cents: int
    gratuity_cents: int
    travel_cents: int
    total_cents: int
    deposit_cents: int

    @property
    def minimum_applied(self) -> bool:
        return self.food_billed_cents > self.food_cents

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def validate_guests(station: Station, adults: int, kids: int) -> None:
    if adults < 1 or kids < 0 or adults + kids >= ABSURD_GUESTS:
        raise InvalidGuests(
            "A party needs at least 1 adult, and guest counts can't be negative."
            if adults + kids < ABSURD_GUESTS
            else f"{adults + kids} guests doesn't look right."
        )
    if adults + kids > station.max_guests:
        raise PartyTooLarge(adults + kids, station.max_guests)


def travel_cents(station: Station, miles: float) -> int:
    """The travel fee for a zip ``miles`` from the station's base."""
    return max(0, math.ceil(round(miles, 6)) - station.free_travel_mi) * station.per_mile_cents


def compute_quote(station: Station, zip_code: str, miles: float, adults: int, kids: int) -> Quote:
    validate_guests(station, adults, kids)
    food = adults * station.adult_cents + kids * station.kid_cents
    billed = max(food, station.minimum_cents)
    gratuity = round(billed * station.gratuity_pct / 100)
    travel = travel_cents(station, miles)
    return Quote(
        station=station.id,
        zip=zip_code,
        miles=round(miles, 2),
        adults=adults,
        kids=kids,
        food_cents=food,
        food_billed_cents=billed,
        gratuity_cents=gratuity,
        travel_cents=travel,
        total_cents=billed + gratuity + travel,
        deposit_cents=station.deposit_cents,
    )
