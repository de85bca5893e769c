"""Telegram end to end: secret-checked webhook (and long polling) in, replies through the
outbox with aiogram's Bot against the loopback Bot API, inline keyboards, deposits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.models import Conversation
from tests.fakes.telegram_server import callback_update, photo_update, text_update
from tests.providers.conftest import Wired
from webhooks.telegram_polling import TelegramPoller, telegram_mode

CHAT = 555000111


def sent(w: Wired) -> list[dict[str, Any]]:
    return w.telegram.calls("sendMessage")


async def say(w: Wired, text: str) -> list[dict[str, Any]]:
    before = len(sent(w))
    r = await w.telegram_update(text_update(CHAT, text, first_name="Ana"))
    assert r.status_code == 200 and r.json() == {"ok": True}
    await w.deliver()
    return sent(w)[before:]


async def test_whole_telegram_booking_ends_deposit_paid_and_confirmed_in_telegram(wired: Wired) -> None:
    first = await say(wired, "hey, how much for 12 adults and 3 kids in 95112?")
    assert any("$900.00" in m["text"] for m in first), first
    # Buttons are an inline keyboard; pressing one is a callback query.
    keyboard = first[-1].get("reply_markup")
    assert keyboard and keyboard["inline_keyboard"], first[-1]
    label = keyboard["inline_keyboard"][0][0]["callback_data"]
    press = await wired.telegram_update(callback_update(CHAT, label))
    assert press.status_code == 200
    assert wired.telegram.calls("answerCallbackQuery"), "the button's spinner must stop"
    await wired.deliver()
    for text in ("December 12 at 6pm", "Ana Lee, 1234 Main St, San Jose CA 95112, 408-555-0199, ana@example.com", "yes"):
        await say(wired, text)
    [booking] = await wired.bookings()
    assert booking.status == "pending_deposit" and booking.channel == "telegram"
    assert (booking.event_date.isoformat(), booking.slot, booking.total_cents) == ("2026-12-12", "18:00", 90000)
    assert any(booking.checkout_url and booking.checkout_url in m["text"] for m in sent(wired))

    r, _, _ = await wired.stripe_paid(booking)
    assert r.status_code == 200
    assert await wired.deliver() == 1
    last = sent(wired)[-1]
    assert int(last["chat_id"]) == CHAT and "Deposit received" in last["text"]
    [booking] = await wired.bookings()
    assert booking.status == "deposit_paid"


async def test_repeated_update_id_is_a_no_op(wired: Wired) -> None:
    update = text_update(CHAT, "how much for 20 people in 95112", update_id=990001)
    await wired.telegram_update(update)
    await wired.deliver()
    before, n_sent = await wired.counts(), len(sent(wired))
    for _ in range(3):
        assert (await wired.telegram_update(update)).status_code == 200
    await wired.deliver()
    assert await wired.counts() == before and len(sent(wired)) == n_sent


async def test_wrong_or_missing_secret_is_refused_and_stores_nothing(wired: Wired) -> None:
    update = text_update(CHAT, "hi")
    assert (await wired.telegram_update(update, secret=None)).status_code == 403
    assert (await wired.telegram_update(update, secret="guess")).status_code == 403
    assert all(n == 0 for n in (await wired.counts()).values())


async def test_telegram_endpoint_is_disabled_without_configuration(db, client) -> None:  # type: ignore[no-untyped-def]
    r = await client.post("/webhooks/telegram", json=text_update(CHAT, "hi"),
                          headers={"X-Telegram-Bot-Api-Secret-Token": "anything"})
    assert r.status_code == 403


async def test_malformed_update_gets_400_json(wired: Wired) -> None:
    for body in (b"not json", b"[1, 2]", b'{"message": "no update id"}'):
        r = await wired.http.post("/webhooks/telegram", content=body, headers={
            "X-Telegram-Bot-Api-Secret-Token": "test-telegram-secret", "Content-Type": "application/json"})
        assert r.status_code == 400 and r.json()["error"] == "bad_request", body


async def test_a_photo_gets_a_polite_text_only_answer(wired: Wired) -> None:
    await wired.telegram_update(photo_update(CHAT))
    await wired.deliver()
    [reply] = sent(wired)
    assert "text" in reply["text"].lower()


async def test_blocked_bot_suppresses_the_message_without_retrying(wired: Wired) -> None:
    wired.telegram.blocked.add(CHAT)
    await wired.telegram_update(text_update(CHAT, "hello"))
    assert await wired.deliver() == 1
    assert await wired.deliver() == 0  # not retried


async def test_long_polling_feeds_the_same_pipeline(wired: Wired) -> None:
    wired.c.settings = wired.c.settings.model_copy(update={"public_base_url": None})
    assert telegram_mode(wired.c) == "polling"
    update = text_update(CHAT, "how much for 10 adults in 95112?")
    wired.telegram.push_update(update)
    poller = TelegramPoller(wired.c, timeout=0)
    offset = await poller.poll_once(None)
    assert offset == update["update_id"] + 1
    await wired.deliver()
    assert any("$" in m["text"] for m in sent(wired))
    # The same update seen again (we crashed before confirming the offset) is a no-op.
    wired.telegram.push_update(update)
    await poller.poll_once(None)
    async with wired.c.uow() as uow:
        convs = (await uow.session.scalars(select(Conversation))).all()
    assert len(convs) == 1
    n = len(sent(wired))
    await wired.deliver()
    assert len(sent(wired)) == n
