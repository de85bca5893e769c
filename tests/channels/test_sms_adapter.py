"""Twilio SMS adapter: signatures, parsing, TwiML, numbered buttons, real SDK -> fake."""

from __future__ import annotations

import base64
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from channels.base import (
    ChannelName,
    DeliveryFailed,
    OutboundMessage,
    RecipientOptedOut,
    Reply,
)
from channels.sms import (
    TwilioSmsSender,
    parse_twilio_form,
    render_sms_text,
    render_twiml,
    resolve_numbered_choice,
    verify_twilio_signature,
)
from tests.fakes.credentials import TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER
from tests.fakes.twilio_server import FakeTwilio, twilio_signature

DATA = Path(__file__).resolve().parents[1] / "data"  # copies of ../shared/data files
NOW = datetime(2025, 5, 1, 18, 0, tzinfo=UTC)


def _load(name: str) -> Any:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"{name} not available in tests/data")
    return json.loads(path.read_text(encoding="utf-8"))


# --- signatures --------------------------------------------------------------------------


def test_twilio_official_signature_vectors_accepted() -> None:
    vectors = _load("twilio_signature_vectors.json")
    token, params = vectors["auth_token"], vectors["params"]
    assert vectors["cases"]
    for case in vectors["cases"]:
        got = verify_twilio_signature(token, case["url"], params, case["signature"])
        assert got is case["valid"], case


def test_forged_or_missing_signatures_refused() -> None:
    vectors = _load("twilio_signature_vectors.json")
    token, params = vectors["auth_token"], vectors["params"]
    case = vectors["cases"][0]
    url, signature = case["url"], case["signature"]
    assert verify_twilio_signature(token, url, params, signature)
    assert not verify_twilio_signature("wrong-token", url, params, signature)
    assert not verify_twilio_signature(token, url, {**params, "Digits": "9999"}, signature)
    assert not verify_twilio_signature(token, url + "&baz=3", params, signature)
    assert not verify_twilio_signature(token, url, params, signature[:-2] + "A=")
    assert not verify_twilio_signature(token, url, params, None)
    assert not verify_twilio_signature(token, url, params, "")
    assert not verify_twilio_signature("", url, params, signature)  # not configured


def test_our_signing_helper_round_trips() -> None:
    url = "https://bot.example.com/webhooks/twilio/sms"
    form = {"From": "+14085551234", "Body": "hi", "MessageSid": "SM1"}
    signature = twilio_signature(TWILIO_AUTH_TOKEN, url, form)
    assert verify_twilio_signature(TWILIO_AUTH_TOKEN, url, form, signature)
    assert not verify_twilio_signature(TWILIO_AUTH_TOKEN, url, {**form, "Body": "ho"}, signature)


# --- parsing -----------------------------------------------------------------------------


def test_parse_twilio_form_normalises_sender() -> None:
    form = {
        "From": "(408) 555-1234",
        "To": "+15005550006",
        "Body": "Quote for 12 adults",
        "MessageSid": "SM0123",
        "NumMedia": "2",
        "AccountSid": TWILIO_ACCOUNT_SID,
    }
    msg = parse_twilio_form(form, NOW)
    assert msg.channel is ChannelName.SMS
    assert msg.sender == "+14085551234"
    assert msg.text == "Quote for 12 adults"
    assert msg.provider_message_id == "SM0123"
    assert msg.media_count == 2
    assert msg.received_at == NOW


def test_parse_twilio_form_keeps_e164_and_odd_senders() -> None:
    assert parse_twilio_form({"From": "+14085551234", "MessageSid": "SM1"}, NOW).sender == (
        "+14085551234"
    )
    # Twilio's magic test number is not "valid" to libphonenumber but is still E.164.
    magic = parse_twilio_form({"From": "+15005550006", "MessageSid": "SM3"}, NOW)
    assert magic.sender == "+15005550006"
    short_code = parse_twilio_form({"From": "72345", "MessageSid": "SM2", "Body": "x"}, NOW)
    assert short_code.sender == "72345"
    assert short_code.media_count == 0


def test_parse_twilio_form_requires_sender_and_sid() -> None:
    with pytest.raises(ValueError):
        parse_twilio_form({"Body": "hi", "MessageSid": "SM1"}, NOW)
    with pytest.raises(ValueError):
        parse_twilio_form({"From": "+14085551234", "Body": "hi"}, NOW)


# --- TwiML and numbered buttons ----------------------------------------------------------


def test_twiml_numbers_buttons() -> None:
    xml = render_twiml(
        [
            Reply("Hi! I'm the Hibachi bot & I can help.", ("Get a quote", "Book a date")),
            Reply("Prices <start> at $55/adult."),
        ]
    )
    root = ET.fromstring(xml)
    assert root.tag == "Response"
    bodies = [m.text for m in root.findall("Message")]
    assert bodies == [
        "Hi! I'm the Hibachi bot & I can help.\n\n1) Get a quote\n2) Book a date",
        "Prices <start> at $55/adult.",
    ]


def test_twiml_without_replies_is_empty_response() -> None:
    root = ET.fromstring(render_twiml([]))
    assert root.tag == "Response"
    assert list(root) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", "Get a quote"),
        ("2", "Book a date"),
        (" 2 ", "Book a date"),
        ("#2", "Book a date"),
        ("2)", "Book a date"),
        ("2.", "Book a date"),
        ("option 2", "Book a date"),
        ("Option #3", "Talk to a person"),
        ("4", None),
        ("0", None),
        ("15", None),
        ("2 adults", None),
        ("no 2", None),
        ("choice 1", "Get a quote"),
        ("book", None),
        ("", None),
        ("the second one", "Book a date"),
        ("2nd option please", "Book a date"),
        ("First", "Get a quote"),
        ("the last one", "Talk to a person"),
        ("fourth one", None),
        ("the second of january", None),
        ("first time booking", None),
        ("the 2nd", None),  # a day of the month (it picked the second button)
        ("1st", None),
        ("the 2nd one", "Book a date"),
    ],
)
def test_resolve_numbered_choice(text: str, expected: str | None) -> None:
    buttons = ("Get a quote", "Book a date", "Talk to a person")
    assert resolve_numbered_choice(text, buttons) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("3", "3 PM"),  # the time, not the third option (6 PM)
    ("12", "12 PM"),
    ("#6", "6 PM"),
    ("1", None),  # 1 PM is no option; the engine says which times there are
    ("4", None),
    ("the second one", "3 PM"),  # a place in the list is still the place
    ("last one", "9 PM"),
    ("the earliest one", "12 PM"),
    ("latest please", "9 PM"),
])
def test_a_number_among_start_times_is_that_time(text: str, expected: str | None) -> None:
    assert resolve_numbered_choice(text, ("12 PM", "3 PM", "6 PM", "9 PM")) == expected


def test_start_times_are_not_numbered_on_sms() -> None:
    body = render_sms_text(Reply("Saturday, Dec 19 has a chef free at 12 PM, 3 PM, 6 PM.", ("12 PM", "3 PM", "6 PM")))
    assert body.endswith("\n\n• 12 PM\n• 3 PM\n• 6 PM")


def test_resolve_numbered_choice_without_buttons() -> None:
    assert resolve_numbered_choice("1", ()) is None


def test_render_sms_text_plain() -> None:
    assert render_sms_text(Reply("Just text")) == "Just text"


# --- the real SDK against the fake server -----------------------------------------------


def _sender(server: FakeTwilio, token: str = TWILIO_AUTH_TOKEN) -> TwilioSmsSender:
    return TwilioSmsSender(TWILIO_ACCOUNT_SID, token, TWILIO_FROM_NUMBER, api_base=server.base_url)


def _outbound(to: str, reply: Reply) -> OutboundMessage:
    return OutboundMessage(ChannelName.SMS, to, reply, idempotency_key="turn-1:0")


async def test_twilio_send_reaches_fake(twilio_fake: FakeTwilio) -> None:
    sender = _sender(twilio_fake)
    try:
        sid = await sender.send(_outbound("+14085551234", Reply("Pick one", ("Quote", "Book"))))
    finally:
        await sender.close()
    assert sid.startswith("SM")
    assert twilio_fake.messages == [
        {"To": "+14085551234", "From": TWILIO_FROM_NUMBER, "Body": "Pick one\n\n1) Quote\n2) Book"}
    ]
    assert (
        twilio_fake.received[0].path == f"/2010-04-01/Accounts/{TWILIO_ACCOUNT_SID}/Messages.json"
    )


async def test_twilio_unsubscribed_recipient_is_distinct(twilio_fake: FakeTwilio) -> None:
    twilio_fake.opt_out("+14085550000")
    sender = _sender(twilio_fake)
    try:
        with pytest.raises(RecipientOptedOut):
            await sender.send(_outbound("+14085550000", Reply("Reminder")))
        # Other numbers still go through on the same client.
        assert (await sender.send(_outbound("+14085551234", Reply("Hi")))).startswith("SM")
    finally:
        await sender.close()


async def test_twilio_failures_say_if_retryable(twilio_fake: FakeTwilio) -> None:
    sender = _sender(twilio_fake)
    twilio_fake.fail_next = [503, 400]
    try:
        with pytest.raises(DeliveryFailed) as server_error:
            await sender.send(_outbound("+14085551234", Reply("Hi")))
        assert server_error.value.retryable
        with pytest.raises(DeliveryFailed) as bad_request:
            await sender.send(_outbound("+14085551234", Reply("Hi")))
        assert not bad_request.value.retryable
    finally:
        await sender.close()


async def test_twilio_wrong_credentials_not_retryable(twilio_fake: FakeTwilio) -> None:
    sender = _sender(twilio_fake, token="not-the-token")
    try:
        with pytest.raises(DeliveryFailed) as failure:
            await sender.send(_outbound("+14085551234", Reply("Hi")))
    finally:
        await sender.close()
    assert not failure.value.retryable
    assert not isinstance(failure.value, RecipientOptedOut)


async def test_twilio_unreachable_server_is_retryable() -> None:
    # A port nothing listens on: the fake is started and stopped to get a free one.
    async with FakeTwilio(TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN) as server:
        base = server.base_url
    sender = TwilioSmsSender(
        TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER, api_base=base
    )
    try:
        with pytest.raises(DeliveryFailed) as failure:
            await sender.send(_outbound("+14085551234", Reply("Hi")))
    finally:
        await sender.close()
    assert failure.value.retryable


async def test_outbound_request_matches_twilio_openapi(twilio_fake: FakeTwilio) -> None:
    spec = _load("twilio_messages_openapi.json")
    template = "/2010-04-01/Accounts/{AccountSid}/Messages.json"
    operation = spec["paths"][template]["post"]
    schema = operation["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    allowed = set(schema["properties"])
    required = set(schema.get("required", []))

    sender = _sender(twilio_fake)
    try:
        await sender.send(_outbound("+14085551234", Reply("Hi", ("A", "B"))))
    finally:
        await sender.close()
    request = twilio_fake.received[0]
    assert request.method == "POST"
    assert request.path == template.replace("{AccountSid}", TWILIO_ACCOUNT_SID)
    assert request.headers["Content-Type"].startswith("application/x-www-form-urlencoded")
    assert set(request.form) <= allowed
    assert required <= set(request.form)

    # The fake answers with fields of Twilio's Message resource, no invented ones.
    resource = spec["components"]["schemas"]["api.v2010.account.message"]
    assert set(await _raw_fake_answer(twilio_fake)) <= set(resource["properties"])


async def _raw_fake_answer(server: FakeTwilio) -> dict[str, Any]:
    """One answer of the fake fetched with plain aiohttp, bypassing the SDK."""
    auth = base64.b64encode(f"{TWILIO_ACCOUNT_SID}:{TWILIO_AUTH_TOKEN}".encode()).decode()
    url = f"{server.base_url}/2010-04-01/Accounts/{TWILIO_ACCOUNT_SID}/Messages.json"
    form = {"To": "+14085551234", "From": TWILIO_FROM_NUMBER, "Body": "x"}
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=form, headers={"Authorization": f"Basic {auth}"}) as resp,
    ):
        assert resp.status == 201
        body: dict[str, Any] = await resp.json()
    return body
