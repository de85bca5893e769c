"""The product's background work in one place: the outbox worker, housekeeping and,
without a public URL, Telegram long polling. Started by the app's lifespan (and by
anything else that serves the app for real, such as browser tests)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from webhooks.container import Container
from webhooks.maintenance import Maintenance
from webhooks.outbox_worker import OutboxWorker

if TYPE_CHECKING:
    from webhooks.telegram_polling import TelegramPoller

log = logging.getLogger(__name__)


@dataclass
class Background:
    outbox: OutboxWorker
    maintenance: Maintenance
    poller: TelegramPoller | None = None

    async def stop(self) -> None:
        if self.poller is not None:
            await self.poller.stop()
        await self.maintenance.stop()
        await self.outbox.stop()


async def start_background(c: Container) -> Background:
    worker = OutboxWorker(c)
    c.outbox_kick = worker.kick  # turns wake the worker the moment they commit
    worker.start()
    maintenance = Maintenance(c)
    maintenance.start()
    if c.telegram is None:
        return Background(worker, maintenance)
    # aiogram loads only when a Telegram bot is configured (seconds of start-up otherwise).
    from webhooks.telegram_polling import TelegramPoller, register_webhook, telegram_mode

    poller = None
    mode = telegram_mode(c)
    if mode == "webhook":
        await register_webhook(c)
    elif mode == "polling":
        poller = TelegramPoller(c)
        poller.start()
    return Background(worker, maintenance, poller)
