"""Readings added in session 22: a message in another language, an occasion as a note,
a title kept in a name, a phrase that is no name."""

from __future__ import annotations

import pytest

from bot.nlu.language import foreign_language
from bot.nlu.names import find_name
from bot.nlu.notes import chef_note, tells_occasion


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("hola, cuanto cuesta para 10 personas?", "es"),
        ("necesito un chef para 15 personas el 20 de diciembre", "es"),
        ("bonjour, combien pour 10 personnes", "fr"),
        ("xin chào, giá bao nhiêu", "vi"),
        # English texting, however odd, is English (or too short to tell)
        ("wat r ur prices", None),
        ("how much 4 12 ppl", None),
        ("ok cool continue", None),
        ("sup", None),
        ("hola", None),
        ("12 adults dec 19 6pm 95112", None),
        ("Maria Lopez", None),
    ],
)
def test_foreign_language(text: str, lang: str | None) -> None:
    assert foreign_language(text) == lang


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("its for my moms 60th bday, 12 adults dec 19 6pm 95112", "its for my moms 60th bday"),
        ("hi i want to book a hibachi party for my sons graduation", "for my sons graduation"),
        ("celebrating our 10th anniversary", "celebrating our 10th anniversary"),
        ("its for my bday, my son is allergic to shrimp", "my son is allergic to shrimp; its for my bday"),
        # a question about occasions is for the FAQ
        ("do you do birthday parties?", None),
        ("how much for a birthday party of 10", None),
    ],
)
def test_occasion_note(text: str, note: str | None) -> None:
    assert chef_note(text) == note
    assert tells_occasion(text) == (note is not None)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dr. Sarah Kim", "Dr. Sarah Kim"),
        ("dr sarah kim", "Dr. Sarah Kim"),
        ("Mrs. Lopez", "Mrs. Lopez"),
        ("Hope", "Hope"),
        ("Grace Lee", "Grace Lee"),
        ("Hope so", None),
        ("Mark my words", None),
        ("Will do", None),
    ],
)
def test_name_asked(text: str, name: str | None) -> None:
    assert find_name(text, expecting="name") == name


@pytest.mark.parametrize(
    ("text", "name"),
    [("Sure thing", None), ("Sounds great", None), ("Hola, soy Maria Lopez", "Maria Lopez"),
     ("me llamo Juan Perez", "Juan Perez")],
)
def test_name_asked_round_c(text: str, name: str | None) -> None:
    assert find_name(text, expecting="name") == name


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("my son turns 5 on dec 20, 10 adults 6 kids zip 95112", "my son turns 5"),
        ("graduation party for the class of 2027, 20 adults", "graduation party"),
        ("its for my moms 60th", "for my moms 60th"),
        ("its for 12 people on the 19th", None),
        ("can u do a bachelorette party?", None),
    ],
)
def test_occasion_forms(text: str, note: str | None) -> None:
    assert chef_note(text) == note


def test_a_range_of_guests_is_one_count() -> None:
    from bot.nlu.guests import find_party

    party = find_party("between 5 and 7", expecting="guests")
    assert (party.adults, party.kids, party.guests) == (None, None, 7)


def test_after_lunch_is_the_afternoon() -> None:
    import datetime as dt

    from bot.nlu.times import find_time

    assert find_time("after lunch")[0] == dt.time(15, 0)
    assert find_time("lunch")[0] == dt.time(12, 0)
