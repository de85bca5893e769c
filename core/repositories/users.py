"""Staff users, their tokens and login attempts."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.models import ApiToken, LoginAttempt, User


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_email(self, email: str) -> User | None:
        return await self.session.scalar(select(User).where(User.email == email.lower()))

    async def get(self, user_id: uuid.UUID) -> User | None:
        return await self.session.get(User, user_id)

    async def add(self, user: User) -> User:
        self.session.add(user)
        await self.session.flush()
        return user

    async def add_token(self, token: ApiToken) -> None:
        self.session.add(token)
        await self.session.flush()

    async def user_for_token(self, token_hash: str, now: datetime) -> User | None:
        return await self.session.scalar(
            select(User)
            .join(ApiToken, ApiToken.user_id == User.id)
            .where(
                ApiToken.token_hash == token_hash,
                User.active.is_(True),
                (ApiToken.expires_at.is_(None)) | (ApiToken.expires_at > now),
            )
        )

    async def delete_token(self, token_hash: str) -> None:
        await self.session.execute(delete(ApiToken).where(ApiToken.token_hash == token_hash))

    async def api_tokens(self, user_id: uuid.UUID) -> list[ApiToken]:
        rows = await self.session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user_id, ApiToken.kind == "api")
            .order_by(ApiToken.id)
        )
        return list(rows.all())

    async def delete_token_of(self, user_id: uuid.UUID, token_id: int) -> bool:
        """Revoke one of a user's own tokens; False when it is not theirs."""
        gone = await self.session.scalar(
            delete(ApiToken)
            .where(ApiToken.id == token_id, ApiToken.user_id == user_id)
            .returning(ApiToken.id)
        )
        return gone is not None

    async def record_login(self, key: str, ok: bool) -> None:
        self.session.add(LoginAttempt(key=key, ok=ok))
        await self.session.flush()

    async def failed_logins_since(self, key: str, since: datetime) -> int:
        return int(
            await self.session.scalar(
                select(func.count()).where(
                    LoginAttempt.key == key,
                    LoginAttempt.ok.is_(False),
                    LoginAttempt.created_at > since,
                )
            )
            or 0
        )
