"""Admin FAQ API and the staff NLU probe."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from pydantic import Field

from bot.nlu import classify_intent, extract_entities
from core.errors import NotFound
from core.repositories.stations import StationRepository
from core.services.auth import Principal
from knowledge.service import FaqService, entry_as_dict
from webhooks.container import Container
from webhooks.deps import get_container, require_admin, require_staff
from webhooks.schemas import Strict

router = APIRouter()


class FaqIn(Strict):
    question: str = Field(min_length=3, max_length=1000)
    answer: str = Field(min_length=1, max_length=4000)
    tags: list[str] = Field(default_factory=list, max_length=20)
    alternates: list[str] = Field(default_factory=list, max_length=50)
    station: str | None = Field(default=None, max_length=32)


class FaqPatch(Strict):
    question: str | None = Field(default=None, min_length=3, max_length=1000)
    answer: str | None = Field(default=None, min_length=1, max_length=4000)
    tags: list[str] | None = Field(default=None, max_length=20)
    alternates: list[str] | None = Field(default=None, max_length=50)
    active: bool | None = None


class SearchIn(Strict):
    q: str = Field(min_length=1, max_length=2000)
    station: str | None = Field(default=None, max_length=32)


class ParseIn(Strict):
    text: str = Field(max_length=4000)
    expecting: str | None = Field(default=None, max_length=32)


def _id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise NotFound(f"No FAQ entry {raw!r}.") from exc


async def _entry_station(c: Container, session: Any, wanted: str | None) -> str | None:
    """Routes that name an entry by id need no station (ids are unique across stations);
    a given ``?station=`` must exist and then also scopes the lookup."""
    return None if wanted is None else await _station(c, session, wanted)


async def _station(c: Container, session: Any, wanted: str | None) -> str:
    stations = await StationRepository(session).list()
    if wanted is None:
        return stations[0].id
    if not any(s.id == wanted for s in stations):
        raise NotFound(f"No station {wanted!r}.")
    return wanted


@router.get("/api/faqs")
async def list_faqs(
    station: str | None = Query(None, max_length=32),
    cursor: str | None = Query(None, max_length=64),
    limit: int = Query(100, ge=1, le=500),
    c: Container = Depends(get_container),
    _: Principal = Depends(require_admin),
) -> dict[str, Any]:
    async with c.uow() as uow:
        sid = await _station(c, uow.session, station)
        entries, nxt = await FaqService(uow.session, c.embedder).list_entries(sid, limit=limit, after=_id(cursor) if cursor else None)
        return {"items": [entry_as_dict(e) for e in entries], "next_cursor": nxt}


@router.post("/api/faqs", status_code=201)
async def create_faq(
    body: FaqIn, c: Container = Depends(get_container), who: Principal = Depends(require_admin)
) -> dict[str, Any]:
    async with c.uow() as uow:
        sid = await _station(c, uow.session, body.station)
        e = await FaqService(uow.session, c.embedder).create(
            sid, body.question, body.answer, body.tags, body.alternates, updated_by=who.email
        )
        out = entry_as_dict(e)
        await uow.commit()
    return out


@router.get("/api/faqs/{entry_id}")
async def get_faq(
    entry_id: str, station: str | None = Query(None, max_length=32),
    c: Container = Depends(get_container), _: Principal = Depends(require_admin),
) -> dict[str, Any]:
    async with c.uow() as uow:
        sid = await _entry_station(c, uow.session, station)
        return entry_as_dict(await FaqService(uow.session, c.embedder).get(sid, _id(entry_id)))


@router.put("/api/faqs/{entry_id}")
async def put_faq(
    entry_id: str, body: FaqPatch, station: str | None = Query(None, max_length=32),
    c: Container = Depends(get_container), who: Principal = Depends(require_admin),
) -> dict[str, Any]:
    async with c.uow() as uow:
        sid = await _entry_station(c, uow.session, station)
        e = await FaqService(uow.session, c.embedder).update(
            sid, _id(entry_id), question=body.question, answer=body.answer, tags=body.tags,
            alternates=body.alternates, active=body.active, updated_by=who.email,
        )
        out = entry_as_dict(e)
        await uow.commit()
    return out


@router.delete("/api/faqs/{entry_id}", status_code=204)
async def delete_faq(
    entry_id: str, station: str | None = Query(None, max_length=32),
    c: Container = Depends(get_container), who: Principal = Depends(require_admin),
) -> Response:
    async with c.uow() as uow:
        sid = await _entry_station(c, uow.session, station)
        await FaqService(uow.session, c.embedder).delete(sid, _id(entry_id), updated_by=who.email)
        await uow.commit()
    return Response(status_code=204)


@router.post("/api/faqs/search")
async def search_faqs(
    body: SearchIn, c: Container = Depends(get_container), _: Principal = Depends(require_admin)
) -> dict[str, Any]:
    async with c.uow() as uow:
        sid = await _station(c, uow.session, body.station)
        result = await FaqService(uow.session, c.embedder).search(body.q, sid)
        return result.as_dict()


@router.post("/api/nlu/parse")
async def nlu_parse(
    body: ParseIn, c: Container = Depends(get_container), _: Principal = Depends(require_staff)
) -> dict[str, Any]:
    async with c.uow() as uow:
        tz = ZoneInfo((await StationRepository(uow.session).list())[0].timezone)
    now: datetime = c.now().astimezone(tz)
    ent = extract_entities(body.text, now=now, expecting=body.expecting)
    intent = classify_intent(body.text, expecting=body.expecting)
    entities = {k: v for k, v in ent.as_dict().items() if k != "guests"}
    return {"intent": intent.intent, "confidence": round(intent.confidence, 3), "entities": entities}
