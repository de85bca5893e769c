"""Whether a cancel word in a message asks to cancel the party.

"cancel my booking", "we need to cancel", "cancel the 20th" do; "cancel the reminder
texts", "we're cancelling the bounce house", "no need to cancel anything", "i was going to
cancel but decided not to" and "she'd cancel the party if it rains lol" do not. A cancel
of the booking is asked back before it is made, but one "yes" to a question the customer
never meant would still cancel it.
"""

from __future__ import annotations

import re

from bot.nlu.notes import DISHES
from bot.nlu.repairs import CANCEL_THAT

_CANCEL_WORD = re.compile(r"\b(?:cancel+(?:ing|ed|s)?|call(?:ing)?\s+(?:it\s+)?off)\b", re.I)
# Something other than the party, named right after the cancel word ("cancel the reminder
# texts", "our dj", "that last message", "the rice for the kids", "our saturday plans").
_OTHER = re.compile(
    r"^\s*(?:(?:the|my|our|this|that|a|an|any|all|those|these|your)\s+)?(?:[\w'-]+\s+){0,2}?"
    r"(?:reminders?|texts?|messages?|emails?|e-mails?|notifications?|alerts?|subscriptions?|newsletters?|marketing|calls?"
    r"|dj|band|photographer|bounce\s+house|rentals?|tent|uber|lyft|flights?|hotel|trip|vacation|plans|practice|game|class"
    r"|cake|florist|venue\s+rental|order\s+(?:for|of)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:" + DISHES + r")|" + DISHES + r")\b",
    re.I,
)
# Said of it, not asked: negated, reported, wished away or hypothetical.
_NOT_ASKED_BEFORE = re.compile(
    r"(?:\b(?:no\s+need\s+to|not|don'?t|dont|didn'?t|won'?t|never|was\s+going\s+to|were\s+going\s+to|almost|nearly"
    # "i dont want to cancel, just checking the refund policy"
    r"|(?:don'?t|dont|do\s+not|didn'?t|not\s+trying\s+to)\s+(?:want|need|wanna|plan|mean)(?:\s+to)?"
    r"|would(?:n'?t)?|'d|if\s+(?:\w+\s+){0,3}(?:have\s+to|need\s+to|must|could|want\s+to)?|might|may)\s+)$",
    re.I,
)
_NOT_ASKED_AFTER = re.compile(r"^\s*(?:is|was|isn'?t|wasn'?t)\s+(?:not\s+)?(?:an?\s+)?(?:option|happening|needed)\b", re.I)


def cancels_the_booking(text: str) -> bool:
    """Whether some cancel word in ``text`` asks to cancel the party (a message without
    one is False)."""
    repairs = [r.span() for r in CANCEL_THAT.finditer(text)]
    for m in _CANCEL_WORD.finditer(text):
        if any(s <= m.start() < e for s, e in repairs):
            continue  # "dec 19 6pm, cancel that, dec 20 3pm": the facts taken back
        before, after = text[max(0, m.start() - 40):m.start()], text[m.end():]
        if _NOT_ASKED_BEFORE.search(before) or _NOT_ASKED_AFTER.match(after):
            continue
        if not _OTHER.match(after):
            return True
    return False


def mentions_cancel(text: str) -> bool:
    """Whether ``text`` has a cancel word at all."""
    return _CANCEL_WORD.search(text) is not None
