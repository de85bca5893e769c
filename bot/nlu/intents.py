"""Intent classification with weighted lexical patterns and the dialogue context.

Each intent has cue patterns with weights; the best-scoring intent wins and the
confidence grows with its score and with its margin over the runner-up. Goal intents
(book, quote) beat plain facts; a question about a booking topic that asks for neither
a price nor a booking is ``faq``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlu.numbers import normalize
from bot.nlu.repairs import CANCEL_THAT
from bot.nlu.spans import word_set

INTENTS = (
    "greeting", "quote", "book", "availability", "faq", "human", "complaint",
    "cancel_booking", "reschedule_booking", "booking_status", "affirm", "deny", "thanks",
    "bye", "inform", "unknown",
)


@dataclass(frozen=True, slots=True)
class IntentResult:
    """The intent of one message and how sure we are (0..1)."""

    intent: str
    confidence: float


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts))


# Things this business deals in: a booking/price verb aimed at one of these is ours.
_DOMAIN_WORDS = (
    r"chef|chefs|hibachi|teppanyaki|cook|cooks|catering|cater|caterer|party|parties|event"
    r"|events|dinner|lunch|birthday|bday|anniversary|celebration|wedding|shower|graduation"
    r"|gathering|get-together|cookout|bbq|backyard|service|package|menu|food|meal|guests?"
    r"|people|adults?|kids?|children|persons?|pax|deposit|booking|reservation|date|day|slot"
    r"|spot|time|quote|estimate|travel|gratuity|protein|upgrade|experience|night|show"
)
_DOMAIN_RE = re.compile(rf"\b(?:{_DOMAIN_WORDS})\b")
_ADDRESSEE_RE = re.compile(r"\b(?:you|your|u|ur|y'?all|ya'?ll|you\s+guys)\b")
# Words skipped when looking for what a verb is aimed at ("book ME A chef").
_SKIP = word_set("me us a an the my our your some in to of it its this that one do does did is are was "
    "were be would will could can you u i we they he she get have had just please also "
    "really like cost costs run charge charged pay much again now tho though then lol haha exactly "
    "roughly sorry sry soz pls plz unfortunately ugh sadly thx thanks ty something smth sth")
_PREPS = word_set("for on at with this next tomorrow today tonight around about by from between asap "
    "soon so and or please then there here anything everything per range list breakdown info "
    "information details roughly approximately total plus")
_OBJECT_VERB_RE = re.compile(
    r"\b(?:book|booking|reserve|schedule|secure|hire|cancel|reschedule|postpone|price|prices"
    r"|pricing|cost|costs|how\s+much|quote|estimate|status\s+of|availability\s+(?:of|for))\b"
)
_FEE_TOPIC_RE = re.compile(
    r"\b(?:deposit|gratuity|tips?|tipping|travel\s+fees?|travel|minimum|cancellation\s+fee"
    r"|extra\s+for|upgrade|upgrades|lobster|filet|steak|shrimp|sake)\b"
)
_STRONG_TOPIC_RE = re.compile(
    r"\b(?:menu|proteins?|chicken|steak|filet|shrimp|lobster|scallops?|salmon|tofu|vegetarian"
    r"|vegan|gluten|allerg\w*|shellfish|halal|kosher|fried\s+rice|noodles|sake|grill|propane"
    r"|utensils|setup|set\s+up|clean\s*up|rain|rains|raining|indoors?|outdoors?|garage|patio"
    r"|deposit|gratuity|tips?|tipping|travel\s+fee|cancellation|refundable|onion\s+volcano"
    r"|refund\s+polic(?:y|ies)|leftovers?|venmo|zelle|paypal|cash\s+app)\b"
)
# "exchange rate", "interest rate", "gas prices": a price of something else.
_MODIFIED_PRICE_RE = re.compile(r"\b(?P<mod>[a-z']+)\s+(?:rates?|prices?|costs?|fees?)\b")
_PRICE_MODIFIERS = word_set("your the a what whats what's total per our my full final average usual base starting "
    "rough estimated approximate exact best lowest good fair any of for and is are")
_VENUE_RE = re.compile(r"\b(?:at|from)\s+(?:the\s+)?[a-z]+'s\b")
_FACT_RE = _rx(
    r"\b\d{1,4}\s*(?:adults?|kids?|children|people|guests?|persons?|of\s+us|pax|grown|kiddos?)",
    r"\b\d{5}\b", r"\b\d{1,2}\s*(?:am|pm|p\b|:\d\d)", r"\b\d{1,2}/\d{1,2}\b",
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d",
    r"\b\d{1,2}(?:st|nd|rd|th)\b",
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight"
    r"|weekend|christmas|noon)\b",
    r"@\w+\.\w", r"\d{3}\D{0,2}\d{3}\D?\d{4}",
    r"\b\d+\s+\w+\s+(?:st|street|ave|avenue|rd|road|dr|drive|ln|lane|way|ct|court|blvd|pl)\b",
    r"\b(?:my\s+name\s+is|name's|this\s+is\s+[a-z]+$)",
    r"\b(?:no|just|only)\s+(?:kids|adults|children)\b",
)
# Words a texted question may open with before its question word ("wait do we…").
# ("thanks! how long does it last", "thanks for the info. how do i pay": a question after
# the thanks; it was "didn't catch that")
QUESTION_LEAD_IN = (r"(?:(?:wait|oh|ok|okay|so|and|also|hey|hi|um+|hmm+|sorry|actually|btw"
                    r"|thanks|thank\s+(?:you|u)|thx|ty)(?:\s+(?:so\s+much|for\s+the\s+info))?\W+)*")
_ASKS_RE = re.compile(
    rf"^{QUESTION_LEAD_IN}"
    r"(?:what|whats|what's|how|do|does|is|are|can|could|will|would|should|who|where|when|which|why)\b"
)
_QUESTION_RE = _rx(
    r"\?", rf"^{QUESTION_LEAD_IN}"
    r"(?:what|whats|what's|how|do|does|did|is|are|can|could|will|would|should|may"
    r"|who|where|when|which|why|any)\b", r"\b(?:wondering|curious|question)\b",
)

# A whole message asking what the bot can do ("help", "/start", "how does this work?"):
# answered like a hello, never looked up in the FAQ.
HELP_COMMAND = re.compile(
    r"^\W*(?:/?help|/?start|/?menu|options|how\s+does\s+this\s+work"
    r"|what\s+(?:else\s+)?(?:can|do)\s+(?:you|u)\s+do(?:\s+for\s+me)?|what\s+are\s+my\s+options)(?:@\w+)?\W*$",
    re.I
)
# "are u a real person?", "is this a bot": a question about who is answering (the
# honest answer, and a person on offer), not yet a request for one.
IDENTITY_QUESTION = re.compile(
    # "what is ur name", "who am i talking to": who is answering
    r"^\W*(?:(?:hi|hey|ok|so)\W+)?(?:what'?s|whats|what\s+is|wats)\s+(?:your|ur|yo)\s+name\W*$"
    r"|^\W*who\s+(?:am\s+i|are\s+(?:you|u))\s+(?:talking|texting|chatting)\s+(?:to|with)\W*$"
    # "who is this", "you texted me?", "is this the hibachi guy?", "is this still the number
    # for hibachi?" (the FAQ's "what's included", or a person, answered them)
    r"|^\W*(?:(?:hi|hey|hello|wait|um+|sorry|ok)\W+)*(?:who\s+(?:is|'?s)\s+(?:this|texting\s+me)|whos\s+this|who\s+dis|who\s+are\s+(?:you|u)"
    r"|(?:did\s+)?(?:you|u|someone|somebody)\s+(?:just\s+)?text(?:ed)?\s+me"
    r"|is\s+this\s+(?:still\s+)?(?:the\s+)?(?:(?:number|#|line)\s+(?:for|of)\s+(?:the\s+)?)?(?:[\w'-]+\s+){0,3}?(?:hibachi|chef)"
    r"(?:\s+(?:guy|guys|chef|place|people|company|business|at\s+home|catering|party|parties|service))*)\W*$"
    # ("hey are u a bot or a real person" handed over)
    r"|^\W*(?:(?:hi|hey|hello|wait|um+|sorry|ok|so|quick\s+q(?:uestion)?)\W+)*(?:(?:are|r)\s+(?:you|u)|is\s+this|am\s+i\s+(?:talking|texting|chatting)\s+(?:to|with))"
    r"\s+(?:a\s+|an\s+)?(?:real\s+(?:person|human)|real|human|bot|robot|ai|a\.i\.?|person"
    r"|computer|machine|automated|chat\s*bot|live\s+person)\b(?:\s+or\s+(?:a\s+|an\s+)?(?:real\s+|live\s+|actual\s+)?[a-z.]+)?"
    r"(?:\W+(?:lol|haha|lmao|tho|though|rn|really|right|just\s+wondering))*\W*$",
    re.I,
)
# Booking requests the engine also checks on the raw text (its overrides, bot/engine.py).
WANT_TO_CANCEL = re.compile(
    r"(?:\b(?:need|want|have|got|going|gonna|wanna|would\s+like|like|hoping|trying|decided)\s+to"
    r"|\b(?:gotta|hafta|needa|must|will\s+have\s+to))\s+cancel\b(?!\s+(?:policy|fee))",
    re.I,
)
# ("push the payment to next week" moves no party)
PUSH_TO = re.compile(r"(?:push|bump)\s+(?:it|(?:the|our|my)\s+(?!payment|deposit|balance|bill|invoice)\w+)\s+(?:to|till|until)\b",
                     re.I)

# "u there?", "anyone there??": checking someone is listening (a hello, never an FAQ
# question: "there" is not a place).
PRESENCE_CHECK = re.compile(
    r"^\W*(?:(?:are|r)\s+)?(?:you|u)\s+(?:still\s+)?there\W*$"
    r"|^\W*(?:hello+\W+)?(?:any\s*one|anybody|some\s*one|somebody)\s+(?:there|here|around)\W*$",
    re.I,
)

# Where a party moves that is not a day: "can we move it to the garage if it rains?"
# (what follows "move it (to)" when it is not a reschedule).
MOVE_PLACE = (
    r"\s+(?:the\s+)?(?:garage|patio|backyard|back\s+yard|yard|porch|deck|driveway|kitchen|inside"
    r"|indoors|outside|under|into)\b"
)

# (pattern, weight) per intent. Weights near 1 are decisive cues; ~0.5 are hints.
# A word or phrase of assent ("ok", "sounds good", "will do", "continue").
_AFFIRM_WORD = (
    r"(?:y|yes+|yeah+|yea|ya|yah|yep+|yup+|ya+s+|sure|ok+|okay|k|kk|okie|alright|aight"
    r"|correct|right|exactly|absolutely|definitely|of\s+course|certainly|indeed|perfect"
    r"|great|awesome|cool|sounds\s+(?:good|great|perfect)|looks\s+(?:good|great)"
    r"|that\s+works|works\s+for\s+me|that'?s\s+(?:right|correct|fine|perfect)"
    r"|confirm(?:ed)?|go\s+ahead|do\s+it|affirmative|fine|good|deal|bet|for\s+sure"
    r"|will\s+do|hope\s+so|continue|go\s+on|carry\s+on|keep\s+going|proceed|let'?s\s+(?:go|continue|proceed)"
    r"|sure\s+thing|sounds\s+(?:fine|awesome|amazing)|si|sí|claro|perfecto|dale"
    r"|please\s+do|yes\s+please|👍|✅|👌|🙌)"
)
_CUES: dict[str, list[tuple[re.Pattern[str], float]]] = {
    "greeting": [
        (_rx(r"^\W*(?:hi+|hello+|hey+|heya|hiya|howdy|yo|sup|greetings|hola|aloha|good\s+"
             r"(?:morning|afternoon|evening|day))\b"), 0.8),
        (_rx(r"\b(?:what'?s\s+up|how\s+are\s+(?:you|u)|how'?s\s+it\s+going)\b"), 0.6),
        (PRESENCE_CHECK, 0.8),
        # How they found us, as an opener: "my friend said to text u", "saw u on instagram"
        # (it was "didn't catch that")
        (_rx(r"\b(?:(?:said|told\s+me)\s+to\s+(?:text|message|msg|contact|reach\s+out\s+to|hit\s+up)\s+(?:u|you|ya|this)"
             r"|(?:saw|found|seen)\s+(?:u|you|ya|your\s+\w+|ur\s+\w+)\s+on\s+(?:insta(?:gram)?|ig|facebook|fb|tiktok|yelp|google"
             r"|nextdoor|the\s+internet|(?:your|ur)\s+\w+)"
             r"|(?:got|found)\s+(?:your|ur)\s+(?:number|info|contact)\s+(?:from|on)|(?:referred|recommended)\s+(?:by|me))\b"), 0.75),
        # (A bare "help" or chat command is decided in classify_intent, before any cue.)
    ],
    "quote": [
        (_rx(r"\b(?:how\s+much|price|prices|pricing|cost|costs|quote|estimate|your\s+rates?"
             r"|rates?\s+for|per\s+(?:person|head|plate|guest|adult|kid)|ballpark"
             r"|total\s+(?:cost|price))\b",
             r"\$\s?\d", r"\bwhat\s+(?:would|will|does)\s+(?:it|that|this)\s+(?:be|run|come)"
             r"|\bwhat\s+do\s+(?:you|u)\s+charge\b|\bhow\s+expensive\b"), 0.9),
    ],
    "book": [
        (_rx(r"\b(?:book|books|booking|reserve|reservation|schedule|hire|lock\s+in|sign\s+(?:me|us)"
             r"\s+up|set\s+up\s+(?:a|an|the|our)\s+(?:[a-z]+\s+){0,2}?(?:party|event|dinner|lunch)|secure|make\s+it\s+official"
             r"|get\s+(?:a|the)\s+chef|want\s+(?:a|the)\s+chef|need\s+(?:a|the)\s+chef"
             # "have the chef cook on our balcony?" asks what the chef can do, not to book
             r"|have\s+(?:a|the)\s+chef(?!\s+(?:cook|make|do|bring|use|grill|prepare|set|clean|serve|stay|come|arrive|work|play|perform|wear))"
             r"|would\s+like\s+(?:a|the)\s+chef|plan(?:ning)?\s+(?:a|an|our|my)"
             r"\s+(?:[a-z']+\s+){0,2}?(?:party|event|dinner|lunch)|throw\s+(?:a|an)\s+\w*\s*party"
             # "are you guys still taking bookings?": a booking wanted (it went to a person)
             r"|(?:still\s+)?taking\s+(?:bookings|reservations|new\s+clients|orders)"
             # "we want hibachi", "like a hibachi chef at our house" ("didn't catch that" twice)
             r"|(?:want|need|wanna|would\s+like)\s+(?:to\s+(?:do|have|get)\s+)?(?:a\s+)?hibachi\b(?!\s+(?:sauce|recipe|restaurant))"
             r"|hibachi\s+chef\s+(?:at|to|for)\s+(?:our|my)\s+(?:house|place|home|party|backyard)"
             # "interested in a party", "interested in booking you guys"
             r"|interested\s+in\s+(?:a|an|your|having\s+a|getting\s+a|hiring|booking)\s*(?:party|event|chef|hibachi|dinner|services?|you)?)\b"), 0.85),
        (_rx(r"\b(?:let'?s\s+do\s+it|go\s+ahead\s+and\s+book|i'?ll\s+take\s+it|count\s+(?:me|us)"
             r"\s+in|ready\s+to\s+book)\b"), 0.95),
    ],
    "availability": [
        (_rx(r"\b(?:available|availability|avail|openings?|open\s+(?:on|for|slots?)|free\s+on"
             r"|still\s+open|booked\s+up|fully\s+booked|any\s+(?:slots?|spots?|dates?|times?)"
             r"|do\s+(?:you|u)\s+have\s+(?:any\s+)?(?:room|space|slots?|spots?|dates?|time)"
             r"|can\s+(?:you|u)\s+do|(?:is|are)\s+(?:the\s+)?\S+\s+(?:open|free|taken))\b"), 0.85),
    ],
    "faq": [
        (_rx(r"\b(?:menu|menus|proteins?|chicken|steak|filet|shrimp|lobster|scallops?|salmon"
             r"|tofu|veggies?|vegetables?|vegetarian|vegan|gluten|allerg\w*|nuts?|shellfish"
             r"|halal|kosher|dairy|fried\s+rice|noodles|sauce|sake|drinks?|alcohol|appetizers?"
             r"|dessert|upgrades?|equipment|grill|propane|table|tables|chairs|plates|utensils"
             r"|setup|set\s+up|clean\s*up|cleanup|mess|smoke|rain|rains|raining|indoors?"
             r"|inside|outdoors?|outside|garage|patio|balcony|apartment|deposit|gratuity|tips?"
             r"|tipping|travel\s+fee|travel|minimum|insurance|licensed|license|cancellation"
             r"|refundable|refund\s+policy|policy|how\s+long|duration|hours|areas?|service\s+area"
             r"|cities|come\s+to|serve|portions?|leftovers?|entertainment|show|tricks|onion"
             r"|volcano|kids?\s+menu|payment|pay|venmo|zelle|cash|credit\s+card)\b"), 0.55),
        (_rx(r"\b(?:do|does|will|can|is|are)\s+(?:you|u|the\s+chef|y'all|it|your)\s+(?:bring"
             r"|provide|include|supply|need|require|offer|accommodate|charge|clean|cook|come"
             r"|serve|travel|work|handle|accept|take|allow)\b",
             r"\bwhat\s+(?:if|happens|do\s+(?:you|i)\s+need|is\s+included|comes\s+with)\b",
             r"\b(?:included|includes|including)\b\W*$"), 0.6),
        (_rx(r"\b(?:are\s+(?:you|u)\s+(?:a\s+)?(?:bot|robot|real|human|ai)|who\s+(?:are|is)"
             r"\s+(?:you|this))\b"), 0.6),
    ],
    "human": [
        (_rx(r"\b(?:human|agent|real\s+person|live\s+person|actual\s+person|representative"
             r"|rep|operator|manager|supervisor|owner|customer\s+service|staff|someone\s+real"
             r"|(?:talk|speak|chat)\s+(?:to|with)\s+(?:a\s+|an\s+|the\s+)?(?:someone|somebody"
             r"|person|people|human|manager|owner|you\s+guys|a\s+real|chef\b(?![^.?!]{0,30}\b(?:when|once|on\s+the\s+day|that\s+day)\b))"
             # ("you can call me at 916-555-2020", "call me at … if needed": a contact number)
             # ("have the chef call me when he arrives": the chef, on the day)
             r"|(?<!can\s)(?<!may\s)(?<!chef\s)call\s+me(?!\s+(?!(?:please|pls|plz|asap|back|now|today|tonight|soon|later|tomorrow|thanks|thx)\b)[a-z]+\s*$)"
             r"(?!\s+(?:when|once)\s+(?:he|she|they|the\s+chef|you|u)\s+(?:gets?|arrives?|is|are|pulls?))"
             r"(?!\s+(?:at|on)\s+[\d(+][\d\s().+-]{6,}?\s*(?:if|with|any))|give\s+me\s+a\s+call|phone\s+call|can\s+(?:i|you)"
             r"\s+call\s+(?:you|me|someone|somebody|the)|call\s+you|callback|ring\s+me)\b",
             # "i dont want to talk to a bot", "not a robot please"
             r"\b(?:(?:don'?t|do\s+not|dont)\s+want\s+(?:to\s+(?:talk|speak|chat|text)\s+(?:to|with)\s+)?"
             r"(?:a\s+|the\s+|this\s+)?(?:bot|robot|machine|ai)|no\s+(?:more\s+)?(?:bots?|robots?)"
             r"|not\s+(?:a\s+|the\s+)?(?:bot|robot))\b"),
         0.95),
    ],
    "complaint": [
        (_rx(r"\b(?:no[\s-]?show|never\s+(?:showed|came|arrived)|didn'?t\s+(?:show|come|arrive)"
             r"|did\s+not\s+(?:show|come|arrive)|stood\s+(?:us|me)\s+up|terrible|horrible"
             r"|awful|worst|disgusting|disappointed|disappointing|unacceptable|unprofessional"
             # ("someone got sick, we need to cancel" is the reason for a cancel, not a grievance)
             r"|rude|food\s+poisoning|(?<!someone\s)(?<!somebody\s)(?<!son\s)(?<!daughter\s)(?<!kid\s)(?<!wife\s)(?<!husband\s)(?<!mom\s)(?<!dad\s)"
             r"(?<!mother\s)(?<!father\s)(?<!he\s)(?<!she\s)(?<!baby\s)(?<!grandma\s)(?<!grandpa\s)got\s+sick"
             r"|made\s+(?:us|me)\s+sick|ripped\s+off|scam"
             r"|ridiculous|furious|angry|pissed|upset|(?<!neighbors\s)(?<!neighbours\s)(?<!neighbor\s)complain\w*|lawsuit|lawyer"
             # ("Sue" is a name: "im Sue", "Sue Park")
             r"|(?:i'?ll|i\s+will|we'?ll|we\s+will|gonna|going\s+to|should|could|can|to)\s+sue|sue\s+(?:you|u|ur|your|y'?all|them)"
             r"|bbb|bad\s+review|charged\s+(?:me\s+|us\s+|my\s+(?:card|account)\s+)?twice|double\s+charged|overcharged"
             r"|smoked\s+out|called\s+the\s+(?:cops|police)"
             r"|money\s+back|want\s+(?:a|my)\s+refund|refund\s+(?:me|my)|demand|wtf|(?<!no\s)raw|burnt"
             r"|cold\s+food|(?<!no\s)(?<!or\s)undercooked|late\s+(?:again|by)|showed\s+up\s+late|was\s+late)\b",
             # Said of the chef or of us, not of someone else or in passing: "chef is 40
             # min late", "he burned my deck", "your chef left a mess", "this is so
             # frustrating", "ur not understanding me" (not "the last company left a huge
             # mess", "sorry for the annoying questions", "my husband burned the steak").
             r"\b(?:chef|cook|he|she|they|you|u)(?:'s|\s+is|\s+are|\s+was|\s+were|\s+r)?\s+(?:already\s+|now\s+)?"
             r"\d+\s*(?:min(?:ute)?s?|hrs?|hours?)\s+late\b"
             r"|\b(?:chef|cook|he|she|they|you|u)\s+(?:\w+\s+)?(?:burn(?:ed|t)|damaged|broke|ruined|stained|scratched"
             r"|melted|scorched|dented)\s+(?:my|our|the)\b"
             r"|\b(?:chef|cook|he|she|they|you|u)\s+left\s+(?:a|such\s+a|the\s+place\s+a)\s+(?:huge\s+|big\s+|total\s+)?mess\b"
             r"|\b(?:chef|cook|he|she|they|you|u)\s+(?:\w+\s+)?(?:left|leave)\s+(?:all\s+)?(?:the\s+|his\s+|her\s+|their\s+)?(?:trash|garbage|grease|dirty|mess)\b"
             r"|\b(?:this|that|it|you|u|ur|your\s+\w+)(?:'s|\s+is|\s+are|\s+r)?\s+(?:so\s+|really\s+|very\s+|super\s+)?"
             r"(?:frustrating|annoying|unhelpful|not\s+helpful|useless)\b(?!\s+(?:for|to)\s+(?:the\s+)?neighbou?rs)"
             r"|\b(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:so\s+|really\s+|very\s+|getting\s+)?(?:frustrated|annoyed|fed\s+up)\b"
             r"|\b(?:you'?re|ur|your|you\s+are|u\s+r|you)\s+(?:not|n'?t)\s+(?:understanding|listening|getting\s+it)\b",
             # "the food was cold": told in the past tense, an experience, not a question
             r"\b(?:food|meat|steak|chicken|shrimp|rice|noodles|dinner|meal)\s+(?:was|were"
             r"|came\s+out)\s+(?:\w+\s+)?(?:cold|raw|burnt|burned|bland|gross|inedible|bad"
             r"|overcooked|salty)\b"),
         0.95),
        # On the day: the chef has not come. Urgent, so a person, not a booking form.
        (_rx(r"\b(?:chef|cook)(?:'s|\s+is)?\s+(?:still\s+)?(?:not|isn'?t|hasn'?t|has\s+not)\s+"
             r"(?:here|arrived|shown\s+up|showed\s+up|come|there)\b",
             r"\bwhere(?:'?s|\s+is)\s+(?:the|my|our)\s+chef\b(?!\s+from)",
             r"\bstill\s+waiting\s+(?:for|on)\s+(?:the|my|our)\s+chef\b",
             r"\b(?:chef|cook)(?:'s|\s+is)\s+(?:running\s+)?late\b",
             r"\b(?:chef|cook)\s+(?:here|there)\s+yet\b",
             r"\b(?:nobody|no\s+one)\s+(?:showed|came|is\s+here|has\s+shown)\b"), 0.9),
        (_rx(r"\brefund\b(?!\s+polic(?:y|ies))"), 0.6),  # ("refund policy": the FAQ's)
    ],
    "cancel_booking": [
        (_rx(r"^\W*cancel\W*$", r"\bcancel(?:l?ing)?\s+(?:my|our|the|this|that|it|a)?\s*"
             r"(?:booking|reservation|event|party|order|appointment|dinner|chef|it)?\b",
             r"\bcall\s+(?:it\s+)?off\b", r"\bdon'?t\s+need\s+(?:the\s+)?(?:chef|booking)\b",
             # "we're not doing the party anymore", "the party is off"
             r"\bnot\s+(?:doing|having)\s+(?:the|our|my)\s+(?:party|event|dinner|booking)\b",
             r"\b(?:party|event|dinner)(?:'?s|\s+is)\s+(?:off|cancell?ed)\b",
             r"\bno\s+longer\s+need\b",
             # "we wont need the chef anymore", "we're gonna have to skip it this year" (a
             # second party was started, or "didn't catch that")
             r"\b(?:won'?t|wont|will\s+not|not\s+(?:gonna|going\s+to))\s+(?:be\s+)?need(?:ing)?\s+(?:the\s+|a\s+|our\s+)?"
             r"(?:chef|hibachi|booking|reservation)\b(?!\s+(?:to|for)\b)",
             r"\bdon'?t\s+need\s+(?:the\s+)?hibachi\s+(?:anymore|any\s+more|after\s+all)\b",
             r"\b(?:have|need|gonna|going)\s+to\s+skip\s+(?:it|the\s+(?:party|event|dinner|hibachi|booking))\b",
             WANT_TO_CANCEL.pattern, r"\bcancel\W*$"), 0.9),
    ],
    "reschedule_booking": [
        (_rx(r"\b(?:reschedul\w*|re-schedul\w*|postpone|push\s+(?:it|the\s+\w+)?\s*back(?!\s+(?:the|our|my)\s+(?!party|event|booking|date|time|reservation|dinner)\w)"
             rf"|{PUSH_TO.pattern}"
             # "can u put it back to the 19th" after a move (the status was given)
             r"|(?:put|change|switch|set)\s+(?:it|us|(?:the|our|my)\s+(?:booking|party|date|time))\s+back\s+to"
             r"|move\s+(?:my|our|the|it)\s*(?:booking|reservation|event|party|date|time)?"
             rf"\s+to(?!{MOVE_PLACE})|change\s+(?:my|our|the)\s+(?:booking\s+)?(?:date|day|time)"
             r"|different\s+(?:date|day|time)|another\s+(?:date|day))\b"), 0.9),
    ],
    "booking_status": [
        # "whats the name on the booking?", "is the booking under my name?": the booking's
        # details asked (it started a second party)
        (_rx(r"\b(?:what|which|whose)\s+name\b[^?.!]{0,25}\b(?:booking|reservation)\b"
             r"|\bname\s+(?:on|for)\s+(?:the|my|our)\s+(?:booking|reservation)\b(?![^?.!]{0,20}\b(?:to|should\s+be)\b)"
             r"|\b(?:booking|reservation)\s+(?:is\s+)?under\s+(?:my|what|which|whose)\b"), 0.95),
        # "did it go thru?", "is it booked?", "whats left to pay", "hows much is the balance":
        # the booking's own state and figures (it went to a person, or the FAQ answered)
        (_rx(r"^\W*(?:(?:so|and|ok|hey|hi)\W+)?(?:did\s+(?:it|that|everything)\s+go\s+(?:through|thru)"
             r"|is\s+(?:it|that|everything)\s+(?:booked|confirmed|all\s+set|set))\b",
             r"\b(?:what'?s|whats|what\s+is|how\s*(?:much|mch)\s+is|hows\s+much\s+is|how\s+much)\s+"
             r"(?:left\s+(?:to\s+pay|on\s+the\s+bill)|(?:still\s+)?(?:owed|due)|(?:the|my|our)\s+(?:remaining\s+)?balance"
             r"|(?:the\s+)?rest\s+(?:of\s+the\s+(?:payment|bill|total)|due))\b",
             r"\bhow\s+much\s+(?:do|will)\s+(?:i|we)\s+(?:still\s+)?(?:owe|have\s+to\s+pay\s+on\s+the\s+day)\b",
             r"\b(?:remaining|outstanding)\s+balance\b",
             # "we already paid but it hasnt updated": the deposit's state (then a person)
             r"\b(?:i|we)\s+(?:already\s+|just\s+)?(?:paid|payed)\b[^.?!]{0,40}\b(?:still|not|hasn'?t|didn'?t|isn'?t|never)\b"), 0.9),
        (_rx(r"\b(?:status\s+of\s+(?:my|our|the)\s+(?:booking|reservation|event|party|deposit"
             r"|payment|order)|(?:booking|reservation|event|deposit|payment)\s+status"
             r"|did\s+(?:my|the|our)\s+(?:deposit|payment|booking|reservation)\s+go\s+(?:through|thru)"
             r"|(?:deposit|payment|booking|reservation)\s+(?:go|went)\s+(?:through|thru)|(?:am\s+i|are\s+we)\s+(?:booked"
             r"|confirmed|all\s+set)|is\s+(?:my|our)\s+(?:booking|reservation|event)\s+"
             r"(?:confirmed|still\s+on|set|booked)|confirmation|(?:my|our)\s+(?:booking|"
             r"reservation)\s+(?:details|number|info)|what'?s\s+my\s+(?:booking|reservation)"
             r"|when\s+is\s+(?:my|our)\s+(?:booking|event|party|reservation)|(?:my|our)\s+status"
             r"|how\s+many\s+(?:people|guests|adults|kids)\s+(?:is|was|did)\s+(?:it|my|our|the)\b.*\bfor\b"
             r"|how\s+many\s+(?:people|guests|adults|kids)\s+did\s+(?:i|we)\s+(?:book|reserve|put\s+down)"
             r"|what\s+(?:time|day|date)\s+(?:is|was)\s+(?:my|our)\s+(?:booking|event|party|reservation)"
             # session 22 QA: "what day is the party", "which date is our booking", "when is
             # our hibachi again?", "remind me when the chef is coming" (a person, a second
             # party, the FAQ, "didn't catch that")
             r"|(?:what|which)\s+(?:time|day|date)\s+(?:is|was|'s)\s+(?:the|my|our)\s+(?:booking|event|party|reservation|hibachi|dinner)"
             r"|when(?:'?s|\s+is|\s+was)\s+(?:the|my|our)\s+(?:hibachi|booking|event|party|reservation|dinner)(?:\s+\w+)?\s+again"
             r"|when\s+is\s+our\s+hibachi|remind\s+me\s+(?:when|what\s+(?:time|day|date))"
             # "confirm my booking pls" (a second party), "how much cash should i have ready",
             # "where do i send the address" (a person), "pls dont cancel my booking"
             r"|^\W*(?:(?:can|could)\s+(?:you|u)\s+)?(?:pls\s+|please\s+)?confirm\s+(?:my|our)\s+(?:booking|reservation|party|event)\b(?!\s+for\b)"
             r"|how\s+much\s+(?:cash|money)\s+(?:should|do|will|shall)\s+(?:i|we)\s+(?:have|bring|need|have\s+ready)"
             r"|where\s+(?:do|should)\s+(?:i|we)\s+send\s+(?:the|my|our)\s+address"
             r"|(?:do\s*n'?t|dont|do\s+not)\s+cancel\s+(?:my|our|the)\s+(?:booking|reservation|party|event)"
             r"|what\s+(?:time|day|date)\s+did\s+(?:i|we)\s+(?:book|reserve)"
             r"|(?:what|which)(?:'?s|\s+is)?\s+(?:the\s+)?address\s+(?:do\s+)?(?:you|u)\s+(?:have|got)"
             r"|address\s+(?:you\s+have\s+)?on\s+(?:file|the\s+booking)"
             # session 24: "whats the phone number u have on file", "what email do you have
             # for me" (a person), "what address is the booking at" (a second party)
             r"|(?:what|which)(?:'?s|\s+is)?\s+(?:the\s+|my\s+)?(?:phone(?:\s+number)?|number|e-?mail(?:\s+address)?|address)"
             r"\s+(?:(?:do|did)\s+)?(?:you|u)(?:\s+guys)?\s+(?:have|got)"
             r"|(?:phone(?:\s+number)?|number|e-?mail(?:\s+address)?)\s+(?:you\s+have\s+|u\s+have\s+)?on\s+file"
             # "what do you have on file for me", "whats on file for my bookings" (a person)
             r"|(?:what|everything)\s+(?:do\s+)?(?:you|u)\s+(?:guys\s+)?(?:have|got)\s+on\s+file|what'?s\s+on\s+file"
             r"|(?:what|which)\s+address\s+is\s+(?:the|my|our)\s+(?:booking|party|event|reservation)\s+(?:at|for)"
             # "whats the zip on my booking" (a second party), "what do i still owe for the party"
             r"|(?:what|which)(?:'?s|\s+is)?\s+(?:the\s+)?(?:zip(?:\s+code)?|address|date|day|time|name|phone(?:\s+number)?|e-?mail)"
             r"\s+(?:on|for|of)\s+(?:my|our|the)\s+(?:\w+\s+)?(?:booking|reservation|party|event)"
             r"|what\s+(?:do|will)\s+(?:i|we)\s+(?:still\s+)?owe\b"
             r"|(?:never|didn'?t|did\s+not|haven'?t|have\s+not|no)\s+(?:get|got|gotten|receive[d]?|see|seen)?"
             r"\s*(?:the|a|my|any|an)?\s*(?:payment|deposit|pay|checkout|stripe)\s+link"
             r"|where(?:'?s|\s+is)\s+(?:the|my|our)\s+(?:payment|deposit|pay|checkout)\s+link"
             r"|(?:send|resend|re-send|text|email)\s+(?:me\s+|us\s+)?(?:the|my|a|our)\s+(?:payment|deposit|pay|checkout)\s+link"
             r"|(?:payment|deposit|pay|checkout)\s+link\s+again"
             # "what email do i send the deposit to" (a person): the deposit's link, in the status
             r"|(?:what|which)\s+e-?mail\b[^?.!]{0,25}\b(?:deposit|payment)"
             r"|(?:where|who)\s+(?:do|should|can)\s+(?:i|we)\s+send\s+(?:the\s+|my\s+|our\s+)?(?:deposit|payment|money)"
             r"|did\s+(?:you|u)(?:\s+guys|\s+all)?\s+(?:get|receive)\s+(?:my|our|the)\s+(?:deposit|payment)"
             # session 20 QA: "how many people do i have booked", "do i owe anything else",
             # "whens my next party", "whats my schedule look like", "is the sunday one paid"
             r"|how\s+many\s+(?:people|guests|adults|kids)\s+(?:do|did)\s+(?:i|we)\s+have\s+(?:booked|down|reserved)"
             r"|(?:do|will)\s+(?:i|we)\s+(?:still\s+)?owe\s+(?:you\s+|u\s+)?(?:anything|any\s*more|more)"
             r"|when(?:'?s|\s+is)\s+(?:my|our)\s+next\s+(?:party|booking|event|reservation)"
             r"|whens\s+(?:my|our)\s+(?:party|booking|event|reservation)"
             r"|what'?s\s+(?:my|our)\s+schedule"
             r"|is\s+(?:it|the\s+\w+\s+one|(?:my|our)\s+(?:booking|party|reservation|deposit))\s+(?:all\s+)?paid)\b"), 0.95),
    ],
    "affirm": [
        # (one or several: "ok cool continue", "sounds good, go ahead" were not understood)
        (_rx(rf"^\W*{_AFFIRM_WORD}(?:[\s,.!]+{_AFFIRM_WORD})*(?:\s+please)?\W*$"), 1.0),
        (_rx(r"^\W*(?:yes|yeah|yep|yup|sure|ok|okay|correct|sounds\s+good|perfect)\b"), 0.6),
        # "I have reviewed the details and they are correct.", "that is correct", "everything
        # looks correct" (written out in full, it was not understood, twice, and handed over)
        (_rx(r"^\W*(?:(?:i|we)\s+(?:have\s+)?(?:reviewed|checked|read|looked\s+(?:at|over))\s+"
             r"(?:the\s+(?:details|booking|summary)|them|it|everything)\W+(?:and\s+)?)?(?:they|that|it|everything|all|the\s+details|all\s+the\s+details|all\s+of\s+it)"
             r"\s+(?:are|is|looks?|seems?|seem)\s+(?:all\s+|perfectly\s+|completely\s+)?(?:correct|right|good|fine|accurate|in\s+order)"
             r"(?:\W+(?:thank\s+you|thanks|please\s+(?:proceed|book\s+it)))*\W*$"), 1.0),
        # Back after "let me check with my wife": "ok she said yes", "we're good to go"
        # (it was "didn't catch that" at the form's question)
        (_rx(r"^\W*(?:(?:ok|okay|so|yeah|alright)\W+)?(?:she|he|they|my\s+(?:wife|husband|hubby|partner|boss|family))"
             r"\s+(?:said|says)\s+(?:yes|yeah|ok(?:ay)?|it'?s\s+(?:fine|ok|good)|its\s+(?:fine|ok|good)|go\s+ahead|go\s+for\s+it)\W*$",
             r"^\W*(?:(?:ok|okay|so|alright)\W+)?(?:we'?re|we\s+are)\s+(?:good\s+to\s+go|all\s+good|good)\W*$"), 1.0),
    ],
    "deny": [
        (_rx(r"^\W*(?:n|no+|nope|nah|naw|not\s+now|not\s+really|not\s+yet|wrong|incorrect"
             r"|negative|never\s*mind|nevermind|no\s+thanks?|no\s+thank\s+you|not\s+right"
             r"|that'?s\s+(?:wrong|not\s+right|incorrect)|don'?t|do\s+not|not\s+interested"
             r"|👎|❌|maybe\s+later|later|pass|i'?ll\s+pass)\W*$"), 1.0),
        (_rx(r"^\W*(?:no|nope|nah|wrong)\b", r"\b(?:that'?s\s+(?:wrong|not\s+right)"
             r"|not\s+correct)\b"), 0.55),
        # "ok never mind", "ok actually nvm keep it", "ok no wait dont" to "cancel it?": a no
        # behind an "ok" (the "ok" read as a yes cancelled the booking)
        (_rx(r"^\W*(?:(?:ok(?:ay)?|k|hmm+|oh|ah|actually|wait|sorry|um+|uh+)\W+)+(?:(?:actually|wait|sorry)\W+)*"
             r"(?:never\s*mind|nevermind|nvm|forget\s+(?:it|that)|scratch\s+that|keep\s+it|don'?t|dont|do\s+not"
             r"|(?:no|nope|nah)(?=\W*$|\W+(?:wait|keep|don'?t|dont|do\s+not|actually|never|nvm|leave|forget|scratch|cancel\s+that|stop)\b))"),
         1.0),
    ],
    "thanks": [
        (_rx(r"\b(?:thanks|thank\s+(?:you|u)|thx|thnx|tnx|ty|tysm|gracias|appreciate\s+it|much"
             r"\s+appreciated|appreciated)\b", r"🙏"), 0.8),
    ],
    "bye": [
        # "later" alone or as a sign-off ("ok later", "talk later"), not "change it later".
        (_rx(r"\b(?:bye|goodbye|good\s+bye|bye\s+bye|see\s+(?:you|ya)|cya|ttyl|^\W*(?:\w+\W+)?later\W*$|talk\s+(?:to\s+(?:you|u)\s+)?later|good"
             r"\s+night|have\s+a\s+(?:good|great|nice)\s+(?:one|day|night|evening)"
             r"|take\s+care|that'?s\s+all|that'?s\s+it)\b"), 0.8),
    ],
}

# Requests about something that is not ours ("book a flight", "price of bitcoin").
_FOREIGN_OBJECT_RE = re.compile(
    r"\b(?:book|reserve|schedule|price|cost|how\s+much|availability|cancel|hire)\b"
    r"(?:\s+(?:of|for|is|are|does|do|on|me|us|a|an|the|my|our|some|to))*\s+(?P<obj>[a-z]+)"
)
_GOAL_INTENTS = ("book", "quote", "availability", "cancel_booking", "reschedule_booking")
_FAQ_TOPIC_RE = _CUES["faq"][0][0]
_CONDITIONAL_RE = re.compile(
    r"\b(?:if\s+(?:i|we|someone|somebody|anyone|anybody|a\s+guest|people|guests|it\s+(?:rains|storms|snows|pours))"
    r"|what\s+(?:happens|if)|in\s+case|policy|refundable|can\s+(?:i|we)\s+get\s+(?:my|a|the|our)\s+"
    r"(?:deposit|money)|do\s+i\s+get|get\s+(?:(?:my|our|the)\s+)?(?:money|deposit)\s+back)\b"
)


# Negative words in a set phrase that is not a complaint: "worst case", "terrible at
# grilling (that's why we want a chef)", "I hate to bother you". Blanked before the
# complaint cues (and the engine's angry words) are looked for.
NOT_NEGATIVE = re.compile(
    r"\bworst[\s-]+case\b|\b(?:terrible|awful|horrible|the\s+worst|hopeless)\s+at\b"
    r"|\bhate\s+to\s+(?:bother|ask|be|say|trouble|rush)\b|\bno\s+worries\b"
    # "sorry if this is annoying", "not frustrating at all"
    r"|\bsorry\s+(?:if|for)\b[^.?!]{0,40}?\b(?:annoying|frustrating)\b|\bnot\s+(?:frustrating|annoying)\b",
    re.I,
)
# Words of a real grievance: with them a conditional question is still a complaint
# ("this is ridiculous, what if the chef is late again?").
_GRIEVANCE_RE = re.compile(
    r"\b(?:terrible|horrible|awful|worst|disgusting|unacceptable|unprofessional|rude|ridiculous"
    r"|furious|angry|pissed|upset|scam|lawsuit|lawyer|wtf|again"
    r"|(?:i'?ll|i\s+will|we'?ll|we\s+will|gonna|going\s+to|should|could|can|to)\s+sue|sue\s+(?:you|u|ur|your|y'?all|them)"
    # "how do i get a refund, chef never came": it happened, not a what-if
    r"|(?:chef|cook|he|she|they|you|u)\s+(?:never|didn'?t|did\s+not)\s+(?:show(?:ed)?(?:\s+up)?|came|come|arrive[d]?))\b"
)


_FOR_COUNT_RE = re.compile(r"\b(?:do|price|quote)\s+(?:it|that|this)\s+for\s+\d{1,3}\s*(?:ppl|people|guests|adults|of\s+us)\b")
_BACK_AGAIN = re.compile(
    r"^\W*(?:(?:hi+|hello+|hey+|hiya|yo)(?:\s+(?:again|there|im\s+back|i'?m\s+back))?|(?:ok(?:ay)?\s+)?(?:i'?m|im)\s+back"
    r"|back\s+again|where\s+were\s+we|(?:are\s+)?(?:you|u)\s+(?:still\s+)?there)\W*$")
_BOOK_AS_CLAUSE_RE = re.compile(r"\b(?:before|if|when|once|after)\s+(?:i|we)\s+(?:book|reserve)\b")
_CAN_DO_RE = re.compile(r"\bcan\s+(?:you|u|y'all|ya)\s+do\b")


def _score(text: str) -> dict[str, float]:
    scores: dict[str, float] = {}
    for intent, cues in _CUES.items():
        best = 0.0
        hits = 0
        for rx, weight in cues:
            if rx.search(text):
                hits += 1
                best = max(best, weight)
        if hits:
            scores[intent] = min(1.0, best + 0.05 * (hits - 1))
    return scores


def mentions_us(norm: str) -> bool:
    """True when a normalised message speaks to us or names something we sell."""
    return bool(_DOMAIN_RE.search(norm) or _ADDRESSEE_RE.search(norm))


def _aimed_elsewhere(text: str) -> bool:
    """True when a goal verb is aimed at something this business does not sell.

    "book a flight", "how much money do I have", "cancel my gym membership": the first
    content word after the verb is neither ours nor a preposition, date or number.
    """
    if _VENUE_RE.search(text):
        return True
    for m in _MODIFIED_PRICE_RE.finditer(text):
        mod = m["mod"]
        if not (mod in _PRICE_MODIFIERS or mod in _SKIP or mod in _PREPS
                or _DOMAIN_RE.fullmatch(mod)):
            return True
    for m in _OBJECT_VERB_RE.finditer(text):
        if m.group(0) in ("booking", "schedule") and re.search(r"\b(?:my|our|the|your|this|that)\s+$", text[: m.start()]):
            continue  # "whats my booking status": the noun, not "booking a flight"
        # (the object ends with its clause: "we need to cancel, someone got sick")
        for word in re.findall(r"[a-z0-9'$]+", re.split(r"[,.;!?]", text[m.end():], maxsplit=1)[0])[:6]:
            if word in _SKIP:
                continue
            if word in _PREPS or word[0].isdigit() or word[0] == "$":
                break
            if not _DOMAIN_RE.fullmatch(word):
                return True
            break
    return False


# Someone's role, not a wish to reach ours: "i'm the office manager", "my manager asked me",
# "a staff party" (each went straight to a person).
_SOMEONES_ROLE = re.compile(
    r"\b(?:i'?m|im|i\s+am|as|we'?re)\s+(?:the\s+|an?\s+|their\s+)?(?:[a-z]+\s+)?(?:manager|owner|supervisor|rep|representative|staff)\b"
    r"|\b(?:my|our|his|her|their|the\s+office|office|store|restaurant|hr)\s+(?:[a-z]+\s+)?(?:manager|supervisor|owner|boss|staff|rep)\b"
    r"(?!\s+(?:please|pls|now|asap)\b)"
    r"|\bstaff\s+(?:party|dinner|lunch|event|appreciation|holiday|christmas|meeting|outing|of\s+\d+)\b")


def classify_intent(text: str, *, expecting: str | None = None) -> IntentResult:
    """Classify one message; ``expecting`` is the slot the bot just asked for."""
    norm = normalize(text).strip()
    if not norm or not re.search(r"[a-z0-9👍👎✅❌👌🙏🙌]", norm):
        return IntentResult("unknown", 0.3)
    if HELP_COMMAND.match(norm):  # the whole message asks what the bot can do
        return IntentResult("greeting", 0.9)
    if _BACK_AGAIN.match(norm):
        # "hi again", "hello?", "where were we" in the middle of a form: a greeting, and the
        # form's question again (it was a misunderstanding; two of them went to a person)
        return IntentResult("greeting", 0.9)
    # (a cancel word taking back the facts just said is no cancel: "dec 19 6pm, cancel
    # that, dec 20 3pm" was read as a cancel and dropped the party)
    scores = _score(_SOMEONES_ROLE.sub(" ", NOT_NEGATIVE.sub(" ", CANCEL_THAT.sub(", ", norm))))
    has_facts = bool(_FACT_RE.search(norm))
    question = bool(_QUESTION_RE.search(norm))
    words = len(norm.split())

    # Policy questions about cancelling/refunds are FAQ, not requests.
    # ("if i cancel do i get my money back" is asked without a question mark)
    policy = False
    if _CONDITIONAL_RE.search(norm) and (question or re.match(
            # "wait if i cancel later…", "hold on, how far in advance can i cancel and get
            # money back" (a question with no question mark, after an interjection)
            r"\W*(?:(?:wait|hold\s+on|ok(?:ay)?|so|hmm+|and|but|also|oh|btw|quick\s+q(?:uestion)?)\W+)*"
            r"(?:if|what\s+if|how|can|could|do|does|is|will|when)\b",
            norm)):
        for intent in ("cancel_booking", "complaint", "reschedule_booking"):
            # "what happens if a guest is a no show?", "if i cancel do i get my money
            # back": the no-show and the refund are the policy asked about.
            hypothetical = intent == "complaint" and not _GRIEVANCE_RE.search(norm)
            if scores.get(intent, 0) < 0.95 or intent == "cancel_booking" or hypothetical:
                scores.pop(intent, None)
        scores["faq"] = max(scores.get("faq", 0), 0.8)
        # (our cancel/refund policy: "if i cancel later do i get my money back")
        policy = bool(re.search(r"\b(?:cancel\w*|refund\w*|money\s+back|deposit)\b", norm))
    # "can u do it for 15 ppl instead" after a quote: the price for that count
    if _FOR_COUNT_RE.search(norm):
        scores["quote"] = max(scores.get("quote", 0), scores.pop("availability", 0) + 0.05, 0.8)
    # "wait before i book, is the deposit refundable?": the booking is what the question is
    # about, not asked for
    if question and "book" in scores and _BOOK_AS_CLAUSE_RE.search(norm) and "book" not in _score(
            _BOOK_AS_CLAUSE_RE.sub(" ", norm)):
        scores["faq"] = max(scores.get("faq", 0), scores.pop("book") + 0.05)
    # "how much is the deposit?": a fee the FAQ explains, not a quote for a party.
    if "quote" in scores and _FEE_TOPIC_RE.search(norm) and not has_facts:
        scores["faq"] = max(scores.get("faq", 0), scores.pop("quote") + 0.05)
    # "do you charge for travel?", "is gratuity included?": a topic question, not a quote.
    if "quote" in scores and question and _FAQ_TOPIC_RE.search(norm) and not re.search(
        r"\b(?:how\s+much|quote|estimate|total|price\s+for|cost\s+for)\b", norm
    ) and not has_facts:
        scores["faq"] = max(scores.get("faq", 0), scores.pop("quote") + 0.05)
    # "can u do half portions for kids", "can you do vegan sushi": what we serve, not a
    # date ("can you do the 19th" / "can u do 6pm" carry a fact and stay availability).
    if "availability" in scores and "faq" in scores and not has_facts and _CAN_DO_RE.search(norm) \
            and "availability" not in _score(_CAN_DO_RE.sub(" ", norm)):
        scores["faq"] = max(scores["faq"], scores.pop("availability") + 0.05)
    # Domain nouns in a question with no stronger goal: faq.
    if question and "faq" not in scores and _DOMAIN_RE.search(norm) and not any(
        i in scores for i in (*_GOAL_INTENTS, "human", "complaint", "booking_status")
    ) and re.search(r"\b(?:you|u|chef|your)\b", norm):
        scores["faq"] = 0.45
    # A yes/no reply to a confirmation question.
    if expecting == "confirm":
        for intent in ("affirm", "deny"):
            if intent in scores:
                scores[intent] = min(1.0, scores[intent] + 0.3)
    # Facts, when nothing stronger is going on, are "inform".
    # A short reply while a slot is asked for is that slot's answer, unless it is itself
    # a question ("is there a fee for parking?" when asked for the phone).
    asks = question and bool(_ASKS_RE.match(norm)) and not re.search(r"\d", norm)  # "is 6 ok?" answers
    if has_facts or (expecting and expecting != "confirm" and words <= 6 and not asks):
        base = 0.75 if has_facts else 0.55
        if expecting and expecting != "confirm":
            base += 0.15
        scores["inform"] = base
        for weak in ("affirm", "deny", "greeting", "thanks", "bye"):
            if weak in scores and scores[weak] < 1.0 and expecting != "confirm":
                scores[weak] -= 0.3
    # Greetings, thanks and affirmations lose to any real request in the same message.
    if any(i in scores for i in (*_GOAL_INTENTS, "faq", "human", "complaint", "booking_status")):
        for weak in ("greeting", "thanks", "bye", "affirm", "deny"):
            if weak in scores:
                scores[weak] -= 0.4
        if "inform" in scores:
            scores["inform"] -= 0.2
    if "availability" in scores and "book" in scores and question:
        scores["availability"] += 0.1
    if "bye" in scores and "thanks" in scores:
        scores["bye"] += 0.05
    best_intent = max(scores, key=lambda k: scores[k]) if scores else "unknown"
    ours = mentions_us(norm) or has_facts
    if best_intent in (*_GOAL_INTENTS, "booking_status") and _aimed_elsewhere(norm) \
            and not (best_intent == "booking_status" and scores[best_intent] >= 0.95):  # ("how much cash … for the chef")
        return IntentResult("unknown", 0.55)
    if best_intent == "availability" and not ours:
        return IntentResult("unknown", 0.5)
    if best_intent == "faq" and not (ours or policy or _STRONG_TOPIC_RE.search(norm)):
        return IntentResult("unknown", 0.5)
    if not scores or scores[best_intent] <= 0.2:
        return IntentResult("unknown", 0.5 if words > 2 else 0.4)
    ordered = sorted(scores.values(), reverse=True)
    top = ordered[0]
    margin = top - (ordered[1] if len(ordered) > 1 else 0.0)
    confidence = 0.35 + 0.45 * min(top, 1.0) + 0.2 * min(margin, 1.0)
    if words > 25:
        confidence -= 0.05
    return IntentResult(best_intent, round(max(0.05, min(confidence, 0.99)), 2))
