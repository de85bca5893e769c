"""Which of a customer's held bookings a message names, and which it says to keep.

"cancel the dec 19 one", "add 2 kids to the sacramento party", "the 12th one is fine,
move the 20th", "sunday" (the answer to "which one?"). Pure reading of the text against
the bookings: the engine gathers what it needs (today, each booking's station name) and
decides what to do with the booking found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Protocol, TypeVar

from bot.nlu.dates import BOOKING_BY_ORDER, MONTHS, dates_in, weekdays_asked
from bot.nlu.numbers import normalize as numbers_normalize

_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?"
# A booking named by its weekday: "the sunday one", "our saturday party".
WEEKDAY_ONE = re.compile(rf"\b(?:the|my|our)\s+{_WEEKDAY}(?:'?s)?"
                         r"\s+(?:one|party|booking|event|dinner|reservation)\b", re.I)
# The weekday alone, as the answer to "which one?".
_WEEKDAY_ALONE = re.compile(rf"^\W*(?:the\s+)?{_WEEKDAY}(?:\s+(?:one|party|booking))?\W*$", re.I)
# "the 20th" / "20" alone, as the answer to "which one?".
_DAY_ALONE = re.compile(r"\W*(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+one)?\W*")
# A booking named by its start: "the 3pm one", "our 6 pm party", "the noon one".
_START_ONE = re.compile(r"\b(?:the|my|our)\s+(?:(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<mer>am|pm)?|(?P<noon>noon))"
                        r"\s+(?:one|party|booking|event|dinner|lunch|reservation)\b", re.I)
# "the bigger party" (group 1) / "the smaller one".
_SIZE_NAMED = re.compile(r"\bthe\s+(?:(bigger|biggest|larger|largest)|smaller|smallest)\s+(?:one|party|booking|event|group)\b")
_ORDINAL_DAY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
# "the january one" ("may" is too often the verb).
_MONTH_NAMED = re.compile(r"\b(" + "|".join(sorted(set(MONTHS) - {"may"}, key=len, reverse=True)) + r")\b(?!\.?\s*\d)")
# A booking named by its month: "the january one", "our december party".
MONTH_ONE = re.compile(r"\b(?:the|my|our)\s+(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
                       r"\s+(?:one|party|booking|event|dinner|reservation)\b", re.I)
# A held booking named as such: "my 12th booking", "the dec 20 party", "the sunday one".
MY_BOOKING = re.compile(r"\b(?:my|our|the)\s+(?:[\w/]+\s+){0,2}?(?:booking|reservation|party|event|one)\b", re.I)
# A booking said to stay as it is: "the 12th one is fine", "the 20th stays the same", "keep
# the 12th" (its day names no booking to change, nor where one goes).
_KEPT = re.compile(r"\b(?:is|r|are)\s+(?:still\s+)?(?:fine|ok|okay|good)\b|\bstays?\b|\bcan\s+stay\b"
                   r"|\bkeep(?:ing)?\s+(?:the|my|our)\b|\bno\s+change", re.I)
_CLAUSE_CUT = re.compile(r"[,;.!?]|\b(?:but|and)\b", re.I)


class Held(Protocol):
    """What is read of a held booking: its day and party."""

    @property
    def event_date(self) -> date: ...

    @property
    def adults(self) -> int: ...

    @property
    def kids(self) -> int: ...

    @property
    def slot(self) -> str: ...


B = TypeVar("B", bound=Held)


def without_kept(text: str) -> str:
    """The message without its clauses about a booking that stays as it is."""
    parts = _CLAUSE_CUT.split(text)
    kept = [p for p in parts if not _KEPT.search(p)]
    return " , ".join(kept) if len(kept) < len(parts) else text


def start_named(text: str) -> tuple[str, tuple[int, int]] | None:
    """The start ("15:00") of a booking named by it ("the 3pm one", "our noon party"), and
    where it is said."""
    if (m := _START_ONE.search(text)) is None:
        return None
    hour = 12 if m["noon"] else int(m["h"]) % 12 + (0 if m["mer"] and m["mer"].lower() == "am" else 12 if int(m["h"]) < 12 else 0)
    return f"{hour:02d}:{m['m'] or '00'}", m.span()


def booking_named(text: str, bookings: Sequence[B], today: date, places: Sequence[Sequence[str]]) -> B | None:
    """Of the upcoming bookings (soonest first), the one the message names by its day, its
    month, its weekday or its station (``places``: each booking's station name and id, so
    "the sacramento party" and "the one in sac"); the only one; None when there are
    several and none is named. A clause saying a booking stays names nothing."""
    if len(bookings) == 1:
        return bookings[0]
    kept_out = without_kept(text)
    for day in dates_in(numbers_normalize(kept_out), today):
        if on_day := next((b for b in bookings if b.event_date == day), None):
            return on_day
    said = kept_out.lower()
    at_place = [b for b, names in zip(bookings, places, strict=True)
                if any(n and re.search(rf"\b{re.escape(n.lower())}\b", said) for n in names)]
    if len(at_place) == 1:
        return at_place[0]
    for m in _MONTH_NAMED.finditer(said):
        # "the january one", "the december party": the only booking in that month
        inside = [b for b in bookings if b.event_date.month == MONTHS[m[1]]]
        if len(inside) == 1:
            return inside[0]
    # "add 3 adults to the sunday one"; "sunday" / "20" / "the 20th" alone (the answer to
    # "which one?"): the only booking on that weekday or day of the month
    weekday = WEEKDAY_ONE.findall(said) or _WEEKDAY_ALONE.findall(said)
    on_weekday = [b for b in bookings if b.event_date.weekday() in weekdays_asked(" ".join(weekday))]
    if len(on_weekday) == 1:
        return on_weekday[0]
    if (order := BOOKING_BY_ORDER.search(said)) is not None and len(bookings) == 2:
        # "the second booking, add 1 adult", "the later one": soonest first (it was a day, or
        # "which one?" again)
        return bookings[0] if order["first"] else bookings[1]
    if (named := start_named(said)) is not None:
        # "drop 3 ppl from the 3pm one": the only booking starting then (it was a new party)
        at = [b for b in bookings if b.slot == named[0]]
        if len(at) == 1:
            return at[0]
    if size := _SIZE_NAMED.search(said):
        # "the bigger party", "the smaller one": the one party of that size
        sizes = [b.adults + b.kids for b in bookings]
        pick = max(sizes) if size[1] else min(sizes)
        if sizes.count(pick) == 1:
            return bookings[sizes.index(pick)]
    # "20" / "the 20th" alone, or "the one on the 16th" (read as this month's 16th, when the
    # booking is January's): the only booking on that day of a month
    days = [int(bare[1])] if (bare := _DAY_ALONE.fullmatch(said)) else [int(d) for d in _ORDINAL_DAY.findall(said)]
    same_day = [b for b in bookings if b.event_date.day in days]
    if len(same_day) == 1:
        return same_day[0]
    return None


def days_said_of(text: str, bookings: Sequence[B], today: date) -> list[B]:
    """The bookings whose day or weekday the message says ("the 12th", "saturday")."""
    days, weekdays = dates_in(numbers_normalize(text), today), weekdays_asked(text)
    return [b for b in bookings if b.event_date in days or b.event_date.weekday() in weekdays]
