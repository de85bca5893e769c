"""Hot-path statements sent straight to asyncpg stay inside the unit of work."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.repositories.conversations import ConversationRepository, InboxRepository, NewMessage
from core.repositories.stations import StationRepository
from webhooks.container import Container


async def test_a_raw_first_statement_rolls_back_with_its_unit_of_work(db: Container) -> None:
    async with db.uow() as uow:
        station = (await StationRepository(uow.session).list())[0]
        conv = await ConversationRepository(uow.session).get_or_create("sms", "+14085550100", station.id)
        await uow.commit()
    # The message is this transaction's first statement: if it ran before BEGIN it would
    # autocommit and survive the rollback below.
    async with db.uow() as uow:
        await ConversationRepository(uow.session).append_message(
            conv.id, direction="in", author="customer", text="lost?"
        )
    async with db.uow() as uow:
        assert await ConversationRepository(uow.session).messages(conv.id) == []


async def test_an_inbound_message_is_recorded_by_itself(db: Container) -> None:
    # Committed at once, whatever happens to the rest of the turn's work.
    async with db.uow() as uow:
        assert await InboxRepository(uow.session).record("sms", "SM-own", {"text": "hi"})
    async with db.uow() as uow:  # a duplicate is a no-op
        assert not await InboxRepository(uow.session).record("sms", "SM-own", {"text": "again"})
    async with db.uow() as uow:
        status = await InboxRepository(uow.session).status("sms", "SM-own")
        assert status is not None and not status.processed
        # Inside a begun transaction it could not commit on its own: it refuses.
        with pytest.raises(RuntimeError):
            await InboxRepository(uow.session).record("sms", "SM-other", {"text": "x"})


async def test_inbox_and_messages_round_trip_through_the_driver(db: Container) -> None:
    at = datetime(2026, 11, 22, 18, 30, tzinfo=UTC)
    async with db.uow() as uow:
        s = uow.session
        inbox = InboxRepository(s)
        assert await inbox.record("sms", "SM-1", {"text": "hi", "media": 0})
        station = (await StationRepository(s).list())[0]
        conv = await ConversationRepository(s).get_or_create("sms", "+14085550101", station.id)
        repo = ConversationRepository(s)
        await repo.append_message(conv.id, direction="in", author="customer", text="hi 🍤")
        await repo.append_message(
            conv.id, direction="out", author="bot", text="Hello!", buttons=["Quote", "Book"],
            kind="greeting", at=at,
        )
        status = await inbox.status("sms", "SM-1")
        assert status is not None and not status.processed
        await inbox.mark_processed(status.id, conv.id, {"replies": [{"text": "Hello!"}]}, at)
        await uow.commit()
    async with db.uow() as uow:
        status = await InboxRepository(uow.session).status("sms", "SM-1")
        assert status is not None and status.processed
        assert status.conversation_id == conv.id
        assert status.response == {"replies": [{"text": "Hello!"}]}
        inbound, outbound = await ConversationRepository(uow.session).messages(conv.id)
    assert (inbound.text, inbound.buttons, inbound.kind) == ("hi 🍤", [], None)
    assert inbound.created_at is not None  # the database's clock when none is given
    assert (outbound.text, outbound.buttons, outbound.kind) == ("Hello!", ["Quote", "Book"], "greeting")
    assert outbound.created_at == at


async def test_a_turns_transcript_is_written_with_its_inbox_row(db: Container) -> None:
    # The hot path's last statement: the messages land in the order given, with their
    # buttons and kinds, and only if the unit of work commits.
    at = datetime(2026, 11, 22, 18, 30, tzinfo=UTC)
    transcript = [
        NewMessage("in", "customer", "how much for 12? 🍤", at=at),
        NewMessage("out", "bot", "How many kids?", ("0", "1", "2"), "ask_kids", at),
        NewMessage("out", "bot", "Also: we bring the grill.", kind="faq_answer"),
    ]
    for commit in (False, True):
        async with db.uow() as uow:
            s = uow.session
            inbox = InboxRepository(s)
            if not commit:
                assert await inbox.record("sms", "SM-2", {"text": "how much for 12?"})
            station = (await StationRepository(s).list())[0]
            conv = await ConversationRepository(s).get_or_create("sms", "+14085550102", station.id)
            status = await inbox.status("sms", "SM-2")
            assert status is not None
            await inbox.mark_processed(status.id, conv.id, {"replies": []}, at, transcript)
            if commit:
                await uow.commit()
        async with db.uow() as uow:
            written = await ConversationRepository(uow.session).messages(conv.id)
            status = await InboxRepository(uow.session).status("sms", "SM-2")
        if not commit:  # rolled back: neither the transcript nor the answered mark stay
            assert written == [] and status is not None and not status.processed
    assert [(m.direction, m.text, m.buttons, m.kind) for m in written] == [
        ("in", "how much for 12? 🍤", [], None),
        ("out", "How many kids?", ["0", "1", "2"], "ask_kids"),
        ("out", "Also: we bring the grill.", [], "faq_answer"),
    ]
    assert written[0].created_at == written[1].created_at == at
    assert written[2].created_at is not None  # the database's clock when none is given
    assert status is not None and status.processed
