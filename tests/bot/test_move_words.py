"""A booked party's move said in words (bot/nlu/moves.py): asked or not, and which way."""

from __future__ import annotations

import pytest

from bot.nlu.moves import read_move


@pytest.mark.parametrize(
    ("text", "shift", "days"),
    [
        ("can we push it an hour later?", "later", None),
        ("could we do it the day before instead", "before", -1),
        ("move it to the next day pls", "after", 1),
        ("can we do it a week later", "week", 7),
        ("can we start a little earlier", "earlier", None),
    ],
)
def test_a_move_relative_to_the_booking_is_asked(text: str, shift: str, days: int | None) -> None:
    mv = read_move(text)
    assert mv.asks_relative_move
    assert (mv.shift, mv.days) == (shift, days)


@pytest.mark.parametrize(
    "text",
    [
        "can i get a reminder the day before?",  # a day shift with no move verb
        "can i pay the rest later?",  # later, but not about the start
        "can the chef come earlier to set up",
        "we'll know more later in the month",
        "my mom arrives the day before",
    ],
)
def test_words_that_ask_no_move(text: str) -> None:
    assert not read_move(text).asks_relative_move


def test_neighbour_day_is_only_the_day_before_or_after() -> None:
    assert read_move("the day before?").neighbour_day == -1
    assert read_move("what about the next day").neighbour_day == 1
    assert read_move("a week later").neighbour_day is None


def test_a_booking_named_after_the_move_verb_is_still_a_move() -> None:
    """Session 21: "move the december one a week later" was no move ("the" after the verb
    marked something other than the booking)."""
    assert read_move("move the december one a week later").verb
    assert read_move("move the sunday party to 3pm").verb
    assert not read_move("can i make the final payment a day later?").verb
