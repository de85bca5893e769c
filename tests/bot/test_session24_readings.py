"""Readings that were wrong data or lost requests in session 24."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.nlu.contacts import second_number
from bot.nlu.entities import extract_entities
from bot.nlu.guests import added_people
from bot.nlu.intents import classify_intent

NOW = dt.datetime(2026, 12, 1, 10, 0)


@pytest.mark.parametrize(
    ("text", "name"),
    [("Mark & Lisa Chen", "Mark & Lisa Chen"),  # was "Lisa Chen"
     ("mark and lisa chen", "Mark & Lisa Chen"),
     ("Mark Chen & Lisa Chen", "Mark Chen & Lisa Chen"),  # was "Mark Chen"
     ("Lisa Chen", "Lisa Chen"),
     ("yes and no", None)],
)
def test_a_couples_name_at_the_name_question(text: str, name: str | None) -> None:
    assert extract_entities(text, now=NOW, expecting="name").name == name


@pytest.mark.parametrize(
    "text",
    ["whats the phone number u have on file", "what email do you have for me?",
     "what address is the booking at", "which number do you guys have"],
)
def test_what_the_core_holds_is_a_status_question(text: str) -> None:
    assert classify_intent(text).intent == "booking_status"


@pytest.mark.parametrize(
    ("text", "expecting", "name", "address"),
    [("Kelley Park, 1300 Senter Rd, San Jose", "address", None, "Kelley Park, 1300 Senter Rd, San Jose"),
     ("Oak Ridge Clubhouse 4500 Oak Ridge Dr", "address", None, "Oak Ridge Clubhouse, 4500 Oak Ridge Dr"),
     ("its at the Marriott, 301 S Market St", "address", None, "Marriott, 301 S Market St"),
     # a surname that is also a place ("Park") leads a contact dump where the name is asked
     ("Jen Park, 12 Race St, San Jose", "name", "Jen Park", "12 Race St, San Jose"),
     ("Dana Lee, Oak Ridge Clubhouse, 4500 Oak Ridge Dr", "name", "Dana Lee", "Oak Ridge Clubhouse, 4500 Oak Ridge Dr"),
     ("Nina Patel, 2150 Lincoln Ave, San Jose", None, "Nina Patel", "2150 Lincoln Ave, San Jose")],
)
def test_a_place_before_the_street_is_part_of_the_address(
    text: str, expecting: str | None, name: str | None, address: str
) -> None:
    ent = extract_entities(text, now=NOW, expecting=expecting)
    assert (ent.name, ent.address) == (name, address)


@pytest.mark.parametrize(
    ("text", "note"),
    [("408-555-0142 or my husband Tom 408-555-0199", "my husband Tom 408-555-0199"),
     ("mine is 408-555-0142 and my husband's is 408-555-0199", "my husband's is 408-555-0199"),
     ("408-555-0142", None), ("408-555-0142, yes 408-555-0142", None)],
)
def test_a_second_number_at_the_phone_question(text: str, note: str | None) -> None:
    assert second_number(text) == note


@pytest.mark.parametrize(
    ("text", "name"),
    [("Mr and Mrs Lee", "Mr. & Mrs. Lee"),  # a first version of the couple rule: "None & Mrs. Lee"
     ("Mr. and Mrs. David Lee", "Mr. & Mrs. David Lee"),  # was "didn't catch that"
     ("the johnson family", "Johnson family"), ("the Parks", "The Parks"), ("the best", None),
     ("Carlos Ruiz Jr.", "Carlos Ruiz Jr."), ("carlos ruiz jr", "Carlos Ruiz Jr.")],  # was "Jr"
)
def test_a_couples_titles_or_a_family_at_the_name_question(text: str, name: str | None) -> None:
    assert extract_entities(text, now=NOW, expecting="name").name == name


@pytest.mark.parametrize(
    ("text", "adults", "kids", "guests"),
    [("my husband and i plus 2 couples", 6, None, None),  # was 4
     ("me and 9 coworkers", 10, None, None),  # was 9
     ("me and my 2 parents", 3, None, None),
     ("a couple dozen people", None, None, 24),  # was 12
     ("a couple of dozen adults", 24, None, None),
     ("20 adults", 20, None, None)],
)
def test_the_speaker_and_couples_are_counted(text: str, adults: int | None, kids: int | None, guests: int | None) -> None:
    e = extract_entities(text, now=NOW)
    assert (e.adults, e.kids, e.guests) == (adults, kids, guests)


@pytest.mark.parametrize(
    ("text", "added"),
    [("add my sister and her 2 kids", (1, 2)), ("actually my parents are coming too", (2, 0)),
     ("plus my brother and his wife", (2, 0)), ("my parents are 70", None),
     ("we have 8 adults plus my parents", None), ("is my dad coming", None)],
)
def test_relatives_added_to_a_party(text: str, added: tuple[int, int] | None) -> None:
    assert added_people(text) == added


def test_relatives_joining_beside_counts_are_no_addition() -> None:
    assert added_people("oh wait my sister's family is coming too, so 9 adults and 2 kids") is None


@pytest.mark.parametrize(
    ("text", "adults", "kids"),
    [("my sister her husband and their 3 kids plus us 2", 4, 3),  # was 2 + 3
     ("me my wife our 2 kids and grandma", 3, 2),  # was 2 + 2
     ("us 2 plus my parents plus my in-laws", 6, None),  # was "how many of the 2 are kids?"
     ("me, my parents and my 2 kids", 3, 2),  # was the adults asked
     ("my mom my dad and i", 3, None)],
)
def test_a_party_listed_person_by_person(text: str, adults: int, kids: int | None) -> None:
    e = extract_entities(text, now=NOW)
    assert (e.adults, e.kids) == (adults, kids)
