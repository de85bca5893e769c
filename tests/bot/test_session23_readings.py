"""Readings that were wrong data or lost requests in session 23's QA rounds."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.nlu.cancels import cancels_the_booking
from bot.nlu.contacts import address_city, find_address, others_number
from bot.nlu.entities import extract_entities
from bot.nlu.guests import two_parties
from bot.nlu.intents import IDENTITY_QUESTION, classify_intent
from bot.nlu.notes import chef_note
from bot.nlu.segments import clauses

NOW = dt.datetime(2026, 12, 1, 10, 0)


@pytest.mark.parametrize(
    ("text", "day"),
    [("saturday the 19", dt.date(2026, 12, 19)), ("sat 19", dt.date(2026, 12, 19)),
     ("saturday 6", dt.date(2026, 12, 5)), ("fri 4", dt.date(2026, 12, 4)), ("thurs 10", dt.date(2026, 12, 10)),
     ("another one jan 9 6pm", dt.date(2027, 1, 9)),
     ("move the jan 9 one to 6pm", dt.date(2027, 1, 9))],
)
def test_days(text: str, day: dt.date) -> None:
    assert extract_entities(text, now=NOW).date == day


@pytest.mark.parametrize(
    ("text", "day", "hour"),
    [("15?", 15, None), ("ok 19 then", 19, None), ("19 at 6", 19, 18), ("19, 6pm", 19, 18)],
)
def test_a_bare_day_answers_what_date(text: str, day: int, hour: int | None) -> None:
    ent = extract_entities(text, now=NOW, expecting="date")
    assert ent.date == dt.date(2026, 12, day)
    assert (ent.time.hour if ent.time else None) == hour


def test_a_count_at_the_date_question_is_no_day() -> None:
    ent = extract_entities("12 people", now=NOW, expecting="date")
    assert ent.date is None and ent.guests == 12


@pytest.mark.parametrize(
    ("text", "party"),
    [("how much for 12 adults, and how much for 20 adults? no kids", (12, 0)),
     ("price for 10 adults vs 15 adults? no kids", (10, 0)),
     ("10 adults and 5 more adults", (15, None)),
     ("20 adults no kids, 15 of them vegan.", (20, 0)),
     ("10 adlts 2 kds", (10, 2)), ("we'll be around 15 ish adults, no kids", (15, 0))],
)
def test_party(text: str, party: tuple[int, int | None]) -> None:
    ent = extract_entities(text, now=NOW)
    assert (ent.adults, ent.kids) == party


def test_a_count_before_the_day() -> None:
    ent = extract_entities("12 on the 19th at 6, zip 95112, no kids", now=NOW)
    assert (ent.adults, ent.kids, ent.date) == (12, 0, dt.date(2026, 12, 19))


@pytest.mark.parametrize(
    ("address", "city"),
    [("500 Main St, Salinas", "Salinas"), ("123 Main St Apt 4, Sacramento", "Sacramento"),
     ("123 main st san jose 95112", "san jose"), ("300 Main St, near Fremont", None),
     ("300 Main St (my moms house in Campbell)", None), ("4000 Mowry Ave", None)],
)
def test_address_city(address: str, city: str | None) -> None:
    assert address_city(address) == city


def test_a_question_after_the_street_is_no_part_of_it() -> None:
    found = find_address("123 Main St can u bring extra chairs", expecting="address")
    assert found is not None and found.text == "123 Main St"


@pytest.mark.parametrize(
    ("text", "note"),
    [("surprise party for my wife, DONT text her, her number is 408-555-0166. 12 adults",
      "surprise party for my wife, DONT text her, her number is 408-555-0166"),
     ("im Sara Kim. on the day call my brother Ben 408-555-0111", "on the day call my brother Ben 408-555-0111"),
     ("408-555-0116, my husband might answer", None), ("best number is my husbands 408-555-0124", None),
     ("my cell is 408-555-0100", None)],
)
def test_someone_elses_number(text: str, note: str | None) -> None:
    assert others_number(text) == note


@pytest.mark.parametrize(
    ("text", "two"),
    [("we want 2 parties on dec 19, lunch at 12 for 10 adults and dinner at 6 for 15 adults", True),
     ("12 adults 95112 no kids, can we do lunch and dinner on dec 19?", True),
     ("is it 2 parties if we split the group? 30 adults 95112", False),
     ("do you do lunch and dinner parties? 10 adults 95112", False),
     ("10 adults on dec 19 and 20 adults on dec 20, 95112 no kids", True),
     ("dec 19 and dec 20, 10 adults no kids each, 95112", True), ("we want 2 parties, 10 adults each, 95112", True),
     ("12 adults 3 kids 95112 sunday dec 20 6pm", False)],
)
def test_two_parties(text: str, two: bool) -> None:
    assert two_parties(text, has_date=extract_entities(text, now=NOW).date is not None) is two


@pytest.mark.parametrize(
    ("text", "parts"),
    [("6pm do u bring ur own grill", ["6pm", "do u bring ur own grill"]),
     ("yes do u take venmo", ["yes", "do u take venmo"]),
     ("dec 19 wat if it rains", ["dec 19", "wat if it rains"]),
     ("123 main st — can the chef set up in the garage?", ["123 main st", "can the chef set up in the garage?"]),
     ("6pm can work", ["6pm can work"]), ("10 adults no kids 95112 dec 19 6pm", ["10 adults no kids 95112 dec 19 6pm"])],
)
def test_a_question_after_a_fact_is_its_own_clause(text: str, parts: list[str]) -> None:
    assert clauses(text) == parts


@pytest.mark.parametrize(
    ("text", "note"),
    [("can u add to the notes that my mom has a bday so maybe a candle on the rice lol",
      "my mom has a bday so maybe a candle on the rice"),
     ("also can we add my moms bday to the notes", "my moms bday")],
)
def test_a_note_asked_in_words(text: str, note: str) -> None:
    assert chef_note(text) == note


@pytest.mark.parametrize(
    ("text", "cancels"),
    [("10 adults dec 19 6pm, cancel that, dec 20 3pm", False), ("pls cancel my booking", True)],
)
def test_cancel_that_between_facts(text: str, cancels: bool) -> None:
    assert cancels_the_booking(text) is cancels
    assert (classify_intent(text).intent == "cancel_booking") is cancels


@pytest.mark.parametrize(
    "text", ["who is this", "you texted me?", "hi is this the hibachi guy?", "hey is this still the number for hibachi?"],
)
def test_who_is_texting(text: str) -> None:
    assert IDENTITY_QUESTION.match(text)


@pytest.mark.parametrize("text", ["is this a good time for hibachi?", "who is this for"])
def test_not_who_is_texting(text: str) -> None:
    assert not IDENTITY_QUESTION.match(text)
