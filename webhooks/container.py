"""Everything a request needs, built once by the lifespan (the composition root)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from core.config import Settings
from core.db.uow import UnitOfWork


def system_now() -> datetime:
    return datetime.now().astimezone()


@dataclass
class Container:
    settings: Settings
    engine: AsyncEngine
    sessionmaker: async_sessionmaker[AsyncSession]
    now: Callable[[], datetime] = system_now
    # Optional parts (None when the provider is not configured).
    embedder: Any = None
    sms: Any = None
    telegram: Any = None
    stripe: Any = None
    webchat: Any = None
    extras: dict[str, Any] = field(default_factory=dict)

    # Set by the outbox worker of this process (webhooks/background.py); None in tests
    # that deliver by hand.
    outbox_kick: Callable[[], None] | None = None

    def uow(self, bind: AsyncConnection | None = None) -> UnitOfWork:
        return UnitOfWork(self.sessionmaker, bind)

    def kick_outbox(self) -> None:
        """Something was queued and committed: deliver now, not at the worker's next tick."""
        if self.outbox_kick is not None:
            self.outbox_kick()
