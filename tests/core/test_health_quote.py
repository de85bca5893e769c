"""The booking core over HTTP: health and quotes of DOMAIN.md."""

from __future__ import annotations

import httpx
import pytest


async def test_healthz(client: httpx.AsyncClient) -> None:
    r = await client.get("/healthz")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "db": "ok"}


async def test_domain_example_twelve_adults_three_kids(client: httpx.AsyncClient) -> None:
    r = await client.post("/api/quote", json={"adults": 12, "kids": 3, "zip": "95112"})
    assert r.status_code == 200
    body = r.json()
    assert body["station"] == "sj"
    assert body["food_cents"] == 75000
    assert body["food_billed_cents"] == 75000
    assert body["gratuity_cents"] == 15000
    assert body["travel_cents"] == 0
    assert body["total_cents"] == 90000
    assert body["deposit_cents"] == 10000


async def test_event_minimum(client: httpx.AsyncClient) -> None:
    body = (await client.post("/api/quote", json={"adults": 6, "kids": 0, "zip": "95112"})).json()
    assert (body["food_cents"], body["food_billed_cents"]) == (33000, 55000)
    assert body["gratuity_cents"] == 11000
    assert body["total_cents"] == 66000


async def test_travel_beyond_thirty_miles(client: httpx.AsyncClient) -> None:
    # Monterey (93940) is served from San Jose, well past the free 30 miles.
    from core.geo import haversine_mi, zip_centroid

    miles = haversine_mi(zip_centroid("93940"), zip_centroid("95112"))  # type: ignore[arg-type]
    import math

    body = (await client.post("/api/quote", json={"adults": 20, "kids": 0, "zip": "93940"})).json()
    assert body["station"] == "sj"
    assert body["travel_cents"] == (math.ceil(miles) - 30) * 200
    assert body["travel_cents"] > 0
    assert body["total_cents"] == 110000 + 22000 + body["travel_cents"]


async def test_routes_to_nearer_station(client: httpx.AsyncClient) -> None:
    body = (await client.post("/api/quote", json={"adults": 10, "kids": 0, "zip": "95630"})).json()
    assert body["station"] == "sac"  # Folsom is near Sacramento
    body = (await client.post("/api/quote", json={"adults": 10, "kids": 0, "zip": "95035"})).json()
    assert body["station"] == "sj"  # Milpitas is near San Jose


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"adults": 10, "kids": 0, "zip": "10001"}, "out_of_area"),  # New York
        ({"adults": 10, "kids": 0, "zip": "00000"}, "unknown_zip"),
        ({"adults": 10, "kids": 0, "zip": "abc"}, "unknown_zip"),
        ({"adults": 0, "kids": 3, "zip": "95112"}, "invalid_guests"),
        ({"adults": -4, "kids": 0, "zip": "95112"}, "invalid_guests"),
        ({"adults": 5, "kids": -1, "zip": "95112"}, "invalid_guests"),
        ({"adults": 500000, "kids": 0, "zip": "95112"}, "invalid_guests"),
        ({"adults": 55, "kids": 10, "zip": "95112"}, "party_too_large"),
    ],
)
async def test_bad_quotes_get_clear_4xx(
    client: httpx.AsyncClient, payload: dict[str, object], code: str
) -> None:
    r = await client.post("/api/quote", json=payload)
    assert 400 <= r.status_code < 500
    assert r.json()["error"] == code
    assert r.json()["message"]


async def test_malformed_bodies_are_4xx_json(client: httpx.AsyncClient) -> None:
    r = await client.post(
        "/api/quote", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422 and r.json()["error"] == "invalid_request"
    r = await client.post("/api/quote", json={"adults": "many", "zip": "95112"})
    assert r.status_code == 422
    r = await client.post(
        "/api/quote", content=b"x" * (70 * 1024), headers={"content-type": "application/json"}
    )
    assert r.status_code == 413 and r.json()["error"] == "too_large"
