"""Story tests: YAML conversations with expectations (see tests/stories/README.md).

`run_story` drives one story through the real product — either in-process
(`process_message`) or over the web-chat HTTP API — and returns its failures."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from sqlalchemy import select

from channels.base import ChannelName, InboundMessage, Reply
from core.models import Booking, Conversation, Customer, Lead, LeadEvent, SmsOptOut
from core.repositories.customers import CustomerRepository
from core.repositories.stations import StationRepository
from core.services.bookings import BookingRequest, create_booking
from core.services.customers import resolve_customer
from core.services.quotes import quote_for
from webhooks.container import Container

DEFAULT_NOW = "2026-12-01T10:00"
DEFAULT_PHONE = "+14085550100"
LA = ZoneInfo("America/Los_Angeles")

Send = Callable[[str, str, str], Awaitable[list[Reply]]]  # (channel, sender, text)


@dataclass
class StoryResult:
    name: str
    file: str
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def load_stories(path: Path) -> list[tuple[str, dict[str, Any]]]:
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    out = []
    for f in files:
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        for story in data.get("stories", []):
            out.append((f.name, story))
    return out


def _now(story: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(story.get("now", DEFAULT_NOW)).replace(tzinfo=LA)


async def _setup(c: Container, story: dict[str, Any], channel: str, sender: str) -> None:
    setup = story.get("setup") or {}
    now = c.now()
    async with c.uow() as uow:
        s = uow.session
        stations = await StationRepository(s).list()
        for i, full in enumerate(setup.get("full_slots", [])):
            st = next(x for x in stations if x.id == full.get("station", "sj"))
            for n in range(st.chefs):
                cust = await resolve_customer(
                    CustomerRepository(s), station_id=st.id, phone=f"+1415555{(i * 10 + n) % 10000:04d}"
                )
                q, _ = await quote_for(s, 10, 0, st.base_zip)
                b = await create_booking(
                    s,
                    BookingRequest(st, q, date.fromisoformat(str(full["date"])), full["time"],
                                   f"{n + 1} Other St", cust, "api"),
                    now,
                )
                b.status, b.hold_expires_at = "deposit_paid", None
        # "booking": the customer's booking; "bookings": several (a list of the same).
        for spec in [*([setup["booking"]] if setup.get("booking") else []), *setup.get("bookings", [])]:
            q, st = await quote_for(s, spec["adults"], spec.get("kids", 0), str(spec["zip"]))
            phone = sender if channel == "sms" else spec.get("phone", "+14085559876")
            cust = await resolve_customer(
                CustomerRepository(s), station_id=st.id, phone=phone, name=spec.get("name", "Pat Customer")
            )
            from core.repositories.conversations import ConversationRepository

            conv = await ConversationRepository(s).get_or_create(channel, sender, st.id)
            conv.customer_id = cust.id
            # Existing bookings were made in the past, so lead-time rules don't apply.
            b = await create_booking(
                s,
                BookingRequest(st, q, date.fromisoformat(str(spec["date"])), spec["time"],
                               spec.get("address", "1 Setup Ln"), cust, channel),
                now - timedelta(days=1) if date.fromisoformat(str(spec["date"])) - now.date() < timedelta(days=3) else now,
            )
            status = spec.get("status", "deposit_paid")
            b.status = status
            if status != "pending_deposit":
                b.hold_expires_at = None
        await uow.commit()


def _check_turn(i: int, exp: dict[str, Any], replies: list[Reply]) -> list[str]:
    fails: list[str] = []
    kinds = [r.kind for r in replies]
    text = "\n".join(r.text for r in replies)
    buttons = [b for r in replies for b in r.buttons]
    where = f"turn {i + 1}"
    for k in exp.get("kinds", []):
        if k not in kinds:
            fails.append(f"{where}: expected kind {k}, got {kinds}")
    for k in exp.get("not_kinds", []):
        if k in kinds:
            fails.append(f"{where}: unexpected kind {k}")
    for a in exp.get("amounts", []):
        if a not in text:
            fails.append(f"{where}: amount {a} not in {text!r}")
    for phrase in exp.get("contains", []):
        if phrase.lower() not in text.lower():
            fails.append(f"{where}: {phrase!r} not in {text!r}")
    for phrase in exp.get("not_contains", []):
        if phrase.lower() in text.lower():
            fails.append(f"{where}: {phrase!r} unexpectedly in reply")
    for b in exp.get("buttons", []):
        if b not in buttons:
            fails.append(f"{where}: button {b!r} not in {buttons}")
    if exp.get("has_buttons") and not buttons:
        fails.append(f"{where}: expected buttons")
    if exp.get("silent") and replies:
        fails.append(f"{where}: expected silence, got {kinds}")
    if exp.get("silent") is False and not replies:
        fails.append(f"{where}: expected a reply")
    return fails


async def _check_end(c: Container, end: dict[str, Any], channel: str, sender: str) -> list[str]:
    fails: list[str] = []
    async with c.uow() as uow:
        s = uow.session
        conv = await s.scalar(
            select(Conversation).where(Conversation.channel == channel, Conversation.external_id == sender)
        )
        if "status" in end and (conv is None or conv.status != end["status"]):
            fails.append(f"end: status {conv.status if conv else None} != {end['status']}")
        cust_id = conv.customer_id if conv else None
        leads = list((await s.scalars(select(Lead).where(Lead.customer_id == cust_id))).all()) if cust_id else []
        if end.get("no_lead") and leads:
            fails.append("end: a lead exists")
        if "lead" in end:
            want = end["lead"]
            if not leads:
                fails.append("end: no lead")
            else:
                kinds = set((await s.scalars(
                    select(LeadEvent.kind).where(LeadEvent.lead_id.in_([x.id for x in leads]))
                )).all())
                if "source" in want and not any(x.source == want["source"] for x in leads):
                    fails.append(f"end: lead source {[x.source for x in leads]} != {want['source']}")
                for ev in want.get("events", []):
                    if ev not in kinds:
                        fails.append(f"end: lead event {ev} missing ({sorted(kinds)})")
        bookings = list((await s.scalars(
            select(Booking).where(Booking.customer_id == cust_id).order_by(Booking.updated_at.desc(), Booking.created_at.desc())
        )).all()) if cust_id else []
        made_here = [b for b in bookings if conv is not None and b.conversation_id == conv.id]
        if end.get("no_booking") and made_here:
            fails.append("end: a booking was made")
        if "booking" in end:
            want = end["booking"]
            if not bookings:
                fails.append("end: no booking")
            else:
                b = bookings[0]
                cust = await s.get(Customer, b.customer_id)
                actual = {
                    "status": b.status, "date": b.event_date.isoformat(), "time": b.slot,
                    "adults": b.adults, "kids": b.kids, "zip": b.zip, "total_cents": b.total_cents,
                    "name": cust.name if cust else None,
                }
                for key, value in want.items():
                    if key == "address_contains":
                        if str(value).lower() not in b.address.lower():
                            fails.append(f"end: address {b.address!r} lacks {value!r}")
                    elif key == "notes_contains":
                        if str(value).lower() not in (b.notes or "").lower():
                            fails.append(f"end: notes {b.notes!r} lack {value!r}")
                    elif str(actual.get(key)) != str(value):
                        fails.append(f"end: booking {key} {actual.get(key)!r} != {value!r}")
        if "opted_out" in end:
            opted = await s.get(SmsOptOut, sender) is not None
            if opted != bool(end["opted_out"]):
                fails.append(f"end: opted_out {opted} != {end['opted_out']}")
    return fails


async def run_story(c: Container, story: dict[str, Any], file: str, send: Send) -> StoryResult:
    res = StoryResult(story.get("name", "?"), file)
    channel = story.get("channel", "webchat")
    sender = story.get("phone", DEFAULT_PHONE) if channel == "sms" else (
        uuid.uuid4().hex if channel == "webchat" else str(7_000_000 + uuid.uuid4().int % 1_000_000)
    )
    fixed = _now(story)
    saved = c.now
    c.now = lambda: fixed
    try:
        await _setup(c, story, channel, sender)
        for i, turn in enumerate(story.get("turns", [])):
            replies = await send(channel, sender, str(turn.get("user", "")))
            res.failures += _check_turn(i, turn.get("expect") or {}, replies)
        res.failures += await _check_end(c, story.get("end") or {}, channel, sender)
    finally:
        c.now = saved
    return res


def in_process_sender(c: Container) -> Send:
    from webhooks.turns import process_message

    async def send(channel: str, sender: str, text: str) -> list[Reply]:
        msg = InboundMessage(
            channel=ChannelName(channel), sender=sender, text=text,
            provider_message_id=uuid.uuid4().hex, received_at=c.now(),
        )
        return (await process_message(c, msg)).replies

    return send

