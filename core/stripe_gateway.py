"""Stripe Checkout deposits, refunds and webhook event verification.

Uses the real ``stripe`` SDK with its async (aiohttp) client, so no call blocks the event
loop. ``api_base`` (``STRIPE_API_BASE``) points it at another server (a loopback fake).
"""

from __future__ import annotations

import logging

import aiohttp
import stripe
from stripe._base_address import BaseAddresses
from stripe.params.checkout import SessionCreateParams

__all__ = [
    "InvalidStripeEvent",
    "InvalidStripeSignature",
    "PaymentGatewayError",
    "StripeGateway",
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
        InvalidStripeEvent (signed but not an event). CPU only: fine on the event loop.
        """
        if not self._webhook_secret:
            raise InvalidStripeSignature("STRIPE_WEBHOOK_SECRET is not configured")
        if not sig_header:
            raise InvalidStripeSignature("missing Stripe-Signature header")
        try:
            return self._client.construct_event(payload, sig_header, self._webhook_secret)
        except stripe.SignatureVerificationError as exc:
            raise InvalidStripeSignature("Stripe-Signature does not verify") from exc
        except ValueError as exc:  # signed, but not JSON / not an event
            raise InvalidStripeEvent("payload is not a Stripe event") from exc

    async def close(self) -> None:
        """Close the HTTP connection pool."""
        await self._http.close_async()
