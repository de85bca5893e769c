"""Dialogue state, persisted per conversation as JSON."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any

FORMS = ("quote", "booking", "availability", "cancel", "reschedule")


@dataclass
class Slots:
    adults: int | None = None
    kids: int | None = None
    guests: int | None = None  # a total whose split is still unknown
    zip: str | None = None
    date: str | None = None  # ISO
    time: str | None = None  # "HH:MM", one of the station's slots
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    email_asked: bool = False
    address: str | None = None
    city: str | None = None  # named instead of a zip ("we're in oakland"); the zip question names it
    # What the chef should know ("one guest has a shellfish allergy"), kept for the booking
    notes: list[str] = field(default_factory=list)

    @property
    def day(self) -> dt.date | None:
        return dt.date.fromisoformat(self.date) if self.date else None

    @property
    def slot(self) -> dt.time | None:
        return dt.time.fromisoformat(self.time) if self.time else None


@dataclass
class DialogueState:
    form: str | None = None
    slots: Slots = field(default_factory=Slots)
    expecting: str | None = None  # what the bot just asked for
    confirming: bool = False  # a booking summary awaits yes/no
    misunderstood: int = 0
    buttons: list[str] = field(default_factory=list)  # last offered, for "1"/"2" replies
    target_booking: str | None = None  # cancel/reschedule subject
    quoted_total: int | None = None
    # Inputs of the last quote ("adults/kids/zip") and of the last availability check
    # ("zip date time") that passed: later turns that change neither skip those lookups
    # until the summary, which always re-checks.
    quoted_for: str | None = None
    checked: str | None = None
    # The last reply asked "shall I check a date for you?" after a quote: a plain yes
    # (or "ok") to it starts the booking.
    offered_booking: bool = False
    # The month whose open days were listed ("any dates in march?"), ISO first day, until a
    # day is given: "the 14th" is a day of it.
    month_asked: str | None = None
    # The last turn cancelled a booking: "wait i changed my mind" now is regret.
    just_cancelled: bool = False
    # A party change asked with a move ("add 3 adults and move it to 3pm"): its message,
    # taken up once the move is answered.
    then_party: str | None = None
    # Several bookings and a cancel, a move or a guest change that named none: the
    # message, taken up again once "which one?" is answered ("cancel", "move", "party",
    # or "change" for what to change, in ``which_for``).
    which_text: str | None = None
    which_for: str | None = None
    # "we need to add people" with no count: +1 (so "4" is 4 more), -1 for fewer; 0 else.
    party_more: int = 0
    # The one start named as the closest to a time that is no start ("HH:MM"): a "yes" to
    # that question takes it. Only for the very next message.
    offered_time: str | None = None
    # "can we do 9 instead" asked back ("9 guests, or a 9 PM start?"): the 9, for the very
    # next message ("9pm", "the time", "guests" answer it as the buttons do).
    size_or_start: int | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> DialogueState:
        if not data:
            return cls()
        # A copy: the caller's dict is the stored row's, and a list mutated in place here
        # ("notes".append) would change that too, so the row would look unchanged and not
        # be saved.
        data = copy.deepcopy(data)
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in known and k != "slots"}
        slot_names = {f.name for f in fields(Slots)}
        slots = Slots(**{k: v for k, v in (data.get("slots") or {}).items() if k in slot_names})
        return cls(slots=slots, **kw)
