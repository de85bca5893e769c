"""One error family for the whole product; the HTTP layer renders them as
`{"error": code, "message": text}` with their status, the bot as a friendly reply."""

from __future__ import annotations

from datetime import date


class DomainError(Exception):
    code = "error"
    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidGuests(DomainError):
    code = "invalid_guests"
    status = 422


class PartyTooLarge(DomainError):
    code = "party_too_large"
    status = 422

    def __init__(self, guests: int, limit: int) -> None:
        super().__init__(
            f"{guests} guests is more than one chef can serve (up to {limit}); "
            "our team will plan a larger event with you."
        )
        self.guests = guests
        self.limit = limit


class UnknownZip(DomainError):
    code = "unknown_zip"
    status = 422

    def __init__(self, zip_code: str) -> None:
        super().__init__(f"{zip_code!r} is not a US zip code we know.")
        self.zip = zip_code


class OutOfArea(DomainError):
    code = "out_of_area"
    status = 422

    def __init__(self, zip_code: str) -> None:
        super().__init__(f"Zip {zip_code} is outside our service area.")
        self.zip = zip_code


class InvalidDate(DomainError):
    code = "invalid_date"
    status = 422


class DateTooSoon(InvalidDate):
    code = "date_too_soon"


class DateTooFar(InvalidDate):
    code = "date_too_far"


class DatePast(InvalidDate):
    code = "date_past"


class InvalidSlot(DomainError):
    code = "invalid_slot"
    status = 422


class SlotTaken(DomainError):
    code = "slot_taken"
    status = 409

    def __init__(self, day: date, time: str) -> None:
        super().__init__(f"No chef is free on {day.isoformat()} at {time}.")
        self.date = day
        self.time = time


class InvalidContact(DomainError):
    code = "invalid_contact"
    status = 422


class InvalidCursor(DomainError):
    """A list endpoint's ``cursor`` is not one the API handed out."""

    code = "invalid_cursor"
    status = 422


class NotFound(DomainError):
    code = "not_found"
    status = 404


class Conflict(DomainError):
    code = "conflict"
    status = 409


class Unauthorized(DomainError):
    code = "unauthorized"
    status = 401


class Forbidden(DomainError):
    code = "forbidden"
    status = 403


class RateLimited(DomainError):
    code = "rate_limited"
    status = 429
