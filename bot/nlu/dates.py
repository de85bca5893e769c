"""Calendar dates in customer text: fast regex paths, dateparser only as a fallback.

All input is the output of :func:`bot.nlu.numbers.normalize` (lower case, digits).
Dates without a year that are already past roll to next year. "this <weekday>" and a
bare weekday mean the next one to come; "next <weekday>" means that weekday of next
week when the coming one still falls in the current (Mon-Sun) week.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from dateutil.easter import easter

from bot.nlu.spans import Span

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}
# Three-letter forms that are also words ("sat", "sun", "wed", "mon"): only next to a
# modifier ("this sat") or a date ("sat 12/5", "sun. dec 6").
_SHORT_WD = {"sat": 5, "sun": 6, "wed": 2, "mon": 0}
_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)"
_YEAR = r"(?:,?\s*(?P<year>(?:19|20)\d\d|'\d\d))?"
_NOT_TIME = (
    r"(?!\s*(?::\d|am\b|pm\b|a\.m|p\.m|o'?clock|people|persons|adults|kids|children|guests"
    r"|of\s+(?:us|them|you)|others|friends|more|hours?|days?|weeks?))"
)

# A held booking named by its order: "the second booking", "the later one", "the 1st one"
# ("second" is no day of the month there: it was Dec 2, "too soon").
BOOKING_BY_ORDER = re.compile(
    r"\b(?:the|my|our)\s+(?:(?P<first>first|1st|earlier|earliest|sooner|soonest|former)"
    r"|(?P<second>second|2nd|later|latest|last|latter))\s+(?:one|booking|party|event|reservation|dinner)\b", re.I)
_MD_RE = re.compile(
    rf"\b(?P<mon>{_MON})\.?,?(?:\s+|-)(?:the\s+)?(?P<day>\d{{1,2}}){_ORD}?\b{_NOT_TIME}{_YEAR}"  # ("dec-18")
)
_DM_RE = re.compile(
    rf"\b(?P<day>\d{{1,2}}){_ORD}?\s+(?:day\s+)?(?:of\s+)?(?P<mon>{_MON})\b\.?{_YEAR}"
)
_ISO_RE = re.compile(r"\b(?P<year>\d{4})[-/.](?P<mon>\d{1,2})[-/.](?P<day>\d{1,2})\b")
_NUM_RE = re.compile(
    r"(?<![\d/.-])(?P<mon>\d{1,2})/(?P<day>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?(?![\d/])"
    r"|(?<![\d/.-])(?P<mon2>\d{1,2})[-.](?P<day2>\d{1,2})[-.](?P<year2>\d{4}|\d{2})(?![\d.-])"
)
_ORDINAL_RE = re.compile(
    rf"(?:\b(?P<cue>the|on|for|this|by|until|til)\s+)?\b(?P<day>\d{{1,2}}){_ORD}\b"
    rf"(?!\s*(?:birthday|bday|b-day|anniversary|time|grade|floor|year|annual|st\b|street|ave"
    rf"|avenue|place|person|guest|adult|kid|child|party|of\s+(?!(?:{_MON}|this|next)\b)"
    # ("can we add a 3rd protein?", "a 2nd chef": no day; the booking moved to Dec 3)
    rf"|proteins?|chefs?|cooks?|courses?|options?|choices?|meats?|items?|dish(?:es)?|sides?|plates?|servings?"
    rf"|helpings?|rounds?|grills?|tables?|hours?|hr|sauces?|flavou?rs?|dessert|appetizers?|one\b))"
    rf"(?P<nextmonth>\s+of\s+next\s+month)?"
)
# "the 2nd saturday of january", "first friday in feb", "last sunday of next month".
_NTH_WEEKDAY_RE = re.compile(
    rf"\b(?:the\s+)?(?P<n>1st|first|2nd|3rd|4th|5th|last)\s+(?P<wd>{_WD}|sat|sun|wed|mon|weekend)s?\s+"
    rf"(?:of|in)\s+(?:(?P<mon>{_MON})\b{_YEAR}|(?P<rel>this|next)\s+month\b)"
)
# A weekday and a bare day number: "saturday the 19", "sat 19" (it was the coming
# Saturday, Dec 5; with "th" the ordinal reader has it).
_WEEKDAY_DAY_RE = re.compile(
    rf"\b(?P<wd>{_WD}|sat|sun|wed|mon|tues?|thurs?|fri)\.?,?\s+(?P<the>the\s+)?(?P<day>\d{{1,2}})\b"
    r"(?!\s*(?:st|nd|rd|th|am|pm|a\.m|p\.m|:|/|-|\.\d|o'?clock|adults?|kids?|people|ppl|guests?|of\b|more|or\b|to\b))"
)
_WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<mod>next|this\s+coming|this|coming|upcoming|following)\s+)?"
    rf"(?:week\s+)?(?P<wd>{_WD})s?\b(?P<post>\s+(?:next\s+week|after\s+next|of\s+next\s+week))?"
    rf"|\b(?:(?P<mod2>next|this|coming|on|by|for|about|to|till?|until)\s+)(?P<wd2>sat|sun|wed|mon)\b\.?"
    # "sat 12/5", "sun. dec 6", "sat at 6", "sun night", or "sat?" as the whole message
    rf"|\b(?P<wd3>sat|sun|wed|mon)\.?,?(?=\s*(?:(?:the\s+)?\d|{_MON}|at\s+\d|(?:night|evening|afternoon|morning|lunch|noon|midday|dinner|instead|same\s+time)\b))"
    rf"|^\W*(?P<wd4>sat|sun)\W*$"
    # "sat or sun whichever is open": the first (its answer offers the nearby days when full)
    rf"|\b(?P<wd5>sat|sun)\s*(?:or|/)\s*(?:sat|sun)(?:urday|day)?\b"
    # "need hibachi 15 ppl sat 95112" (the zip is blanked before the day is read)
    rf"|(?:(?<=\bppl\s)|(?<=\bpeople\s)|(?<=\bguests\s)|(?<=\badults\s)|(?<=\bkids\s))(?P<wd6>sat|sun)\b"
    r"(?!\s+(?:down|around|with|on|in|at\s+the)\b)"
)
_RELATIVE_RE = re.compile(
    r"\b(?:(?P<dat>(?:the\s+)?day\s+after\s+tomorrow)|(?P<today>today|tonight|this\s+evening)"
    r"|(?P<tomorrow>tomorrow)"
    r"|in\s+(?P<n>\d{1,3}|an?)\s+(?P<unit>day|week|month)s?"
    r"|(?P<n2>\d{1,3}|an?)\s+(?P<unit2>day|week|month)s?\s+from\s+(?:now|today)"
    r"|(?P<n3>\d{1,3}|an?)\s+(?P<unit3>day|week)s?\s+ago"
    # ("the weekend after the 15th" is the 15th's next weekend, read with the 15th)
    r"|(?P<wknd>(?:this|next|the)\s+weekend(?:\s+after\s+(?:next|this\s+one|that)|(?!\s+(?:after|before)\b))))\b"
)
_HOLIDAY_RE = re.compile(
    r"\b(?:(?P<xeve>christmas\s+eve)|(?P<xmas>christmas(?:\s+day)?)"
    r"|(?P<nye>new\s+year'?s\s+eve|nye)|(?P<ny>new\s+year'?s(?:\s+day)?)"
    r"|(?P<val>valentine'?s(?:\s+day)?)|(?P<july>(?:the\s+)?4th\s+of\s+july|july\s+4th"
    r"|independence\s+day)|(?P<hallo>halloween)|(?P<thanks>thanksgiving)"
    r"|(?P<mom>mother'?s\s+day)|(?P<dad>father'?s\s+day)|(?P<mem>memorial\s+day)"
    r"|(?P<labor>labou?r\s+day)|(?P<easter>easter(?:\s+sunday)?)|(?P<cinco>cinco\s+de\s+mayo))\b"
    r"(?:,?\s*(?P<hyear>20\d\d)\b)?"
)
# Month and weekday names that are not also everyday words ("may", "mar", "sun", ...).
_FALLBACK_CUE_RE = re.compile(
    rf"\b(?!(?:may|mar|sun|mon|wed|sat)\b)(?:{_MON}|{_WD})\b.*\d|\d.*\b(?!(?:may|mar)\b)"
    rf"(?:{_MON})\b"
)


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    raw = raw.lstrip("'")
    return int(raw) + 2000 if len(raw) == 2 else int(raw)


_JUST_PASSED = 45  # days: a month and day this recent is said of the past, not next year
_NEXT_YEAR_RE = re.compile(r"\bnext\s+(?:year|yr)\b")


def _month_day(month: int, day: int, year: int | None, today: dt.date) -> dt.date | None:
    if year is not None:
        return _safe(year, month, day)
    found = _safe(today.year, month, day)
    if found is not None and today - dt.timedelta(days=_JUST_PASSED) <= found < today:
        return found  # "nov 30" on Dec 1 is the day that just passed, not next year's
    last = _safe(today.year - 1, month, day)
    if last is not None and today - dt.timedelta(days=_JUST_PASSED) <= last < today:
        return last  # "dec 31" on Jan 3 too
    if found is None or found < today:
        found = _safe(today.year + 1, month, day)
    return found


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    first = dt.date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    if n > 0:
        return first + dt.timedelta(days=offset + 7 * (n - 1))
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _nth_weekday_of(m: re.Match[str], today: dt.date) -> dt.date | None:
    n = -1 if m["n"] == "last" else 1 if m["n"] == "first" else int(m["n"][0])
    # ("first weekend of jan": its Saturday)
    weekday = 5 if m["wd"] == "weekend" else WEEKDAYS.get(m["wd"], _SHORT_WD.get(m["wd"], 0))
    if m["rel"]:
        month = today.month if m["rel"] == "this" else today.month % 12 + 1
        years: tuple[int, ...] = (today.year + (m["rel"] == "next" and today.month == 12),)
    else:
        month = MONTHS[m["mon"]]
        year = _year(m["year"])
        years = (year,) if year else (today.year, today.year + 1)
    for year in years:
        found = _nth_weekday(year, month, weekday, n)
        if found.month == month and (found >= today or len(years) == 1):
            return found
    return None  # "5th saturday" of a month that has four


def _holiday(m: re.Match[str], today: dt.date) -> dt.date | None:
    fixed = {"xeve": (12, 24), "xmas": (12, 25), "nye": (12, 31), "ny": (1, 1),
             "val": (2, 14), "july": (7, 4), "hallo": (10, 31), "cinco": (5, 5)}
    movable = {"thanks": (11, 3, 4), "mom": (5, 6, 2), "dad": (6, 6, 3), "mem": (5, 0, -1),
               "labor": (9, 0, 1)}
    key = next((k for k, v in m.groupdict().items() if v and k != "hyear"), "")
    years = (int(m["hyear"]),) if m["hyear"] else (today.year, today.year + 1)
    for year in years:
        if key in fixed:
            day: dt.date = dt.date(year, *fixed[key])
        elif key in movable:
            month, weekday, n = movable[key]
            day = _nth_weekday(year, month, weekday, n)
        elif key == "easter":
            day = easter(year)
        else:
            return None
        if day >= today or m["hyear"]:
            return day
    return None


def _weekday(m: re.Match[str], today: dt.date) -> dt.date:
    short = m.group("wd2") or m.group("wd3") or m.group("wd4") or m.group("wd5") or m.group("wd6")
    target = _SHORT_WD[short] if short else WEEKDAYS[m.group("wd")]
    mod = (m.group("mod") or m.group("mod2") or "").split()[-1:] or [""]
    ahead = (target - today.weekday()) % 7
    if ahead == 0 and mod[0] != "this":
        ahead = 7
    found = today + dt.timedelta(days=ahead)
    post = (m.group("post") or "").strip() if not short else ""
    same_week = found.isocalendar()[:2] == today.isocalendar()[:2]
    if (mod[0] == "next" and same_week) or post.startswith("next") or post.startswith("of"):
        found += dt.timedelta(days=7)
    elif post.startswith("after"):
        found += dt.timedelta(days=14 if same_week else 7)
    return found


def _relative(m: re.Match[str], today: dt.date) -> dt.date | None:
    if m.group("today"):
        return today
    if m.group("tomorrow"):
        return today + dt.timedelta(days=1)
    if m.group("dat"):
        return today + dt.timedelta(days=2)
    if m.group("wknd"):
        sat = today + dt.timedelta(days=(5 - today.weekday()) % 7)
        weeks = 2 if m.group("wknd").endswith(("after next", "after that")) else (
            1 if m.group("wknd").startswith("next") or m.group("wknd").endswith("this one") else 0)
        return sat + dt.timedelta(days=7 * weeks)  # "the weekend after next": two on
    raw = m.group("n") or m.group("n2") or m.group("n3")
    unit = m.group("unit") or m.group("unit2") or m.group("unit3")
    n = 1 if raw in ("a", "an") else int(raw)
    if m.group("n3"):
        n = -n
    if unit == "day":
        return today + dt.timedelta(days=n)
    if unit == "week":
        return today + dt.timedelta(weeks=n)
    month0 = today.month - 1 + n
    year, month = today.year + month0 // 12, month0 % 12 + 1
    return _safe(year, month, today.day) or _safe(year, month, 28)


def _ordinal_day(day: int, today: dt.date) -> dt.date | None:
    if not 1 <= day <= 31:
        return None
    year, month = today.year, today.month
    for _ in range(3):
        found = _safe(year, month, day)
        # ("the 1st" said on the 1st is next month's: today would be "today")
        if found is not None and found > today:
            return found
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


# A day of the month alone, as the answer to "what date?": "15?", "ok 19 then", "the 20".
_BARE_DAY_RE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|maybe|how\s+about|what\s+about|hmm+|um+|so|then)\W+)*(?:the\s+)?(?P<d>\d{1,2})"
    r"\s*(?:then|instead|works|pls|please|\?)*"
    # ("19 at 6", "19, 6pm", "19 or 20": the day, the rest read as usual)
    r"(?=\W*$|\s*,|\s+(?:at|@)\s*\d|\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|\s+\d{1,2}:\d\d\b"
    r"|\s+(?:noon|lunch|dinner|evening|night|afternoon|morning)\b|\s+for\s+\d|\s+or\s+(?:the\s+)?\d{1,2}\b(?!\s*(?:adults?|kids?|people|ppl|guests?)))")


def bare_day(text: str, today: dt.date) -> tuple[dt.date, Span] | None:
    """The next day with that day of the month, for a bare number said when the date was
    asked ("15?" was "didn't catch that"); None for anything else."""
    m = _BARE_DAY_RE.match(text)
    if m is None or (day := _ordinal_day(int(m["d"]), today)) is None:
        return None
    return day, m.span("d")


# An offset right before a day: "the day after", "2 days before", "a week from".
_COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_OFFSET_RE = re.compile(
    r"(?:\b(?:the\s+)?(?P<day>day)|\b(?:(?P<n>\d{1,2}|an?|one|two|three|four|five|six)\s+)?(?P<unit>days?|weeks?))"
    r"\s+(?P<dir>after|before|from)\s+(?:the\s+|this\s+|next\s+|on\s+)?$"
)


_WEEKDAY_OFFSET_RE = re.compile(
    rf"\b(?:the\s+)?(?:first\s+)?(?P<wd>{_WD}|sat|sun|weekend)\s+(?P<dir>after|before)\s+(?:the\s+|this\s+|next\s+)?$"
)


_PARTY_OF_BEFORE_MONTH = re.compile(rf"\b(?:party|group|table|family|crew)\s+of\s+\d{{1,3}}\s+{_MON}\b")


def dates_in(text: str, today: dt.date) -> list[dt.date]:
    """Every day named in normalised ``text``, in the order said ("move the 19th one to
    the 20th": Dec 19, Dec 20)."""
    _, spans = find_date(text, today)
    found: list[dt.date] = []
    for start, end in sorted(set(spans)):
        day, _ = find_date(text[start:end], today)
        if day is not None and day not in found:
            found.append(day)
    return found


# What the customer will do on a day, not the party's day: "ill send details tmrw".
_LATER_CONTACT_RE = re.compile(
    r"\b(?:i'?ll|ill|i\s+will|we'?ll|we\s+will|i\s+can|can\s+i)\s+(?:\w+\s+)?(?:send|text|call|get\s+back|let\s+(?:you|u)\s+know"
    r"|reply|confirm|pay|talk|decide|tell\s+(?:you|u)|check|ask|message|msg|email|hit\s+(?:you|u)\s+up)\b[^.?!,]{0,30}$")


def find_date(text: str, today: dt.date) -> tuple[dt.date | None, list[Span]]:
    """Return the first date mentioned in normalised ``text`` and every span that is date text.

    Priority: explicit month/day forms, holidays, relative words, "the 12th", weekdays.
    """
    spans: list[Span] = []
    candidates: list[tuple[int, int, dt.date]] = []  # (priority, position, date)

    def add(priority: int, m: re.Match[str], value: dt.date | None) -> None:
        spans.append(m.span())
        if value is None:
            return
        # "the day after christmas", "a week from saturday", "2 days before new years eve"
        if offset := _OFFSET_RE.search(text, 0, m.start()):
            n = 1 if offset["day"] else _COUNT_WORDS.get(offset["n"] or "a", 0) or int(offset["n"])
            days = n * (7 if offset["unit"] and offset["unit"].startswith("week") else 1)
            value += dt.timedelta(days=-days if offset["dir"] == "before" else days)
            spans.append((offset.start(), m.end()))
        elif (named := _WEEKDAY_OFFSET_RE.search(text, 0, m.start())) and m.re is not _WEEKDAY_RE:
            # "the saturday after christmas", "the friday before new years": the first
            # such weekday past the day named ("the weekend after": its Saturday)
            wd = 5 if named["wd"] == "weekend" else WEEKDAYS.get(named["wd"], _SHORT_WD.get(named["wd"], 0))
            if named["dir"] == "after":
                value += dt.timedelta(days=(wd - value.weekday() - 1) % 7 + 1)
            else:
                value -= dt.timedelta(days=(value.weekday() - wd - 1) % 7 + 1)
            spans.append((named.start(), m.end()))
        candidates.append((priority, m.start(), value))

    for m in _ISO_RE.finditer(text):
        add(0, m, _safe(int(m["year"]), int(m["mon"]), int(m["day"])))
    month_day_at: set[int] = set()
    for m in _MD_RE.finditer(text):
        month_day_at.add(m.start("mon"))
        add(0, m, _month_day(MONTHS[m["mon"]], int(m["day"]), _year(m["year"]), today))
    for m in _DM_RE.finditer(text):
        if (m.start("mon") in month_day_at and re.fullmatch(r"\d{1,2}\s+", text[m.start():m.start("mon")])) \
                or re.search(r"\b(?:party|group|table|family|crew)\s+of\s+$", text[:m.start()]):
            # "party of 10 dec 18": the month's own day follows it, so the number before
            # is something else (it was Dec 10); "10th of dec 18" stays the 10th; "party of
            # 10 dec" is a party of 10 in December
            continue
        add(0, m, _month_day(MONTHS[m["mon"]], int(m["day"]), _year(m["year"]), today))
    for m in _NUM_RE.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        mon, day, year = (m["mon"], m["day"], m["year"]) if m["mon"] else (
            m["mon2"], m["day2"], m["year2"])
        if 1 <= int(mon) <= 12:
            add(0, m, _month_day(int(mon), int(day), _year(year), today))
        elif 13 <= int(mon) <= 31 and 1 <= int(day) <= 12:
            # "19/12": day first, as much of the world writes it (no month 19)
            add(0, m, _month_day(int(day), int(mon), _year(year), today))
    nth = []
    for m in _NTH_WEEKDAY_RE.finditer(text):
        add(0, m, _nth_weekday_of(m, today))
        nth.append(m.span())
    for m in _HOLIDAY_RE.finditer(text):
        day = _holiday(m, today)
        if day is not None and day.weekday() in (0, 4) and re.match(r"\s+weekend\b", text[m.end():]):
            # "memorial day weekend": its Saturday (the holiday is a Monday or a Friday)
            day += dt.timedelta(days=-2 if day.weekday() == 0 else 1)
        add(1, m, day)
    for m in _RELATIVE_RE.finditer(text):
        if _LATER_CONTACT_RE.search(text, 0, m.start()):
            spans.append(m.span())  # ("can u hold sat the 19th? ill send details tmrw": when they write back)
            continue
        add(2, m, _relative(m, today))
    for m in _WEEKDAY_DAY_RE.finditer(text):
        day = _ordinal_day(int(m["day"]), today)
        named = next(v for k, v in WEEKDAYS.items() if k[:3] == m["wd"][:3])  # ("thurs", "fri": it was no weekday)
        # ("saturday 6" is 6 o'clock unless that day is a Saturday or "the" says a day)
        if day is not None and not any(s <= m.start("day") < e for s, e in spans) and (
                m["the"] or int(m["day"]) > 12 or day.weekday() == named):
            add(3, m, day)
    for m in _ORDINAL_RE.finditer(text):
        if any(s <= m.start("day") < e for s, e in spans):
            continue
        found = _ordinal_day(int(m["day"]), today)
        if found is not None and m["nextmonth"]:
            month0 = today.month % 12 + 1
            found = _safe(today.year + (today.month == 12), month0, int(m["day"]))
        add(3, m, found)
    for m in _WEEKDAY_RE.finditer(text):
        if not any(s <= m.start() < e for s, e in nth):  # its weekday is not the next one
            add(4, m, _weekday(m, today))
    if not candidates and not nth and _FALLBACK_CUE_RE.search(text) and no_such_day(text, today) is None \
            and not _PARTY_OF_BEFORE_MONTH.search(text):  # ("party of 10 dec": no day said; it was Dec 10)
        # (not "feb 29" in a year without one: dateparser took it as 2028's)
        return _fallback(text, today)
    if not candidates:
        return None, spans
    candidates.sort(key=lambda c: (c[0], c[1]))
    relative = next((c[2] for c in candidates if c[0] == 2), None)
    weekday = next((c[2] for c in candidates if c[0] == 4), None)
    if candidates[0][0] == 2 and relative is not None and weekday is not None:
        # "in 2 weeks on saturday": that weekday in the week named, not a Tuesday
        return relative + dt.timedelta(days=(weekday.weekday() - relative.weekday()) % 7), spans
    found = candidates[0][2]
    if found < today and _NEXT_YEAR_RE.search(text):
        found = _safe(found.year + 1, found.month, found.day) or found  # "nov 15 next year"
    return found, spans


def no_such_day(text: str, today: dt.date) -> str | None:
    """"feb 30", "feb 29" in a year without one, "11/31": a month and day said that the
    calendar does not have, as "February 30"; None when every one said exists."""
    for rx in (_MD_RE, _DM_RE):
        for m in rx.finditer(text):
            month, day = MONTHS[m["mon"]], int(m["day"])
            if 1 <= day <= 31 and _month_day(month, day, _year(m["year"]), today) is None:
                return f"{dt.date(2000, month, 1):%B} {day}"
    for m in _NUM_RE.finditer(text):
        if m["mon"] and 1 <= int(m["mon"]) <= 12 and 1 <= int(m["day"]) <= 31 \
                and _month_day(int(m["mon"]), int(m["day"]), _year(m["year"]), today) is None:
            return f"{dt.date(2000, int(m['mon']), 1):%B} {int(m['day'])}"
    return None


@lru_cache(maxsize=1)
def _search() -> Any:
    """Import dateparser's search lazily (it is slow to import and to warm up)."""
    from dateparser.search import search_dates

    return search_dates


_NOT_A_DAY_RE = re.compile(
    r"\b\d{1,3}\s*(?:adults?|kids?|children|people|persons|guests?|ppl|pax|am\b|pm\b|a\.m|p\.m|:\d\d)",
    re.I,
)


def _fallback(text: str, today: dt.date) -> tuple[dt.date | None, list[Span]]:
    """Ask dateparser about text that has a date cue but matched no fast path."""
    settings = {
        "RELATIVE_BASE": dt.datetime.combine(today, dt.time(12)),
        "PREFER_DATES_FROM": "future",
        "REQUIRE_PARTS": ["day"],
    }
    # "january 10 adults", "jan 6pm": a count or a time is no day of the month (blanked,
    # so positions stay)
    text = _NOT_A_DAY_RE.sub(lambda m: " " * len(m.group(0)), text)
    found = _search()(text, languages=["en"], settings=settings) or []
    for phrase, value in found:
        if _FALLBACK_CUE_RE.search(phrase):
            start = text.find(phrase)
            return value.date(), [(start, start + len(phrase))] if start >= 0 else []
    return None, []


# A whole month asked about, not a day of it: "anything in march?", "march dates",
# "openings next month" ("in march 14" is a day, read by find_date).
_MONTH_ASKED_RE = re.compile(
    rf"\b(?:in|for|during|around|early|late|mid|end\s+of|start\s+of|beginning\s+of)[\s-]+"
    rf"(?P<mon>{_MON})\b{_YEAR}(?!\s*\d)"
    rf"|\b(?P<mon2>{_MON})\s+(?:dates|days|availability|openings?|weekends?)\b"
    rf"|\b(?P<rel>this|next)\s+month\b"
)
# "any saturdays in march?": the weekdays asked for (a weekend is Saturday and Sunday).
_WEEKDAYS_ASKED_RE = re.compile(rf"\b(?P<wd>{_WD}|sat|sun)s?\b|\b(?P<wknd>weekends?)\b")


def find_month(text: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a month asked about as a whole, the next such month
    from ``today`` (the current one included); None when no month is."""
    m = _MONTH_ASKED_RE.search(text.lower())
    if m is None:
        return None
    if m["rel"]:
        year, month = today.year, today.month
        if m["rel"] == "next":
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        month = MONTHS[m["mon"] or m["mon2"]]
        year = _year(m["year"]) or (today.year if month >= today.month else today.year + 1)
    first = dt.date(year, month, 1)
    last = (dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)) - dt.timedelta(days=1)
    return first, last


def weekdays_asked(text: str) -> frozenset[int]:
    """The weekdays a range question names ("saturdays", "weekends"); empty: any day."""
    days: set[int] = set()
    for m in _WEEKDAYS_ASKED_RE.finditer(text.lower()):
        if m["wknd"]:
            days |= {5, 6}
        else:
            days.add(WEEKDAYS.get(m["wd"], _SHORT_WD.get(m["wd"], -1)))
    return frozenset(days - {-1})


def day_of_month(text: str, month_first: dt.date) -> dt.date | None:
    """"the 14th" right after "any dates in march?": that day of the month asked about
    (None when the text names a month, a weekday or a day of its own)."""
    low = text.lower()
    m = _ORDINAL_RE.search(low)
    if m is None or any(r.search(low) for r in (_MD_RE, _DM_RE, _NUM_RE, _ISO_RE, _WEEKDAY_RE, _RELATIVE_RE, _HOLIDAY_RE)):
        return None
    return _safe(month_first.year, month_first.month, int(m["day"]))
