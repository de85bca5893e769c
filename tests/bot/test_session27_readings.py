"""Readings that saved wrong data or dropped a request in session 27 (session 26's
leftovers)."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.cues import STILL_OK
from bot.nlu.entities import extract_entities
from bot.nlu.guests import added_people

NOW = dt.datetime(2026, 12, 1, 10, 0)


@pytest.mark.parametrize(("text", "adults"), [
    ("my boss isnt coming anymore and neither is his wife", 2),  # it was 1
    ("my sister cant make it and neither can her husband", 2),
    ("my brother cant come, nor his wife", 2),
    ("my boss isnt coming anymore", 1),
    ("my in-laws cant come anymore", 2),
])
def test_someone_not_coming_and_neither_another(text: str, adults: int) -> None:
    assert extract_entities(text, now=NOW).adults == adults


@pytest.mark.parametrize(("text", "guests"), [
    ("we have 2 tables of 6", 12),  # it was 2
    ("3 tables of 8 people", 24),
    ("2 tables of 6 and 1 of 4", 16),
    ("2 families of 5 and 1 of 4", 14),
    ("table of 6 pls", 6),
])
def test_tables_of_a_size_are_counted_in_all(text: str, guests: int) -> None:
    assert extract_entities(text, now=NOW).guests == guests


@pytest.mark.parametrize(("text", "added"), [
    ("my husband's coming too", (1, 0)),  # it was not read
    ("my wife is coming too", (1, 0)),
    ("adding my boyfriend", (1, 0)),
    ("my sister and her husband are coming too", (2, 0)),
    ("can you add my husband's number 408-555-9999 as a contact?", None),  # his number, not him
    ("adding my mom's cell number", None),
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
