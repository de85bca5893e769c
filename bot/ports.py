"""What the dialogue engine needs from the rest of the product (implemented by the
application layer over the booking core and the FAQ). The engine never sees SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from core.models import Booking, Station
from core.pricing import Quote
from core.services.availability import OpenDays, SlotStatus
from core.services.stations import Route


@dataclass(frozen=True, slots=True)
class FaqHit:
    answerable: bool
    answer: str | None
    score: float


@dataclass(frozen=True, slots=True)
class TurnInput:
    text: str
    channel: str  # sms | telegram | webchat
    now: datetime
    sender_phone: str | None = None  # SMS gives it
    display_name: str | None = None


class Ports(Protocol):
    business_name: str

    async def default_station(self) -> Station: ...
    async def route(self, zip_code: str) -> Route: ...
    async def quote(self, adults: int, kids: int, zip_code: str) -> Quote: ...
    async def slots(self, station: Station, day: date) -> list[SlotStatus]: ...
    async def open_days(self, station: Station, first: date, last: date) -> OpenDays: ...
    async def faq(self, text: str) -> FaqHit | None: ...
    async def lead_event(self, kind: str, details: dict[str, Any] | None = None) -> None: ...
    async def update_contact(
        self, *, name: str | None = None, phone: str | None = None, email: str | None = None
    ) -> None: ...
    async def create_booking(
        self, quote: Quote, station: Station, day: date, slot: str, address: str
    ) -> tuple[Booking, str | None]: ...
    async def upcoming_bookings(self) -> list[Booking]: ...
    async def cancel(self, booking_id: str) -> tuple[Booking, bool]: ...
    async def can_reschedule(self, booking_id: str) -> str | None: ...
    async def reschedule(self, booking_id: str, day: date, slot: str) -> Booking: ...
    async def can_change_party(self, booking_id: str) -> str | None: ...
    async def change_party(self, booking_id: str, quote: Quote) -> Booking: ...
    async def station_of(self, booking: Booking) -> Station: ...
