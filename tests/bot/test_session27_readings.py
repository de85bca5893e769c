"""Readings that saved wrong data or dropped a request in session 27 (session 26's
leftovers)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.cues import ADD_PEOPLE, CAN_DO_HOUR, START_AFTER_ADDED, STILL_OK, group_moved
from bot.nlu.entities import extract_entities
from bot.nlu.guests import added_people, kin_not_coming
from bot.nlu.notes import chef_note
from bot.nlu.numbers import normalize

NOW = dt.datetime(2026, 12, 1, 10, 0)


@pytest.mark.parametrize(("text", "adults"), [
    ("my boss isnt coming anymore and neither is his wife", 2),  # it was 1
    ("my sister cant make it and neither can her husband", 2),
    ("my brother cant come, nor his wife", 2),
    ("my boss isnt coming anymore", 1),
    ("my in-laws cant come anymore", 2),
    ("my boss isnt coming and neither are his 2 kids", 1),  # the kids were added
])
def test_someone_not_coming_and_neither_another(text: str, adults: int) -> None:
    assert extract_entities(text, now=NOW).adults == adults


def test_neither_his_kids_is_kids_fewer() -> None:
    ent = extract_entities("my boss isnt coming and neither are his 2 kids", now=NOW)
    assert (ent.adults, ent.kids) == (1, 2)
    assert extract_entities("my brother cant come but his 2 kids still will", now=NOW).kids == 2


@pytest.mark.parametrize(("text", "guests"), [
    ("we have 2 tables of 6", 12),  # it was 2
    ("3 tables of 8 people", 24),
    ("2 tables of 6 and 1 of 4", 16),
    ("2 families of 5 and 1 of 4", 14),
    ("table of 6 pls", 6),
    ("we rented 2 tables of 6 ft", None),  # a length (it was 12 guests)
])
def test_tables_of_a_size_are_counted_in_all(text: str, guests: int | None) -> None:
    assert extract_entities(text, now=NOW).guests == guests


@pytest.mark.parametrize(("text", "added"), [
    ("my husband's coming too", (1, 0)),  # it was not read
    ("my wife is coming too", (1, 0)),
    ("adding my boyfriend", (1, 0)),
    ("my sister and her husband are coming too", (2, 0)),
    ("can you add my husband's number 408-555-9999 as a contact?", None),  # his number, not him
    ("adding my mom's cell number", None),
    # the differential run's misfires of the partner rule: none of these is one more
    ("adding my husband as a contact", None),
    ("adding my husband to the email thread pls", None),
    ("adding my fiance to the group chat", None),
    ("adding my wife's dietary needs: no shellfish", None),
    ("my husband might be coming too", None),
    ("not sure if my husband is coming too", None),
    ("my husband was coming too but now he cant", None),
    ("my wife is coming too instead of me", None),
    ("my wife is coming too but my brother isnt", None),
    # and theirs with them
    ("my fiance and his brother are coming too", (2, 0)),
    ("my bf and his roommate are coming too", (2, 0)),
    ("my boyfriend's parents are coming too", (2, 0)),
    ("my husband and our 2 kids are coming too", (1, 2)),
    ("add my sister and her 2 kids if that's ok", (1, 2)),
    ("add my sister to the booking", (1, 0)),
])
def test_a_partner_joining_is_one_more(text: str, added: tuple[int, int] | None) -> None:
    assert added_people(text) == added


@pytest.mark.parametrize(("text", "said"), [
    ("we'll be 12 now, 3pm still ok?", True),
    ("is 3 still good", True),
    ("still waiting on the link", False),
    ("we still want the 20th", False),
])
def test_still_ok(text: str, said: bool) -> None:
    assert bool(STILL_OK.search(text)) is said


@pytest.mark.parametrize(("text", "hour"), [
    ("no wait, 2 of my cousins are coming too and can we do 9", "9"),  # the 9 was dropped
    ("my sister is coming too and can we do 9", "9"),
    ("add 2 more and could we start at 3pm?", "3"),
    ("can we do 9", None),  # no count beside it: asked as a size or a start
    ("my sister is coming too and can we do 12", None),  # 10-12 may be the new size
    ("my sister is coming too and can we do the 27th", None),
])
def test_a_start_asked_after_people_added(text: str, hour: str | None) -> None:
    m = START_AFTER_ADDED.search(text)
    assert (m["h"] if m else None) == hour


@pytest.mark.parametrize(("text", "said"), [
    ("my sister's kids are coming too", True),  # "didn't catch that"
    ("our neighbors' kids will be joining as well", True),
    ("we need to add people", True),
    ("my sister's kids are allergic to shrimp", False),
    ("my sister's kids are coming too but they're already counted", False),
    ("my sister's kids are coming too but my kids are not", False),
])
def test_more_coming_with_no_count(text: str, said: bool) -> None:
    assert bool(ADD_PEOPLE.search(text)) is said


@pytest.mark.parametrize(("text", "noted"), [
    ("sounds good! ring bell 2x at 6", True),  # booked without the note
    ("please use the side gate", True),
    ("knock loud, the bell is broken", True),
    ("dont ring the doorbell, baby sleeping", True),
    ("what time should we ring you", False),
])
def test_how_to_get_in_is_a_note(text: str, noted: bool) -> None:
    assert (chef_note(text) is not None) is noted


@pytest.mark.parametrize(("text", "hour"), [
    ("hey so 6 is kinda late, can we do 3", "3"),
    ("could we do 3pm", "3"),
    ("can we do 3 more people", None),
    ("can we do 9 of us", None),
])
def test_a_bare_hour_asked(text: str, hour: str | None) -> None:
    m = CAN_DO_HOUR.search(text)
    assert (m["h"] if m else None) == hour


@pytest.mark.parametrize(("text", "adults", "kids", "guests"), [
    ("my sister's kids are 8 and 10", None, 2, None),  # their ages (it was 8 kids)
    ("2, they're 8 and 10", None, 2, None),  # "didn't catch that"
    ("2, they're 13 and 15", None, None, None),  # teens: not read here (it replaced the party)
    ("3 of our group are coming late", None, None, None),  # the differential run: no party of 3
    ("my wife and i plus 10", None, None, 12),  # it was 10
    ("me and my wife plus 10 friends", None, None, 12),
    ("my wife and i plus 10, name Maria Lopez", None, None, None),  # only as the whole message
])
def test_counts_said_another_way(text: str, adults: int | None, kids: int | None, guests: int | None) -> None:
    ent = extract_entities(text, now=NOW)
    assert (ent.adults, ent.kids, ent.guests) == (adults, kids, guests)


@pytest.mark.parametrize(("text", "moved"), [
    ("hi, 3 of our guests are kids", -3),
    ("3 of them are kids", -3),
    ("one of the kids is actually an adult", 1),
    ("2 of the party are teens", None),  # the differential run: they were added as adults
    ("2 of my group are adults", None),
    ("3 of our group are coming late", None),
])
def test_some_of_the_party_are_kids(text: str, moved: int | None) -> None:
    assert group_moved(normalize(text)) == moved


@pytest.mark.parametrize(("text", "said"), [
    ("my brother cant come anymore", True),
    ("my boss isnt coming and neither are his 2 kids", True),
    ("my wife and i cant make it", True),
    ("my brother is coming too", False),
    ("2 people cant come", False),
])
def test_kin_not_coming(text: str, said: bool) -> None:
    assert kin_not_coming(text) is said
