"""Admins edit the FAQ over the API and the bot's very next answer changes."""

from __future__ import annotations

import httpx


async def _ask(client: httpx.AsyncClient, text: str) -> list[dict[str, object]]:
    r = await client.post("/api/chat", json={"session_id": None, "text": text})
    assert r.status_code == 200
    return r.json()["replies"]  # type: ignore[no-any-return]


async def test_editing_an_answer_changes_the_next_reply(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    found = await client.post("/api/faqs/search", json={"q": "do you clean up afterwards?"}, headers=admin_headers)
    assert found.status_code == 200 and found.json()["answerable"] is True
    entry = found.json()["matches"][0]
    before = await _ask(client, "do you guys clean up after the party?")
    assert before[0]["kind"] == "faq_answer" and before[0]["text"] == entry["answer"]

    new_answer = "Yes — our chef leaves your patio spotless, grill wiped and trash bagged."
    r = await client.put(f"/api/faqs/{entry['id']}", json={"answer": new_answer}, headers=admin_headers)
    assert r.status_code == 200 and r.json()["answer"] == new_answer
    after = await _ask(client, "do you guys clean up after the party?")
    assert after[0]["kind"] == "faq_answer" and after[0]["text"] == new_answer

    r = await client.put(f"/api/faqs/{entry['id']}", json={"answer": entry["answer"]}, headers=admin_headers)
    assert r.status_code == 200


async def test_faq_crud_and_errors(client: httpx.AsyncClient, admin_headers: dict[str, str]) -> None:
    r = await client.post(
        "/api/faqs",
        json={"question": "Do you bring a generator?", "answer": "No generator needed: the grill runs on propane.", "tags": ["equipment"]},
        headers=admin_headers,
    )
    assert r.status_code == 201
    eid = r.json()["id"]
    assert (await client.get(f"/api/faqs/{eid}", headers=admin_headers)).json()["tags"] == ["equipment"]
    assert (await client.delete(f"/api/faqs/{eid}", headers=admin_headers)).status_code == 204
    assert (await client.get(f"/api/faqs/{eid}", headers=admin_headers)).status_code == 404
    assert (await client.post("/api/faqs", json={"question": "x"}, headers=admin_headers)).status_code == 422
    listed = await client.get("/api/faqs", headers=admin_headers)
    assert listed.status_code == 200 and len(listed.json()["items"]) >= 20


async def test_an_entry_is_found_by_id_whatever_its_station(
    client: httpx.AsyncClient, admin_headers: dict[str, str]
) -> None:
    """Ids are unique across stations: GET/PUT/DELETE by id need no ``?station=``, and a
    San Jose customer gets the San Jose entry's edited answer."""
    r = await client.post(
        "/api/faqs",
        json={"question": "Do you bring a generator?", "answer": "No generator needed.", "station": "sj"},
        headers=admin_headers,
    )
    assert r.status_code == 201 and r.json()["station_id"] == "sj"
    eid = r.json()["id"]
    assert (await client.get(f"/api/faqs/{eid}", headers=admin_headers)).json()["station_id"] == "sj"
    assert (await client.get(f"/api/faqs/{eid}?station=sac", headers=admin_headers)).status_code == 404
    assert (await client.get(f"/api/faqs/{eid}?station=nowhere", headers=admin_headers)).status_code == 404
    new = "No generator needed: the grill runs on propane and we bring lights."
    r = await client.put(f"/api/faqs/{eid}", json={"answer": new}, headers=admin_headers)
    assert r.status_code == 200 and r.json()["answer"] == new

    session = None
    for text in ("how much for 10 adults at 95112?", "do you bring a generator?"):
        r = await client.post("/api/chat", json={"session_id": session, "text": text})
        session = r.json()["session_id"]
    assert r.json()["replies"][0]["text"] == new
    assert (await client.delete(f"/api/faqs/{eid}", headers=admin_headers)).status_code == 204
    assert (await client.get(f"/api/faqs/{eid}", headers=admin_headers)).status_code == 404


async def test_nlu_parse(client: httpx.AsyncClient, admin_headers: dict[str, str], set_now) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    set_now(datetime(2026, 12, 1, 10, 0))
    r = await client.post(
        "/api/nlu/parse",
        json={"text": "book next saturday at 6pm, 30 guests, 8 of them kids, zip 95112", "expecting": None},
        headers=admin_headers,
    )
    body = r.json()
    assert body["intent"] == "book"
    e = body["entities"]
    assert (e["adults"], e["kids"], e["zip"], e["time"]) == (22, 8, "95112", "18:00")
    assert e["date"] in ("2026-12-05", "2026-12-12")
    r = await client.post("/api/nlu/parse", json={"text": "fifteen", "expecting": "adults"}, headers=admin_headers)
    assert r.json()["entities"]["adults"] == 15
