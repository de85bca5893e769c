"""A whole booking over the web chat with Stripe configured: the link in the reply, the
confirmation in the page's history once Stripe's webhook arrives."""

from __future__ import annotations

from core.models import Customer
from tests.providers.conftest import Wired


async def test_webchat_booking_gets_a_payment_link_and_the_confirmation_in_history(wired: Wired) -> None:
    session = None
    replies: list[dict[str, object]] = []
    for text in (
        "hi, 12 adults and 3 kids on December 12 at 6pm, zip 95112",
        "Ana Lee, 1234 Main St San Jose CA 95112, 408-555-0199, ana@example.com",
        "yes",
    ):
        r = await wired.http.post("/api/chat", json={"session_id": session, "text": text})
        assert r.status_code == 200, r.text
        session = r.json()["session_id"]
        replies = r.json()["replies"]
    [booking] = await wired.bookings()
    assert booking.status == "pending_deposit" and booking.channel == "webchat"
    assert (booking.total_cents, booking.address.startswith("1234 Main St")) == (90000, True)
    assert (booking.event_date.isoformat(), booking.slot, booking.adults, booking.kids, booking.zip) == (
        "2026-12-12", "18:00", 12, 3, "95112")
    async with wired.c.uow() as uow:
        customer = await uow.session.get(Customer, booking.customer_id)
        assert customer is not None and (customer.name, customer.phone) == ("Ana Lee", "+14085550199")
    assert booking.checkout_url and booking.checkout_url in str(replies[-1]["text"])

    await wired.stripe_paid(booking)
    assert await wired.deliver() == 1
    h = await wired.http.get("/api/chat/history", params={"session_id": session})
    assert h.status_code == 200
    items = h.json()["items"]
    assert items[0]["direction"] == "in" and "Deposit received" in items[-1]["text"]


async def test_history_refuses_short_or_odd_session_ids(wired: Wired) -> None:
    for bad in ("abc", "../../etc/passwd", "x" * 65):
        r = await wired.http.get("/api/chat/history", params={"session_id": bad})
        assert 400 <= r.status_code < 500 and "error" in r.json()
    r = await wired.http.get("/api/chat/history", params={"session_id": "0123456789abcdef"})
    assert r.status_code == 200 and r.json()["items"] == []


async def test_never_got_the_payment_link_gets_it_again(wired: Wired) -> None:
    """"I never got a payment link" is a status check that repeats the link while the
    deposit is owed (it was a "sorry, I didn't catch that")."""
    session = None
    for text in (
        "hi, 12 adults and 3 kids on December 12 at 6pm, zip 95112",
        "Ana Lee, 1234 Main St San Jose CA 95112, 408-555-0199, ana@example.com",
        "yes",
    ):
        r = await wired.http.post("/api/chat", json={"session_id": session, "text": text})
        session = r.json()["session_id"]
    [booking] = await wired.bookings()
    r = await wired.http.post("/api/chat", json={"session_id": session, "text": "i booked but never got a payment link"})
    [reply] = r.json()["replies"]
    assert reply["kind"] == "booking_status"
    assert booking.checkout_url and booking.checkout_url in reply["text"]


async def test_contact_details_corrected_at_the_summary_are_the_ones_kept(wired: Wired) -> None:
    """The summary shows the corrected phone and email; the customer record (what the
    confirmation and the chef use) keeps those, not the mistyped ones."""
    session = None
    for text in (
        "12 adults 3 kids 95112 dec 12 6pm", "Ann Lee", "4085551234", "22 Elm St", "ann@gmial.com",
        "oops its ann@gmail.com and wrong number its 4085554321", "yes",
    ):
        r = await wired.http.post("/api/chat", json={"session_id": session, "text": text})
        assert r.status_code == 200, r.text
        session = r.json()["session_id"]
    [booking] = await wired.bookings()
    async with wired.c.uow() as uow:
        customer = await uow.session.get(Customer, booking.customer_id)
        assert customer is not None
        assert (customer.phone, customer.email) == ("+14085554321", "ann@gmail.com")
