"""A move of a booked party said in words: read once per message.

"push it an hour later", "can we do the day before", "a week later", "could we start at
noon?": whether the message asks for a move at all, and which way when it says so
relative to the booking. The engine decides what to do with it (it knows whether
anything is booked and which slots exist).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.nlu.numbers import fix_verb_typos

# A shift relative to the booking: its day's neighbours, weeks on or back, or its
# next/previous slot. (Week shifts come first: "push it back a week" is no later slot.)
_N = r"(?:a|one|two|three|[1-4])"
_SHIFT = re.compile(
    r"\b(?P<before>the\s+day\s+before|a\s+day\s+earlier)\b|\b(?P<after>the\s+(?:day\s+after|next\s+day)|a\s+day\s+later)\b"
    rf"|\b(?P<week>{_N}\s+weeks?\s+(?:later|after|out|back)"
    rf"|(?:back|(?:push(?:ed)?|delay|bump)\s+(?:it\s+)?(?:back\s+|out\s+)?)\s*(?:by\s+)?{_N}\s+weeks?"
    r"|same\s+(?:time|day)\s+(?:next|the\s+following)\s+week|next\s+week\s+same\s+(?:time|day)"
    r"|the\s+week\s+after(?!\s+(?:the|that|this|christmas|thanksgiving|new|\w+day)\b))\b"
    rf"|\b(?P<weekup>{_N}\s+weeks?\s+(?:earlier|before|sooner)|(?:move|bump)\s+(?:it\s+)?up\s+{_N}\s+weeks?|up\s+{_N}\s+weeks?)\b"
    r"|\b(?P<later>later|push(?:ed)?\s+(?:it\s+)?back)\b|\b(?P<earlier>earlier|move\s+(?:it\s+)?up)\b",
    re.I)
_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3}
# "an hour later", "2 hours earlier": the start moved by so much, not to the next slot.
_HOURS = re.compile(r"\b(?P<n>an?|one|two|three|[1-5])\s+(?:hours?|hrs?)\s+(?P<way>later|earlier|back|up)\b"
                    r"|\b(?:push|move|bump)\s+(?:it\s+)?(?P<way2>back|up)\s+(?P<n2>an?|one|two|three|[1-5])\s+(?:hours?|hrs?)\b", re.I)
# A move asked for in so many words ("can i get a reminder the day before?" is none).
_VERB = re.compile(
    r"\b(?:move|moving|switch|swap|change|push|bump|shift|delay|postpone|reschedul\w*|instead|do\s+it|have\s+it|make\s+it"
    r"|be\s+(?:moved|pushed|changed|switched|bumped|shifted)"  # ("can my booking be moved 2 hours later")
    r"|(?:can|could)\s+(?:we|i|u|you)\s+(?:do|have|make|switch|move|go)|same\s+(?:time|day)\s+(?:next|the\s+following)\s+week"
    r"|next\s+week\s+same\s+(?:time|day))\b"
    # ("could we do a tasting a week before?", "can i make the final payment a day later?")
    # ("move the december one a week later": the booking named)
    r"(?!\s+(?:a|an|the|our|my|that|this)\b(?!\s+(?:(?:[a-z0-9]+\s+)?(?:party|booking|event|dinner|reservation|one)"
    r"|hibachi|date|day|time|week)\b))",
    re.I)
# "later"/"earlier" about the start itself ("can i pay the rest later?" is no move).
_START = re.compile(
    r"\b(?:push|move|bump|shift|be\s+(?:pushed|moved|bumped|shifted))\s+(?:it|the\s+(?:party|time|start|booking|dinner))?\s*(?:a\s+(?:bit|little)\s+)?"
    r"(?:back|up|later|earlier|an?\s+hour|\w+\s+hours?)"
    # ("push back the dessert" moves the dessert)
    r"(?!\s+(?:the|our|my)\s+(?!party|time|start|booking|dinner|event|reservation|date)\w+)"
    # ("can the chef come earlier to set up", "can we eat later, after cake": not the start)
    r"|\b(?:start|do\s+it|make\s+it|have\s+it|begin)\s+(?:a\s+(?:bit|little)\s+|(?:an?|\w+)\s+hours?\s+)?(?:later|earlier)\b"
    r"(?!\s+(?:in\s+the\s+(?:year|month|week|season|spring|summer|fall|winter)|this\s+(?:year|month)|next\s+(?:year|month)))"
    r"|\b(?:a\s+)?(?:later|earlier)\s+(?:time|start|slot)\b"
    # "same day but later", "later that day pls", "earlier in the day"
    r"|\bsame\s+day\b[^.?!]{0,12}?\b(?:later|earlier)\b|\b(?:later|earlier)\s+(?:that|the\s+same|in\s+the)\s+day\b",
    re.I)
# Wording of a move rather than of a question about the day: "swap to the 13th", "3pm
# would work better", "could we start at noon".
_CUE = re.compile(
    r"\b(?:move|moving|switch|swap|change|push|bump|shift|delay|postpone|instead|rather|earlier|later|prefer"
    r"|works?\s+better|would\s+work|start\s+at|do\s+it\s+(?:at|on)|make\s+it"
    r"|(?:would|will)\s+be\s+better|suits?\s+(?:us\s+|me\s+)?better"  # ("the 27th at 3 would be better")
    r"|(?:can|could)\s+(?:we|i|u|you)\s+(?:do|have|get|make)|what\s+about|how\s+about|let'?s\s+(?:do|go|make)"
    r"|same\s+(?:time|day)\s+(?:next|the\s+following)\s+week|next\s+week\s+same\s+(?:time|day)|the\s+week\s+after)\b",
    re.I,
)
@dataclass(frozen=True, slots=True)
class MoveWords:
    """What a message says about moving a booking."""

    shift: str | None  # "before" | "after" | "week" | "weekup" | "later" | "earlier"
    weeks: int  # how many weeks a week shift moves (1 for "a week later")
    hours: int  # the start moved by so many hours ("an hour later": 1, "2 hrs earlier": -2); 0 if not said
    verb: bool  # a move asked in so many words ("move", "can we do", "instead")
    start: bool  # "later"/"earlier" is about the start time
    cue: bool  # worded as a move rather than as a question about the day

    @property
    def days(self) -> int | None:
        """Days from the booked day: -1 "the day before", 1 "the next day", 7 "a week later"."""
        if self.shift in ("week", "weekup"):
            return 7 * self.weeks * (1 if self.shift == "week" else -1)
        return {"before": -1, "after": 1}.get(self.shift or "")

    @property
    def neighbour_day(self) -> int | None:
        """-1 or 1 for "the day before" / "the next day" (not a week on)."""
        return self.days if self.shift in ("before", "after") else None

    @property
    def asks_relative_move(self) -> bool:
        """"push it an hour later", "can we do it a week later": a move said relative to
        the booking, asked for (a day shift needs a move verb; later/earlier must be about
        the start)."""
        if not (self.shift and self.cue):
            return False
        return (self.days is not None and self.verb) or self.start


@lru_cache(maxsize=16)
def read_move(text: str) -> MoveWords:
    """The move words of ``text`` (cached: several readers of a turn ask)."""
    text = fix_verb_typos(text)
    m = _SHIFT.search(text)
    shift = next((k for k, v in m.groupdict().items() if v), None) if m else None
    weeks = 1
    if m and shift in ("week", "weekup") and (w := re.search(r"\b(two|three|[1-4])\s+weeks?", m[0], re.I)):
        weeks = _COUNT.get(w[1].lower()) or int(w[1])
    hours = 0
    if h := _HOURS.search(text):
        n, way = str(h["n"] or h["n2"]).lower(), str(h["way"] or h["way2"]).lower()
        hours = (_COUNT.get(n) or (1 if n == "an" else int(n))) * (1 if way in ("later", "back") else -1)
    return MoveWords(shift, weeks, hours, bool(_VERB.search(text)), bool(_START.search(text)), bool(_CUE.search(text)))
