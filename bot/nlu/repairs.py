"""Self-repairs inside one message: "15 adults, no wait 16", "6pm oh wait no 3pm".

People correct themselves mid-text. A repair marker ("no wait", "scratch that",
"cancel that", "actually", "I mean", "make that", "sorry", "oops") followed *immediately* by a fact
takes back the same kind of fact said just before it:

- a bare number replaces the last number before the marker, keeping that number's
  noun or cue ("20 ppl, actually make that 22" → 22 people; "at 6, no 7" → at 7);
- a fact with its own kind ("5 kids", "3pm", "dec 13", "17 adults") blanks the last
  fact of that kind before the marker.

A marker with nothing before it ("actually noon is better") or not followed by a fact
("actually we have no kids") changes nothing: those are corrections across turns, which
the dialogue engine handles by overwriting slots. Works on normalised text (number
words are digits) before dates, times and counts are read.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.nlu.dates import find_date
from bot.nlu.guests import ADULT_WORDS, GUEST_WORDS, KID_WORDS
from bot.nlu.spans import blank
from bot.nlu.times import find_time

# "cancel that" between facts of one message takes back the facts before it ("10 adults dec
# 19 6pm, cancel that, dec 20 3pm"): a repair marker, not a cancel of the party. Something
# is said before it, and a number comes within three words after it.
CANCEL_THAT = re.compile(
    r"(?<=\w)\s*[,.;]?\s*\b(?:cancel|nvm|never\s*mind)\s+that\s*[,.;:!-]+(?=\s*(?:\w+\s+){0,3}\d)", re.I)
_MARKER_RE = re.compile(
    r"(?:\b(?:oh\s+)?(?:no+\s*,?\s*)?wait(?:\s*,?\s*no+)?\b|\bscratch\s+that\b|\bactually\b"
    r"|\b(?:cancel|nvm|never\s*mind)\s+that\b"
    r"|\bi\s+mean[t]?\b|\bsorry\b|\boops\b|\bcorrection\b|\bor\s+rather\b|\bmy\s+bad\b"
    r"|\bmake\s+(?:it|that)\b|\b(?:no|nope)\s*,|\b(?:no|nope)\b(?=\s+\d))"
)
# What may sit between the marker and the replacing fact.
_LEAD_RE = re.compile(
    r"(?:[\s,.;:!\-–—…]|\bmake\s+(?:it|that)\b|\bit'?s\b|\bit\s+(?:is|will\s+be|should\s+be)\b"
    r"|\b(?:more\s+)?like\b|\bi\s+mean[t]?\b|\bshould\s+be\b|\bmore\b|\bprob(?:ably)?\b"
    r"|\bno+\b(?=\s*\d))*"
)
_NUM_RE = re.compile(r"(?<![\d:/$.])\d{1,4}(?![\d:/])")
_PARTY_FILLER = r"(?:\s+(?:more|other|extra|little|small|young|grown|hungry|total))*"
_KINDS: dict[str, re.Pattern[str]] = {
    "kids": re.compile(rf"\b\d{{1,4}}{_PARTY_FILLER}\s*(?:{KID_WORDS})\b"),
    "adults": re.compile(rf"\b\d{{1,4}}{_PARTY_FILLER}\s*(?:{ADULT_WORDS})\b"),
    "guests": re.compile(rf"\b\d{{1,4}}{_PARTY_FILLER}\s*(?:{GUEST_WORDS})\b"),
}
# A number followed by one of these is a fact of its own kind, not a bare number.
_NOT_BARE_RE = re.compile(
    rf"\s*(?:{_PARTY_FILLER}\s*(?:{ADULT_WORDS}|{KID_WORDS}|{GUEST_WORDS})\b|a\.?m\b|p\.?m\b"
    r"|:\d\d|st\b|nd\b|rd\b|th\b|/|o'?clock)"
)


def _kind_at_start(segment: str, today: dt.date) -> tuple[str, tuple[int, int]] | None:
    """The kind of fact ``segment`` starts with (after lead-in words) and its span."""
    lead = _LEAD_RE.match(segment)
    start = lead.end() if lead else 0
    rest = segment[start:]
    for kind, rx in _KINDS.items():
        m = rx.match(rest)
        if m:
            return kind, (start + m.start(), start + m.end())
    _, tspans = find_time(rest)
    if tspans and min(s for s, _ in tspans) <= 1:
        return "time", (start, start + max(e for _, e in tspans))
    _, dspans = find_date(rest, today)
    if dspans and min(s for s, _ in dspans) <= 1:
        return "date", (start, start + max(e for _, e in dspans))
    m = _NUM_RE.match(rest)
    if m and not _NOT_BARE_RE.match(rest[m.end():]):
        return "number", (start + m.start(), start + m.end())
    return None


def _last_of_kind(prefix: str, kind: str, today: dt.date) -> tuple[int, int] | None:
    if kind in _KINDS:
        found = list(_KINDS[kind].finditer(prefix))
        return found[-1].span() if found else None
    if kind == "time":
        _, spans = find_time(prefix)
        return max(spans) if spans else None
    if kind == "date":
        _, spans = find_date(prefix, today)
        return max(spans) if spans else None
    found = list(_NUM_RE.finditer(prefix))
    return found[-1].span() if found else None


# The marker after the new number: "12 adults, 14 actually", "12 adults (14 actually)".
_TRAILING_RE = re.compile(r"(?<![\d:/$.])(\d{1,3})\s*\)?\s*,?\s*(?:actually|i\s+mean[t]?)\b")


def _trailing_repairs(norm: str) -> str:
    """A bare number right before a marker replaces the count said just before it (only
    a count, and only with no other number between them)."""
    pos = 0
    while (m := _TRAILING_RE.search(norm, pos)) is not None:
        pos = m.end()
        counts = [c for rx in _KINDS.values() for c in rx.finditer(norm, 0, m.start())]
        if not counts:
            continue
        last = max(counts, key=lambda c: c.end())
        digits = re.match(r"\d+", norm[last.start():])
        if digits is None or _NUM_RE.search(norm, last.end(), m.start()):
            continue
        old_end = last.start() + digits.end()
        norm = norm[: last.start()] + m[1] + norm[old_end: m.start()] + " " + norm[m.end():]
        pos = last.start() + len(m[1])
    return norm


def apply_repairs(norm: str, today: dt.date) -> str:
    """``norm`` with every fact the customer took back in the same message removed."""
    norm = _trailing_repairs(norm)
    pos = 0
    while True:
        marker = _MARKER_RE.search(norm, pos)
        if marker is None:
            return norm
        pos = marker.end()
        prefix = norm[: marker.start()]
        if not prefix.strip():
            continue
        fact = _kind_at_start(norm[marker.end():], today)
        if fact is None:
            continue
        kind, (fs, fe) = fact
        old = _last_of_kind(prefix, kind, today)
        if old is None:
            continue
        new_start, new_end = marker.end() + fs, marker.end() + fe
        if kind == "number":
            # The new number takes the old one's place, so it keeps the old noun or cue.
            number = norm[new_start:new_end]
            norm = (norm[: old[0]] + number + norm[old[1] : marker.start()] + " "
                    + norm[new_end:])
            pos = old[0] + len(number)
        else:
            norm = blank(norm, [old, (marker.start(), marker.end())])
            # "dec 19 6pm, scratch that, dec 20 3pm": the facts right after the first one
            # replace theirs too (the 6pm stayed)
            end, seen = new_end, {kind}
            while (more := _kind_at_start(norm[end:], today)) is not None and more[0] not in seen | {"number"}:
                seen.add(more[0])
                if (older := _last_of_kind(norm[: marker.start()], more[0], today)) is not None:
                    norm = blank(norm, [older])
                end += more[1][1]


def repaired_choice(text: str, spans: list[tuple[int, int]]) -> int:
    """Index of the value to keep among several (e.g. zips) found at ``spans`` in order:
    the one after the last repair marker that follows another value, else the first."""
    keep = 0
    for i in range(1, len(spans)):
        between = text[spans[i - 1][1] : spans[i][0]].lower()
        if re.fullmatch(r"\W*(?:and\s+)?not\W*", between):
            keep = i - 1  # "95126 not 95112"
        elif _MARKER_RE.search(between):
            keep = i
    return keep
