"""The travel fee to a zip does not depend on the party: it is given as soon as it is
asked, from the quote engine (DOMAIN.md: max(0, ceil(miles) - 30) x $2.00)."""

from __future__ import annotations

import httpx

from webhooks.container import Container


async def test_travel_fee_is_answered_before_the_guest_count(db: Container, client: httpx.AsyncClient) -> None:
    r = await client.post("/api/chat", json={"text": "how much is the travel fee to 95401"})
    replies = r.json()["replies"]
    assert [x["kind"] for x in replies] == ["travel_fee", "ask_guests"]
    assert "$78.00" in replies[0]["text"]  # 69 miles from Sacramento: 39 x $2.00


async def test_no_travel_fee_inside_the_free_radius(db: Container, client: httpx.AsyncClient) -> None:
    r = await client.post("/api/chat", json={"text": "do u charge for travel to 95112?"})
    [fee, _ask] = r.json()["replies"]
    assert fee["kind"] == "travel_fee" and "no travel fee" in fee["text"]
