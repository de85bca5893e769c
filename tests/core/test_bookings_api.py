"""Bookings and availability through the public API, against the real database."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import httpx

from webhooks.container import Container

NOW = datetime(2026, 12, 1, 10, 0)  # a Tuesday, station-local


def booking(
    day: str, time: str = "18:00", phone: str = "+14085550100", **over: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "adults": 12,
        "kids": 3,
        "zip": "95112",
        "date": day,
        "time": time,
        "address": "123 Main St, San Jose",
        "customer": {"name": "Maria Lopez", "phone": phone, "email": None},
    }
    body.update(over)
    return body


async def test_staff_booking_is_pending_deposit_with_right_total(
    client: httpx.AsyncClient, admin_headers: dict[str, str], set_now: Callable[[datetime], None]
) -> None:
    set_now(NOW)
    r = await client.post("/api/bookings", json=booking("2026-12-12"), headers=admin_headers)
    assert r.status_code == 201, r.text
    b = r.json()
    assert b["status"] == "pending_deposit"
    assert (b["date"], b["time"], b["adults"], b["kids"], b["zip"]) == (
        "2026-12-12",
        "18:00",
        12,
        3,
        "95112",
    )
    assert b["total_cents"] == 90000 and b["deposit_cents"] == 10000
    assert b["customer"]["phone"] == "+14085550100"
    got = await client.get(f"/api/bookings/{b['id']}", headers=admin_headers)
    assert got.json()["address"] == "123 Main St, San Jose"
    listed = await client.get(
        "/api/bookings", params={"phone": "(408) 555-0100"}, headers=admin_headers
    )
    assert [i["id"] for i in listed.json()["items"]] == [b["id"]]
    leads = (
        await client.get("/api/leads", params={"phone": "+14085550100"}, headers=admin_headers)
    ).json()
    kinds = [e["kind"] for e in leads["items"][0]["events"]]
    assert leads["items"][0]["source"] == "api"
    assert "booking_created" in kinds and leads["items"][0]["status"] == "booked"


async def test_five_racers_two_free_chefs(
    client: httpx.AsyncClient, admin_headers: dict[str, str], set_now: Callable[[datetime], None]
) -> None:
    """Sacramento has 2 chefs: of 5 simultaneous requests exactly 2 win."""
    set_now(NOW)
    bodies = [
        booking("2026-12-12", phone=f"+1916555010{i}", zip="95814", address=f"{i} K St, Sacramento")
        for i in range(5)
    ]
    results = await asyncio.gather(
        *(client.post("/api/bookings", json=b, headers=admin_headers) for b in bodies)
    )
    codes = sorted(r.status_code for r in results)
    assert codes == [201, 201, 409, 409, 409]
    assert all(r.json()["error"] == "slot_taken" for r in results if r.status_code == 409)
    avail = await client.get("/api/availability", params={"zip": "95814", "date": "2026-12-12"})
    slots = {s["time"]: s["available"] for s in avail.json()["slots"]}
    assert slots == {"12:00": True, "15:00": True, "18:00": False, "21:00": True}


async def test_race_with_separate_transactions_never_overbooks(
    db: Container, set_now: Callable[[datetime], None]
) -> None:
    """Twenty concurrent units of work (own connections) for 3 San Jose chefs."""
    from core.errors import SlotTaken
    from core.services.booking_api import DirectBooking, book_direct

    set_now(NOW)

    async def one(i: int) -> bool:
        async with db.uow() as uow:
            try:
                await book_direct(
                    uow.session,
                    DirectBooking(
                        10,
                        0,
                        "95112",
                        date(2026, 12, 19),
                        "15:00",
                        f"{i} Elm St",
                        f"Guest {i}",
                        f"+1408555{1000 + i}",
                        None,
                    ),
                    db.now(),
                )
            except SlotTaken:
                return False
            await uow.commit()
            return True

    wins = await asyncio.gather(*(one(i) for i in range(20)))
    assert sum(wins) == 3


async def test_availability_rules(
    client: httpx.AsyncClient, admin_headers: dict[str, str], set_now: Callable[[datetime], None]
) -> None:
    set_now(NOW)  # Tue Dec 1, 10:00 LA
    # 48 hours: Thursday Dec 3 — 12:00 is 50h away (ok)… all ok; Dec 2 is too soon.
    r = await client.get("/api/availability", params={"zip": "95112", "date": "2026-12-02"})
    assert r.status_code == 422 and r.json()["error"] == "date_too_soon"
    r = await client.get("/api/availability", params={"zip": "95112", "date": "2026-12-03"})
    assert [s["available"] for s in r.json()["slots"]] == [True, True, True, True]
    # At Tue 16:00 LA, Thursday noon is only 44h away; 18:00 is 50h away.
    set_now(datetime(2026, 12, 1, 16, 0))
    r = await client.get("/api/availability", params={"zip": "95112", "date": "2026-12-03"})
    assert [(s["time"], s["available"]) for s in r.json()["slots"]] == [
        ("12:00", False),
        ("15:00", False),
        ("18:00", True),
        ("21:00", True),
    ]
    # Horizon: 180 days ahead is fine, 181 is not.
    ok = (NOW.date() + timedelta(days=180)).isoformat()
    late = (NOW.date() + timedelta(days=181)).isoformat()
    assert (
        await client.get("/api/availability", params={"zip": "95112", "date": ok})
    ).status_code == 200
    r = await client.get("/api/availability", params={"zip": "95112", "date": late})
    assert r.json()["error"] == "date_too_far"
    r = await client.get("/api/availability", params={"zip": "95112", "date": "2026-11-20"})
    assert r.json()["error"] == "date_past"


async def test_time_zone_is_the_stations(
    client: httpx.AsyncClient, set_now: Callable[[datetime], None]
) -> None:
    """At 02:00 UTC Thursday it is still Wednesday 18:00 in California."""
    from datetime import UTC

    set_now(datetime(2026, 12, 3, 2, 0, tzinfo=UTC))  # Wed Dec 2 18:00 LA
    r = await client.get("/api/availability", params={"zip": "95112", "date": "2026-12-04"})
    # Friday 18:00 LA is exactly 48h away: bookable; Friday 15:00 is not.
    slots = {s["time"]: s["available"] for s in r.json()["slots"]}
    assert slots == {"12:00": False, "15:00": False, "18:00": True, "21:00": True}


async def test_expired_hold_frees_the_slot(
    client: httpx.AsyncClient, admin_headers: dict[str, str], set_now: Callable[[datetime], None]
) -> None:
    set_now(NOW)
    for i in range(2):
        r = await client.post(
            "/api/bookings",
            json=booking("2026-12-12", phone=f"+1916555020{i}", zip="95814"),
            headers=admin_headers,
        )
        assert r.status_code == 201
    full = await client.get("/api/availability", params={"zip": "95814", "date": "2026-12-12"})
    assert {s["time"]: s["available"] for s in full.json()["slots"]}["18:00"] is False
    set_now(NOW + timedelta(hours=24, minutes=1))  # unpaid holds ran out
    free = await client.get("/api/availability", params={"zip": "95814", "date": "2026-12-12"})
    assert {s["time"]: s["available"] for s in free.json()["slots"]}["18:00"] is True
    r = await client.post(
        "/api/bookings",
        json=booking("2026-12-12", phone="+19165550299", zip="95814"),
        headers=admin_headers,
    )
    assert r.status_code == 201
    cancelled = await client.get(
        "/api/bookings", params={"status": "cancelled"}, headers=admin_headers
    )
    assert len(cancelled.json()["items"]) >= 1
    assert {i["cancel_reason"] for i in cancelled.json()["items"]} == {"deposit_timeout"}


async def test_bad_booking_requests(
    client: httpx.AsyncClient, admin_headers: dict[str, str], set_now: Callable[[datetime], None]
) -> None:
    set_now(NOW)
    cases = [
        (booking("2026-12-12", time="10:00"), "invalid_slot"),
        (booking("2026-12-02"), "date_too_soon"),
        (booking("2026-12-12", phone="555-01"), "invalid_contact"),
        (booking("2026-12-12", adults=0), "invalid_guests"),
        (booking("2026-12-12", zip="10001"), "out_of_area"),
    ]
    for body, code in cases:
        r = await client.post("/api/bookings", json=body, headers=admin_headers)
        assert 400 <= r.status_code < 500, (code, r.text)
        assert r.json()["error"] == code
    r = await client.get("/api/bookings/not-a-uuid", headers=admin_headers)
    assert r.status_code == 404
    r = await client.get(
        "/api/bookings/00000000-0000-0000-0000-000000000000", headers=admin_headers
    )
    assert r.status_code == 404
