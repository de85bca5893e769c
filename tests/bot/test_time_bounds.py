"""A start time said as a bound ("after 5"), read beside a date (session 21)."""

from __future__ import annotations

import pytest

from bot.nlu.times import time_bound


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("sat dec 19 after 5", "after"),  # the day's number is no "19 after 5"
        ("12/19 before 4", "before"),
        ("anything after 7", "after"),
        ("10 after 5", None),  # ten minutes past
    ],
)
def test_time_bound(text: str, bound: str | None) -> None:
    assert time_bound(text) == bound
