"""Unit of work: one transaction per request or inbound message; rolls back unless
committed. Services receive the session and only flush; the caller commits once."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

_LOCK = text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))")


class UnitOfWork:
    """``bind``: run on this already checked-out connection instead of taking one from
    the pool (several transactions in a row then pay for one checkout)."""

    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], bind: AsyncConnection | None = None
    ) -> None:
        self._sessionmaker = sessionmaker
        self._bind = bind
        self._session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        assert self._session is not None, "use `async with uow:`"
        return self._session

    async def __aenter__(self) -> Self:
        self._session = (
            self._sessionmaker() if self._bind is None else self._sessionmaker(bind=self._bind)
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        # close() rolls back whatever was not committed and detaches objects without
        # expiring them, so loaded rows can still be rendered after the block.
        await self._session.close()
        self._session = None

    async def commit(self) -> None:
        await self.session.commit()

    async def lock(self, key: str) -> None:
        """A transaction-scoped advisory lock: every writer of one conversation (or one
        slot) takes the same key, so they serialise without blocking anybody else."""
        await self.session.execute(_LOCK, {"k": key})
