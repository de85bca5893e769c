"""Customer names: a short reply when the bot asked for one, otherwise only after a cue."""

from __future__ import annotations

import re

from bot.nlu.spans import word_set

# Words that are never (part of) a name in this setting: function words, chat words,
# booking vocabulary, and adjectives/verbs that follow "I'm" / "this is".
_COMMON = word_set("""
instead back asap later tomorrow anytime someone somebody please pls plz
a an the and or but if so to of in on at for from with by about as into over after before i
i'm im me my mine we us our you your he she they them it its it's this that these those is
am are was were be been being do does did done have has had will would can could should
shall may might must not no nope nah yes yeah yep yup ya ye sure ok okay k kk alright right
fine good great cool nice perfect awesome amazing excellent wonderful thanks thank thx ty
please pls hi hello hey hiya howdy yo sup bye goodbye later morning afternoon evening night
what why how when where who which whom whose there here here's just only also too very
really still already again even well hmm hm um uh lol haha idk ikr omg wow oops sorry pardon
excuse looking interested wondering trying planning hoping thinking calling texting going
getting having reaching asking curious checking booking book booked reserve reservation
schedule quote price cost deposit party event dinner lunch chef hibachi catering cater food
menu people person adults adult kids kid children child guests guest family friends group
today tonight tomorrow yesterday week weekend month year day date time noon midnight monday
tuesday wednesday thursday friday saturday sunday january february march april june july
august september october november december new next last first coming available free open
busy ready happy glad excited back home out up down off cancel stop help info start end quit
unsubscribe maybe probably definitely confirm correct wrong agent human representative
someone somebody anyone name names called call text email phone number address zip code
street st ave none nothing all any some many much more most few lot lots bunch several near
around between hungry married single vegetarian vegan allergic gonna wanna gotta need want
like love hate get got give go come see saw know pretty afraid unable able late early sad
tired certain currently actually originally located based known scheduled confirmed terrible
horrible awful running wanting old big small little starving christmas eve thanksgiving
easter halloween valentine valentines independence memorial labor mother mothers father
fathers anyway anyways everyone nobody everybody thing sounds hola gracias si soy
whats wats wuts hows whens wheres ur u r y ya'll yall
promo promos promotion coupon coupons code deal deals offer offers discount special specials
who who's whos whose asking
policy policies cancellation cancelation refund refunds refundable gratuity gratuities tip
tips tipping included include includes including leftovers leftover venmo zelle paypal
payment pay grill propane allergy allergies gluten sake drinks drink alcohol
tofu shrimp steak chicken scallops lobster filet noodles sauce dessert
plates utensils table tables chairs travel fee fees minimum insurance insured licensed
rain indoors indoor outdoors outside inside garage patio balcony setup cleanup smoke
portions portion halal kosher dairy nuts shellfish vegetables veggies upgrade upgrades
brb ttyl wait waiting sec secs hold hang omw otw nvm gtg lmk bbl afk hmu wya tbh ngl smh
moment momento nada gracias sí bueno pues
""")
# (The last lines: what a question at the name prompt is about, "refund policy", "gratuity
# included", "Leftovers", "venmo ok": never a name; they were taken as one. Words that are
# also surnames, "Cash", "Rice", "Salmon", "Card", stay names.)
_CUE_RE = re.compile(
    r"\b(?:my\s+name\s+is|my\s+name's|name\s+is|name's|name\s*[:\-]|names\s+is"
    r"|this\s+is|it's|its|it\s+is|i'm|im|i\s+am|call\s+me|you\s+can\s+call\s+me"
    r"|the\s+name\s+is|under\s+the\s+name(?:\s+of)?|under|soy|me\s+llamo|mi\s+nombre\s+es)\s+",
    re.IGNORECASE,
)
_STRONG_CUE_RE = re.compile(
    # "the name is wrong its Timothy Lee": a correction, the name after it
    r"\b(?:(?:the\s+|my\s+)?name\s+(?:is\s+|was\s+|'s\s+)?(?:wrong|misspelled|incorrect|spelled\s+wrong|a\s+typo)"
    r"[\s,.;:!-]*(?:(?:it'?s|its|it\s+is|should\s+be|should\s+say|is)\s+)?"
    r"|(?:my\s+)?(?:full\s+)?name\s+is|my\s+name's|name's|names\s+is|name\s*[:\-]"
    r"|(?:in|on|under|for|with|by)\s+(?:the\s+|my\s+)?name(?:\s+of|\s+is)?|named\s+(?:me\s+)?"
    r"|(?:i'm|im|i\s+am)\s+(?:called|known\s+as)|known\s+as|(?:i\s+)?go\s+by|call\s+me"
    r"|use\s+the\s+name|(?:listed|booked|reserved|made|put|is|was|it's|its)\s+under"
    r"|(?:^|(?<=[,.;]\s)|(?<=[,.;]))name(?=\s+(?-i:[A-Z])))\s*[,:]?\s*"  # "…, name Maria Lopez, address …"
    # "my name is spelled Mariah", "name is actually Mariah": the name follows
    r"(?:(?:actually|really|spelled|spelt|spelled\s+as|written)\s+)*",
    re.IGNORECASE,
)
_FIRST_RE = re.compile(r"\bfirst\s+name\s*(?:is|:|-)?\s*", re.IGNORECASE)
_LAST_RE = re.compile(r"\b(?:last|sur|family)\s*name\s*(?:is|:|-)?\s*", re.IGNORECASE)
_TRAILING_CUE_RE = re.compile(
    r"^\W*(?P<name>[A-Za-z][\w'.-]*(?:\s+[A-Za-z][\w'.-]*){0,2})\s+(?:is|'s)\s+(?:my|the)"
    r"\s+name\b", re.IGNORECASE
)
# Two capitalised words after "for"/"under": "the reservation for Rolande Brill".
_FOR_CAPS_RE = re.compile(r"\b(?:for|under|of)\s+(?P<name>[A-Z][a-z'-]+\s+[A-Z][a-z'-]+)\b")
_WEAK_CUE_RE = re.compile(r"\b(?:this\s+is|i'm|im|i\s+am)\s+", re.IGNORECASE)
_HERE_RE = re.compile(r"^\W*(?:(?:hi|hey|hello)\W+)?(?P<name>[A-Z][a-z]+(?:\s+[A-Z][A-Za-z'’-]*[a-z])?)"
                      r"\s+here\b")
_TOKEN_RE = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'.\-]*")
_LEAD_RE = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|sure|ok|okay|hi|hey|hello|hola|sorry|oh)\b[\s,.!-]*)+", re.IGNORECASE
)
_TRAIL_RE = re.compile(
    r"[\s,.!]*(?:\b(?:thanks|thank\s+you|thx|ty|please|pls|here)\b[\s,.!]*)*$", re.IGNORECASE
)
_INITIAL_RE = re.compile(r"[A-Za-z]\.?")
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "mr.", "mrs.", "ms.", "dr."})
# Common words that are also first names ("April", "May", "Eve", "Will"): a name only
# when capitalised and asked for, or after a strong cue ("name is Eve").
_ALSO_NAMES = word_set("""
april may june august eve will faith hope joy grace summer autumn dawn bill mark rich pat
rose sunny chase hunter art ty an
""")


def _asked_name_word(word: str) -> bool:
    """A name word where a name is asked for: any name word, or a capitalised word that is
    also a first name."""
    bare = word.strip(",.")
    return is_name_word(bare) or (bare[:1].isupper() and bare.lower() in _ALSO_NAMES)


# Chat words stretched ("yesss", "okkk", "lolll", "hmmm"): never a name (one was booked as "Yesss").
_STRETCHED = re.compile(
    r"(?:y+e+[sa]+h*|y+e+a+h+|y+a+s+|y+u+p+|y+e+p+|o+k+a*y*|k+|no+|n+a+h+|no+pe+|lo+l+|(?:ha)+h*|(?:he)+h*|h+m+|u+m+|u+h+|o+h+|a+w+"
    r"|y+a+y+|w+o+w+|s+u+r+e+|c+o+o+l+|t+h+x+|p+l+[sz]+)", re.IGNORECASE)


def is_name_word(word: str) -> bool:
    """A word that can be part of a name (not a common English word, not "-ing")."""
    low = word.lower().strip(".")
    return (
        bool(_TOKEN_RE.fullmatch(word))
        and low not in _COMMON
        and not _STRETCHED.fullmatch(low)
        and len(low) >= 2
        and not (low.endswith("ing") and len(low) > 5)
    )


def _cap(word: str) -> str:
    """Capitalise ``maria`` / ``MARIA``; keep mixed case such as ``McDonald`` as written."""
    if not (word.islower() or word.isupper()):
        return word
    return re.sub(r"(^|['\-])([a-z\u00E0-\u024F])", lambda m: m.group(1) + m.group(2).upper(),
                  word.lower())


def _format(words: list[str]) -> str | None:
    words = [w.strip(".") if w.lower() not in _TITLES else w for w in words]
    names = [w for w in words if w.lower().strip(".") not in _TITLES]
    if not names:
        return None
    # A title the customer gave leads the name, written "Dr." ("Dr. Sarah Kim": the
    # booking was under "Sarah Kim")
    title = words[0].lower().strip(".") if words[0].lower().strip(".") in _TITLES else None
    lead = [title.capitalize() + "."] if title and title != "miss" else (["Miss"] if title else [])
    # ("Carlos Ruiz Jr." lost its full stop)
    return " ".join(lead + [f"{_cap(w)}." if i and w.lower() in ("jr", "sr") else _cap(w) for i, w in enumerate(names)])


def _take(text: str, *, need_capital: bool, limit: int = 3, also_names: bool = False) -> list[str]:
    """Take leading name words from ``text`` (``also_names``: "Eve", "Will" too)."""
    words: list[str] = []
    for raw in text.split():
        word = raw.strip(",.!?;:()\"")
        if not (_asked_name_word(word) if also_names else is_name_word(word)) \
                and word.lower().strip(".") not in _TITLES:
            break
        if need_capital and not word[0].isupper():
            break
        words.append(word)
        # ("Dr. Priya Patel-Shah": a title's full stop ends nothing)
        if len(words) == limit or (raw[-1:] in ",.!?;:" and word.lower() not in _TITLES):
            break
    return words


def _capital_run(text: str) -> list[str]:
    """The longest run of capitalised name words (not the first word of a sentence)."""
    best: list[str] = []
    run: list[str] = []
    for raw in text.split():
        word = raw.strip(",.!?;:()\"")
        if word and word[0].isupper() and is_name_word(word) and not word.isupper():
            run.append(word)
        else:
            run = []
        if len(run) > len(best):
            best = list(run)
        if raw[-1:] in ",.!?;:":
            run = []
    return best[:3]


# "Mark & Lisa Chen", "mark and lisa chen", "Mark Chen & Lisa Chen": a couple's name,
# kept whole (only "Lisa Chen" was kept).
# "Mr and Mrs Lee" / "Mr. and Mrs. David Lee": the titles of a couple, then their name.
_COUPLE_NAME_RE = re.compile(
    r"^(?P<a>[A-Za-z][\w'.-]*(?:\s+[A-Za-z][\w'.-]*)?)\s*(?:&|\+|\band\b)\s*"
    r"(?P<b>[A-Za-z][\w'.-]*(?:\s+[A-Za-z][\w'.-]*){0,2})$", re.IGNORECASE)



def _couple_name(core: str) -> str | None:
    m = _COUPLE_NAME_RE.match(core.strip())
    if m is None:
        return None
    a, b = m["a"].split(), m["b"].split()
    if not all(_asked_name_word(w) or w.lower() in _TITLES for w in a + b) or len(b) > 2 + (b[0].lower() in _TITLES):
        return None
    second = _format(b)
    if second is None:
        return None
    if all(w.lower() in _TITLES for w in a):  # "Mr and Mrs Lee": "Mr. & Mrs. Lee"
        return f"{a[0].strip('.').capitalize()}. & {second}" if a[0].lower().strip(".") != "miss" else None
    first = _format(a)
    return f"{first} & {second}" if first else None


# "the johnson family", "the Parks": a family's name where the name is asked.
_FAMILY_RE = re.compile(r"^the\s+(?P<name>[A-Za-z][\w'-]+?)(?:\s+(?P<family>family|fam|household))?$",
                        re.IGNORECASE)


def find_name(text: str, *, expecting: str | None = None) -> str | None:
    """Return a customer's name as ``"Maria Lopez"``, or None."""
    first = _FIRST_RE.search(text)
    if first:
        words = _take(text[first.end():], need_capital=False, limit=1)
        last = _LAST_RE.search(text)
        if last:
            words += _take(text[last.end():], need_capital=False, limit=2)
        if words:
            return _format(words)
    if expecting == "name":
        core = _TRAIL_RE.sub("", _LEAD_RE.sub("", text.strip()))
        core = _CUE_RE.sub("", core, count=1) if _CUE_RE.match(core) else core
        if (couple := _couple_name(core)) is not None:
            return couple
        if (family := _FAMILY_RE.match(core.strip())) is not None and is_name_word(family["name"]):
            # "the johnson family", "the Parks": the family's name (it was "didn't catch that")
            if family["family"]:
                return f"{_cap(family['name'])} family"
            if family["name"].lower().endswith("s"):  # ("the best" is no family)
                return f"The {_cap(family['name'])}"
        tokens = core.split()
        if 2 <= len(tokens) <= 3 and _INITIAL_RE.fullmatch(tokens[-1]) and all(_asked_name_word(t) for t in tokens[:-1]) \
                and (given := _format(tokens[:-1])) is not None:
            # "joe h", "Joe H.": a first name and an initial (it was "didn't catch that", twice)
            return f"{given} {tokens[-1][0].upper()}."
        if 1 <= len(tokens) <= 4 and all(_asked_name_word(t) or t.lower() in _TITLES for t in tokens):
            return _format([t.strip(",") for t in tokens])
    m = _STRONG_CUE_RE.search(text)
    if m:
        words = _take(text[m.end():], need_capital=False, also_names=True)
        if words:
            return _format(words)
    m = _TRAILING_CUE_RE.search(text)
    if m and all(is_name_word(w) for w in m["name"].split()):
        return _format(m["name"].split())
    # "I'm X" / "this is X": a lower-case X counts only from someone who never capitalises.
    lowercase_writer = text == text.lower()
    for m in _WEAK_CUE_RE.finditer(text):
        rest = text[m.end():]
        first_word = rest.split()[0].strip(",.!?") if rest.split() else ""
        if not first_word or not is_name_word(first_word) or first_word.isupper():
            continue
        capital = first_word[0].isupper()
        if not capital and (not lowercase_writer or re.search(r"(?:ed|ly|ful|ous|ive|able)$",
                                                             first_word)):
            continue
        words = _take(rest, need_capital=capital, limit=3 if capital else 1)
        if words:
            return _format(words)
    m = _HERE_RE.search(text)
    if m and all(is_name_word(w) for w in m["name"].split()):
        return m["name"]
    m = _FOR_CAPS_RE.search(text)
    if m and all(is_name_word(w) for w in m["name"].split()):
        return m["name"]
    # (a question is no name: "Bill me later?", "Grace period for the deposit?"; but in
    # "Maria Lopez. is the tip included?" the name comes first, and the question after it)
    head = re.split(r"(?<=[.,;!])\s+|\s+[-–—]+\s+", text.strip(), maxsplit=1)[0] if expecting == "name" else text
    if expecting == "name" and len(head.split()) <= 8 and not head.rstrip().endswith("?"):
        run = _capital_run(head)
        # ("Hope so", "Mark my words", "Will do": a word that is also a name, in a phrase)
        if run and not (len(run) == 1 and run[0].lower() in _ALSO_NAMES and len(text.split()) > 1):
            return _format(run)
    return None
