"""Telegram adapter: update parsing, webhook secret, aiogram Bot against the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from channels.base import ChannelName, DeliveryFailed, OutboundMessage, RecipientOptedOut, Reply
from channels.telegram import (
    TelegramSender,
    callback_data_for,
    parse_telegram_update,
    split_text,
    verify_telegram_secret,
)
from tests.fakes.credentials import TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET
from tests.fakes.telegram_server import FakeTelegram, callback_update, photo_update, text_update

NOW = datetime(2025, 5, 1, 18, 0, tzinfo=UTC)


# --- parsing -----------------------------------------------------------------------------


def test_text_message() -> None:
    update = text_update(123456789, "How much for 10 people?", first_name="Ana", update_id=42)
    msg = parse_telegram_update(update, NOW)
    assert msg is not None
    assert msg.channel is ChannelName.TELEGRAM
    assert msg.sender == "123456789"
    assert msg.text == "How much for 10 people?"
    assert msg.provider_message_id == "42"
    assert msg.display_name == "Ana"
    assert msg.media_count == 0
    assert msg.button_payload is None
    assert msg.received_at == NOW


def test_callback_query_is_a_button_press() -> None:
    update = callback_update(987, "Book a date", first_name="Bo")
    msg = parse_telegram_update(update, NOW)
    assert msg is not None
    assert msg.sender == "987"
    assert msg.text == "Book a date"
    assert msg.button_payload == "Book a date"
    assert msg.callback_query_id == update["callback_query"]["id"]
    assert msg.display_name == "Bo"
    assert msg.provider_message_id == str(update["update_id"])


def test_non_text_message_is_polite_empty_text() -> None:
    msg = parse_telegram_update(photo_update(55), NOW)
    assert msg is not None
    assert msg.text == ""
    assert msg.media_count == 1
    captioned = parse_telegram_update(photo_update(55, caption="our backyard"), NOW)
    assert captioned is not None
    assert (captioned.text, captioned.media_count) == ("our backyard", 1)


def test_other_updates_are_ignored() -> None:
    edited = text_update(1, "edit")
    edited["edited_message"] = edited.pop("message")
    assert parse_telegram_update(edited, NOW) is None


def test_malformed_update_raises_value_error() -> None:
    with pytest.raises(ValueError):
        parse_telegram_update({"message": {"text": "no update id"}}, NOW)


def test_verify_secret_fails_closed() -> None:
    assert verify_telegram_secret(TELEGRAM_WEBHOOK_SECRET, TELEGRAM_WEBHOOK_SECRET)
    assert not verify_telegram_secret(TELEGRAM_WEBHOOK_SECRET, "nope")
    assert not verify_telegram_secret(TELEGRAM_WEBHOOK_SECRET, None)
    assert not verify_telegram_secret(TELEGRAM_WEBHOOK_SECRET, "")
    assert not verify_telegram_secret("", "")
    assert not verify_telegram_secret(None, "anything")


def test_callback_data_truncated_on_char_boundary() -> None:
    assert callback_data_for("Get a quote") == "Get a quote"
    long_label = "é" * 40  # 80 bytes
    data = callback_data_for(long_label)
    assert len(data.encode("utf-8")) <= 64
    assert data == "é" * 32
    odd = "a" + "é" * 40  # the 64-byte cut falls inside a character
    assert callback_data_for(odd) == "a" + "é" * 31


def test_split_text() -> None:
    assert split_text("short") == ["short"]
    parts = split_text("a" * 3000 + "\n\n" + "b" * 3000)
    assert parts == ["a" * 3000, "b" * 3000]
    assert all(len(p) <= 4096 for p in split_text("x" * 10_000))


# --- the real aiogram Bot against the fake Bot API --------------------------------------


@pytest.fixture
async def sender(telegram_fake: FakeTelegram) -> AsyncIterator[TelegramSender]:
    tg = TelegramSender(TELEGRAM_BOT_TOKEN, api_base=telegram_fake.base_url)
    yield tg
    await tg.close()


async def test_send_message_with_inline_keyboard(
    telegram_fake: FakeTelegram, sender: TelegramSender
) -> None:
    reply = Reply("What would you like?", ("Get a quote", "Book a date"))
    message_id = await sender.send(OutboundMessage(ChannelName.TELEGRAM, "123456789", reply, "k1"))
    assert message_id == "1"
    [call] = telegram_fake.calls("sendMessage")
    assert call["chat_id"] == "123456789"
    assert call["text"] == "What would you like?"
    assert call["reply_markup"] == {
        "inline_keyboard": [
            [{"text": "Get a quote", "callback_data": "Get a quote"}],
            [{"text": "Book a date", "callback_data": "Book a date"}],
        ]
    }


async def test_send_plain_text_has_no_keyboard(
    telegram_fake: FakeTelegram, sender: TelegramSender
) -> None:
    await sender.send(OutboundMessage(ChannelName.TELEGRAM, "5", Reply("Thanks!"), "k2"))
    [call] = telegram_fake.calls("sendMessage")
    assert "reply_markup" not in call


async def test_blocked_bot_is_opted_out(
    telegram_fake: FakeTelegram, sender: TelegramSender
) -> None:
    telegram_fake.blocked.add(777)
    with pytest.raises(RecipientOptedOut):
        await sender.send(OutboundMessage(ChannelName.TELEGRAM, "777", Reply("Hi"), "k3"))


async def test_recipient_must_be_a_chat_id(sender: TelegramSender) -> None:
    with pytest.raises(DeliveryFailed) as failure:
        await sender.send(OutboundMessage(ChannelName.TELEGRAM, "+14085551234", Reply("Hi"), "k"))
    assert not failure.value.retryable


async def test_answer_callback_query(telegram_fake: FakeTelegram, sender: TelegramSender) -> None:
    await sender.answer_callback_query("4242")
    [call] = telegram_fake.calls("answerCallbackQuery")
    assert call["callback_query_id"] == "4242"


async def test_long_polling_serves_queued_updates(
    telegram_fake: FakeTelegram, sender: TelegramSender
) -> None:
    bot = sender.bot
    me = await bot.get_me()
    assert me.is_bot and me.id == 7000000001
    assert await bot.delete_webhook()
    first, second = text_update(1, "hello"), callback_update(1, "Get a quote")
    telegram_fake.push_update(first)
    telegram_fake.push_update(second)
    updates = await bot.get_updates(timeout=1)
    assert [u.update_id for u in updates] == [first["update_id"], second["update_id"]]
    parsed = [
        parse_telegram_update(u.model_dump(mode="json", by_alias=True, exclude_none=True), NOW)
        for u in updates
    ]
    assert [m.text for m in parsed if m is not None] == ["hello", "Get a quote"]
    # Confirming with offset = last + 1 empties the queue; the poll then times out empty.
    assert await bot.get_updates(offset=second["update_id"] + 1, timeout=1) == []


async def test_set_webhook_with_secret(telegram_fake: FakeTelegram, sender: TelegramSender) -> None:
    url = "https://bot.example.com/webhooks/telegram"
    assert await sender.bot.set_webhook(url, secret_token=TELEGRAM_WEBHOOK_SECRET)
    assert telegram_fake.webhook_url == url
    [call] = telegram_fake.calls("setWebhook")
    assert call["secret_token"] == TELEGRAM_WEBHOOK_SECRET
