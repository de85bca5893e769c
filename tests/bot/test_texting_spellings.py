"""Texting spellings read as the words they stand for."""

from __future__ import annotations

import httpx

from webhooks.container import Container


async def test_did_my_deposit_go_thru_is_a_status_question(db: Container, client: httpx.AsyncClient) -> None:
    """Texting spellings ("thru") read as the word: a status check, not an unanswerable
    question for a person."""
    r = await client.post("/api/chat", json={"text": "hey its john from last week, did my deposit go thru"})
    kinds = [x["kind"] for x in r.json()["replies"]]
    assert kinds == ["no_booking_found"], kinds
