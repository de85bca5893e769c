"""Request and response shapes of the public HTTP contract."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from core.models import Booking, Customer
from core.text import clean_strings


class Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _clean(cls, data: Any) -> Any:
        # NUL and stray control characters: PostgreSQL refuses the first, XML the rest.
        return clean_strings(data)


class QuoteIn(Strict):
    adults: int = Field(ge=-1_000_000, le=1_000_000)
    kids: int = Field(default=0, ge=-1_000_000, le=1_000_000)
    zip: str = Field(max_length=20)


class CustomerIn(Strict):
    name: str = Field(min_length=1, max_length=200)
    phone: str = Field(min_length=3, max_length=40)
    email: str | None = Field(default=None, max_length=320)


class BookingIn(Strict):
    adults: int = Field(ge=-1_000_000, le=1_000_000)
    kids: int = Field(default=0, ge=-1_000_000, le=1_000_000)
    zip: str = Field(max_length=20)
    date: date
    time: str = Field(pattern=r"^\d{1,2}:\d{2}$")
    address: str = Field(min_length=3, max_length=500)
    customer: CustomerIn


def customer_json(c: Customer | None) -> dict[str, Any]:
    """Always the contract's object: fields are null while the customer is not yet known
    (a web-chat visitor who has given no contact details), so callers can read
    ``customer.name`` without a None check."""
    if c is None:
        return {"id": None, "name": None, "phone": None, "email": None}
    return {"id": str(c.id), "name": c.name, "phone": c.phone, "email": c.email}


def booking_json(b: Booking, c: Customer) -> dict[str, Any]:
    return {**booking_fields(b), "customer": customer_json(c)}


def booking_fields(b: Booking) -> dict[str, Any]:
    """A booking as the API shows it, without its customer."""
    return {
        "id": str(b.id),
        "status": b.status,
        "station": b.station_id,
        "date": b.event_date.isoformat(),
        "time": b.slot,
        "adults": b.adults,
        "kids": b.kids,
        "zip": b.zip,
        "address": b.address,
        "miles": b.miles,
        "food_cents": b.food_cents,
        "food_billed_cents": b.food_billed_cents,
        "gratuity_cents": b.gratuity_cents,
        "travel_cents": b.travel_cents,
        "total_cents": b.total_cents,
        "deposit_cents": b.deposit_cents,
        "hold_expires_at": b.hold_expires_at.isoformat() if b.hold_expires_at else None,
        "cancel_reason": b.cancel_reason,
        "notes": b.notes,
        "checkout_url": b.checkout_url,
        "channel": b.channel,
        "created_at": b.created_at.isoformat() if b.created_at else None,
    }
