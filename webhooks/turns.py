"""One inbound message, end to end: inbox → per-conversation lock → SMS keywords →
staff ownership → dialogue engine → messages, escalation, outbox → one commit.

This is the application layer: it composes the booking core (SQL in repositories),
the FAQ and the channel-agnostic engine."""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot import templates as t
from bot.engine import handle
from bot.ports import FaqHit, TurnInput
from bot.state import DialogueState
from channels.base import ChannelName, InboundMessage, Reply
from channels.keywords import classify_sms_keyword, wants_opt_out
from core.errors import NotFound
from core.models import Booking, Conversation, Customer, Lead, Station
from core.pricing import Quote
from core.redact import mask_phone
from core.repositories.bookings import BookingRepository
from core.repositories.conversations import ConversationRepository, InboxRepository, NewMessage
from core.repositories.customers import CustomerRepository
from core.repositories.leads import LeadRepository
from core.repositories.outbox import OptOutRepository, OutboxRepository
from core.repositories.stations import StationRepository
from core.services import leads
from core.services.availability import OpenDays, SlotStatus, open_days, slots_for
from core.services.bookings import (
    BookingRequest,
    add_note,
    can_change_party,
    can_reschedule,
    cancel_booking,
    change_party,
    create_booking,
    reschedule_booking,
)
from core.services.customers import resolve_customer
from core.services.quotes import quote_for
from core.services.stations import CityRoute, Route, city_names, route_city, route_zip
from webhooks import metrics
from webhooks.container import Container

log = logging.getLogger(__name__)

# Channels whose replies leave through the outbox; SMS and web chat answer inline.
OUTBOX_CHANNELS = {"telegram"}


@dataclass
class TurnOutcome:
    conversation_id: uuid.UUID | None
    replies: list[Reply]
    duplicate: bool = False


def replies_json(replies: list[Reply]) -> list[dict[str, Any]]:
    return [{"text": r.text, "buttons": list(r.buttons), "kind": r.kind} for r in replies]


def replies_from_json(data: dict[str, Any] | None) -> list[Reply]:
    return [
        Reply(r["text"], tuple(r.get("buttons", ())), r.get("kind", "text"))
        for r in (data or {}).get("replies", [])
    ]


class CorePorts:
    """The engine's view of the product for one conversation, inside one transaction."""

    def __init__(
        self, c: Container, session: AsyncSession, conv: Conversation, channel: str,
        stations: list[Station] | None = None,
    ) -> None:
        self.c = c
        self.s = session
        self.conv = conv
        self.channel = channel
        self._stations = stations  # loaded once per turn
        # Also once per turn: a turn often records two funnel events (a quote, then the
        # station it routed to), and each used to fetch both rows again.
        self._customer: Customer | None = None
        self._lead: Lead | None = None
        # The customer's upcoming bookings, read once per turn (the engine asks from several
        # places in one turn); any write to a booking forgets them.
        self._upcoming: tuple[uuid.UUID, list[Booking]] | None = None
        self.business_name = stations[0].business_name if stations else "our hibachi chefs"

    async def stations(self) -> list[Station]:
        if self._stations is None:
            self._stations = await StationRepository(self.s).list()
            if self._stations:
                self.business_name = self._stations[0].business_name
        return self._stations

    async def default_station(self) -> Station:
        stations = await self.stations()
        return next((s for s in stations if s.id == self.conv.station_id), stations[0])

    async def route(self, zip_code: str) -> Route:
        r = route_zip(await self.stations(), zip_code)
        self.conv.station_id = r.station.id
        return r

    async def city_names(self) -> frozenset[str]:
        return city_names(await self.stations())

    async def route_city(self, name: str) -> CityRoute | None:
        return route_city(await self.stations(), name)

    async def quote(self, adults: int, kids: int, zip_code: str) -> Quote:
        q, _ = await quote_for(self.s, adults, kids, zip_code, await self.stations())
        return q

    async def slots(self, station: Station, day: date) -> list[SlotStatus]:
        # Pending lead/conversation changes cannot change a slot count (a booking flushes
        # when it is made), so they wait for the commit instead of a flush of their own.
        with self.s.no_autoflush:
            return await slots_for(BookingRepository(self.s), station, day, self.c.now())

    async def open_days(self, station: Station, first: date, last: date) -> OpenDays:
        with self.s.no_autoflush:
            return await open_days(BookingRepository(self.s), station, first, last, self.c.now())

    async def faq(self, text: str) -> FaqHit | None:
        search = self.c.extras.get("faq_search")
        if search is None:
            return None
        return await search(self.s, text, self.conv.station_id)

    async def customer(self) -> Customer:
        if self._customer is not None and self._customer.id == self.conv.customer_id:
            return self._customer
        repo = CustomerRepository(self.s)
        found = None
        if self.conv.customer_id is not None:
            found = await repo.get(self.conv.customer_id)
        if found is None:
            found = await repo.add(Customer(station_id=self.conv.station_id))
            self.conv.customer_id = found.id
        self._customer = found
        return found

    async def lead_event(self, kind: str, details: dict[str, Any] | None = None) -> None:
        cust = await self.customer()
        cust.station_id = self.conv.station_id
        lead_details: dict[str, Any] = {}
        if kind == "quote_viewed" and details:
            lead_details = {
                "adults": details.get("adults"),
                "kids": details.get("kids"),
                "zip": details.get("zip"),
                "quote_total_cents": details.get("total_cents"),
            }
        self._lead = await leads.record(
            LeadRepository(self.s), cust, source=self.channel, event=kind, now=self.c.now(),
            data=details or {}, details=lead_details, known=self._lead,
        )

    async def update_contact(
        self, *, name: str | None = None, phone: str | None = None, email: str | None = None
    ) -> None:
        current = await self.customer()
        found = await resolve_customer(
            CustomerRepository(self.s), station_id=self.conv.station_id,
            phone=phone, email=email, name=name, current=current,
            # what the form shows is what is kept: a phone or email typed again replaces
            # the one before (not an SMS sender's own number, which is who they are)
            corrected=frozenset({"email"} if self.channel == "sms" else {"email", "phone"}),
        )
        self.conv.customer_id = found.id

    async def create_booking(
        self, quote: Quote, station: Station, day: date, slot: str, address: str,
        notes: str | None = None,
    ) -> tuple[Booking, str | None]:
        cust = await self.customer()
        lead = await LeadRepository(self.s).open_for_customer(cust.id)
        self._upcoming = None
        booking = await create_booking(
            self.s,
            BookingRequest(station, quote, day, slot, address, cust, self.channel,
                           lead.id if lead else None, self.conv.id, notes),
            self.c.now(),
        )
        await self.lead_event("booking_created", {"booking_id": str(booking.id)})
        url = None
        payments = self.c.extras.get("payment_link")
        if payments is not None:
            url = await payments(self.s, booking)
        return booking, url

    async def contact_on_file(self) -> tuple[str | None, str | None, str | None]:
        if self.conv.customer_id is None:
            return None, None, None
        cust = await self.customer()
        return cust.name, cust.phone, cust.email

    async def upcoming_bookings(self) -> list[Booking]:
        customer = self.conv.customer_id
        if customer is None:
            return []
        if self._upcoming is None or self._upcoming[0] != customer:
            tz = ZoneInfo((await self.default_station()).timezone)
            today = self.c.now().astimezone(tz).date()
            self._upcoming = (customer, await BookingRepository(self.s).upcoming_for_customer(customer, today))
        return list(self._upcoming[1])

    async def cancelled_bookings(self) -> list[Booking]:
        customer = self.conv.customer_id
        if customer is None:
            return []
        tz = ZoneInfo((await self.default_station()).timezone)
        today = self.c.now().astimezone(tz).date()
        return await BookingRepository(self.s).cancelled_upcoming_for_customer(customer, today)

    async def _booking(self, booking_id: str) -> Booking:
        b = await BookingRepository(self.s).get_for_update(uuid.UUID(booking_id))
        if b is None:
            raise NotFound("No such booking.")
        return b

    async def station_of(self, booking: Booking) -> Station:
        return next(s for s in await self.stations() if s.id == booking.station_id)

    async def cancel(self, booking_id: str) -> tuple[Booking, bool]:
        b = await self._booking(booking_id)
        self._upcoming = None
        outcome = await cancel_booking(self.s, await self.station_of(b), b, self.c.now(), "customer")
        refund = self.c.extras.get("refund")
        if outcome.refund_deposit and refund is not None:
            await refund(self.s, b)
        return b, outcome.refund_deposit

    async def add_note(self, booking_id: str, note: str) -> Booking:
        self._upcoming = None
        return await add_note(self.s, await self._booking(booking_id), note, self.c.now())

    async def can_reschedule(self, booking_id: str) -> str | None:
        b = await self._booking(booking_id)
        return can_reschedule(await self.station_of(b), b, self.c.now())

    async def reschedule(self, booking_id: str, day: date, slot: str) -> Booking:
        b = await self._booking(booking_id)
        self._upcoming = None
        return await reschedule_booking(self.s, await self.station_of(b), b, day, slot, self.c.now())

    async def can_change_party(self, booking_id: str) -> str | None:
        b = await self._booking(booking_id)
        return can_change_party(await self.station_of(b), b, self.c.now())

    async def change_party(self, booking_id: str, quote: Quote) -> Booking:
        b = await self._booking(booking_id)
        self._upcoming = None
        return await change_party(self.s, await self.station_of(b), b, quote, self.c.now())


async def _sms_keyword(
    c: Container, s: AsyncSession, conv: Conversation, msg: InboundMessage, stations: list[Station]
) -> list[Reply] | None:
    """STOP/START/HELP before anything else; None when the message is not a keyword."""
    word = classify_sms_keyword(msg.text)
    opt = OptOutRepository(s)
    opted_out = await opt.is_opted_out(msg.sender)
    if word == "opt_out":
        state = DialogueState.from_json(conv.state)
        if state.form in ("cancel", "reschedule", "party"):
            # A change waiting for its yes is dropped: a "yes" after START must not make it.
            state.form = state.expecting = state.target_booking = None
            conv.state = state.to_json()
        if await opt.opt_out(msg.sender):
            await OutboxRepository(s).suppress_pending_for("sms", msg.sender)
            ports = CorePorts(c, s, conv, "sms", stations)
            await ports.lead_event("opted_out")
            return [t.sms_opted_out(ports.business_name)]
        return []
    if word == "opt_in" and (opted_out or msg.text.strip().upper().startswith(("START", "UNSTOP"))):
        await opt.opt_in(msg.sender)
        return [t.sms_opted_in()]
    if word == "help":
        # (an opted-out number asking for help is told it is unsubscribed and how to come
        # back, not "reply STOP to opt out")
        business = stations[0].business_name
        return [t.sms_help_opted_out(business) if opted_out else t.sms_help(business)]
    if opted_out:
        return []  # nothing outbound to an opted-out number
    if wants_opt_out(msg.text):
        return [t.sms_opt_out_how()]  # "stop texting me": the one word that does it
    return None


async def process_message(c: Container, msg: InboundMessage, *, recovered: bool = False) -> TurnOutcome:
    """Handle one inbound message exactly once (duplicates get the stored answer).

    ``recovered``: the message was found unanswered after a crash; its provider request
    is gone, so every reply leaves through the outbox, and a late retry of the same
    request then gets an empty answer instead of a second copy.
    """
    started = time.perf_counter()
    outcome = await _process(c, msg, recovered)
    metrics.INBOUND.labels(str(msg.channel), "duplicate" if outcome.duplicate else "processed").inc()
    if not outcome.duplicate:
        metrics.TURN_SECONDS.labels(str(msg.channel)).observe(time.perf_counter() - started)
        c.kick_outbox()
    return outcome


async def _process(c: Container, msg: InboundMessage, recovered: bool) -> TurnOutcome:
    # One pool checkout (and liveness ping) for both transactions of the turn.
    async with c.engine.connect() as conn:
        return await _process_on(c, conn, msg, recovered)


async def _process_on(
    c: Container, conn: AsyncConnection, msg: InboundMessage, recovered: bool
) -> TurnOutcome:
    channel = str(msg.channel)
    # Phase 1: record it, on its own, so a crash later cannot lose it.
    # Committed by itself (its own one-statement transaction), so an app crash later
    # still leaves the row for recovery.
    async with c.uow(conn) as uow:
        await InboxRepository(uow.session).record(
            channel, msg.provider_message_id,
            {"sender": msg.sender, "text": msg.text, "media": msg.media_count,
             "name": msg.display_name, "at": msg.received_at.isoformat()},
        )
    # Phase 2: process under the conversation's lock (every writer takes it).
    async with c.uow(conn) as uow:
        s = uow.session
        await uow.lock(f"conv:{channel}:{msg.sender}")
        inbox_repo = InboxRepository(s)
        inbox = await inbox_repo.status(channel, msg.provider_message_id)
        assert inbox is not None
        if inbox.processed:
            stored = inbox.response or {}
            replies = [] if stored.get("via_outbox") else replies_from_json(stored)
            return TurnOutcome(inbox.conversation_id, replies, duplicate=True)
        stations = await StationRepository(s).list()
        conv = await ConversationRepository(s).get_or_create(channel, msg.sender, stations[0].id)
        via_outbox = recovered or channel in OUTBOX_CHANNELS
        now = c.now()
        # The turn's transcript, written with the inbox row in one statement at the end.
        transcript = [NewMessage("in", "customer", msg.text, at=now)]
        outcome = await _turn(c, s, conv, msg, via_outbox, stations, now, transcript)
        # Set last, so the conversation's row is written once, with its new state.
        conv.last_message_at = now
        await inbox_repo.mark_processed(
            inbox.id, conv.id,
            {"replies": replies_json(outcome.replies), "via_outbox": via_outbox}, c.now(),
            transcript,
        )
        await uow.commit()
    return outcome


async def _turn(
    c: Container, s: AsyncSession, conv: Conversation, msg: InboundMessage, via_outbox: bool,
    stations: list[Station], now: datetime, transcript: list[NewMessage],
) -> TurnOutcome:
    repo = ConversationRepository(s)
    channel = str(msg.channel)
    if channel == ChannelName.SMS and conv.customer_id is None:
        cust = await resolve_customer(CustomerRepository(s), station_id=conv.station_id, phone=msg.sender)
        conv.customer_id = cust.id

    if channel == ChannelName.SMS:
        keyword = await _sms_keyword(c, s, conv, msg, stations)
        if keyword is not None:
            return await _finish(s, conv, keyword, via_outbox, c, now, transcript)
    if conv.status in ("escalated", "staff"):
        log.info("conversation %s held by staff; bot silent", conv.id)
        notify = c.extras.get("notify_staff")
        if notify is not None:
            await notify(conv, msg.text)
        return TurnOutcome(conv.id, [])
    if conv.status == "closed":
        conv.status, conv.state = "bot", {}
    if msg.media_count and not msg.text.strip():
        return await _finish(s, conv, [t.text_only()], via_outbox, c, now, transcript)
    if not msg.text.strip():
        return await _finish(s, conv, [t.empty_message()], via_outbox, c, now, transcript)

    state = DialogueState.from_json(conv.state)
    ports = CorePorts(c, s, conv, channel, stations)
    result = await handle(
        ports, state,
        TurnInput(text=msg.text[:2000], channel=channel, now=now,
                  sender_phone=msg.sender if channel == ChannelName.SMS else None,
                  display_name=msg.display_name),
    )
    conv.state = state.to_json()
    if result.escalate:
        conv.status = "escalated"
        conv.escalation_reason = result.escalate
        await repo.add_escalation(conv.id, result.escalate)
        metrics.ESCALATIONS.labels(result.escalate).inc()
        notify = c.extras.get("notify_staff")
        if notify is not None:
            await notify(conv, msg.text)
        log.info("conversation %s escalated (%s) for %s", conv.id, result.escalate, mask_phone(msg.sender) if channel == "sms" else channel)
    return await _finish(s, conv, result.replies, via_outbox, c, now, transcript)


async def _finish(
    s: AsyncSession, conv: Conversation, replies: list[Reply], via_outbox: bool,
    c: Container, received: datetime, transcript: list[NewMessage],
) -> TurnOutcome:
    """Add the replies to the turn's transcript (and, off the webhook response, enqueue
    them), stamped on the same clock as the inbound message (``received``) and never
    before it: the database's ``now()`` is the transaction's start, earlier than the
    app's clock."""
    at = max(received, c.now())
    turn = uuid.uuid4().hex[:12]
    for i, r in enumerate(replies):
        transcript.append(NewMessage("out", "bot", r.text, tuple(r.buttons), r.kind, at))
        if via_outbox:
            await OutboxRepository(s).enqueue(
                conversation_id=conv.id, channel=conv.channel, recipient=conv.external_id,
                text=r.text, buttons=list(r.buttons), kind=r.kind, idempotency_key=f"turn:{conv.id}:{turn}:{i}",
            )
    return TurnOutcome(conv.id, replies)
