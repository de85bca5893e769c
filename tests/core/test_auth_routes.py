"""Every staff/admin route refuses anonymous callers (401; HTML pages: a 303 to /login)
and the wrong role (403). The routes are enumerated from the app, so a new route
cannot slip through."""

from __future__ import annotations

import re
from typing import Any

import httpx
from fastapi.routing import APIRoute, APIWebSocketRoute

from core.repositories.users import UserRepository
from core.services.auth import create_user, issue_token
from webhooks.app import create_app
from webhooks.container import Container
from webhooks.deps import page_admin, page_staff, require_admin, require_staff

# Public by design (CONTRACT.md): health, quotes, availability, the web chat, provider
# webhooks (they carry their own signatures), login, and the API description.
PUBLIC = re.compile(
    r"^/(healthz|api/quote|api/availability|api/chat.*|chat.*|webhooks/.*|login|logout|static/.*"
    r"|docs.*|redoc|openapi\.json|metrics)$"
)


def _deps(route: APIRoute) -> set[object]:
    found: set[object] = set()
    stack = [route.dependant]
    while stack:
        d = stack.pop()
        if d.call is not None:
            found.add(d.call)
        stack.extend(d.dependencies)
    return found


def all_routes(routes: list[Any]) -> list[Any]:
    """Flatten included routers (FastAPI keeps them nested; we include without prefix)."""
    out: list[Any] = []
    for r in routes:
        inner = getattr(r, "original_router", None)
        out.extend(all_routes(inner.routes) if inner is not None else [r])
    return out


def _fill(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "00000000-0000-0000-0000-000000000000", path)


async def test_every_private_route_requires_auth(db: Container) -> None:
    app = create_app(db.settings, container=db)
    async with db.uow() as uow:
        staff = await create_user(
            UserRepository(uow.session), "s@example.com", "S", "password123", "staff"
        )
        staff_token = await issue_token(UserRepository(uow.session), staff, "api")
        await uow.commit()
    checked = 0
    pages: set[str] = set()
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as client:
        for route in all_routes(app.routes):
            if isinstance(route, APIWebSocketRoute) or not isinstance(route, APIRoute):
                continue
            if PUBLIC.match(route.path):
                continue
            deps = _deps(route)
            if deps & {page_staff, page_admin}:
                assert route.methods <= {"GET", "HEAD"}, f"page {route.path} must be GET-only"
                url = _fill(route.path)
                for headers in ({}, {"Authorization": "Bearer wrong"}):
                    r = await client.get(url, headers=headers)
                    assert r.status_code == 303, (route.path, r.status_code)
                    assert r.headers["location"].startswith("/login?next="), route.path
                    assert "customer" not in r.text.lower()
                if page_admin in deps:
                    r = await client.get(url, headers={"Authorization": f"Bearer {staff_token}"})
                    assert r.status_code == 403, (route.path, r.status_code)
                checked += 1
                pages.add(route.path)
                continue
            assert deps & {require_staff, require_admin}, f"{route.path} has no auth dependency"
            for method in route.methods - {"HEAD", "OPTIONS"}:
                url = _fill(route.path)
                r = await client.request(method, url, json={})
                assert r.status_code == 401, (method, route.path, r.status_code)
                assert r.json()["error"] == "unauthorized"
                r = await client.request(
                    method, url, json={}, headers={"Authorization": "Bearer wrong"}
                )
                assert r.status_code == 401, (method, route.path)
                if require_admin in deps:
                    r = await client.request(
                        method, url, json={}, headers={"Authorization": f"Bearer {staff_token}"}
                    )
                    assert r.status_code == 403, (method, route.path, r.status_code)
                checked += 1
    assert checked >= 20  # grows with the product; each new private route is checked
    assert {"/staff", "/admin", "/admin/faqs"} <= pages


async def test_staff_token_reads_bookings(db: Container) -> None:
    app = create_app(db.settings, container=db)
    async with db.uow() as uow:
        repo = UserRepository(uow.session)
        staff = await create_user(repo, "t@example.com", "T", "password123", "staff")
        token = await issue_token(repo, staff, "api")
        await uow.commit()
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as client:
        r = await client.get("/api/bookings", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.json() == {"items": [], "next_cursor": None}


async def test_session_cookie_needs_csrf_header_to_change_things(db: Container) -> None:
    """A browser session can read, but a state-changing call must carry the header a
    cross-site form cannot send."""
    app = create_app(db.settings, container=db)
    async with db.uow() as uow:
        repo = UserRepository(uow.session)
        user = await create_user(repo, "c@example.com", "C", "password123", "admin")
        token = await issue_token(repo, user, "session")
        await uow.commit()
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t", cookies={"hibachi_session": token}
    ) as client:
        assert (await client.get("/api/faqs")).status_code == 200
        body = {"question": "Do you bring plates?", "answer": "Yes."}
        r = await client.post("/api/faqs", json=body)
        assert r.status_code == 403 and r.json()["error"] == "forbidden"
        r = await client.post("/api/faqs", json=body, headers={"X-Hibachi-CSRF": "1"})
        assert r.status_code == 201
        await client.delete(f"/api/faqs/{r.json()['id']}", headers={"X-Hibachi-CSRF": "1"})
