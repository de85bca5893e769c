"""Small request-validation edges a client meets: a bad list cursor, an empty session id."""

from __future__ import annotations

import httpx
import pytest

from webhooks.container import Container


@pytest.mark.parametrize(
    "url",
    [
        "/api/conversations?cursor=garbage",
        "/api/conversations?cursor=%7C",
        "/api/conversations?cursor=2020-01-01T00:00:00|00000000-0000-0000-0000-000000000000",
        "/api/bookings?cursor=garbage",
        "/api/leads?cursor=garbage",
    ],
)
async def test_bad_cursor_is_422_invalid_cursor(
    client: httpx.AsyncClient, db: Container, admin_headers: dict[str, str], url: str
) -> None:
    r = await client.get(url, headers=admin_headers)
    assert r.status_code == 422, r.text
    assert r.json() == {"error": "invalid_cursor", "message": "cursor: not a cursor this API gave out."}


async def test_good_cursor_still_pages(client: httpx.AsyncClient, db: Container, admin_headers: dict[str, str]) -> None:
    for i in range(3):
        assert (await client.post("/api/chat", json={"session_id": None, "text": f"hello {i}"})).status_code == 200
    first = (await client.get("/api/conversations", params={"limit": 2}, headers=admin_headers)).json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = await client.get("/api/conversations", params={"limit": 2, "cursor": first["next_cursor"]}, headers=admin_headers)
    assert rest.status_code == 200 and len(rest.json()["items"]) == 1


async def test_empty_session_id_starts_a_new_session(client: httpx.AsyncClient, db: Container) -> None:
    r = await client.post("/api/chat", json={"session_id": "", "text": "how much for 10 adults in 95112?"})
    assert r.status_code == 200, r.text
    sid = r.json()["session_id"]
    assert sid and r.json()["replies"]
    again = await client.post("/api/chat", json={"session_id": "", "text": "hi"})
    assert again.status_code == 200 and again.json()["session_id"] not in {"", sid}
    # The returned id continues the first conversation.
    follow = await client.post("/api/chat", json={"session_id": sid, "text": "and for 12 adults?"})
    assert follow.status_code == 200 and follow.json()["session_id"] == sid
    history = (await client.get("/api/chat/history", params={"session_id": sid})).json()["items"]
    assert [m["text"] for m in history if m["direction"] == "in"] == [
        "how much for 10 adults in 95112?", "and for 12 adults?",
    ]


@pytest.mark.parametrize("session_id", [" ", "a b", "x" * 65])
async def test_malformed_session_id_is_still_422(client: httpx.AsyncClient, db: Container, session_id: str) -> None:
    r = await client.post("/api/chat", json={"session_id": session_id, "text": "hi"})
    assert r.status_code == 422 and r.json()["error"] == "invalid_request"
