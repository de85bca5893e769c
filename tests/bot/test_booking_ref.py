"""Which held booking a message names (bot/booking_ref.py), read without the engine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from bot.booking_ref import booking_named, days_said_of, without_kept

TODAY = date(2026, 12, 1)  # a Tuesday


@dataclass(frozen=True)
class Held:
    event_date: date
    adults: int = 10
    kids: int = 0


SAT_12 = Held(date(2026, 12, 12), 12, 2)
SUN_20 = Held(date(2026, 12, 20), 20)
JAN_9 = Held(date(2027, 1, 9), 8)
BOOKINGS = [SAT_12, SUN_20, JAN_9]
PLACES = [("San Jose", "sj"), ("Sacramento", "sac"), ("San Jose", "sj")]


@pytest.mark.parametrize(("text", "named"), [
    ("cancel the dec 20 one", SUN_20),
    ("the 12th one is fine, cancel the 20th", SUN_20),
    ("keep the 12th but move the 20th to the 27th", SUN_20),
    ("add 3 adults to the sunday one", SUN_20),
    ("add 2 kids to the sacramento party", SUN_20),
    ("the one in sac, we need to add 5 adults", SUN_20),
    ("the san jose one", None),  # two held there
    ("for the bigger party can we move it", SUN_20),
    ("the smaller one", JAN_9),
    ("the one on the 9th", JAN_9),  # (read as December's 9th by the date reader)
    ("the january one", JAN_9),
    ("the 12th", SAT_12),
    ("9", JAN_9),
    ("saturday", None),  # two Saturdays held: not named
    ("change my booking", None),
])
def test_the_booking_a_message_names(text: str, named: Held | None) -> None:
    assert booking_named(text, BOOKINGS, TODAY, PLACES) == named


def test_the_only_booking_is_named_by_anything() -> None:
    assert booking_named("change my booking", [SUN_20], TODAY, [("Sacramento", "sac")]) == SUN_20


def test_a_booking_said_to_stay_is_cut_out() -> None:
    assert without_kept("the 12th one is fine, cancel the 20th").strip(" ,") == "cancel the 20th"
    assert without_kept("cancel the 20th") == "cancel the 20th"


def test_days_said_of_reads_days_and_weekdays() -> None:
    assert days_said_of("the 12th doesnt work anymore", BOOKINGS, TODAY) == [SAT_12]
    assert days_said_of("we cant make sunday", BOOKINGS, TODAY) == [SUN_20]
    assert days_said_of("we cant make it", BOOKINGS, TODAY) == []
