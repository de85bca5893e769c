"""`GET /metrics` is public Prometheus text, counts requests by route template (never
the raw path) and exposes the product's own counters."""

from __future__ import annotations

import httpx

from tests.reliability.conftest import metric_sample


async def test_metrics_exposes_product_metrics(client: httpx.AsyncClient) -> None:
    r = await client.get("/metrics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    for name in ("hibachi_turn_seconds", "hibachi_escalations_total",
                 "hibachi_deliveries_total", "hibachi_inbound_total",
                 "hibachi_http_requests_total", "hibachi_http_request_seconds"):
        assert f"# TYPE {name}" in r.text


async def test_requests_are_counted_by_route_template(client: httpx.AsyncClient) -> None:
    before = (await client.get("/metrics")).text
    ok = await client.post("/api/quote", json={"adults": 12, "kids": 0, "zip": "95112"})
    assert ok.status_code == 200
    bad = await client.post("/api/quote", json={"adults": "many"})
    assert bad.status_code == 422
    await client.get("/api/bookings/0f0f0f0f-0000-0000-0000-000000000000")  # 401, templated
    await client.get("/no/such/+14085551234")  # a raw path must never become a label
    after = (await client.get("/metrics")).text

    def delta(**labels: str) -> float:
        name = "hibachi_http_requests_total"
        return metric_sample(after, name, **labels) - metric_sample(before, name, **labels)

    assert delta(method="POST", route="/api/quote", status="200") == 1
    assert delta(method="POST", route="/api/quote", status="422") == 1
    assert delta(method="GET", route="/api/bookings/{booking_id}", status="401") == 1
    assert delta(method="GET", route="unmatched", status="404") == 1
    assert "4085551234" not in after
