"""Answers to "what time?" that name no start, days the calendar lacks, day-first dates,
and "7 or later" (session 22)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.nlu.dates import find_date, no_such_day
from bot.nlu.repairs import apply_repairs
from bot.nlu.times import StartWish, start_wish, time_bound

TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "wish"),
    [
        ("anytime", StartWish("any")),
        ("actually whatevers open", StartWish("any")),
        ("doesnt matter", StartWish("any")),
        ("up to you", StartWish("any")),
        ("the last slot", StartWish("last")),
        ("earliest you have", StartWish("first")),
        ("morning", StartWish("morning")),
        ("between 5 and 7", StartWish("window", 17, 19)),
        ("5-7pm", StartWish("window", 17, 19)),
        ("11am-2", StartWish("window", 11, 14)),
        ("12 to 3", StartWish("window", 12, 15)),
        # a start, a count or a day is no wish
        ("6pm", None),
        ("10 adults", None),
        ("12/19", None),
        ("7 to 5", None),
    ],
)
def test_start_wish(text: str, wish: StartWish | None) -> None:
    assert start_wish(text) == wish


@pytest.mark.parametrize(
    ("text", "bound"),
    [("7 pm or later", "after"), ("6 at the latest", "before"), ("after 7", "after"), ("at 7", None)],
)
def test_time_bound(text: str, bound: str | None) -> None:
    assert time_bound(text) == bound


@pytest.mark.parametrize(
    ("text", "day"),
    [("feb 29", "February 29"), ("feb 30", "February 30"), ("11/31", "November 31"), ("29th feb", "February 29"),
     ("feb 28", None), ("feb 29 2028", None), ("the 31st", None)],
)
def test_no_such_day(text: str, day: str | None) -> None:
    assert no_such_day(text, TODAY) == day
    if day is not None:
        assert find_date(text, TODAY)[0] is None  # (dateparser took "feb 29" as 2028's)


@pytest.mark.parametrize(
    ("text", "day"),
    [("19/12 at 6pm", dt.date(2026, 12, 19)), ("12/19", dt.date(2026, 12, 19)),
     ("the 1st at 6", dt.date(2027, 1, 1)), ("the 2nd", dt.date(2026, 12, 2))],
)
def test_day_read(text: str, day: dt.date) -> None:
    assert find_date(text, TODAY)[0] == day


def test_a_repair_replaces_every_fact_after_it() -> None:
    fixed = apply_repairs("10 adults dec 19 6pm, scratch that, dec 20 3pm", TODAY)
    assert "dec 19" not in fixed and "6pm" not in fixed
    assert "dec 20" in fixed and "3pm" in fixed
