"""Answers to "how many are kids?" that give the other half of the party."""

from __future__ import annotations

import httpx

from webhooks.container import Container


async def test_a_total_then_the_adults_leaves_the_rest_as_kids(db: Container, client: httpx.AsyncClient) -> None:
    texts: list[str] = []
    for text in ("hi i want to book for 15 people", "10 adults", "95112"):
        r = await client.post("/api/chat", json={"session_id": "party-answers-1", "text": text})
        texts = [x["text"] for x in r.json()["replies"]]
    assert "10 adults + 5 kids" in texts[0] and "$840.00" in texts[0]  # was 10 adults, $660
