"""One customer message -> :class:`Entities` (pure function, no I/O)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from bot.nlu.contacts import Address, find_address, find_emails, find_phone, find_zip, venue_before
from bot.nlu.dates import BOOKING_BY_ORDER, bare_day, find_date, no_such_day
from bot.nlu.guests import PartySize, find_party
from bot.nlu.names import find_name, is_name_word
from bot.nlu.numbers import normalize
from bot.nlu.repairs import apply_repairs
from bot.nlu.spans import Span, blank
from bot.nlu.times import find_time, times_offered

SLOTS = ("adults", "kids", "guests", "zip", "date", "time", "name", "phone", "email",
         "address", "confirm")


@dataclass(frozen=True, slots=True)
class Entities:
    """Facts found in one message; None means "not said"."""

    adults: int | None = None
    kids: int | None = None
    guests: int | None = None
    zip: str | None = None
    date: dt.date | None = None
    time: dt.time | None = None
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    # A day named as a bound, not as the day: "anything after the 15th" (not in as_dict:
    # it is no fact of the booking, only of the question).
    after: dt.date | None = None
    # A day the calendar does not have ("feb 30", "feb 29" of 2027), as "February 30": no
    # date, and the customer is told why (not in as_dict either).
    no_such_day: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready mapping (date ``YYYY-MM-DD``, time ``HH:MM``)."""
        return {
            "adults": self.adults,
            "kids": self.kids,
            "guests": self.guests,
            "zip": self.zip,
            "date": self.date.isoformat() if self.date else None,
            "time": self.time.strftime("%H:%M") if self.time else None,
            "name": self.name,
            "phone": self.phone,
            "email": self.email,
            "address": self.address,
        }

    def is_empty(self) -> bool:
        """True when nothing was found."""
        return all(v is None for v in self.as_dict().values())


_LEADING_NAME = re.compile(r"^\s*(?:(?:i'?m|im|it'?s|this is|name'?s|my name is)\s+)?([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){1,2})\s*(?:[,\n;]|$|(?=\d))")
# "its maria lopez 408 …": a lower-case name leading the contact details.
_LEADING_NAME_LOWER = re.compile(
    r"^\W*(?:(?:it'?s|its|this\s+is|i'?m|im|(?:my\s+)?name(?:'s|\s+is)?)\s+)?(?P<name>[a-z][a-z'-]+(?:\s+[a-z][a-z'-]+){1,2})"
    r"\s*,?\s*(?=\d)", re.I)
# "…, 95112, Ana Silva 12 Race St": two or three capitalised words right before the address.
_NAME_BEFORE_ADDRESS = re.compile(r"(?:^|[,;:\n]|\s{2,})\s*([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){1,2})\s*,?\s*$")
_NOT_NAME_START = {
    "hi", "hello", "hey", "yes", "no", "ok", "okay", "thanks", "sure", "please", "need", "book",
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "address",
}


# Right before a day that is ruled out, not proposed.
_NOT_THIS_DAY = re.compile(
    r"\b(?:except|other\s+than|besides|but\s+not|(?<!why\s)(?<!if\s)not|nvm|never\s*mind|instead\s+of|rather\s+than"
    r"|no\s+longer|can'?t\s+do|cannot\s+do|don'?t\s+want|any\s+day\s+but"
    # "my sister cant make the 26th, can u put it back to the 19th": the 19th
    r"|(?:can'?t|cant|cannot|won'?t|wont)\s+make(?:\s+it)?)\s+(?:on\s+|for\s+)?(?:the\s+)?$"
)
# Right after a day that is ruled out: "the 19th is no good", "the 19th won't work".
# (shared with the engine's "saturday doesnt work, sunday?")
RULED_OUT = (r"(?:(?:won'?t|doesn'?t|wouldn'?t|isn'?t|does\s+not|will\s+not|is\s+not|is\s+no)\s+"
             r"(?:work|good|great|possible|an\s+option)|is\s+(?:out|bad|taken|too\s+(?:soon|early)))")  # ("tmrw is too soon")
_RULED_OUT_AFTER = re.compile(r"\s*" + RULED_OUT + r"\b")
# A bound, not a day: "anything after the 15th", "has to be after dec 15" (the 15th was
# taken). "the day/week/saturday after the 15th" names a day of its own.
_AFTER_BOUND = re.compile(r"(?:^|\b(?P<w>[a-z]+)\s+)after\s+(?:the\s+)?$")
_AFTER_NAMES_A_DAY = re.compile(
    r"(?:days?|weeks?|weekends?|nights?|mornings?|evenings?|(?:mon|tues|wednes|thurs|fri|satur|sun)day)")
# A birthday's or anniversary's ordinal ("it's my son's 16th", "our 20th anniversary"): no day.
_ORDINAL_OCCASION = re.compile(
    r"\b(?!(?:how|what|that|it|sat|sun|fri|mon|tue|wed|thu|let|there|when|who|where|here|today|tomorrow)'s)"
    r"(?:\w+'s|his|her|their|my|our)\s+\d{1,2}(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))"
    # "its for my daughters sweet 16", "my son turns 5" (16 guests, 5 guests)
    r"|\bsweet\s+(?:16|sixteen)\b|\b(?:turns|turning|turned)\s+\d{1,3}\b"
)


# "12+3", "12 + 3 kids": adults plus kids (it was read as Dec 3).
_PLUS_PARTY = re.compile(
    r"(?<![$\d.])\b(\d{1,3})\s*\+\s*(\d{1,2})(?:\s+(?:kids?|children|little\s+ones))?\b"
    r"(?!\s*(?:adults?|people|guests|ppl|am\b|pm\b|[:/$%]))"
)


# A party said anew in words, once one is known ("actually it'll just be me and my wife now").
PARTY_SAID_ANEW = re.compile(r"\b(?:actually|now|instead|only|just|change|make\s+it)\b")
# An email said in words: "ana at gmail dot com"
_SPELLED_EMAIL = re.compile(
    r"\b(?P<user>[\w.+-]+)\s+(?:at|@)\s+(?P<domain>[\w-]+)\s+(?:dot|\.)\s+(?P<tld>com|net|org|edu|gov|us|co|io|me)\b",
    re.I)
# "either one", "that one": a choice pointed at, not the number 1 (it was 1 PM)
_PRONOUN_ONE = re.compile(
    r"\b(?:either|any|that|this|which|whichever|the\s+other|the\s+first|the\s+last)\s+(?:one|1)\b"
    # ("push the christmas eve one to 3pm": that booking, not 1 to 3 PM)
    r"|\bthe\s+(?:[a-z]+\s+){1,2}(?:one|1)\b(?!\s*(?:adults?|kids?|child|person|people|guests?|more|extra|less|fewer|am|pm|:|o'?clock|of\b))")
_TIME_DOUBTED = re.compile(
    r"\bis\s+\d{1,2}(?::[0-5]\d)?\s*(?:am|pm|a|p)?\s+(?:too\s+(?:late|early)|(?:too\s+)?(?:late|early)\s+for)\b")
_BETTER_HOUR = re.compile(
    r"\b(?P<h>1[0-2]|[1-9])(?::(?P<m>[0-5]\d))?\s*(?:pm)?\s+(?:is|would\s+be|works|might\s+be|could\s+be)\s+"
    r"(?:better|best|easier|safer)\b")


def _after_bound(before: str) -> bool:
    """Whether the text before a date ends in "after" used as a bound."""
    m = _AFTER_BOUND.search(before.lower())
    return m is not None and not (m["w"] and _AFTER_NAMES_A_DAY.fullmatch(m["w"]))


_AGES_BEFORE = re.compile(r"\bage[sd]?\b[^,.;]{0,12}$")  # ("kids ages 5+7": two ages)


# A count right before the day: "12 on the 19th", "20 for dec 19".
_COUNT_BEFORE_DAY = re.compile(r"^\W*(?P<n>\d{1,3})\s+(?:on|for)\s+(?:the\s+)?$")


def _name_apart(text: str, name: str) -> bool:
    """Whether ``name`` is a clause of its own in ``text``, with no number in it."""
    for clause in re.split(r"[,;.!\n]|\band\b|\balso\b", text):
        if name.lower() in clause.lower():
            return not re.search(r"\d", clause)
    return False


def extract_entities(
    text: str, *, now: dt.datetime, expecting: str | None = None
) -> Entities:
    """Extract booking facts from ``text``; relative dates resolve against ``now``'s date.

    ``now`` should be timezone-aware in the station's zone; ``expecting`` is the slot the
    bot just asked for and lets a bare reply ("12", "John", "6") fill that slot.
    """
    today = now.date()
    email, email_spans = find_emails(text)
    if email is None and expecting in ("email", "email_address") and (spelled := _SPELLED_EMAIL.search(text)):
        # "ana at gmail dot com" to the email question (it was "didn't catch that")
        email = f"{spelled['user']}@{spelled['domain']}.{spelled['tld']}".lower()
        email_spans = [spelled.span()]
    work = blank(text, email_spans)
    phone, phone_spans = find_phone(work)
    work = blank(work, phone_spans)
    address = find_address(work, expecting=expecting)
    addr_spans: list[Span] = [address.span] if address else []
    if address is not None and (venue := venue_before(work[: address.span[0]], expecting=expecting)) is not None:
        # ("Kelley Park, 1300 Senter Rd": the park is where, not who)
        address = Address(f"{venue[0]}, {address.text}", (venue[1][0], address.span[1]), address.number_span)
        addr_spans = [address.span]
    zip_code, zip_spans = find_zip(blank(work, [address.number_span] if address else []))
    name = find_name(blank(work, addr_spans + zip_spans), expecting=expecting)

    # "15 adults, no wait 16": facts taken back in the same message are dropped first.
    norm = apply_repairs(normalize(blank(work, addr_spans + zip_spans)), today)
    norm = blank(norm, [m.span() for rx in (_ORDINAL_OCCASION, _PRONOUN_ONE, BOOKING_BY_ORDER) for m in rx.finditer(norm)])
    norm = _PLUS_PARTY.sub(lambda m: m[0] if _AGES_BEFORE.search(norm[: m.start()]) else f"{m[1]} adults {m[2]} kids", norm)
    date, date_spans = find_date(norm, today)
    if (bad_day := no_such_day(norm, today)) is not None:
        date = None  # ("sat feb 29th": not the coming Saturday either)
    after: dt.date | None = None
    for _ in range(2):
        # "any day except christmas eve", "nvm the 19th, the 20th is better": a day ruled
        # out is no date; another one said may be
        out = [sp for sp in date_spans if _NOT_THIS_DAY.search(norm[: sp[0]]) or _RULED_OUT_AFTER.match(norm[sp[1]:])
               or _after_bound(norm[: sp[0]])]
        if date is None or not out:
            break
        bounds = [sp for sp in out if _after_bound(norm[: sp[0]])]
        if bounds and after is None:
            after = find_date(norm[bounds[0][0]:bounds[0][1]], today)[0]
        norm = blank(norm, out)
        date, date_spans = find_date(norm, today)
    if date is None and expecting == "date" and (bare := bare_day(norm, today)) is not None:
        date, date_spans = bare[0], [bare[1]]
    norm = blank(norm, date_spans)
    # "is 9pm too late for the kids?": a time asked about, not chosen
    norm = blank(norm, [m.span() for m in _TIME_DOUBTED.finditer(norm)])
    time, time_spans = find_time(norm, expecting=expecting)
    if expecting == "phone" and phone is not None:
        time = None  # ("408-555-0116 call after 5": when to call, not the party's start; it moved the party)
    if time is not None and expecting != "time" and (offered := times_offered(norm)) is not None:
        # (to "which time works?", "6 or 9 pm" leaves it to us: the first)
        time, time_spans = None, [*time_spans, offered]  # ("dec 19 at 12 or 6": which is asked; it took 12)
    if (better := _BETTER_HOUR.search(norm)) is not None:
        # "… maybe 3 is better": the time said to be better wins (its 3 became 3 guests)
        hour = int(better["h"])
        time = dt.time(hour + 12 if hour < 10 else hour, int(better["m"] or 0))
        time_spans = [*time_spans, better.span()]
    norm = blank(norm, time_spans)
    party = find_party(norm, expecting=expecting if expecting != "time" else None)
    if party.adults is None and party.guests is None and date_spans and (
            lead := _COUNT_BEFORE_DAY.match(norm[: date_spans[0][0]])) is not None and (
            int(lead["n"]) > 12 or time is not None or party.kids is not None):
        # "12 on the 19th at 6, no kids": the party (it was asked again); "8 on the 19th"
        # alone may be 8 PM, so a count only beside a time or a kids count
        n = int(lead["n"])
        party = PartySize(guests=n) if party.kids is None else PartySize(
            adults=n - party.kids if n >= party.kids else n, kids=party.kids)
    if expecting in ("name", "phone", "address", "email", "confirm") and (party.adults or party.guests) \
            and not re.search(r"\d", norm) and not PARTY_SAID_ANEW.search(norm):
        # ("me and my wife" to the name question, "me and my wife are hosting" at the
        # summary: no new party of two; 10 became 2)
        party = PartySize()
    if name is not None and expecting == "name" and (party.adults or party.guests) and not _name_apart(text, name):
        name = None  # (a count said where the name was asked: no name; "Maria Lopez, and we're 14 now": both)
    if expecting == "name" and re.fullmatch(r"\W*(?:skip|pass|n/?a)\W*", text, re.I):
        name = None  # "skip" to the name question is no name
    if name is None and (phone or email or address):
        # A contact dump often leads with the name: "Nina Patel, 2150 Lincoln Ave, …".
        for segment in re.split(r"[.;\n!]\s*", blank(text, addr_spans)):  # (a place before the street is no name)
            lead = _LEADING_NAME.match(segment)
            if lead and lead.group(1).split()[0].lower() not in _NOT_NAME_START:
                name = lead.group(1)
                break
    if name is None and expecting == "name" and (phone or address or zip_code) \
            and (lead_low := _LEADING_NAME_LOWER.match(text)) is not None \
            and all(is_name_word(w) for w in lead_low["name"].split()):
        # "its maria lopez 408 555 0142 123 main st sj 95112" to the name question: the name
        # before the numbers (it was asked again)
        name = " ".join(w.capitalize() for w in lead_low["name"].split())
    if name is None and address is not None:
        before = _NAME_BEFORE_ADDRESS.search(work[: address.span[0]])
        if before and all(is_name_word(w) for w in before.group(1).split()) and (
            before.group(1).split()[0].lower() not in _NOT_NAME_START
        ):
            name = before.group(1)
    return Entities(
        adults=party.adults,
        kids=party.kids,
        guests=party.guests,
        zip=zip_code,
        date=date,
        time=time,
        name=name,
        phone=phone,
        email=email,
        address=address.text if address else None,
        after=after,
        no_such_day=bad_day,
    )
