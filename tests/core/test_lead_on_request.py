"""DOMAIN.md: a lead exists as soon as a conversation yields a quote request, even when
the bot still needs a detail before it can price it."""

from __future__ import annotations

import httpx
from sqlalchemy import select

from core.models import Lead, LeadEvent
from webhooks.container import Container


async def test_quote_request_missing_the_kids_split_already_makes_a_lead(db: Container, client: httpx.AsyncClient) -> None:
    r = await client.post("/api/chat", json={"text": "how much for 20 people in 95112"})
    assert r.json()["replies"][0]["kind"] == "ask_kids"
    async with db.uow() as uow:
        [lead] = (await uow.session.scalars(select(Lead))).all()
        kinds = [e.kind for e in (await uow.session.scalars(select(LeadEvent))).all()]
    assert lead.source == "webchat" and kinds == ["lead_created"]
    await client.post("/api/chat", json={"session_id": r.json()["session_id"], "text": "4 kids"})
    async with db.uow() as uow:
        assert len((await uow.session.scalars(select(Lead))).all()) == 1
        kinds = [e.kind for e in (await uow.session.scalars(select(LeadEvent))).all()]
    assert kinds.count("lead_created") == 1 and "quote_viewed" in kinds
