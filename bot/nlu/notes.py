"""What the chef should know: a guest's allergy or diet told as a fact, how to get in, or
what the party celebrates.

"one guest has a shellfish allergy", "btw 2 of them are vegetarian", "my son is allergic
to sesame and gluten, can you note that?" are notes for the booking; "do you do vegan?"
is a question for the FAQ. Pure text work: the engine keeps the note on the form or adds
it to the booking held.
"""

from __future__ import annotations

import re

from bot.nlu.segments import clauses

# Words of a diet or an allergy.
# Foods a guest may not eat (shared by the two readers below).
_FOODS = (r"gluten|lactose|dairy|nuts?|peanuts?|shellfish|sesame|soy|eggs?|pork|beef|seafood|fish"
          r"|mushrooms?|onions?|garlic|msg|meat")
_DIET = re.compile(
    r"\b(?:allergic|allerg(?:y|ies)|anaphyla\w*|epi-?pen|vegetarians?|vegans?|veggie|veg|pescatarians?"
    rf"|celiac|coeliac|kosher|halal|diabetic|keto|spicy|pregnant|{_FOODS})\b",
    re.IGNORECASE,
)
# ... said of someone: a person, a count, or "can't eat", "no pork".
_SAID_OF_SOMEONE = re.compile(
    r"\b(?:is|are|has|have|'s|'re|gets|will\s+be|can'?t\s+(?:eat|have)|cannot\s+(?:eat|have)"
    r"|doesn'?t\s+eat|don'?t\s+eat|won'?t\s+eat|avoids?|needs?)\b"
    # "peanut allergy for 2 kids" (the FAQ answered it, and the note was lost)
    r"|\ballerg(?:y|ies)\s+for\s+(?:\d+|one|two|three|four|five|my|our|the|a)\b"
    r"|\bno\s+(?:pork|beef|shellfish|shrimp|nuts|peanuts|dairy|gluten|seafood|fish|eggs?|msg|onions?|mushrooms?|raw)\b"
    # "3 vegetarians and one gluten free"
    r"|\b(?:\d+|one|two|three|four|five|six)\s+(?:vegetarians?|vegans?|pescatarians?|gluten[\s-]free|celiacs?|dairy[\s-]free"
    r"|nut[\s-]free|halal|kosher)\b"
    # "add my daughters nut allergy" (someone's allergy, said with no verb)
    r"|\b(?:my|our|his|her)\s+[a-z]+?'?s\s+(?:[a-z]+\s+)?allerg(?:y|ies)\b"
    # "nobody in our group eats pork"
    r"|\b(?:nobody|no\s+one|none\s+of\s+(?:us|them))\b[^.?!]{0,30}\b(?:eats?|likes?|can\s+have)\b",
    re.IGNORECASE,
)
# A question about diets in general is for the FAQ, unless it asks for the note itself.
_ASKS = re.compile(
    r"\?|^\W*(?:do|does|can|could|will|would|is|are|what|whats|what's|how|any)\b", re.IGNORECASE
)
# An allergy or diet told inside a question: "is it ok if one kid has a nut allergy?"
_IF_SOMEONE_DIET = re.compile(
    r"\b(?:one|two|three|\d|a|my|our|some|1)\s+(?:of\s+(?:us|them|the\s+\w+)\s+|[a-z]+\s+){0,2}?(?:is|are|has|have)\s+"
    r"(?:an?\s+)?(?:\w+\s+){0,2}?(?:allergic\s+to\s+\w+|(?:\w+\s+)?allerg(?:y|ies)|vegetarian|vegan|celiac|pregnant)\b"
    r"(?=[^.!]*\?)"
    # "we have 2 ppl allergic to shellfish is that ok?"
    r"|\b\d{1,2}\s+(?:ppl|people|guests|of\s+us|kids|adults|persons)\s+(?:are\s+|who\s+are\s+)?allergic\s+to\s+\w+"
    # "can the chef do vegetarian for 2 ppl": how many told (the FAQ's answer asks for it)
    r"|\b(?:vegetarian|vegan|gluten[\s-]free|dairy[\s-]free|nut[\s-]free|halal|kosher|pescatarian)\s+(?:food\s+|meals?\s+)?for\s+"
    r"(?:\d{1,2}|one|two|three|four|five|six)\s+(?:ppl|people|guests?|of\s+us|of\s+them|kids?|adults?|persons?)\b",
    re.IGNORECASE)
_NOTE_IT = re.compile(
    r"\b(?:notes?|noted|jot|write\s+(?:it|that)\s+down|let\s+the\s+chef\s+know|tell\s+the\s+chef"
    r"|(?:the\s+)?chef\s+(?:should|needs\s+to|might\s+want\s+to)\s+know"
    r"|make\s+sure|fyi|heads\s+up|just\s+so\s+you\s+know|keep\s+in\s+mind)\b",
    re.IGNORECASE,
)
# What an allergy is to ("my kid is allergic" names none).
_ALLERGEN = re.compile(rf"\b(?:tree\s+nuts?|shrimp|crab|lobster|wheat|milk|corn|{_FOODS})\b", re.IGNORECASE)
# What the chef needs to find and get in ("gate code is 4521", "park on the street", "it's
# a surprise party, don't call the house"): a note like an allergy, told as a fact.
_ARRIVAL = re.compile(
    r"\b(?:gate\s+code|door\s+code|lock\s*box|(?:(?<!the\s)(?<!a\s)park|parking)\s+(?:on|in|at|is|by|behind)|side\s+gate|back\s+gate"
    r"|surprise\s+(?:party|birthday|dinner)|it'?s\s+a\s+surprise\b|(?:don'?t|do\s+not|dont)\s+(?:call|ring|knock|text)\b.{0,20}\b(?:house|home|doorbell|door|her|him|my\s+\w+)"
    r"|don'?t\s+ring\s+the\s+doorbell|(?<!don't\s)(?<!dont\s)ring\s+(?:the\s+)?(?:door\s*)?bell\b(?!\s+(?:is|was)\s+broken)"
    r"|knock\s+(?:loud|hard|twice|on\s+the\s+(?:side|back|front))|use\s+the\s+(?:side|back|front)\s+(?:door|entrance|gate)|(?:our|the)\s+dogs?\s+(?:is|are|will)|buzz(?:er)?\s+(?:code|number)|apt\s+buzzer"
    r"|\d+\s+dogs?\s+in\s+the\s+(?:yard|backyard|house)|code\s+(?:to|for)\s+the\s+gate"
    # session 22 QA: "we have a big dog", "we're upstairs, apt 4B, buzz 22", "have the chef
    # call me when he arrives" (a person took over: "call me")
    r"|(?:we\s+have|we\s+got|there'?s|there\s+is|there\s+are)\s+(?:a|an|one|two|\d)?\s*(?:\w+\s+)?(?:dogs?|cats?|pets?)"
    r"|upstairs|downstairs|(?:top|\d+(?:st|nd|rd|th))\s+floor|buzz(?:er)?\s*#?\s*\d+|elevator"
    r"|(?:have|ask|tell)\s+(?:the\s+)?chef\s+(?:to\s+)?(?:call|text|ring)\s+(?:me|us)"
    r"|(?:call|text)\s+(?:me|us)\s+when\s+(?:you|u|he|she|the\s+chef)\s+(?:gets?|arrives?|is\s+here|pulls?\s+up))\b",
    re.IGNORECASE,
)
# What the party celebrates ("it's for my mom's 60th bday", "celebrating our 10th
# anniversary"): the chef plans the show around it; told as a fact, like an allergy.
_OCCASION_WORDS = (
    r"b-?days?|birthdays?|anniversar(?:y|ies)|graduation|grad\s+party|retirement|baby\s+shower|bridal\s+shower|bachelor(?:ette)?"
    r"|years\s+(?:of\s+marriage|married|together)"
    r"|engagement|wedding|rehearsal\s+dinner|reunion|promotion|housewarming|quincea[nñ]era|sweet\s+(?:16|sixteen)"
    r"|(?:christmas|xmas|holiday|new\s+year'?s?|company|office|team|work)\s+party")
_OCCASION = re.compile(
    r"\b(?:for|it'?s|its|celebrating|celebrate|celebration\s+of|planning|throwing|hosting)\b[^.?!]{0,40}?"
    rf"\b(?:{_OCCASION_WORDS})\b"
    # "its for my moms 60th", "my son turns 5 on dec 20", "graduation party for 20", "my
    # wife's 40th bday", "my sons 2nd bday party"
    r"|\b(?:(?:for|it'?s|its)\s+)?(?:my|our|his|her)\s+[a-z]+(?:'?s)?\s+\d{1,3}(?:st|nd|rd|th)\s+"
    rf"(?:{_OCCASION_WORDS})(?:\s+(?:party|dinner|celebration|bash))?\b"
    r"|\b(?:for|it'?s|its)\s+(?:my|our|his|her)\s+[a-z]+(?:'?s)?\s+\d{1,3}(?:st|nd|rd|th)\b(?!\s+(?:st|street|ave|of)\b)"
    r"|\b(?:my|our|his|her)\s+[a-z]+(?:'?s)?\s+(?:turns|is\s+turning|turning)\s+\d{1,3}\b"
    rf"|\b(?:{_OCCASION_WORDS})\s+(?:party|dinner|celebration|bash)\b",
    re.IGNORECASE,
)
# The proteins chosen ("6 chicken 4 steak 2 shrimp", "4 people want tofu instead of meat",
# "chicken and steak for everyone"): the FAQ asks for the counts, so they are the chef's
# note (they were a person, or a change of the party's size).
PROTEIN = r"(?:chicken|steaks?|shrimp|salmon|scallops?|filet(?:\s+mignon)?|lobster|tofu|veggies|vegetables|beef)"
# Words of choosing a dish (shared with the guest reader: "2 kids want chicken" counts no one).
CHOOSE = r"(?:want|wants|would\s+like|prefer|prefers|are\s+getting|will\s+have)"
_MENU_CHOICE = re.compile(
    rf"\b\d{{1,2}}\s+{PROTEIN}\b[^.?!]{{0,20}}?\b\d{{1,2}}\s+{PROTEIN}\b"
    rf"|\b(?:want|wants|get|gets|prefer|prefers|like|choose|pick)\s+(?:the\s+)?{PROTEIN}(?:\s*(?:,|and|&|\+|or)\s*{PROTEIN})*"
    r"\s+(?:instead|for\s+(?:everyone|everybody|all|each|every\s*one|the\s+(?:kids|adults)))\b"
    rf"|\b{PROTEIN}\s+instead\s+of\s+(?:meat|{PROTEIN})\b"
    # "2 adults want shrimp and 3 adults want steak", "the 2 kids want chicken"
    rf"|\b\d{{1,2}}\s+(?:\w+\s+)?(?:kids?|adults?|people|ppl|guests|of\s+(?:us|them))?\s*{CHOOSE}"
    rf"\s+(?:the\s+)?{PROTEIN}\b"
    rf"|\b{PROTEIN}\s+(?:and|&|\+)\s+{PROTEIN}\s+for\s+(?:everyone|everybody|all)\b",
    re.IGNORECASE,
)
# A dish the party wants left out ("cancel the rice for the kids", "can u skip the
# dessert? we're bringing a cake"): a note for the chef, not a cancel of the booking.
# What is on the menu (shared with the engine: a count of these is no guest count).
DISHES = (r"fried\s+rice|rice|noodles|desserts?|salad|soup|appetizers?|veggies|vegetables|sauces?|yum\s*yum(?:\s+sauce)?"
          r"|sake|gyoza|edamame|shrimp|chicken|steaks?|filet|mignon|salmon|scallops?|lobster|upgrades?|protein"
          r"|plates?|portions?|servings?|sides?|dishes")
_MENU_DROP = re.compile(
    r"\b(?:cancel|remove|skip|drop|hold|leave\s+out|take\s+(?:out|off))\s+(?:the\s+|our\s+|my\s+|any\s+)?"
    rf"(?:\w+\s+)?(?:{DISHES})\b",
    re.IGNORECASE,
)
_MAX = 300


# A note asked for with its words: "can u add to the notes that …", "put a note saying …",
# "add my moms bday to the notes" (asked as a question, it went to a person).
_NOTE_THAT = re.compile(
    r"\b(?:add|put|make|leave|write|include)\b[^.?!]{0,25}?\bnotes?\b[^.?!]{0,15}?(?:\bthat\b|\bsaying\b|:)\s*(?P<note>[^?!]+)"
    r"|\b(?:add|put|include)\s+(?P<note2>(?:(?!\b(?:to|in|on)\s+the\s+notes?\b)[^.?!,])+?)\s+(?:to|in|on)\s+the\s+notes?\b",
    re.IGNORECASE)


# Someone who cannot have what was just named: "my wife cant have it", "hes allergic".
_CANT_HAVE_IT = re.compile(
    r"\b(?:can'?t|cannot|can\s+not|doesn'?t|don'?t|won'?t)\s+(?:have|eat|do)\s+(?:it|them|that|any)\b"
    r"|\b(?:is|are|'s|'re|hes|shes|theyre)\s+(?:severely\s+|very\s+|super\s+|deathly\s+)?allergic\b(?!\s+to\b)",
    re.IGNORECASE)


_HOW_MANY_OF_US = re.compile(r"(?:all\s+|just\s+|only\s+)?\d{1,3}\s+of\s+(?:us|them)\W*", re.I)


_ASKED_TO_ADD = re.compile(r"^\W*(?:(?:ok(?:ay)?|yes|yeah|yep|yup|sure)\W+)*(?:(?:but|and|also|oh)\W+)*"
                           r"(?:(?:(?:pls|please)\s+)?(?:add|note|include)\s+(?:that\s+)?)?(?=\S)", re.I)


def chef_note(text: str) -> str | None:
    """The clauses of ``text`` the chef should know (an allergy or diet, how to get in, the
    occasion, proteins chosen), joined; None if none."""
    if (said := _NOTE_THAT.search(text)) is not None:
        note = re.sub(r"\s+(?:lol|lmao|haha+|pls|please|thx|thanks)\W*$", "", (said["note"] or said["note2"]).strip(" ,.!"))
        if len(note.split()) >= 2:
            return note[:_MAX]
    ask_for_note = bool(_NOTE_IT.search(text))
    # (commas too: "12 Main St, one guest has a nut allergy" notes only the allergy)
    parts = [p.strip() for c in clauses(text) for p in _parts(c)]
    found = [
        p for p in parts
        if _MENU_DROP.search(p) or (((_DIET.search(p) and _SAID_OF_SOMEONE.search(p)) or _ARRIVAL.search(p)
                                      or _MENU_CHOICE.search(p))
                                     and (ask_for_note or not _ASKS.search(p)))
    ]
    for i, p in enumerate(parts[:-1]):
        if p in found and _HOW_MANY_OF_US.fullmatch(parts[i + 1]):
            # "we're vegetarian btw, all 10 of us": how many, kept with it (it was dropped)
            found[found.index(p)] = f"{p}, {parts[i + 1]}"
    if not found and ask_for_note:
        # "we have a big dog, chef should know": what is asked to be noted, whatever it is
        # (not a count: "just fyi we're 12 adults now" is a change of the party)
        found = [left for p in parts if not _ASKS.search(p) and not re.search(r"\d", p)
                 and len((left := _NOTE_IT.sub("", p).strip(" ,.!-")).split()) >= 2]
    if not found and (them := next((i for i, p in enumerate(parts) if _CANT_HAVE_IT.search(p)), None)) is not None \
            and (food := next((p for p in parts[:them] if _DIET.search(p)), None)) is not None:
        # "can the chef do no shellfish please, my wife cant have it": the food asked about
        # and who cannot have it (it was only answered, and the chef never heard)
        found = [food, parts[them]]
    if not found and (told := _IF_SOMEONE_DIET.search(text)):
        # "is it ok if one kid has a severe nut allergy?": asked, but the allergy is told
        found = [told[0]]
    found += [
        # the occasion, in its own words ("i want to book a party for my son's graduation":
        # "for my son's graduation")
        m[0] for p in parts
        if p not in found and (m := _OCCASION.search(p)) and (ask_for_note or not _ASKS.search(p))
    ]
    if not found:
        return None
    # (a yes or an "add" before it is no part of it: "yes but add my daughters nut allergy")
    joined = "; ".join(c.rstrip(" .!") for c in found)
    note = _ASKED_TO_ADD.sub("", joined) or joined
    named = [a.lower() for a in _ALLERGEN.findall(text)]
    if re.search(r"\ballerg", note, re.I) and named and not _ALLERGEN.search(note):
        # "can you do it without sesame? my kid is allergic": what to, from the question
        note += f" ({', '.join(dict.fromkeys(named))})"
    return note[:_MAX]


def _parts(clause: str) -> list[str]:
    """A clause split at commas ("12 Main St, one guest has a nut allergy"), except that
    how to get in runs to its end ("the gate code changed, it's 7788 now")."""
    # ("…3 more kids, and one adult is allergic to shellfish": the note starts at "one")
    parts = [re.sub(r"^(?:and|also|plus)\s+", "", p, flags=re.I) for p in re.split(r",\s*", clause)]
    first = next((i for i, p in enumerate(parts) if _ARRIVAL.search(p)), None)
    parts = parts if first is None else [*parts[:first], ", ".join(parts[first:])]
    # ("we have 2 dogs and 12 adults now": the count is no part of the note)
    return [q for p in parts for q in re.split(r"\s+(?:and|&|\+)\s+(?=(?:add\s+|also\s+)?\d+\s+(?:more\s+)?(?:adults?|kids?|people|ppl|guests)\b)", p)]


def menu_choice(text: str) -> bool:
    """"6 chicken 4 steak", "4 people want tofu instead of meat": proteins chosen (their
    numbers are no guest counts)."""
    return bool(_MENU_CHOICE.search(text))


def tells_occasion(text: str) -> bool:
    """"it's for my mom's 60th": the party's occasion told (not asked about)."""
    return any(_OCCASION.search(c) and not _ASKS.search(c) for c in clauses(text))


def says_note_it(text: str) -> bool:
    """"add a note that …", "let the chef know": the note asked for in so many words."""
    return bool(_NOTE_IT.search(text))


def asks_to_note(text: str) -> bool:
    """"can you note that?", "let the chef know", "can u skip the dessert?": the message
    asks for the note itself."""
    return bool(_NOTE_IT.search(text) or _MENU_DROP.search(text))
