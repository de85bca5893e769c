"""Provider webhooks: Twilio SMS, Telegram, Stripe.

Each one verifies the provider's signature before reading anything else (no secret
configured = endpoint disabled, fail closed), then hands the message to
``webhooks.turns.process_message`` (inbox → lock → engine → one commit)."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response

from channels.sms import parse_twilio_form, render_twiml, verify_twilio_signature
from channels.telegram_auth import verify_telegram_secret
from core.config import secret
from core.stripe_gateway import InvalidStripeEvent, InvalidStripeSignature, paid_checkout
from webhooks import metrics
from webhooks.container import Container
from webhooks.deposits import apply_deposit
from webhooks.deps import get_container
from webhooks.errors import error_response
from webhooks.turns import process_message

log = logging.getLogger(__name__)
router = APIRouter()


def _signed_url(c: Container, request: Request) -> str:
    """The URL Twilio signed: PUBLIC_BASE_URL + path (+ query), as Twilio called it."""
    base = c.settings.public_base_url
    if not base:
        return str(request.url)
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{base.rstrip('/')}{request.url.path}{query}"


def _refused(channel: str, status: int, code: str, message: str) -> JSONResponse:
    metrics.INBOUND.labels(channel, "refused").inc()
    return error_response(status, code, message)


@router.post("/webhooks/twilio/sms")
async def twilio_sms(request: Request, c: Container = Depends(get_container)) -> Response:
    token = secret(c.settings.twilio_auth_token)
    if not token:
        return _refused("sms", 403, "channel_disabled", "SMS is not configured.")
    form = await request.form()
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    if not verify_twilio_signature(token, _signed_url(c, request), fields, request.headers.get("X-Twilio-Signature")):
        log.warning("twilio: refused a request with a missing or wrong signature")
        return _refused("sms", 403, "bad_signature", "X-Twilio-Signature does not verify.")
    try:
        msg = parse_twilio_form(fields, c.now())
    except ValueError as exc:
        return _refused("sms", 400, "bad_request", str(exc))
    outcome = await process_message(c, msg)
    return Response(render_twiml(outcome.replies), media_type="text/xml")


@router.post("/webhooks/telegram")
async def telegram(request: Request, c: Container = Depends(get_container)) -> Response:
    expected = secret(c.settings.telegram_webhook_secret)
    if c.telegram is None or not verify_telegram_secret(
        expected, request.headers.get("X-Telegram-Bot-Api-Secret-Token")
    ):
        return _refused("telegram", 403, "bad_secret", "Telegram secret token does not match.")
    try:
        data: Any = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        return _refused("telegram", 400, "bad_request", "Body is not JSON.")
    if not isinstance(data, dict):
        return _refused("telegram", 400, "bad_request", "Body is not a Telegram Update.")
    # Loaded here, not at import: only a configured Telegram bot needs aiogram.
    from channels.telegram import parse_telegram_update

    try:
        msg = parse_telegram_update(data, c.now())
    except ValueError:
        return _refused("telegram", 400, "bad_request", "Body is not a Telegram Update.")
    if msg is not None:
        await process_message(c, msg)  # replies leave through the outbox
        if msg.callback_query_id:
            await c.telegram.answer_callback_query(msg.callback_query_id)
    return JSONResponse({"ok": True})


@router.post("/webhooks/stripe")
async def stripe_webhook(request: Request, c: Container = Depends(get_container)) -> Response:
    if c.stripe is None:
        return error_response(400, "stripe_disabled", "Stripe is not configured.")
    payload = await request.body()
    try:
        event = c.stripe.parse_event(payload, request.headers.get("Stripe-Signature"))
        if event.type != "checkout.session.completed":
            return JSONResponse({"received": True})
        paid = paid_checkout(event)
    except InvalidStripeSignature as exc:
        log.warning("stripe: refused a webhook: %s", exc)
        return error_response(400, "bad_signature", str(exc))
    except InvalidStripeEvent as exc:  # signed, but not an event we can read: nothing written
        log.warning("stripe: refused a signed but malformed webhook: %s", exc)
        return error_response(400, "invalid_event", f"Not a well-formed Stripe event: {exc}.")
    try:
        booking_id = uuid.UUID(paid.booking_ref or "")
    except ValueError:
        log.info("stripe: checkout %s names no booking; ignored", paid.session_id)
        return JSONResponse({"received": True, "ignored": "no booking_id"})
    applied = await apply_deposit(
        c,
        event_id=event.id,
        booking_id=booking_id,
        payment_ref=paid.payment_ref,
        amount_cents=paid.amount_cents,
    )
    return JSONResponse({"received": True, "applied": applied})
