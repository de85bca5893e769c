"""Number words to digits, and light texting normalisation used by the extractors."""

from __future__ import annotations

import re

UNITS: dict[str, int] = {
    "zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
ORDINAL_UNITS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}

# "none" is only a number in answers such as "kids: none"; it is handled by callers.
_CARDINAL = "|".join(sorted((k for k in UNITS if k != "none"), key=len, reverse=True))
_DIGITS = "one|two|three|four|five|six|seven|eight|nine"
_TENS = "|".join(sorted(TENS, key=len, reverse=True))
_ORD = "|".join(sorted(ORDINAL_UNITS, key=len, reverse=True))

_NUM_WORD_RE = re.compile(
    rf"\b(?:(?P<tens>{_TENS})(?:[\s-]+(?P<unit>{_DIGITS}))?"
    rf"|(?P<card>{_CARDINAL}))\b"
)
_HUNDRED_RE = re.compile(r"\b(?:a|one|(?P<n>\d{1,2}))\s+hundred(?:\s+(?:and\s+)?(?P<rest>\d{1,2}))?\b")
_MONTH_WORDS = (
    "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept"
    "|september|oct|october|nov|november|dec|december"
)
# Ordinal words become "12th" only where they name a day: "the twelfth", "december first",
# "first of may" -- not in "first name", "a ninth guest" or "on second thought".
_ORD_RE = re.compile(
    rf"(?P<pre>\b(?:the|on|of|for|{_MONTH_WORDS})\.?\s+)"
    rf"(?:(?P<tens>twenty|thirty)[\s-]+(?P<unit>{_ORD})|(?P<ord>{_ORD}))\b"
    rf"(?!\s+(?:thought|time|name|person|guest|floor|grade|place))"
    rf"|\b(?:(?P<tens2>twenty|thirty)[\s-]+(?P<unit2>{_ORD})|(?P<ord2>{_ORD}))(?=\s+of\s+"
    rf"(?:{_MONTH_WORDS}|this|next)\b)"
)
# ("a couple dozen people" was 12: "a couple" is two dozen; "a few dozen" is too vague to price)
_DOZEN_RE = re.compile(r"\b(?:(?P<n>\d{1,2})|a\s+couple(?:\s+of)?|an?)\s+dozen\b|\bhalf\s+a\s+dozen\b|\bdozen\b")
_COUPLE_RE = re.compile(r"\b(?:a\s+)?couple(?:\s+of)?\b(?=\s+[a-z])")
_DIGIT_WORD_RE = re.compile(r"\b(\d+)-?ish\b")

# Frequent texting spellings, mapped to one canonical word (whole words only).
_TYPOS: dict[str, str] = {
    "wat": "what", "wats": "whats", "wut": "what", "wuts": "whats", "protiens": "proteins", "protien": "protein",
    "ppl": "people", "peeps": "people", "ppls": "people", "pple": "people", "poeple": "people",
    "peopel": "people", "adluts": "adults", "adlts": "adults", "aduts": "adults",
    "audlts": "adults", "adultes": "adults", "adlt": "adult", "chidren": "children",
    "childern": "children", "childs": "children", "kidz": "kids", "kds": "kids", "kiids": "kids", "tmrw": "tomorrow",
    "tmr": "tomorrow", "tmrow": "tomorrow", "tomorow": "tomorrow", "tommorow": "tomorrow",
    "tommorrow": "tomorrow", "2morrow": "tomorrow", "2moro": "tomorrow", "tonite": "tonight",
    "2nite": "tonight", "thurs": "thursday", "thur": "thursday", "thu": "thursday",
    "tues": "tuesday", "weds": "wednesday", "fri": "friday", "satuday": "saturday", "saturady": "saturday", "sunday's": "sunday", "xmas": "christmas",
    "guets": "guests", "gusts": "guests", "gests": "guests", "quests": "guests",
    "nite": "night", "u": "you", "ur": "your", "pls": "please", "plz": "please", "thru": "through", "nvm": "never mind",
    "mvoe": "move", "moev": "move", "reshedule": "reschedule", "rescedule": "reschedule", "reschdule": "reschedule",
    "rechedule": "reschedule", "cancle": "cancel", "cn": "can",
    "chnage": "change", "chnge": "change", "cahnge": "change", "chang": "change", "chane": "change",
    "resechedule": "reschedule", "reschedual": "reschedule", "reshcedule": "reschedule",
    "rescheudle": "reschedule", "reschedle": "reschedule", "resechdule": "reschedule", "reschdeule": "reschedule",
    "reschudle": "reschedule", "reschedul": "reschedule", "reskedule": "reschedule",
}
# Booking words of bilingual customers mixed into English ("10 personas", "12 adults, 3
# niños", "sabado 19", "todos adultos", "diciembre 19 a las 6pm": the count or the day was
# lost or misread). A message written in Spanish goes to a person first (the engine,
# ``SPANISH_SENTENCE_RE``).
_SPANISH: dict[str, str] = {
    "personas": "people", "adultos": "adults", "niños": "kids", "ninos": "kids", "niñas": "kids", "ninas": "kids",
    "todos": "all", "sabado": "saturday", "sábado": "saturday", "domingo": "sunday", "viernes": "friday",
    "diciembre": "december", "enero": "january", "febrero": "february", "a las": "at",
}
_SPANISH_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k in _SPANISH) + r")\b")
# Words of a sentence written in Spanish (not the booking words above, which bilingual
# customers mix into English).
SPANISH_SENTENCE_RE = re.compile(
    r"\b(?:cu[aá]nto|cuesta|cobran|quiero|queremos|quisiera|necesito|hola|para|tienen|puedo|podemos|somos|hay|una"
    r"|fiesta|gracias|reservar|precio|cumplea[ñn]os|cena|por\s+favor|usted|ustedes)\b")
_TYPO_RE = re.compile(r"\b(" + "|".join(re.escape(k) for k in _TYPOS) + r")\b")
_VERB_TYPO_RE = re.compile(r"\b(" + "|".join(
    re.escape(k) for k, v in _TYPOS.items() if v in ("change", "reschedule", "move", "cancel")) + r")\b", re.I)


def fix_verb_typos(text: str) -> str:
    """``text`` with mistyped change verbs fixed and nothing else changed (for readers of
    the raw message: "chnage the time to 9pm" is a change)."""
    return _VERB_TYPO_RE.sub(lambda m: _TYPOS[m.group(1).lower()], text)


def ordinal(n: int) -> str:
    """Return ``12th``-style text for a day number."""
    suffix = "th" if 10 <= n % 100 <= 20 else _SUFFIX.get(n % 10, "th")
    return f"{n}{suffix}"


# "the 19th one", "the sacramento one", "which one": "one" stands for a thing named
# ("move the 19th one to 3pm" read "1 to 3pm" as a time).
_ONE_COUNTED = re.compile(r"\s+(?:more\s+|extra\s+)?(?:adult|kid|child|person|guest|ppl|people|baby|toddler)")  # "dec 19 one adult"
_ONE_ON = re.compile(r"\s+(?:on|for|at|in|that|we|i|you)\b")  # "cancel the one on the 12th"
_ONE_OF = re.compile(r"(?:\d(?:st|nd|rd|th)|\b(?:first|second|third|last|other|another|this|that|which|each|the\s+[a-z]+)"
                     # "the jan 9 one", "the 1/9 one", "the 6pm one" (the jan 9 one read "1 to 6pm")
                     r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|\b\d{1,2}/\d{1,2}"
                     r"|\d\s*(?:am|pm))\s+$")


def _cardinal(m: re.Match[str]) -> str:
    if m.group("card"):
        if m.group("card") == "one" and not _ONE_COUNTED.match(m.string, m.end()) and (
                _ONE_OF.search(m.string, 0, m.start()) or (
                m.string[: m.start()].endswith("the ") and _ONE_ON.match(m.string, m.end()))):
            return "one"
        return str(UNITS[m.group("card")])
    value = TENS[m.group("tens")]
    if m.group("unit"):
        value += UNITS[m.group("unit")]
    return str(value)


def _ordinal(m: re.Match[str]) -> str:
    pre = m.group("pre") or ""
    word = m.group("ord") or m.group("ord2")
    if word:
        return pre + ordinal(ORDINAL_UNITS[word])
    tens = m.group("tens") or m.group("tens2")
    unit = m.group("unit") or m.group("unit2")
    return pre + ordinal(TENS[tens] + ORDINAL_UNITS[unit])


def _hundred(m: re.Match[str]) -> str:
    base = int(m.group("n") or 1) * 100
    return str(base + int(m.group("rest") or 0))


def _dozen(m: re.Match[str]) -> str:
    text = m.group(0)
    if text.startswith("half"):
        return "6"
    if text.startswith("a couple"):
        return "24"
    return str(12 * int(m.group("n") or 1))


# "10ppl", "12adults": the count and its noun written together
_GLUED_COUNT_RE = re.compile(r"\b(\d{1,3})(ppl|people|adults?|kids?|guests?|pax|persons)\b")


def normalize(text: str) -> str:
    """Lower-case ``text``, fix common texting typos and turn number words into digits.

    ``"Twenty two ppl, a dozen kiddos"`` becomes ``"22 people, 12 kiddos"``.
    """
    s = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    s = _GLUED_COUNT_RE.sub(r"\1 \2", s)
    s = _TYPO_RE.sub(lambda m: _TYPOS[m.group(1)], s)
    s = _SPANISH_RE.sub(lambda m: _SPANISH[m.group(1)], s)
    s = _ORD_RE.sub(_ordinal, s)
    s = _NUM_WORD_RE.sub(_cardinal, s)
    s = _HUNDRED_RE.sub(_hundred, s)
    s = _DOZEN_RE.sub(_dozen, s)
    s = _COUPLE_RE.sub("2", s)
    return _DIGIT_WORD_RE.sub(r"\1 ish", s)


def parse_int(token: str) -> int | None:
    """Parse a digit string or a single number word (``"fifteen"``) to an int."""
    t = token.strip().lower()
    if t.isdigit():
        return int(t)
    norm = normalize(t)
    return int(norm) if norm.isdigit() else None
