"""Hostile inbound text over the real wire: any unicode, 0-2,000 characters, emoji,
SQL and HTML/XML fragments, through a signed Twilio webhook and the web chat. The
server must never crash and must answer every message (each example is a new
customer, so no earlier opt-out or hand-off silences the bot legitimately)."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.conftest import SMS_PATH, examples, signed_sms, sms_form

FRAGMENTS = st.sampled_from([
    "'; DROP TABLE bookings; --",
    "1' OR '1'='1",
    "$$; SELECT pg_sleep(10); $$",
    "<script>alert(1)</script>",
    "</Message></Response><Response><Message>pwned",
    "<![CDATA[x]]>",
    "&amp; &lt; &#0; &#x1F600;",
    "{{7*7}} ${7*7} %s%n",
    "😀🔥🍤👨‍👩‍👧‍👦🏳️‍🌈",
    "\u202eevil\u202c",
    "ｂｏｏｋ ｆｏｒ １２",
    "book 20 adults in 95112 on dec 19 at 6pm",
    "how much for 12 adults?",
    "stop",
    "\r\n\t ",
])
# Any unicode that UTF-8 can carry (U+0000 and control characters included), mixed
# with the fragments.
ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=600)
INBOUND = st.one_of(
    st.lists(st.one_of(ANY_TEXT, FRAGMENTS), max_size=6).map(lambda parts: "".join(parts)[:2000]),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1500, max_size=2000),
)
SETTINGS = settings(
    max_examples=examples(25, 300),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _sender() -> str:
    # A fresh valid US number per example (exchange 200-999), so no state carries over.
    return f"+1415{2_000_000 + uuid.uuid4().int % 8_000_000:07d}"


def _twiml_messages(body: bytes) -> list[str]:
    root = ET.fromstring(body)  # must be well-formed XML whatever the customer typed
    assert root.tag == "Response"
    return [(m.text or "") + "".join(b.text or "" for b in m) for m in root.iter("Message")]


def post_sms(http: httpx.Client, text: str, sid: str | None = None, sender: str | None = None) -> httpx.Response:
    form = sms_form(sender or _sender(), text, sid or "SM" + uuid.uuid4().hex)
    return http.post(SMS_PATH, data=form, headers=signed_sms(str(http.base_url).rstrip("/"), form))


@SETTINGS
@given(text=INBOUND)
def test_sms_any_text_gets_a_twiml_reply(http: httpx.Client, text: str) -> None:
    r = post_sms(http, text)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/xml")
    messages = _twiml_messages(r.content)
    assert messages and all(m.strip() for m in messages), f"no reply to {text[:80]!r}"


@SETTINGS
@given(text=INBOUND)
def test_webchat_any_text_gets_a_reply(http: httpx.Client, text: str) -> None:
    r = http.post("/api/chat", json={"session_id": None, "text": text})
    assert r.status_code == 200, r.text[:300]
    replies = r.json()["replies"]
    assert replies and all(x["text"].strip() for x in replies), f"no reply to {text[:80]!r}"


def test_nul_in_sms_body_still_gets_a_reply(http: httpx.Client) -> None:
    r = post_sms(http, "hi\x00there")
    assert r.status_code == 200
    assert _twiml_messages(r.content)


def test_faq_answer_with_control_characters_still_gives_valid_twiml(
    http: httpx.Client, staff_headers: dict[str, str]
) -> None:
    # Text pasted from a word processor can carry ESC, vertical tab or backspace.
    faq = http.post("/api/faqs", headers=staff_headers, json={
        "question": "Do you cater on houseboats?",
        "answer": "Yes, we cater on houseboats\x1b docked in the delta\x08.",
    })
    assert faq.status_code == 201
    try:
        r = post_sms(http, "do you cater on houseboats?")
        assert r.status_code == 200
        messages = _twiml_messages(r.content)  # Twilio refuses XML that is not well-formed
        assert any("houseboats" in m for m in messages)
    finally:
        http.delete(f"/api/faqs/{faq.json()['id']}", headers=staff_headers)
