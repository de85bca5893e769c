"""An answer that does not fill the slot asked for gets the question again with an
example of the answer it needs, not the same words twice."""

from __future__ import annotations

import re

import httpx

from webhooks.container import Container


async def _say(client: httpx.AsyncClient, text: str) -> list[dict[str, str]]:
    r = await client.post("/api/chat", json={"session_id": "asked-again-1", "text": text})
    return list(r.json()["replies"])


async def test_a_city_for_the_zip_gets_an_example_zip(db: Container, client: httpx.AsyncClient) -> None:
    [first] = await _say(client, "quote for 10 adults no kids please")
    assert first["kind"] == "ask_zip"
    [again] = await _say(client, "san jose")
    # The example is one of the city's own zips (the booking core knows San Jose's).
    assert again["kind"] == "ask_zip" and again["text"] != first["text"]
    assert "in San Jose" in again["text"] and re.search(r"\(for example 951\d\d\)", again["text"])
    replies = await _say(client, "95112")
    assert replies[0]["kind"] == "quote"
