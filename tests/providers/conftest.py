"""A container wired to the loopback Twilio, Telegram and Stripe servers, and helpers
that talk to our webhooks the way each provider does (signed)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import func, select

from core.models import Booking, InboxItem, Message, OutboxItem
from tests.fakes.credentials import (
    STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET,
    TELEGRAM_BOT_TOKEN,
    TELEGRAM_WEBHOOK_SECRET,
    TWILIO_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN,
    TWILIO_FROM_NUMBER,
)
from tests.fakes.stripe_server import FakeStripe, checkout_completed_event, signed_event
from tests.fakes.telegram_server import FakeTelegram
from tests.fakes.twilio_server import FakeTwilio, twilio_signature
from webhooks.container import Container
from webhooks.outbox_worker import deliver_due
from webhooks.providers import build_providers, close_providers

SMS_URL = "http://testserver/webhooks/twilio/sms"
CUSTOMER = "+14085550123"
NOW = datetime(2026, 11, 20, 10, 0)  # a Friday morning in San Jose


@dataclass
class Wired:
    c: Container
    http: httpx.AsyncClient
    twilio: FakeTwilio
    telegram: FakeTelegram
    stripe: FakeStripe
    _sid: int = 0

    async def sms(self, text: str, *, sender: str = CUSTOMER, sid: str | None = None, media: int = 0) -> httpx.Response:
        """POST what Twilio posts for an inbound SMS, signed like Twilio signs it."""
        self._sid += 1
        form = {
            "MessageSid": sid or f"SM{self._sid:032d}",
            "AccountSid": TWILIO_ACCOUNT_SID,
            "From": sender,
            "To": TWILIO_FROM_NUMBER,
            "Body": text,
            "NumMedia": str(media),
        }
        return await self.post_sms(form)

    async def post_sms(self, form: dict[str, str], signature: str | None = "sign") -> httpx.Response:
        headers = {}
        if signature == "sign":
            headers["X-Twilio-Signature"] = twilio_signature(TWILIO_AUTH_TOKEN, SMS_URL, form)
        elif signature is not None:
            headers["X-Twilio-Signature"] = signature
        return await self.http.post("/webhooks/twilio/sms", data=form, headers=headers)

    async def telegram_update(self, update: dict[str, Any], secret: str | None = TELEGRAM_WEBHOOK_SECRET) -> httpx.Response:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
        return await self.http.post("/webhooks/telegram", json=update, headers=headers)

    async def stripe_paid(self, booking: Booking, *, event_id: str | None = None) -> tuple[httpx.Response, bytes, str]:
        event = checkout_completed_event(
            str(booking.id), session_id=booking.checkout_session_id, event_id=event_id
        )
        body, sig = signed_event(event, STRIPE_WEBHOOK_SECRET)
        r = await self.post_stripe(body, sig)
        return r, body, sig

    async def post_stripe(self, body: bytes, sig: str | None) -> httpx.Response:
        headers = {"Content-Type": "application/json"}
        if sig:
            headers["Stripe-Signature"] = sig
        return await self.http.post("/webhooks/stripe", content=body, headers=headers)

    async def deliver(self) -> int:
        return await deliver_due(self.c)

    async def count(self, model: Any) -> int:
        async with self.c.uow() as uow:
            return int(await uow.session.scalar(select(func.count()).select_from(model)) or 0)

    async def counts(self) -> dict[str, int]:
        return {m.__tablename__: await self.count(m) for m in (InboxItem, Message, OutboxItem, Booking)}

    async def bookings(self) -> list[Booking]:
        async with self.c.uow() as uow:
            return list((await uow.session.scalars(select(Booking))).all())


def twiml_messages(body: str) -> list[str]:
    """The texts of a TwiML response's <Message> elements."""
    root = ET.fromstring(body)
    return [m.text or "" for m in root.iter("Message")]


@pytest.fixture
async def wired(
    db: Container,
    client: httpx.AsyncClient,
    set_now: Any,
    twilio_fake: FakeTwilio,
    telegram_fake: FakeTelegram,
    stripe_fake: FakeStripe,
) -> AsyncIterator[Wired]:
    saved = (db.settings, db.sms, db.telegram, db.stripe, dict(db.extras))
    db.settings = db.settings.model_copy(update={
        "twilio_account_sid": TWILIO_ACCOUNT_SID,
        "twilio_auth_token": SecretStr(TWILIO_AUTH_TOKEN),
        "twilio_from_number": TWILIO_FROM_NUMBER,
        "twilio_api_base": twilio_fake.base_url,
        "telegram_bot_token": SecretStr(TELEGRAM_BOT_TOKEN),
        "telegram_webhook_secret": SecretStr(TELEGRAM_WEBHOOK_SECRET),
        "telegram_api_base": telegram_fake.base_url,
        "stripe_secret_key": SecretStr(STRIPE_SECRET_KEY),
        "stripe_webhook_secret": SecretStr(STRIPE_WEBHOOK_SECRET),
        "stripe_api_base": stripe_fake.base_url,
    })
    build_providers(db)
    set_now(NOW)
    try:
        yield Wired(db, client, twilio_fake, telegram_fake, stripe_fake)
    finally:
        await close_providers(db)
        db.settings, db.sms, db.telegram, db.stripe, extras = saved
        db.extras.clear()
        db.extras.update(extras)
