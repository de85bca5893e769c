"""FastAPI dependencies: the container, auth principals (API and pages)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from core.config import secret
from core.errors import Forbidden, Unauthorized
from core.repositories.users import UserRepository
from core.services.auth import Principal, authenticate
from webhooks.container import Container

SESSION_COOKIE = "hibachi_session"
# Browser pages send this header on every state-changing API call. A cross-site form
# cannot set it, and a cross-site fetch that sets it needs a CORS preflight we never
# grant, so a session cookie alone can never change anything (CSRF).
CSRF_HEADER = "x-hibachi-csrf"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def get_container(request: Request) -> Container:
    return request.app.state.container


def _credentials(request: Request) -> tuple[str | None, bool]:
    """The presented token and whether it came from the session cookie."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None, False
    cookie = request.cookies.get(SESSION_COOKIE) or None
    return cookie, cookie is not None


async def principal_of(request: Request, c: Container) -> Principal:
    """Authenticate the caller (Unauthorized when anonymous or the token is bad)."""
    token, from_cookie = _credentials(request)
    async with c.uow() as uow:
        principal = await authenticate(
            UserRepository(uow.session), token, secret(c.settings.hibachi_admin_token)
        )
    if from_cookie and request.method not in SAFE_METHODS and not request.headers.get(CSRF_HEADER):
        raise Forbidden(f"Browser requests must send the {CSRF_HEADER} header.")
    return principal


def require_role(role: str) -> Callable[..., Awaitable[Principal]]:
    """A dependency that authenticates (401) and checks the role (403)."""

    async def _dep(request: Request, c: Container = Depends(get_container)) -> Principal:
        principal = await principal_of(request, c)
        principal.require(role)
        return principal

    _dep.__name__ = f"require_{role}"
    return _dep


require_staff = require_role("staff")
require_admin = require_role("admin")

# A page's view of the caller: who it is, or the response to send instead (a redirect
# to the login page for anonymous visitors, a plain 403 page for the wrong role).
PageUser = Principal | Response


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def page_role(role: str) -> Callable[..., Awaitable[PageUser]]:
    """Like require_role, for HTML pages: anonymous → 303 to /login, wrong role → 403."""

    async def _dep(request: Request, c: Container = Depends(get_container)) -> PageUser:
        try:
            principal = await principal_of(request, c)
        except Unauthorized:
            return login_redirect(request)
        try:
            principal.require(role)
        except Forbidden:
            return HTMLResponse(
                "<!doctype html><title>Forbidden</title><p>This page needs the "
                f"{role} role. <a href='/staff'>Back to the inbox</a></p>",
                status_code=403,
            )
        return principal

    _dep.__name__ = f"page_{role}"
    return _dep


page_staff = page_role("staff")
page_admin = page_role("admin")
