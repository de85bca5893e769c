"""Corrections inside one message, and the questions inside a longer message."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from bot.nlu import extract_entities
from bot.nlu.segments import question_clauses

NOW = dt.datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


def facts(text: str) -> dict[str, object]:
    return {k: v for k, v in extract_entities(text, now=NOW).as_dict().items() if v is not None}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare number replaces the last number said before the marker, keeping its noun.
        ("15 adults, no wait 16, and 4 kids", {"adults": 16, "kids": 4}),
        ("we're 20 ppl, actually make that 22, all adults", {"adults": 22, "kids": 0}),
        ("fifteen adults no wait sixteen", {"adults": 16}),
        ("10 adults and 2 kids, actually 3", {"adults": 10, "kids": 3}),
        ("20 people, no, 25", {"guests": 25}),
        ("dinner at 6, no 7", {"time": "19:00"}),
        # A fact with its own kind takes back the last fact of that kind.
        ("12 adults & 4 kids.. wait no 5 kids", {"adults": 12, "kids": 5}),
        ("18 adults, scratch that, 17 adults and 2 kids", {"adults": 17, "kids": 2}),
        ("dec 19, 6pm oh wait no 3pm is better", {"date": "2026-12-19", "time": "15:00"}),
        ("dec 12, no wait dec 13, 10 adults", {"date": "2026-12-13", "adults": 10}),
        ("zip 95112 oops i meant 95125", {"zip": "95125"}),
        # The marker after the new number (session 18): the count said just before.
        ("12 adults 14 actually no kids", {"adults": 14, "kids": 0}),
        ("12 adults (14 actually) 2 kids", {"adults": 14, "kids": 2}),
        ("12 adults 3 kids, 4 actually", {"adults": 12, "kids": 4}),
    ],
)
def test_a_fact_taken_back_in_the_same_message_is_replaced(
    text: str, expected: dict[str, object]
) -> None:
    got = facts(text)
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Markers that correct nothing said before them change nothing.
        ("actually we have no kids, 12 adults", {"adults": 12, "kids": 0}),
        ("12 adults, actually 3 kids too", {"adults": 12, "kids": 3}),
        ("sorry, 10 adults and 2 kids", {"adults": 10, "kids": 2}),
        ("no kids, 12 adults", {"adults": 12, "kids": 0}),
        ("wait can we do dec 19 instead", {"date": "2026-12-19"}),
    ],
)
def test_markers_without_a_replacement_keep_the_facts(
    text: str, expected: dict[str, object]
) -> None:
    got = facts(text)
    assert {k: got.get(k) for k in expected} == expected


def test_a_name_written_just_before_the_street_address_is_the_name() -> None:
    got = facts("10 adults no kids 95112, Ana Silva 12 Race St San Jose 408-555-0111")
    assert got["name"] == "Ana Silva" and got["address"] == "12 Race St San Jose"
    assert "name" not in facts("we live in san jose, 123 Main St")


@pytest.mark.parametrize(
    ("text", "questions"),
    [
        ("price for 15 adults 2 kids at 95125? also is the tip included",
         ["price for 15 adults 2 kids at 95125?", "is the tip included"]),
        ("how much for 20 people in 95112 and do you bring the plates?",
         ["how much for 20 people in 95112", "do you bring the plates?"]),
        ("do you clean up after? also we're 10 adults 2 kids in 95125, how much",
         ["do you clean up after?"]),
        ("wait how much is the deposit again and when do i pay it",
         ["how much is the deposit again", "when do i pay it"]),
        ("how much for 10 adults and 2 kids", ["how much for 10 adults and 2 kids"]),
        ("12 adults, 95112", []),
    ],
)
def test_question_clauses_are_split_out(text: str, questions: list[str]) -> None:
    assert question_clauses(text) == questions
