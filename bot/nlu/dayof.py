"""News about a booked party on or near its day, for a person: the customer running late
or not ready, something missing at the party, or the chef's own number asked for.

"we're running 20 min behind, can chef wait" was "didn't catch that"; "hi the chef forgot
the rice" got the sales greeting; "can i get the chef's phone number" started a second
party. The chef being late or not coming is a complaint (bot/nlu/intents.py).
"""

from __future__ import annotations

import re

# (not "late getting back to you", "late on the deposit", "running late on the headcount")
_NOT_ARRIVAL = r"(?!\s+(?:getting\s+back|to\s+(?:reply|respond|pay)|on\s+(?:the|my|our|paying)|with|in\s+(?:paying|replying)|paying|replying|responding|for\s+the\s+deposit))"
_RUNNING_LATE = re.compile(
    r"\b(?:we'?re|were|we\s+are|i'?m|im|i\s+am|we'?ll\s+be|we\s+will\s+be|(?:gonna|going\s+to)\s+be)\s+"
    r"(?:(?:a\s+(?:bit|little)|\d+\s*(?:min|mins|minutes|hr|hrs|hour|hours)|so|super|kinda)\s+)?(?:running\s+)?(?:late|behind)\b"
    + _NOT_ARRIVAL +
    r"|(?<!he's\s)(?<!she's\s)(?<!chef\s)(?<!hes\s)(?<!shes\s)\brunning\s+(?:a\s+(?:bit|little)\s+|\d+\s*(?:min|mins|minutes)\s+)?(?:late|behind)\b"
    + _NOT_ARRIVAL +
    r"|\b(?:tell|ask)\s+(?:the\s+)?chef\s+to\s+wait\b|\bcan\s+(?:the\s+)?chef\s+wait\b|\bstuck\s+in\s+traffic\b"
    r"|\b(?:we'?re|were|we\s+are)\s+not\s+(?:home|ready|back)\s+yet\b(?!\s+(?:with|on|for))|\bchef\s+is\s+(?:here\s+)?(?:too\s+)?early\b",
    re.IGNORECASE,
)
_MISSING = re.compile(
    # ("my wife said she forgot to tell u", "you forgot my kids in the count": not the chef's kit)
    r"\b(?:chef|cook|he)\s+(?:\w+\s+)?(?:forgot|didn'?t\s+bring|did\s+not\s+bring|ran\s+out\s+of|never\s+brought)\b"
    r"(?!\s+to\s+(?:tell|mention|say|ask))",
    re.IGNORECASE,
)
_CHEF_CONTACT = re.compile(
    r"\bchef'?s\s+(?:phone|number|cell|contact|#)|\b(?:phone|number|cell|contact)\s+(?:for|of)\s+(?:the|my|our)\s+chef\b"
    r"|\b(?:call|text|reach|contact)\s+(?:the|my|our)\s+chef\s+(?:directly|myself)\b",
    re.IGNORECASE,
)


def day_of_news(text: str) -> str | None:
    """``"running_late"``, ``"complaint"`` (something missing) or ``"chef_contact"``: what
    a person should handle now; None when the message is none of these."""
    if _CHEF_CONTACT.search(text) and len(re.findall(r"\d", text)) < 7:  # ("my number for the chef is …")
        return "chef_contact"
    if re.search(r"\bif\b|\?", text, re.I):
        return None  # ("what if we are late?", "what happens when we're running late?": the FAQ)
    if _MISSING.search(text):
        return "complaint"
    if _RUNNING_LATE.search(text) and not re.search(r"\b(?:chef|cook)(?:'s|\s+is)\s+(?:running\s+)?late\b", text, re.I):
        return "running_late"
    return None
