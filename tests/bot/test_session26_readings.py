"""Readings that saved wrong data or dropped a request in session 26 (session 25's
leftovers and what its QA rounds found)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.cues import EDIT_FORM, MAKE_IT_N, MORE, MOVE_TO_HOUR
from bot.nlu.entities import extract_entities
from bot.nlu.guests import added_people, people_as_counts

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
