"""The travel fee to a zip does not depend on the party: it is given as soon as it is
asked, from the quote engine (DOMAIN.md: max(0, ceil(miles) - 30) x $2.00)."""

from __future__ import annotations

import httpx

from webhooks.container import Container


async def test_travel_fee_is_answered_before_the_guest_count(db: Container, client: httpx.AsyncClient) -> None:
    r = await client.post("/api/chat", json={"text": "how much is the travel fee to 95401"})
    replies = r.json()["replies"]
    [fee] = [x for x in replies if x["kind"] == "travel_fee"]
    assert "$78.00" in fee["text"]  # 69 miles from Sacramento: 39 x $2.00
    assert replies[-1]["kind"] == "ask_guests"


async def test_no_travel_fee_inside_the_free_radius(db: Container, client: httpx.AsyncClient) -> None:
    r = await client.post("/api/chat", json={"text": "do u charge for travel to 95112?"})
    [fee] = [x for x in r.json()["replies"] if x["kind"] == "travel_fee"]
    assert "no travel fee to 95112" in fee["text"]
