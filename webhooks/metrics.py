"""Prometheus metrics: the objects the product updates, an HTTP middleware for request
latency and status, and the public `GET /metrics` route (counts only, never PII).

    from webhooks.metrics import TURN_SECONDS, INBOUND
    with TURN_SECONDS.labels(channel="sms").time(): ...
    INBOUND.labels(channel="sms", outcome="duplicate").inc()
"""

from __future__ import annotations

import time

from fastapi import APIRouter
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Turns are tens of milliseconds; the buckets resolve the 100 ms target finely.
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

TURN_SECONDS = Histogram(
    "hibachi_turn_seconds",
    "Time to handle one inbound message end to end (inbox, engine, commit).",
    ["channel"],
    buckets=_LATENCY_BUCKETS,
)
ESCALATIONS = Counter(
    "hibachi_escalations_total", "Conversations handed to staff, by reason.", ["reason"]
)
DELIVERIES = Counter(
    "hibachi_deliveries_total",
    "Outbound message attempts by channel and outcome (sent|retry|failed|suppressed).",
    ["channel", "outcome"],
)
INBOUND = Counter(
    "hibachi_inbound_total",
    "Inbound provider messages by channel and outcome (processed|duplicate|refused).",
    ["channel", "outcome"],
)
FAILURES = Counter(
    "hibachi_failures_total",
    "Unexpected errors by where they happened (http, turn, outbox, ...).",
    ["where"],
)
HTTP_REQUESTS = Counter(
    "hibachi_http_requests_total",
    "HTTP requests by method, route template and status code.",
    ["method", "route", "status"],
)
HTTP_SECONDS = Histogram(
    "hibachi_http_request_seconds",
    "HTTP request latency by method and route template.",
    ["method", "route"],
    buckets=_LATENCY_BUCKETS,
)

router = APIRouter()


@router.get("/metrics", include_in_schema=False)
async def metrics() -> Response:
    """Prometheus text exposition of every metric above (public: no PII, no secrets)."""
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)


def _route_label(scope: Scope) -> str:
    # The template ("/api/bookings/{booking_id}"), never the raw path: raw paths from
    # scanners or fuzzers would make unbounded label sets and could carry PII.
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


class MetricsMiddleware:
    """Count and time every HTTP request (pure ASGI: no per-request task or body copy)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500  # an exception before the response started is what the client sees
        started = time.perf_counter()

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception:
            FAILURES.labels(where="http").inc()
            raise
        finally:
            method = str(scope.get("method", ""))
            route = _route_label(scope)
            HTTP_REQUESTS.labels(method=method, route=route, status=str(status)).inc()
            HTTP_SECONDS.labels(method=method, route=route).observe(
                time.perf_counter() - started
            )
