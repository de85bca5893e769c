"""Hot-path statements sent straight to asyncpg stay inside the unit of work."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.repositories.conversations import ConversationRepository, InboxRepository, NewMessage
from core.repositories.stations import StationRepository
from webhooks.container import Container


async def test_a_raw_first_statement_rolls_back_with_its_unit_of_work(db: Container) -> None:
    async with db.uow() as uow:
        inbox = InboxRepository(uow.session)
        assert await inbox.record("sms", "SM-0", {"text": "lost?"})
        station = (await StationRepository(uow.session).list())[0]
        conv = await ConversationRepository(uow.session).get_or_create("sms", "+14085550100", station.id)
        status = await inbox.status("sms", "SM-0")
        assert status is not None
        await uow.commit()
    # The turn's transcript is this transaction's first statement: if it ran before BEGIN
    # it would autocommit and survive the rollback below.
    async with db.uow() as uow:
        await InboxRepository(uow.session).mark_processed(
            status.id, conv.id, {"replies": []}, datetime.now(UTC),
            [NewMessage("in", "customer", "lost?")],
        )
    async with db.uow() as uow:
        assert await ConversationRepository(uow.session).messages(conv.id) == []
        again = await InboxRepository(uow.session).status("sms", "SM-0")
        assert again is not None and not again.processed


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
    # The hot path's last statement: the turn's messages land in the order given, with
    # their buttons and kinds, together with the inbox row's answer.
    at = datetime(2026, 11, 22, 18, 30, tzinfo=UTC)
    async with db.uow() as uow:
        s = uow.session
        inbox = InboxRepository(s)
        assert await inbox.record("sms", "SM-1", {"text": "hi", "media": 0})
        station = (await StationRepository(s).list())[0]
        conv = await ConversationRepository(s).get_or_create("sms", "+14085550101", station.id)
        status = await inbox.status("sms", "SM-1")
        assert status is not None and not status.processed
        await inbox.mark_processed(status.id, conv.id, {"replies": [{"text": "Hello!"}]}, at, [
            NewMessage("in", "customer", "hi 🍤"),
            NewMessage("out", "bot", "Hello!", ("Quote", "Book"), "greeting", at),
            NewMessage("out", "bot", "Also: we bring the grill.", kind="faq_answer", at=at),
        ])
        await uow.commit()
    async with db.uow() as uow:
        status = await InboxRepository(uow.session).status("sms", "SM-1")
        assert status is not None and status.processed
        assert status.conversation_id == conv.id
        assert status.response == {"replies": [{"text": "Hello!"}]}
        inbound, outbound, second = await ConversationRepository(uow.session).messages(conv.id)
    assert (inbound.text, inbound.buttons, inbound.kind) == ("hi 🍤", [], None)
    assert inbound.created_at is not None  # the database's clock when none is given
    assert (outbound.text, outbound.buttons, outbound.kind) == ("Hello!", ["Quote", "Book"], "greeting")
    assert outbound.created_at == at
    assert (second.direction, second.text, second.buttons, second.kind) == (
        "out", "Also: we bring the grill.", [], "faq_answer"
    )
    assert second.created_at == at
