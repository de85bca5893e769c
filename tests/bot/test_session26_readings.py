"""Readings that saved wrong data or dropped a request in session 26 (session 25's
leftovers and what its QA rounds found)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.cues import (
    BARE_DELTA,
    CAN_WE_DO_N,
    COUNT_SWAP,
    EDIT_FORM,
    HOUR_INSTEAD,
    HOUR_ON_DAY,
    LEADING_COUNT,
    MAKE_IT_N,
    MORE,
    MOVE_TAKEN_BACK,
    MOVE_TO_HOUR,
    SOME_OF_THEM,
)
from bot.engine import _restates_summary, _same_party
from bot.nlu.entities import Entities, extract_entities
from bot.nlu.guests import added_people, people_as_counts
from bot.state import Slots
from core.models import Booking

NOW = dt.datetime(2026, 12, 1, 10, 0)


@pytest.mark.parametrize(("text", "day"), [
    ("party of 10 dec 18 9pm 95112", dt.date(2026, 12, 18)),  # it was Dec 10
    ("group of 15 dec 22 3pm 95814", dt.date(2026, 12, 22)),  # it was Dec 15
    ("10 dec", dt.date(2026, 12, 10)),
    ("10th dec 18", dt.date(2026, 12, 10)),
    ("18 december", dt.date(2026, 12, 18)),
])
def test_a_number_before_a_month_is_its_day_only_when_no_day_follows(text: str, day: dt.date) -> None:
    assert extract_entities(text, now=NOW).date == day


def test_the_party_before_the_month_is_still_counted() -> None:
    assert extract_entities("party of 10 dec 18 9pm 95112", now=NOW).guests == 10


@pytest.mark.parametrize(("text", "added"), [
    ("my in laws are coming too, 4 of them", (4, 0)),  # it was a party of 4
    ("my parents are coming too", (2, 0)),
    ("my in-laws are coming as well so thats 4 more", None),  # the 4 more is the move (it was 10 + 2 + 4 + 6)
    ("my cousin's 3 kids are coming too", None),  # the cousin is not coming (it was one adult, the kids dropped)
    ("my sister isn't coming too", None),  # fewer, not more (it was one more adult)
    ("my mom's coming too", (1, 0)),  # ("'s" is "is" here; the possessive rule missed it)
    ("my sister’s coming too", (1, 0)),
])
def test_relatives_joining(text: str, added: tuple[int, int] | None) -> None:
    assert added_people(text) == added


@pytest.mark.parametrize("text", ["my sister isn't coming too", "my brother is not coming", "my sister isnt coming anymore"])
def test_a_relative_not_coming_is_one_adult_fewer(text: str) -> None:
    assert people_as_counts(text).startswith("1 adult")


@pytest.mark.parametrize(("text", "more"), [
    ("2 kids coming too", True),
    ("my 2 kids are coming as well", True),
    ("my sister isn't coming too", False),
    ("the kids arent coming too", False),
])
def test_coming_too_is_more_guests_unless_negated(text: str, more: bool) -> None:
    assert bool(MORE.search(text)) is more


@pytest.mark.parametrize(("text", "hour"), [
    ("move it to 9 on the 27th", 9),
    ("can we switch to 3 on saturday", 3),
    ("push it to 9", 9),
    ("can we move it to 3 on a weekday", None),  # the weekday is asked, not Dec 20 at 3 PM kept
])
def test_a_bare_hour_to_move_to(text: str, hour: int | None) -> None:
    m = MOVE_TO_HOUR.search(text)
    assert (int(m["h"]) if m else None) == hour


def test_make_it_n_with_please_before_a_note() -> None:
    m = MAKE_IT_N.match("make it 12 pls and the gate code is 7788")
    assert m is not None and m["n"] == "12"


@pytest.mark.parametrize(("text", "edit"), [
    ("yes the address is correct, book it", False),
    ("can you correct my name", True),
    ("change the time", True),
])
def test_correct_is_an_edit_only_as_a_verb(text: str, edit: bool) -> None:
    assert bool(EDIT_FORM.search(text)) is edit


@pytest.mark.parametrize(("text", "hour"), [
    ("can we do 12 on the 27th", 12),
    ("3 on saturday would suit us better", 3),
    ("we're 12 now not 10, and 3 on the 27th works better", 3),
    ("12 on a weekday", None),
])
def test_a_bare_hour_before_the_day(text: str, hour: int | None) -> None:
    m = HOUR_ON_DAY.search(text)
    assert (int(m["h"]) if m else None) == hour


@pytest.mark.parametrize(("text", "hour"), [
    ("2 of us work late so can we do 9 instead", 9),
    ("6 is too early, 9 instead?", 9),
    ("how about 3 instead", 3),
    ("can we do 3 instead of 6", None),  # (the swap reader's)
])
def test_a_bare_hour_instead(text: str, hour: int | None) -> None:
    m = HOUR_INSTEAD.search(text)
    assert (int(m["h"] or m["h2"]) if m else None) == hour


@pytest.mark.parametrize(("text", "swap"), [
    ("can we do 8 instead of 10", (8, 10)),
    ("12 people instead of 10", (12, 10)),
    ("9 instead of 6pm", None),
])
def test_one_count_for_another(text: str, swap: tuple[int, int] | None) -> None:
    m = COUNT_SWAP.search(text)
    assert ((int(m["n"]), int(m["old"])) if m else None) == swap


@pytest.mark.parametrize(("text", "size"), [
    ("make it 12 pls and the gate code is 7788", 12),
    ("actually 12, my dad has a shellfish allergy", 12),
    ("make it 16 n 3pm", 16),
    ("can we do 15 instead, gate code 7788", 15),
    ("can we do 9 instead, gate code 7788", None),  # (9 may be a start)
    ("make it 12", None),  # (nothing after it: the bare readers')
])
def test_a_size_leading_the_message(text: str, size: int | None) -> None:
    m = LEADING_COUNT.match(text)
    assert (int(m["n"] or m["n2"] or m["n3"] or m["n4"]) if m else None) == size


@pytest.mark.parametrize(("text", "n"), [
    ("2 of my friends are coming too", "2"),
    ("3 coworkers also coming", "3"),
    ("2 of my friends are coming", None),  # (no "too": maybe the whole party)
])
def test_friends_joining_are_more(text: str, n: str | None) -> None:
    m = BARE_DELTA.search(text)
    assert (m["n4"] if m else None) == n


@pytest.mark.parametrize(("text", "rest"), [
    ("move to 3 on the 27th. actually nvm keep the date but 2 more ppl", "2 more ppl"),
    ("can we do 3pm? nvm, keep it", None),
])
def test_a_move_taken_back(text: str, rest: str | None) -> None:
    m = MOVE_TAKEN_BACK.match(text)
    assert (m["rest"] if m else None) == rest


@pytest.mark.parametrize(("text", "n"), [("can we do 12 instead", 12), ("could we do 3?", 3), ("can we do 12 instead of 10", None)])
def test_can_we_do_n(text: str, n: int | None) -> None:
    m = CAN_WE_DO_N.match(text)
    assert (int(m["n"]) if m else None) == n


def test_some_of_them() -> None:
    assert SOME_OF_THEM.search("no shrimp for 2 of them")
    assert not SOME_OF_THEM.search("2 of my friends")


@pytest.mark.parametrize(("text", "guests"), [
    ("2 of us work late so can we do 9 instead", None),
    ("3 of them are vegetarian", None),
    ("there are 10 of us", 10),
])
def test_some_of_us_working_is_no_party_size(text: str, guests: int | None) -> None:
    assert extract_entities(text, now=NOW).guests == guests


def test_a_yes_restating_the_day_and_start() -> None:
    slots = Slots(adults=10, kids=0, date="2026-12-19", time="18:00", zip="95112", address="1 oak st san jose")
    said = extract_entities("yes thats right 10 adults at 6pm on the 19th", now=NOW, expecting="confirm")
    assert _restates_summary(said, slots)
    assert _restates_summary(Entities(guests=10), slots)
    assert _restates_summary(Entities(address="1 oak st"), slots)
    assert not _restates_summary(Entities(address="2 oak st"), slots)
    assert not _restates_summary(Entities(time=dt.time(15, 0)), slots)


def test_the_same_party() -> None:
    b = Booking(adults=20, kids=5)
    assert _same_party(Entities(guests=25), b)
    assert not _same_party(Entities(adults=25), b)  # ("change the dec 20 party to 25 adults")
    assert _same_party(Entities(adults=20), b)
