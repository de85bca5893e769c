"""Clock times in customer text, as 24h :class:`datetime.time`.

Events run 12:00-21:00, so a bare hour 1-9 ("around 6", "at 9") is read as pm;
10, 11 and 12 stay as said. Input is normalised text (see :mod:`bot.nlu.numbers`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.nlu.guests import ADULT_WORDS, GUEST_WORDS, KID_WORDS
from bot.nlu.spans import Span

_MER = r"(?P<mer>a\.?\s?m\.?|p\.?\s?m\.?|am|pm|(?<=\d)[ap](?![a-z]))"
_RANGE_RE = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s*(?:-|–|to|or|and|till?|until)\s*"
    r"(?P<h2>\d{1,2})(?:[:.][0-5]\d)?\s*" + _MER.replace("(?P<mer>", "(?P<mer>")
)
_EXPLICIT_RE = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.]?(?P<m>[0-5]\d))?\s*" + _MER + r"(?![a-z])"
)
_HOURS_RE = re.compile(r"\b(?P<h>[01]?\d|2[0-3])(?::?(?P<m>[0-5]\d))?\s*(?:hrs?|hours|h)\b"
                       r"(?<!\d\shours)")
# ("is $600 doable", "900 bucks": money, not 6:00 or 9:00)
_COMPACT_RE = re.compile(r"^\D*?(?<!\$)\b(?P<h>[01]?\d|2[0-3])(?P<m>[0-5]\d)\b(?!\s*(?:dollars|bucks|usd|to\s+spend))\D*$")
_HHMM_WORDS_RE = re.compile(r"^\W*(?P<h>\d{1,2})\s+(?P<m>[0-5]\d)\W*$")
_COLON_RE = re.compile(r"(?<![\d/])\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)\b(?!\s*(?:/|\d))")
_WORDS_RE = re.compile(
    r"\b(?:(?P<noon>noon|midday|12\s+noon)|(?P<midnight>midnight)"
    r"|(?P<half>half(?:\s+|-)past|half)\s+(?P<hh>\d{1,2})"
    r"|(?P<mins>\d{1,2})\s+(?P<rel>past|after|to|til)\s+(?P<mh>\d{1,2})(?!\s*(?:people|ppl|guests|adults|kids|persons|pax))"
    r"|quarter\s+(?P<qrel>past|after|to|til|till|before)\s+(?P<qh>\d{1,2}))\b"
)
_ISH = r"(?:\s*o'?\s?clock|\s+ish|\s*-ish)"
_CUE_RE = re.compile(
    r"(?:\b(?:at|around|arround|arnd|about|abt|by|after|before|from|start(?:ing)?\s+at"
    r"|begin(?:ning)?\s+at|time\s+(?:to|is|will\s+be))\s+|@\s*|~\s*)"  # ("change the time to 6")
    r"(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?" + _ISH + r"?"
    r"(?!\s*(?:/|-\d|st\b|nd\b|rd\b|th\b|\d|%|\$|dollars|bucks|days?|weeks?|months?"
    r"|years?|miles?|mi\b|hours?|hrs?|minutes?|mins?|min\b|dozen|more|others?|friends"
    # "about 5 are under 12", "around 8 of them": a count, not a time
    r"|are\b|of\s+(?:them|us|whom|which|those)\b|under\b|who\b"
    # ("we'll be around 15-ish adults": a count; "around 15 or 16 people": a count, it was 3 PM)
    rf"|(?:-?ish\s*)?(?:(?:or|to|-)\s*\d{{1,3}}\s*)?(?:{ADULT_WORDS}|{KID_WORDS}|{GUEST_WORDS})))"
)
# ("15ish people": a count)
_COUNT_AFTER = rf"(?!\s*(?:{ADULT_WORDS}|{KID_WORDS}|{GUEST_WORDS}))"
_OCLOCK_RE = re.compile(r"\b(?P<h>\d{1,2})" + _ISH + _COUNT_AFTER)
_DAYPART_RE = re.compile(
    # ("good evening", "good night": a greeting, not a start time)
    r"(?<!good\s)\b(?:(?P<late>late\s+(?:night|evening|dinner|supper))|(?P<eve>evening|dinner(?:\s*time)?(?!\s+part(?:y|ies))|supper"
    # ("after lunch": the afternoon start, not lunch's)
    r"|tonight|night)|(?P<lunch>(?<!after\s)lunch(?:\s*time)?|brunch)|(?P<aft>afternoon|after\s+lunch))\b"
)
_NUM_DAYPART_RE = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\s+(?:o'?clock\s+)?(?:in\s+the\s+|this\s+|at\s+|tomorrow\s+)?"
    r"(?P<part>morning|afternoon|evening|night|tonight)\b"
)
_MORNING_RE = re.compile(r"\b(?:in\s+the\s+)?morning\b")
_BARE_RE = re.compile(
    # ("we're 9 now", "price for 3 more?", "what would 12 cost?" at the time question: the
    # party or a price, not a start)
    r"^(?!.*\b(?:we'?re|were|we\s+are|price\s+for|cost\s+for|what\s+would)\s+\d)"
    r"\D*?(?<!\$)\b(?P<h>\d{1,2})(?:[:.](?P<m>[0-5]\d))?\b(?!\d|\s*(?:dollars|bucks|usd|more|extra|now|cost|total|of\s+us))"
    r"(?!\s*(?:(?:more|extra|additional|other|fewer|less)\s+)?(?:people|adults?|kids?|children|guests?|persons?|of\s+us|pax"
    # "can the chef stay 3 hours?" when asked for the time: a length, not 3 PM
    r"|hours?|hrs?|minutes?|mins?|yrs?|years?|y/?o\b"
    # ("how big of a space does the grill need like 10 ft?": a size, not 10 AM)
    r"|ft\b|feet|foot|inch(?:es)?|in\b|sq|square|lbs?\b|pounds|miles?|mi\b|x\s*\d|by\s+\d))\D*$"
)


def _mk(hour: int, minute: int) -> dt.time | None:
    return dt.time(hour, minute) if 0 <= hour <= 23 and 0 <= minute <= 59 else None


def event_hour(hour: int) -> int:
    """Map a bare 1-9 to pm (13-21); other hours stay."""
    return hour + 12 if 1 <= hour <= 9 else hour


def _with_meridiem(hour: int, minute: int, mer: str) -> dt.time | None:
    if not 1 <= hour <= 12:
        return None
    pm = mer.startswith("p")
    if pm and hour != 12:
        hour += 12
    elif not pm and hour == 12:
        hour = 0
    return _mk(hour, minute)


def find_time(text: str, *, expecting: str | None = None) -> tuple[dt.time | None, list[Span]]:
    """Return the time in normalised ``text`` and the spans it used."""
    m = _RANGE_RE.search(text)
    if m:
        h, h2, mer = int(m["h"]), int(m["h2"]), m["mer"].replace(".", "").replace(" ", "")
        if mer.startswith("p") and h > h2 and h != 12:
            mer = "am"
        return _with_meridiem(h, int(m["m"] or 0), mer), [m.span()]
    m = _EXPLICIT_RE.search(text)
    if m:
        mer = m["mer"].replace(".", "").replace(" ", "")
        h, minute = int(m["h"]), int(m["m"] or 0)
        if h > 12:  # "13:00pm": a 24h clock with a stray suffix
            return _mk(h, minute), [m.span()]
        return _with_meridiem(h, minute, mer), [m.span()]
    m = _NUM_DAYPART_RE.search(text)
    if m:
        mer = "am" if m["part"] == "morning" else "pm"
        return _with_meridiem(int(m["h"]), int(m["m"] or 0), mer), [m.span()]
    if expecting in ("guests", "kids") and not _DAYPART_RE.search(text) and not re.search(
            r"\b(?:at|@|noon|midnight|o'?clock)\b|\d\s*(?:am|pm)\b|\d:\d\d", text):
        return None, []  # "around 20" to "how many guests?": a count, not 8 PM
    m = _HOURS_RE.search(text)
    if m and (m["m"] or int(m["h"]) >= 10):
        return _mk(int(m["h"]), int(m["m"] or 0)), [m.span()]
    m = _WORDS_RE.search(text)
    if m:
        if m["noon"]:
            return dt.time(12, 0), [m.span()]
        if m["midnight"]:
            return dt.time(0, 0), [m.span()]
        if m["half"]:
            return _mk(event_hour(int(m["hh"])), 30), [m.span()]
        if m["mins"]:
            h, mins = event_hour(int(m["mh"])), int(m["mins"])
            if m["rel"] in ("past", "after"):
                return _mk(h, mins), [m.span()]
            if 0 < mins < int(m["mh"]) <= 12:
                return _mk(event_hour(mins), 0), [m.span()]  # ("from 5 to 8": from 5 PM; it was 7:55)
            return _mk(h - 1, 60 - mins) if 0 < mins < 60 else None, [m.span()]
        h = event_hour(int(m["qh"]))
        if m["qrel"] in ("past", "after"):
            return _mk(h, 15), [m.span()]
        return _mk(h - 1, 45), [m.span()]
    morning = bool(_MORNING_RE.search(text))
    for rx in (_COLON_RE, _CUE_RE, _OCLOCK_RE):
        m = rx.search(text)
        if m:
            h = int(m["h"])
            minute = int(m["m"] or 0) if "m" in rx.groupindex else 0
            return _mk(h if morning else event_hour(h), minute), [m.span()]
    if expecting == "time":
        m = _COMPACT_RE.match(text) or _HHMM_WORDS_RE.match(text)
        if m:
            h = int(m["h"])
            return _mk(h if morning or h > 12 else event_hour(h), int(m["m"])), [m.span()]
        m = _BARE_RE.match(text)
        if m:
            h = int(m["h"])
            return _mk(h if morning else event_hour(h), int(m["m"] or 0)), [m.span("h")]
    m = _DAYPART_RE.search(text)
    if m:
        hour = 21 if m["late"] else 18 if m["eve"] else 12 if m["lunch"] else 15
        return dt.time(hour, 0), []
    return None, []


# "dec 19 at 12 or 6", "12pm and 6pm": two starts offered for one party (the first was
# taken silently); "either works" leaves the choice to us, "… 10 adults each" is two parties.
_TWO_TIMES_RE = re.compile(
    r"(?:\b(?:at|@)\s+|\b(?=\d{1,2}(?::\d\d)?\s*(?:am|pm)))(?P<a>\d{1,2})(?::\d\d)?\s*(?:am|pm)?\s*(?:or|and|&|/)\s*(?:at\s+)?"
    r"(?P<b>\d{1,2})(?::\d\d)?\s*(?:am|pm)?\b(?!\s*(?:adults?|kids?|people|guests|ppl|of\s+us|children|ish\b|[:/-]))")
# ("10 adults and 2 kids, 6 or 9 pm": the meridiem after the second only, "or" between)
_OR_TIMES_RE = re.compile(r"\b(?P<a>\d{1,2})(?::\d\d)?\s+or\s+(?P<b>\d{1,2})(?::\d\d)?\s*(?:am|pm)\b")
_EITHER_RE = re.compile(r"\b(?:either|whichever|any|both|each)\b")


def times_offered(text: str) -> Span | None:
    """Where normalised ``text`` offers two different start times for one party, with no
    word that either will do; None if it does not."""
    m = _TWO_TIMES_RE.search(text) or _OR_TIMES_RE.search(text)
    if m is None or m["a"] == m["b"] or int(m["a"]) > 12 or int(m["b"]) > 12 or _EITHER_RE.search(text):
        return None
    return m.span()


# "after 7", "anytime past 7pm", "no later than 5": a bound on the start, not the start.
# ("30 after 6", "quarter past 7", "half past 6" are times: a number or word before)
_BOUND_RE = re.compile(
    r"(?<!\d\s)(?<!quarter\s)(?<!half\s)(?<!half-)\b(?:(?P<after>after|past|later\s+than|no\s+earlier\s+than)"
    r"|(?P<before>before|earlier\s+than|no\s+later\s+than|by))\s+(?:like\s+|about\s+|around\s+)?"
    r"(?:\d{1,2}(?:[:.][0-5]\d)?\s*(?:a\.?m\.?|p\.?m\.?|[ap]\b)?|noon)(?!\s*(?:/|-\d|st\b|nd\b|rd\b|th\b|\d))"
)


def time_bound(text: str) -> str | None:
    """``"after"`` or ``"before"`` when the time in ``text`` is said as a bound on the
    start ("sometime after 7"), else None."""
    # ("sat dec 19 after 5": the day's number is no "19 after 5" minutes past)
    low = _MONTH_DAY_RE.sub("day", text.lower())
    m = _BOUND_RE.search(low)
    if m is None:
        # "7 pm or later", "6 at the latest" (it was 6 PM, the closest start to 7)
        if (m := _OR_LATER_RE.search(low)) is None:
            return None
        return "after" if m["after"] or m["after2"] else "before"
    return "after" if m["after"] else "before"


_MONTH_DAY_RE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\bthe\s+\d{1,2}(?:st|nd|rd|th)\b")


# What a customer says to "what time?" without naming a start: any start ("anytime",
# "whatevers open", "up to you"), the first or last one ("the earliest", "the last
# slot"), a morning (before our first start), or a window ("between 5 and 7", "5-7pm").
_ANY_START_RE = re.compile(
    r"^\W*(?:(?:oh|ok|okay|um+|hmm+|honestly|really|idk|i\s+dunno|actually|well|so|eh)\W+)*(?:any\s*time|whenever|whatever(?:'?s|\s+is)?(?:\s+(?:open|works|free|available|best|u\s+have|you\s+have))?"
    r"|(?:it\s+)?does\s*n'?t\s+matter|doesnt\s+matter|don'?t\s+care|dont\s+care|up\s+to\s+(?:you|u)|(?:you|u)\s+(?:pick|choose)"
    r"|your\s+call|either(?:\s+(?:one|works|is\s+fine))?|whichever(?:\s+(?:one|works))?|no\s+preference|(?:we'?re|were|i'?m|im)\s+flexible"
    r"|flexible|any\s+(?:of\s+(?:them|those|these)|(?:one|slot|start))|all\s+(?:good|work|fine))"
    r"(?:\s+(?:is|are)\s+(?:fine|good|ok))?(?:\s+(?:works|really|honestly|for\s+us|for\s+me|tbh|lol))*\W*$",
    re.I)
_FIRST_LAST_RE = re.compile(
    r"^\W*(?:(?:the|your|ur)\s+)?(?:(?P<first>earliest|first|soonest|earlier(?=\s+one)|early\s+one)"
    # "later is better", "the later one", "late": the last start (it was "didn't catch that")
    r"|(?P<last>latest|last|later\s+(?:is|would\s+be)\s+(?:better|best|good|fine)|later\s+one|late(?:\s+one)?"
    r"|the\s+later\s+the\s+better))"
    r"(?:\s+(?:one|slot|time|start|possible|available|option|you\s+have|u\s+have|you\s+got|u\s+got|pls|please|that\s+day))*\W*$",
    re.I)
_NOT_LATE_RE = re.compile(
    r"^\W*(?:not\s+(?:too|so|super)\s+late|nothing\s+(?:too\s+)?late|not\s+late|earlier\s+(?:is\s+)?better|the\s+earlier\s+the\s+better)"
    r"(?:[\s,]+(?:pls|please|the\s+kids?\s+\w+(?:\s+\w+){0,3}|kids?\s+need\s+to\s+sleep))*\W*$",
    re.I)
_MORNING_ONLY_RE = re.compile(
    r"^\W*(?:(?:in\s+the|sometime\s+in\s+the|early)\s+)?(?:morning|breakfast|brunch|a\.?m\.?)(?:\s+(?:pls|please|if\s+possible|ideally))?\W*$",
    re.I)
_WINDOW_RE = re.compile(
    r"\b(?:between|from|somewhere|anywhere|any\s*time)?\s*(?:from\s+|between\s+)?(?P<a>\d{1,2})(?::[0-5]\d)?\s*(?P<amer>am|pm)?\s*(?:-|–|to|and|till|until)\s*"
    r"(?P<b>\d{1,2})(?::[0-5]\d)?\s*(?P<bmer>am|pm)?(?:\s*ish)?\W*$",
    re.I)
_OR_LATER_RE = re.compile(
    r"\b\d{1,2}(?::[0-5]\d)?\s*(?:a\.?m\.?|p\.?m\.?)?\s+(?:or\s+(?P<after>later|after)|or\s+(?P<before>earlier|before)"
    r"|at\s+the\s+(?:(?P<after2>earliest)|(?P<before2>latest)))\b", re.I)


@dataclass(frozen=True, slots=True)
class StartWish:
    """A start asked for without naming one: ``kind`` is "any", "first", "last",
    "morning", "not_late" or "window" (``low``/``high``, 24-hour hours, for a window)."""

    kind: str
    low: int = 0
    high: int = 0


def start_wish(text: str) -> StartWish | None:
    """What ``text`` (an answer to "what time?") asks of the start, if not a time."""
    if _ANY_START_RE.match(text):
        return StartWish("any")
    if m := _FIRST_LAST_RE.match(text):
        return StartWish("first" if m["first"] else "last")
    if _MORNING_ONLY_RE.match(text):
        return StartWish("morning")
    if _NOT_LATE_RE.match(text):
        return StartWish("not_late")
    if m := _WINDOW_RE.search(text):
        a, b = int(m["a"]), int(m["b"])
        if not ((1 <= a <= 12 and 1 <= b <= 12) or (13 <= a <= 23 and 13 <= b <= 23)):
            return None
        # ("5-7pm": both in the evening; "11am-2": 11 AM to 2 PM; a bare 1-9 is PM)
        a_pm = m["amer"] == "pm" or (m["amer"] is None and m["bmer"] == "pm" and a < b)
        low = a if m["amer"] == "am" or a > 12 else a + 12 if a_pm and a != 12 else event_hour(a)
        high = b if m["bmer"] == "am" or b > 12 else b + 12 if m["bmer"] == "pm" and b != 12 else event_hour(b)
        return StartWish("window", low, high) if low < high else None
    return None
