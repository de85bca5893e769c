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
          r"|mushrooms?|onions?|garlic|msg")
_DIET = re.compile(
    r"\b(?:allergic|allerg(?:y|ies)|anaphyla\w*|epi-?pen|vegetarian|vegan|veggie|pescatarian"
    rf"|celiac|coeliac|kosher|halal|diabetic|keto|spicy|{_FOODS})\b",
    re.IGNORECASE,
)
# ... said of someone: a person, a count, or "can't eat", "no pork".
_SAID_OF_SOMEONE = re.compile(
    r"\b(?:is|are|has|have|'s|gets|will\s+be|can'?t\s+(?:eat|have)|cannot\s+(?:eat|have)"
    r"|doesn'?t\s+eat|don'?t\s+eat|won'?t\s+eat|avoids?|needs?)\b"
    r"|\bno\s+(?:pork|beef|shellfish|shrimp|nuts|peanuts|dairy|gluten|seafood|fish|eggs?|msg|onions?|mushrooms?)\b",
    re.IGNORECASE,
)
# A question about diets in general is for the FAQ, unless it asks for the note itself.
_ASKS = re.compile(
    r"\?|^\W*(?:do|does|can|could|will|would|is|are|what|whats|what's|how|any)\b", re.IGNORECASE
)
_NOTE_IT = re.compile(
    r"\b(?:note|noted|jot|write\s+(?:it|that)\s+down|let\s+the\s+chef\s+know|tell\s+the\s+chef"
    r"|make\s+sure|fyi|heads\s+up|just\s+so\s+you\s+know|keep\s+in\s+mind)\b",
    re.IGNORECASE,
)
# What an allergy is to ("my kid is allergic" names none).
_ALLERGEN = re.compile(rf"\b(?:tree\s+nuts?|shrimp|crab|lobster|wheat|milk|corn|{_FOODS})\b", re.IGNORECASE)
# What the chef needs to find and get in ("gate code is 4521", "park on the street", "it's
# a surprise party, don't call the house"): a note like an allergy, told as a fact.
_ARRIVAL = re.compile(
    r"\b(?:gate\s+code|door\s+code|lock\s*box|(?:(?<!the\s)(?<!a\s)park|parking)\s+(?:on|in|at|is|by|behind)|side\s+gate|back\s+gate"
    r"|surprise\s+(?:party|birthday|dinner)|(?:don'?t|do\s+not|dont)\s+(?:call|ring|knock|text)\b.{0,20}\b(?:house|home|doorbell|door|her|him)"
    r"|don'?t\s+ring\s+the\s+doorbell|(?:our|the)\s+dogs?\s+(?:is|are|will)|buzz(?:er)?\s+(?:code|number)|apt\s+buzzer"
    r"|\d+\s+dogs?\s+in\s+the\s+(?:yard|backyard|house)|code\s+(?:to|for)\s+the\s+gate)\b",
    re.IGNORECASE,
)
# What the party celebrates ("it's for my mom's 60th bday", "celebrating our 10th
# anniversary"): the chef plans the show around it; told as a fact, like an allergy.
_OCCASION = re.compile(
    r"\b(?:for|it'?s|its|celebrating|celebrate|celebration\s+of|planning|throwing|hosting)\b[^.?!]{0,40}?\b(?:b-?day|birthday|anniversary"
    r"|graduation|grad\s+party|retirement|baby\s+shower|bridal\s+shower|bachelor(?:ette)?|engagement|wedding"
    r"|rehearsal\s+dinner|reunion|promotion|housewarming|quincea[nñ]era|sweet\s+(?:16|sixteen)"
    r"|(?:christmas|xmas|holiday|new\s+year'?s?|company|office|team|work)\s+party)\b",
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


def diet_note(text: str) -> str | None:
    """The clauses of ``text`` that tell a guest's allergy or diet, joined; None if none."""
    ask_for_note = bool(_NOTE_IT.search(text))
    # (commas too: "12 Main St, one guest has a nut allergy" notes only the allergy)
    parts = [p.strip() for c in clauses(text) for p in _parts(c)]
    found = [
        p for p in parts
        if _MENU_DROP.search(p) or (((_DIET.search(p) and _SAID_OF_SOMEONE.search(p)) or _ARRIVAL.search(p))
                                     and (ask_for_note or not _ASKS.search(p)))
    ]
    found += [
        # the occasion, in its own words ("i want to book a party for my son's graduation":
        # "for my son's graduation")
        m[0] for p in parts
        if p not in found and (m := _OCCASION.search(p)) and (ask_for_note or not _ASKS.search(p))
    ]
    if not found:
        return None
    note = "; ".join(c.rstrip(" .!") for c in found)
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
    return parts if first is None else [*parts[:first], ", ".join(parts[first:])]


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
