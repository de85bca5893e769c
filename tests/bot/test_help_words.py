"""A bare "help" (or a Telegram command) is a request to hear what the bot can do, never
a misunderstanding that moves the conversation towards an escalation."""

from __future__ import annotations

import httpx
import pytest

from webhooks.container import Container


@pytest.mark.parametrize("text", ["help", "/help", "Help!", "how does this work?", "/start@HibachiBot"])
async def test_help_gets_the_capabilities_answer(db: Container, client: httpx.AsyncClient, text: str) -> None:
    r = await client.post("/api/chat", json={"text": text})
    [reply] = r.json()["replies"]
    assert reply["kind"] == "greeting" and "price" in reply["text"]


async def test_help_me_book_still_books(db: Container, client: httpx.AsyncClient) -> None:
    r = await client.post("/api/chat", json={"text": "help me book a chef for dec 12"})
    assert r.json()["replies"][0]["kind"] != "greeting"
