"""Telegram adapter (aiogram 3): update parsing, webhook secret, sending with buttons."""

from __future__ import annotations

import logging
import re
from datetime import datetime

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from pydantic import ValidationError

from channels.base import (
    ChannelName,
    DeliveryFailed,
    InboundMessage,
    OutboundMessage,
    RecipientOptedOut,
)
from channels.telegram_auth import verify_telegram_secret
from core.text import clean_text

__all__ = [
    "CALLBACK_DATA_MAX_BYTES",
    "TEXT_MAX_CHARS",
    "TelegramSender",
    "callback_data_for",
    "inline_keyboard",
    "parse_telegram_update",
    "split_text",
    "verify_telegram_secret",
]

logger = logging.getLogger(__name__)

CALLBACK_DATA_MAX_BYTES = 64  # Bot API limit for InlineKeyboardButton.callback_data
TEXT_MAX_CHARS = 4096  # Bot API limit for sendMessage text
_CHAT_ID = re.compile(r"-?[0-9]{1,20}")


def parse_telegram_update(data: dict[str, object], received_at: datetime) -> InboundMessage | None:
    """Turn a Telegram ``Update`` into an :class:`InboundMessage`.

    Text messages and button presses (callback queries) become messages; a message
    without text (photo, sticker, voice...) becomes text "" with ``media_count=1`` so the
    bot can answer politely. Other updates (edits, membership changes) give None.
    Raises ValueError for a payload that is not an Update.
    """
    try:
        update = Update.model_validate(data)
    except ValidationError as exc:
        raise ValueError("not a Telegram Update") from exc
    provider_id = str(update.update_id)

    if update.message is not None:
        return _from_message(update.message, provider_id, received_at)

    callback = update.callback_query
    if callback is not None:
        # The message is absent for inline-mode buttons; the presser's id is their chat.
        message = callback.message
        chat_id = message.chat.id if message is not None else callback.from_user.id
        payload = clean_text(callback.data or "")
        return InboundMessage(
            channel=ChannelName.TELEGRAM,
            sender=str(chat_id),
            text=payload,
            provider_message_id=provider_id,
            received_at=received_at,
            display_name=callback.from_user.first_name,
            button_payload=payload,
            callback_query_id=callback.id,
        )
    return None


def _from_message(message: Message, provider_id: str, received_at: datetime) -> InboundMessage:
    text = clean_text(message.text if message.text is not None else (message.caption or ""))
    has_media = message.text is None  # anything but plain text carries (or is) media
    return InboundMessage(
        channel=ChannelName.TELEGRAM,
        sender=str(message.chat.id),
        text=text,
        provider_message_id=provider_id,
        received_at=received_at,
        media_count=1 if has_media else 0,
        display_name=message.from_user.first_name if message.from_user is not None else None,
    )


def callback_data_for(label: str) -> str:
    """The callback_data of a button: its label, cut to 64 UTF-8 bytes on a char boundary."""
    raw = label.encode("utf-8")[:CALLBACK_DATA_MAX_BYTES]
    # errors="ignore" drops a multi-byte character the cut split in half.
    return raw.decode("utf-8", errors="ignore") or "?"


def inline_keyboard(buttons: tuple[str, ...]) -> InlineKeyboardMarkup | None:
    """One button per row (labels are sentences, not icons); None without buttons."""
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [InlineKeyboardButton(text=label, callback_data=callback_data_for(label))]
            for label in buttons
        ]
    )


def split_text(text: str, limit: int = TEXT_MAX_CHARS) -> list[str]:
    """Split a long text into Bot API sized parts, preferring paragraph/line breaks."""
    if not text:
        return [" "]  # sendMessage refuses empty text; a button-only reply still needs one
    parts: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n\n", 0, limit)
        if cut <= 0:
            cut = rest.rfind("\n", 0, limit)
        if cut <= 0:
            cut = rest.rfind(" ", 0, limit)
        if cut <= 0:
            cut = limit
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    parts.append(rest)
    return parts


class TelegramSender:
    """Sends bot messages through the Bot API with aiogram's ``Bot``."""

    name = ChannelName.TELEGRAM

    def __init__(self, token: str, *, api_base: str | None = None) -> None:
        session = (
            AiohttpSession(api=TelegramAPIServer.from_base(api_base))
            if api_base
            else AiohttpSession()
        )
        self.bot = Bot(token, session=session)  # validates the token's shape

    async def send(self, message: OutboundMessage) -> str:
        """Send a reply (buttons as an inline keyboard); returns the last message id.

        Raises RecipientOptedOut when the user blocked the bot, DeliveryFailed otherwise.
        """
        # Chat ids are integers (negative for groups); a phone or session id is a routing bug.
        if not _CHAT_ID.fullmatch(message.recipient):
            raise DeliveryFailed("Telegram recipient is not a chat id", retryable=False)
        chat_id = int(message.recipient)
        parts = split_text(message.reply.text)
        last_id = ""
        try:
            for i, part in enumerate(parts):
                markup = inline_keyboard(message.reply.buttons) if i == len(parts) - 1 else None
                sent = await self.bot.send_message(chat_id=chat_id, text=part, reply_markup=markup)
                last_id = str(sent.message_id)
        except TelegramForbiddenError as exc:
            logger.info("telegram: chat blocked the bot or is gone")
            raise RecipientOptedOut("Telegram: bot blocked by the user") from exc
        except TelegramRetryAfter as exc:
            raise DeliveryFailed(
                "Telegram flood control", retryable=True, retry_after=float(exc.retry_after)
            ) from exc
        except (TelegramNetworkError, TelegramServerError) as exc:
            logger.warning("telegram: send failed: %s", type(exc).__name__)
            raise DeliveryFailed(f"Telegram: {type(exc).__name__}", retryable=True) from exc
        except TelegramAPIError as exc:
            logger.warning("telegram: send refused: %s", type(exc).__name__)
            raise DeliveryFailed(f"Telegram: {exc.message}", retryable=False) from exc
        return last_id

    async def answer_callback_query(self, callback_query_id: str, text: str | None = None) -> None:
        """Acknowledge a button press so the client stops its spinner.

        Best effort: an expired query (older than ~15 minutes) must not fail the turn.
        """
        try:
            await self.bot.answer_callback_query(callback_query_id=callback_query_id, text=text)
        except TelegramAPIError as exc:
            logger.info("telegram: answerCallbackQuery failed: %s", type(exc).__name__)

    async def close(self) -> None:
        """Close the HTTP session."""
        await self.bot.session.close()
