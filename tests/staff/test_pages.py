"""Login, the server-rendered pages, escaping of customer text, booking actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import httpx
from sqlalchemy import update

from core.models import Booking
from tests.staff.conftest import Person, chat, make_person
from webhooks.container import Container

XSS = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
NOW = datetime(2026, 12, 1, 10, 0)  # a Tuesday, station-local


async def login(client: httpx.AsyncClient, email: str, password: str = "password123") -> httpx.Response:
    return await client.post(
        "/login", data={"email": email, "password": password, "next": "/staff?view=all"}
    )


async def test_login_sets_a_session_cookie_and_logout_ends_it(
    client: httpx.AsyncClient, ana: Person
) -> None:
    r = await client.get("/staff")
    assert r.status_code == 303 and r.headers["location"] == "/login?next=%2Fstaff"
    page = await client.get("/login", params={"next": "/staff"})
    assert page.status_code == 200 and 'name="password"' in page.text
    r = await login(client, "ana@example.com")
    assert r.status_code == 303 and r.headers["location"] == "/staff?view=all"
    cookie = r.headers["set-cookie"]
    assert "hibachi_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    inbox = await client.get("/staff")
    assert inbox.status_code == 200 and "ana@example.com" in inbox.text
    assert "script-src 'self'" in inbox.headers["content-security-policy"]
    # Staff cannot open admin pages.
    assert (await client.get("/admin")).status_code == 403
    assert (await client.get("/admin/faqs")).status_code == 403
    r = await client.post("/logout")
    assert r.status_code == 303
    client.cookies.clear()
    assert (await client.get("/staff")).status_code == 303


async def test_open_redirects_are_refused(client: httpx.AsyncClient, ana: Person) -> None:
    r = await client.post(
        "/login", data={"email": "ana@example.com", "password": "password123", "next": "//evil.example/x"}
    )
    assert r.headers["location"] == "/staff"


async def test_login_is_rate_limited(client: httpx.AsyncClient, ana: Person) -> None:
    for _ in range(5):
        r = await login(client, "ana@example.com", "wrong-password")
        assert r.status_code == 401 and "Wrong email or password" in r.text
    r = await login(client, "ana@example.com")  # even the right password, for a while
    assert r.status_code == 429 and "Too many failed logins" in r.text
    assert "hibachi_session" not in r.headers.get("set-cookie", "")


async def test_customer_script_is_text_on_every_page(
    client: httpx.AsyncClient, db: Container, admin_headers: dict[str, str],
    set_now: Callable[[datetime], None],
) -> None:
    await make_person(db, "root@example.com", "admin")
    sid, _ = await chat(client, XSS, None)
    await chat(client, "can I talk to a person?", sid)
    await chat(client, XSS, sid)  # to staff now: the newest message, shown in the list
    set_now(NOW)
    booking = {
        "adults": 12, "kids": 3, "zip": "95112", "date": "2026-12-12", "time": "18:00",
        "address": f"1 Main St {XSS}", "customer": {"name": XSS, "phone": "+14085550100"},
    }
    assert (await client.post("/api/bookings", json=booking, headers=admin_headers)).status_code == 201
    faq = {"question": f"Is {XSS} ok?", "answer": f"No {XSS}"}
    r = await client.post("/api/faqs", json=faq, headers=admin_headers)
    assert r.status_code == 201
    faq_id = r.json()["id"]
    try:
        assert (await login(client, "root@example.com")).status_code == 303
        convs = (await client.get("/api/conversations", params={"channel": "webchat"}, headers=admin_headers)).json()
        cid = convs["items"][0]["id"]
        pages = {
            "/staff?view=all": 1,
            f"/staff?view=all&c={cid}": 3,  # list preview, two messages in the thread
            "/admin": 3,  # booking name and address, lead name
            "/admin/faqs": 3,
        }
        for url, at_least in pages.items():
            r = await client.get(url)
            assert r.status_code == 200, url
            assert XSS not in r.text, url
            assert r.text.count(ESCAPED) >= at_least, (url, r.text.count(ESCAPED))
    finally:
        await client.delete(f"/api/faqs/{faq_id}", headers=admin_headers)


async def test_admin_page_shows_bookings_leads_and_kpis(
    client: httpx.AsyncClient, db: Container, admin_headers: dict[str, str],
    set_now: Callable[[datetime], None],
) -> None:
    await make_person(db, "root@example.com", "admin")
    set_now(NOW)
    body = {
        "adults": 12, "kids": 3, "zip": "95112", "date": "2026-12-12", "time": "18:00",
        "address": "1 Main St", "customer": {"name": "Maria Lopez", "phone": "+14085550100"},
    }
    assert (await client.post("/api/bookings", json=body, headers=admin_headers)).status_code == 201
    await login(client, "root@example.com")
    html = (await client.get("/admin", params={"days": 7})).text
    assert "Maria Lopez" in html and "2026-12-12 18:00" in html and "$900.00" in html
    assert "<svg" in html and "bot containment" in html
    assert "booking created" in html  # the lead's funnel
    filtered = (await client.get("/admin", params={"b_status": "cancelled"})).text
    assert "No bookings match." in filtered
    other_day = (await client.get("/admin", params={"b_date": "2026-12-13"})).text
    assert "No bookings match." in other_day
    # Garbage filters are ignored, not errors.
    assert (await client.get("/admin", params={"b_date": "soon", "b_cursor": "x"})).status_code == 200


async def test_cancel_and_reschedule_follow_the_policy(
    client: httpx.AsyncClient, db: Container, admin_headers: dict[str, str],
    set_now: Callable[[datetime], None], ana: Person,
) -> None:
    set_now(NOW)

    async def book(day: str, phone: str, time: str = "18:00") -> str:
        body = {
            "adults": 10, "kids": 0, "zip": "95112", "date": day, "time": time,
            "address": "1 Main St", "customer": {"name": "Kim", "phone": phone},
        }
        r = await client.post("/api/bookings", json=body, headers=admin_headers)
        assert r.status_code == 201, r.text
        return str(r.json()["id"])

    far = await book("2026-12-12", "+14085550101")
    r = await client.post(f"/api/bookings/{far}/reschedule", json={"date": "2026-12-13", "time": "12:00"}, headers=admin_headers)
    assert r.status_code == 200 and (r.json()["date"], r.json()["time"]) == ("2026-12-13", "12:00")
    r = await client.post(f"/api/bookings/{far}/reschedule", json={"date": "2026-12-14", "time": "12:00"}, headers=admin_headers)
    assert r.status_code == 409 and "already rescheduled" in r.json()["message"]
    # Staff (not admin) may not.
    assert (await client.post(f"/api/bookings/{far}/cancel", headers=ana.headers)).status_code == 403

    soon = await book("2026-12-03", "+14085550102")  # 56 hours ahead: bookable, too late to move
    r = await client.post(f"/api/bookings/{soon}/reschedule", json={"date": "2026-12-10", "time": "12:00"}, headers=admin_headers)
    assert r.status_code == 409 and "too late" in r.json()["message"]

    paid_far = await book("2026-12-20", "+14085550103")
    paid_near = await book("2026-12-05", "+14085550104")
    async with db.uow() as uow:
        await uow.session.execute(
            update(Booking).where(Booking.id.in_([paid_far, paid_near])).values(status="deposit_paid", hold_expires_at=None)
        )
        await uow.commit()
    r = await client.post(f"/api/bookings/{paid_far}/cancel", headers=admin_headers)
    assert r.status_code == 200 and r.json()["status"] == "cancelled" and r.json()["refund_deposit"] is True
    r = await client.post(f"/api/bookings/{paid_near}/cancel", headers=admin_headers)
    assert r.json()["refund_deposit"] is False  # under 7 days: the deposit is kept
    r = await client.post(f"/api/bookings/{paid_near}/cancel", headers=admin_headers)
    assert r.status_code == 409
    r = await client.post("/api/bookings/00000000-0000-0000-0000-000000000000/cancel", headers=admin_headers)
    assert r.status_code == 404
    # The freed slot can be taken again.
    r = await client.post(f"/api/bookings/{soon}/cancel", headers=admin_headers)
    assert r.status_code == 200 and r.json()["refund_deposit"] is False


async def test_a_guests_allergy_reaches_the_staff_thread_escaped(
    client: httpx.AsyncClient, db: Container, admin_headers: dict[str, str],
    set_now: Callable[[datetime], None],
) -> None:
    """An allergy told while booking is on the booking (API) and in the staff thread,
    escaped like every customer text."""
    await make_person(db, "notes@example.com", "staff")
    set_now(NOW)
    sid, _ = await chat(client, "book dec 19 6pm 12 adults 95112", None)
    for text in ("Ana Ruiz", "4085551234", "12 Main St", "skip"):
        await chat(client, text, sid)
    _, replies = await chat(client, f"one guest is allergic to peanuts {XSS}", sid)
    assert any("Notes for the chef: one guest is allergic to peanuts" in r for r in replies)
    _, replies = await chat(client, "yes", sid)
    assert any("You're booked" in r for r in replies)
    found = (await client.get("/api/bookings", params={"date": "2026-12-19"}, headers=admin_headers)).json()
    assert [b["notes"] for b in found["items"]] == [f"one guest is allergic to peanuts {XSS}"]
    assert (await login(client, "notes@example.com")).status_code == 303
    convs = (await client.get("/api/conversations", params={"channel": "webchat"}, headers=admin_headers)).json()
    page = await client.get(f"/staff?view=all&c={convs['items'][0]['id']}")
    assert page.status_code == 200
    assert f"Notes: one guest is allergic to peanuts {ESCAPED}" in page.text
    assert XSS not in page.text
