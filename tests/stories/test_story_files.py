"""Static checks of the story files (format only; running them is the story runner's job).

See README.md beside this file for the format.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

STORIES_DIR = Path(__file__).parent
STORY_FILES = sorted(STORIES_DIR.glob("*.yaml"))
MIN_STORIES = 95
EXPECTED_FILES = {
    "quote.yaml",
    "booking.yaml",
    "corrections.yaml",
    "faq_interrupt.yaml",
    "availability.yaml",
    "rules.yaml",
    "escalation.yaml",
    "out_of_area.yaml",
    "sms.yaml",
    "cancel_reschedule.yaml",
    "smalltalk.yaml",
    "unhappy.yaml",
    "texting.yaml",
}

KINDS = {
    "greeting", "ask_guests", "ask_kids", "ask_zip", "ask_date", "ask_time", "ask_name",
    "ask_phone", "ask_address", "ask_email", "ask_email_address", "quote", "availability",
    "slot_unavailable",
    "date_too_soon", "date_too_far", "date_past", "invalid_guests", "party_too_large",
    "unknown_zip", "out_of_area", "booking_summary", "booking_created", "booking_declined",
    "faq_answer", "faq_unsure", "escalated", "clarify", "cancel_confirm",
    "booking_cancelled", "reschedule_ask", "booking_rescheduled", "no_booking_found",
    "booking_status", "thanks", "bye", "help", "opted_out", "opted_in", "ack", "identity", "travel_fee",
    "party_change_ask", "party_change_confirm", "party_changed", "deposit_amount", "booking_needs", "open_dates", "quote_recap", "rates", "total_explained",
    "next_step", "meal_times", "opt_out_how", "reschedule_confirm",
    "booking_paused", "started_over", "booking_change_ask", "second_party", "no_discounts", "refund_policy", "tip_included", "note_taken", "why_we_ask", "weekday_mismatch", "contact_updated", "contact_on_file",
    "slot_within", "which_booking", "nothing_cancelled",
}  # fmt: skip
STORY_KEYS = {"name", "now", "channel", "phone", "setup", "turns", "end", "known_failure"}
REQUIRED_STORY_KEYS = {"name", "turns"}
SETUP_KEYS = {"full_slots", "booking", "bookings"}
FULL_SLOT_KEYS = {"date", "time", "station"}
SETUP_BOOKING_KEYS = {"date", "time", "adults", "kids", "zip", "status"}
TURN_KEYS = {"user", "expect"}
EXPECT_KEYS = {
    "kinds", "not_kinds", "amounts", "contains", "not_contains", "buttons", "has_buttons",
    "silent",
}  # fmt: skip
END_KEYS = {"status", "lead", "no_lead", "booking", "no_booking", "opted_out"}
LEAD_KEYS = {"source", "events"}
END_BOOKING_KEYS = {
    "status", "date", "time", "adults", "kids", "zip", "name", "address_contains", "notes_contains",
    "total_cents",
}  # fmt: skip
CHANNELS = {"webchat", "sms", "telegram"}
LEAD_SOURCES = {"webchat", "sms", "telegram", "api"}
CONV_STATUSES = {"bot", "escalated", "staff", "closed"}
BOOKING_STATUSES = {"pending_deposit", "deposit_paid", "completed", "cancelled"}
FUNNEL_EVENTS = {
    "quote_viewed", "lead_created", "availability_checked", "booking_started",
    "booking_created", "deposit_paid", "escalated", "opted_out",
}  # fmt: skip
SLOTS = {"12:00", "15:00", "18:00", "21:00"}
STATIONS = {"sj", "sac"}
AMOUNT_RE = re.compile(r"^\$\d{1,3}(,\d{3})*\.\d{2}$")
ZIP_RE = re.compile(r"^\d{5}$")
E164_RE = re.compile(r"^\+1\d{10}$")


def _load(path: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict) and set(data) == {"stories"}, f"{path.name}: top level"
    stories = data["stories"]
    assert isinstance(stories, list) and stories, f"{path.name}: empty"
    return stories


def _all() -> list[tuple[str, dict[str, Any]]]:
    return [(p.name, s) for p in STORY_FILES for s in _load(p)]


def _is_date(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


def test_all_theme_files_present() -> None:
    assert {p.name for p in STORY_FILES} >= EXPECTED_FILES


@pytest.mark.parametrize("path", STORY_FILES, ids=lambda p: p.name)
def test_file_parses(path: Path) -> None:
    _load(path)


def test_story_count() -> None:
    assert len(_all()) >= MIN_STORIES


def test_names_unique() -> None:
    seen: dict[str, str] = {}
    for fname, story in _all():
        name = str(story.get("name"))
        assert name not in seen, f"duplicate story name {name!r} in {fname} and {seen[name]}"
        seen[name] = fname


def _check_expect(where: str, expect: Any) -> None:
    assert isinstance(expect, dict) and expect, f"{where}: expect must be a non-empty map"
    assert set(expect) <= EXPECT_KEYS, f"{where}: unknown expect keys {set(expect) - EXPECT_KEYS}"
    for key in ("kinds", "not_kinds"):
        if key in expect:
            assert _str_list(expect[key]), f"{where}: {key} must be a list of strings"
            unknown = set(expect[key]) - KINDS
            assert not unknown, f"{where}: unknown kinds {unknown}"
    if "kinds" in expect and "not_kinds" in expect:
        both = set(expect["kinds"]) & set(expect["not_kinds"])
        assert not both, f"{where}: kinds and not_kinds overlap {both}"
    for key in ("amounts", "contains", "not_contains", "buttons"):
        if key in expect:
            assert _str_list(expect[key]), f"{where}: {key} must be a list of strings"
    for amount in expect.get("amounts", []):
        assert AMOUNT_RE.match(amount), f"{where}: amount {amount!r} not like $1,234.56"
    for key in ("has_buttons", "silent"):
        if key in expect:
            assert isinstance(expect[key], bool), f"{where}: {key} must be a boolean"
    if expect.get("silent"):
        others = set(expect) - {"silent"}
        assert not others, f"{where}: silent turn cannot expect {others}"


def _check_setup(where: str, setup: Any) -> None:
    assert isinstance(setup, dict) and set(setup) <= SETUP_KEYS, f"{where}: setup keys"
    for slot in setup.get("full_slots", []):
        assert isinstance(slot, dict) and set(slot) == FULL_SLOT_KEYS, f"{where}: full_slots"
        assert _is_date(slot["date"]), f"{where}: full_slots date"
        assert slot["time"] in SLOTS, f"{where}: full_slots time"
        assert slot["station"] in STATIONS, f"{where}: full_slots station"
    specs = [setup["booking"]] if "booking" in setup else []
    if "bookings" in setup:
        assert isinstance(setup["bookings"], list) and setup["bookings"], f"{where}: setup.bookings"
        specs += setup["bookings"]
    for booking in specs:
        assert isinstance(booking, dict) and set(booking) == SETUP_BOOKING_KEYS, (
            f"{where}: setup.booking needs exactly {sorted(SETUP_BOOKING_KEYS)}"
        )
        assert _is_date(booking["date"]), f"{where}: setup.booking date"
        assert booking["time"] in SLOTS, f"{where}: setup.booking time"
        assert isinstance(booking["adults"], int) and booking["adults"] >= 1
        assert isinstance(booking["kids"], int) and booking["kids"] >= 0
        assert ZIP_RE.match(str(booking["zip"])), f"{where}: setup.booking zip"
        assert booking["status"] in BOOKING_STATUSES, f"{where}: setup.booking status"


def _check_end(where: str, end: Any, channel: str) -> None:
    assert isinstance(end, dict) and end, f"{where}: end must be a non-empty map"
    assert set(end) <= END_KEYS, f"{where}: unknown end keys {set(end) - END_KEYS}"
    if "status" in end:
        assert end["status"] in CONV_STATUSES, f"{where}: end.status"
    if "lead" in end:
        lead = end["lead"]
        assert isinstance(lead, dict) and lead and set(lead) <= LEAD_KEYS, f"{where}: lead"
        if "source" in lead:
            assert lead["source"] in LEAD_SOURCES, f"{where}: lead.source"
        if "events" in lead:
            assert _str_list(lead["events"]), f"{where}: lead.events"
            unknown = set(lead["events"]) - FUNNEL_EVENTS
            assert not unknown, f"{where}: unknown funnel events {unknown}"
    for key in ("no_lead", "no_booking", "opted_out"):
        if key in end:
            assert isinstance(end[key], bool), f"{where}: {key} must be a boolean"
    assert not (end.get("no_lead") and "lead" in end), f"{where}: lead and no_lead"
    assert not (end.get("no_booking") and "booking" in end), f"{where}: booking and no_booking"
    if "opted_out" in end:
        assert channel == "sms", f"{where}: opted_out is for sms stories only"
    if "booking" in end:
        booking = end["booking"]
        assert isinstance(booking, dict) and booking, f"{where}: end.booking"
        unknown = set(booking) - END_BOOKING_KEYS
        assert not unknown, f"{where}: unknown end.booking keys {unknown}"
        if "status" in booking:
            assert booking["status"] in BOOKING_STATUSES, f"{where}: end.booking status"
        if "date" in booking:
            assert _is_date(booking["date"]), f"{where}: end.booking date"
        if "time" in booking:
            assert booking["time"] in SLOTS, f"{where}: end.booking time"
        if "zip" in booking:
            assert isinstance(booking["zip"], str) and ZIP_RE.match(booking["zip"])
        for key in ("adults", "kids", "total_cents"):
            if key in booking:
                assert isinstance(booking[key], int) and booking[key] >= 0, f"{where}: {key}"


@pytest.mark.parametrize("fname,story", _all(), ids=[f"{f}:{s.get('name')}" for f, s in _all()])
def test_story_well_formed(fname: str, story: dict[str, Any]) -> None:
    where = f"{fname}: {story.get('name')!r}"
    assert isinstance(story, dict), where
    assert set(story) >= REQUIRED_STORY_KEYS, f"{where}: needs {sorted(REQUIRED_STORY_KEYS)}"
    assert set(story) <= STORY_KEYS, f"{where}: unknown keys {set(story) - STORY_KEYS}"
    assert isinstance(story["name"], str) and story["name"].strip(), where

    if "now" in story:
        assert isinstance(story["now"], str), f"{where}: now must be a quoted string"
        assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$", story["now"]), f"{where}: now"
        dt.datetime.fromisoformat(story["now"])
    channel = story.get("channel", "webchat")
    assert channel in CHANNELS, f"{where}: channel"
    if "phone" in story:
        assert channel == "sms", f"{where}: phone is the sms sender"
        assert isinstance(story["phone"], str) and E164_RE.match(story["phone"]), where
    if "setup" in story:
        _check_setup(where, story["setup"])

    turns = story["turns"]
    assert isinstance(turns, list) and turns, f"{where}: turns must be a non-empty list"
    for i, turn in enumerate(turns):
        twhere = f"{where} turn {i + 1}"
        assert isinstance(turn, dict) and "user" in turn, f"{twhere}: needs user"
        assert set(turn) <= TURN_KEYS, f"{twhere}: unknown keys {set(turn) - TURN_KEYS}"
        assert isinstance(turn["user"], str) and turn["user"].strip(), twhere
        if "expect" in turn:
            _check_expect(twhere, turn["expect"])
    if "end" in story:
        _check_end(where, story["end"], channel)


def test_stories_use_opt_keywords_only_on_sms() -> None:
    for fname, story in _all():
        if story.get("channel", "webchat") == "sms":
            continue
        for turn in story["turns"]:
            kinds = set(turn.get("expect", {}).get("kinds", []))
            assert not kinds & {"opted_out", "opted_in", "help"}, (
                f"{fname}: {story['name']!r} expects an SMS keyword reply off SMS"
            )
