"""Cities in a message: named where a place is expected, not wherever a city's name is a
word (the names are every city of the service states, from the booking core)."""

from __future__ import annotations

import pytest

from bot.nlu.places import find_cities
from core.geo import cities

NAMES = frozenset(cities("CA"))


@pytest.mark.parametrize(("text", "found"), [
    ("do you service fresno", ["fresno"]),
    ("hi im in san jose, do you come out here?", ["san jose"]),
    ("can you come out to walnut creek", ["walnut creek"]),
    ("we live in the sacramento area", ["sacramento"]),
    ("the Sacramento area", ["sacramento"]),
    ("party in Elk Grove next month", ["elk grove"]),
    ("u guys go to san francisco?", ["san francisco"]),
    ("from fresno, party in san jose", ["san jose"]),
    ("is the chicken in orange sauce", []),  # Orange, CA is also a word
    ("can i talk to jackson", []),  # "to" names a place only after coming
    ("in case it rains", []),
    ("we are in oakland, 15 ppl", ["oakland"]),
    ("whats the travel fee to santa cruz", ["santa cruz"]),
    ("how far is it to davis", ["davis"]),
    ("can u come to st. helena", ["saint helena"]),
    ("do you come to san jose or oakland?", ["san jose", "oakland"]),
    ("do you serve oakland, san jose and santa cruz", ["oakland", "san jose", "santa cruz"]),
    ("we are in davis and need a chef", ["davis"]),
    ("come to fresno or not at all", ["fresno"]),
])
def test_cities_where_a_place_is_expected(text: str, found: list[str]) -> None:
    assert find_cities(text, NAMES) == found


def test_a_bare_city_only_as_the_answer_to_the_zip_question() -> None:
    assert find_cities("Oakland", NAMES) == []
    assert find_cities("Oakland", NAMES, whole=True) == ["oakland"]
    assert find_cities("san jose ca", NAMES, whole=True) == ["san jose"]
    assert find_cities("orange", NAMES, whole=True) == []
