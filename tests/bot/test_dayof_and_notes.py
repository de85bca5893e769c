"""Day-of news for a person, and notes a booked customer tells (session 22)."""

from __future__ import annotations

import pytest

from bot.nlu.dayof import day_of_news
from bot.nlu.notes import chef_note, menu_choice


@pytest.mark.parametrize(
    ("text", "news"),
    [
        ("we're running 20 min behind, can chef wait", "running_late"),
        ("hey we're gonna be a bit late getting home, tell the chef to wait", "running_late"),
        ("the chef is here early, we're not ready", "running_late"),
        ("hi the chef forgot the rice", "complaint"),
        ("can i get the chef's phone number", "chef_contact"),
        # the chef being late is the complaint rule's; a what-if is the FAQ's
        ("the chef is running late", None),
        ("what if we are late?", None),
        ("i forgot the date", None),
        ("can we start later", None),
        # session 22 round G: late with something else, or someone else's forgetting
        ("sorry im late getting back to you! yes 10 adults is right", None),
        ("running late on the final headcount, will confirm tmrw", None),
        ("we'll be late paying the deposit, is that ok?", None),
        ("the chef just texted he's running behind", None),
        ("my wife said she forgot to tell u, we have 2 cats", None),
        ("my number for the chef is 408-555-1212", None),
        ("can i get the chef's phone number?", "chef_contact"),
    ],
)
def test_day_of_news(text: str, news: str | None) -> None:
    assert day_of_news(text) == news


@pytest.mark.parametrize(
    "text",
    [
        "nobody in our group eats pork",
        "we have 3 vegetarians",
        "we're upstairs, apt 4B, buzz 22",
        "please have the chef call me when he arrives",
        "my wife is pregnant so no raw stuff pls",
        "6 chicken 4 steak 2 shrimp please",
        "4 people want tofu instead of meat",
        "we want chicken and steak for everyone",
    ],
)
def test_told_for_the_chef(text: str) -> None:
    assert chef_note(text) == text


@pytest.mark.parametrize(
    "text", ["can we get chicken and steak for everyone?", "what proteins do you have", "do you have vegan options?",
             "is there parking", "12 adults dec 19"],
)
def test_asked_is_no_note(text: str) -> None:
    assert chef_note(text) is None


def test_a_note_asked_for_in_so_many_words() -> None:
    assert chef_note("the gate sticks, chef should know") == "the gate sticks"


def test_menu_choice() -> None:
    assert menu_choice("6 chicken 4 steak 2 shrimp please")
    assert menu_choice("4 people want tofu instead of meat")
    assert not menu_choice("12 adults and 4 kids")


def test_a_count_beside_a_note_is_no_part_of_it() -> None:
    assert chef_note("we have 2 dogs and 12 adults now") == "we have 2 dogs"
    assert chef_note("skip the fried rice and add 2 adults") == "skip the fried rice"
    assert chef_note("hey just fyi we're 12 adults now not 10") is None
