"""Server-rendered pages: login/logout and the staff inbox (`/staff`).

Jinja2 escapes every value (autoescape on); the pages' scripts are static files that
build DOM with textContent; a strict Content-Security-Policy forbids inline scripts,
so a customer's `<script>` can only ever be text."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from core.errors import DomainError, NotFound, RateLimited
from core.repositories.conversations import ConversationRepository
from core.repositories.stations import StationRepository
from core.repositories.users import UserRepository
from core.services.auth import SESSION_TTL, Principal, issue_token, login, logout
from webhooks.container import Container
from webhooks.deps import SESSION_COOKIE, PageUser, get_container, page_staff
from webhooks.routes.staff_api import conversation_detail, conversation_page

router = APIRouter()

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,  # every template, whatever its extension
    undefined=jinja2.StrictUndefined,
)

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

VIEWS: dict[str, tuple[str, tuple[str, ...]]] = {
    "open": ("Needs a person", ("escalated", "staff")),
    "bot": ("With the bot", ("bot",)),
    "closed": ("Closed", ("closed",)),
    "all": ("All", ()),
}
CHANNELS = ("sms", "telegram", "webchat")


def money(cents: int | None) -> str:
    return "—" if cents is None else f"${cents / 100:,.2f}"


def local_time(value: str | datetime | None, tz: ZoneInfo, fmt: str = "%a %b %-d, %-I:%M %p") -> str:
    if value is None:
        return ""
    at = datetime.fromisoformat(value) if isinstance(value, str) else value
    return at.astimezone(tz).strftime(fmt)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


env.filters["money"] = money
env.filters["percent"] = percent


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("active", "")
    html = env.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


async def station_tz(c: Container) -> ZoneInfo:
    async with c.uow() as uow:
        return ZoneInfo((await StationRepository(uow.session).list())[0].timezone)


def _safe_next(raw: str | None) -> str:
    """Only same-site paths (no //host or /\\host tricks): no open redirect."""
    if raw and raw.startswith("/") and not raw.startswith(("//", "/\\")):
        return raw
    return "/staff"


def _secure(request: Request, c: Container) -> bool:
    base = c.settings.public_base_url or ""
    return request.url.scheme == "https" or base.startswith("https://")


# ----------------------------------------------------------------------------- login


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
async def login_page(next: str | None = Query(None, max_length=500)) -> HTMLResponse:
    return render("login.html", next=_safe_next(next), error=None, email="", user=None)


@router.post("/login", response_class=HTMLResponse, include_in_schema=False)
async def login_submit(
    request: Request,
    email: str = Form("", max_length=320),
    password: str = Form("", max_length=1000),
    next: str = Form("/staff", max_length=500),
    c: Container = Depends(get_container),
) -> Response:
    client = request.client.host if request.client else "unknown"
    try:
        async with c.uow() as uow:
            repo = UserRepository(uow.session)
            try:
                user = await login(repo, email.strip(), password, client)
                token = await issue_token(repo, user, "session", "browser")
            finally:
                await uow.commit()  # failed attempts count towards the rate limit
    except DomainError as exc:
        status = 429 if isinstance(exc, RateLimited) else 401
        return render(
            "login.html", status, next=_safe_next(next), error=exc.message, email=email, user=None
        )
    resp = RedirectResponse(_safe_next(next), status_code=303)
    resp.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(SESSION_TTL.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=_secure(request, c),
        path="/",
    )
    return resp


@router.post("/logout", include_in_schema=False)
async def logout_submit(request: Request, c: Container = Depends(get_container)) -> Response:
    async with c.uow() as uow:
        await logout(UserRepository(uow.session), request.cookies.get(SESSION_COOKIE))
        await uow.commit()
    resp = RedirectResponse("/login", status_code=303)
    resp.delete_cookie(SESSION_COOKIE, path="/")
    return resp


# ----------------------------------------------------------------------------- inbox


@router.get("/staff", response_class=HTMLResponse, include_in_schema=False)
async def staff_inbox(
    view: str = Query("open", max_length=20),
    channel: str | None = Query(None, max_length=20),
    c_id: str | None = Query(None, alias="c", max_length=64),
    cursor: str | None = Query(None, max_length=120),
    c: Container = Depends(get_container),
    who: PageUser = Depends(page_staff),
) -> Response:
    """The inbox: conversations on the left, the chosen one's thread, the customer's
    quote and bookings beside it. Live updates come from /api/staff/events."""
    if not isinstance(who, Principal):
        return who
    view = view if view in VIEWS else "open"
    channel = channel if channel in CHANNELS else None
    tz = await station_tz(c)
    async with c.uow() as uow:
        # Read the feed's cursor first: anything newer arrives live (the page drops
        # duplicates by message id), so nothing falls between render and stream.
        after = await ConversationRepository(uow.session).last_message_id()
    try:
        page = await conversation_page(
            c, statuses=VIEWS[view][1], channel=channel, cursor=cursor, limit=50
        )
    except DomainError:  # a mangled "older" link: show the first page
        page = await conversation_page(c, statuses=VIEWS[view][1], channel=channel, limit=50)
    thread = None
    if c_id:
        try:
            thread = await conversation_detail(c, uuid.UUID(c_id))
        except (ValueError, NotFound):
            thread = None
    return render(
        "staff.html",
        user=who,
        active="staff",
        views=VIEWS,
        view=view,
        channel=channel,
        channels=CHANNELS,
        page=page,
        thread=thread,
        after=after,
        tz=tz,
        when=lambda v: local_time(v, tz),
    )
