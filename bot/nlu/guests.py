"""Party size: adults, kids (12 and under) and an unsplit total of guests.

Input is normalised text (see :mod:`bot.nlu.numbers`) from which dates, times, zips,
phones and addresses have already been blanked out, so every number left is a
candidate count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlu.notes import CHOOSE, PROTEIN
from bot.nlu.spans import Span, blank

# Kids are 12 and under (DOMAIN.md): guests told by age are counted with it. (The engine
# reads the station's own kid age for "3 kids (ages 4, 8, 14)"; this reader has no station.)
KID_AGE = 12

ADULT_WORDS = (
    r"adults?|grown[\s-]?ups?|grownups?|men|man|women|woman|ladies|lady|gentlemen|gentleman"
    r"|gents|guys|guy|gals|gal|dudes|teens?|teenagers?|seniors?|elders?|parents?|moms?|dads?"
    r"|couples?|big\s+people"
    # "~50 employees + 10 of their kids": a work party's grown-ups
    r"|employees|coworkers|co-workers|colleagues|staff\s+members|team\s+members"
)
KID_WORDS = (
    r"kids?|kiddos?|kiddies|children|child|chil?dren|little\s+ones?|littles|lil\s+ones"
    r"|toddlers?|babies|baby|infants?|minors|youngsters|young\s+ones|little\s+people"
    r"|small\s+people|under\s*12s?|boys\s+and\s+girls"
    r"|grand\s?kids?|grandchild(?:ren)?|grandbab(?:y|ies)"  # ("nephews" may be grown: not here)
)
GUEST_WORDS = (
    r"people|persons?|person|guests?|pax|heads|folks|attendees|diners|eaters|individuals"
    r"|humans|bodies|mouths(?:\s+to\s+feed)?|total|in\s+total|altogether|all\s+together"
    # ("2 of us work late", "3 of them are vegetarian": some of the party, not its size)
    r"|of\s+(?:us|them)(?!\s+(?:work|works|working|get\s+off|gets\s+off|have\s+to|has\s+to|need\s+to|are\s+(?:vegetarian|vegan|allergic)"
    r"|(?:can'?t|cant|don'?t|dont)\s+eat|eat)\b)"
)
_FILLER = (
    r"(?:\s+(?:of\s+(?:them|which|whom|those|the\s+guests|the\s+people|their|our)|are|will\s+be|would\s+be"
    r"|being|is|who\s+are|that\s+are|hungry|little|small|young|younger|older|big|grown|more"
    r"|extra|fewer|less|other|additional|teenage|lovely|wonderful|amazing|awesome|happy|very|sweet|cute"
    r"|total|hibachi|adult|kid|x))*"
)
# ("15-ish adults", "12 or so adults", "20ish adults" were not read)
_NUM = r"(?P<n>\d{1,4})(?:\s*(?:x|\+)|\s*-?ish|\s+or\s+so)?"
_KID_AFTER = r"(?:\s*\(?\s*(?:under|below|12\s+and\s+under|ages?|aged?)\s*\d*\s*\)?)?"

_ADULT_RE = re.compile(rf"\b{_NUM}{_FILLER}\s*(?:{ADULT_WORDS})\b")
_KID_RE = re.compile(rf"\b{_NUM}{_FILLER}\s*(?:{KID_WORDS})\b{_KID_AFTER}")
_GUEST_RE = re.compile(rf"\b{_NUM}{_FILLER}\s*(?:{GUEST_WORDS})\b")
# "me and my 3 friends", "myself + 2 others", "my 4 coworkers and i": the speaker counts too.
_SELF_PLUS_RE = re.compile(
    r"\b(?:me|myself|i)\s*,?\s*(?:and|plus|\+|&|with)\s+(?:my\s+|the\s+|about\s+)?"
    r"(?P<n>\d{1,3})\s+(?:of\s+my\s+)?(?P<noun>[a-z'-]+)"
    r"|\bmy\s+(?P<n2>\d{1,3})\s+(?P<noun2>[a-z'-]+)\s*,?\s*(?:and|&|\+|plus)\s+(?:me|i|myself)\b"
)
# "me and my wife", "me, my sister and a colleague": one person per listed relative.
_SELF_LIST_RE = re.compile(
    r"\b(?:me|myself)(?P<items>(?:\s*(?:,|and|&|\+|plus)\s*(?:and\s+)?(?:my|a|an|his|her|their"
    r"|our)\s+(?:(?!and\b)[a-z'-]+\s+)?(?!and\b)[a-z'-]+)+)"
)
_ITEM_RE = re.compile(
    r"\b(?:my|a|an|his|her|their|our)\s+(?:(?!and\b)[a-z'-]+\s+)?(?P<noun>(?!and\b)[a-z'-]+)"
)
# "we have 3 vegetarians", "cook for 2 vegans": some of the party, not its size.
_SOME_OF_PARTY = r"|vegetarians?|vegans?|veggies|pescatarians?|allerg\w*|celiacs?|gluten\w*|picky|dairy\w*"
_ONLY_ME_RE = re.compile(r"\b(?:just|only)\s+(?:me|myself)\b(?!\s*(?:,|and|&|\+|plus))"
                         r"|\bfor\s+a\s+couple\b(?!\s+(?:of|more))")
_OTHER_TOTAL_RE = re.compile(
    r"\b(?:(?:number|count)\s+of\s+(?:people|guests|persons|diners)(?:\s+[a-z']+){0,4}?"
    # "headcount is now 15"
    r"|head\s*count|guest\s+count|party\s+size)\s+"
    r"(?:is|=|:|will\s+be|would\s+be)\s+(?:now\s+|going\s+to\s+be\s+)?(?P<n>\d{1,4})\b"
    r"|\ball\s+(?P<n2>\d{1,3})\b(?=\s+(?:of\s+us|together|seated|of\s+them|people|guests))"
    r"|\b(?:for\s+)?us\s+(?P<n3>\d{1,3})\b(?!\s*(?:/|:|am\b|pm\b))"
    # "12 now, still good for 6?", "its 12 now": the party restated (it was a party of 6)
    r"|(?:^\W*|\b(?:it'?s|its|it\s+is|so|ok(?:ay)?|update:?)\s+)(?P<n4>\d{1,3})\s+now\b(?!\s*(?:am|pm|:|o'?clock|works?|ok|okay|good|fine|better|is\b))"
)
# "change from 10 adults to 12": the new count keeps the old one's label.
_FROM_TO_RE = re.compile(
    rf"\bfrom\s+\d{{1,4}}\s+(?P<label>{ADULT_WORDS}|{KID_WORDS}|{GUEST_WORDS})\s+to\s+(?P<n>\d{{1,4}})\b"
    rf"(?!\s*(?:{ADULT_WORDS}|{KID_WORDS}|{GUEST_WORDS}|am\b|pm\b|:))")
# Numbers the customer takes back: "not 4", "from 8 people to 7", "instead of 6".
_RETRACTED_RE = re.compile(
    r"\b(?:not|instead\s+of|rather\s+than|no\s+longer)\s+\d{1,4}\b|\bfrom\s+\d{1,4}(?:\s+(?:people|guests|persons|adults|kids))?"
    r"(?=\s+to\b)"
)
_LABEL_RE = re.compile(
    # ("one of the kids is 13": an age, not 13 kids)
    rf"(?<!of\sthe\s)(?<!of\sour\s)(?<!of\smy\s)\b(?P<kind>{ADULT_WORDS}|{KID_WORDS}|{GUEST_WORDS}|party\s+size|headcount|head\s+count"
    rf"|guest\s+count)\s*(?:\(\s*[^)]*\)\s*)?(?:[:=\-]|is|are|will\s+be|would\s+be)?"
    # "20 ppl 4 kids": a number with its own noun is not this label's value (but in
    # "adults 10 kids 3" that noun is the next label)
    rf"\s*(?P<n>\d{{1,4}})\b(?!{_FILLER}\s*(?:{ADULT_WORDS}|{KID_WORDS}|{GUEST_WORDS})\b"
    rf"(?!\s*(?:[:=\-]|is|are)?\s*\d))"
)
_TOTAL_RE = re.compile(
    r"\b(?:party|group|table|crowd|gathering|family)\s+(?:of|for)\s+(?:about\s+|around\s+|like\s+"
    r"|approx(?:imately)?\s+|roughly\s+|maybe\s+|~\s*)?(?P<n>\d{1,4})\b"
    r"|\b(?:we\s+are|we're|were|we\s+will\s+be|we'll\s+be|there\s+will\s+be|there'll\s+be"
    r"|we\s+(?:might|may|could|should|would)\s+be|we'?d\s+be"
    r"|there\s+are|there\s+is|we\s+have|expecting|expect|inviting|invited|feeding|feed"
    r"|total\s+(?:of|is)?|just|only|about|around|approx(?:imately)?|roughly|maybe)\s+"
    # ("we're now 14" after a quote was "didn't catch that")
    r"(?:now\s+|actually\s+)?(?:about\s+|around\s+|like\s+|approx(?:imately)?\s+|roughly\s+|maybe\s+|~\s*)?"
    r"(?P<n2>\d{1,4})\b(?!\s*(?:/|:|st\b|nd\b|rd\b|th\b|am\b|pm\b|dollars|bucks|%|days?|weeks?"
    # ("maybe 2 or 3 weeks out": a time span, not 2 guests)
    r"|(?:or|to|-)\s*\d{1,3}\s+(?:days?|weeks?|wks?|months?|years?|hours?|hrs?|minutes?|mins?)\b"
    r"|months?|years?|hours?|hrs?|minutes?|mins?|miles?|mi\b|dogs?|cats?|pets?"
    + _SOME_OF_PARTY + r"))"
)
_FOR_RE = re.compile(
    r"\b(?:for|4)\s+(?:about\s+|around\s+|like\s+|approx(?:imately)?\s+|roughly\s+|~\s*)?"
    r"(?P<n>\d{1,3})\b(?!\s*(?:/|:|\.\d|st\b|nd\b|rd\b|th\b|am\b|pm\b|a\.m|p\.m|o'?clock|ish"
    r"|dollars|bucks|%|days?|weeks?|months?|years?|hours?|hrs?|minutes?|mins?|miles?|\$"
    + _SOME_OF_PARTY + r"))"
)
_NO_KIDS_RE = re.compile(
    rf"\b(?:no|zero|without(?:\s+any)?|not\s+any|none\s+of\s+them)\s+(?:{KID_WORDS})\b"
    rf"|\b(?:just|only|all)\s+(?:{ADULT_WORDS})\b|\b(?:{ADULT_WORDS})\s+only\b"
    rf"|\b(?:{KID_WORDS})\s*(?:[:=\-]|is|are|will\s+be)?\s*(?:none|no|nope|zero)\b"
    rf"|\b(?:no|don't\s+have\s+any|dont\s+have\s+any|not\s+bringing\s+any)\s+(?:little|small)"
    rf"\s+ones\b"
)
_ADDITIVE_RE = re.compile(r"\b(?:and|plus|also|additional|extra|more|on\s+top)\b|\+|&")
_SUBTRACT_RE = re.compile(r"\b(?:includ\w*|incl|inc|of\s+(?:them|which|whom|those)|among|being)\b")
_BARE_NUM_RE = re.compile(r"(?<![\d$#/:.])\b(?P<n>\d{1,4})\b(?![\d/:]|\.\d|%)")
# Answers to "how many are kids?" that mean none: "nope", "0", or a bare "adults"
# ("they're all grown ups" is caught by _NO_KIDS_RE).
_NONE_RE = re.compile(
    r"^\W*(?:(?:none|no|nope|nah|zero|0|no\s+kids|no\s+children|nobody)\b|(?:all\s+)?(?:adults|grown\s*ups)\W*$)"
)
_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")
# An answer to "of the 8 guests, how many are kids?" that opens with the count, maybe with
# the kids' ages after it: "2 of them are 4 and 6", "2, ages 4 and 6", "3 of them".
_KIDS_ANSWER_RE = re.compile(
    r"^\W*(?:(?:not\s+sure(?:\s+yet)?|idk|i\s+think|hmm+|um+|prob(?:ably)?|maybe|like|around|roughly)\W+)*"
    r"(?:just\s+|only\s+|about\s+)?(?P<n>\d{1,3})\b(?:\s+of\s+(?:them|those|the\s+guests))?"
    r"(?=\s*(?:$|[,.!)]|are\b|is\b|will\s+be\b|ages?\b|aged\b|\())"
)
# ("between 5 and 7" at the guests question was 5 adults + 7 kids)
_RANGE_RE = re.compile(r"\b(?:between\s+(?P<a2>\d{1,3})\s+and\s+(?P<b2>\d{1,3})|(?P<a>\d{1,3})\s*(?:or|-|\u2013|to)\s*(?P<b>\d{1,3}))\b"
                       r"(?!\s*(?:am|pm|:))")
# "my kids are 10 and 12", "the kids are 4, 6 and 9 years old": ages, one per kid.
_KID_AGES_RE = re.compile(
    # ("kids are 4 and 9" as the answer to "how many kids?"; "kids aged 3 and 11" anywhere)
    r"(?:\b(?:my|our|the|his|her|their)\s+|^\W*|(?<=,\s)|\b(?=(?:kids|children)\s+aged?\b))"
    r"(?:kids|children|boys|girls|sons|daughters|little\s+ones)"
    r"\s+(?:(?:are|r|will\s+be)\s+(?:ages?\s+)?|aged?\s+)(?P<ages>\d{1,2}(?:\s*,\s*\d{1,2})*\s*(?:,\s*)?(?:and|&)\s*\d{1,2})"
    r"(?!\s*(?:adults?|kids?|people|guests|\d))"
)
# An age, not a count: "a 12 yr old", "13-year-olds", "is 13 a kid".
_AGE_BOUND_RE = re.compile(r"\b(?:under|over|below|above|younger\s+than|older\s+than)\s+\d{1,2}\b(?!\s*(?:kids?|adults?|people|guests))")
# "2 toddlers and a baby", "12 adults plus a kid": one more (not "is he a kid or adult?")
_ONE_LITTLE_RE = re.compile(
    # ("can we also bring the toddler, shes 2")
    r"(?:(?<=and\s|lus\s|ith\s|..&\s|..,\s|add\s)|(?<=bring\s))(?:a|an|one|the|our|my)\s+(baby|toddler|infant|newborn|little\s+one|kid|child)\b"
    r"(?!'|\s*(?:birthday|bday|party|shower|friendly|menu|portion|plate|gender|sprinkle|or\b|price|rate))")
# "add my 2 nephews theyre 13 and 15": relatives (who may be grown) counted by the ages
# given, one age each.
_KIN_WORDS = r"nephews?|nieces?|cousins?|grandkids|grandchildren|grandsons?|granddaughters?"
# "…, theyre 8 and 10", "… ages 4 and 15": one age each
_AGES_TOLD = (r"\W+(?:(?:they'?re|theyre|they\s+are|who\s+are|ages?|aged)\s+)+"
              r"(?P<ages>\d{1,2}(?:\s*(?:,|and|&)\s*(?:and\s+)?\d{1,2})*)\b")
_RELATIVES_AGED_RE = re.compile(rf"\b(?P<n>\d{{1,2}})\s+(?:{_KIN_WORDS})" + _AGES_TOLD)
# "3 kids under 5 and one 8 yr old", "10 adults, a 15 year old and two 8 year olds": more
# guests told by age, kids at 12 and under (DOMAIN.md), adults above when adults are
# counted beside them ("including a 15 year old" is not this: no "and" or comma before it).
_ONE_AGED_RE = re.compile(
    r"(?<=and\s|lus\s|ith\s|..&\s|..,\s)(?P<n>a|an|one|\d)\s+(?P<age>\d{1,2})\s*-?\s*(?:yrs?|years?|yo|y/o)"
    r"(?:\s*-?\s*olds?)?\b")
# "6 adults + the birthday girl (she's 8)": one more guest, a kid or an adult by the age
# told (the child was dropped)
_BIRTHDAY_ONE_RE = re.compile(
    r"(?<=and\s|lus\s|ith\s|..&\s|..,\s|..\+\s)(?:the|our|my)\s+birthday\s+(?:girl|boy|kid|child)\W{0,3}"
    r"(?:she'?s|he'?s|who'?s|who\s+is|is|turning|turns|age[sd]?)\s+(?:turning\s+|going\s+to\s+be\s+)?(?P<age>\d{1,2})\b\)?")
_TEENS_RE = re.compile(r"\b\d{1,3}\s+(?:teens?|teenagers?)\b")
_AGE_RE = re.compile(r"\b\d{1,2}\s*-?\s*(?:yrs?|years?|yo|y/o|y\.o\.)(?:\s*-?\s*olds?)?\b")
_AGE_QUESTION_RE = re.compile(
    r"\b(?:is|are)\s+(?:a\s+)?\d{1,2}\s+(?:(?:still|counted\s+as|considered)\s+)?an?\s+(?:kid|child|adult)\b")
# "my wife and i", "me and my husband", "me my wife and 3 kids", "the hubby and me": two
# adults, whatever else the message counts.
_PARTNER = r"(?:wife|wifey|husband|hubby|partner|spouse|fianc[eé]e?|boyfriend|girlfriend|bf|gf)"
_COUPLE = (
    rf"\b(?:(?:me|myself|i)\s+(?:and|n|&|\+)\s+(?:my|the)\s+{_PARTNER}|(?:me|myself)\s*,?\s+(?:my|the)\s+{_PARTNER}"
    rf"|(?:my|the)\s+{_PARTNER}\s+(?:and|n|&|\+)\s+(?:i|me|myself))\b"
)
_COUPLE_RE = re.compile(_COUPLE)
# "me and my wife and 3 friends", "my husband and i plus 4 guests": the couple and the
# others (the speaker alone would count one short).
_COUPLE_PLUS_RE = re.compile(
    _COUPLE + r"\s*,?\s*(?:and|plus|\+|&|with)\s+(?:our\s+|my\s+|about\s+)?(?P<n>\d{1,3})\s+"
    r"(?:other\s+|more\s+|of\s+our\s+)?(?:(?P<adults>adults|grown[\s-]?ups)|(?P<couples>couples)|friends|guests|people|others"
    r"|folks|relatives|cousins|neighbou?rs|co-?workers|colleagues|buddies|pals|family\s+members)\b"
    r"|" + _COUPLE + r"\s*,?\s*(?:plus|\+)\s+(?:about\s+)?(?P<bare>\d{1,3})\s*(?:more|others?)?\s*(?=[.!?]*\s*$)"  # ("my wife and i plus 10")
)
# "just the two of us", "the 2 of us": the speaker and one other.
_TWO_OF_US_RE = re.compile(r"\b(?:just\s+|only\s+)?the\s+(?:2|two)\s+of\s+us\b")
# Any word for someone who may be a child ("me and my son, just the 2 of us").
_KID_WORD_RE = re.compile(
    rf"\b(?:{KID_WORDS}|sons?|daughters?|boys?|girls?|grand(?:son|daughter|kid)s?|nephews?|nieces?)\b")
# Someone else listed beside the couple ("me and my wife, my parents and 3 children").
_OTHERS_RE = re.compile(rf"\b(?:my|our|his|her)\s+(?!(?:{_PARTNER}|{KID_WORDS}|\d+)\b)[a-z]+")
_COUNT_WORD_RE = re.compile(rf"\b(?:{ADULT_WORDS}|{KID_WORDS})\b")
# What follows a count that describes part of the party instead of adding to it.
_ANY_COUNT_RE = re.compile(rf"\b\d{{1,4}}\s*(?:{ADULT_WORDS}|{KID_WORDS}|{GUEST_WORDS})\b")
# Not coming after all: "cant make it", "are not going to make it", "wont be able to come".
NOT_COMING = (r"(?:(?:are|r|is)\s+)?(?:can'?t|cannot|won'?t|will\s+not|not|aren'?t|isn'?t|don'?t|doesn'?t)\s+"
              r"(?:be\s+able\s+to\s+|going\s+to\s+|gonna\s+)?"
              r"(?:make\b|come\b|attend\b|join\b|be\s+there\b|be\s+coming\b|coming\b)")
_NOT_COMING_RE = re.compile(r"\s*" + NOT_COMING)
_COUPLE_OUT_RE = re.compile(rf"({_COUPLE})\s+(?:both\s+)?(?={NOT_COMING})")
_DESCRIBED_RE = re.compile(
    r"\s*(?:(?:is|are|who\s+is|who\s+are|has|have|who\s+has|who\s+have|that\s+is|that\s+are"
    r"|with|w/?|gets?)\s+)?(?:an?\s+)?(?:(?:severe|serious|bad|mild|slight|major|minor|deadly|life[\s-]threatening|really\s+bad)\s+)?"
    r"(?:allergic|allerg\w*|vegetarian|vegan|veggie|gluten"
    r"|celiac|coeliac|pescatarian|lactose|dairy|kosher|halal|can'?t|cannot|doesn'?t|don'?t"
    r"|won'?t|needs?|nut|shellfish|shrimp|picky|diabetic|in\s+a\s+wheelchair"
    # ("2 guests keep kosher", "one kid has a severe egg allergy": about some of them)
    r"|keeps?|eats?|avoids?|[a-z]+\s+allerg\w*)\b"
)


# Kids among the party: "2 of them are kids", "2 of the 12 r kids", "3 out of 15 are children".
# "2 of them", "2 of the 12", "3 out of 15" (``total`` / ``total2``: the party said)
_SOME_OF_PARTY_ARE = (
    r"\b(?P<n>\d{1,3})\s+(?:of\s+(?:them|those|us|the\s+(?:(?P<total>\d{1,3})|guests|group|people))"
    r"|out\s+of\s+(?:the\s+)?(?P<total2>\d{1,3}))\s+(?:are|r|will\s+be|would\s+be|being)\s+")
# "we have 3 under 10", "plus 2 under 5": kids, by the age bound alone.
_HAVE_N_UNDER_RE = re.compile(
    r"\b(?:we\s+have|we'?ve\s+got|we\s+got|there\s+are|there'?ll\s+be|there\s+will\s+be|and|plus|with|also)\s+"
    r"(?P<n>\d{1,2})\s+(?:under|below|younger\s+than)\s+(?:the\s+age\s+of\s+|age\s+)?(?:1[0-2]|[1-9])\b"
    r"(?!\s*(?:adults?|people|guests|ppl|%|\$|miles?|mi\b|dollars|bucks|minutes?|mins?|hours?|hrs?|days?|weeks?|lbs?|pounds))")
_SPLIT_KIDS_RE = re.compile(_SOME_OF_PARTY_ARE + rf"(?:{KID_WORDS}|under\s+(?:1[0-3]|[1-9])\b)")

# "2 of the 12 are my nephews, theyre 8 and 10": kin among the party, kids by the ages told
_SPLIT_KIN_AGED_RE = re.compile(
    _SOME_OF_PARTY_ARE + rf"(?:my|our|his|her|their)\s+(?:{_KIN_WORDS}|sons?|daughters?|boys|girls)" + _AGES_TOLD)

# "actually 18, 4 are kids": a new total, then the kids among it (the 18 was lost)
_TOTAL_THEN_KIDS_RE = re.compile(
    rf"^\W*(?:(?:actually|oh|wait|sorry|no|ok|okay|make\s+it|it'?s|its|now)\W+)*(?P<total>\d{{1,3}})\s*(?:,|and|ppl|people|guests|total)?\s*,?\s*"
    rf"(?P<n>\d{{1,3}})\s+(?:are|r|will\s+be|would\s+be)\s+(?:{KID_WORDS})\b"
)

# "we are adding a few kids, 3 of them all under 10": the kids just named, counted
# (only after kids with no count of their own: "2 kids, 1 of them is 4" counts 2)
_KIDS_N_OF_THEM_RE = re.compile(
    # ("20 adults no kids, 15 of them vegan": 15 vegans, not 15 kids)
    r"(?<!\d\s)(?<!\d)(?<!\bno\s)\b(?P<kids>kids|children|kiddos|little\s+ones)(?P<gap>[^\d.?!]{0,20}?)(?P<n>\d{1,2})\s+of\s+them\b")
# "10 people incl my 12 yr old": the kid among the total (asked again)
_TOTAL_INCL_AGED_RE = re.compile(
    rf"\b(?P<total>\d{{1,3}})\s*(?:{GUEST_WORDS})\s+(?:incl\w*|including)\s+(?:(?:my|our|his|her|their)\s+)?"
    r"(?:(?P<n>a|an|one|\d)\s+)?(?P<age>\d{1,2})\s*-?\s*(?:yrs?|years?|yo|y/o)(?:\s*-?\s*olds?)?\b")
# "sorry, it's 14 now, no kids" (asked how many are kids): the new total, all adults
_TOTAL_NO_KIDS_RE = re.compile(
    r"\b(?:it'?s|its|make\s+it|we'?re|were|we\s+are)\s+(?:now\s+|actually\s+|like\s+)?(?P<n>\d{1,3})\b"
    r"(?!\s*(?:am|pm|:|st\b|nd\b|rd\b|th\b|kids?\b|children\b))"
    r"(?=[^\d]*\b(?:no\s+(?:kids|children)|all\s+(?:adults|grown[\s-]?ups)|just\s+adults|adults\s+only)\b)")
# "hw much 4 ten ppl, 2 r kids", "its 16 of us, 4 r kids", "12ppl, 3 r under 10": the
# same, after the party's noun
_TOTAL_NOUN_THEN_KIDS_RE = re.compile(
    rf"\b(?P<total>\d{{1,3}})\s*(?:ppl|people|guests|persons|of\s+us|total|in\s+total)\W+(?:and\s+|with\s+)?"
    rf"(?P<n>\d{{1,3}})\s+(?:(?:of\s+(?:them|those)\s+)?(?:are|r|will\s+be|would\s+be)\s+"
    rf"(?:{KID_WORDS}|under\s+(?:1[0-3]|[1-9])\b)|under\s+(?:1[0-3]|[1-9])\b)"  # ("12 guests, 2 under 5")
)
# "2 families of 4", "2 tables of 6" (it was a party of 2): their product
_FAMILIES_OF_RE = re.compile(r"\b(?P<a>\d{1,2})\s+(?:families|households|tables|couples\s+with\s+kids)\s+of\s+(?P<b>\d{1,2})\b"
                             r"(?!\s*(?:ft|feet|foot|'|′|in\b|inch|\"|x\b))")  # ("we rented 2 tables of 6 ft")
# Each family counted: "family of 5 plus 2 other families of 4", "my family of 4 and my
# brother's family of 5", "2 families of 5 and 1 of 4" (only the first was counted)
_FAMILY_GROUP_RE = re.compile(
    r"\b(?:(?P<a>\d{1,2})\s+(?:other\s+|more\s+)?(?:families|households|tables)|(?:family|household)|(?<=and\s)(?P<one>1|one))"
    r"\s+of\s+(?P<b>\d{1,2})\b(?!\s*(?:them|us|the|ft|feet|foot|'|′|in\b|inch|\"|x\b))")
# "gluten free for 2 guests": a diet for some of the party, no count of it
_DIET_FOR_RE = re.compile(
    r"\b(?:gluten[\s-]free|dairy[\s-]free|nut[\s-]free|vegetarian|vegan|halal|kosher|no\s+(?:pork|beef|shellfish|meat)"
    r"|(?:[a-z]+\s+)?allerg(?:y|ies|ic))"  # ("peanut allergy for 2 kids!" was 2 kids)
    r"\s+(?:meals?\s+|options?\s+|plates?\s+)?for\s+\d{1,2}\s+(?:guests?|people|persons|adults?|kids?|of\s+(?:us|them))\b")
# "one more couple of questions" ("1 more 2 questions" once normalised) counts no one
_QUESTIONS_COUNTED_RE = re.compile(r"\b\d{1,2}\s+(?:more\s+|other\s+|last\s+|quick\s+)?(?:\d+\s+)?(?:questions?|q|qs|ques|things?)\b")
# "zip 9511" (a zip mistyped) is no count
_ZIP_SAID_RE = re.compile(r"\bzip(?:\s*code)?\s*(?:is\s+|:|=|#)?\s*\d{1,9}\b")


@dataclass(frozen=True, slots=True)
class PartySize:
    """What the text says about the party: any field may be unknown."""

    adults: int | None = None
    kids: int | None = None
    guests: int | None = None


def _free(m: re.Match[str], used: list[Span]) -> bool:
    """True when the match overlaps no span that is already used."""
    return not any(m.start() < e and s < m.end() for s, e in used)


# "10 adults but maybe 12": the party may grow; the larger count is quoted (the 2 more were
# taken for kids), so a firm count later does not raise the price
_MAYBE_MORE_RE = re.compile(
    r"\b(?P<a>\d{1,3})\s+(?P<noun>adults|people|guests|ppl)\s*[,(]?\s*(?:but\s+|or\s+|and\s+)?(?:maybe|possibly|prob(?:ably)?"
    r"|might\s+be|could\s+be|up\s+to)\s+(?:like\s+|around\s+|about\s+)?(?P<b>\d{1,3})\b"
    r"(?!\s*(?:more\s+|extra\s+)?(?:kids?|children))(?P<more>\s+(?:more|extra|others?))?"
    r"\s*\)?(?!\s*(?:kids?|children|am|pm|:))")
# "5 adults from my side and 5 from his": the second count's noun is the first's
_SIDES_RE = re.compile(
    r"\b\d{1,3}\s+(?P<noun>adults|kids|people|guests)\s+from\s+(?:my|our|his|her|their)\s+(?:side|family|end)\s*,?\s*"
    r"(?:and|\+|plus|&)\s+\d{1,3}\s+(?=from\b)")
# Between a count and the same count again: the party told once more, not a second group.
_RESTATED_RE = re.compile(r"\b(?:we\s+have|we'?re|we\s+are|we'?ll\s+(?:be|have)|we\s+will\s+(?:be|have)|it'?s|its|so|again"
                          r"|(?:like\s+)?i\s+said|total|that'?s|thats|confirm\w*|i\s+mean|sorry)\b|^[\s.!?;,]*$|\bthe\s*$")
_COMPARED_RE = re.compile(r"\b(?:vs\.?|versus|or|compared\s+(?:to|with)|how\s+much|what\s+about|price\s+for|instead\s+of)\b")


def _sum(rx: re.Pattern[str], text: str, used: list[Span]) -> tuple[int | None, list[Span]]:
    """Add up the counts of one kind. A count that only describes some of the party
    ("14 adults 2 kids, one kid is allergic to shrimp") is left out when the kind is also
    counted plainly; its span is still returned, so it is not read again as a number."""
    total: int | None = None
    spans: list[Span] = []
    # ("2 adults want shrimp and 3 adults want steak": who eats what, no count at all)
    found = [m for m in rx.finditer(text) if _free(m, used) and not _CHOOSING_RE.match(text, m.end())]
    described = [bool(_DESCRIBED_RE.match(text, m.end())) for m in found]
    starts = {m.start() for m in found}
    listed = any(o.start() not in starts for o in _ANY_COUNT_RE.finditer(text))  # other counts list the party
    for i, (m, aside) in enumerate(zip(found, described, strict=True)):
        # ("is it ok if one kid has a severe nut allergy?": asked of a kid, no count)
        # ("1 adult is allergic to shellfish" alone, at the summary, was a party of 1 adult;
        # "10 adults and 2 kids who are vegetarian" lists the party; "2 adults cant make
        # it" still counts, as a change)
        if aside and (not all(described) or "?" in text or not (listed or _NOT_COMING_RE.match(text, m.end()))):
            spans.append(m.span())
            continue
        if i and _COMPARED_RE.search(text, found[i - 1].end(), m.start()):
            # "how much for 12 adults, and how much for 20 adults?", "10 adults vs 15
            # adults": two parties compared, not one of 32 (the first is the party)
            spans.append(m.span())
            continue
        n = int(m["n"])
        if "couple" in m.group(0) and not re.search(r"couple\s+(?:of|people)", m.group(0)):
            n *= 2
        if i and total == n and _RESTATED_RE.search(text[found[i - 1].end():m.start()]):
            # "10 adults dec 19 95112 we have 10 adults and 2 kids": said twice, not 20
            spans.append(m.span())
            continue
        total = (total or 0) + n
        spans.append(m.span())
    return total, spans


# A protein chosen right after a count: "2 kids want chicken".
_CHOOSING_RE = re.compile(rf"\s*{CHOOSE}\s+(?:the\s+)?{PROTEIN}\b")


def _described_after(text: str, end: int) -> bool:
    """"we have 2 people allergic to shellfish": the count (and its noun) describes some of
    the party, not its size."""
    noun = re.compile(rf"\s*(?:{GUEST_WORDS})\b").match(text, end)
    at = noun.end() if noun else end
    return bool(_DESCRIBED_RE.match(text, at) or _CHOOSING_RE.match(text, at))


def _label_first(text: str) -> bool:
    """True when counts are written after their labels ("adults 12, kids 3")."""
    first = _LABEL_RE.search(text)
    if first is None or re.search(r"\d\s*$", text[: first.start()]):
        return False  # ("30 people 25 adults 5 kids": the noun is its number's, before it)
    starts = [m.start() for rx in (_ADULT_RE, _KID_RE) if (m := rx.search(text))]
    return not starts or first.start() < min(starts)


def _relatives_by_age(m: re.Match[str]) -> str:
    """"2 nephews theyre 13 and 15" → "2 adults" (same length); left as said when the ages
    are not one per relative."""
    ages = [int(a) for a in re.findall(r"\d+", m["ages"])]
    if len(ages) != int(m["n"]):
        return m[0]
    kids = sum(1 for a in ages if a <= KID_AGE)
    said = " and ".join(f"{n} {noun}" for n, noun in ((len(ages) - kids, "adults"), (kids, "kids")) if n)
    return said.ljust(len(m[0]))


def _aged_count(m: re.Match[str]) -> str:
    """"two 8 year olds" → "2 kids", "a 15 year old" → "1 adult" (same length)."""
    n = 1 if m["n"] in ("a", "an", "one") else int(m["n"])
    noun = "kid" if int(m["age"]) <= KID_AGE else "adult"
    return f"{n} {noun}{'s' if n > 1 else ''}".ljust(len(m[0]))


# Someone's age: "my mom is 80", "my dad will be 70" (it was 80 guests and a hand-off).
_SOMEONES_AGE_RE = re.compile(
    r"\b(?:my|our|his|her|their)\s+(?:\w+\s+){0,1}?(?:mom|mother|dad|father|grandma|grandpa|grandmother|grandfather|nana"
    r"|wife|husband|son|daughter|aunt|uncle|sister|brother|boss|friend)\s+(?:is|will\s+be|turns|is\s+turning)\s+\d{1,3}\b")


_PAIR_KIN = r"parents|in[\s-]?laws|grandparents|grandpa\s+and\s+grandma|grandma\s+and\s+grandpa"
_ONE_KIN = (r"mom|mother|dad|father|sister|brother|grandma|grandmother|grandpa|grandfather|aunt|uncle"
            r"|cousin|friend|neighbou?r|boss|(?:mother|father|sister|brother)-?in-?law|sis|bro|niece|nephew")
# A party listed person by person, the speaker among them: "my sister her husband and
# their 3 kids plus us 2", "me my wife our 2 kids and grandma", "us 2 plus my parents plus
# my in-laws" (each was under-counted, or the adults asked again).
_SELF_ITEM = r"(?P<self2>us(?:\s+(?:2|two))?|the\s+(?:2|two)\s+of\s+us)|(?P<self1>me|myself|i)"
_POSS = r"(?:(?:my|our|her|his|their|the)\s+)?"
_LIST_ITEM_RE = re.compile(
    rf"(?:{_SELF_ITEM}|(?P<sets>both\s+sets\s+of\s+(?:grand)?parents)|{_POSS}(?:(?P<pair>{_PAIR_KIN})|(?P<one>{_PARTNER}|{_ONE_KIN}|kid|baby|toddler)"
    rf"|(?P<n>\d{{1,2}})\s+(?:(?P<kids>{KID_WORDS})|(?:other\s+|more\s+)?(?P<grown>adults|grown-?ups|adult\s+(?:friends|guests|relatives|cousins|kids|children)|coworkers|co-workers|colleagues"
    r"|grandparents|grandmas|grandpas)"
    # (of any age: their kids are asked)
    r"|(?:other\s+|more\s+)?(?P<some>friends|guests|people|relatives|cousins|neighbou?rs|sons|daughters|brothers|sisters"
    r"|grandkids|grandchildren|grandsons|granddaughters|nephews|nieces|boys|girls))"
    # ("me and my 2 sons and their wives": one spouse each of the ones just counted)
    r"|(?P<spouses>wives|husbands|spouses|partners)))\b",
    re.I)
# The ages told after a count of kids ("2 kids (5 and 7)", "2 kids, ages 5 and 7"): the
# engine weighs them (a kid over the kid age pays as an adult).
_AGE_LIST = r"\d{1,2}(?:\s*(?:,|and|&)\s*(?:and\s+)?\d{1,2})+"  # "5, 7 and 9"
_NUMBER_RE = re.compile(r"\d+")
# "2, they're 8 and 10" (how many more, then their ages, all kids): 2 kids (it was not understood)
_COUNT_AGED_RE = re.compile(
    rf"\b(?P<n>\d{{1,2}})\s*,?\s*(?:they'?re|they\s+are|theyre|both|ages?|aged)\s+(?P<ages>{_AGE_LIST})\b", re.I)


def _count_by_ages(m: re.Match[str]) -> str:
    """"2, they're 8 and 10" as "2 kids" (or adults, by the ages), when the ages are as many."""
    ages = [int(a) for a in _NUMBER_RE.findall(m["ages"])]
    if len(ages) != int(m["n"]) or any(a > KID_AGE for a in ages):
        return m[0]  # ("2, they're 13 and 15" to "how many are kids?": not read here)
    return f"{len(ages)} kids".ljust(len(m[0]))
_KIDS_AGED_RE = re.compile(rf"\b(?:kids|children|boys|girls)\s+(?:are|r)\s+(?:ages?\s+)?(?P<ages>{_AGE_LIST})\b"
                           r"(?!\s*(?:people|ppl|guests|adults|kids|years|yrs))", re.I)
_KID_AGES_TAIL_RE = re.compile(rf"\s*,?\s*(?:\(\s*(?:ages?\s+)?|(?:ages?|aged)\s+)(?:{_AGE_LIST}|\d{{1,2}})\s*\)?", re.I)
# (between the items: "me and my husband are hosting his parents and 10 friends")
_LIST_SEP_RE = re.compile(
    r"(?:\s*(?:,|\band\b|&|\+|\bplus\b|\bwith\b|\b(?:are|r|will\s+be)\s+(?:hosting|having|bringing|inviting)\b)\s*)+|\s+",
    re.I)


def _listed_family(text: str) -> PartySize | None:
    """The party listed person by person with the speaker in it (three or more items, all
    read), or None."""
    for start in re.finditer(r"\b(?:me|myself|i|us|my|our|her|his|their)\b", text, re.I):
        pos, adults, kids, some, items, speaker, last = start.start(), 0, 0, 0, 0, False, 0
        while (m := _LIST_ITEM_RE.match(text, pos)) is not None:
            items += 1
            if m["self1"] or m["self2"]:
                speaker = True
                adults += 2 if m["self2"] else 1
            elif m["sets"]:
                adults += 4
            elif m["pair"]:
                adults += 2
            elif m["one"]:
                baby = m["one"].lower() in ("kid", "baby", "toddler")
                kids, adults = kids + baby, adults + (not baby)
            elif m["kids"]:
                kids += int(m["n"])
                if (ages := _KID_AGES_TAIL_RE.match(text, m.end())) is not None:
                    m = ages  # ("our 2 kids ages 5 and 7 and my parents": the list goes on)
            elif m["some"]:
                if re.search(r"\b(?:people|ppl|guests|persons|total|of\s+us)\b", m[0], re.I) and int(m["n"]) == adults + kids \
                        and speaker:
                    # "just me and my wife, 2 ppl": the two listed, counted (it was 4)
                    return PartySize(adults=adults, kids=kids or None, guests=adults + kids)
                some, last = some + int(m["n"]), int(m["n"])
            elif m["spouses"]:
                adults += last or 1
            else:
                adults += int(m["n"])
            sep = _LIST_SEP_RE.match(text, m.end())
            if sep is None:
                break
            pos = sep.end()
        if speaker and items >= 3 and some and not kids:
            # (how many are kids is asked; beside kids counted, "4 friends" are adults)
            return PartySize(guests=adults + some)
        adults += some
        if speaker and items >= 3:
            return PartySize(adults=adults, kids=kids or None, guests=adults + kids if kids else None)
    return None


def kin_not_coming(text: str) -> bool:
    """"my brother cant come anymore", "my boss isnt coming and neither are his 2 kids":
    people named as not coming (a count only against a party already known)."""
    return bool(_KIN_OUT_RE.search(text) or _COUPLE_OUT_RE.search(text))


def names_the_couple(text: str) -> bool:
    """"me and my wife", "my husband and i" in ``text``."""
    return bool(_COUPLE_RE.search(text.lower()))


# "my in-laws cant come anymore", "my mom and dad cant make it": two fewer (the party was
# made 2); "my brother cant come": one fewer
_KIN_OUT_RE = re.compile(
    rf"\b((?:my|our)\s+(?:(?P<pair>{_PAIR_KIN}|(?:mom|mother)\s+(?:and|&|n)\s+(?:dad|father)|(?:dad|father)\s+(?:and|&|n)\s+(?:mom|mother))"
    rf"|(?:{_ONE_KIN}|{_PARTNER})))\s+(?:both\s+)?(?={NOT_COMING})", re.I)


# A day right after "can't make": the day is what does not work.
_A_DAY_NEXT_RE = re.compile(
    r"\s*(?:it\s+)?(?:on\s+)?(?:the\s+\d{1,2}(?:st|nd|rd|th)?\b|\d{1,2}(?:st|nd|rd|th)\b|(?:this|next|that)\s+\w+day\b"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|(?:the)?\s{4,})", re.I)  # (a day already read is blanked to spaces)
# "… and neither is his wife", "nor her husband": one more of them not coming.
_NOT_COMING_TAIL_RE = re.compile(NOT_COMING + r"(?:\s+(?:it|to\s+it))?(?:\s+(?:anymore|any\s+more|after\s+all))?", re.I)
_NEITHER_RE = re.compile(
    rf"\s*,?\s*(?:and\s+)?(?:neither|nor)\s+(?:(?:is|are|will|can|does|is\s+coming)\s+)?"
    rf"(?:(?:his|her|their|my|our)\s+(?:(?P<kids>\d{{1,2}})\s+(?:kids|children|boys|girls)|{_PARTNER}|{_ONE_KIN})|he|she)\b"
    r"(?:\s+(?:is|will|can))?", re.I)
_THATS_N_RE = re.compile(r",?\s*\b(?:so\s+)?(?:that'?s|thats|which\s+is)\s+(?:1|2)\s+(?:people|ppl|adults?|guests|of\s+them|less|fewer)\b", re.I)
# (in normalised text: "one more couple" is "1 more 2")
_MORE_COUPLES_RE = re.compile(r"\b(?P<n>\d{1,2})\s+(?P<more>more|extra|other)\s+(?:couples?|2s?)\b"
                              r"(?!\s*(?:adults?|kids?|children|people|guests|ppl|of\b|q\b|qs|ques|questions?|things?|minutes?"
                              r"|mins?|hours?|hrs?|days?|weeks?|times?|items?|dishes|plates?|options?))", re.I)


def _hedged(m: re.Match[str]) -> int:
    """"12 adults (maybe 14)": 14; "10 adults maybe 2 more": 12."""
    a, b = int(m["a"]), int(m["b"])
    return a + b if m["more"] else max(a, b)


def people_as_counts(text: str) -> str:
    """People named where a count is meant, in normalised ``text``, as that count: "my wife and i cant make it" →
    "2 adults cant make it", "my in-laws cant come" → "2 adults cant come" (the party was
    made 2), "1 more couple" → "2 more adults" (it was 1 more)."""
    text = _MORE_COUPLES_RE.sub(lambda m: f"{2 * int(m['n'])} {m['more']} adults", text)
    text = _COUPLE_OUT_RE.sub(lambda m: "2 adults".ljust(len(m[1])) + m[0][len(m[1]):], text)
    if (out := _KIN_OUT_RE.search(text)) is None:
        return text
    if added_people(text, only_after_kin_out=True) is not None:
        return text  # ("my husband cant come but his brother is": ``added_people`` nets them)
    tail = _NOT_COMING_TAIL_RE.match(text, out.end())
    if tail is not None and _A_DAY_NEXT_RE.match(text, tail.end()):
        return text  # ("my sister cant make the 26th": that day, not her; 1 adult fewer was offered)
    nors: list[re.Match[str]] = []  # "… and neither is his wife (nor his son)"
    while (nor := _NEITHER_RE.match(text, nors[-1].end() if nors else tail.end() if tail is not None else 0)) \
            is not None and tail is not None and not out["pair"]:
        nors.append(nor)
    if nors and not re.search(r"\b\d{1,3}\b", text[: nors[0].start()] + text[nors[-1].end():]):
        # "my boss isnt coming anymore and neither is his wife": two fewer (it was one);
        # "… and neither are his 2 kids": one adult and 2 kids fewer (the kids were added);
        # "… neither can his wife nor his son": three (it was two)
        out_kids = sum(int(n["kids"]) for n in nors if n["kids"])
        out_adults = 1 + sum(not n["kids"] for n in nors)
        both = f"{out_adults} adult{'s' * (out_adults > 1)}" + (f" and {out_kids} kids" if out_kids else "")
        text = text[:out.start(1)] + both.ljust(len(out[1])) + text[out.end(1):nors[0].start()] \
            + " " * (nors[-1].end() - nors[0].start()) + text[nors[-1].end():]
        return _THATS_N_RE.sub(lambda m: " " * len(m[0]), text)
    if any(int(n) != (2 if out["pair"] else 1) for n in re.findall(r"\b\d{1,3}\b", text)):
        # ("my brother cant come but his 2 kids still will": the counts said are other
        # people; "my brother cant come so 11": the new total)
        return text
    text = _KIN_OUT_RE.sub(lambda m: ("2 adults" if m["pair"] else "1 adult").ljust(len(m[1])) + m[0][len(m[1]):], text)
    # ("my in-laws cant come anymore, thats 2 people": the same two, not a new total of 2)
    return _THATS_N_RE.sub(lambda m: " " * len(m[0]), text)


def find_party(text: str, *, expecting: str | None = None) -> PartySize:
    """Read adults, kids and guests from blanked, normalised ``text``."""
    adults = kids = guests = None
    text = blank(text, [m.span() for m in (*_ZIP_SAID_RE.finditer(text), *_DIET_FOR_RE.finditer(text),
                                           *_SOMEONES_AGE_RE.finditer(text), *_QUESTIONS_COUNTED_RE.finditer(text))])
    text = people_as_counts(text)
    # ("my sister's kids are 8 and 10": two kids by their ages, it was 8; "2, they're 8 and
    # 10" to how many more: two kids)
    text = _COUNT_AGED_RE.sub(_count_by_ages, text)
    text = _KIDS_AGED_RE.sub(lambda m: f"{len(_NUMBER_RE.findall(m['ages']))} kids".ljust(len(m[0])), text)
    text = _SIDES_RE.sub(lambda m: f"{m[0]}{m['noun']} ", text)  # ("5 adults from my side and 5 from his": 10)
    for _ in range(2):  # ("12 adults, maybe 14, maybe 16": 16)
        text = _MAYBE_MORE_RE.sub(lambda m: f"{_hedged(m)} {m['noun']}".ljust(len(m[0])), text)
    if (listed := _listed_family(text)) is not None:  # (after what no reader counts is blanked)
        if listed.adults is None and listed.guests and _NO_KIDS_RE.search(text):
            return PartySize(adults=listed.guests, kids=0, guests=listed.guests)  # ("…and 3 friends, no kids")
        return listed
    if len(families := list(_FAMILY_GROUP_RE.finditer(text))) >= 2:
        everyone = sum(int(g["a"] or 1) * int(g["b"]) for g in families)
        text = blank(text, [g.span() for g in families[1:]])
        first = families[0]
        text = text[:first.start()] + f"{everyone} people".ljust(len(first[0])) + text[first.end():]
    if (m := _FAMILIES_OF_RE.search(text)) is not None:
        text = text[:m.start()] + f"{int(m['a']) * int(m['b'])} people".ljust(len(m[0])) + text[m.end():]
    if (m := _TOTAL_INCL_AGED_RE.search(text)) is not None and int(m["age"]) <= KID_AGE:
        n = 1 if m["n"] in (None, "a", "an", "one") else int(m["n"])
        if int(m["total"]) > n:
            return PartySize(adults=int(m["total"]) - n, kids=n, guests=int(m["total"]))
    if (m := _TOTAL_NO_KIDS_RE.search(text)) is not None and not re.search(
            rf"\b\d{{1,3}}\s+(?:{ADULT_WORDS})\b", text):
        return PartySize(adults=int(m["n"]), kids=0, guests=int(m["n"]))
    if (m := _TOTAL_THEN_KIDS_RE.search(text) or _TOTAL_NOUN_THEN_KIDS_RE.search(text)) is not None \
            and int(m["total"]) >= int(m["n"]):
        return PartySize(adults=int(m["total"]) - int(m["n"]), kids=int(m["n"]), guests=int(m["total"]))
    if (m := _SPLIT_KIN_AGED_RE.search(text)) is not None:
        kids = sum(int(a) <= KID_AGE for a in re.findall(r"\d+", m["ages"]))
        total = int(m["total"] or m["total2"]) if (m["total"] or m["total2"]) else None
        if total and total >= kids:
            return PartySize(adults=total - kids, kids=kids, guests=total)
        return PartySize(kids=kids)
    if (m := _SPLIT_KIDS_RE.search(text)) is not None:
        # "2 of them are kids": the kids among a party already told (the engine splits it)
        total = int(m["total"] or m["total2"]) if (m["total"] or m["total2"]) else None
        if total is None and (told := find_party(blank(text, [m.span()]))).guests and told.adults is None:
            total = told.guests  # ("party of 12 … 3 of them are under 10": 9 + 3; it was 3 guests)
        return PartySize(adults=total - int(m["n"]) if total and total >= int(m["n"]) else None, kids=int(m["n"]))
    text = _FROM_TO_RE.sub(lambda m: f"{m['n']} {m['label']}".rjust(len(m[0])), text)
    # ("how much for kids? we have 3 under 10": 3 kids, it was 3 guests)
    text = _HAVE_N_UNDER_RE.sub(lambda m: m[0][: m.start("n") - m.start()] + f"{m['n']} kids".ljust(m.end() - m.start("n")), text)
    text = blank(text, [m.span() for m in _RETRACTED_RE.finditer(text)])
    if "?" in text or _AGE_QUESTION_RE.search(text):
        # "does a 12 yr old count as a kid?", "is 13 a kid or adult", "do kids under 3
        # count?": an age asked about
        text = blank(text, [m.span() for rx in (_AGE_RE, _AGE_QUESTION_RE, _AGE_BOUND_RE) for m in rx.finditer(text)])
    text = _RELATIVES_AGED_RE.sub(_relatives_by_age, text)
    text = _KIDS_N_OF_THEM_RE.sub(lambda m: (m["kids"] + m["gap"] + m["n"] + " kids").ljust(len(m[0])), text)
    text = _ONE_LITTLE_RE.sub(lambda m: " " * (len(m[0]) - len(m[1]) - 2) + "1 " + m[1], text)  # "and a baby"
    # (an older one only beside adults counted in the same message: alone, "2 kids and
    # one 15 yr old" may be answering about kids of a party whose adults include them)
    adults_told = bool(re.search(rf"\b\d{{1,3}}\s+(?:{ADULT_WORDS})\b", text))
    text = _BIRTHDAY_ONE_RE.sub(lambda m: ("1 kid" if int(m["age"]) <= KID_AGE else "1 adult").ljust(len(m[0])), text)
    text = _ONE_AGED_RE.sub(lambda m: _aged_count(m) if adults_told or int(m["age"]) <= KID_AGE else m[0], text)
    if expecting == "kids":
        # "3 kids and 2 teenagers" to "how many are kids?": the teens are adults of the
        # party already told (they became the whole party's adults)
        text = blank(text, [m.span() for m in _TEENS_RE.finditer(text)])
    if expecting in ("kids", "guests") and not _COUNT_WORD_RE.search(text) and (r := _RANGE_RE.search(text)):
        # "maybe 3 or 4" (unsure): one count, not 3 adults + 4 kids. Fewer kids and more
        # guests, so a later firm count does not raise the price.
        low, high = sorted((int(r["a"] or r["a2"]), int(r["b"] or r["b2"])))
        return PartySize(kids=low) if expecting == "kids" else PartySize(guests=high)
    if expecting == "kids" and not _COUNT_WORD_RE.search(text) and (m := _KIDS_ANSWER_RE.match(text)):
        return PartySize(kids=int(m["n"]))  # the numbers after it are ages, not counts
    if (m := _KID_AGES_RE.search(text)) is not None:
        ages = len(re.findall(r"\d+", m["ages"]))
        rest = find_party(blank(text, [m.span()]), expecting=None if expecting == "kids" else expecting)
        if rest.kids is None:
            return _combine(text, rest.adults, ages, rest.guests, None, None)
    used: list[Span] = []
    kid_span: Span | None = None
    guest_span: Span | None = None
    if _label_first(text):
        for m in _LABEL_RE.finditer(text):
            kind, n = m["kind"], int(m["n"])
            if re.fullmatch(ADULT_WORDS, kind):
                adults = (adults or 0) + n
            elif re.fullmatch(KID_WORDS, kind):
                kids = (kids or 0) + n
            else:
                guests = n
            used.append(m.span())
    else:
        kids, spans = _sum(_KID_RE, text, used)
        if spans:
            kid_span = spans[0]
        used += spans
        couple_plus = next((m for m in _COUPLE_PLUS_RE.finditer(text) if _free(m, used)), None)
        if couple_plus is not None:
            used.append(couple_plus.span())
        adults, spans = _sum(_ADULT_RE, text, used)
        used += spans
        if couple_plus is not None and (couple_plus["adults"] or couple_plus["couples"]):
            # ("my husband and i plus 2 couples": 6 adults; it was 4)
            adults = (adults or 0) + int(couple_plus["n"]) * (2 if couple_plus["couples"] else 1) + 2
        elif couple_plus is not None:
            guests, guest_span = int(couple_plus["n"] or couple_plus["bare"]) + 2, couple_plus.span()
        self_adult = False
        for m in _SELF_PLUS_RE.finditer(text):
            noun = m["noun"] or m["noun2"]
            if re.fullmatch(KID_WORDS, noun):
                self_adult = True
            elif re.fullmatch(ADULT_WORDS, noun) and not re.fullmatch(r"couples?", noun) \
                    and adults is not None and not _free(m, used):
                adults += 1  # "me and 9 coworkers": the speaker too (it was 9)
            elif _free(m, used) and adults is None:
                guests = int(m["n"] or m["n2"]) + 1
                guest_span = m.span()
                used.append(guest_span)
            break
        if self_adult and kids is not None:
            adults = (adults or 0) + 1
        g_match = None if guests is not None else next(
            (m for m in _GUEST_RE.finditer(text) if _free(m, used)
             and not _DESCRIBED_RE.match(text, m.end()) and not _CHOOSING_RE.match(text, m.end())), None)  # ("1 guest has a nut allergy")
        if g_match is None:
            g_match = next((m for m in _TOTAL_RE.finditer(text)
                            if _free(m, used) and not _described_after(text, m.end())), None)
        if g_match is None and guests is None and adults is None and kids is None:
            guests = _listed_party(text)
        if g_match is None and guests is None:
            g_match = next((m for m in _OTHER_TOTAL_RE.finditer(text) if _free(m, used)), None)
        if g_match is None and adults is None and kids is None and guests is None:
            g_match = next((m for m in _FOR_RE.finditer(text) if int(m["n"]) > 0), None)
        if g_match is not None:
            groups = g_match.groupdict()
            raw = groups.get("n") or groups.get("n2") or groups.get("n3") or groups.get("n4")
            if raw is not None:
                guests = int(raw)
                guest_span = g_match.span()
                used.append(guest_span)
    if _NO_KIDS_RE.search(text) and kids is None:
        kids = 0
    leftovers = [m for m in _BARE_NUM_RE.finditer(text)
                 if _free(m, used) and not _YEAR_RE.match(m["n"])]
    adults, kids, guests = _bare(expecting, text, leftovers, adults, kids, guests)
    if _COUPLE_RE.search(text) and not (_ADULT_RE.search(text) or leftovers or _OTHERS_RE.search(text)):
        if kids is not None and adults in (None, 1) and guests is None:  # "my wife and i and our 3 kids"
            adults = 2
        elif adults is None and guests is None:  # "my husband and i"
            guests = 2
    if guests == 2 and adults is None and kids is None and not _KID_WORD_RE.search(text) and (
            _COUPLE_RE.search(text) or _TWO_OF_US_RE.search(text)):
        # "my husband and i, just the 2 of us": a couple is two adults, not two guests of
        # whom some may be kids (the bot asked "how many of the 2 are kids?").
        adults, guests = 2, None
    return _combine(text, adults, kids, guests, kid_span, guest_span)


def _listed_party(text: str) -> int | None:
    """Count "me and my wife" style parties; None when a listed noun is plural."""
    m = _SELF_LIST_RE.search(text)
    if m:
        nouns = [i["noun"] for i in _ITEM_RE.finditer(m["items"])]
        if nouns and not any(n.endswith("s") and not n.endswith("ss") for n in nouns):
            return 1 + len(nouns)
        return None
    m = _ONLY_ME_RE.search(text)
    if m:
        return 2 if "couple" in m.group(0) else 1
    return None


_NO_ADULTS_RE = re.compile(r"^\W*(?:none|nobody|no\s+(?:adults|grown[\s-]?ups|one)|zero)\b|\b(?:just|only)\s+(?:the\s+)?kids\b"
                           r"|\bno\s+adults\b")


def _bare(
    expecting: str | None, text: str, leftovers: list[re.Match[str]],
    adults: int | None, kids: int | None, guests: int | None,
) -> tuple[int | None, int | None, int | None]:
    """Give numbers without a noun to the slot the bot asked for."""
    nums = [int(m["n"]) for m in leftovers]
    if expecting == "kids" and kids is None:
        if len(nums) == 1:
            kids = nums[0]
        elif not nums and _NONE_RE.search(text):
            kids = 0
    elif expecting in ("adults", "guests") and adults is None and guests is None:
        if not nums and _NO_ADULTS_RE.search(text):
            adults = 0  # "none, just the kids": the quote engine says a party needs an adult
        elif len(nums) == 1 and expecting == "adults":
            adults = nums[0]
        elif len(nums) == 1:
            guests = nums[0]
        elif len(nums) == 2 and kids is None and len(text.split()) <= 8:
            adults, kids = nums
    elif expecting in ("adults", "guests") and adults is None and kids is not None and nums:
        adults = nums[0]
    return adults, kids, guests


def _combine(
    text: str, adults: int | None, kids: int | None, guests: int | None,
    kid_span: Span | None, guest_span: Span | None,
) -> PartySize:
    """Reconcile the pieces into one consistent party size."""
    if guests is not None and adults is None and kids:
        between = ""
        if kid_span and guest_span:
            lo, hi = sorted((kid_span, guest_span))
            between = text[lo[1]:hi[0]]
        kid_text = text[kid_span[0]:kid_span[1]] if kid_span else ""
        subtract = bool(_SUBTRACT_RE.search(between) or _SUBTRACT_RE.search(kid_text))
        if not subtract and not _ADDITIVE_RE.search(between):
            subtract = True  # "30 guests, 8 kids": a breakdown of the total
        adults = guests - kids if subtract and kids <= guests else guests
    elif guests is not None and adults is not None and kids is None:
        if adults < guests:
            kids = guests - adults
        elif adults == guests:
            kids = None
    elif guests is not None and adults is None and kids == 0:
        adults = guests
    elif guests == 1 and adults is None and kids is None and re.search(r"\b1\s+(?:person|pax)\b(?!\s+(?:is|has|needs|of)\b)", text) \
            and not re.search(r"\b1\s+of\b", text):
        adults = 1  # ("1 person": an adult; it asked how many of the 1 are kids; not "1 of our guests is 8")
    if adults is not None and kids is not None:
        guests = adults + kids
    elif adults is not None and guests is None:
        guests = None
    return PartySize(adults, kids, guests)


# Two parties asked in one message: "2 parties on dec 19", "lunch … and dinner …".
_TWO_PARTIES = re.compile(
    r"\b(?:2|two|both)\s+(?:separate\s+)?(?:parties|events|bookings|seatings|dinners)\b(?!\s+(?:ago|before|last))"
    r"|\blunch\b[^.?!]{0,40}\band\s+(?:a\s+|then\s+)?dinner\b", re.I)
_PARTY_TIMES = re.compile(r"\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|\bat\s+\d{1,2}\b|\bnoon\b", re.I)
_PARTY_COUNTS = re.compile(r"\b\d{1,3}\s+(?:adults?|ppl|people|guests)\b", re.I)  # (not kids: "12 adults 3 kids" is one party)
_MONTH_DAY = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b|\b\d{1,2}/\d{1,2}\b", re.I)


def two_parties(text: str, *, has_date: bool) -> bool:
    """Two parties asked for at once, each with its own time or size ("lunch at 12 for 10
    adults and dinner at 6 for 15", "lunch and dinner on dec 19, 10 adults each"); not "is
    it 2 parties if we split the group?" or "do you do lunch and dinner parties?".
    ``has_date``: the message names a day."""
    each = bool(re.search(r"\b(?:each|both)\b", text, re.I))
    two_sizes = len(_PARTY_COUNTS.findall(text)) >= 2
    days = {m.lower() for m in _MONTH_DAY.findall(text)}
    if has_date and len(days) >= 2 and (two_sizes or each):
        return True  # "10 adults on dec 19 and 20 adults on dec 20", "dec 19 and dec 20, 10 adults each"
    if not _TWO_PARTIES.search(text):
        return False
    meal_sizes = len(re.findall(r"\b(?:lunch|dinner|brunch)\s+(?:for|of)\s+\d{1,3}\b", text, re.I))
    return (len(_PARTY_TIMES.findall(text)) >= 2 or two_sizes or each or meal_sizes >= 2  # ("lunch for 15 and dinner for 20")
            or (has_date and bool(re.search(r"\blunch\s+and\s+dinner\b", text, re.I))))


# People added to a party already counted, named rather than counted: "add my sister and
# her 2 kids", "actually my parents are coming too", "plus my brother and his wife".
_ADDED_KIN_RE = re.compile(
    rf"\b(?:add(?:ing)?|plus|also|bringing|\+)\s+(?:in\s+)?(?:my|our)\s+(?P<who>{_PAIR_KIN}|{_ONE_KIN}|{_PARTNER})\b"
    # ("add my husband's number as a contact", "adding my wife's dietary needs": something
    # of theirs; "adding my husband as a contact / to the email thread": not a guest)
    r"(?!(?:'s|s'|’s)\s+(?!\d|(?:\w+\s+)?(?:kids?|children|family|boys|girls|sons?|daughters?|friends?)\b))"
    r"(?!\s+(?:as\s+(?:an?\s+|the\s+)?(?:contact|emergency|backup|second|point)|(?:to|on|in)\s+(?:the|our|my|this)\s+"
    r"(?:email|e-mail|thread|chat|group|text|list|account|emails|texts|convo|conversation|reservation\s+as)))"
    r"(?P<rest>[^.!?]*)"
    # ("my cousin's 3 kids are coming too": the cousin is not)
    # (a possessive only before a count or someone of theirs: "my mom's coming too" is "is")
    rf"|\b(?:my|our)\s+(?P<who2>{_PAIR_KIN}|{_ONE_KIN}|{_PARTNER})\b(?!(?:'s|s'|’s)\s+(?:\d|(?:\w+\s+)?(?:kids?|children|family|boys|girls"
    r"|sons?|daughters?|friends?)\b))(?P<rest2>[^.!?]*?)\s+(?:(?:are|is|will\s+be|r)\s+)?"
    r"(?:coming|joining)\s+(?:too|as\s+well|also)\b",
    re.I)
# How many the relatives named are: "4 of them" ("… so thats 4 more" is a move the party
# change reads).
_THEY_COUNT_RE = re.compile(r"\b(?P<n>\d{1,2})\s+of\s+them\b|\b(?P<more>\d{1,2})\s+more\b", re.I)  # ("thats 10 of us": all)
_ALREADY_COUNTED_RE = re.compile(
    r"\b(?:includ\w*|counted|part\s+of|already|in\s+the\s+(?:\d{1,3}|count|total|number))\b", re.I)
# Someone's age told right after them: ", hes 9", " who is 7", " (7)".
_ONES_AGE = r"(?:\W*(?:(?:he|she)(?:'?s|\s+is)|who(?:'?s|\s+is)|age|aged)\s+(?:only\s+|just\s+)?(?P<age>\d{1,2})\b|\s*\(\s*(?P<age2>\d{1,2})\s*\))"
# One relative named, with the age if told: "my nephew, hes 9", "my niece (7)", "my parents".
_KIN_ITEM_RE = re.compile(rf"\b(?:my|our)\s+(?P<who>{_PAIR_KIN}|{_ONE_KIN}|{_PARTNER})\b{_ONES_AGE}?", re.I)
_WITH_KIDS_RE = re.compile(
    rf"\b(?:and|with|plus|\+|&)\s+(?:her|his|their|our|my)\s+(?:(?P<n>\d{{1,2}})\s+(?:{KID_WORDS})\b"
    rf"|(?:kids|children)\s*\(?\s*(?:ages?\s+)?(?P<ages>{_AGE_LIST})\b)", re.I)
# "plus their daughter shes 6": one more, a kid unless the age says otherwise
_THEIR_CHILD_RE = re.compile(
    rf"\b(?:and|with|plus|\+|&)\s+(?:her|his|their)\s+(?:daughter|son|little\s+one|baby|toddler|kid|child)\b{_ONES_AGE}?", re.I)
_WITH_PARTNER_RE = re.compile(rf"\b(?:and|with|plus|\+|&)\s+(?:her|his)\s+{_PARTNER}\b", re.I)
# "my fiance and his brother", "my bf and his roommate", "… and her parents": theirs, too
_WITH_THEIRS_RE = re.compile(
    rf"\b(?:and|with|plus|\+|&)\s+(?:her|his|their)\s+(?:(?P<pair>{_PAIR_KIN})|{_ONE_KIN}|roommate|roomie|best\s+friend"
    r"|bestie|buddy|coworker|co-worker|colleague)\b", re.I)
# Who joins is not sure yet, or swaps with someone: "my husband might be coming too", "not
# sure if my wife is coming too", "my wife is coming too instead of me".
_UNSURE_JOIN_RE = re.compile(r"\b(?:might|may|maybe|possibly|probably|prob|was|were|if|whether|unless)\b", re.I)
_POLITE_IF_RE = re.compile(r"\bif\s+(?:that'?s|thats|it'?s|its|that\s+is|it\s+is)\s+(?:ok(?:ay)?|fine|possible|alright|cool|not\s+a\s+problem)\b", re.I)
_UNSURE_BEFORE_RE = re.compile(r"\b(?:not\s+sure|unsure|idk|dunno|if|whether|maybe)\b[^.!?]{0,12}$", re.I)
_SWAP_AFTER_RE = re.compile(r"^[^.!?]{0,6}\b(?:instead\s+of|in\s+place\s+of|rather\s+than)\b"
                            r"|^[^.!?]*\bbut\s+(?:my|our|his|her|the)\s+\w+(?:\s+\w+)?\s+(?:is|are)?\s*(?:not|isn'?t|aren'?t|can'?t|cant|won'?t|wont)\b", re.I)
# "my boyfriend's parents are coming too": the parents (it was the boyfriend alone)
_THEIR_KIN_RE = re.compile(rf"\b(my|our)\s+(?:{_PARTNER}|{_ONE_KIN})(?:'s|s'|’s)\s+(?=(?:{_PAIR_KIN}|{_ONE_KIN}|{_PARTNER})\b)", re.I)


def kin_already_counted(text: str) -> bool:
    """"my parents are coming too, they're included in the 10": relatives named as joining
    who are already in the count."""
    m = _ADDED_KIN_RE.search(text)
    return m is not None and _ALREADY_COUNTED_RE.search(text, m.start()) is not None


def added_people(text: str, *, only_after_kin_out: bool = False) -> tuple[int, int] | None:
    """(adults, kids) that relatives named as joining add to a party already counted, or
    None. Parents, in-laws and grandparents are two; "her 2 kids" adds kids. With
    ``only_after_kin_out``, None unless someone not coming is named before them."""
    text = _THEIR_KIN_RE.sub(lambda k: k[1] + " " * (len(k[0]) - len(k[1])), text)
    text, start = _joining_after_kin_out(text)
    if only_after_kin_out and not start:
        return None
    m = _ADDED_KIN_RE.search(text, start)
    if m is None or re.search(r"\b(?:not|isn'?t|aren'?t|won'?t|wont|can'?t|cant|never)\b", m[0], re.I) \
            or re.search(r"\b(?:is|are|will|does|do)\s+$", text[: m.start()], re.I):
        return None  # ("my sister isn't coming too": one fewer; "is my sister coming too?": asked)
    if _UNSURE_JOIN_RE.search(_POLITE_IF_RE.sub("", m[0])) or _UNSURE_BEFORE_RE.search(text[: m.start()]) or _SWAP_AFTER_RE.search(text[m.end():]):
        return None  # ("my husband might be coming too", "… coming too instead of me": no one more yet)
    if (counted := _THEY_COUNT_RE.search(text, m.end())) is not None and not _ANY_COUNT_RE.search(text[: m.start()]):
        # "my in laws are coming too, 4 of them": the number said is how many they are (it
        # was a party of 4); "… so thats 4 more" is read as 4 more (it was 10 + 2 + 4 + 6)
        return (int(counted["n"]), 0) if counted["n"] else None
    if _ANY_COUNT_RE.search(text[: m.start()]) or _ANY_COUNT_RE.search(text, m.end()):
        return None  # ("my sister's family is coming too, so 9 adults and 2 kids": the counts said)
    if _ALREADY_COUNTED_RE.search(text, m.start()):
        return None  # ("my parents are coming too, they're included in the 10": no one added)
    adults = kids = 0
    # each relative named ("adding my nephew hes 9 and my niece shes 11": two kids, by the
    # ages told; it was one adult)
    for kin in _KIN_ITEM_RE.finditer(text, m.start(), m.end()):
        age = kin["age"] or kin["age2"]
        if re.fullmatch(_PAIR_KIN, kin["who"], re.I):
            adults += 2
        elif age is not None and int(age) <= KID_AGE:
            kids += 1
        else:
            adults += 1
    rest = m["rest"] if m["who"] else m["rest2"]
    if m["who2"]:
        rest = text[m.start("rest2"):]  # (what follows "coming too" may name more: "plus their daughter shes 6")
    adults += bool(_WITH_PARTNER_RE.search(rest))
    adults += sum(2 if o["pair"] else 1 for o in _WITH_THEIRS_RE.finditer(rest))
    for child in _THEIR_CHILD_RE.finditer(rest):
        # "plus their daughter shes 6": a kid (by the age, if told; it was dropped)
        age = child["age"] or child["age2"]
        kids, adults = (kids + 1, adults) if age is None or int(age) <= KID_AGE else (kids, adults + 1)
    if (k := _WITH_KIDS_RE.search(rest)) is not None and k["ages"]:
        # "my sister and her kids (3 and 14)": one each, a kid by the age told
        ages = [int(a) for a in re.findall(r"\d+", k["ages"])]
        kids, adults = kids + sum(a <= KID_AGE for a in ages), adults + sum(a > KID_AGE for a in ages)
    elif k is not None and k["n"]:
        kids += int(k["n"])
    if start and (out := _KIN_OUT_RE.search(text, 0, start)) is not None:
        # "my husband cant come but his brother is coming too": one out, one in (it was 11)
        adults -= 2 if out["pair"] else 1
    return adults, kids


# "… but his brother is coming", "… and my sister and her 2 kids are": who joins instead.
_BUT_JOINING_RE = re.compile(
    r"\s*,?\s*(?:but|and|so|though)\s+(?:(?:my|our|his|her|their)\s+[^.!?]*?)\s+(?:are|is|will\s+be|r)\s+"
    r"(?:still\s+)?(?:coming|joining)\b(?!\s+(?:too|as\s+well|also)\b)", re.I)


def _joining_after_kin_out(text: str) -> tuple[str, int]:
    """``text`` and where to look for people joining: after someone named as not coming
    ("my husband cant come but his brother is coming"), whose own people count as the
    customer's ("his" read as "my") and whose "coming" needs no "too". (text, 0) otherwise."""
    if (out := _KIN_OUT_RE.search(text)) is None or (tail := _NOT_COMING_TAIL_RE.match(text, out.end())) is None:
        return text, 0
    rest = re.sub(r"\b(?:his|her)\b", "my ", text[tail.end():], count=1, flags=re.I)
    rest = re.sub(r"\btheir\b", "our  ", rest, count=1, flags=re.I)
    if (but := _BUT_JOINING_RE.match(rest)) is not None:
        rest = rest[: but.end()] + " too" + rest[but.end():]
    return text[: tail.end()] + rest, tail.end()
