"""Questions about something else that happen to name a day.

"whats the weather tomorrow" holds a date, and a date alone reads as a booking fact;
but the question is about the weather. What is left once the day and time are taken
out decides: "what about june 3?" leaves nothing but filler (a booking step), "any good
movies this weekend?" leaves a subject that is not ours.
"""

from __future__ import annotations

import datetime as dt
import re

from bot.nlu.dates import find_date
from bot.nlu.intents import mentions_us
from bot.nlu.numbers import normalize
from bot.nlu.spans import blank, word_set
from bot.nlu.times import find_time

# Words that carry no subject of their own around a day: question words, auxiliaries,
# articles, fillers and the answers people give about a day ("is that ok?").
_FILLER = word_set(
    "what whats what's how hows how's when where which who why is are was were be will would "
    "could can should do does did about the a an on at in for of to this that it its it's "
    "and or so ok okay fine good work works free open available any anything there then "
    "please pls plz hi hey hello um also again still instead maybe possible same day night "
    "morning afternoon evening week weekend th st nd rd we us our i me my it's let's lets "
    # day words a date finder may leave beside the span it took ("sat the 14th")
    "mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday "
    "saturday sunday jan feb mar apr may jun jul aug sep sept oct nov dec next last this"
)


# Domain words that only say when: they name no subject of ours on their own.
_WHEN_WORDS = word_set("time times date dates day days night nights slot slots spot spots")


def asks_about_something_else(text: str, today: dt.date) -> bool:
    """True when a question names a day but its subject is neither ours nor filler.

    The caller has already seen that the message is a question and that it holds no
    guest count, zip, address or contact; a message that speaks to us ("do you have
    anything dec 12") or of what we sell is never an aside.
    """
    norm = normalize(text)
    _, date_spans = find_date(norm, today)
    rest = blank(norm, date_spans)
    _, time_spans = find_time(rest)
    rest = blank(rest, time_spans)
    # "time" and "day" are ours in "what time do you arrive" but not in "what time does
    # the bank open tomorrow": only the words beside them decide.
    words = [w for w in re.findall(r"[a-z][a-z']*", rest) if w not in _FILLER | _WHEN_WORDS]
    return bool(words) and not mentions_us(" ".join(words))
