"""Readings of what customers type mid-form that were wrong data (session 22 QA)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.nlu.contacts import find_address, find_zip
from bot.nlu.dates import find_date
from bot.nlu.guests import find_party
from bot.nlu.names import find_name
from bot.nlu.times import find_time

TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    "text",
    ["can the chef arrive 30 min early?", "my mom turns 70 that day!", "2 chicken 3 steak 1 salmon please",
     "does the chef need 2 tables?"],
)
def test_no_address_at_the_address_question(text: str) -> None:
    assert find_address(text, expecting="address") is None


@pytest.mark.parametrize(
    ("text", "street"),
    [("1200 the alameda san jose", "1200 the alameda san jose"),
     ("Maria Smith, 1200 The Alameda apt 4B san jose", "1200 The Alameda apt 4B san jose"),
     ("1200 The Alameda, gate code 1234", "1200 The Alameda"),
     ("12 Oak Ln", "12 Oak Ln")],
)
def test_a_street_named_with_the(text: str, street: str) -> None:
    found = find_address(text, expecting="address")
    assert found is not None and found.text == street


@pytest.mark.parametrize("text", ["yesss", "okkk", "Yasss", "hmmm"])
def test_stretched_words_are_no_names(text: str) -> None:
    assert find_name(text, expecting="name") is None


@pytest.mark.parametrize(
    ("text", "party"),
    [("30 people 25 adults 5 kids 95112", (25, 5, 30)), ("adults 10 kids 3", (10, 3, 13)),
     ("we have 2 people allergic to shellfish is that ok?", (None, None, None)),
     ("is it ok if 1 kid has a severe nut allergy?", (None, None, None)), ("we have 12 people", (None, None, 12)),
     ("we are now 14", (None, None, 14)), ("12 oak ct. gluten free for 2 guests pls", (None, None, None)),
     ("2 adults want shrimp and 3 adults want steak", (None, None, None))],
)
def test_party(text: str, party: tuple[int | None, int | None, int | None]) -> None:
    found = find_party(text)
    assert (found.adults, found.kids, found.guests) == party


def test_a_zip_digit_by_digit() -> None:
    assert find_zip("zip is 9 5 1 1 2")[0] == "95112"


@pytest.mark.parametrize("text", ["can we add a 3rd protein?", "do u do a 2nd chef for 12 ppl?"])
def test_an_ordinal_of_a_thing_is_no_day(text: str) -> None:
    assert find_date(text, TODAY)[0] is None


def test_a_size_is_no_start() -> None:
    assert find_time("how big of a space does the grill need like 10 ft?", expecting="time")[0] is None
    assert find_time("like 6", expecting="time")[0] == dt.time(18, 0)


@pytest.mark.parametrize(
    ("text", "name"),
    [("Hi, I'm Dr. Priya Patel-Shah, 8 adults", "Dr. Priya Patel-Shah"), ("Sean O'Neil here, need jan 23", "Sean O'Neil")],
)
def test_a_name_in_a_first_message(text: str, name: str) -> None:
    assert find_name(text) == name
