"""Phone numbers, e-mail addresses, street addresses and zip codes."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import Any

import phonenumbers
import usaddress

from bot.nlu.dates import MONTHS
from bot.nlu.repairs import repaired_choice
from bot.nlu.spans import Span, word_set

EMAIL_RE = re.compile(r"\b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_ZIP_RE = re.compile(r"(?<![\d$.,#-])(?P<zip>\d{5})(?:-\d{4})?(?!\d|,\d|\.\d|\s*(?:k\b|dollars|bucks|usd"
                     r"|people|guests|adults|kids|miles|mi\b))")
_ZIP_CUE_RE = re.compile(r"\bzip(?:\s*code)?\s*(?:is|:|=|#)?\s*(?P<zip>\d{5})\b", re.IGNORECASE)
_SPACED_ZIP_RE = re.compile(r"\bzip(?:\s*code)?\s*(?:is|:|=|#)?\s*(?P<zip>\d(?:[\s.-]\d){4})\b(?![\s.-]\d)", re.IGNORECASE)
_STREET_TYPES = (
    "st|street|ave|av|avenue|rd|road|dr|drive|ln|lane|way|ct|court|blvd|boulevard|pl|place|"
    "cir|circle|ter|terrace|plaza|plz|mall|commons|crossing|pkwy|parkway|hwy|highway|trl|trail|loop|sq|square|row|walk|"
    "expy|expressway|cres|crescent|pike|aly|alley|plz|plaza|run|path|pt|point|xing|crossing|"
    "commons|cv|cove|hl|hill|hts|heights|blf|bluff|grn|green|ests|estates|park|real"
)
# A number, then one to five words ending in a street type, e.g. "123 north main st".
_STREET_HINT_RE = re.compile(
    # (no other number before the street type but an ordinal: "12/19 6pm 123 Park Ave" is
    # 123 Park Ave, "450 N 1st St" keeps its 1st)
    rf"\b\d{{1,6}}[a-z]?\s+(?:(?:\d+(?:st|nd|rd|th)|[a-z.'-][\w.'-]*)\s+){{0,4}}(?:{_STREET_TYPES})\b\.?", re.IGNORECASE
)
_NUMBER_WORD_RE = re.compile(r"\b\d{1,6}[A-Za-z]?\s+[A-Za-z]", re.IGNORECASE)
# The street type, and a unit after it: what a city name follows ("500 Main St, Salinas").
_STREET_END_RE = re.compile(
    rf"\b(?:{_STREET_TYPES})\b\.?(?:\s*,?\s*(?:apt|apartment|unit|suite|ste|#)\.?\s*#?[\w-]+)?", re.IGNORECASE)
_STATE_ZIP_TAIL_RE = re.compile(r"(?:,?\s*(?:ca|calif|california)\.?)?\s*(?:\d{5}(?:-\d{4})?)?\s*$", re.IGNORECASE)
_NOT_STREET = frozenset(
    ["adults", "adult", "kids", "kid", "children", "child", "people", "persons", "guests", "guest", "ppl", "pm", "am", "of", "us", "and", "or", "to", "at", "for", "on", "in", "years", "year", "days", "weeks", "pax", "grown", "grownups", "kiddos", "folks", "total", "more", "dollars", "minutes", "hours", "miles", "mi", "is", "are", "will", "would", "a", "an", "the", "instead", "please", "pls", "thanks", "works", "better", "then", "ok"]
)
# Words that cannot follow a house number ("sorry 95126 not 95112": a zip corrected).
_NOT_STREET_START = _NOT_STREET | {"not", "no", "wrong", "zip", "oops", "sorry", "actually", "wait"} | {
    # session 22 QA: "can the chef arrive 30 min early?", "my mom turns 70 that day!", "2
    # chicken 3 steak" were saved as the party's street address
    "min", "mins", "minute", "sec", "that", "this", "chicken", "steak", "steaks", "shrimp", "salmon", "tofu",
    "lobster", "scallops", "filet", "veggies", "vegetarians", "vegetarian", "vegans", "vegan", "tables", "table",
    "chairs", "plates", "sides", "dogs", "dog", "cats", "kids", "bottles", "percent", "bucks", "birthdays", "bdays",
    "anniversaries", "families", "couples", "generations", "weeks",
    # session 23 QA: "actually we might be 20 now" at the address question was the street
    "now", "then", "instead", "total", "tops", "max", "ish", "or", "more", "less", "maybe", "prob", "probably"}
# "1200 The Alameda", "55 the strand apt 2": a street named with "the".
_THE_STREET_RE = re.compile(
    r"\d{1,6}\s+the\s+(?!(?:chef|kids?|party|house|same|day|date|time|address|one|end|first|last|next|other|rest"
    r"|morning|evening|night|weekend|week|month|year|guests?|adults?|people|family|grill|deposit|total|price)\b)[a-z]{4,}\b"
    r"(?:,?\s+(?:apt|apartment|unit|suite|ste|#)\.?\s*#?\w+)?"
    r"(?:,?\s+[a-z]+(?:\s+[a-z]+){0,2}(?=\s*[.!]?\s*$))?",  # (the city, at the end: "… san jose")
    re.IGNORECASE)
# The shape of an address taken as written when it is asked for (the engine's lenient
# fill): a house number, a box or a route first, or a street word.
ADDRESS_SHAPE = re.compile(r"^\W*(?:\d{1,6}[a-z]?(?:-\d+)?\s+\w|p\.?\s*o\.?\s+box|(?:rt|rte|route|rr|hc)\.?\s*\d|box\s+\d|unit\s|apt\s)"
                           r"|\b(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|ct|court|pl|place|cir|circle"
                           r"|pkwy|hwy)\b\.?(?=,|\s|$)", re.I)
# Asked, not told: no house number in a question ("does the chef need 2 tables?").
_ASKED_RE = re.compile(r"\?\s*$|^\W*(?:can|could|does|do|is|are|will|would|what|how|when|where|why|should|shall)\b",
                       re.IGNORECASE)
# A month name right before the number ("is dec 19 a saturday?"), from the date reader's
# own list, so "maybe 45 oakwood" is not "may".
_MONTH_BEFORE_RE = re.compile(
    rf"\b(?:{'|'.join(sorted(MONTHS, key=len, reverse=True))})\.?\s*$", re.IGNORECASE
)
# Words that end an address line when usaddress would run on into the rest of a message.
_SPANISH_ARTICLES = frozenset({"del", "de", "la", "el", "las", "los"})
_ADDRESS_STOP = frozenset(
    ["on", "at", "for", "ok", "okay", "gluten", "dairy", "vegan", "vegetarian", "allergic", "from", "next", "this", "tomorrow", "today", "tonight", "and", "with", "around", "about", "by", "please", "thanks", "thank", "we", "i", "my", "our", "is", "it", "the", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "people", "adults", "kids", "guests",
     # "57 Oak Ave not 55", "55 Oak Ave San Jose, phone 408…", "… or 59 if that's easier"
     "not", "instead", "actually", "sorry", "or", "but", "phone", "cell", "number", "email", "name", "gate", "code", "zip", "call", "text"]
)
# Words that begin a new sentence after an address: "… 95124. Want to book …".
_SENTENCE_START = r"(?i:want|we|i|party|please|also|can|could|and|it|book|my|our|for|looking|need|would|thanks|thank|the)"
_ADDRESS_PARTS = frozenset({
    "AddressNumber", "AddressNumberPrefix", "AddressNumberSuffix", "StreetNamePreDirectional",
    "StreetNamePreModifier", "StreetNamePreType", "StreetName", "StreetNamePostType",
    "StreetNamePostDirectional", "StreetNamePostModifier", "OccupancyType",
    "OccupancyIdentifier", "SubaddressType", "SubaddressIdentifier", "PlaceName", "StateName",
    "ZipCode", "BuildingName", "LandmarkName", "CornerOf", "IntersectionSeparator",
})


@dataclass(frozen=True, slots=True)
class Address:
    """A street address line as written, with the span of its house number."""

    text: str
    span: Span
    number_span: Span


# "jen@gmail,com" / "jen@gmail com": a comma or space typed for the dot before a common
# ending (same length, so spans stay those of the text).
_DOT_TYPO_RE = re.compile(r"(@[A-Za-z0-9-]{2,40})[, ](?=(?:com|net|org|edu|gov|us|io|co)\b)")


def find_emails(text: str) -> tuple[str | None, list[Span]]:
    """Return the first e-mail address (lower-cased) and every e-mail span."""
    matches = list(EMAIL_RE.finditer(_DOT_TYPO_RE.sub(r"\1.", text)))
    if not matches:
        return None, []
    return matches[0].group(0).lower(), [m.span() for m in matches]


def find_phone(text: str) -> tuple[str | None, list[Span]]:
    """Return the first US phone number in E.164 and the spans of all phone numbers."""
    if sum(c.isdigit() for c in text) < 7:
        return None, []
    found: str | None = None
    spans: list[Span] = []
    for m in phonenumbers.PhoneNumberMatcher(text, "US"):
        spans.append((m.start, m.end))
        if found is None:
            found = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
    if found is None:
        # "maria lopez 408 555 0142 123 main st": the matcher sees one long number with the
        # house number after it and gives up; a well-formed 10-digit group is still one
        for spaced in _SPACED_PHONE_RE.finditer(text):
            with contextlib.suppress(phonenumbers.NumberParseException):
                number = phonenumbers.parse(spaced.group(0), "US")
                if phonenumbers.is_valid_number(number):
                    spans.append(spaced.span())
                    found = found or phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return found, spans


_SPACED_PHONE_RE = re.compile(r"(?<![\d-])\(?[2-9]\d{2}\)?[\s.-]?[2-9]\d{2}[\s.-]\d{4}(?![\d-])")


def _tokens_with_offsets(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[^\s,;]+", text)]


# Right before a number that is not a house number: a zip said as such, or money.
_NOT_A_HOUSE_NUMBER_RE = re.compile(r"(?:\bzip(?:\s*code)?(?:\s+is)?\s*:?\s*|\$\s*)$", re.I)


# A unit said before the street ("Apt 4B, 55 Market St", "unit 7 1200 lincoln ave"): its
# number is no house number, and it is kept after the street.
_UNIT_FIRST_RE = re.compile(
    r"(?:(?:\b(?:apt|apartment|unit|suite|ste|bldg|building)\.?\s*#?|#)\s*[a-z0-9-]{1,5}\b\s*(?:,|\bat\b|-)?\s*)+(?=\d)", re.I)


_ADDRESS_END_RE = re.compile(
    r"\s+-+\s+|\s+[\u2013\u2014]\s+"
    r"|,\s*(?=(?:and|also|plus|btw|oh|one|two|can|could|would|will|do|does|is|are|what|how|when|where|its|it'?s"
    r"|just|pls|please|thanks|thx|see\s+you)\b)"
    r"|\s+(?:and|&)\s+(?=(?:my|our|also|can|could|email|phone|i|we|one)\b)|\s+(?:also|btw)\s+"
    # "900 j st sacramento no email", "… no email pls"
    r"|\s+(?=(?:no|skip(?:\s+the)?|without)\s+e-?mail\b)", re.I)


# A question texted right after the street: "123 Main St can u bring extra chairs" (it was
# saved as the street address).
_QUESTION_AFTER_RE = re.compile(
    r"\s+(?:(?:can|could|do|does|is|are|will|would|what|whats|how|when|where|why|should)\s+(?:u|you|ya|we|i|the|there|it|ur|your)"
    r"|how\s+(?:early|late|long|much|many|far|soon))\b.*$",
    re.IGNORECASE | re.DOTALL)


# A place named before the street ("Kelley Park, 1300 Senter Rd", "Oak Ridge Clubhouse
# 4500 Oak Ridge Dr", "at the Marriott, 301 S Market St"): part of the address, for the
# chef. It was dropped, or taken for the customer's name and replaced theirs.
_VENUE_WORDS = word_set("""
park clubhouse club center centre hall hotel inn resort church school community beach lake
winery vineyard ranch estates apartments apts tower towers plaza pavilion lodge villa manor
gardens garden building office offices campus golf marina library museum restaurant cafe
brewery farm barn hoa venue temple synagogue mosque chapel gym studio rec recreation suites
condos commons terrace retreat cabin
""")
# Also surnames ("Jen Park, 12 Race St" is a contact dump): a place only where the address
# was asked, whose answer leads with no name.
_SURNAME_VENUES = word_set("park hall lake beach")
_VENUE_BEFORE_RE = re.compile(
    r"(?:^|[,;:\n]|(?P<at>\bat\s+(?:the\s+)?))\s*(?P<venue>(?:[Tt]he\s+)?[A-Z][\w'&.-]*(?:\s+[A-Z][\w'&.-]*){0,3})"
    r"\s*[,-]?\s*$")


def venue_before(before: str, *, expecting: str | None = None) -> tuple[str, Span] | None:
    """The place named right before a street address (``before``: the text up to it)."""
    m = _VENUE_BEFORE_RE.search(before)
    if m is None:
        return None
    last = m["venue"].split()[-1].lower().strip(".")
    if not (m["at"] or (last in _VENUE_WORDS and (last not in _SURNAME_VENUES or expecting == "address"))):
        return None
    return m["venue"], m.span("venue")


def find_address(text: str, *, expecting: str | None = None) -> Address | None:
    """Return a street address found by usaddress, kept as the customer wrote it.

    Needs a house number followed by a street name; without an explicit street type
    ("St", "Ave", ...) only when the bot asked for the address.
    """
    if (asked := _QUESTION_AFTER_RE.search(text)) is not None and _STREET_HINT_RE.search(text, 0, asked.start()):
        text = text[: asked.start()] + " " * (len(text) - asked.start())
    unit = _UNIT_FIRST_RE.search(text)
    if unit is None:
        return _find_street(text, expecting)
    found = _find_street(text[: unit.start()] + " " * (unit.end() - unit.start()) + text[unit.end():], expecting)
    if found is None:
        return None
    said = re.sub(r"(?:[\s,-]|\bat\b)+$", "", unit[0])
    return Address(f"{found.text}, {said}", found.span, found.number_span)


def _find_street(text: str, expecting: str | None) -> Address | None:
    hint = _STREET_HINT_RE.search(text)
    if hint is None:
        # Without a street type ("1500 Capitol Mall") only while collecting contact details.
        if expecting not in ("address", "name", "phone", "email", "confirm"):
            return None
        hint = _NUMBER_WORD_RE.search(text)
        if hint is None:
            return None
        said = text[hint.end() - 1 :].split(maxsplit=1)[0].strip(",.;")
        first_word = said.lower()
        if first_word == "the" and (the := _THE_STREET_RE.match(text, hint.start())) is not None:
            # "1200 The Alameda apt 4B": a street named with "the" (no street type; it was
            # "didn't catch that", and the name was asked four times)
            line = the[0].rstrip(" ,.;")
            number = len(line.split()[0])
            return Address(line, (hint.start(), hint.start() + len(line)), (hint.start(), hint.start() + number))
        if first_word in _NOT_STREET_START or _MONTH_BEFORE_RE.search(text[: hint.start()]) or _ASKED_RE.search(text):
            return None  # "is dec 19 a saturday?": the number is a day of the month
        if _NOT_A_HOUSE_NUMBER_RE.search(text[: hint.start()]):
            return None  # "zip is 95112 actually", "budget is $800 max"
        if expecting != "address" and not said[:1].isupper():
            # Asked for something else, a number and a lowercase word is not a street
            # ("we have 3 vegetarians, is that ok?"); "Ana, 1500 Capitol Mall" still is.
            return None
        explicit = False
    else:
        explicit = True
    start = hint.start()
    # What follows the address in the same message is no part of it: "4 Bay St San Jose,
    # and can we add 2 more adults", "… - its the blue house", "… and my email is …"
    # (usaddress read it as the place or a building, and cut or kept it wrongly).
    text = text[: (cut.start() if (cut := _ADDRESS_END_RE.search(text, start)) else len(text))]
    tokens = _tokens_with_offsets(text[start:])
    try:
        tagged: list[tuple[str, Any]] = usaddress.parse(text[start:])
        if tagged and tagged[0][1] != "AddressNumber" and re.match(r"\d\s+[a-z]\s", text[start:], re.I):
            # ("1 g st san jose": usaddress reads a one-digit number before a one-letter
            # street as a unit, and the city was lost) the labels of the same words with a
            # two-digit number
            again = usaddress.parse("1" + text[start:])
            tagged = [(word, label) for (word, _), (_, label) in zip(tagged, again, strict=False)]
    except Exception:  # usaddress raises on odd input; no address then
        return None
    if len(tagged) != len(tokens):  # tokenisation differs: fall back to a plain walk
        tokens = tokens[: len(tagged)]
    labels = [label for _, label in tagged]
    if not labels or labels[0] != "AddressNumber" or "StreetName" not in labels:
        if not explicit:
            return None
        # usaddress misses some street types ("Plaza", "Mall"): keep number…type + city.
        tail = re.match(r"(?:,?\s+[A-Z][a-z]+){0,2}", text[hint.end():])
        line = (hint.group(0) + (tail.group(0) if tail else "")).rstrip(" ,.;")
        return Address(line, (start, start + len(line)), (start, start + len(line.split()[0])))
    # (only the first address's street: "123 Main St, gate code 1234, 2 dogs in the yard")
    second = next((i for i, label in enumerate(labels) if i > 0 and label == "AddressNumber"), len(labels))
    street = [tok.lower().strip(".") for (tok, label) in tagged[:second] if label == "StreetName"]
    if any(w in _NOT_STREET for w in street):
        return None
    end_index = 0
    for i, label in enumerate(labels):
        word = tagged[i][0].lower().strip(",.;")
        prev = tagged[i - 1][0].lower() if i else ""
        # ("300 Del Mar Ave", "77 Rancho Del Mar": "Mar" is no March there)
        if label not in _ADDRESS_PARTS or (i > 1 and word in _ADDRESS_STOP and prev not in _SPANISH_ARTICLES):
            break
        end_index = i
    if end_index >= len(tokens):
        end_index = len(tokens) - 1
    end = start + tokens[end_index][2]
    # Blanked-out spans (a phone, an email) leave runs of spaces: the address ends there.
    # A new line or a new sentence ends it too ("…95124. Want to book 12/20", "…95124\nparty
    # 12/20 3pm"), and a count after a comma is not part of it ("12 Main St, 2 guests …").
    # ("123 Main St, park on the street please": a note after the street is not part of it)
    line = re.split(r"\s{3,}|\s*\n|[.!?;]\s+(?=[a-z]|\d{1,2}\s+[a-z]{2,}s\b)|,\s*(?=no\b)|[.!?]\s+(?=" + _SENTENCE_START + r"\b)"
                    r"|,\s*(?=(?:park|parking|gate|surprise|please|pls|don'?t|dont|we|we're|it'?s|its|i|i'm|my|our"
                    r"|call|text|the\s+gate|gate|door|code|buzz\w*|there'?s|use|ring|knock|beware|\d+\s+dogs?)\b)",
                    text[start:end])[0].rstrip(" ,.;")
    line = re.sub(r"(?:,|(?<!apt)(?<!unit)(?<!ste)(?<!suite)(?<!bldg)(?<!no)\.)\s*\d{1,3}$", "", line, flags=re.I)
    return Address(line, (start, start + len(line)), (start, start + tokens[0][2]))


def find_zip(text: str) -> tuple[str | None, list[Span]]:
    """Return a 5-digit zip ("95112-1234" gives "95112") and the spans of zip-like numbers."""
    cue = _ZIP_CUE_RE.search(text)
    if cue is None and (spaced := _SPACED_ZIP_RE.search(text)) is not None:
        # "zip is 9 5 1 1 2" (voice to text): the five digits (it was "didn't catch that")
        return re.sub(r"\D", "", spaced["zip"]), [spaced.span()]
    matches = list(_ZIP_RE.finditer(text))
    spans = [m.span() for m in matches]
    if len(matches) > 1 and (keep := repaired_choice(text, spans)):
        return matches[keep].group("zip"), spans + ([cue.span()] if cue else [])  # "95112 oops 95125"
    if cue:
        return cue.group("zip"), [*spans, cue.span()]
    if not matches:
        return None, []
    return matches[0].group("zip"), spans


def address_city(address: str) -> str | None:
    """The place written after the street of an address ("500 Main St, Salinas" gives
    "Salinas"; "123 Main St San Jose 95112" gives "San Jose"), None when there is none."""
    address = re.sub(r"\([^)]*\)?", " ", address)  # ("300 Main St (my moms house in Campbell)": an aside)
    ends = list(_STREET_END_RE.finditer(address))
    if ends:
        tail = address[ends[-1].end():]
    elif "," in address:
        tail = address.rsplit(",", 1)[1]
    else:
        return None
    tail = _STATE_ZIP_TAIL_RE.sub("", tail.strip(" ,.")).strip(" ,.")
    if re.match(r"(?:near|by|close\s+to|off|next\s+to|behind|across|around|in\s+front|my|our|the|at)\b", tail, re.I):
        return None  # "300 Main St, near Fremont": no claim that the street is there
    return tail or None


# Someone else named beside a contact detail ("my husband's cell").
SOMEONE_ELSES = re.compile(
    r"\b(?:husband|wife|partner|spouse|hubby|mom|dad|mother|father|sister|brother|friend|son|daughter|assistant)'?s?\b", re.I)
# A number given as the customer's way to be reached, whoever's phone it is: "best number
# is my husbands …", "my husband might answer", "i use it".
_OWN_CONTACT = re.compile(
    r"\b(?:my|me|i'?m|im)\s+(?:number|#|cell|phone)\b|(?<!can't\s)(?<!cannot\s)(?<!cant\s)\b(?:call|text|reach)\s+(?:me|us)\b"
    r"|\bbest\s+(?:number|#|way|contact)\b"
    r"|\bcontact\s+number\b|\bi\s+use\s+it\b|\bmight\s+(?:answer|pick\s+up)\b|\bis\s+best\b", re.I)
_THEIR_NUMBER = re.compile(r"\b(?:her|his|their|(?:call|text|reach|contact)\s+(?:my\s+)?\w+)\b[^.!?;]{0,25}?(?:number|#|cell|phone|digits|\d{3})", re.I)


def second_number(text: str) -> str | None:
    """A second number after the customer's own ("408-555-0142 or my husband Tom
    408-555-0199", "mine is … and my husband's is …"): the words that give it, for a note
    for the chef (it was dropped). None with one number, or the same one twice."""
    _, spans = find_phone(text)
    digits = {re.sub(r"\D", "", text[a:b])[-10:] for a, b in spans}
    if len(digits) < 2:
        return None
    # (the first number's own label is no part of the note: "… (cell) or my husband …")
    rest = re.sub(r"^(?:[\s,;/&+.-]|\b(?:and|or|also|plus)\b|\((?:cell|mobile|home|work|office|mine)\))+", "",
                  text[spans[0][1]:], flags=re.I)
    return rest.strip(" .,") or None


# "408-555-0142 ext 23", "… x105": the extension, at the end of the number's span
_EXTENSION_RE = re.compile(r"\b(?:ext\.?|extension|x)\s*#?\s*(?P<ext>\d{1,6})\s*$", re.I)


def phone_extension(text: str) -> str | None:
    """A note for the extension said with the phone number ("ext 23": it was dropped, and
    the number alone reaches a switchboard), or None."""
    _, spans = find_phone(text)
    if not spans or (m := _EXTENSION_RE.search(text, 0, spans[0][1])) is None or m.start() < spans[0][0]:
        return None
    return f"phone extension {m['ext']}"


def others_number(text: str) -> str | None:
    """The sentence giving someone else's phone number ("her number is …", "on the day
    call my brother Ben …"), or None when the number is the customer's own."""
    for sentence in re.split(r"(?<=[.!?;])\s+|\n+", text):
        if find_phone(sentence)[0] is not None and (
                SOMEONE_ELSES.search(sentence) or _THEIR_NUMBER.search(sentence)) \
                and not _OWN_CONTACT.search(sentence):
            return sentence.strip(" .,")
    return None
