"""Stripe deposits, refunds and expiring holds; the outbox's retries and opt-outs;
crash recovery; and a whole conversation's webhooks replayed three times."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update

from core.models import Booking, InboxItem, OutboxItem, Payment, SmsOptOut
from tests.fakes.stripe_server import checkout_completed_event, signed_event
from tests.providers.conftest import CUSTOMER, NOW, Wired, twiml_messages
from tests.providers.test_sms_webhook import book_over_sms
from webhooks.maintenance import expire_holds, recover_inbox, run_once, send_late_payment_links


async def test_replayed_stripe_event_is_a_no_op(wired: Wired) -> None:
    await book_over_sms(wired)
    [booking] = await wired.bookings()
    r, body, sig = await wired.stripe_paid(booking)
    assert r.json()["applied"] is True
    for _ in range(3):
        again = await wired.post_stripe(body, sig)
        assert again.status_code == 200 and again.json()["applied"] is False
    async with wired.c.uow() as uow:
        assert len((await uow.session.scalars(select(Payment))).all()) == 1
    assert await wired.deliver() == 1 and len(wired.twilio.messages) == 1


async def test_bad_stripe_signature_is_400_and_changes_nothing(wired: Wired) -> None:
    await book_over_sms(wired)
    [booking] = await wired.bookings()
    body, _ = signed_event(checkout_completed_event(str(booking.id)), "whsec_wrong")
    _, good_sig = signed_event(checkout_completed_event(str(booking.id)), "whsec_" + "loopbacksecret" * 2)
    assert (await wired.post_stripe(body, None)).status_code == 400
    r = await wired.post_stripe(body, good_sig)  # a signature of another payload
    assert r.status_code == 400 and r.json()["error"] == "bad_signature"
    stale_body, stale_sig = signed_event(
        checkout_completed_event(str(booking.id)), "whsec_" + "loopbacksecret" * 2,
        timestamp=int(datetime.now().timestamp()) - 3600,
    )
    assert (await wired.post_stripe(stale_body, stale_sig)).status_code == 400
    [booking] = await wired.bookings()
    assert booking.status == "pending_deposit"


async def test_paid_event_for_an_unknown_booking_is_acknowledged_and_ignored(wired: Wired) -> None:
    body, sig = signed_event(checkout_completed_event("00000000-0000-0000-0000-000000000000"), "whsec_" + "loopbacksecret" * 2)
    r = await wired.post_stripe(body, sig)
    assert r.status_code == 200 and r.json()["applied"] is False


async def test_unpaid_hold_expires_frees_the_slot_and_tells_the_customer(wired: Wired, set_now) -> None:  # type: ignore[no-untyped-def]
    await book_over_sms(wired)
    set_now(NOW + timedelta(hours=25))
    assert await expire_holds(wired.c) == 1
    [booking] = await wired.bookings()
    assert (booking.status, booking.cancel_reason) == ("cancelled", "deposit_timeout")
    assert await wired.deliver() == 1
    assert "expired" in wired.twilio.messages[-1]["Body"]
    r = await wired.http.get("/api/availability", params={"zip": "95112", "date": "2026-12-12"})
    assert {s["time"]: s["available"] for s in r.json()["slots"]}["18:00"] is True
    assert await expire_holds(wired.c) == 0  # once


async def test_cancelling_a_paid_booking_7_days_ahead_refunds_through_stripe(wired: Wired) -> None:
    await book_over_sms(wired)
    [booking] = await wired.bookings()
    await wired.stripe_paid(booking)
    for text in ("I need to cancel my booking", "yes"):
        said = twiml_messages((await wired.sms(text)).text)
    [booking] = await wired.bookings()
    assert booking.status == "cancelled", said
    refunds = [r for r in wired.stripe.received if r.path.endswith("/refunds")]
    assert len(refunds) == 1 and refunds[0].form["payment_intent"].startswith("pi_")
    async with wired.c.uow() as uow:
        kinds = sorted(p.kind for p in (await uow.session.scalars(select(Payment))).all())
    assert kinds == ["deposit", "refund"]


async def test_stripe_outage_at_booking_then_link_sent_later(wired: Wired) -> None:
    wired.stripe.fail_next.extend([500, 500, 500])  # the SDK retries twice, then gives up
    said = await book_over_sms(wired)
    [booking] = await wired.bookings()
    assert booking.status == "pending_deposit" and booking.checkout_url is None
    assert "payment link shortly" in said[-1]
    assert await send_late_payment_links(wired.c) == 1
    assert await wired.deliver() == 1
    [booking] = await wired.bookings()
    assert booking.checkout_url and booking.checkout_url in wired.twilio.messages[-1]["Body"]
    assert await send_late_payment_links(wired.c) == 0


async def test_outbox_retries_a_provider_error_then_sends_once(wired: Wired) -> None:
    await book_over_sms(wired)
    [booking] = await wired.bookings()
    await wired.stripe_paid(booking)
    wired.twilio.fail_next.append(503)
    assert await wired.deliver() == 1
    async with wired.c.uow() as uow:
        [item] = (await uow.session.scalars(select(OutboxItem))).all()
        assert (item.status, item.attempts) == ("pending", 1)
        await uow.session.execute(update(OutboxItem).values(next_attempt_at=datetime.now().astimezone()))
        await uow.commit()
    assert await wired.deliver() == 1
    assert len(wired.twilio.messages) == 2 and len(wired.twilio.delivered) == 1
    assert await wired.deliver() == 0


async def test_twilio_21610_is_recorded_as_an_opt_out(wired: Wired) -> None:
    await book_over_sms(wired)
    [booking] = await wired.bookings()
    wired.twilio.opt_out(CUSTOMER)
    await wired.stripe_paid(booking)
    assert await wired.deliver() == 1
    async with wired.c.uow() as uow:
        assert await uow.session.get(SmsOptOut, CUSTOMER) is not None
        [item] = (await uow.session.scalars(select(OutboxItem))).all()
        assert item.status == "suppressed"


async def test_a_message_left_unanswered_by_a_crash_is_answered_once(wired: Wired) -> None:
    form_sid = "SMcrash000001"
    # Phase 1 committed, then the process died: the inbox row has no answer.
    async with wired.c.uow() as uow:
        uow.session.add(InboxItem(channel="sms", provider_message_id=form_sid, payload={
            "sender": CUSTOMER, "text": "how much for 12 adults and 3 kids in 95112?", "media": 0}))
        await uow.commit()
    assert await recover_inbox(wired.c, datetime.now().astimezone() + timedelta(seconds=1)) == 1
    assert await wired.deliver() >= 1
    assert any("$900.00" in m["Body"] for m in wired.twilio.messages)
    n = len(wired.twilio.messages)
    # Twilio retries the request that died: it gets an empty answer, not a second reply.
    retry = await wired.sms("how much for 12 adults and 3 kids in 95112?", sid=form_sid)
    assert twiml_messages(retry.text) == []
    await run_once(wired.c, received_before=datetime.now().astimezone() + timedelta(seconds=1))
    assert await wired.deliver() == 0 and len(wired.twilio.messages) == n


async def test_replaying_every_webhook_of_a_conversation_three_times_changes_nothing(wired: Wired) -> None:
    sids = []
    for i, text in enumerate((
        "hi! can we book a hibachi chef for 12 adults and 3 kids on December 12 at 6pm? zip 95112",
        "Ana Lee, 1234 Main St, San Jose CA 95112, ana@example.com",
        "yes",
    )):
        sid = f"SMreplay{i:06d}"
        sids.append((sid, text, (await wired.sms(text, sid=sid)).text))
    [booking] = await wired.bookings()
    _, body, sig = await wired.stripe_paid(booking)
    await wired.deliver()

    async def snapshot() -> tuple[object, ...]:
        async with wired.c.uow() as uow:
            s = uow.session
            b = (await s.scalars(select(Booking))).all()
            return (
                await wired.counts(),
                [(x.status, x.checkout_session_id) for x in b],
                len((await s.scalars(select(Payment))).all()),
            )

    before, sent_before = await snapshot(), list(wired.twilio.messages)
    for _ in range(3):
        for sid, text, twiml in sids:
            again = await wired.sms(text, sid=sid)
            assert again.text == twiml
        assert (await wired.post_stripe(body, sig)).status_code == 200
        await wired.deliver()
    assert await snapshot() == before
    assert wired.twilio.messages == sent_before and len(sent_before) == 1


async def test_staff_cancel_refunds_and_tells_the_customer_on_their_channel(wired: Wired, admin_headers) -> None:  # type: ignore[no-untyped-def]
    await book_over_sms(wired)
    [booking] = await wired.bookings()
    await wired.stripe_paid(booking)
    await wired.deliver()
    r = await wired.http.post(f"/api/bookings/{booking.id}/cancel", headers=admin_headers)
    assert r.status_code == 200 and r.json()["refund_deposit"] is True
    assert len([x for x in wired.stripe.received if x.path.endswith("/refunds")]) == 1
    assert await wired.deliver() == 1
    last = wired.twilio.delivered[-1]
    assert last["To"] == CUSTOMER and "cancelled" in last["Body"] and "$100.00" in last["Body"]


async def test_paid_customer_is_reminded_once_the_day_before(wired: Wired, set_now) -> None:  # type: ignore[no-untyped-def]
    from webhooks.maintenance import send_reminders

    await book_over_sms(wired)
    [booking] = await wired.bookings()
    await wired.stripe_paid(booking)
    await wired.deliver()
    assert await send_reminders(wired.c) == 0  # three weeks ahead: nothing yet
    set_now(datetime(2026, 12, 11, 12, 0))  # the day before the 6 PM party
    assert await send_reminders(wired.c) == 1
    assert await send_reminders(wired.c) == 0  # once
    await wired.deliver()
    last = wired.twilio.delivered[-1]
    assert last["To"] == CUSTOMER and "Reminder" in last["Body"] and "1234 Main St" in last["Body"]


async def test_unpaid_hold_gets_one_nudge_before_it_expires(wired: Wired, set_now) -> None:  # type: ignore[no-untyped-def]
    from webhooks.maintenance import send_reminders

    await book_over_sms(wired)
    [booking] = await wired.bookings()
    set_now(NOW + timedelta(hours=21))  # 3 hours of the 24-hour hold left
    assert await send_reminders(wired.c) == 1
    assert await send_reminders(wired.c) == 0
    await wired.deliver()
    assert booking.checkout_url and booking.checkout_url in wired.twilio.delivered[-1]["Body"]
