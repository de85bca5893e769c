"""A question about something else that names a day ("whats the weather tomorrow") is
not a booking step: the bot must not answer it with the date rules or a guest count
question. A day asked about on its own ("what about sat the 19th?") still is one."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from bot.nlu.aside import asks_about_something_else
from webhooks.container import Container

BOOKING_STEPS = {"date_too_soon", "date_too_far", "date_past", "ask_guests", "ask_kids", "ask_zip", "ask_date", "ask_time", "quote"}


@pytest.mark.parametrize("text", [
    "whats the weather gonna be like tomorrow",
    "any good movies out this weekend?",
    "is the park open on saturday?",
    "whens sunset tomorrow",
    "what time does the bank open tomorrow",
])
async def test_an_aside_with_a_day_is_not_a_booking_step(db: Container, client: httpx.AsyncClient, text: str) -> None:
    r = await client.post("/api/chat", json={"text": text})
    kinds = {x["kind"] for x in r.json()["replies"]}
    assert kinds and not kinds & BOOKING_STEPS, kinds
    assert "faq_answer" not in kinds


@pytest.mark.parametrize("text", [
    "what about sat the 19th?", "is dec 12 still open?", "can we do it friday?", "any spots dec 12?",
])
async def test_a_day_asked_about_alone_is_a_booking_step(db: Container, client: httpx.AsyncClient, text: str) -> None:
    r = await client.post("/api/chat", json={"text": text})
    kinds = {x["kind"] for x in r.json()["replies"]}
    assert kinds & BOOKING_STEPS | {"availability", "slot_unavailable"}, kinds
    assert "faq_unsure" not in kinds and "escalated" not in kinds


@pytest.mark.parametrize(("text", "aside"), [
    ("whens sunset tomorrow", True),
    ("whats on tv tonight", True),
    ("sat the 14th?", False),
    ("how about the 12th at 6?", False),
    ("do you have anything dec 12 at 6pm", False),  # speaks to us
    ("birthday dinner on the 12th?", False),  # names what we sell
    ("what time do you arrive on the 12th", False),
    ("is that date free, dec 12?", False),  # "date" only says when
])
def test_what_is_left_beside_the_day_decides(text: str, aside: bool) -> None:
    assert asks_about_something_else(text, dt.date(2026, 11, 22)) is aside
