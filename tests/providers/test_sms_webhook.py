"""Twilio SMS end to end: signed webhooks in, TwiML out, later messages through the
outbox with the real twilio SDK against the loopback Twilio API."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from channels.sms import verify_twilio_signature
from core.models import Lead, LeadEvent, Payment, SmsOptOut
from tests.providers.conftest import CUSTOMER, Wired, twiml_messages

# Twilio's own vectors (twilio-python's tests, MIT), copied from ../shared/data so CI has them.
VECTORS = Path(__file__).resolve().parents[1] / "data" / "twilio_signature_vectors.json"


async def book_over_sms(w: Wired, sender: str = CUSTOMER) -> list[str]:
    """A whole booking conversation; returns every text the bot answered inline."""
    said: list[str] = []
    for text in (
        "hi! can we book a hibachi chef for 12 adults and 3 kids on December 12 at 6pm? zip 95112",
        "Ana Lee, 1234 Main St, San Jose CA 95112, ana@example.com",
        "yes",
    ):
        r = await w.sms(text, sender=sender)
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("text/xml")
        said += twiml_messages(r.text)
    return said


async def test_whole_sms_booking_ends_deposit_paid_and_confirmed_by_sms(wired: Wired) -> None:
    said = await book_over_sms(wired)
    assert any("$900.00" in t for t in said), said  # DOMAIN's example: 12 adults + 3 kids
    bookings = await wired.bookings()
    assert len(bookings) == 1, said
    [booking] = bookings
    assert booking.status == "pending_deposit"
    assert (booking.event_date.isoformat(), booking.slot, booking.adults, booking.kids) == ("2026-12-12", "18:00", 12, 3)
    assert booking.total_cents == 90000 and "1234 Main St" in booking.address
    # The Checkout link came from Stripe (the SDK against the loopback API) into the reply.
    assert booking.checkout_url and booking.checkout_url in said[-1]
    [created] = [r for r in wired.stripe.received if r.path.endswith("/checkout/sessions")]
    assert created.form["metadata[booking_id]"] == str(booking.id)

    r, _, _ = await wired.stripe_paid(booking)
    assert r.status_code == 200, r.text
    [booking] = await wired.bookings()
    assert booking.status == "deposit_paid"
    async with wired.c.uow() as uow:
        [payment] = (await uow.session.scalars(select(Payment))).all()
        assert (payment.kind, payment.amount_cents) == ("deposit", 10000)
        lead = await uow.session.scalar(select(Lead))
        assert lead is not None and lead.status == "booked"
        kinds = [e.kind for e in (await uow.session.scalars(select(LeadEvent).where(LeadEvent.lead_id == lead.id))).all()]
        assert "deposit_paid" in kinds
    assert await wired.deliver() == 1
    [sent] = wired.twilio.messages
    assert sent["To"] == CUSTOMER and "Deposit received" in sent["Body"]


async def test_duplicate_message_sid_returns_same_twiml_and_changes_nothing(wired: Wired) -> None:
    first = await wired.sms("how much for 20 people in 95112?", sid="SMdup0001")
    before = await wired.counts()
    again = await wired.sms("how much for 20 people in 95112?", sid="SMdup0001")
    assert again.status_code == 200 and again.text == first.text
    assert await wired.counts() == before


async def test_forged_and_unsigned_requests_are_refused_and_store_nothing(wired: Wired) -> None:
    form = {"MessageSid": "SMforged1", "From": CUSTOMER, "To": "+15005550006", "Body": "yes"}
    assert (await wired.post_sms(form, signature=None)).status_code == 403
    forged = await wired.post_sms(form, signature="dGhpcyBpcyBub3QgYSBzaWduYXR1cmU=")
    assert forged.status_code == 403 and forged.json()["error"] == "bad_signature"
    # A body changed after signing is forged too.
    good = dict(form)
    from tests.fakes.twilio_server import twilio_signature
    from tests.providers.conftest import SMS_URL

    sig = twilio_signature("test-twilio-auth-token", SMS_URL, good)
    tampered = dict(good, Body="cancel my booking")
    assert (await wired.post_sms(tampered, signature=sig)).status_code == 403
    assert all(n == 0 for n in (await wired.counts()).values())


async def test_sms_endpoint_is_disabled_without_an_auth_token(db, client) -> None:  # type: ignore[no-untyped-def]
    r = await client.post("/webhooks/twilio/sms", data={"From": CUSTOMER, "MessageSid": "SM1", "Body": "hi"})
    assert r.status_code == 403 and r.json()["error"] == "channel_disabled"


async def test_signed_but_malformed_form_gets_400_json(wired: Wired) -> None:
    r = await wired.post_sms({"Body": "hello"})  # no From, no MessageSid
    assert r.status_code == 400 and r.json()["error"] == "bad_request"


def test_twilio_official_signature_vectors_are_accepted() -> None:
    data = json.loads(VECTORS.read_text())
    for case in data["cases"]:
        ok = verify_twilio_signature(data["auth_token"], case["url"], data["params"], case["signature"])
        assert ok == case["valid"], case
    # ... and a changed parameter is not.
    changed = dict(data["params"], Digits="9999")
    assert not verify_twilio_signature(data["auth_token"], data["cases"][0]["url"], changed, data["cases"][0]["signature"])


async def test_stop_silences_everything_until_start(wired: Wired) -> None:
    await wired.sms("how much for 10 people in 95112")
    stop = await wired.sms("  stop ")
    [confirmation] = twiml_messages(stop.text)
    assert "unsubscribed" in confirmation and "START" in confirmation
    again = await wired.sms("hello? how much for 12 people")
    assert twiml_messages(again.text) == []
    # Nothing later leaves either, e.g. a payment confirmation queued for that number.
    await wired.sms("STOP")  # a second STOP: no second confirmation
    assert await wired.deliver() == 0 and wired.twilio.messages == []
    start = await wired.sms("START")
    assert "resubscribed" in twiml_messages(start.text)[0]
    back = await wired.sms("how much for 12 adults in 95112?")
    assert any("$" in t for t in twiml_messages(back.text))


async def test_cancel_my_booking_is_not_an_opt_out(wired: Wired) -> None:
    r = await wired.sms("cancel my booking")
    assert not any("unsubscribed" in t for t in twiml_messages(r.text))
    async with wired.c.uow() as uow:
        assert (await uow.session.scalars(select(SmsOptOut))).first() is None


async def test_help_names_the_business_and_how_to_opt_out(wired: Wired) -> None:
    [text] = twiml_messages((await wired.sms("HELP")).text)
    assert "Hibachi at Home" in text and "STOP" in text


async def test_mms_without_text_gets_a_text_only_answer(wired: Wired) -> None:
    r = await wired.sms("", media=1)
    [text] = twiml_messages(r.text)
    assert "text" in text.lower()


async def test_numbered_options_on_sms_accept_a_digit(wired: Wired) -> None:
    first = twiml_messages((await wired.sms("hi there")).text)
    assert "1) Get a quote" in first[-1], first
    # "1" is the first option, "Get a quote": the bot asks for the party's size.
    texts = twiml_messages((await wired.sms("1")).text)
    assert any("how many" in t.lower() and "guests" in t.lower() for t in texts), texts


async def test_escalation_alerts_the_on_call_phone_once(wired: Wired) -> None:
    from webhooks.providers import build_providers

    wired.c.settings = wired.c.settings.model_copy(update={"staff_alert_sms": "+14085550999"})
    build_providers(wired.c)
    await wired.sms("I want to talk to a real person please")
    await wired.sms("hello??")  # still waiting: no second alert
    await wired.deliver()
    alerts = [m for m in wired.twilio.delivered if m["To"] == "+14085550999"]
    assert len(alerts) == 1 and "/staff?c=" in alerts[0]["Body"]
    assert CUSTOMER not in alerts[0]["Body"]  # the customer's number is masked
