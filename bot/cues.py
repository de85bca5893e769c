"""The words the dialogue listens for: cues ("instead", "cancel", "yes but"), the
questions it answers from the booking core, and the small readers over them. Each is a
compiled pattern or a pure function of the text, so the engine's steps stay about what
to do, not how a message says it.
"""

from __future__ import annotations

import re
from datetime import time

from bot import templates as t
from bot.nlu import Entities
from bot.nlu.asks import AREA_QUESTION
from bot.nlu.cancels import cancels_the_booking
from bot.nlu.entities import RULED_OUT
from bot.nlu.intents import MOVE_PLACE, QUESTION_LEAD_IN, WANT_TO_CANCEL
from bot.nlu.notes import DISHES
from core.models import Booking

BUTTON_INTENTS = {
    t.B_QUOTE: "quote",
    t.B_BOOK: "book",
    t.B_BOOK_IT: "book",
    t.B_QUESTION: "ask_question",
    t.B_CONFIRM: "affirm",
    t.B_CHANGE: "deny",
    t.B_PERSON: "human",
    t.B_YES_CANCEL: "affirm",
    t.B_KEEP: "deny",
    t.B_YES_CHANGE: "affirm",
    t.B_YES_MOVE: "affirm",
    t.B_SKIP: "skip",
    t.B_CHANGE_DAY: "inform",
    t.B_CHANGE_GUESTS: "inform",
    t.B_CHANGE_ADDRESS: "inform",
}
SKIP = re.compile(r"^\s*(skip|no|nope|no thanks|none|n/?a|no email|don'?t have one|pass)\W*$", re.I)
# A reply to "what's your email?" that declines: "nah dont have one", "no I'd rather not".
DECLINE = re.compile(
    r"^\W*(?:nah+|no+|nope|naw|skip|pass|none|n/?a)\b(?![^\w]*(?:wait|actually))"
    r"|\b(?:don'?t|dont|do\s+not)\s+(?:have|use|need)\s+(?:one|an?\s+e-?mail|e-?mail|electronic\s+mail)"
    r"|\b(?:have|got)\s+no\s+(?:e-?mail|electronic\s+mail)\b"  # ("I have no electronic mail.")
    r"|\brather\s+not\b",
    re.I,
)
# Intents a question clause can have and still be one for the FAQ.
FAQ_CLAUSE_INTENTS = {"faq", "unknown", "inform", "greeting", "thanks"}
CANCEL = re.compile(
    rf"{WANT_TO_CANCEL.pattern}|\bcancel\W*$|^\W*(?:pls |please )?cancel\b|\b(?:cancel+(?:ing)?|call(?:ing)? off)\s+(?:my|our|the|this|that|it|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|booking|party|event|reservation|order)\b",
    re.I,
)
# Strong negative sentiment goes to a person, whatever else the message says.
ANGRY = re.compile(
    r"\b(useless|stupid|terrible|awful|worst|hate|ridiculous|scam|wtf|garbage|sucks|pathetic|"
    r"f\*+\w*|fuck\w*|shit\w*|damn)\b",
    re.I,
)
PEOPLE_WORD = r"\s*(?:adults?|kids?|people|guests?|ppl|persons?)\b"
# "-2 adults", "1000000 adults", "2.5 kids"
BAD_COUNT = re.compile(
    rf"(?:^|[\s,(])-\d+{PEOPLE_WORD}|\b\d{{5,}}{PEOPLE_WORD}|\b\d+\.\d+{PEOPLE_WORD}",
    re.I,
)
RESCHEDULE = re.compile(
    rf"\b(re-?schedul\w*|postpone|move (?:it|(?:our|my|the) (?:booking|reservation|party|event|date|day|time|dinner|hibachi))\b"
    rf"(?!(?:\s+to)?{MOVE_PLACE})|move (?:it )?again\b"
    # "can we move to dec 27", "move to the 27th same time"
    r"|move (?:it )?to (?:the \d|\d|next|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*)"
    r"|push (?:it |our |the )?(?:party |event )?back(?! (?:the|our|my) (?!party|event|booking|date|time|reservation|dinner)\w)|change (?:the|our|my) (?:date|day|time)"
    # "change our party from 6pm to 3pm" (a new time or day after "to", not "to 12 adults")
    r"|(?:change|switch) (?:the|our|my) (?:party|booking|event|reservation) (?:from [^,.!?]{1,20} )?to "
    r"(?:\d{1,2}(?::\d\d)?\s*(?:am|pm)|noon|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|the \d))",
    re.I,
)
# Asking to change the party of a booking already made (looked up only when these match).
PARTY_CHANGE = re.compile(
    r"\b(?:change|update|adjust|modify|fix|lower|raise|increase|decrease|reduce)\s+(?:the\s+|our\s+|my\s+)?"
    r"(?:number\s+of\s+(?:guests|people|adults|kids|children)|guest\s+count|head\s*count|party\s+size)\b",
    re.I,
)
# Words that make a guest count a change to a booking: "make it 12 adults instead".
CHANGE_CUE = re.compile(
    r"\b(?:make\s+it|instead|now|actually|change\s+of\s+plans?|(?:change|switch|bump|update|increase|raise|lower|decrease|reduce)\s+"
    r"(?:it\s+|that\s+|us\s+|(?:the|our|my)\s+(?:party|group|booking|reservation|count|headcount|number)\s+)?(?:up\s+|down\s+)?to"
    r"|add|adding|more|fewer|less"
    r"|remove|minus|drop|another|extra|update)\b"
    r"|\b(?:can|could)\s+(?:we|i)\s+(?:do|have|make\s+it|change\s+it\s+to)\s+\d"  # "can we do 12 adults and 0 kids"
    # "is it ok if we go down to 9 adults" (a new party's quote was started)
    r"|\b(?:go|went|come|are)\s+(?:down|up)\s+to\s+\d",
    re.I,
)
# A dish or upgrade counted by guests ("add the filet upgrade for 2 ppl"): no party change.
# (Only what is ordered per guest: "2 more adults, do you have enough chicken?" is a change.)
MENU_ITEM = re.compile(r"\b(?:upgrades?|filet|mignon|lobster|scallops?|protein|plates?|portions?|servings?)\b", re.I)
# A contact detail of the booking changed: "can i change my email to …", "my new number is …".
CONTACT_CHANGE = re.compile(
    r"\b(?:change|update|switch|use|new|different|correct|wrong|add)\b.{0,30}\b(?:e-?mail|number|phone|cell|contact)\b"
    r"|\b(?:e-?mail|number|phone|cell)\s+(?:is\s+now|changed|has\s+changed)\b", re.I)
# The name on a booking changed: "change the name on the booking to jessica tran", "put
# the booking under my husbands name" (staff change it; it started a second party).
NAME_CHANGE = re.compile(
    r"\b(?:change|update|switch|correct|fix)\b[^.?!\d]{0,30}\bname\b|\b(?:put|book|have)\s+(?:it|this|the\s+(?:booking|reservation|party))"
    r"\s+under\b|\bname\s+(?:on|for)\s+the\s+(?:booking|reservation)\s+(?:is|should\s+be)\b"
    r"|\b(?:will\s+be|is)\s+(?:the|our)\s+(?:contact|point\s+of\s+contact)\b", re.I)
# Kids said to come but not counted: "and a few kids", "plus some kids".
VAGUE_KIDS = re.compile(r"\b(?:a\s+few|some|several|a\s+couple(?:\s+of)?|couple\s+of|few)\s+(?:kids|children|kiddos|little\s+ones)\b",
                         re.I)
# A yes in so many words at the summary ("ok book it. what happens if it rains?").
BOOK_WORDS = re.compile(r"\b(?:book\s+it|yes|yep|yeah|confirm(?:ed)?|go\s+ahead|lock\s+it\s+in|do\s+it|go\s+for\s+it)\b", re.I)
# Checking the booked party, not changing it: "confirm we're 10 adults and 2 kids?", "12 ppl right?"
CHECKING = re.compile(r"\b(?:confirm\w*|right|correct|still|all\s+set|on\s+file|have\s+(?:us|me)\s+(?:down\s+)?(?:for|at))\b",
                       re.I)
DAY_ONLY = re.compile(r"\b(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b", re.I)
# A weekday named alone (no month, day of month, "next" or "this"): read near the booking.
WEEKDAY_NAMED = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b", re.I)
# "the saturday after" / "the friday before" (the booked day; "the saturday after the
# 20th" names its own day).
WEEKDAY_SIDE = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+(after|before)\b(?!\s+(?:the\s+)?\d|\s+\w+\s+\d)"
                           r"|\b(?:the\s+)?following\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\b(?!\s+(?:the\s+)?\d)", re.I)
DAY_NAMED = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\s+\d|\d{1,2}(?:st|nd|rd|th)\b|\d/\d"
    r"|\b(?:next|this|coming|following)\s+(?:week|\w+day|sat|sun)\b|\bweek\b",
    re.I,
)
# "cancel both", "cancel all my bookings", "cancel both parties pls"
CANCEL_ALL = re.compile(
    # ("cancel all the add-ons" is no cancel of both bookings: a booking noun after "all the")
    r"\bcancel\w*\s+(?:(?:them|it)\s+)?(?:both\b(?!\s+(?:the\s+)?add)|all\s+(?:of\s+)?(?:them|\d)\b|every(?:thing|one|\s+(?:one|booking|party|reservation|event))\b)"
    r"|\b(?:both|all)\s+(?:of\s+(?:them|my|our|the)\s+|my\s+|our\s+|the\s+)?(?:\w+\s+)?(?:bookings|parties|reservations|events)\b",
    re.I)
# A start turned down before the one wanted: "not 6pm, can we do 9pm", "not at 6 — 9 pm".
NOT_THAT_START = re.compile(
    r"^\W*(?:(?:yes|yeah|ok(?:ay)?|sure)\W+)?(?:but\s+)?not\s+(?:at\s+)?\d{1,2}(?::\d\d)?\s*(?:am|pm)\b[\s,;.—–-]*"
    r"(?=.*\d\s*(?:am|pm)\b)", re.I)
# "nvm, keep it as is" with nothing asked: the booking stays.
KEEP_AS_IS = re.compile(r"^\W*(?:(?:actually|ok(?:ay)?|no+|nah|oh)\W+)*(?:never\s*mind|nvm)\W*(?:keep|leave)\s+it(?:\s+as\s+is)?\W*$"
                        r"|^\W*(?:(?:actually|ok(?:ay)?|no+|nah)\W+)*(?:keep|leave)\s+it\s+as\s+is\W*$", re.I)
# A move said, then taken back before something else: "move to 3 on the 27th. actually nvm
# keep the date but 2 more ppl".
MOVE_TAKEN_BACK = re.compile(
    r"^(?P<first>.+?)[.,!?]\s*(?:actually\s+|wait\s+|oh\s+)?(?:nah+\s+|no+\s+)?"
    r"(?:never\s*mind|nvm|jk|just\s+kidding|scratch\s+that|forget\s+(?:that|it))\b[\s,]*"
    r"(?:(?:let'?s\s+)?keep\s+(?:it|the\s+(?:date|day|time|same\s+(?:date|day|time)))(?:\s+as\s+is)?\b[\s,]*)?"
    r"(?:but|and|just|only)\s+(?P<rest>\S.*)$", re.I)
CANCEL_TAKEN_BACK = re.compile(
    r"\bcancel\w*\b.*?[.,;!]?\s*\b(?:(?:actually|wait|hmm+|oh)\W+)?(?:no+|nah|nvm|never\s*mind)\W+(?:don'?t|dont|do\s+not|keep\s+it)\b"
    r"|\bcancel\w*\b.*?\bactually\s+(?:don'?t|dont|never\s*mind|nvm|keep\s+it)\b", re.I)
# A sentinel target: the cancel question is about every upcoming booking.
ALL_BOOKINGS = "all"
# "both", "both of them", "all of them": every booking named at once.
BOTH = re.compile(r"^\W*(?:(?:on|to|for)\s+)?(?:both|all|each)(?:\s+(?:of\s+them|of\s+em|ones|bookings|parties|please|pls))*\W*$", re.I)
# The day or start chosen, asked back: "what time did i pick again".
FORM_RECALL = re.compile(
    r"\bwhat\s+(?:time|day|date)\s+(?:did|do)\s+(?:i|we)\s+(?:pick|choose|chose|say|book|put\s+down|go\s+with|select)"
    r"|\bwhat\s+(?:time|day|date)\s+(?:was|is)\s+it\s+again|\bremind\s+me\s+(?:of\s+)?(?:the\s+)?(?:time|date|day)\b", re.I)
# A detail said to be wrong: "the zip is wrong", "oops wrong zip", "go back, wrong address".
FIELD_WORDS = r"zip(?:\s*code)?|name|address|phone(?:\s*number)?|number|email|date|day|time"
WRONG_FIELD = re.compile(
    rf"\b(?:wrong|incorrect|typo\s+in\s+(?:the|my))\s+(?P<f1>{FIELD_WORDS})\b"
    rf"|\b(?:the|my)\s+(?P<f2>{FIELD_WORDS})\s+(?:is|was)\s+(?:wrong|incorrect|off|a\s+typo)\b"
    # "everything correct except date should be 19"
    rf"|\b(?:except|but\s+not)\s+(?:for\s+)?(?:the\s+|my\s+)?(?P<f3>{FIELD_WORDS})\b", re.I)
# Another day asked about beside the one chosen: "is the 20th open too?"
ALSO_OPEN = re.compile(r"\b(?:open|free|available|an\s+option)\s+(?:too|also|as\s+well)\b|\balso\s+(?:open|free|available)\b", re.I)
# "the 31st", "31st" alone.
BARE_ORDINAL = re.compile(r"^\W*(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b", re.I)
# The price asked of the party just told: "whats the total", "how much would that be".
TOTAL_ASKED = re.compile(r"^\W*(?:so\s+|and\s+)?(?:what'?s|whats|what\s+is|what\s+would\s+be|how\s+much\s+(?:is|would|will)?)"
                          r"\s*(?:the\s+|my\s+|our\s+)?(?:total|price|cost|damage|that|it)(?:\s+be|\s+cost)?\W*$", re.I)
# A month alone ("january", "in feb?", "march 2027"), the answer to "what date?".
MONTH_ALONE = re.compile(r"^\W*(?:(?:in|maybe|prob(?:ably)?|sometime\s+in|something\s+in|thinking|early|mid|late)\s+)*"
                          r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
                          r"[a-z]*\.?(?:\s+(?:20\d\d))?\W*$", re.I)
MONTH_OR_WEEKDAY = re.compile(
    r"\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\bmay\s+\d|\b(?:mon|tue|tues|wed|thu|thur|thurs"
    r"|fri|sat|sun)(?:day)?\b|\d/\d|\b(?:next|this)\s+month\b|\btomorrow\b|\bweek\b",
    re.I,
)
# ("how far in advance" is about the calendar, not the road.)
TRAVEL = re.compile(
    r"\b(?:travel(?:ing)?|mileage|miles?|drive|driving|distance|far(?!\s+(?:in\s+advance|ahead|out)\b))\b",
    re.I,
)
INSTEAD = re.compile(r"\b(?:instead|rather)\b", re.I)
# "we'll be 12 now, 3pm still ok?": a new detail of a booked party, asked to be fine.
STILL_OK = re.compile(r"\bstill\s+(?:ok(?:ay)?|good|fine|work(?:s|ing)?|doable|possible|available|open|free)\b", re.I)
# "i booked the wrong time, should be 3pm", "we actually want the 20th not the 19th": a
# booking's day or time put right (it got the status, or a person)
BOOKED_WRONG = re.compile(
    r"\bwrong\s+(?:time|date|day)\b|\b(?:should|supposed\s+to)\s+(?:be|have\s+been)\b|\b(?:actually\s+)?want(?:ed)?\s+the\b"
    r"|\bmeant\s+(?:to\s+(?:say|put|book)\s+)?(?:the\s+)?\d", re.I)
CHANGE_IT = re.compile(r"\b(?:change|switch|make|move|bump)\s+(?:(?:it|that|the\s+party|our\s+party|us)\s+)?(?:to|for)\b", re.I)
# "I booked …", "our reservation": the customer says they have a booking.
BOOKED_CLAIM = re.compile(
    r"\b(?:i|we)\s+(?:already\s+|just\s+)?(?:booked|reserved|have\s+(?:a|an\s+upcoming)\s+(?:booking|reservation))\b"
    r"|\b(?:my|our)\s+(?:booking|reservation)\b",
    re.I,
)
# Others than the family joining, counted: "2 of my friends are coming too" (more guests).
FRIENDS_JOINING = (r"\b(?P<n4>\d{1,2})\s+(?:of\s+(?:my|our)\s+)?(?:friends|buddies|neighbou?rs|co-?workers|colleagues|cousins|relatives)"
                   r"\s+(?:(?:are|r|will\s+be)\s+)?(?:(?:coming|joining)\s+(?:too|as\s+well)|also\s+(?:coming|joining))\b")
UNABLE_TO_COME = (r"(?:not|won'?t|wont|can'?t|cannot|will\s+not)\s+(?:be\s+able\s+to|going\s+to|gonna)\s+"
                   r"(?:make|come|attend|join|be\s+there)")
# A count that moves the booked one: "add 2 kids", "2 more adults", "another 3", "2 fewer".
# ("12 adults plus 2 kids" is a whole new party, not 12 more adults.)
MORE = re.compile(r"\b(?:add|adding)\b|\d+\s+(?:more|extra)\b(?!\s+(?:\d+\s+)?(?:q|qs|ques|questions?|things?)\b)|\banother\s+\d"
                   r"|\bbringing\s+(?:his|her|their)\s+\d"  # ("my brother is bringing his 2 kids")
                   r"|(?<!not\s)(?<!n't\s)(?<!nt\s)(?<!else\s)(?<!else\sis\s)\b(?:coming|joining)\s+(?:too|as\s+well)\b"
                   r"|\balso\s+(?:coming|joining)\b", re.I)  # ("nobody else is coming too": no one more)  # ("2 kids coming too")
FEWER = re.compile(
    r"\d+\s+(?:fewer|less)\b|\b(?:remove|minus|take\s+off|subtract|drop)\b"  # ("drop 4 adults please")
    # "2 adults cancelled", "the 2 kids arent coming", "2 people cant make it"
    r"|\b(?:cancel\w*|dropp(?:ed|ing)(?:\s+out)?|backed\s+out|lost|lose|losing|cant|(?:can'?t|cannot|won'?t|will\s+not)\s+(?:make\s+it|come|be\s+coming)"
    r"|(?:aren'?t|are\s+not|isn'?t|is\s+not|not)\s+coming"
    rf"|{UNABLE_TO_COME})\b",  # ("2 adults are not going to make it", "… wont be able to come")
    re.I,
)
OF_THEM = re.compile(r"\b(?:of\s+(?:them|those|us|the\s+(?:guests|group|people))|out\s+of)\b", re.I)
# One group moved by a number said with its own direction: "2 more adults", "one less kid",
# "1 adult less", "add 2 adults", "remove 1 kid", "cancel 2 of the adults". A message with
# two of them moves each group by its own ("2 more adults and one less kid").
GROUP = r"(?:adults?|grown\s*ups?|kids?|children|child|guests?|people|persons|ppl)"
SIGNED_COUNT = re.compile(
    rf"\b(?P<n1>\d{{1,2}})(?![/:.]\d)\s+(?:(?P<g1>{GROUP})\s+)?(?P<w1>more|extra|additional|fewer|less)\b"
    rf"(?:\s+(?P<g1b>{GROUP})\b)?(?!\s+(?:\d+\s+)?(?:q|qs|ques|questions?|things?)\b)"  # ("1 more question", "one more couple of questions")
    rf"|\b(?P<w2>add|adding|plus|another|bringing|minus|remove|take\s+off|subtract|drop|cancel)"
    rf"\s+(?:(?:my|our|his|her|their|the)\s+)?(?P<n2>\d{{1,2}})\b(?![/:.]\d)"
    # ("cancel one of my parties": a booking, not a guest)
    rf"(?!\s+of\s+(?:my|our|the|them)\s+(?:parties|bookings|reservations|events|dinners))"
    rf"(?:\s+(?:more\s+|of\s+(?:the|our|my)\s+)?(?P<g2>{GROUP})\b)?",
    re.I,
)
ADDING = ("more", "extra", "additional", "add", "adding", "plus", "another", "bringing")


def signed_move(m: re.Match[str]) -> tuple[int, bool]:
    """A ``_SIGNED_COUNT`` match as (guests moved, signed; whether they are kids)."""
    n = int(m["n1"] or m["n2"]) * (1 if (m["w1"] or m["w2"]).lower() in ADDING else -1)
    return n, (m["g1"] or m["g1b"] or m["g2"] or "").lower().startswith(("kid", "child"))
# "change one kid to an adult": one moved from a group to the other.
KID_TO_ADULT = re.compile(
    r"\b(?:change|switch|move|make|count)\s+(?P<n>\d{1,2})\s+(?:of\s+the\s+)?(?P<src>kids?|children|adults?)"
    r"\s+(?:to|into|as)\s+(?:an?\s+)?(?:adults?|kids?|child)\b", re.I)
# "one of the adults is actually a kid", "2 of the kids are teens": a group moved.
GROUP_IS_OTHER = re.compile(
    r"\b(?P<n>\d{1,2})\s+of\s+(?:the|them|those|our|my)\s*(?P<src>kids?|children|adults?|guests|people|group|party)?\s+(?:is|are)\s+(?:actually\s+|really\s+)?"
    r"(?:an?\s+)?(?P<dst>adults?|kids?|child|teens?|teenagers?|grown\s*ups?)\b", re.I)

# "2 kids instead of 2 adults", "swap 2 adults for 2 kids": as many moved between the groups.
GROUP_SWAP = re.compile(
    r"\b(?P<n>\d{1,2})\s+(?P<dst>kids?|children|adults?)\s+(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+"
    r"(?P<m>\d{1,2})\s+(?P<src>kids?|children|adults?)\b"
    r"|\b(?:swap|switch|replace|trade|change)\s+(?P<m2>\d{1,2})\s+(?P<src2>kids?|children|adults?)\s+(?:for|with|to)\s+"
    r"(?P<n2>\d{1,2})\s+(?P<dst2>kids?|children|adults?)\b", re.I)
# "3 of our guests are kids": some of the whole party, not of one group.
GUESTS_ARE_KIDS = re.compile(r"\b\d{1,2}\s+of\s+(?:the|our|my)\s+(?:guests|people|group|party)\s+(?:is|are)\b", re.I)


def group_moved(said: str) -> int | None:
    """Adults gained by a move between the groups ("change one adult to a kid" is -1,
    "make 2 of the kids adults" +2), or None."""
    if moved := KID_TO_ADULT.search(said):
        return int(moved["n"]) * (1 if moved["src"].lower().startswith(("kid", "child")) else -1)
    if (other := GROUP_IS_OTHER.search(said)) is not None:
        to_adults = not other["dst"].lower().startswith(("kid", "child"))
        src = (other["src"] or "").lower()
        if src in ("guests", "people", "group", "party"):
            # ("3 of our guests are kids": 3 adults to kids, it was 3 kids more; "2 of the
            # party are teens / adults" moves no one)
            return None if to_adults else -int(other["n"])
        if not src or src.startswith(("kid", "child")) == to_adults:
            return int(other["n"]) * (1 if to_adults else -1)
    return None


def group_swapped(said: str) -> tuple[int, int] | None:
    """(adults, kids) gained by one group said in place of the other: "2 kids instead of 2
    adults" is (-2, +2), "3 kids instead of 2 adults" (-2, +3); None if not said."""
    if (swap := GROUP_SWAP.search(said)) is None:
        return None
    n, m = int(swap["n"] or swap["n2"]), int(swap["m"] or swap["m2"])
    to_kids = (swap["dst"] or swap["dst2"]).lower().startswith(("kid", "child"))
    if to_kids == (swap["src"] or swap["src2"]).lower().startswith(("kid", "child")):
        return None  # ("3 adults instead of 2 adults": a new count of one group, read as such)
    return (-m, n) if to_kids else (n, -m)


def groups_changed(said: str) -> tuple[int, int] | None:
    """(adults, kids) gained by guests moved between the groups or one group said in place
    of the other (``group_swapped``, ``group_moved``); None if neither is said."""
    if (swapped := group_swapped(said)) is not None:
        return swapped
    return None if (n := group_moved(said)) is None else (n, -n)


# Every kid off the party: "remove the kids", "the kids aren't coming".
NO_KIDS = re.compile(
    r"\b(?:remove|cancel|drop|take\s+off|no\s+more)\s+(?:the\s+|all\s+(?:the\s+)?|our\s+|my\s+)?(?:kids|children)\b(?!'|\s*(?:meals?|food|plates?|portions?|menu|shrimp))"
    r"|(?<!of )\b(?:(?:the|our|my)\s+)?(?<!\d\s)(?<!of\sthe\s)(?<!of\smy\s)(?<!of\sour\s)"
    r"kids\s+(?:aren'?t|arent|are\s+not|won'?t|wont|will\s+not|can'?t|cant|cannot)"
    r"\s+(?:be\s+)?(?:coming|come|make\s+it|joining)\b(?!\s+(?:until|till|til|before|after|at|for\s+dinner|to\s+eat"
    r"|to\s+the\s+table|inside|outside))"  # ("the kids arent coming to the table, they'll eat inside")
    r"|\btake\s+(?:the|our|my)\s+(?:kids|children)\s+off\b", re.I)
# A number of guests and what they did: "2 adults cancelled", "2 people cant make it".
GUEST_VERB_DELTA = re.compile(
    r"\b\d{1,2}\s+(?:\S+\s+){0,3}?(?:cancel\w*|dropp(?:ed|ing)|backed\s+out|(?:cant|can'?t|cannot|won'?t|wont)\s+"
    r"(?:make\s+it|come|be\s+(?:coming|there)|join|attend)|(?:aren'?t|arent|are\s+not|isn'?t|isnt|is\s+not|not)\s+coming|had\s+to\s+cancel"
    rf"|{UNABLE_TO_COME}|(?:cant|can'?t|cannot)\s+make\s+the)\b"
    rf"|{FRIENDS_JOINING}"  # ("2 of my friends are coming too")
    # ("my cousins are coming too, 2 adults and 1 kid": those are more)
    r"|\b(?:coming|joining)\s+(?:too|as\s+well)\W+(?:(?:thats|that'?s|its|it'?s)\s+)?\d{1,2}\s+(?:adults?|kids?|people|ppl|guests)\b"
    r"|\b(?:lost|lose|losing)\s+\d\b(?!\s*(?:hours?|hrs?|minutes?|mins?|days?))", re.I)
# "cancel the 19th and book the 26th instead": what comes after is the new day or time.
CANCEL_AND_REBOOK = re.compile(
    r"\b(?:and|then|&)\s+(?:re-?book|book|do|make\s+it|move\s+(?:it\s+)?to|switch\s+to|go\s+with|have\s+it)\b(?P<rest>.*)$",
    re.I)
# Regret of a cancel: "i didnt mean to cancel", "cancelled by mistake", "undo the cancel".
UNDO_CANCEL = re.compile(
    r"\b(?:didn'?t|did\s+not|didnt)\s+mean\s+to|\bby\s+(?:mistake|accident)|\baccident(?:al(?:ly)?)?\b"
    r"|\bun-?(?:do|cancel)\b|\b(?:restore|reinstate|bring\s+back|take\s+(?:it|that)\s+back)\b",
    re.I,
)
# A cancel regretted days later: "i cancelled by mistake", "didn't mean to cancel", "un-cancel"
# ("i need to cancel, we double booked by mistake" regrets the double booking).
CANCEL_REGRET = re.compile(
    r"\b(?:cancell?ed|hit\s+cancel)\b.{0,30}\b(?:by\s+(?:mistake|accident)|accidentally)\b"
    r"|\b(?:accidentally|mistakenly)\s+(?:hit\s+)?cancell?ed\b|\b(?:didn'?t|did\s+not|didnt)\s+mean\s+to\s+cancel\b"
    r"|\bun-?cancel\w*|\bundo\s+(?:the|my|our|that)\s+cancel\w*|\brestore\s+(?:my|our|the)\s+(?:booking|reservation|party)\b",
    re.I)
MINE = re.compile(r"\b(?:my|our)\s+(?:booking|reservation)\b|\bfinal\s+(?:price|cost|amount|total)\b", re.I)
# Paying for the booking: "how do i pay now", "can you resend it", "when is the rest due?"
HOW_TO_PAY = re.compile(
    r"\b(?:how|where)\s+(?:do|can|should)\s+(?:i|we)\s+pay(?:\s+(?:the\s+)?(?:deposit|now|online|it))?\W*$"
    r"|\b(?:resend|re-send)\s+(?:it|that|the\s+\w+)\b|\bsend\s+it\s+again\b"
    r"|\b(?:rest|balance|remainder|remaining)\b.{0,25}\b(?:due|paid|pay)\b|\bwhen\s+do\s+(?:i|we)\s+pay\s+the\s+(?:rest|balance)", re.I)
PLAIN_BOOK = re.compile(
    r"^\W*(?:(?:hi|hey|hello|yo|ok|okay|so)\W+)*(?:can|could|may)\s+(?:i|we)\s+(?:book|make\s+a\s+(?:booking|reservation)|reserve)"
    r"(?:\s+(?:a\s+|the\s+)?(?:chef|party|date|you|u|hibachi(?:\s+(?:chef|party|dinner))?))?\W*$", re.I)
# A change said beside a yes at the summary.
# ("yes move forward", "yes make it happen", "yes book it, no allergies" are plain yeses)
CHANGE_SAID = re.compile(
    r"\b(?:make\s+it\s+(?:\d+|for\b|at\b|on\b|the\b|\w+day\b|lunch|dinner|noon)|change|add|instead|unit|apt|suite"
    r"|(?<!no\s)allerg\w*|gate\s+code|surprise|switch\s+(?:it|to|the)|move\s+(?:it\s+)?(?:to|the)|push\s+(?:it|back|to)"
    r"|but\s+not\s+(?:the\s+)?\d\w*"  # ("yes but not 6pm, 3pm please")
    # ("yes but can it be 3pm" changes it; "yes. also can the chef bring extra chicken?" asks)
    r"|(?:but|also)\s+(?:can|could)\s+(?:it|we|i|the\s+(?:party|booking|time|date|day))"
    r"|can\s+(?:you|u|we)\s+(?:make|change|add|do|switch|move))\b", re.I)
NO_CHANGE = re.compile(r"\b(?:no|nothing|don'?t|dont|not|nothin)\s+(?:\w+\s+){0,2}?(?:changes?|add|move|switch)\b"
                        r"|\bno\s+need\s+to\b", re.I)
YES_BUT = re.compile(r"^\W*(?:(?:ok(?:ay)?|yes|yeah|yep|yup|ya|sure|sounds\s+good|go\s+ahead|perfect|great)\W+)+"
                     r"(?:(?:but|and|also|oh|just|then)\W+)*", re.I)
# "if so", "if yes": a yes that hangs on the answer to a question.
IF_SO = re.compile(r"\bif\s+(?:so|yes|it\s+does|you\s+can|u\s+can|that'?s\s+(?:ok|fine|possible))\b", re.I)
# A unit added to the address given: "can you add apt 4 to the address", "its apt 12 btw".
UNIT_WORD = r"(?:apt|apartment|unit|suite|ste)\b"
ADD_TO_ADDRESS = re.compile(
    rf"\b(?:add|put|include)\s+(?P<what>(?:{UNIT_WORD}|building|bldg|floor|gate\s+code|lot|space)\.?\s*#?\s*[\w-]+)"
    r"\s+(?:to|in|on)\s+(?:the\s+)?address\b"
    rf"|\b(?:it'?s|its|add)\s+(?P<what2>{UNIT_WORD}\.?\s*#?\s*[\w-]+)\b"
    # "apt 4", "oh and its unit 12b" as the whole message, once the street is known
    rf"|^\W*(?:(?:oh|oops|sorry|and|also|btw|forgot)\W+)*(?:(?:and|its|it'?s)\s+)?(?P<what3>{UNIT_WORD}\.?\s*#?\s*[\w-]{{1,6}})\W*$", re.I)
# What kind of number or address will do, asked at that question.
DETAIL_ASKED = {
    "phone": re.compile(r"\b(?:cell|landline|land\s+line|home\s+(?:number|phone)|work\s+(?:number|phone|cell)|google\s+voice"
                        r"|office\s+(?:number|phone)|mobile)\b[^.!]*\?|^\W*(?:is|does|can|do)\b[^.!?]*\b(?:cell|landline|land\s+line"
                        r"|mobile|work\s+(?:number|phone)|home\s+(?:number|phone))\b", re.I),
    "address": re.compile(r"\b(?:need|have)\s+to\s+be\s+(?:the\s+)?(?:exact|precise|specific)|\bexact\s+address\b"
                          r"|\b(?:cross\s+streets?|just\s+the\s+(?:city|area|neighbou?rhood))\b[^.!]*\?", re.I),
}
# "why do u need my name", "do u need the address now?", "do i have to give email", "is the
# phone required?", "first and last name?": about a contact detail (the one named, else the
# one asked for), answered with why and whether it is optional.
FIELD_ASKED = re.compile(
    r"^\W*(?:(?:but|and|ok|um+|wait)\W+)?why\s+(?:do|would|does|d'?you)\s*(?:you|u|ya|y'?all)?\s*(?:guys\s+)?"
    r"(?:need|want|ask\s+for)\s+(?:it|that|this|(?:my|our|the)\s+(?:\w+\s+)?(?:name|phone|number|address|email|e-mail|info"
    r"|information|details|contact|cell))\W*$|"
    r"\b(?:do|would|will)\s+(?:you|u|ya)\s+(?:guys\s+)?(?:really\s+|still\s+|also\s+)?need\s+(?:the\s+|my\s+|an?\s+|our\s+)?(?:full\s+|last\s+|real\s+|street\s+|cell\s+)?(?P<f>name|phone|number|address|email|e-mail)\b"
    r"|\bdo\s+i\s+(?:have|need)\s+to\s+(?:give|provide|share|send|put)\s+(?:you\s+)?(?:my\s+|an?\s+|the\s+)?(?P<f2>name|phone|number|address|email|e-mail)\b"
    r"|\bis\s+(?:the\s+|an?\s+|my\s+)?(?P<f3>email|e-mail|phone|address)\s+(?:required|needed|necessary|optional|mandatory)\b"
    # "do i need an email?" (at the email question it went to a person and the booking stopped)
    r"|\bdo\s+(?:i|we)\s+(?:really\s+)?(?:need|have\s+to\s+have)\s+(?:an?\s+|my\s+|the\s+)?(?P<f5>email|e-mail)\b"
    r"|^\W*(?:your\s+)?(?:first\s+(?:and|&)\s+last|full)\s+(?P<f4>name)\W*$"
    # "whats my phone for?", "what do u need my address for" (it went to a person)
    r"|\bwhat(?:'?s|\s+is|\s+do\s+(?:you|u)\s+need)\s+(?:my|the|our)\s+(?P<f6>name|phone|number|address|email|e-mail)\s+for\b", re.I)
# A weekday named: in full, or short right before a date ("sat 1/10"; "we sat down" is none).
# A name given for the booking with the word "name" or "under" before it, capitalised.
NAME_FIX = re.compile(
    r"(?i:\bspelled|\bspell\s+it|\bit'?s|\bits|\bis|^)\s*(?!(?i:spelled)\b)(?P<new>[A-Za-z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\s*,?\s+"
    r"(?i:not)\s+(?P<old>[A-Za-z][\w'’-]+)\b")


NAME_PART = re.compile(r"\b(?:(?P<last>last|sur|family)|(?P<first>first))\s*name\b", re.I)


def name_fixed(text: str, name: str, said: str | None = None) -> str | None:
    """The name after a spelling fix of one of its words ("Marie not Maria" of "Maria
    Lopez" is "Marie Lopez"; ``said``, the name read from "my last name is spelled
    Ruíz-Olmos", replaces that part only), or None when the message fixes no word of it."""
    part = NAME_PART.search(text)
    if said and part and len(said.split()) == 1 and len(words := name.split()) > 1:
        # (the whole name was replaced by the surname alone)
        return " ".join([*words[:-1], said] if part["last"] else [said, *words[1:]])
    m = NAME_FIX.search(text)
    if m is None:
        return None
    words, old = name.split(), m["old"].lower()
    if old not in (w.lower() for w in words):
        return None
    new = m["new"].split()
    if len(new) > 1:
        return " ".join(w[:1].upper() + w[1:] for w in new)
    return " ".join(new[0][:1].upper() + new[0][1:] if w.lower() == old else w for w in words)


NAME_TOLD = re.compile(
    r"(?:\bname\b[^.?!\d]{0,30}?(?:\bis|\bbe|\bto|:|,|\bas)|\b(?:put|book|have)\s+(?:it|this|the\s+booking)\s+under"
    r"|\bspell\s+(?:my|the)\s+name)"  # ("spell my name Dana Leigh")
    r"\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})\b")
# The same told in lower case, the name ending the message ("name should be linda park",
# "put it under my wife's name, linda park"); the engine checks its words are name words.
NAME_TOLD_LOWER = re.compile(
    r"(?:\bname\b[^.?!\d]{0,30}?(?:\bis|\bbe|\bto|:|,|\bas)|\b(?:put|book|have)\s+(?:it|this|the\s+booking)\s+under)"
    r"\s+(?P<name>[a-z][\w'’-]+(?:\s+[a-z][\w'’-]+){1,2})\W*$", re.I)
# "bob smith actually" once "bob" is the name: the whole name.
NAME_IN_FULL = re.compile(r"^\W*(?:(?:sorry|oops|oh|wait)\W+)?(?:(?:it'?s|its|full\s+name(?:'s|\s+is)?)\s+)?"
                          r"(?P<name>[a-z][a-z'-]+(?:\s+[a-z][a-z'-]+){1,2}?)"
                          r"(?:\s+(?:actually|sorry|is\s+my\s+full\s+name|full\s+name|is\s+the\s+full\s+name))?\W*$", re.I)
# A change said again, the one asked taken back: "cancel that, make it 12".
REDO = re.compile(r"^\W*(?:(?:no|nah|oops|sorry)\W+)?(?:cancel|scratch|nvm|never\s*mind|forget)\s+that\b", re.I)
# Backing out of a change being asked for ("actually nvm keep it", "forget it").
KEEP_AFTER_ALL = re.compile(
    r"\b(?:keep\s+(?:it|(?:the|our|my)\s+(?:booking|date|day|party|reservation|original|old\s+one|same|time|\d))"
    r"|forget\s+(?:it|about\s+it|the\s+(?:move|change))"
    # "no actually cancel that, keep the original" to "move it?" cancelled the booking
    r"|(?:cancel|scratch|drop)\s+(?:that|the\s+(?:move|change))(?!\s*[,.;:!-]*\s*(?:\w+\s+){0,3}\d)"
    r"|never\s*mind|nvm|leave\s+(?:it(?:\s+as\s+is)?|the\s+(?:time|date|day))"
    r"|no\s+changes?|don'?t\s+(?:move|change)\s+it)\b", re.I)
# Plural ("saturdays") is a habit, not a day: one reader, two uses below.
WEEKDAY_WORD = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)(?=\.?,?\s*(?:the\s+)?(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))(s?)\b", re.I)
WEEKDAY_INDEX = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


WRONG_NUMBER = re.compile(r"\W*(?:(?:oh|oops|sorry|my\s+bad|i\s+think)\W+)*(?:you\s+have\s+the\s+|this\s+is\s+a\s+)?wrong\s+(?:number|#)"
                           r"(?:\W+(?:sorry|my\s+bad|lol|who\s+is\s+this|whos\s+this))*\W*", re.I)
# A place's price asked: "is there a fee if its in morgan hill?", "would it cost more in
# stockton?", "what about if we do it in monterey".
FEE_WORDS = r"fee|charge|extra|more\s+expensive"
PLACE_PRICED = re.compile(rf"\b(?:{FEE_WORDS}|cost|what\s+about\s+if|what\s+if)\b|" + AREA_QUESTION.pattern, re.I)
def still_cancels(text: str) -> bool:
    """Whether a message that takes back a change also asks to cancel the booking
    ("scratch that, just cancel the party"; not "no actually cancel that, keep it")."""
    return cancels_the_booking(KEEP_AFTER_ALL.sub(" ", text))


def moves_count(said: str) -> bool:
    """Whether a message (number words as digits) words a count as a change: "make it",
    "add", "2 more", "2 cant make it"."""
    return bool(CHANGE_CUE.search(said) or MORE.search(said) or FEWER.search(said))


def menu_counted(said: str) -> bool:
    """"the filet upgrade for 2 ppl": a count of what is ordered, not of guests (an add
    with its own number, "2 more adults, both want filet", is still a change)."""
    return bool(MENU_ITEM.search(said)) and not SIGNED_COUNT.search(said)


def is_party(ent: Entities, b: Booking) -> bool:
    """Whether the counts said are the booked party's ("10 adults 2 kids", "12 ppl")."""
    if ent.adults is not None:
        return ent.adults == b.adults and (ent.kids is None or ent.kids == b.kids)
    return ent.guests == b.adults + b.kids if ent.guests is not None else False


def as_booked(ent: Entities, b: Booking) -> bool:
    """Whether every fact said (day, start, party, zip) is the booking's, and no other."""
    if ent.address or ent.name or ent.phone or ent.email:
        return False
    if ent.date is not None and ent.date != b.event_date:
        return False
    if ent.time is not None and f"{ent.time.hour:02d}:{ent.time.minute:02d}" != b.slot:
        return False
    if ent.zip is not None and ent.zip != b.zip:
        return False
    return is_party(ent, b) if has_count(ent) else True


def weekdays_in(text: str, *, plural: bool = True) -> set[int]:
    """The weekdays a message names ("friday ... saturday"; "saturdays" unless not ``plural``)."""
    return {WEEKDAY_INDEX[m[1].lower()[:3]] for m in WEEKDAY_WORD.finditer(text) if plural or not m[2]}


RULED_OUT_WEEKDAY = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)s?\s+" + RULED_OUT
    + r"|\b(?:can'?t|cannot|can\s+not)\s+do\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)",
    re.I)


def ruled_out_weekdays(text: str) -> set[int]:
    """The weekdays a message rules out ("saturday doesnt work", "can't do sunday")."""
    return {WEEKDAY_INDEX[(m[1] or m[2]).lower()[:3]] for m in RULED_OUT_WEEKDAY.finditer(text)}


def weekday_said(text: str) -> int | None:
    """The one weekday a message names as a day ("saturday january 10"), or None (none,
    several, or only as a habit: "saturdays")."""
    found = weekdays_in(text, plural=False)
    return found.pop() if len(found) == 1 else None


# "whats the phone number u have on file", "what email do you have for me": the contact
# the core holds (it went to a person).
CONTACT_ASKED = re.compile(
    r"\b(?:phone(?:\s+number)?|number|e-?mail(?:\s+address)?|name)\b[^?.!]{0,20}\b(?:on\s+file"
    r"|(?:do|did)\s+(?:you|u)(?:\s+guys)?\s+(?:have|get|got))\b"
    # "what name is the booking under" (the status had no name in it)
    r"|\bwhat\s+name\b[^?.!]{0,25}\b(?:booking|reservation)\b|\b(?:booking|reservation)\s+(?:is\s+)?under\s+(?:what|which|whose)\b"
    # ("what do you have on file for me? address and everything": the contact beside the status)
    r"|\b(?:what|everything)\s+(?:do\s+)?(?:you|u)\s+(?:guys\s+)?(?:have|got)\s+on\s+file\b|\bwhat'?s\s+on\s+file\b",
    re.I)
# A clause asking about the booking itself ("when is my party").
STATUS_ASKED = re.compile(r"\b(?:my|our)\s+(?:party|booking|event|reservation|deposit|balance|total)\b", re.I)
# (Only the interjection alone, or with a no: "wait, when will the refund arrive?" asks.)
REGRET = re.compile(r"\bchanged\s+(?:my|our)\s+minds?\b|\bkeep\s+(?:the|my|our)\s+(?:booking|reservation|party|date)\b(?!\s+in\s+mind)"
                     r"|^\W*(?:(?:wait|oh\s+no|oops|no+\s+wait|no+\W+no+|ugh|never\s*mind)\W*)+"
                     r"(?:$|(?:no+|don'?t|dont|i\s+didn'?t|keep|undo|i\s+meant|mistake|wrong)\b)", re.I)
# The party after a change, said with it: "2 people cancelled so 18 adults".
NEW_TOTAL = re.compile(
    r"(?:\b(?:so|making\s+it|makes\s+it|that'?s|total(?:\s+of)?|now|down\s+to|up\s+to)\s+(?:it'?s\s+|we'?re\s+|just\s+|down\s+to\s+)?\d+"
    r"|\b(?:we'?re|we\s+are|we'?ll\s+be)\s+(?:now\s+|only\s+|just\s+)?(?:down|up)\s+to\s+\d+"
    r"|\b(?:we'?re|we\s+are|we'?ll|we\s+will)\s+(?:now\s+)?(?:gonna|going\s+to)\s+be\s+\d+"  # ("we're gonna be 20 now")
    # "we'll be 8 adults now, a couple ppl cant make it": the 8 (it was 8 fewer)
    r"|\b(?:we'?ll|we\s+will)\s+(?:now\s+|only\s+|just\s+)?be\s+(?:only\s+|just\s+)?\d+"
    r"|\b\d+\s+(?:adults?|kids?|people|ppl|guests)\s+now\b)"
    # ("we are gonna be 2 fewer adults": a move, not 2 in all)
    r"(?!\d)(?!\s*(?:more|extra|fewer|less|additional)\b)", re.I)
# Guests (not the booking) cancelling: "one couple had to cancel", "if 2 people cancel".
GUESTS_CANCEL = re.compile(
    r"\b(?:\d+|one|two|three|four|a|some|few)\s+(?:of\s+(?:my|our|the)\s+)?(?:couples?|guests?|people|persons|adults?|kids?|friends?"
    r"|families|family)\s+(?:\w+\s+){0,2}?(?:cancell?(?:ed|ing)?|cancels?)\b"
    r"|\b(?:couple|family|friend|guest)\s+(?:had\s+to\s+|has\s+to\s+|just\s+)?cancell?(?:ed)?\b",
    re.I,
)
# Numbers of things that are not guests: "30 more minutes", "add 1 hour", "2 extra chairs".
NOT_GUESTS = (
    r"(?!\s+(?:more\s+|extra\s+|additional\s+)?(?:\w+\s+)?(?:minutes?|mins?|hours?|hrs?|weeks?|days?|months?|years?"
    r"|questions?|q|qs|ques|chairs?|tables?|bottles?|drinks?|trees?|pounds?|lbs?|dogs?|cats?|pets?|things?|items?|courses?"
    rf"|orders?|dollars?|bucks|feet|ft|inches|miles?|times?|texts?|messages?|photos?|pics?|tips?|{DISHES})\b)"
)
# A change of the party that is only supposed ("what if 2 more people show up?") or
# already made ("i added 2 more adults last week right?"): no change now.
NOT_NOW = re.compile(
    r"\b(?:if|in\s+case)\s+(?:(?:we|i)\s+(?:have|get|end\s+up\s+with)\s+|there\s+(?:are|is)\s+)?\d+\s+"
    r"(?:more|extra|fewer|less|additional)\b"
    r"|\b(?:i|we)\s+(?:already\s+)?(?:added|removed)\b(?=.*\b(?:right|correct|just\s+checking|go\s+through|last\s+(?:week|time|month)))",
    re.I,
)
# "6 is fine", "6pm works": a start said to be fine.
START_OK = re.compile(r"^\W*(?:ok\W+|yes\W+|yeah\W+)?(?P<h>\d{1,2})(?::00)?\s*(?:pm|p\.m\.)?\s+"
                       r"(?:is|works|sounds)\s*(?:fine|good|great|perfect|ok)?\W*$", re.I)
# A price asked for another party, not a change: "what would it be with 2 more adults?"
# "what if 2 ppl drop out", "how much if 2 dont come": that many fewer, priced.
WHAT_IF_FEWER = re.compile(
    r"\b(?:what|how\s+much)\s+(?:if|about|would\s+it\s+be\s+if)\s+(?P<n>\d{1,3})\s+(?:(?:ppl|people|guests|adults?|of\s+(?:us|them))\s+)?"
    r"(?:drop(?:s|ped)?\s+out|cancel\w*|(?:don'?t|dont|can'?t|cant|won'?t|wont)\s+(?:come|make\s+it|show(?:\s+up)?))\b", re.I)
WHAT_IF_PRICE = re.compile(
    # "what if 3 more", "what about 12 ppl more?", "what if 2 less": a move of the party priced
    r"\bwhat\s+(?:if|about)\s+(?:we\s+(?:add(?:ed)?|have|had|get|invite[d]?)\s+)?\d{1,3}\s+(?:(?:ppl|people|guests|adults?|kids?)\s+)?"
    r"(?:more|extra|less|fewer)\b|" + WHAT_IF_FEWER.pattern + "|"
    r"\b(?:what|how\s+much)\s+(?:would|will|does|is)\s+(?:it|that|the\s+(?:price|total))\s+(?:be|cost|come\s+to|run)\s+"
    r"(?:with|for|if)\b|\bhow\s+much\s+(?:more|extra)\s+(?:would\s+it\s+be\s+)?(?:for|with|if)\b"
    r"|\bwhat\s+if\s+(?:we|i)\s+(?:had|have|added|add|invite[d]?)\b"
    # "what would 8 adults cost instead", "whats the price if we had 15 adults?"
    r"|\bwhat\s+would\s+\d{1,3}\b[^?.!]{0,30}\bcost\b|\b(?:price|cost|total)\s+(?:be\s+)?if\s+(?:we|i)\s+(?:had|have|add|added)\b"
    # "how much would 2 more adults and 1 more kid be", "we might have 2 extra adults, what
    # would the new total be?", "if 3 more people come how much extra?", "would 8 adults be cheaper?"
    r"|\bhow\s+much\s+would\s+\d{1,3}\s+(?:more|extra)\b|\bwhat\s+would\s+(?:the\s+new\s+)?(?:total|price)\s+be\b"
    r"|\bif\s+\d{1,3}\s+(?:more|extra)\s+\w+\s+(?:come|show|join)\b[^.!]*\b(?:how\s+much|what\s+would|owe|total|cost)\b"
    r"|\bwould\s+\d{1,3}\s+\w+\s+be\s+(?:cheaper|less|more)\b",
    re.I)
# A bare number priced after a quote, the party it would be: "how much would 15 be", "what
# if we do 8", "and for 15?", "15?" (a what-if: priced, the party kept).
COUNT_PRICED = re.compile(
    r"^\W*(?:(?:and|so|hmm+|ok(?:ay)?|oh|ooh)\W+)*(?P<lead>(?:how\s+much|what)\s+(?:would|will|about|is|for)(?:\s+it)?(?:\s+be)?(?:\s+(?:for|with|if\s+(?:we\s+)?(?:are|were|had|have)))?"
    r"|what\s+if\s+(?:we\s+(?:do|did|have|had|are|were|invite)|it'?s|its|there\s+(?:are|were))|for|with"
    # "how much if its 15 ppl?"
    r"|how\s+much\s+(?:would\s+it\s+be\s+)?if\s+(?:its|it'?s|it\s+is|we'?re|we\s+are|were|we\s+have|there\s+are|we\s+had))?\s*"
    r"(?P<n>\d{1,3})(?:\s+(?:people|ppl|guests|of\s+us|total|instead))?(?:\s+(?:be|cost|run))?"
    r"(?:\s+(?:tho|though|then|instead|now|lol|pls|please))?\s*(?P<q>\?)?\W*$", re.I)
# "can we do 12 instead", "could we make it 9?": a party size or a start, said bare.
CAN_WE_DO_N = re.compile(r"^\W*(?:(?:ok(?:ay)?|hmm+|actually|so|oh|wait)\W+)*(?:can|could)\s+(?:we|i|u|you)\s+"
                         r"(?:do|make\s+it|have)\s+(?P<n>\d{1,2})(?:\s+instead)?\s*\??\W*$", re.I)
# A new size leading a message that goes on about something else: "make it 12 pls and the
# gate code is 7788", "actually 12, my dad has a shellfish allergy".
LEADING_COUNT = re.compile(
    r"^\W*(?:(?:actually|ok(?:ay)?|wait|oh|sorry|oops|no|yes|yeah)\W+)*(?:(?:make\s+(?:it|that)|change\s+(?:it|that)\s+to)\s+"
    r"(?P<n>\d{1,3})(?:\s+(?:pls|plz|please|people|ppl|guests|adults))?"
    r"|(?<=actually\s)(?P<n2>\d{1,3})|(?P<n3>\d{1,3})\s+(?:people|ppl|guests|adults)\s+(?:now|instead|actually)"
    r"|(?:can|could)\s+(?:we|i|u|you)\s+(?:do|have)\s+(?P<n4>1[3-9]|[2-9]\d)(?:\s+(?:people|ppl|guests))?(?:\s+instead)?)"
    r"(?=\s*(?:,|&|\+|;|\.|\band\b|\bn\b|\bat\b|\bon\b))", re.I)
# The street's number corrected: "its 1310 not 1300", "1310 not 1300 sorry".
STREET_NUMBER_FIXED = re.compile(
    r"^\W*(?:(?:sorry|oops|wait|no|actually)\W+)*(?:it'?s|its|the\s+(?:address|house\s+number|street\s+number)\s+is)?\s*"
    r"(?P<new>\d{1,6})\s+not\s+(?P<old>\d{1,6})\b\W*(?:sorry|pls|please|thx|lol)?\W*$", re.I)
# The phone's last digits corrected: "phone should end in 0199", "number ends with 99".
PHONE_ENDING = re.compile(r"\b(?:phone|number|cell|#)\s+(?:should\s+|is\s+supposed\s+to\s+)?(?:end|ends)\s+(?:in|with)\s+(?P<d>\d{2,4})\b",
                          re.I)
# Some of the party, told about: "2 of them vegetarian", "no shrimp for 2 of them".
SOME_OF_THEM = re.compile(r"\b\d{1,2}\s+of\s+(?:them|us|the\s+(?:guests|adults|kids|people))\b", re.I)
# "ok 12 then", "12 instead": the party's new size.
COUNT_THEN = re.compile(r"^\W*(?:(?:ok(?:ay)?|fine|so|alright|then)\W+)*(?:(?:let'?s|lets)\s+(?:do|say)\s+)?"
                         r"(?P<n>\d{1,3})\s+(?:people\s+|ppl\s+|guests\s+)?(?:then|instead)\W*$", re.I)
# A number moved by a word: "2 cant make it", "add 2", "2 more", "we lost 3".
BARE_DELTA = re.compile(
    rf"\b(?P<n>\d{{1,2}})\s+(?:(?:ppl|people|guests|persons|of\s+(?:us|them))\s+)?"  # ("2 ppl cant make it anymore")
    rf"(?:more|extra|fewer|less|cant|can'?t|cannot|won'?t|wont|dropp(?:ed|ing)|cancell?ed|aren'?t|arent|not\s+coming)\b{NOT_GUESTS}"
    rf"|\b(?:add|plus|minus|remove|lost|lose|drop|cancel)\s+(?P<n2>\d{{1,2}})\b(?!\s*(?:am|pm|:)){NOT_GUESTS}"
    # "2 of the adults cant come"
    r"|\b(?P<n3>\d{1,2})\s+of\s+(?:the|our|my)\s+(?:adults|kids|children|guests)\s+(?:(?:cant|can'?t|cannot|won'?t|wont)"
    r"\s+(?:make\s+it|come|be\s+(?:coming|there)|join|attend)|(?:aren'?t|arent|are\s+not|not)\s+coming|dropped|cancell?ed)\b"
    rf"|{FRIENDS_JOINING}",  # ("2 of my friends are coming too")
    re.I,
)
STATUS = re.compile(
    r"\b(still on|confirmed\?|did (?:my|the|our) (?:deposit|payment) go through|status of"
    # "what do i have booked with you", "what are my bookings", "did i pay the deposit for
    # both?", "when's my thing again?"
    r"|what\s+(?:do|did)\s+(?:i|we)\s+(?:have\s+)?book(?:ed)?\b|what\s+(?:are|r)\s+(?:my|our)\s+(?:bookings|reservations|parties)"
    r"|did\s+(?:i|we)\s+(?:already\s+)?pay\s+(?:the\s+)?deposit|when'?s\s+(?:my|our)\s+(?:thing|dinner|hibachi)\b"
    # "never got the link", "the link is broken", "link wont open"
    r"|never\s+(?:got|received|get)\s+(?:the|a|my|any)\s+link|\blink\s+(?:is\s+broken|won'?t\s+open|doesn'?t\s+(?:open|work)|expired)"
    # "can u text me the details of my booking", "send me my booking details"
    r"|details\s+(?:of|for|on)\s+(?:my|our|the)\s+(?:booking|reservation|party|event)"
    r"|(?:my|our)\s+(?:booking|reservation|party)\s+(?:details|info)"
    # "just checking everything is set for the 20th", "whens my party"
    r"|(?:everything|all|we(?:'?re| are)|it'?s|its)\s+(?:is\s+)?(?:still\s+|all\s+)?(?:set|good|confirmed|a go)\s+for\b"
    r"|when'?s (?:my|our) (?:party|booking|event|reservation)"
    r"|\b(?:r|are)\s+(?:we|u|you)\s+still\s+(?:good|on|set|ok(?:ay)?|coming)\b"
    r"|\b(?:payment|pay|deposit|checkout)\s+link\b|\blink\s+to\s+pay\b"
    r"|\b(?:re)?send\s+(?:me\s+)?(?:the\s+|a\s+)?link(?:\s+(?:again|please|pls|to\s+pay|for\s+(?:the\s+)?(?:deposit|payment)))?\W*$"

    # "did my booking go through", "do you have my reservation", "when is it again"
    r"|did\s+(?:my|the|our)\s+(?:booking|reservation|order)\s+(?:go\s+through|work)"
    r"|do\s+(?:you|u|y'?all)\s+(?:still\s+)?have\s+(?:my|our)\s+(?:booking|reservation)"
    r"|\bwhen\s+is\s+it\s+again\b|\bwhat\s+(?:day|date|time)\s+did\s+(?:i|we)\s+book\b"
    r"|(?:is|was|has) (?:my|our|the) (?:deposit|payment) (?:been )?(?:paid|received|gone through|through|processed))",
    re.I,
)
# Asking after the booking in words no booking request uses (session 18 QA: "do i have a
# booking" and "what did i book" started a second party).
STATUS_SURE = re.compile(
    r"\bdo\s+(?:i|we)\s+(?:still\s+)?have\s+(?:a|the|my|our|any)\s+(?:booking|reservation|party)s?\b"
    r"|\bwhat\s+did\s+(?:i|we)\s+(?:book|reserve)\b"
    r"|\b(?:is\s+)?(?:everything|all|it)\s+(?:good|ok(?:ay)?|set|fine)\s+(?:with|w/?|on)\s+(?:my|our|the)\s+(?:booking|reservation|party|event)\b"
    r"|\bcheck(?:ing)?\s+(?:in\s+)?on\s+(?:my|our|the)\s+(?:booking|reservation|party|event)\b"
    r"|\bhow'?s\s+(?:my|our|the)\s+(?:booking|reservation|party|event)\s+look"
    r"|^\W*(?:booking\s+|order\s+)?status\W*$"
    r"|\bchef\s+still\s+coming\b|\bstill\s+have\s+(?:the|a|our)\s+chef\b",
    re.I,
)
# A question about "my party": theirs when they have one ("for my party, do you bring
# plates?" from a new customer is for the FAQ).
MY_THING_Q = re.compile(r"\b(?:my|our) (?:party|booking|event|reservation)\b.*\?", re.I)
# "what if we need to cancel?": a policy question, not a request.
IF = re.compile(r"\b(?:if|what happens|policy)\b", re.I)
# A condition (not "if possible"): "can we reschedule if it rains?" asks the policy.
IF_CLAUSE = re.compile(r"\b(?:if\s+(?:i|we|it|you|u|they|the|there|a|our|my|someone|somebody|anyone|anybody|he|she|people|guests)\b"
                        r"|what happens|policy)", re.I)
# A change asked and taken back in the same message: "could we do the day before? nah
# just kidding, keep it", "make it 9pm? wait no, keep 6".
# (Only after the request and to the end: "never mind, cancel it", "move it to the 27th,
# keep the time the same" and "wait no, we need to move it" ask for it.)
TAKEN_BACK = re.compile(
    r"[?,.!]\s*(?:actually\s+|oh\s+|wait\s+)?(?:nah+\s+|no+\s+|lol\s+|haha\s+)?(?:just\s+kidding|jk|j/k|wait\s+no|never\s*mind|nvm|let'?s\s+keep\s+it"
    # ("can we change to 3pm? cancel that, keep it at 6": nothing changes; it asked to
    # cancel the booking)
    r"|keep\s+it|(?:cancel|scratch)\s+that)\b(?:[\s,]*(?:keep\s+(?:it|\d{1,2}(?::\d\d)?\s*(?:am|pm)?|the\s+(?:time|date|booking|same)"
    r"|the\s+\d{1,2}(?:st|nd|rd|th)?)"  # ("… actually never mind, keep the 20th")
    r"(?:\s+(?:at|on)\s+(?:\d{1,2}(?::\d\d)?\s*(?:am|pm)?|the\s+\w+))?|lol|haha|thanks|thx))*\W*$",
    re.I)
YES = re.compile(r"^\s*(y|yes|ya|yea|yep|yeah|yup|sure|ok|okay|confirm|please do|do it|go ahead|go for it|correct|absolutely"
                  r"|sounds\s+(?:great|perfect)|works\s+for\s+(?:me|us)|let'?s\s+do\s+it|book\s+it|proceed"
                  r"|(?:great|perfect|awesome|cool|nice)\W+(?:do\s+it|go\s+ahead|book\s+it|move\s+it|lets?\s+do\s+it)"
                  r"|definitely|that'?s\s+right|all\s+good|lgtm|looks\s+good|sounds\s+good)\b", re.I)
# Answers to "Move your booking …?" / "Change your booking …?" in words.
CONFIRM_YES = re.compile(r"^\W*(?:(?:yes|yeah|yep|ok|okay|sure|great|perfect|awesome|cool)\W+)?(?:(?:please\s+)?(?:move|change|do)\s+it|go\s+ahead|let'?s\s+do\s+it)\b", re.I)
# "actually no", "wait no don't": a no to the question pending.
NO_AFTER_ALL = re.compile(r"^\W*(?:actually|wait|hmm+|oh|oops|umm*|on\s+second\s+thought)\W+(?:no+|nope|nah|don'?t|never\s*mind|nvm)\b", re.I)
# "nvm dont cancel", "no don't cancel it": a no to the cancel question.
DONT_CANCEL = re.compile(
    r"^\W*(?:(?:nvm|never\s*mind|no+|nah|wait|actually|oh|oops|sorry)\W+)*(?:don'?t|dont|do\s+not|pls\s+don'?t)\s+cancel\b"
    r"|^\W*(?:nvm|never\s*mind)\W*$", re.I)
CONFIRM_KEEP = re.compile(r"^\W*(?:(?:no|nah|nope)\W+)?(?:keep\s+it|leave\s+it|don'?t\s+(?:move|change)\s+it)\b", re.I)
# A question about the change itself: "is that ok?", "how much more?", "is that possible?"
ABOUT_THE_CHANGE = re.compile(
    r"\b(?:is\s+(?:that|this|it)\s+(?:ok(?:ay)?|possible|fine|doable|alright|cool)|can\s+(?:you|u|we)\s+do\s+(?:that|it|this)"
    r"|how\s+much\s+(?:more|extra|will|would|is\s+(?:that|it))|(?:new|the)\s+(?:total|price)|what\s+(?:will|would)\s+(?:that|it)\s+cost"
    r"|does\s+(?:that|it)\s+(?:change|cost)|(?:any|an)\s+(?:extra|additional)\s+(?:fee|charge|cost))\b",
    re.I,
)
START_ASKED = re.compile(
    r"^\W*(?:(?:hi|hey|ok|so|also)\W+)?(?:do\s+(?:you|u|y'?all)\s+(?:guys\s+)?(?:do|have|offer)|can\s+(?:you|u|we|the\s+chef)\s+(?:start|do|come|begin))\b"
    r"(?=.*\d\s*(?:am|pm|a\b|p\b))", re.I)
OPEN_WORDS = re.compile(r"\b(?:open|free|availab\w+|openings?|dates|spots?|anything)\b", re.I)
WEEK_ASKED = re.compile(r"\b(?:(?P<next>next\s+week)|(?P<of>(?:the\s+)?week\s+of))\b", re.I)
WEEKEND_AFTER = re.compile(r"\b(?:the\s+)?(?:weekend\s+after(?:\s+that(?:\s+one)?)?|next\s+weekend)"
                            r"(?:\s+(?:instead|then|pls|please|maybe))?\W*$", re.I)
# A bare hour a move goes to: "move to 9", "push it to 7:30?", "3 instead of 6" (of a 6 PM party).
MOVE_TO_HOUR = re.compile(r"\b(?:to|for)\s+(?P<h>1[0-2]|[1-9])(?::(?P<m>[0-5]\d))?(?:\s*ish)?(?=\s*(?:$|[?.!,]|instead\b|pls\b|please\b|then\b|and\b|on\s+(?:the\s+)?(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)))")
# A bare hour wished for instead: "can we do 9 instead", "how about 3 instead?".
# ("6 is too early, 9 instead?": a bare 1-9 starting its clause)
HOUR_INSTEAD = re.compile(r"(?:\b(?:do|at|about|make\s+it)\s+(?P<h>1[0-2]|[1-9])|(?:^|[,.;!?]\s*)(?P<h2>[1-9]))(?::(?P<m>[0-5]\d))?"
                          r"\s*(?:pm|p)?\s+instead\b(?!\s+of)", re.I)
# A bare hour asked after people added: "… coming too and can we do 9".
START_AFTER_ADDED = re.compile(
    r"\b(?:and|also|plus|but|so)\s+(?:also\s+)?(?:can|could)\s+(?:we|i|u|you)\s+(?:do|make\s+it|have\s+it\s+at|start\s+at)\s+"
    r"(?P<h>[1-9])(?::(?P<m>[0-5]\d))?(?:\s*pm)?(?:\s+instead)?\s*\??\W*$", re.I)  # (10-12 may be a size)
# "6 is kinda late for us, can we do 3": the bare hour after a start found too late or
# too early (WORK_LATE) is the start wished.
CAN_DO_HOUR = re.compile(r"\b(?:can|could)\s+(?:we|i|u|you)\s+(?:do|make\s+it|have\s+it\s+at|start\s+at|go\s+with)\s+"
                         r"(?P<h>[1-9])(?::(?P<m>[0-5]\d))?(?:\s*pm)?(?!\s*(?:people|ppl|guests|adults|kids|of\b|more|fewer|less))\b", re.I)
# One count for another: "can we do 8 instead of 10" (of a party of 10).
COUNT_SWAP = re.compile(r"\b(?P<n>\d{1,2})\s+(?:people\s+|ppl\s+|guests\s+)?(?:instead\s+of|not|rather\s+than)\s+(?P<old>\d{1,2})\b"
                        r"(?!\s*(?::|am|pm|st\b|nd\b|rd\b|th\b))", re.I)
# "… instead of 10 ppl": the number before it is a count, not a start.
INSTEAD_OF_COUNT = re.compile(r"\binstead\s+of\s+\d{1,2}\s*(?:people|ppl|guests|adults|of\s+us)\b", re.I)
# The answer to "9 guests, or a 9 PM start?": the start ("9pm", "the time") or the size.
SAYS_START = re.compile(r"\b(?:pm|p\.m\.?|time|start(?:ing)?|o'?clock|evening|night)\b|\d:\d\d|\d\s*(?:pm|p)\b", re.I)
SAYS_SIZE = re.compile(r"\b(?:guests?|people|ppl|adults?|persons?|party\s+size|size|count|head\s*count|of\s+us)\b", re.I)
# Why a later or earlier start is wished: "2 of us work late", "too early", "get off at 7".
WORK_LATE = re.compile(r"\b(?:work(?:s|ing)?\s+late|get\s+off|too\s+(?:early|late)|kinda\s+(?:early|late)|traffic|commute)\b", re.I)
# A bare hour right before the day it moves to: "can we do 12 on the 27th", "3 on saturday".
HOUR_ON_DAY = re.compile(
    r"(?<![\d:/$.])\b(?P<h>1[0-2]|[1-9])(?::(?P<m>[0-5]\d))?(?:\s*ish)?\s+on\s+(?:the\s+)?"
    r"(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)")
SHORT_ZIP = re.compile(r"\bzip(?:\s*code)?\s*(?:is\s+|:|=|#)?\s*(\d{3,4}|\d{6,9})\b", re.I)
# Guests to add or take off, with no count yet: "we need to add people", "a few more guests".
ADD_PEOPLE = re.compile(
    r"\b(?:add|adding|bring(?:ing)?\s+(?:some\s+)?more|(?:a\s+few|some)\s+more|fewer|less)\s+(?:some\s+|a\s+few\s+|more\s+)?"
    r"(?:people|ppl|guests|friends|adults|kids|children)\b(?!\s+(?:to\s+(?:a|the)\s+new|for\s+(?:a|another)))"
    # ("my sister's kids are coming too": more, how many not said; it was "didn't catch that")
    r"|\b(?:my|our)\s+\w+(?:'s|s'|’s)\s+(?:kids|children|boys|girls|family|friends)\s+(?:are|r|will\s+be)\s+"
    r"(?:coming|joining)\s+(?:too|as\s+well|also)\b"
    r"(?![^.!?]*\b(?:already|includ\w*|counted|not|isn'?t|aren'?t|can'?t|cant|won'?t|wont)\b)", re.I)
# "from 6 to 3pm": a start moved from one hour to another.
HOUR_FROM_TO = re.compile(r"\bfrom\s+(?P<old>1[0-2]|[1-9])(?::00)?\s*(?:pm)?\s+to\s+(?P<h>1[0-2]|[1-9])(?::(?P<m>[0-5]\d))?\s*(?:pm)?\b")
HOUR_SWAP = re.compile(r"\b(?P<h>1[0-2]|[1-9])(?::(?P<m>[0-5]\d))?\s*(?:pm)?\s+(?:instead\s+of|not|rather\s+than)\s+(?P<old>1[0-2]|[1-9])(?::00)?\s*(?:pm)?\b")


def bare_hour(h: int, m: int = 0) -> time:
    """A bare hour as a start time: 1-9 are PM (parties run 12-9 PM), 10-12 as said."""
    return time(h + 12 if h < 10 else h, m)


# "whats available?" when the date is asked: the soonest open days.
WHATS_OPEN = re.compile(r"\b(?:what'?s|whats|what\s+is)\s*(?:open|available|free)\b", re.I)
# "what dates do you have?", "which days are open", "any availability?": the soonest open
# days whatever was asked last (it got an FAQ answer about occasions or start times).
DATES_OPEN = re.compile(
    r"\b(?:what|which)\s+(?:dates?|days)\s+(?:(?:do|would)\s+(?:you|u|y'?all)\s+(?:guys\s+)?(?:have|got)|(?:are|r|is)"
    r"\s+(?:still\s+)?(?:open|free|available|left)|(?:can|could)\s+(?:you|u)\s+do)\b"
    r"|\bany\s+(?:openings|availability)\b",
    re.I,
)
# A booked customer asking about their deposit back or the tip (not asking to cancel).
REFUND_ASK = re.compile(
    r"\b(?:get|have|receive)\s+(?:my|the|our)\s+(?:deposit|money|\$?100(?:\.00)?|\$\d+)\s+back\b|\b(?:is|was)\s+(?:my|the|our)\s+deposit\s+refundable\b"
    r"|\bdeposit\s+(?:is\s+)?refundable\b"
    # "can i get a refund on the dec 19 one if i cancel": the rule, nothing cancelled
    r"|\b(?:get|receive)\s+(?:a|my|our|the)\s+refund\b(?=.*\bif\s+(?:i|we)\s+(?:cancel|have\s+to\s+cancel)\b)",
    re.I,
)
TIP_ASK = re.compile(r"\b(?:tip|tipping)\b.{0,40}\b(?:on\s+top|extra|separately|additional|included|also"
                      r"|(?:in|part\s+of)\s+(?:the|my|our)\s+(?:total|price|quote|bill))\b"
                      r"|\b(?:that|it|this|price|total|quote)\s+(?:is\s+|'?s\s+)?(?:with|w/|incl\w*)\s+(?:the\s+)?(?:tip|gratuity)\b"
                      r"|\b(?:is|was)\s+(?:the\s+)?(?:tip|gratuity)\s+included\b"
                      r"|\bhow\s+much\s+(?:should|do|shall|would)\s+(?:i|we)\s+tip\b"
                      # "do i tip the chef", "are we supposed to tip": the booking's gratuity
                      # (the FAQ's general "not included in the food price" read as extra)
                      r"|\b(?:do|should|shall)\s+(?:i|we)\s+(?:still\s+)?(?:need\s+to\s+)?tip\b"
                      r"|\b(?:are|am)\s+(?:we|i)\s+supposed\s+to\s+tip\b"
                      # "is the $864 the total or plus tip?", "is that before tip"
                      r"|\b(?:plus|\+|before|after)\s+(?:the\s+)?(?:tip|gratuity)\b"
                      r"|\bcash\s+for\s+(?:the\s+)?(?:tip|gratuity)\b|\btip\s+in\s+cash\b", re.I)
# A price the customer offers: "can you do $800", "do it for $1500 flat", "200 dollars for 4".
PRICE_OFFERED_SRC = (
    r"\b(?:can|could|would|will)\s+(?:you|u|ya)\s+do\s+(?:(?:it|that|this|the\s+party)\s+for\s+)?\$?\d{2,5}\b"
    r"(?!\s*(?:people|ppl|guests|adults|kids|pm|am))|\$\d{2,5}\s+flat\b|\bdo\s+\d{2,5}\s*(?:dollars|bucks)\b"
    # "can you do 12 people for $500?", "700 is my budget", "we only have $600"
    r"|\bfor\s+\$\d{2,5}\b(?!\s*(?:each|per|a\s+head|pp))|\$?\d{2,5}\s+(?:is|was)\s+(?:my|our)\s+(?:budget|max|limit)\b"
    r"|\b(?:only|just)\s+have\s+\$\d{2,5}\b")
# Haggling: the price is the quote engine's; the bot cannot change it.
DISCOUNT = re.compile(
    r"\b(?:discounts?|price\s*match|coupons?|promo(?:\s*code)?|(?:any|a|good|better|special)\s+deals?\b(?!\s+with)"
    r"|negotiat\w+|best\s+price|(?:can|could|will|would)\s+(?:you|u|y'?all)\s+(?:price\s+)?match\b|quoted\s+(?:me|us)\b"
    r"|\bis\s+\$\d{2,5}\s+(?:doable|ok(?:ay)?|possible)|\bbudget\s+(?:is|of)\b"
    r"|lower\s+(?:the\s+)?price|(?:can|could|would)\s+(?:you|u)\s+do\s+\$?\d{2,5}\b"
    r"|" + PRICE_OFFERED_SRC + r"|(?:too|so|way\s+too|really)\s+(?:expensive|pricey|much\s+money)|(?:that'?s|thats|it'?s|its)\s+(?:way\s+)?too\s+much)",
    re.I,
)
PRICE_OFFERED = re.compile(PRICE_OFFERED_SRC, re.I)
DISCOUNT_ANSWER = re.compile(r"\b(?:discount\w*|deals?|coupons?|promo\w*|cheaper|price\s*match\w*|special\s+offers?)\b", re.I)
# "actually make it 14" (a bare number): the party's new size ("make it 14 and move to 3":
# with the rest of the message read as usual).
MAKE_IT_N = re.compile(
    r"^\W*(?:(?:actually|ok(?:ay)?|wait|oh|sorry|yes|yeah|yep|no)\W+)*(?:make\s+(?:it|that)|change\s+(?:it|that)\s+to|let'?s\s+(?:do|say)"
    r"|how\s+about|what\s+about|it'?s\s+(?:now|actually)|keep\s+(?:it|that)(?:\s+at)?)\s+(?P<n>\d{1,3})(?:\s+(?:pls|plz|please))?"
    r"(?:\W*$|(?=\s*(?:,|&|\+|\band\b|\bthen\b)))",
    re.I,
)
# "actually 15", "wait 15 ppl" alone: the party's new size when the form has one (a number
# that could be an hour, 1-12, is not read so: "actually 6" may be the time).
ACTUALLY_N = re.compile(
    r"^\W*(?:actually|wait|oops|sorry|correction|no|nah)\W+(?:(?:it'?s|its|we'?re|were|we\s+are|it\s+will\s+be)\s+)?"
    r"(?P<n>\d{2,3})(?:\s*(?:ppl|people|guests|of\s+us|total|in\s+total))?\W*$",
    re.I,
)
# Putting it off: "let me think about it", "ill get back to u", "need to ask my wife first".
DEFER = re.compile(
    r"\b(?:let\s+me\s+(?:think|check|ask|talk|see|discuss)|think\s+about\s+it|(?:i'?ll|i\s+will|we'?ll|we\s+will)\s+"
    r"(?:get\s+back|let\s+(?:you|u)\s+know|think|check|talk|circle\s+back|text\s+(?:you|u)|reach\s+out|be\s+in\s+touch)"
    r"|get\s+back\s+to\s+(?:you|u)|(?:ask|check\s+with|talk\s+to|run\s+it\s+by)\s+my\s+(?:wife|husband|partner|boss|family|hubby|mom|dad)"
    r"|need\s+(?:some\s+)?time\s+to\s+(?:think|decide)"
    # "not sure of the address yet", "still deciding the venue"
    r"|not\s+sure\s+(?:of|about)\s+the\s+(?:address|venue|location)|(?:still\s+)?deciding\s+(?:on\s+)?the\s+(?:venue|location|place)"
    r"|don'?t\s+(?:know|have)\s+the\s+(?:address|venue)\s+yet|no\s+(?:street|address)\s+yet"
    r"|send\s+(?:you\s+)?the\s+address\s+later|address\s+(?:is\s+)?tbd|haven'?t\s+picked\s+the\s+(?:venue|place|location)"
    r"|still\s+figuring\s+out\s+the\s+(?:location|venue|place))\b",
    re.I,
)
HOLD_ON = re.compile(r"\b(?:let\s+me\s+(?:check|ask|think)|hold\s+on|give\s+me\s+a\s+(?:sec|second|minute|min))\b", re.I)
# "actually nothing, looks good" after "what would you like to change?"
NOTHING_TO_CHANGE = re.compile(r"\b(?:nothing|all\s+good|looks\s+good|it'?s\s+(?:fine|good|right|correct)|no\s+changes?)\b", re.I)
# "do you do vegan and gluten free?", "can the chef make sushi or ramen": two short things
# asked about at once.
PAIR_ASKED = re.compile(
    r"^(?P<lead>\W*(?:do|can|does|will)\s+(?:you|u|you\s+guys|u\s+guys|y'?all|the\s+chef)\s+"
    r"(?:do|have|offer|make|cook|cater|accommodate|bring|serve|provide|take|accept)\s+)"
    r"(?P<a>[a-z][\w-]*(?:\s+[\w-]+){0,2}?)\s+(?:and|&|or)\s+(?P<b>[a-z][\w-]*(?:\s+[\w-]+){0,2}?)\W*$",
    re.I,
)
# "wait, I want to change the date", "can we change the time": an edit of the form in hand.
# ("correct" only as a verb: "correct my name"; "the address is correct, book it" is a yes)
EDIT_FORM = re.compile(r"\b(?:change|fix|update|redo|edit)\b|\bcorrect\s+(?:the|my|it|that|this|our|his|her)\b"
                       r"|\b(?:except|but\s+not)\s+(?:for\s+)?(?:the\s+|my\s+)?\w", re.I)  # ("all correct except the time")
LOCAL_NUMBER = re.compile(r"^\D*\d{3}[\s.-]?\d{4}\D*$")
# A party other than the one booked: "another party", "book for my sister", "a second event".
NEW_PARTY = re.compile(
    # ("the second booking" of two held is that booking: bot/nlu/dates.BOOKING_BY_ORDER)
    r"(?<!\bthe\s)(?<!\bmy\s)(?<!\bour\s)\b(?:another|second|new|separate|different|2nd|one\s+more)\s+(?:party|booking|event|reservation|date|dinner|one)\b"
    # "we'd love to do it again a week later", "my neighbor wants to book you too"
    r"|\b(?:do\s+(?:it|this|that|the\s+same(?:\s+thing)?)|book\s+(?:you|u))\s+(?:again|too)\b|\bthat\s+one\s+too\b"
    r"|\b(?:my|our)\s+(?:neighbou?r|friend|sister|brother|mom|mother|dad|father|boss|coworker|co-worker|cousin|aunt"
    r"|uncle|daughter|son)\s+(?:wants|would\s+like|is\s+(?:looking|hoping|interested))\s+(?:to\s+|in\s+)?(?:book|hire|a\s+quote)"
    r"|\b(?:book|booking|party|quote)\s+(?:again|too|as\s+well)\b|\balso\s+(?:want|need|like)\s+to\s+book\b"
    r"|\bfor\s+(?:my|our)\s+(?:sister|brother|friend|mom|mother|dad|father|parents|cousin|aunt|uncle|boss|coworker"
    r"|co-worker|neighbou?r|daughter|son|in-laws?)\b",
    re.I,
)
# A question tagged on a statement without punctuation: "…peanut allergy is that ok".
TAG_QUESTION = re.compile(
    r"\b(?:is\s+(?:that|this|it)\s+(?:ok(?:ay)?|fine|alright|a\s+problem|an\s+issue)"
    r"|(?:can|could)\s+(?:u|you|the\s+chef)\s+(?:handle|accommodate|work\s+with)\s+(?:that|this|it)"
    r"|will\s+(?:that|this)\s+(?:work|be\s+(?:ok|okay|a\s+problem)))\W*$", re.I)
DAY_RULED_OUT = re.compile(RULED_OUT, re.I)
CANT_MAKE = re.compile(r"\b(?:can'?t|cannot|won'?t\s+be\s+able\s+to)\s+(?:make|do)\b(?!\s+(?:it\s+)?(?:at|by)\b)", re.I)
# "whats the 110 for", "hmm whats the $150?": an amount of the quote just shown.
AMOUNT_ASKED = re.compile(r"\bwh(?:at|y)(?:'?s|\s+is)?\s+(?:the|that|this)\s+\$?(?P<n>\d[\d,]*(?:\.\d\d)?)\b(?!\s*(?:am|pm|:|people|guests|adults|kids))", re.I)
SAME_PLACE = re.compile(r"\bsame\s+(?:address|street|house|place|location)\b", re.I)
# A booking already made, for a new one: "same as last time", "same as the other one";
# its party alone: "same size", "same ppl".
SAME_AS_BEFORE = re.compile(
    r"\bsame\s+(?:thing\s+)?as\s+(?:before|b4|last\s+time|the\s+(?:other|last|first)(?:\s+(?:one|party|time|booking))?)\b", re.I)
SAME_PARTY = re.compile(
    r"\bsame\s+(?:size|party\s+size|group|ppl|people|crew|number(?:\s+of\s+(?:people|ppl|guests))?|count|headcount)\b"
    r"(?!\s+as\s+(?:my|our|his|her|their|a|the)\s+(?!last\b|other\b|first\b)\w+)", re.I)  # ("same size as my sisters party": not ours)
# "is the food the same as last time?": a question about it, not a party asked for.
SAME_ASKED = re.compile(r"\b(?:is|are|was|were|will|does|do)\s+(?:it|the|this|that|your|ur|they|you|u)\b[^.?!]{0,30}$", re.I)
HAVE_BOOKING = re.compile(r"\b(?:i|we)\s+(?:already\s+)?(?:have|got|made|booked)\s+(?:a|an|one)\s+"
                           r"(?:booking|reservation|party)\b", re.I)
CHANGE_WORD = re.compile(r"\b(?:change|switch|update|modify|move|make)\b", re.I)
# "change my booking" with nothing named: which part of it is asked.
CHANGE_BOOKING = re.compile(
    r"\b(?:change|modify|update|edit|adjust|amend|make\s+(?:a\s+)?changes?\s+to)\s+(?:my|our|the)\s+"
    r"(?:booking|reservation|party|event|order|appointment)\b",
    re.I,
)
SAME_TIME = re.compile(
    r"\bsame (?:time|slot)\b|\b(?:keep|leave) (?:the |our |it at the )?(?:same )?(?:time|slot)\b|^\W*(?:the\s+)?same\W*$", re.I)
NO_EMAIL = re.compile(r"\b(no|without|skip(?: the)?|don'?t (?:have|need)(?: an?)?)\s+(?:e-?mails?|electronic\s+mail)\b", re.I)
# A question: a "?" or a leading question word ("whats", "hows" included).
QUESTION = re.compile(
    rf"\?|^\W*{QUESTION_LEAD_IN}(what|wat|wut|wats|how|hw|do|does|can|could|is|are|r|will|would|should|where|when|who|why|which)(?:'?s)?\b"
    # "my daughter is 13 does she count as a kid": a question after a statement, no "?"
    r"|\b(?:does|do|can|will|would|should)\s+(?:she|he|they|it|that|this)\s+(?:count|need|have|work|cost|matter|get|come)\b"
    # "if i cancel do i get my money back": a conditional asked without a question mark
    r"|^\W*(?:what\s+)?if\s+(?:i|we|you|u|they|the|a|our|my|it|something)\b.*\b(?:do|does|can|could|will|would|is|are)\s+(?:i|we|you|u|they|it)\b"
    # "my 2 kids are picky eaters, do you have plain rice": a question after a comma
    r"|[,;]\s*(?:do|does|can|could|will|would|is|are)\s+(?:you|u|y'?all|ya|the\s+chef)\b"
    # "i was wondering if 13 year olds count as kids": asked through a lead-in
    r"|\b(?:wondering|wants?\s+to\s+know|want\s+to\s+know|tell\s+(?:me|us))\s+(?:if|whether|what|how|when|where|why|who)\b"
    # "we have a dog is that ok": a question asked at the end, without a question mark
    r"|\b(?:is|are)\s+(?:that|it|this|they|he|she)\s+(?:ok(?:ay)?|alright|all\s+right|fine|a\s+problem"
    r"|an\s+issue|(?:big\s+|large\s+)?enough(?:\s+(?:space|room))?)\W*$"
    # "my sister is celiac, is that gonna be a problem"
    r"|[,;]\s*(?:is|will)\s+(?:that|it|this)\s+(?:gonna|going\s+to)\s+be\s+(?:a\s+problem|an\s+issue|ok(?:ay)?|fine)\b",
    re.I,
)


def has_count(ent: Entities) -> bool:
    """Any guest count told: adults, kids or a total."""
    return ent.adults is not None or ent.kids is not None or ent.guests is not None


# "we had you cater in june": a month in the past tense is no party being planned.
PAST_TENSE = re.compile(r"\b(?:last|past|ago|did|had|was|were|loved|enjoyed)\b", re.I)

# Replies that already offer the day's free start times (no need to ask for a time).
LISTS_SLOTS = {"availability", "slot_unavailable", "ask_time"}

# The total asked without the gratuity: "whats the total if we skip the tip", "what would
# it be without the gratuity".
NO_TIP_TOTAL = re.compile(r"\b(?:without|skip(?:ping)?|w/o|minus|leave\s+out|no)\s+(?:the\s+|a\s+)?(?:tip|tips|gratuity)\b",
                          re.I)

# The day just offered, taken: "ok that one", "the first one", "soonest works".
THAT_ONE = re.compile(r"\b(?:that|the\s+(?:first|soonest|earliest))\s+(?:one|date|day)\b|\b(?:the\s+)?soonest\b"
                      r"|^\W*(?:ok(?:ay)?\W+)?that\s+(?:works|is\s+fine|sounds\s+good)\b", re.I)

# The deposit asked back with a cancel: "can i get the deposit back", "refund pls"
# (`REFUND_ASK` is the policy asked, with nothing cancelled).
DEPOSIT_BACK_WITH_CANCEL = re.compile(r"\b(?:refund\w*|money\s+back|deposit\s+back|get\s+(?:my|the|our)\s+(?:deposit|money))\b", re.I)

# Paying the deposit does not work ("the link doesnt open", "card declined"), and paying
# it asked about ("never got the link", "how do i pay").
# "i paid the deposit last night but it still says pending??": paid, and not seen.
PAID_NOT_SEEN = re.compile(
    r"\b(?:i|we)\s+(?:already\s+|just\s+)?(?:paid|sent|payed)\b[^.?!]{0,40}\b(?:still|not|hasn'?t|didn'?t|isn'?t|never)\b"
    r"[^.?!]{0,30}\b(?:pending|show(?:ing|s)?|update[ds]?|confirm\w*|received|go\s+(?:through|thru)|paid|gone\s+through)\b", re.I)
PAY_BROKEN = re.compile(
    r"\b(?:link|payment|page|card|checkout)\b.{0,30}?\b(?:doesn'?t|does\s+not|dont|won'?t|isn'?t|is\s+not|not|can'?t|cannot)"
    r"\s+(?:open(?:ing)?|work(?:ing)?|load(?:ing)?|go(?:ing)?\s+through)\b"
    r"|\bcard\s+(?:got\s+|was\s+|keeps\s+getting\s+)?(?:declined|rejected)\b|\berror\b.{0,20}?\b(?:pay|payment|checkout)"
    r"|" + PAID_NOT_SEEN.pattern, re.I)

PAY_ASKED = re.compile(r"\bhow\s+(?:do|can|should)\s+(?:i|we)\s+pay\b|\b(?:payment|pay|deposit|checkout)\s+link\b"
                       r"|\blink\s+to\s+pay\b|\bwhere\s+(?:do|can)\s+(?:i|we)\s+pay\b"
                       r"|\bnever\s+(?:got|received|came|get)\b.{0,20}?\blink\b|\b(?:re)?send\b.{0,20}?\blink\b"
                       r"|\bsend\s+(?:the\s+|my\s+|our\s+)?(?:deposit|payment|money)\b", re.I)

# The details "what would you like to change?" may name, and the question each asks again.
FIELDS = (
    ("date", r"date|day"), ("time", r"time|start|slot"),
    # ("kids" / "the adults" alone: that count only; the other stays, it was wiped too)
    ("kids", r"kids?|children|number\s+of\s+kids"), ("adults", r"adults?|number\s+of\s+adults"),
    ("guests", r"guests?|people|count|head\s*count|party\s+size"),
    ("email", r"e-?mail"), ("address", r"address|location"), ("zip", r"zip(?:\s*code)?"), ("name", r"name"),
    ("phone", r"phone|number"),
)


def changed_field(text: str, most: int = 5) -> str | None:
    """The detail named in a short reply ("the guests", "time pls"); None if not one."""
    if len(text.split()) > most:
        return None
    return next((f for f, words in FIELDS if re.search(rf"\b(?:{words})\b", text, re.I)), None)


def wrong_slot(wrong: re.Match[str]) -> str:
    """The form's slot a ``WRONG_FIELD`` match names ("the day is wrong": date)."""
    said = (wrong["f1"] or wrong["f2"] or wrong["f3"]).lower()
    return {"day": "date", "number": "phone"}.get(said, said.split()[0])


# "hold on", "brb", "one sec", "haha", "lol sorry": the customer pausing or laughing, not an
# answer that failed (two of them handed the conversation to a person).
PAUSE = re.compile(
    r"^(?=.*[a-z])\W*(?:(?:ok(?:ay)?|k|sorry|oh|oops|wait|omg|oh\s+no|hmm+)\W+)*"
    r"(?P<pause>hold\s+on|hang\s+on|(?:one|1|a)\s+sec(?:ond)?|sec|brb|be\s+right\s+back|wait(?:\s+a\s+(?:sec|min(?:ute)?))?|w8"
    r"|(?:give|gimme)\s+(?:me\s+)?(?:a|one)\s+(?:sec|min(?:ute)?|moment|second)|one\s+moment|just\s+a\s+(?:sec|min(?:ute)?|moment)"
    r"|let\s+me\s+(?:check|ask|see)(?:\s+(?:with\s+)?(?:my\s+)?(?:wife|husband|partner|hubby|family|boss))?)"
    r"?(?:\W*\b(?:lol|lmao|haha\w*|hehe\w*|ha|sorry|oops|ok(?:ay)?|k|thx|thanks|pls|please)\b)*[\W]*$",
    re.I)

# What is still to pay: of a booking held its own figures; with none, the FAQ's policy.
BALANCE_ASKED = re.compile(r"\b(?:balance|left\s+to\s+pay|owe|owed|rest\s+(?:of\s+the\s+\w+|due)|due\s+on\s+the\s+day)\b", re.I)

# "is 3 open too?", "is 3pm also available?", "what about 3, is that free?": another start
# of the day chosen, asked about.
_ASK_LEAD = r"^\W*(?:(?:and|so|ok(?:ay)?|wait|hmm+|oh)\W+)*"  # ("ok and", "hmm so": before the question)
HOUR_OPEN_ASKED = re.compile(
    _ASK_LEAD + r"(?:is|r|are)\s+"
    r"(?:the\s+)?(?P<h>1[0-2]|[1-9])(?::(?P<m>00|30))?(?:\s*(?:pm|p\.m\.|p)\b)?(?:\s*o'?clock)?"
    r"(?:\s+(?:slot|start|time))?(?:\s+(?:also|still|too))?\s+(?:open|free|available|an\s+option|possible)\b"
    r"(?![^?]*\binstead\b)[^.!]*\?\s*$", re.I)
# Another day of the form asked about, once its start is chosen: "is the 20th open?".
DAY_OPEN_ASKED = re.compile(
    _ASK_LEAD + r"(?:is|are|r|do\s+(?:you|u)\s+have|any(?:thing)?)\b"
    r"[^.!?]*\b(?:open|free|available|availability|openings?|spots?)\b(?![^?]*\binstead\b)[^.!?]*\?\s*$", re.I)
# The switch to a start just said to be open: "ok 3 then", "lets do 3", "switch to 3".
SWITCH_TO_HOUR = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|yes|yeah|yep|great|perfect|cool|sure)\W+)*(?:(?:then\s+)?(?:lets?|let'?s)\s+(?:do|go\s+with|take)\s+|"
    r"switch(?:\s+(?:it|me))?\s+to\s+|make\s+it\s+|(?:i'?ll|we'?ll)\s+take\s+)?(?P<h>1[0-2]|[1-9])(?::00)?\s*(?:pm|p)?"
    r"\s*(?:then|instead|please|pls|it\s+is)?\W*$", re.I)

# Where the party is, told: "we're in oakland", "i live in folsom", "we're based out of davis".
LOCATED_IN = re.compile(
    r"\b(?:we'?re|we\s+are|were|i'?m|im|i\s+am|we\s+live|i\s+live|we'?re\s+located|located|based|"
    r"(?:the\s+)?party\s+(?:is|will\s+be)|it'?ll\s+be|it\s+will\s+be)\s+(?:out\s+|over\s+|up\s+|down\s+|right\s+)?"
    r"(?:in|near|by|outside(?:\s+of)?|out\s+of)\s+(?!the\s+(?:morning|afternoon|evening|backyard|yard|house|park)\b)", re.I)

# "do you need the gate code too": how to get in, asked about (it went to a person).
GATE_CODE_ASKED = re.compile(
    r"\b(?:do|would|will|should|can)\s+(?:you|u|i|we)\s+(?:guys\s+)?(?:also\s+)?(?:need|want|send|give|add|include)\s+(?:you\s+)?"
    r"(?:the\s+|a\s+|our\s+|my\s+)?(?:gate|door|entry|access|building|lockbox)\s+code\b", re.I)
# "should i say yes now?" at the summary: how to confirm, asked (it went to a person).
HOW_TO_CONFIRM = re.compile(
    r"^\W*(?:(?:so|ok(?:ay)?|wait|um+)\W+)*(?:should|do|can|shall)\s+i\s+(?:just\s+)?(?:say|reply|type|text|hit|press|put)\s+"
    r"(?:yes|y|ok(?:ay)?|confirm)\b", re.I)

# "how far in advance should i book?": time ahead, not distance.
HOW_FAR_AHEAD = re.compile(r"\bhow\s+far\s+(?:in\s+advance|ahead|out|before|back)\b", re.I)

