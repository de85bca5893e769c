"""Telegram long polling: the alternative to the webhook when we have no public URL.

Updates go through the same ``process_message`` as the webhook, so an update seen twice
(we crashed before confirming its offset) is a no-op.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from aiogram.exceptions import TelegramAPIError, TelegramNetworkError

from channels.telegram import parse_telegram_update
from core.config import secret
from webhooks.container import Container
from webhooks.tasks import BackgroundLoop
from webhooks.turns import process_message

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query"]


def telegram_mode(c: Container) -> str:
    """``webhook`` with a public URL and a secret, ``polling`` otherwise, or ``off``."""
    if c.telegram is None:
        return "off"
    s = c.settings
    if s.public_base_url and secret(s.telegram_webhook_secret):
        return "webhook"
    return "polling"


async def register_webhook(c: Container) -> None:
    """Point Telegram at ``PUBLIC_BASE_URL/webhooks/telegram`` with our secret token."""
    url = f"{(c.settings.public_base_url or '').rstrip('/')}/webhooks/telegram"
    try:
        await c.telegram.bot.set_webhook(
            url=url,
            secret_token=secret(c.settings.telegram_webhook_secret),
            allowed_updates=ALLOWED_UPDATES,
        )
        log.info("telegram: webhook mode")
    except TelegramAPIError as exc:
        log.error("telegram: setWebhook failed (%s); updates will not arrive", type(exc).__name__)


class TelegramPoller(BackgroundLoop):
    """``getUpdates`` in a loop; each update is processed before its offset is confirmed."""

    name = "telegram-polling"

    def __init__(self, c: Container, *, timeout: int = 25) -> None:
        super().__init__()
        self.c = c
        self.timeout = timeout

    async def poll_once(self, offset: int | None) -> int | None:
        """One getUpdates round; returns the next offset."""
        bot = self.c.telegram.bot
        updates = await bot.get_updates(
            offset=offset, timeout=self.timeout, allowed_updates=ALLOWED_UPDATES,
            request_timeout=self.timeout + 10,
        )
        for update in updates:
            data = update.model_dump(mode="json", exclude_none=True, by_alias=True)
            try:
                msg = parse_telegram_update(data, self.c.now())
            except ValueError:
                msg = None
            if msg is not None:
                await process_message(self.c, msg)
                if msg.callback_query_id:
                    await self.c.telegram.answer_callback_query(msg.callback_query_id)
            offset = update.update_id + 1
        return offset

    async def _run(self) -> None:
        bot = self.c.telegram.bot
        with contextlib.suppress(TelegramAPIError):
            await bot.delete_webhook(drop_pending_updates=False)  # polling and a webhook exclude each other
        log.info("telegram: long polling mode")
        offset: int | None = None
        delay = 1.0
        while True:
            try:
                offset = await self.poll_once(offset)
                delay = 1.0
            except asyncio.CancelledError:
                raise
            except TelegramNetworkError as exc:
                log.warning("telegram: polling network error (%s); retrying", type(exc).__name__)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
            except Exception:
                log.exception("telegram: polling round failed")
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)
