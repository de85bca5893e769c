"""Stripe webhooks that are correctly signed but malformed: 400 JSON, nothing written.

Every body below is signed with the real webhook secret (as a compromised or buggy
sender could), so only the shape of the event can refuse it, never a 500."""

from __future__ import annotations

import copy
import hashlib
import hmac
import time
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from core.models import OutboxItem, Payment, ProviderEvent
from tests.fakes.credentials import STRIPE_WEBHOOK_SECRET
from tests.fakes.stripe_server import checkout_completed_event, signed_event
from tests.providers.conftest import Wired
from tests.providers.test_sms_webhook import book_over_sms

EVENT_ID = "evt_malformed_then_good"

Edit = Callable[[dict[str, Any]], Any]


def _drop(key: str) -> Edit:
    return lambda e: e.pop(key)


def _set_obj(key: str, value: Any) -> Edit:
    return lambda e: e["data"]["object"].__setitem__(key, value)


MALFORMED: dict[str, Edit] = {
    "no data": _drop("data"),
    "no data.object": lambda e: e["data"].pop("object"),
    "data.object a string": lambda e: e["data"].__setitem__("object", "cs_test_123"),
    "data a list": lambda e: e.__setitem__("data", [1, 2]),
    "metadata a string": _set_obj("metadata", "booking"),
    "amount_total a string": _set_obj("amount_total", "abc"),
    "amount_total too big for the database": _set_obj("amount_total", 1.5e30),
    "amount_total an int too big for the database": _set_obj("amount_total", 2**40),
    "amount_total a fraction": _set_obj("amount_total", 99.5),
    "amount_total negative": _set_obj("amount_total", -100),
    "amount_total a boolean": _set_obj("amount_total", True),
    "no type": _drop("type"),
    "no id": _drop("id"),
    "id a number": lambda e: e.__setitem__("id", 12),
    "session without an id": lambda e: e["data"]["object"].pop("id"),
    # JSON can carry text PostgreSQL cannot store; Stripe ids are plain ASCII.
    "id with a lone surrogate": lambda e: e.__setitem__("id", "evt_\ud800"),
    "id with U+0000": lambda e: e.__setitem__("id", "evt_\u0000"),
    "payment_intent with a lone surrogate": _set_obj("payment_intent", "pi_\udfff"),
    "payment_intent a number": _set_obj("payment_intent", 7),
}


async def _written(w: Wired) -> dict[str, int]:
    async with w.c.uow() as uow:
        s = uow.session
        return {
            m.__tablename__: int(await s.scalar(select(func.count()).select_from(m)) or 0)
            for m in (Payment, ProviderEvent, OutboxItem)
        }


async def test_signed_malformed_events_are_400_and_write_nothing(wired: Wired) -> None:
    await book_over_sms(wired)
    [booking] = await wired.bookings()
    good = checkout_completed_event(
        str(booking.id), session_id=booking.checkout_session_id, event_id=EVENT_ID
    )
    before = await _written(wired)
    refused: dict[str, tuple[int, Any]] = {}
    for case, edit in MALFORMED.items():
        event = copy.deepcopy(good)
        edit(event)
        body, sig = signed_event(event, STRIPE_WEBHOOK_SECRET)
        r = await wired.post_stripe(body, sig)
        refused[case] = (r.status_code, r.json())
    for case, (status, payload) in refused.items():
        assert status == 400, (case, status, payload)
        assert payload["error"] == "invalid_event", (case, payload)
        assert isinstance(payload["message"], str) and payload["message"], case
    assert await _written(wired) == before
    [booking] = await wired.bookings()
    assert booking.status == "pending_deposit"

    # Refusals claimed nothing: the well-formed event with the same id still applies.
    body, sig = signed_event(good, STRIPE_WEBHOOK_SECRET)
    r = await wired.post_stripe(body, sig)
    assert r.status_code == 200 and r.json()["applied"] is True
    [booking] = await wired.bookings()
    assert booking.status == "deposit_paid"
    async with wired.c.uow() as uow:
        [payment] = (await uow.session.scalars(select(Payment))).all()
    assert payment.amount_cents == 10_000


@pytest.mark.parametrize(
    "raw",
    [b"[1,2]", b'"an event"', b"42", b"null", b"not json", b"{}", '{"id": "evt_\u00e9"'.encode()],
    ids=["list", "string", "number", "null", "not-json", "empty-object", "truncated"],
)
async def test_signed_bodies_that_are_not_events_are_400_json(wired: Wired, raw: bytes) -> None:
    body, sig = _sign_raw(raw)
    r = await wired.post_stripe(body, sig)
    assert r.status_code == 400, r.text
    assert r.json()["error"] == "invalid_event"
    assert (await _written(wired))["provider_events"] == 0


async def test_signature_is_checked_before_the_body_is_read(wired: Wired) -> None:
    body, _ = _sign_raw(b"[1,2]")
    r = await wired.post_stripe(body, "t=1,v1=" + "0" * 64)
    assert r.status_code == 400 and r.json()["error"] == "bad_signature"
    r = await wired.post_stripe(body, None)
    assert r.status_code == 400 and r.json()["error"] == "bad_signature"


async def test_well_formed_event_of_another_type_is_acknowledged(wired: Wired) -> None:
    event = checkout_completed_event("not-a-booking")
    event["type"] = "payment_intent.created"
    event["data"]["object"]["metadata"] = "unread for this type"
    body, sig = signed_event(event, STRIPE_WEBHOOK_SECRET)
    r = await wired.post_stripe(body, sig)
    assert r.status_code == 200 and r.json() == {"received": True}


async def test_checkout_without_amount_or_booking_is_still_acknowledged(wired: Wired) -> None:
    event = checkout_completed_event("not-a-uuid")
    event["data"]["object"]["amount_total"] = None  # nullable in Stripe's API
    event["data"]["object"]["metadata"] = None
    body, sig = signed_event(event, STRIPE_WEBHOOK_SECRET)
    r = await wired.post_stripe(body, sig)
    assert r.status_code == 200 and r.json() == {"received": True, "ignored": "no booking_id"}


def _sign_raw(raw: bytes) -> tuple[bytes, str]:
    """Sign bytes that are not necessarily an event (signed_event takes a dict)."""
    t = int(time.time())
    mac = hmac.new(STRIPE_WEBHOOK_SECRET.encode(), f"{t}.".encode() + raw, hashlib.sha256)
    return raw, f"t={t},v1={mac.hexdigest()}"

