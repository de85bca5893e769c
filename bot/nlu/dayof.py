"""News about a booked party on or near its day, for a person: the customer running late
or not ready, something missing at the party, or the chef's own number asked for.

"we're running 20 min behind, can chef wait" was "didn't catch that"; "hi the chef forgot
the rice" got the sales greeting; "can i get the chef's phone number" started a second
party. The chef being late or not coming is a complaint (bot/nlu/intents.py).
"""

from __future__ import annotations

import re

_RUNNING_LATE = re.compile(
    r"\b(?:we'?re|were|we\s+are|i'?m|im|i\s+am|we'?ll\s+be|we\s+will\s+be|(?:gonna|going\s+to)\s+be)\s+"
    r"(?:(?:a\s+(?:bit|little)|\d+\s*(?:min|mins|minutes|hr|hrs|hour|hours)|so|super|kinda)\s+)?(?:running\s+)?(?:late|behind)\b"
    r"|\brunning\s+(?:a\s+(?:bit|little)\s+|\d+\s*(?:min|mins|minutes)\s+)?(?:late|behind)\b(?<!chef\s\w{7}\slate)"
    r"|\b(?:tell|ask)\s+(?:the\s+)?chef\s+to\s+wait\b|\bcan\s+(?:the\s+)?chef\s+wait\b|\bstuck\s+in\s+traffic\b"
    r"|\b(?:we'?re|were|we\s+are)\s+not\s+(?:home|ready|back)\s+yet\b|\bchef\s+is\s+(?:here\s+)?(?:too\s+)?early\b",
    re.IGNORECASE,
)
_MISSING = re.compile(
    r"\b(?:chef|he|she|they|you|u)\s+(?:\w+\s+)?(?:forgot|didn'?t\s+bring|did\s+not\s+bring|ran\s+out\s+of|never\s+brought)\b",
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
    if re.search(r"\bif\b", text, re.I):
        return None  # ("what if we are late?": the policy, for the FAQ)
    if _CHEF_CONTACT.search(text):
        return "chef_contact"
    if _MISSING.search(text):
        return "complaint"
    if _RUNNING_LATE.search(text) and not re.search(r"\b(?:chef|cook)(?:'s|\s+is)\s+(?:running\s+)?late\b", text, re.I):
        return "running_late"
    return None
