"""FastAPI dependencies: the container, auth principals."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Depends, Request

from core.config import secret
from core.repositories.users import UserRepository
from core.services.auth import Principal, authenticate
from webhooks.container import Container

SESSION_COOKIE = "hibachi_session"


def get_container(request: Request) -> Container:
    return request.app.state.container  # type: ignore[no-any-return]


def _token_from(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return request.cookies.get(SESSION_COOKIE) or None


def require_role(role: str) -> Callable[..., Awaitable[Principal]]:
    """A dependency that authenticates (401) and checks the role (403)."""

    async def _dep(request: Request, c: Container = Depends(get_container)) -> Principal:
        async with c.uow() as uow:
            principal = await authenticate(
                UserRepository(uow.session),
                _token_from(request),
                secret(c.settings.hibachi_admin_token),
            )
        principal.require(role)
        return principal

    _dep.__name__ = f"require_{role}"
    return _dep


require_staff = require_role("staff")
require_admin = require_role("admin")
