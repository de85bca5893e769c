"""A loopback Stripe API (Checkout Sessions, Refunds) and Stripe-style event signing."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
import time
from typing import Any

from aiohttp import web

from tests.fakes._server import LoopbackServer, RecordedRequest, read_fields

__all__ = ["FakeStripe", "checkout_completed_event", "nested_form", "signed_event"]


def signed_event(
    payload: dict[str, Any], secret: str, *, timestamp: int | None = None
) -> tuple[bytes, str]:
    """Serialise an event and sign it as Stripe does: ``t=..,v1=HMAC-SHA256(t.payload)``."""
    body = json.dumps(payload, separators=(",", ":")).encode("utf-8")
    t = int(time.time()) if timestamp is None else timestamp
    mac = hmac.new(secret.encode("utf-8"), f"{t}.".encode() + body, hashlib.sha256)
    return body, f"t={t},v1={mac.hexdigest()}"


def checkout_completed_event(
    booking_id: str,
    *,
    session_id: str | None = None,
    payment_intent: str | None = None,
    amount_total: int = 10_000,
    event_id: str | None = None,
) -> dict[str, Any]:
    """A realistic ``checkout.session.completed`` event for a deposit."""
    now = int(time.time())
    session_id = session_id or "cs_test_" + secrets.token_hex(24)
    return {
        "id": event_id or "evt_" + secrets.token_hex(12),
        "object": "event",
        "api_version": "2024-06-20",
        "created": now,
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": "checkout.session.completed",
        "data": {
            "object": {
                "id": session_id,
                "object": "checkout.session",
                "amount_subtotal": amount_total,
                "amount_total": amount_total,
                "client_reference_id": booking_id,
                "currency": "usd",
                "customer_details": {"email": "ana@example.com", "name": "Ana Lee"},
                "livemode": False,
                "metadata": {"booking_id": booking_id},
                "mode": "payment",
                "payment_intent": payment_intent or "pi_" + secrets.token_hex(12),
                "payment_status": "paid",
                "status": "complete",
                "created": now - 60,
                "expires_at": now + 86_340,
                "url": None,
            }
        },
    }


_KEY = re.compile(r"[^\[\]]+")


def nested_form(form: dict[str, str]) -> dict[str, Any]:
    """Decode Stripe's bracketed form keys (``line_items[0][price_data][currency]``)."""
    root: dict[str, Any] = {}
    for key, value in form.items():
        parts = _KEY.findall(key)
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return root


def _error(status: int, message: str, kind: str = "invalid_request_error") -> web.Response:
    return web.json_response({"error": {"type": kind, "message": message}}, status=status)


class FakeStripe(LoopbackServer):
    """``POST /v1/checkout/sessions`` and ``POST /v1/refunds`` answering like Stripe.

    ``received`` records each request (``form`` is the raw form, e.g.
    ``form["metadata[booking_id]"]``; ``json`` the nested decoding). A repeated
    ``Idempotency-Key`` replays the first answer, as Stripe does.
    """

    def __init__(self, secret_key: str) -> None:
        self.secret_key = secret_key
        self.fail_next: list[int] = []
        self.sessions: dict[str, dict[str, Any]] = {}
        self._idempotent: dict[str, dict[str, Any]] = {}
        super().__init__()

    def _routes(self, app: web.Application) -> None:
        app.router.add_post("/v1/checkout/sessions", self._create_session)
        app.router.add_post("/v1/refunds", self._create_refund)

    async def _record(self, request: web.Request) -> dict[str, Any]:
        form = await read_fields(request)
        nested = nested_form(form)
        self.received.append(
            RecordedRequest(request.method, request.path, form, dict(request.headers), nested)
        )
        return nested

    def _check(self, request: web.Request) -> web.Response | None:
        if request.headers.get("Authorization") != f"Bearer {self.secret_key}":
            return _error(401, "Invalid API Key provided.")
        if self.fail_next:
            status = self.fail_next.pop(0)
            kind = "api_error" if status >= 500 else "invalid_request_error"
            return _error(status, "Injected failure", kind)
        return None

    async def _begin(
        self, request: web.Request
    ) -> tuple[dict[str, Any], str | None, web.Response | None]:
        """Record the call, refuse it (auth, injected failure) or replay an idempotent one."""
        params = await self._record(request)
        refused = self._check(request)
        if refused is not None:
            return params, None, refused
        key = request.headers.get("Idempotency-Key")
        if key and key in self._idempotent:
            return params, key, web.json_response(self._idempotent[key])
        return params, key, None

    async def _create_session(self, request: web.Request) -> web.Response:
        params, key, early = await self._begin(request)
        if early is not None:
            return early
        try:
            item = params["line_items"]["0"]
            amount = int(item["price_data"]["unit_amount"]) * int(item.get("quantity", "1"))
        except (KeyError, ValueError):
            return _error(400, "Missing required param: line_items.")
        for required in ("success_url", "mode"):
            if required not in params:
                return _error(400, f"Missing required param: {required}.")
        session_id = "cs_test_" + secrets.token_hex(29)
        now = int(time.time())
        session = {
            "id": session_id,
            "object": "checkout.session",
            "amount_subtotal": amount,
            "amount_total": amount,
            "cancel_url": params.get("cancel_url"),
            "client_reference_id": params.get("client_reference_id"),
            "created": now,
            "currency": item["price_data"].get("currency", "usd"),
            "expires_at": now + 86_400,
            "livemode": False,
            "metadata": params.get("metadata", {}),
            "mode": params["mode"],
            "payment_intent": None,
            "payment_status": "unpaid",
            "status": "open",
            "success_url": params["success_url"],
            "url": f"https://checkout.stripe.com/c/pay/{session_id}#fidkdWxOYHwnPyd1blpxYHZxWjA0",
        }
        self.sessions[session_id] = session
        if key:
            self._idempotent[key] = session
        return web.json_response(session)

    async def _create_refund(self, request: web.Request) -> web.Response:
        params, key, early = await self._begin(request)
        if early is not None:
            return early
        payment_intent = params.get("payment_intent")
        if not payment_intent and not params.get("charge"):
            return _error(
                400, "One of the following params should be provided: charge, payment_intent."
            )
        refund = {
            "id": "re_" + secrets.token_hex(12),
            "object": "refund",
            "amount": int(params.get("amount", 10_000)),
            "charge": "ch_" + secrets.token_hex(12),
            "created": int(time.time()),
            "currency": "usd",
            "metadata": params.get("metadata", {}),
            "payment_intent": payment_intent,
            "reason": params.get("reason"),
            "status": "succeeded",
        }
        if key:
            self._idempotent[key] = refund
        return web.json_response(refund)
