"""Stripe Checkout deposits, refunds and webhook event verification.

Uses the real ``stripe`` SDK with its async (aiohttp) client, so no call blocks the event
loop. ``api_base`` (``STRIPE_API_BASE``) points it at another server (a loopback fake).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

import aiohttp
import stripe
from stripe._base_address import BaseAddresses
from stripe.params.checkout import SessionCreateParams

__all__ = [
    "InvalidStripeEvent",
    "InvalidStripeSignature",
    "PaidCheckout",
    "PaymentGatewayError",
    "StripeGateway",
    "paid_checkout",
]

logger = logging.getLogger(__name__)


class PaymentGatewayError(Exception):
    """Stripe refused or could not be reached; ``retryable`` says if trying again may work."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


class InvalidStripeEvent(ValueError):
    """A webhook payload that must be refused (answer 400)."""


class InvalidStripeSignature(InvalidStripeEvent):
    """Missing or wrong ``Stripe-Signature`` (or no webhook secret configured)."""


# payments.amount_cents is a PostgreSQL integer; Stripe amounts are far below this.
MAX_AMOUNT_CENTS = 2**31 - 1


@dataclass(frozen=True, slots=True)
class PaidCheckout:
    """What a ``checkout.session.completed`` event tells us, checked for shape."""

    session_id: str
    booking_ref: str | None  # metadata.booking_id as Stripe echoed it (not yet a UUID)
    payment_ref: str  # the PaymentIntent id, else the session id
    amount_cents: int


def _check_envelope(raw: Any) -> None:
    """Refuse a signed body that is not a v1 event: Stripe always sends these fields."""
    if not isinstance(raw, dict):
        raise InvalidStripeEvent("payload is not a JSON object")
    if not isinstance(raw.get("type"), str) or not raw["type"]:
        raise InvalidStripeEvent("event has no type")
    if _stripe_id(raw.get("id")) is None:
        raise InvalidStripeEvent("event has no id")
    data = raw.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        raise InvalidStripeEvent("event has no data.object")


def _stripe_id(value: Any) -> str | None:
    """An id field, plain (``"pi_..."``) or expanded (``{"id": "pi_..."}``).

    Stripe ids are short printable ASCII; anything else (U+0000, a lone surrogate that
    PostgreSQL cannot store) is treated as no id rather than reaching the database.
    """
    if isinstance(value, dict):
        value = value.get("id")
    if isinstance(value, str) and value and len(value) <= 255 and value.isascii() and value.isprintable():
        return value
    return None


def paid_checkout(event: stripe.Event) -> PaidCheckout:
    """The fields of a completed Checkout Session; InvalidStripeEvent if they are not
    what Stripe sends (a non-object ``metadata``, a non-integer or absurd amount)."""
    obj: dict[str, Any] = event.data.object.to_dict()  # plain dicts: StripeObject is no Mapping
    session_id = _stripe_id(obj.get("id"))
    if session_id is None:
        raise InvalidStripeEvent("checkout session has no id")
    metadata = obj.get("metadata")
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise InvalidStripeEvent("checkout session metadata is not an object")
    booking = metadata.get("booking_id")
    amount = obj.get("amount_total")
    if amount is None:  # nullable in Stripe's API; recorded as 0 as before
        amount = 0
    # Stripe amounts are integers in cents. Anything else (a string, a float, a number
    # the payments table cannot hold) is refused rather than guessed at: a made-up
    # amount would be an invented figure in the books.
    if isinstance(amount, bool) or not isinstance(amount, int) or not 0 <= amount <= MAX_AMOUNT_CENTS:
        raise InvalidStripeEvent("checkout session amount_total is not an amount in cents")
    intent = obj.get("payment_intent")  # null until paid in some flows: the session id then
    intent_id = None if intent is None else _stripe_id(intent)
    if intent is not None and intent_id is None:
        raise InvalidStripeEvent("checkout session payment_intent is not an id")
    return PaidCheckout(
        session_id=session_id,
        booking_ref=None if booking is None else str(booking),
        payment_ref=intent_id or session_id,
        amount_cents=amount,
    )


def _gateway_error(exc: stripe.StripeError) -> PaymentGatewayError:
    status = exc.http_status or 0
    retryable = isinstance(exc, stripe.APIConnectionError | stripe.RateLimitError) or status >= 500
    # Stripe's messages never contain the key; the request id helps support find the call.
    return PaymentGatewayError(
        f"Stripe {type(exc).__name__} (HTTP {status or '-'}, request {exc.request_id or '-'}): "
        f"{exc.user_message or ''}".rstrip(": "),
        retryable=retryable,
    )


class StripeGateway:
    """The few Stripe calls the product makes, behind one small async interface."""

    def __init__(
        self,
        secret_key: str,
        webhook_secret: str,
        api_base: str | None = None,
        *,
        timeout: float = 20.0,
        max_network_retries: int = 2,
    ) -> None:
        if not secret_key:
            raise ValueError("a Stripe secret key is required")
        self._webhook_secret = webhook_secret
        # The SDK's aiohttp client is async-only: a sync call by mistake fails loudly
        # instead of blocking the event loop. (Its httpx client passes the form as
        # ``data=<str>``, which httpx deprecates: a warning on every request.)
        self._http = stripe.AIOHTTPClient(timeout=aiohttp.ClientTimeout(total=timeout))
        base_addresses: BaseAddresses = {}
        if api_base:
            base = api_base.rstrip("/")
            base_addresses = {"api": base, "connect": base, "files": base}
        self._client = stripe.StripeClient(
            secret_key,
            base_addresses=base_addresses,
            http_client=self._http,
            # Safe to retry: every write carries an idempotency key.
            max_network_retries=max_network_retries,
        )

    async def create_deposit_checkout(
        self,
        booking_id: str,
        amount_cents: int,
        description: str,
        success_url: str,
        cancel_url: str,
        idempotency_key: str,
    ) -> tuple[str, str]:
        """Create a Checkout Session for a booking's deposit; returns (session id, URL).

        ``metadata.booking_id`` is set on the session and on its PaymentIntent, so the
        webhook (and a later refund or dispute) leads back to the booking.
        """
        if amount_cents <= 0:
            raise ValueError("deposit amount must be positive")
        params: SessionCreateParams = {
            "mode": "payment",
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": "usd",
                        "unit_amount": amount_cents,
                        "product_data": {"name": description},
                    },
                }
            ],
            "success_url": success_url,
            "cancel_url": cancel_url,
            "client_reference_id": booking_id,
            "metadata": {"booking_id": booking_id},
            "payment_intent_data": {"metadata": {"booking_id": booking_id}},
        }
        try:
            session = await self._client.v1.checkout.sessions.create_async(
                params, {"idempotency_key": idempotency_key}
            )
        except stripe.StripeError as exc:
            raise _gateway_error(exc) from exc
        if not session.url:
            raise PaymentGatewayError("Stripe returned a session without a URL", retryable=False)
        logger.info("stripe: checkout session %s created for booking %s", session.id, booking_id)
        return session.id, session.url

    async def refund(self, payment_intent_id: str, idempotency_key: str) -> str:
        """Refund a deposit in full; returns the refund id."""
        try:
            refund = await self._client.v1.refunds.create_async(
                {"payment_intent": payment_intent_id}, {"idempotency_key": idempotency_key}
            )
        except stripe.StripeError as exc:
            raise _gateway_error(exc) from exc
        logger.info("stripe: refund %s for %s", refund.id, payment_intent_id)
        return refund.id

    def parse_event(self, payload: bytes, sig_header: str | None) -> stripe.Event:
        """Verify ``Stripe-Signature`` and build the event; fails closed.

        Raises InvalidStripeSignature (no secret, no/forged/stale signature) or
        InvalidStripeEvent (signed but not an event: not JSON, not an object, no ``id``,
        ``type`` or ``data.object``). The signature is checked before the body is parsed.
        CPU only: fine on the event loop.
        """
        if not self._webhook_secret:
            raise InvalidStripeSignature("STRIPE_WEBHOOK_SECRET is not configured")
        if not sig_header:
            raise InvalidStripeSignature("missing Stripe-Signature header")
        try:
            stripe.WebhookSignature.verify_header(
                payload, sig_header, self._webhook_secret, stripe.Webhook.DEFAULT_TOLERANCE
            )
        except stripe.SignatureVerificationError as exc:
            raise InvalidStripeSignature("Stripe-Signature does not verify") from exc
        except UnicodeDecodeError as exc:  # the SDK decodes the body before signing it
            raise InvalidStripeEvent("payload is not UTF-8") from exc
        try:
            raw = json.loads(payload)
        except ValueError as exc:
            raise InvalidStripeEvent("payload is not JSON") from exc
        # The SDK assumes a well-formed event (``[1,2]`` raises AttributeError inside it),
        # so the shape is checked first.
        _check_envelope(raw)
        try:
            return self._client.construct_event(payload, sig_header, self._webhook_secret)
        except stripe.SignatureVerificationError as exc:  # verified above; kept fail-closed
            raise InvalidStripeSignature("Stripe-Signature does not verify") from exc
        except ValueError as exc:  # e.g. a v2 "thin" event notification
            raise InvalidStripeEvent("payload is not a Stripe v1 event") from exc

    async def close(self) -> None:
        """Close the HTTP connection pool."""
        await self._http.close_async()
