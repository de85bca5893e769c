"""The staff API: conversations across channels, claim, reply through the customer's
channel (outbox), release back to the bot (which resumes its form), close."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from core.models import Escalation, Message, OutboxItem
from tests.providers.conftest import CUSTOMER, twiml_messages
from tests.staff.conftest import Person, Wired, chat
from webhooks.container import Container
from webhooks.routes.staff_api import LiveFeed


async def _outbox(c: Container) -> list[OutboxItem]:
    async with c.uow() as uow:
        return list((await uow.session.scalars(select(OutboxItem).order_by(OutboxItem.id))).all())


async def test_escalated_webchat_is_listed_with_reason_and_whole_history(
    client: httpx.AsyncClient, ana: Person
) -> None:
    sid, said = await chat(client, "how much for 10 adults in 95112?", None)
    assert said
    await chat(client, "I want to talk to a real person", sid)
    r = await client.get("/api/conversations", params={"status": "escalated"}, headers=ana.headers)
    assert r.status_code == 200
    body = r.json()
    [item] = body["items"]
    assert body["next_cursor"] is None
    assert item["channel"] == "webchat" and item["external_id"] == sid
    assert item["status"] == "escalated" and item["escalation_reason"] == "asked_for_person"
    assert set(item) >= {"id", "customer", "last_message_at"}
    detail = (await client.get(f"/api/conversations/{item['id']}", headers=ana.headers)).json()
    texts = [(m["direction"], m["author"], m["text"]) for m in detail["messages"]]
    assert texts[0] == ("in", "customer", "how much for 10 adults in 95112?")
    assert texts[2][:2] == ("in", "customer") and texts[-1][1] == "bot"
    assert all(m["created_at"] for m in detail["messages"])
    # Oldest first holds for the timestamps too, not only the order (a reply is never
    # stamped before the message it answers).
    stamps = [m["created_at"] for m in detail["messages"]]
    assert stamps == sorted(stamps), stamps
    # A visitor who gave no contact details: still the contract's customer object.
    assert item["customer"]["phone"] is None and item["customer"]["name"] is None
    assert detail["lead"]["quote_total_cents"] == 66000  # 10 × $55 + 20 % gratuity
    # Other filters.
    assert (await client.get("/api/conversations", params={"status": "bot"}, headers=ana.headers)).json()["items"] == []
    assert len((await client.get("/api/conversations", params={"channel": "webchat"}, headers=ana.headers)).json()["items"]) == 1
    bad = await client.get("/api/conversations", params={"status": "nope"}, headers=ana.headers)
    assert bad.status_code == 422 and bad.json()["error"] == "invalid_request"
    missing = await client.get("/api/conversations/not-a-uuid", headers=ana.headers)
    assert missing.status_code == 404
    hello, _ = await chat(client, "hello", None)  # no lead, so no customer row at all
    bot_items = (await client.get("/api/conversations", params={"status": "bot"}, headers=ana.headers)).json()["items"]
    [just_hello] = [i for i in bot_items if i["external_id"] == hello]
    assert just_hello["customer"] == {"id": None, "name": None, "phone": None, "email": None}


async def test_claim_reply_release_close_over_webchat(
    client: httpx.AsyncClient, db: Container, ana: Person
) -> None:
    sid, _ = await chat(client, "I need a human please", None)
    [conv] = (await client.get("/api/conversations", headers=ana.headers)).json()["items"]
    cid = conv["id"]
    r = await client.post(f"/api/conversations/{cid}/claim", headers=ana.headers)
    assert r.status_code == 200 and r.json()["status"] == "staff"
    assert r.json()["assigned_to"] == "Ana"
    # Held by staff: the bot is silent, the message reaches staff.
    _, said = await chat(client, "are you there?", sid)
    assert said == []
    r = await client.post(
        f"/api/conversations/{cid}/messages", json={"text": "Hi, Ana here. How can I help?"},
        headers=ana.headers,
    )
    assert r.status_code == 201, r.text
    msg_id = r.json()["message"]["id"]
    [row] = [o for o in await _outbox(db) if o.kind == "staff"]
    assert (row.channel, row.recipient, row.text) == ("webchat", sid, "Hi, Ana here. How can I help?")
    assert row.idempotency_key == f"staff:{msg_id}"
    async with db.uow() as uow:
        m = await uow.session.get(Message, msg_id)
        assert m is not None and (m.direction, m.author, m.user_id is not None) == ("out", "staff", True)
        esc = (await uow.session.scalars(select(Escalation))).one()
        assert esc.resolved_at is not None and esc.resolved_by is not None
    # Empty and oversized replies are refused.
    assert (await client.post(f"/api/conversations/{cid}/messages", json={"text": "  "}, headers=ana.headers)).status_code == 422
    assert (await client.post(f"/api/conversations/{cid}/messages", json={"text": "x" * 1601}, headers=ana.headers)).status_code == 422

    r = await client.post(f"/api/conversations/{cid}/release", headers=ana.headers)
    assert r.status_code == 200 and r.json()["status"] == "bot" and r.json()["resumed"] is None
    _, said = await chat(client, "how much for 20 adults in 95112?", sid)
    assert any("$" in s for s in said), said  # the bot answers again

    r = await client.post(f"/api/conversations/{cid}/close", headers=ana.headers)
    assert r.json()["status"] == "closed"
    assert (await client.post(f"/api/conversations/{cid}/messages", json={"text": "hello?"}, headers=ana.headers)).status_code == 409
    _, said = await chat(client, "hello again", sid)
    assert said  # a closed conversation starts afresh with the bot
    assert (await client.get(f"/api/conversations/{cid}", headers=ana.headers)).json()["status"] == "bot"


async def test_another_staff_member_cannot_talk_over_a_claimed_conversation(
    client: httpx.AsyncClient, ana: Person, ben: Person
) -> None:
    await chat(client, "agent please", None)
    [conv] = (await client.get("/api/conversations", headers=ana.headers)).json()["items"]
    cid = conv["id"]
    assert (await client.post(f"/api/conversations/{cid}/claim", headers=ana.headers)).status_code == 200
    r = await client.post(f"/api/conversations/{cid}/claim", headers=ben.headers)
    assert r.status_code == 409 and r.json()["error"] == "already_claimed"
    r = await client.post(f"/api/conversations/{cid}/messages", json={"text": "me too"}, headers=ben.headers)
    assert r.status_code == 409
    r = await client.post(f"/api/conversations/{cid}/claim", params={"force": "true"}, headers=ben.headers)
    assert r.status_code == 200 and r.json()["assigned_to"] == "Ben"


async def test_replying_to_an_escalation_claims_it(client: httpx.AsyncClient, ana: Person) -> None:
    await chat(client, "let me speak to a human", None)
    [conv] = (await client.get("/api/conversations", headers=ana.headers)).json()["items"]
    r = await client.post(f"/api/conversations/{conv['id']}/messages", json={"text": "On it!"}, headers=ana.headers)
    assert r.status_code == 201 and r.json()["status"] == "staff"


async def test_release_resumes_the_unfinished_booking_form(
    client: httpx.AsyncClient, db: Container, ana: Person
) -> None:
    sid, said = await chat(client, "I'd like to book a chef for 10 adults", None)
    assert said
    await chat(client, "can I talk to a human?", sid)
    [conv] = (await client.get("/api/conversations", headers=ana.headers)).json()["items"]
    cid = conv["id"]
    await client.post(f"/api/conversations/{cid}/claim", headers=ana.headers)
    r = await client.post(f"/api/conversations/{cid}/release", headers=ana.headers)
    resumed = r.json()["resumed"]
    assert resumed is not None and "zip code" in resumed["text"], resumed
    [row] = [o for o in await _outbox(db) if o.kind == "resume"]
    assert row.recipient == sid and "zip code" in row.text
    # The answer lands in the form: the bot quotes.
    _, said = await chat(client, "95112", sid)
    assert any("$660.00" in s for s in said), said


async def test_sms_reply_goes_out_through_twilio_to_the_customer(wired: Wired, ana: Person) -> None:
    r = await wired.sms("I want to talk to someone")
    assert r.status_code == 200
    [conv] = (await wired.http.get("/api/conversations", params={"channel": "sms"}, headers=ana.headers)).json()["items"]
    assert conv["status"] == "escalated" and conv["customer"]["phone"] == CUSTOMER
    r = await wired.http.post(
        f"/api/conversations/{conv['id']}/messages", json={"text": "Hi! This is Ana."}, headers=ana.headers
    )
    assert r.status_code == 201
    assert await wired.deliver() == 1
    [sent] = wired.twilio.messages
    assert sent["To"] == CUSTOMER and sent["Body"] == "Hi! This is Ana."
    # Customer texts back: staff get it, the bot says nothing.
    r = await wired.sms("thanks, 12 people on the 12th")
    assert twiml_messages(r.text) == []
    # After STOP, staff cannot text them.
    await wired.sms("STOP")
    r = await wired.http.post(
        f"/api/conversations/{conv['id']}/messages", json={"text": "one more thing"}, headers=ana.headers
    )
    assert r.status_code == 409 and r.json()["error"] == "opted_out"


async def test_conversation_pages_do_not_skip_equal_timestamps(
    client: httpx.AsyncClient, ana: Person, set_now: object
) -> None:
    from datetime import datetime

    set_now(datetime(2026, 11, 20, 10, 0))  # type: ignore[operator]
    for i in range(5):
        await chat(client, f"hello {i}", None)
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        body = (await client.get("/api/conversations", params=params, headers=ana.headers)).json()
        seen += [i["id"] for i in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 5
    bad = await client.get("/api/conversations", params={"cursor": "garbage"}, headers=ana.headers)
    assert bad.status_code == 422


async def test_live_feed_sees_escalations_messages_and_claims(
    client: httpx.AsyncClient, db: Container, ana: Person
) -> None:
    feed = LiveFeed(db, -1)
    assert await feed.poll() == []  # the starting picture
    _sid, said = await chat(client, "can I talk to a person?", None)
    events = await feed.poll()
    assert events[1]["conversation"]["status"] == "escalated", said
    kinds = [e["type"] for e in events]
    assert kinds.count("message") == 2 and "conversation" in kinds
    [conv_event] = [e for e in events if e["type"] == "conversation"]
    assert conv_event["conversation"]["status"] == "escalated"
    assert events[0]["message"]["text"] == "can I talk to a person?"
    cid = conv_event["conversation"]["id"]
    await client.post(f"/api/conversations/{cid}/claim", headers=ana.headers)
    [claimed] = await feed.poll()
    assert claimed["conversation"]["status"] == "staff" and claimed["conversation"]["assigned_to"] == "Ana"
    await client.post(f"/api/conversations/{cid}/release", headers=ana.headers)
    [released] = await feed.poll()
    assert released["conversation"]["status"] == "bot"
    assert await feed.poll() == []
    # The same feed as one JSON poll.
    r = await client.get("/api/staff/changes", params={"after": 0}, headers=ana.headers)
    assert next(e["message"]["text"] for e in r.json()["events"] if e["type"] == "message") == "can I talk to a person?"
    assert r.json()["cursor"] >= 2


async def test_personal_api_tokens(client: httpx.AsyncClient, ana: Person) -> None:
    r = await client.post("/api/tokens", json={"name": "script"}, headers=ana.headers)
    assert r.status_code == 201
    token = r.json()["token"]
    mine = {"Authorization": f"Bearer {token}"}
    assert (await client.get("/api/conversations", headers=mine)).status_code == 200
    listed = (await client.get("/api/tokens", headers=ana.headers)).json()["items"]
    new = next(t for t in listed if t["name"] == "script")
    assert "token" not in new
    assert (await client.delete(f"/api/tokens/{new['id']}", headers=ana.headers)).status_code == 204
    assert (await client.get("/api/conversations", headers=mine)).status_code == 401
    assert (await client.delete("/api/tokens/99999", headers=ana.headers)).status_code == 404


async def test_configured_staff_alert_goes_out_once_per_escalation(
    client: httpx.AsyncClient, db: Container, ana: Person
) -> None:
    from core.services.staff import make_staff_alert

    assert make_staff_alert(sms_to=None, telegram_chat=None, base_url=None) is None
    db.extras["notify_staff"] = make_staff_alert(
        sms_to="+14085559999", telegram_chat="-100777", base_url="https://chef.example"
    )
    try:
        sid, _ = await chat(client, "can I talk to a person?", None)
        await chat(client, "hello??", sid)  # still waiting: no second alert
        alerts = [o for o in await _outbox(db) if o.kind == "staff_alert"]
        assert sorted((a.channel, a.recipient) for a in alerts) == [("sms", "+14085559999"), ("telegram", "-100777")]
        [conv] = (await client.get("/api/conversations", headers=ana.headers)).json()["items"]
        assert f"https://chef.example/staff?c={conv['id']}" in alerts[0].text
        assert "asked_for_person" in alerts[0].text and "can I talk to a person?" in alerts[0].text
        await client.post(f"/api/conversations/{conv['id']}/release", headers=ana.headers)
        await chat(client, "a human please", sid)  # a new escalation: a new alert
        assert len([o for o in await _outbox(db) if o.kind == "staff_alert"]) == 4
    finally:
        db.extras.pop("notify_staff", None)
