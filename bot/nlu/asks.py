"""Readings of a whole customer message that pick the engine's path (session 10).

Each pattern names what the customer asks ("how much is the deposit?", "how much per
head?", "what's my total again?") so the engine can answer it from the booking core,
or says what a phrase is not ("how far in advance" is not travel, "how are you today"
is no party for today). Pure patterns: no state, no I/O.
"""

from __future__ import annotations

import re

# A question about when to book, not a request to book: "how far in advance should i book?",
# "when do we need to reserve by?". The FAQ answers it even beside booking facts.
WHEN_TO_BOOK = re.compile(
    r"^\W*(?:how\s+(?:far|soon|early|late|long|much\s+notice|many\s+(?:days|weeks))"
    r"|when\s+(?:should|do|does|must|would|is))\b",
    re.I,
)

# A question the zip in the same message answers better than the FAQ can ("do you travel
# to portland oregon? zip 97201"): the zip is checked and quoted, out of area or not.
AREA_QUESTION = re.compile(
    r"\b(?:travel(?:ing)?|mileage|miles?|distance|service\s+area)\b"
    r"|\b(?:come|go|drive|cater|deliver)\s+(?:out\s+)?(?:to|in|near|as\s+far\s+as)\b"
    r"|\bhow\s+far\s+(?:do|will|can|would)\b|\bin\s+(?:your|ur)\s+(?:service\s+)?area\b"
    # "redding ca, 15 ppl. can u come" (not "can you come at 5", "come earlier")
    r"|\b(?:can|could|will|would|do)\s+(?:you|u|y'?all)\s+(?:guys\s+)?come(?:\s+(?:out|there|here))?\s*(?:\?|$)",
    re.I,
)

# "do you service fresno?", "can you come out to davis": asking whether we come to a place
# (with AREA_QUESTION), when a city is named instead of a zip.
SERVES_PLACE = re.compile(
    r"\b(?:servic(?:e|es|ing)|serve[sd]?|serving|cover(?:s|ed|ing)?|reach|come\s+out"
    r"|out\s+(?:here|there|this\s+way)|(?:go|get|make\s+it)\s+(?:out\s+)?to|how\s+far)\b",
    re.I,
)

# "do you guys do lunch parties?", "can we do it for brunch": a time of day, which the
# station's start times answer (not the FAQ).
MEAL_ASKED = re.compile(
    r"\b(?:(?:do|can|could|would|will)\s+(?:you|u|y'?all|ya)\s+(?:guys\s+)?(?:do|cater|have|offer|host"
    r"|come\s+(?:for|at))|can\s+(?:we|i)\s+(?:do|have|book)\s+(?:it|one|a\s+party|the\s+party)?\s*(?:for|at))"
    r"\s+(?:a\s+|an\s+)?(?P<meal>breakfast|brunch|lunch|dinner|morning|afternoon|evening|late[-\s]?night"
    r"|daytime)\b(?!\s+(?:menu|options?|food|dishes|items))",
    re.I,
)

# "how much is the deposit?": an amount the booking core holds, not the FAQ.
# "whats the minimum?", "is there a minimum spend": the event minimum is a price, so the
# station's own amount answers (the rates line), not an FAQ's wording.
MINIMUM_ASKED = re.compile(
    r"\b(?:what(?:'?s|\s+is)\s+(?:the|your|ur)|is\s+there\s+(?:a|any)|do\s+(?:you|u)\s+have\s+(?:a|any))\s+"
    r"(?:event\s+|order\s+|price\s+|booking\s+)?minimum(?:\s+(?:spend|order|charge|price|cost|amount|total))?\W*$",
    re.I,
)

DEPOSIT_AMOUNT = re.compile(
    r"\bhow\s+much\s+(?:is\s+|are\s+|was\s+|would\s+be\s+|will\s+be\s+|for\s+)?(?:the\s+|a\s+|your\s+|ur\s+|my\s+|our\s+)?deposit\b"
    r"|\bdeposit\s+(?:amount|cost|price|size)\b|\bhow\s+(?:big|much)\s+of\s+a\s+deposit\b"
    r"|\bhow\s+much\s+(?:do|would|will)\s+(?:i|we)\s+(?:need\s+to\s+|have\s+to\s+)?(?:put\s+down|pay\s+(?:up\s*front|now|to\s+book))\b"
    r"|\bwhat(?:'?s|\s+is)\s+(?:the|your|ur)\s+deposit(?:\s+(?:again|amount))?\W*$"
    # session 22 QA: "is the $100 deposit on top of the 900?", "when is the rest due" (a
    # person, or the cancellation entry)
    r"|\bdeposit\s+(?:on\s+top|extra|separate|in\s+addition|included|part\s+of)\b|\bon\s+top\s+of\b[^?.!]{0,20}\bdeposit\b"
    r"|\b(?:rest|remainder|balance|remaining\s+(?:balance|amount))\s+(?:is\s+)?due\b"
    # "is the deposit 100?", "is it a $100 deposit"
    r"|^\W*is\s+(?:the\s+|your\s+|ur\s+)?deposit\s+(?:still\s+|just\s+|only\s+)?\$?\d+(?:\.\d\d)?\b"
    r"|^\W*is\s+(?:it|that)\s+(?:a|an|the)\s+\$?\d+(?:\.\d\d)?\s+deposit\b",
    re.I,
)

# A day in small talk ("how are you doing today?"), not a party date.
PASSING_DAY = re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening)|(?:your|ur)\s+day)\b", re.I)

# "what time slots do you have?" beside a date: that day's availability answers it.
# ("what time does the chef arrive?" is not one: a plural, a slot word or "open" is.)
SLOTS_QUESTION = re.compile(
    r"\b(?:time\s+slots?|slots?|what\s+times|which\s+times?|what\s+time\s+(?:is|are)\s+open"
    r"|(?:earliest|latest)\s+(?:start\s+)?time|which\s+is\s+(?:the\s+)?(?:earliest|latest)"
    r"|openings?|availab\w+|open"
    # "whats later in the day", "anything earlier?"
    r"|(?:anything|something|what'?s|whats)\s+(?:later|earlier)(?:\s+in\s+the\s+day)?|later\s+in\s+the\s+day)\b",
    re.I,
)

# "what time is the chef coming on sunday?", "when do you guys get here": from a customer
# with a booking, a question about that booking (not the open times of the next Sunday).
CHEF_ARRIVAL = re.compile(
    r"\b(?:what\s+time|when)\s+(?:is|does|will|are|do|would)\s+(?:the\s+|our\s+|my\s+)?"
    r"(?:chef|cook|you(?:\s+guys)?|u(?:\s+guys)?|y'?all)\s+(?:be\s+)?"
    r"(?:come|coming|arrive|arriving|get(?:ting)?\s+(?:here|there)|here|show(?:ing)?\s+up|start(?:ing)?\s+setting\s+up)\b",
    re.I,
)

# "what do you need from me to book?": the booking form's fields, from the engine itself.
BOOKING_NEEDS = re.compile(
    r"\bwhat\s+(?:do|would|will)\s+(?:you|u|y'?all)\s+need\s+(?:from\s+(?:me|us)|to\s+(?:book|reserve|make\s+a"
    r"\s+(?:booking|reservation)))"
    r"|\bwhat\s+(?:info|information|details)\s+(?:do|would)\s+(?:you|u)\s+need\b"
    r"|\bwhat\s+do\s+(?:i|we)\s+need\s+to\s+(?:book|reserve)\b|\bhow\s+do\s+(?:i|we)\s+book\b"
    # "how does booking work", "what's the booking process"
    r"|\bhow\s+(?:does|do)\s+(?:the\s+)?(?:booking|reservations?)(?:\s+process)?\s+work\b"
    r"|\bwhat(?:'?s|\s+is)\s+the\s+(?:booking|reservation)\s+process\b"
    # "i'd like to book. how does it work?": after a wish to book, "it" is the booking
    r"|\b(?:book|booking|reserve)\b.*\bhow\s+(?:does|do)\s+(?:it|this|that)\s+(?:all\s+)?work\b"
    # a bare "so how does this work?": nothing but the service for "it" to be (the FAQ
    # matched it on the word "work", as "we will work with you" in the rain entry)
    r"|^\W*(?:(?:hi|hello|hey|ok|okay|so)\W+)*how\s+(?:does|do)\s+(?:it|this|that)\s+(?:all\s+)?work\W*$",
    re.I | re.S,
)

# "we have 90 people", "party of 12": the whole party's size, told as such (not "two of us
# don't eat meat", which describes some of it).
PARTY_TOTAL = re.compile(
    r"\b(?:we\s+have|we\s+are|we'?re|there\s+will\s+be|there'?ll\s+be|party\s+of|group\s+of"
    r"|expecting)\s+(?:about\s+|around\s+|like\s+|roughly\s+|maybe\s+)?\d{1,4}\b",
    re.I,
)

# "how much per head?": the per-guest rates (before a guest count, or beside a quote).
PER_HEAD = re.compile(
    r"\bper\s+(?:person|head|plate|guest|adult|kid|pp)\b|\ba\s+head\b|\bpp\b|\beach\s+person\b"
    # "how much is it for the kids?", "how much for a child": a rate, not a party's count.
    r"|\bhow\s+much\b[^?.!]*?\b(?:for|per)\s+(?:the\s+|a\s+|an\s+|each\s+|one\s+)?"
    r"(?:kids?|child(?:ren)?|adults?|little\s+ones?)\b"
    # "how much are kids?" (asked while the kids were counted: the question was dropped)
    r"|\bhow\s+much\s+(?:are|r|is|do)\s+(?:the\s+)?(?:kids?|child(?:ren)?|adults?)(?:\s+cost)?\W*$"
    # "how much for a bday party?", "how much is a hibachi dinner": a party with no count
    # is priced by the rates (the count is asked next), not by the FAQ's list of occasions.
    r"|\bhow\s+much\s+(?:is\s+it\s+|would\s+it\s+be\s+|does\s+it\s+cost\s+|do\s+(?:you|u)\s+charge\s+)?"
    r"(?:for|is|are|to\s+(?:book|get|have|do))\s+(?:a|an|one|your|ur)\s+(?:[a-z'0-9]+\s+){0,2}?"
    r"(?:party|parties|event|dinner|celebration|gathering)\b",
    re.I,
)

# The rates asked in other words: "how much do u charge", "whats the kid price?", "do kids
# pay full price" (the FAQ's answer has no figures: they come from the quote engine).
RATES_ASKED = re.compile(
    r"\b(?:how\s+much|what)\s+do\s+(?:you|u|y'?all|you\s+guys|u\s+guys)\s+charge\b"
    r"|\bwhat\s+(?:are|r|is)\s+(?:your|ur|the)\s+(?:prices?|rates?|pricing)\b"
    r"|\bwhat'?s\s+(?:the|your|ur)\s+(?:kids?|child|children|adults?)(?:'?s)?\s+(?:price|rate|cost)\b"
    r"|\bhow\s+much\s+(?:are|r|is)\s+(?:the\s+)?(?:kids?|child(?:ren)?|adults?)\b(?!\s+(?:and|&|\+|\d))"
    r"|\bdo\s+(?:kids|children|little\s+ones)\s+(?:pay|cost|eat)\s+(?:full\s+price|the\s+same|less|free|for\s+free)\b"
    r"|\bdo\s+(?:kids|children)\s+(?:under\s+\d{1,2}\s+)?eat\s+(?:for\s+)?free\b"
    # "what's the price for hibachi" (the FAQ's what's-included answered)
    r"|\bwhat'?s\s+(?:the|your|ur)\s+(?:price|cost|rate)s?\s+(?:for|of)\s+(?:a\s+|the\s+)?hibachi\b",
    re.I,
)

# "do you come to me?", "can you come to my place?": whether the chef comes to the customer
# (it went to a person).
COME_TO_US = re.compile(
    r"\b(?:do|can|will|would|could)\s+(?:you|u|y'?all|the\s+chef)\s+(?:guys\s+)?(?:come|travel|cook)\s+(?:out\s+)?(?:to|at|over\s+to)\s+"
    r"(?:me|us|my|our|the\s+(?:house|home))(?:\s+(?:place|house|home|apartment|apt|backyard))?\s*(?:\?|$)",
    re.I,
)

# "can 1 chef handle that?", "is 45 ppl too many for one chef?": one chef's limit asked.
ONE_CHEF_ENOUGH = re.compile(
    # (not "can the chef handle that?" after an allergy: the allergy is asked about)
    r"\b(?:can|could|will|would)\s+(?:1|one|a\s+single)\s+chef\s+(?:handle|manage|cook\s+for|do|cover)\b"
    r"|\btoo\s+(?:many|big|much)\s+for\s+(?:1|one|a\s+single|the|a)\s+chef\b"
    r"|\b(?:do|will)\s+(?:we|i)\s+need\s+(?:2|two|more\s+than\s+one|another|a\s+second)\s+chefs?\b"
    r"|\bhow\s+many\s+chefs\s+(?:do|will|would)\s+(?:we|i)\s+need\b",
    re.I,
)

# "from 6pm to 3pm" in a change: the group is what comes after "to".
FROM_TO = re.compile(r"\bfrom\s+[^,.!?]{1,25}?\s+to\s+([^,.!?]+)", re.I)

# "can you …", "do y'all …": a question to us, even with no question mark.
ASKS_US = re.compile(r"\b(?:can|could|do|does|will|would)\s+(?:you|u|y'?all)\b", re.I)

# A word for kids: "how much would 6 be?" has none, so 6 is not six kids.
KID_WORD = re.compile(r"\b(?:kids?|child|children|little\s+ones?|toddlers?|babies|baby|under\s+\d+)\b", re.I)

# "what's my total again?", "how much do we still owe?": the booking's (or the standing
# quote's) own numbers, from the booking core.
MY_TOTAL = re.compile(
    r"\bwhat(?:'?s|\s+is|\s+was)\s+(?:my|our|the)\s+(?:total|balance|bill)\b"
    r"|\bhow\s+much\s+(?:do\s+(?:i|we)\s+(?:still\s+)?owe|is\s+(?:left|due|(?:the|my|our)\s+(?:balance|total))"
    r"|(?:do|will)\s+(?:i|we)\s+(?:still\s+)?(?:have|need)\s+to\s+pay\s+(?:on\s+the\s+day|at\s+the\s+party|later))\b"
    r"|\b(?:remaining|outstanding)\s+balance\b"
    # "what do i still owe for the january party" (a person)
    r"|\bwhat\s+(?:do|will)\s+(?:i|we)\s+(?:still\s+)?owe\b"
    r"|\b(?:is\s+(?:that|this|it)|what'?s|whats)\s+(?:the\s+|my\s+|our\s+)?final\s+(?:price|cost|amount|total)\b",
    re.I,
)


# "is that the final price or are there extra fees?": what a given quote's total holds.
# Why the total is what it is: "why is it $660 for 3 ppl", "how come its so much for 4".
WHY_PRICE = re.compile(
    r"\b(?:why|how\s+come)\b[^?.!]{0,20}?(?:\$\s?\d[\d,]*|\b(?:price|total|cost|so\s+(?:much|expensive|high)|that\s+much|expensive)\b)", re.I)
FINAL_PRICE = re.compile(
    r"\b(?:final\s+(?:price|total|cost|amount)|extra\s+(?:fees?|charges?|costs?)|hidden\s+(?:fees?|charges?|costs?)"
    r"|other\s+(?:fees?|charges?|costs?)|additional\s+(?:fees?|charges?|costs?)|all[\s-]+in(?:clusive)?"
    r"|(?:is|that'?s)\s+(?:that|it|this)\s+(?:everything|the\s+(?:whole|full)\s+(?:price|total|thing)))\b",
    re.I,
)

# "can we change the address to 456 Pine St": a change to a booked party's address, which
# only staff make (the bot has no address change of its own).
ADDRESS_CHANGE = re.compile(
    r"\b(?:change|update|correct|fix)\s+(?:the\s+|my\s+|our\s+)?(?:party\s+|event\s+)?"
    r"(?:address|location|venue)\b|\b(?:new|different)\s+(?:address|location|venue)\b"
    r"|\b(?:address|location)\s+(?:is\s+|was\s+)?(?:wrong|changed|incorrect)\b"
    r"|\b(?:new|different)\s+zip\b|\bwe(?:'?ve|\s+have)?\s+moved\b(?!\s+(?:it|(?:the|our)\s+(?:party|date|day|booking|time|event)))",  # "we moved, new zip is 95616"
    re.I,
)

# "what's your next available date?", "how soon can you come?", "whats the earliest you can
# come": the soonest days with a chef free, from the booking core (not the FAQ's lead time).
SOONEST = re.compile(
    r"\b(?:next|first|soonest|earliest)\s+(?:available|open|opening|free)\b|\bsoonest\b"
    r"|\bearliest\s+(?:date|day|(?:you|u|we|i)\b(?!\s+(?:can|could)\s+(?:start|begin|get\s+(?:here|there)|arrive))|possible|opening|availab\w+)\b"
    r"|\bhow\s+soon\s+(?:can|could|would)\s+(?:you|u|y'?all)\b"
    # "when are you available?" with no day: the soonest open days
    r"|^\W*(?:(?:hi|hey|hello|ok|so)\W+)?when\s+(?:are|r)\s+(?:you|u|y'?all|you\s+guys)\s+(?:available|free|open)\W*$"
    r"|\bnext\s+(?:opening|availability|open\s+(?:date|day|slot))\b"
    # "whats open in the next couple weeks"
    r"|\b(?:open|free|availab\w+|openings?)\b.{0,30}\b(?:next|coming)\s+(?:couple|few|2|two|3|three)\s+"
    r"(?:of\s+)?weeks\b",
    re.I,
)

# "when is the next saturday you have open": the first such weekday with a chef free, not
# the next such weekday whether or not it is free.
NEXT_OPEN_WEEKDAY = re.compile(
    r"\b(?:next|first|earliest|soonest)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+"
    r"(?:that\s+|when\s+)?(?:(?:you|u|y'?all)\s+(?:have|are|got)\s+|(?:is|are)\s+|you'?re\s+)?"
    r"(?:open|free|available)\b",
    re.I,
)

# Words that make a month a question about open days: "dates in march", "anything in march",
# "are you booked up in march", "any saturdays open next month", "a saturday in january",
# "what do you have in january".
DAYS_ASKED = re.compile(
    r"\b(?:dates?|days?|openings?|availab\w+|anything|open|free|spots?|booked|weekends?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)days|(?:a|any|some)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|what\s+(?:do|does|would)\s+(?:you|u|y'?all)\s+have"
    # "sometime in feb", "mid january": a month, no day yet
    r"|some\s*time\s+in|any\s*time\s+in|(?:early|mid|late)(?:\s+|-)(?=jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))\b",
    re.I,
)

# "how much is that?", "what's the total?" (the whole message): the price of what is
# already on the table, so a standing quote answers it, not the FAQ's pricing entry.
THAT_PRICE = re.compile(
    r"^\W*(?:(?:so|ok|okay|and|wait)\W+)?(?:how\s+much\s+(?:is|would|will|does)\s+(?:that|it|this|all\s+that)"
    r"(?:\s+(?:be|cost|come\s+(?:to|out\s+to)))?|what(?:'?s|\s+is|\s+would\s+be)\s+(?:the\s+)?(?:price|cost|total))"
    r"(?:\s+(?:then|again|total|altogether))?\W*$",
    re.I,
)


# "I changed my mind", "not ready yet", "never mind": the customer stops the form.
STOP_BOOKING = re.compile(
    r"\b(?:changed?\s+(?:my|our)\s+minds?|(?:don'?t|do\s+not|dont)\s+want\s+to\s+(?:book|do\s+(?:it|this)|go\s+ahead|continue)"
    r"|not\s+ready(?:\s+yet)?|never\s*mind|nvm|^\W*forget\s+(?:it|about\s+it)|maybe\s+(?:later|another\s+time)"
    r"|not\s+(?:right\s+)?now|i'?ll\s+(?:think\s+about\s+it|get\s+back\s+to\s+you)|(?:we'?ll|i'?ll|let'?s)\s+do\s+it\s+another\s+time)\b",
    re.I,
)
# The whole message asks to begin again.
START_OVER = re.compile(
    r"^\W*(?:(?:can\s+we|let'?s|lets|i\s+want\s+to|please)\s+)?(?:start\s+(?:over|again|from\s+scratch)|restart|reset"
    r"|begin\s+again|redo\s+(?:it|this))\W*(?:please|pls)?\W*$",
    re.I,
)
# "3 kids (ages 4, 8, 14)", "kids are ages 4 and 14": the ages of the kids told.
KID_AGES = re.compile(
    r"(?:\bages?|\baged|\b(?:who|that)\s+are|\b(?:kids|children)\s+(?:are|r)|\b(?:kids|children|boys|girls|sons|daughters)\s*(?:now\s*|too\s*)?\("
    # "3 kids, they're 5, 9 and 14"
    r"|\b(?:kids|children|boys|girls|sons|daughters|nephews|nieces)"
    # ("my 2 kids are coming too, they're 8 and 14")
    r"(?:\s+(?:are|r)\s+(?:coming|joining)(?:\s+(?:too|as\s+well|also))?)?\W+(?:they'?re|theyre|they\s+are))"
    # ("2 kids (one 13, one 8)")
    # ("the 4 kids are 5 7 9 and 14": spaces alone between the ages)
    r"\s*(?:are\s+|of\s+|:\s*)?(?P<ages>(?:one\s+)?\d{1,2}(?:(?:\s*(?:,|and|&|/)\s*|\s+)(?:and\s+)?(?:one\s+)?\d{1,2})+)\b",
    re.I,
)
