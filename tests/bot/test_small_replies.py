"""Short replies a customer sends between real requests ("u there?", "ok", "nvm") get a
short answer back, never an FAQ entry and never a "sorry, I didn't catch that" that
counts towards handing the chat to a person."""

from __future__ import annotations

import httpx
import pytest

from webhooks.container import Container


async def _kinds(client: httpx.AsyncClient, text: str, session: str = "s") -> list[str]:
    r = await client.post("/api/chat", json={"session_id": session, "text": text})
    return [x["kind"] for x in r.json()["replies"]]


@pytest.mark.parametrize("text", ["u there?", "are you still there", "hello? anyone there"])
async def test_are_you_there_is_a_hello(db: Container, client: httpx.AsyncClient, text: str) -> None:
    assert await _kinds(client, text) == ["greeting"]


@pytest.mark.parametrize("text", ["ok", "ok lol", "nvm", "never mind"])
async def test_ok_with_nothing_pending_is_not_a_misunderstanding(
    db: Container, client: httpx.AsyncClient, text: str
) -> None:
    assert await _kinds(client, "is tip included") == ["faq_answer"]
    for _ in range(3):  # three in a row would have gone to a person as misunderstood
        assert await _kinds(client, text) == ["ack"]


@pytest.mark.parametrize("text", ["are u a real person", "is this a bot?", "r u a robot lol"])
async def test_are_you_a_bot_gets_the_truth_and_a_person_on_offer(
    db: Container, client: httpx.AsyncClient, text: str
) -> None:
    r = await client.post("/api/chat", json={"session_id": "who", "text": text})
    [reply] = r.json()["replies"]
    assert reply["kind"] == "identity" and "automated" in reply["text"]
    assert reply["buttons"] == ["Talk to a person"]  # asking is not yet a hand-over


async def test_asking_for_a_real_person_still_hands_over(db: Container, client: httpx.AsyncClient) -> None:
    assert await _kinds(client, "can I talk to a real person please") == ["escalated"]
