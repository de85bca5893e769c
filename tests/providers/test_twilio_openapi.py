"""Our outbound Twilio requests (the real SDK, through the outbox) checked against
Twilio's official OpenAPI description of the Messages API."""

from __future__ import annotations

import json
import re
from pathlib import Path

from channels.base import ChannelName, OutboundMessage, Reply
from tests.providers.conftest import CUSTOMER, Wired
from tests.providers.test_sms_webhook import book_over_sms

# The Messages-create operation cut from ../shared/data/twilio_api_v2010.json (see "source").
SPEC = Path(__file__).resolve().parents[1] / "data" / "twilio_messages_openapi.json"
MESSAGES = "/2010-04-01/Accounts/{AccountSid}/Messages.json"


def _spec_path_regex(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[A-Za-z]+\\\}", "[^/]+", re.escape(template)) + "$")


async def test_outbound_messages_match_twilio_openapi(wired: Wired) -> None:
    spec = json.loads(SPEC.read_text())
    op = spec["paths"][MESSAGES]["post"]
    schema = op["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    props, required = schema["properties"], set(schema.get("required", []))
    await book_over_sms(wired)
    [booking] = await wired.bookings()
    await wired.stripe_paid(booking)
    # A long answer too: Twilio refuses bodies over 1,600 characters.
    await wired.c.sms.send(OutboundMessage(ChannelName.SMS, CUSTOMER, Reply("word " * 500), "k1"))
    await wired.deliver()
    assert len(wired.twilio.received) == 2
    path = _spec_path_regex(MESSAGES)
    for req in wired.twilio.received:
        assert req.method == "POST" and path.match(req.path), req.path
        assert set(req.form) <= set(props), set(req.form) - set(props)
        assert required <= set(req.form)
        assert re.fullmatch(r"\+[1-9]\d{6,14}", req.form["To"]) and re.fullmatch(r"\+[1-9]\d{6,14}", req.form["From"])
        assert 0 < len(req.form["Body"]) <= 1600
    assert "201" in op["responses"]
