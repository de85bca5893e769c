"""Readings that saved wrong data or sent a change to a person in session 28."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.cues import PAUSE, groups_changed
from bot.nlu.entities import extract_entities
from bot.nlu.guests import added_people
from bot.nlu.intents import classify_intent
from bot.nlu.names import find_name
from bot.nlu.numbers import normalize

NOW = dt.datetime(2026, 12, 1, 10, 0)


@pytest.mark.parametrize(("text", "moved"), [
    ("can we do 2 kids instead of 2 adults", (-2, 2)),
    ("actually its 2 adults instead of 2 kids", (2, -2)),
    ("can we do 3 kids instead of 2 adults", (-2, 3)),
    ("can u swap 3 adults for 3 kids", (-3, 3)),
    ("change one adult to a kid", (-1, 1)),  # group_moved, as before
    ("3 adults instead of 2 adults", None),  # one group's new count: read as such
    ("can we do 8 instead of 10", None),
])
def test_one_group_in_place_of_the_other(text: str, moved: tuple[int, int] | None) -> None:
    assert groups_changed(normalize(text)) == moved


@pytest.mark.parametrize(("text", "guests"), [
    ("12 now, still good for 6?", 12),  # it was 6
    ("its 12 now", 12),  # it was nothing
    ("ok 14 now", 14),
    ("3 now works?", None),  # a start, maybe: not read as a party
    ("is 3 now ok", None),
])
def test_a_size_restated_as_n_now(text: str, guests: int | None) -> None:
    assert extract_entities(text, now=NOW).guests == guests


@pytest.mark.parametrize(("text", "adults", "kids"), [
    ("my boss cant come and neither can his wife nor his mom", 3, None),  # it was 2
    ("my sister isnt coming, neither is her husband, nor her 2 kids", 2, 2),
])
def test_chained_neither_and_nor(text: str, adults: int, kids: int | None) -> None:
    ent = extract_entities(text, now=NOW)
    assert (ent.adults, ent.kids) == (adults, kids)


@pytest.mark.parametrize(("text", "added"), [
    ("my husband cant come but his brother is coming too", (0, 0)),  # it was +1
    ("my husband cant come but my brother is coming too", (0, 0)),
    ("my parents cant come but my sister and her 2 kids are coming", (-1, 2)),  # it was -2
    ("my mom cant come anymore but my dad is still coming", (0, 0)),
    ("my husband cant come but his parents are coming too", (1, 0)),
    ("my brother cant come", None),
    ("my sister is coming too", (1, 0)),
])
def test_someone_out_and_someone_in(text: str, added: tuple[int, int] | None) -> None:
    assert added_people(text) == added


def test_someone_out_and_someone_in_is_no_count_of_its_own() -> None:
    # (the one out was read as "1 adult cant come", then moved the party as well)
    assert extract_entities("my husband cant come but his brother is coming too", now=NOW).adults is None


@pytest.mark.parametrize(("text", "name"), [
    ("joe h", "Joe H."),  # it was "didn't catch that"
    ("Joe H.", "Joe H."),
    ("maria lopez", "Maria Lopez"),
    ("brb", None),  # it was booked as "Brb"
    ("wait", None),
    ("sec", None),
    ("a b", None),
])
def test_names_at_the_name_question(text: str, name: str | None) -> None:
    assert find_name(text, expecting="name") == name


@pytest.mark.parametrize(("text", "pause", "laugh"), [
    ("hold on", True, False),
    ("brb", True, False),
    ("one sec", True, False),
    ("let me check with my wife", True, False),
    ("haha", False, True),
    ("lol sorry", False, True),
    ("hmm", False, False),  # thinking twice still goes to a person
    ("🙃🙃", False, False),
    ("12 adults", False, False),
])
def test_pausing_and_laughing(text: str, pause: bool, laugh: bool) -> None:
    m = PAUSE.match(text)
    assert (m is not None and bool(m["pause"])) == pause
    assert (m is not None and not m["pause"]) == laugh


@pytest.mark.parametrize(("text", "intent"), [
    ("we wont need the chef anymore", "cancel_booking"),  # a second party was started
    ("partys off, sorry guys", "cancel_booking"),
    ("we dont need the hibachi anymore", "cancel_booking"),
    ("we're gonna have to skip it this year", "cancel_booking"),
    ("did it go thru?", "booking_status"),  # it went to a person
    ("is it booked?", "booking_status"),
    ("whats left to pay", "booking_status"),  # the FAQ's leftover food
    ("hows much is the balance", "booking_status"),
])
def test_cancels_and_status_in_plain_words(text: str, intent: str) -> None:
    assert classify_intent(text).intent == intent


def test_the_chef_not_needed_for_something_is_no_cancel() -> None:
    assert classify_intent("we wont need the chef to bring plates right?").intent != "cancel_booking"
