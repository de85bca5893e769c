"""SMS compliance keywords (carrier / CTIA rules, see DOMAIN.md "SMS compliance").

Only a whole message counts: "STOP" opts out, "please stop texting me about X" does not,
and "cancel my booking" is a booking request.
"""

from __future__ import annotations

import re
from typing import Literal

SmsKeyword = Literal["opt_out", "opt_in", "help"]

OPT_OUT_WORDS = frozenset({"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"})
# YES is an opt-in keyword only for a number that is opted out; to anyone else it is an
# ordinary answer, so the caller must check the number's opt-out state first.
OPT_IN_WORDS = frozenset({"START", "UNSTOP", "YES"})
HELP_WORDS = frozenset({"HELP", "INFO"})

# Phones add trailing punctuation and quotes ("Stop.", "STOP!!", '"stop"'); none of these
# change what the customer meant.
_STRIP = " \t\r\n\u00a0.!?,;:'\"`()[]*~-\u2019\u201c\u201d"


def classify_sms_keyword(text: str) -> SmsKeyword | None:
    """Classify a whole SMS as an opt-out, opt-in or help keyword; None otherwise."""
    word = text.strip(_STRIP).upper()
    if word in OPT_OUT_WORDS:
        return "opt_out"
    if word in OPT_IN_WORDS:
        return "opt_in"
    if word in HELP_WORDS:
        return "help"
    return None


# Opt-out said in words ("stop texting me", "please unsubscribe me"): not a keyword (only
# the whole-message words above opt out, DOMAIN.md), but the customer is told the one
# word that does, instead of getting the booking menu.
_OPT_OUT_WISH = re.compile(
    r"^\W*(?:please\s+|pls\s+|plz\s+)?(?:stop|quit|unsubscribe|opt\s+(?:me\s+)?out|remove\s+me|take\s+me\s+off"
    r"|(?:don'?t|do\s+not|dont)\s+(?:text|message|contact|sms)\s+me)"
    r"(?:\s+(?:texting|messaging|contacting|sending|from|off|me|this|your|ur|the|list|number|messages?|msgs?"
    r"|texts?|txts?|anymore|again|all|please|pls|plz|now|thanks|thx|thank\s+you|any\s+more|\w+ing))*"
    # ("please stop messaging me i already booked")
    r"(?:\W+(?:i|we)\s+(?:already|just|have|am|are)\b[^?]*)?\W*$",
    re.I,
)


def wants_opt_out(text: str) -> bool:
    """An opt-out asked for in words ("stop texting me", "remove me from your list")."""
    return classify_sms_keyword(text) is None and bool(_OPT_OUT_WISH.match(text))
