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


async def test_no_kids_first_then_a_bare_number_is_the_adults(db: Container, client: httpx.AsyncClient) -> None:
    replies: list[dict[str, str]] = []
    for text in ("95814", "no kids", "12"):
        r = await client.post("/api/chat", json={"session_id": "party-answers-2", "text": text})
        replies = r.json()["replies"]
        if text == "no kids":
            assert [x["kind"] for x in replies] == ["ask_guests"] and "adults" in replies[0]["text"]
            assert "kids" not in replies[0]["text"]  # not the same two-part question again
    assert replies[0]["kind"] == "quote" and "12 adults (zip 95814)" in replies[0]["text"]
