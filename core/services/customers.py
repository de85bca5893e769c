"""One customer per phone or email, whichever channel they come from."""

from __future__ import annotations

import phonenumbers

from core.errors import InvalidContact
from core.models import Customer
from core.repositories.customers import CustomerRepository


def normalize_phone(raw: str) -> str:
    """E.164 (+14085551234), default region US; raises InvalidContact."""
    try:
        num = phonenumbers.parse(raw, "US")
    except phonenumbers.NumberParseException as exc:
        raise InvalidContact(f"{raw!r} is not a phone number.") from exc
    if not phonenumbers.is_possible_number(num):
        raise InvalidContact(f"{raw!r} is not a phone number.")
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)


async def resolve_customer(
    repo: CustomerRepository,
    *,
    station_id: str,
    phone: str | None = None,
    email: str | None = None,
    name: str | None = None,
    current: Customer | None = None,
    corrected: frozenset[str] = frozenset(),
) -> Customer:
    """Find the customer by phone, then email, then `current`; create one if none.
    Fills in missing details; never overwrites a known phone/email with another's,
    except the fields named in ``corrected`` ("phone", "email"): the customer typed
    them again to fix them, and one nobody else has replaces theirs."""
    phone = normalize_phone(phone) if phone else None
    email = email.strip().lower() if email else None
    found = None
    if phone:
        found = await repo.by_phone(phone)
    if found is None and email:
        found = await repo.by_email(email)
    if found is None and current is not None:
        # `current` may only adopt a phone/email nobody else has (checked above).
        found = current
    if found is None:
        found = await repo.add(Customer(station_id=station_id, phone=phone, email=email, name=name))
        return found
    if phone and (not found.phone or ("phone" in corrected and found is current)):
        found.phone = phone
    if email and (not found.email or "email" in corrected) and (await repo.by_email(email)) is None:
        found.email = email
    if name:
        found.name = name
    await repo.session.flush()
    return found
