"""Stripe gateway: the real SDK against the fake API, and webhook signature checks."""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import AsyncIterator

import pytest

from core.stripe_gateway import (
    InvalidStripeEvent,
    InvalidStripeSignature,
    PaymentGatewayError,
    StripeGateway,
)
from tests.fakes.credentials import STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET
from tests.fakes.stripe_server import FakeStripe, checkout_completed_event, signed_event


@pytest.fixture
async def gateway(stripe_fake: FakeStripe) -> AsyncIterator[StripeGateway]:
    gw = StripeGateway(STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, api_base=stripe_fake.base_url)
    yield gw
    await gw.close()


@pytest.fixture
async def verifier() -> AsyncIterator[StripeGateway]:
    gw = StripeGateway(STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)
    yield gw
    await gw.close()


async def test_deposit_checkout_session(stripe_fake: FakeStripe, gateway: StripeGateway) -> None:
    session_id, url = await gateway.create_deposit_checkout(
        booking_id="bk_123",
        amount_cents=10_000,
        description="Hibachi deposit — Sat May 10, 18:00",
        success_url="https://bot.example.com/pay/success?b=bk_123",
        cancel_url="https://bot.example.com/pay/cancel?b=bk_123",
        idempotency_key="deposit:bk_123",
    )
    assert session_id.startswith("cs_test_")
    assert url.startswith("https://checkout.stripe.com/")
    [request] = stripe_fake.received
    assert request.path == "/v1/checkout/sessions"
    assert request.headers["Idempotency-Key"] == "deposit:bk_123"
    assert request.form["metadata[booking_id]"] == "bk_123"
    assert request.form["payment_intent_data[metadata][booking_id]"] == "bk_123"
    assert request.form["line_items[0][price_data][unit_amount]"] == "10000"
    assert request.form["line_items[0][price_data][currency]"] == "usd"
    assert request.form["mode"] == "payment"
    assert stripe_fake.sessions[session_id]["metadata"] == {"booking_id": "bk_123"}


async def test_same_idempotency_key_same_session(gateway: StripeGateway) -> None:
    args = dict(
        booking_id="bk_9",
        amount_cents=10_000,
        description="Deposit",
        success_url="https://x.example/s",
        cancel_url="https://x.example/c",
        idempotency_key="deposit:bk_9",
    )
    first = await gateway.create_deposit_checkout(**args)  # type: ignore[arg-type]
    again = await gateway.create_deposit_checkout(**args)  # type: ignore[arg-type]
    assert first == again


async def test_refund(stripe_fake: FakeStripe, gateway: StripeGateway) -> None:
    refund_id = await gateway.refund("pi_abc", idempotency_key="refund:bk_123")
    assert refund_id.startswith("re_")
    [request] = stripe_fake.received
    assert request.path == "/v1/refunds"
    assert request.form == {"payment_intent": "pi_abc"}
    assert request.headers["Idempotency-Key"] == "refund:bk_123"


async def test_stripe_errors_are_classified(stripe_fake: FakeStripe) -> None:
    gw = StripeGateway(
        STRIPE_SECRET_KEY,
        STRIPE_WEBHOOK_SECRET,
        api_base=stripe_fake.base_url,
        max_network_retries=0,
    )
    try:
        stripe_fake.fail_next = [400]
        with pytest.raises(PaymentGatewayError) as bad:
            await gw.refund("pi_abc", idempotency_key="r1")
        assert not bad.value.retryable
        stripe_fake.fail_next = [500]
        with pytest.raises(PaymentGatewayError) as down:
            await gw.refund("pi_abc", idempotency_key="r2")
        assert down.value.retryable
    finally:
        await gw.close()
    wrong_key = StripeGateway("sk_test_wrong", STRIPE_WEBHOOK_SECRET, api_base=stripe_fake.base_url)
    try:
        with pytest.raises(PaymentGatewayError) as unauthorised:
            await wrong_key.refund("pi_abc", idempotency_key="r3")
        assert not unauthorised.value.retryable
        assert "sk_test_wrong" not in str(unauthorised.value)
    finally:
        await wrong_key.close()


async def test_signed_event_verifies(verifier: StripeGateway) -> None:
    gw = verifier
    payload, header = signed_event(checkout_completed_event("bk_123"), STRIPE_WEBHOOK_SECRET)
    event = gw.parse_event(payload, header)
    assert event.type == "checkout.session.completed"
    assert event.data.object["metadata"]["booking_id"] == "bk_123"


async def test_forged_stale_or_missing_signatures_refused(verifier: StripeGateway) -> None:
    gw = verifier
    event = checkout_completed_event("bk_123")
    payload, header = signed_event(event, "whsec_someone_else")
    with pytest.raises(InvalidStripeSignature):
        gw.parse_event(payload, header)
    payload, header = signed_event(event, STRIPE_WEBHOOK_SECRET)
    with pytest.raises(InvalidStripeSignature):
        gw.parse_event(payload.replace(b"bk_123", b"bk_999"), header)  # tampered body
    with pytest.raises(InvalidStripeSignature):
        gw.parse_event(payload, None)
    with pytest.raises(InvalidStripeSignature):
        gw.parse_event(payload, "")
    stale_payload, stale_header = signed_event(event, STRIPE_WEBHOOK_SECRET, timestamp=1_000_000)
    with pytest.raises(InvalidStripeSignature):
        gw.parse_event(stale_payload, stale_header)
    unconfigured = StripeGateway(STRIPE_SECRET_KEY, "")
    try:
        with pytest.raises(InvalidStripeSignature):
            unconfigured.parse_event(payload, header)
    finally:
        await unconfigured.close()


async def test_signed_garbage_is_not_an_event(verifier: StripeGateway) -> None:
    gw = verifier
    t = int(time.time())
    body = b"not json"
    mac = hmac.new(STRIPE_WEBHOOK_SECRET.encode(), f"{t}.".encode() + body, hashlib.sha256)
    with pytest.raises(InvalidStripeEvent):
        gw.parse_event(body, f"t={t},v1={mac.hexdigest()}")
