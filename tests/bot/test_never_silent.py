"""While the bot holds a conversation every customer message gets an answer.

Found by an audit: after a quote, the same request again, the quote button again, "12
adults" again or a bare "ok" came back as `replies: []` (nothing sent on SMS/Telegram),
because the engine only spoke when the quote total changed. DOMAIN.md lets the bot stay
silent only while staff hold the conversation.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

import httpx
import pytest
from sqlalchemy import select

from bot import templates as t
from bot.stories import in_process_sender
from channels.base import Reply
from core.models import Conversation
from webhooks.container import Container

QUOTE_ASK = "how much for 12 adults and 3 kids at 95112?"
TOTAL = "$900.00"  # DOMAIN.md: 12 adults + 3 kids at 95112
NOW = datetime(2026, 12, 1, 10, 0)  # a Tuesday; Dec 12 is bookable

# Short acknowledgements, repeats and odd messages a customer sends after a quote.
AFTER_QUOTE = [
    "ok", "okay", "k", "cool", "great", "perfect", "nice", "alright", "got it", "wow",
    "thanks", "thank you!", "ty", "👍", "sounds good", "yes", "yep", "sure", "no", "nope",
    "maybe later", "hmm", "lol", "?", "...", "hello?", "12 adults", "12 adults and 3 kids",
    "95112", t.B_QUOTE, "how much?", QUOTE_ASK, "so $900?", "asdf",
]


def _text(replies: list[dict[str, object]]) -> str:
    return "\n".join(str(r["text"]) for r in replies)


def _buttons(replies: list[dict[str, object]]) -> list[str]:
    return [b for r in replies for b in r["buttons"]]  # type: ignore[attr-defined]


async def _chat(client: httpx.AsyncClient, session: str, text: str) -> list[dict[str, object]]:
    r = await client.post("/api/chat", json={"session_id": session, "text": text})
    assert r.status_code == 200, r.text
    replies: list[dict[str, object]] = r.json()["replies"]
    return replies


async def _quoted(client: httpx.AsyncClient, ask: str = QUOTE_ASK) -> str:
    session = uuid.uuid4().hex
    first = await _chat(client, session, ask)
    assert [r["kind"] for r in first] == ["quote"]
    return session


@pytest.mark.parametrize(
    ("first", "again", "total"),
    [
        (QUOTE_ASK, QUOTE_ASK, TOTAL),
        ("how much for 12 adults at 95112?", "how much for 12 adults at 95112?", "$792.00"),
        (QUOTE_ASK, t.B_QUOTE, TOTAL),
        (QUOTE_ASK, "12 adults", TOTAL),
        (QUOTE_ASK, "12 adults and 3 kids", TOTAL),
        (QUOTE_ASK, "95112", TOTAL),
        (QUOTE_ASK, "how much?", TOTAL),
    ],
)
async def test_the_same_request_again_restates_the_total(
    client: httpx.AsyncClient, first: str, again: str, total: str
) -> None:
    session = await _quoted(client, first)
    replies = await _chat(client, session, again)
    assert replies, f"{again!r} after a quote got no reply"
    text = _text(replies)
    assert total in text, text  # the quote engine's total, not an invented one
    assert "?" in text  # and the next step, as a question
    assert {t.B_BOOK_IT, t.B_PERSON} <= set(_buttons(replies))
    assert "escalated" not in [r["kind"] for r in replies]


async def test_on_sms_the_repeat_is_answered_in_one_text(db: Container, set_now: Callable[[datetime], None]) -> None:
    set_now(NOW)
    send = in_process_sender(db)
    phone = "+14085550142"
    assert [r.kind for r in await send("sms", phone, QUOTE_ASK)] == ["quote"]
    replies = await send("sms", phone, QUOTE_ASK)
    assert len(replies) == 1 and TOTAL in replies[0].text
    assert len(replies[0].text) <= 160


async def test_a_misunderstanding_after_a_quote_restates_it(client: httpx.AsyncClient) -> None:
    session = await _quoted(client)
    replies = await _chat(client, session, "lol")
    assert [r["kind"] for r in replies] == ["clarify"]
    assert TOTAL in _text(replies) and t.B_BOOK_IT in _buttons(replies)


async def test_a_different_zip_with_the_same_total_says_so(client: httpx.AsyncClient) -> None:
    """95113 is inside the free travel radius too: same total, said for the new zip."""
    session = await _quoted(client)
    text = _text(await _chat(client, session, "95113"))
    assert TOTAL in text and "95113" in text


@pytest.mark.parametrize("ack", ["ok", "cool", "sounds good", "👍"])
async def test_ok_after_a_quote_offers_the_next_step(client: httpx.AsyncClient, ack: str) -> None:
    session = await _quoted(client)
    replies = await _chat(client, session, ack)
    assert replies, f"{ack!r} after a quote got no reply"
    text = _text(replies)
    assert "date" in text.lower() and "?" in text, text
    assert "didn't catch" not in text  # an acknowledgement is not a misunderstanding
    assert {t.B_BOOK_IT, t.B_QUESTION, t.B_PERSON} <= set(_buttons(replies))
    assert len(text) <= 160  # one SMS


async def test_thanks_after_a_quote_offers_the_next_step(client: httpx.AsyncClient) -> None:
    session = await _quoted(client)
    replies = await _chat(client, session, "thanks!")
    assert [r["kind"] for r in replies] == ["thanks"]
    assert "date" in _text(replies).lower()
    assert t.B_BOOK_IT in _buttons(replies)


async def test_yes_to_the_offer_starts_the_booking(client: httpx.AsyncClient) -> None:
    session = await _quoted(client)
    await _chat(client, session, "ok")
    replies = await _chat(client, session, "yes")
    assert [r["kind"] for r in replies] == ["ask_date"]


async def test_no_after_a_quote_keeps_it_without_asking_what_to_change(client: httpx.AsyncClient) -> None:
    session = await _quoted(client)
    await _chat(client, session, "ok")
    replies = await _chat(client, session, "no thanks")
    text = _text(replies)
    assert replies and "quote" in text.lower()
    assert "what would you like to change" not in text.lower()


async def test_acknowledgements_never_escalate(client: httpx.AsyncClient) -> None:
    """Two "cool"s are not two misunderstandings: the conversation stays with the bot."""
    session = await _quoted(client)
    for ack in ("cool", "cool", "ok", "great"):
        replies = await _chat(client, session, ack)
        assert replies and "escalated" not in [r["kind"] for r in replies], ack


@pytest.mark.parametrize("text", AFTER_QUOTE)
async def test_any_short_message_after_a_quote_gets_a_useful_reply(client: httpx.AsyncClient, text: str) -> None:
    session = await _quoted(client)
    replies = await _chat(client, session, text)
    assert replies, f"{text!r} after a quote got no reply"
    kinds = {r["kind"] for r in replies}
    useful = "?" in _text(replies) or bool(_buttons(replies)) or bool(kinds & {"faq_answer", "bye"})
    assert useful, replies


async def _status(db: Container, channel: str, sender: str) -> str | None:
    async with db.uow() as uow:
        conv = await uow.session.scalar(
            select(Conversation).where(Conversation.channel == channel, Conversation.external_id == sender)
        )
        return conv.status if conv is not None else None


# Where a conversation can be when the odd messages arrive.
PREFIXES = [
    [QUOTE_ASK],
    [QUOTE_ASK, t.B_BOOK_IT],
    ["book dec 12 6pm for 12 adults 3 kids 95112"],
    ["is dec 12 free?"],
    [t.B_QUOTE],
]


@pytest.mark.parametrize("channel", ["webchat", "sms"])
async def test_a_run_of_odd_messages_is_answered_until_staff_take_over(
    db: Container, set_now: Callable[[datetime], None], channel: str
) -> None:
    """The whole list in one conversation from several starting points, in-process
    (the path SMS and Telegram take): every turn answers, unless staff already hold the
    conversation (two misunderstandings in a row hand it over; then silence is right)."""
    set_now(NOW)
    send = in_process_sender(db)
    failures: list[str] = []
    for i, prefix in enumerate(PREFIXES):
        sender = f"+140855501{i:02d}" if channel == "sms" else uuid.uuid4().hex
        for text in prefix:
            assert await send(channel, sender, text), f"{prefix}: {text!r}"
        for text in AFTER_QUOTE:
            held = await _status(db, channel, sender) in ("escalated", "staff")
            replies: list[Reply] = await send(channel, sender, text)
            if not replies and not held:
                failures.append(f"{prefix} then {text!r}: no reply")
            if held:
                break
    assert not failures, "\n".join(failures)
