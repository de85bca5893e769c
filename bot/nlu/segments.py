"""The questions inside a longer message.

"price for 15 adults 2 kids at 95125? also is the tip included" is a quote request and a
question; "how much for 20 people in 95112 and do you bring the plates?" too. The FAQ
matches a question much better on its own than buried in facts, so the engine asks it
about each question clause separately (pure text work, no I/O).
"""

from __future__ import annotations

import re

_QWORDS = (
    r"what|whats|what's|wat|wats|wut|how|hw|do|does|did|can|could|is|are|will|would|should|where|when"
    r"|who|why|which|any|r|y'all"
)
# Sentence ends, line breaks, semicolons and discourse connectors start a new clause.
_SPLIT_RE = re.compile(
    r"(?<=[?!])\s*|(?<=\.)\s+|\n+|;\s*"
    r"|[,\s]+(?=(?:also|btw|by\s+the\s+way|oh\s+and|and\s+also|one\s+more\s+thing"
    r"|quick\s+q(?:uestion)?|question)\b)"
    # "10 adults 95112 how long does the show last", "6pm do u bring ur own grill", "jo@x.com
    # do i need to pay the deposit now?", "dec 19 wat if it rains": a question right after
    # the facts (it was read as part of them, and never answered)
    r"|(?:(?<=\d)|(?<=pm)|(?<=am)|(?<=\.com)|(?<=\.net)|(?<=\.org)|(?<=\.edu)"
    r"|(?<=\bst)|(?<=\bave)|(?<=\brd)|(?<=\bdr)|(?<=\bln)|(?<=\bblvd)|(?<=\bct)|(?<=\bway))"
    r"\s+(?=(?:how|hw|what|wat|whats|wats|do|does|can|could|is|are|will|would)"
    r"\s+(?:long|you|u|ya|we|i|the|there|it|your|ur|if|cleanup|gratuity|tips?|travel|deposit|payment)\b)"
    # "123 main st — can the chef set up in the garage?": a dash before a question
    r"|\s+[-–—]+\s+(?=(?:how|hw|what|wat|whats|wats|do|does|can|could|is|are|will|would|when|where|why)\b)"
    # "yes do u take venmo": a yes, then a question
    r"|(?:(?<=^yes)|(?<=^yeah)|(?<=^yep)|(?<=^yup)|(?<=^ok)|(?<=^okay)|(?<=^sure))\s+"
    r"(?=(?:do|does|can|could|is|are|will|would|what|whats|how|when)\s+(?:you|u|ya|we|i|the|there|it|your|ur)\b)"
    # "we have 12 adults, do you bring plates": a question after a comma
    r"|,\s*(?=(?:do|does|can|could|will|would|is|are)\s+(?:you|u|ya|y'all|we|i|it|the|there|your|ur|they)\b"
    # "dec 19, how long does it last?"
    r"|(?:how|what|whats|what's|when|where|why|which)\s+(?:long|much|many|is|are|do|does|time|kind|happens)\s+\w)"
    rf"|,?\s+(?:and|&|but)\s+(?=(?:{_QWORDS})\s+(?:(?:do|does|can|is|are|will|would|should)\s+)?"
    r"(?:you|u|ya|y'all|we|i|it|the|there|your|that"
    r"|this|they|he|she|kids?|a|an)\b"
    # "whats included and how much per kid", "how much and what's included?"
    r"|how\s+(?:much|many|long|far|early|late|soon)\b|(?:what'?s|whats|what\s+is)\s+(?:included|in\s+it)\b)",
    re.IGNORECASE,
)
_LEAD_RE = re.compile(
    r"^\W*(?:(?:also|btw|by\s+the\s+way|oh|and|so|ok|okay|wait|hey|hi|um+|hmm+|lol|quick"
    r"\s+q(?:uestion)?|question|one\s+more\s+thing|another\s+thing|plus"
    r"|(?:\d|two|three|a\s+few|a\s+couple(?:\s+of)?)\s+(?:quick\s+)?(?:questions|qs|ques|things))\b[\s,:!-]*)+",
    re.IGNORECASE,
)
_QUESTION_START_RE = re.compile(rf"^(?:{_QWORDS})\b", re.IGNORECASE)


def _is_question(clause: str) -> bool:
    return clause.rstrip().endswith("?") or bool(_QUESTION_START_RE.match(clause))


def clauses(text: str) -> list[str]:
    """``text`` split into clauses, each without its lead-in filler ("also", "btw")."""
    out = []
    for part in _SPLIT_RE.split(text):
        clause = _LEAD_RE.sub("", part or "").strip(" ,")
        if clause:
            out.append(clause)
    return out


# "is that ok?", "can you do that?": a question about what was just said.
# "my sister is vegan, is there anything she can eat?": about someone just named.
# ("if it rains": the weather's "it", about nothing said before)
_ANAPHORIC_RE = re.compile(r"\b(?:that|this|it(?!\s+(?:rains?|snows?|storms?|pours?|'?s\s+raining))|those|these|she|he"
                           r"|her|him|they|them)\b", re.IGNORECASE)


def question_clauses(text: str) -> list[str]:
    """The clauses of ``text`` that ask something (a "?" or a question word first). A short
    question about the clause before it ("my son has a nut allergy. is that ok?") is asked
    with that clause: alone, "is that ok?" matched the FAQ's "can we have alcohol?"."""
    parts = clauses(text)
    out = []
    for i, c in enumerate(parts):
        if not (_is_question(c) and len(c.split()) >= 2):
            continue
        # (not after bare facts: "dec 19, how long does it last?" asks about the party)
        if i and len(c.split()) <= 7 and _ANAPHORIC_RE.search(c) and not _is_question(parts[i - 1]) \
                and len(parts[i - 1].split()) >= 3:
            c = f"{parts[i - 1]}. {c}"
        out.append(c)
    return out
