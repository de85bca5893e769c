"""A month asked about as a whole ("anything in march?"), the weekdays asked for, a bare day
of that month in the next message, and what counts as asking for the soonest date."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.nlu.asks import DAYS_ASKED, SOONEST
from bot.nlu.dates import day_of_month, find_month, weekdays_asked

TODAY = dt.date(2026, 12, 1)
MARCH = (dt.date(2027, 3, 1), dt.date(2027, 3, 31))


@pytest.mark.parametrize(("text", "month"), [
    ("hello im looking at dates in march", MARCH),
    ("any saturdays open next month?", (dt.date(2027, 1, 1), dt.date(2027, 1, 31))),
    ("what do you have this month", (dt.date(2026, 12, 1), dt.date(2026, 12, 31))),
    ("march dates?", MARCH),
    ("anything in Feb 2028", (dt.date(2028, 2, 1), dt.date(2028, 2, 29))),
    ("in march 14", None),  # a day, not the month
    ("we may need a chef", None),
    ("whats the price", None),
])
def test_the_month_asked_about(text: str, month: tuple[dt.date, dt.date] | None) -> None:
    assert find_month(text, TODAY) == month


def test_the_weekdays_asked_for() -> None:
    assert weekdays_asked("any saturdays in march") == {5}
    assert weekdays_asked("weekends in jan?") == {5, 6}
    assert weekdays_asked("fridays or sundays next month") == {4, 6}
    assert weekdays_asked("anything in march") == frozenset()


def test_a_bare_day_is_a_day_of_the_month_asked_about() -> None:
    assert day_of_month("the 14th", MARCH[0]) == dt.date(2027, 3, 14)
    assert day_of_month("how about the 20th at 6", MARCH[0]) == dt.date(2027, 3, 20)
    assert day_of_month("dec 30th", MARCH[0]) is None  # a month of its own
    assert day_of_month("saturday the 6th", MARCH[0]) is None  # a weekday of its own
    assert day_of_month("the 31st", dt.date(2027, 2, 1)) is None  # no such day


@pytest.mark.parametrize(("text", "soonest"), [
    ("whats your next available date", True),
    ("whats the earliest you can come", True),
    ("how soon can u come out", True),
    ("whats the soonest", True),
    ("how soon do i need to book", False),  # the lead time: the FAQ's
    ("whats the earliest time you start", False),  # the start times: the FAQ's
])
def test_asking_for_the_soonest_date(text: str, soonest: bool) -> None:
    assert bool(SOONEST.search(text)) is soonest


def test_a_month_alone_is_not_a_question_about_open_days() -> None:
    assert DAYS_ASKED.search("any openings in march")
    assert not DAYS_ASKED.search("we're getting married in march")


def test_a_month_already_past_is_said_so_not_beyond_the_window() -> None:
    from bot import templates as t
    from core.services.availability import OpenDays

    march_2025 = (dt.date(2025, 3, 1), dt.date(2025, 3, 31))
    # open_days cut it to nothing: from today (Dec 3 with the lead time) to Mar 31, 2025.
    past = t.month_dates(march_2025, OpenDays(dt.date(2026, 12, 3), march_2025[1], [], []), frozenset(), 180)
    assert past.kind == "date_past" and "already passed" in past.text
    august = (dt.date(2027, 8, 1), dt.date(2027, 8, 31))
    far = t.month_dates(august, OpenDays(august[0], dt.date(2027, 5, 30), [], []), frozenset(), 180)
    assert far.kind == "date_too_far" and "180 days" in far.text
