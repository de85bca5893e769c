"""The dialogue policy: one customer message in, replies (and an escalation) out.

Channel-agnostic: the caller supplies `Ports` for every fact and action, and persists
the returned state. Forms collect what is missing in any order; corrections overwrite;
FAQ questions are answered mid-form and the form resumes.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot import templates as t
from bot.booking_ref import (
    MONTH_ONE,
    MY_BOOKING,
    WEEKDAY_ONE,
    booking_named,
    days_said_of,
    start_named,
    without_kept,
)
from bot.cues import (
    ABOUT_THE_CHANGE,
    ACTUALLY_N,
    ADD_PEOPLE,
    ADD_TO_ADDRESS,
    ALL_BOOKINGS,
    ALSO_OPEN,
    AMOUNT_ASKED,
    ANGRY,
    BAD_COUNT,
    BALANCE_ASKED,
    BARE_DELTA,
    BARE_ORDINAL,
    BOOK_WORDS,
    BOOKED_CLAIM,
    BOOKED_WRONG,
    BOTH,
    BUTTON_INTENTS,
    CAN_DO_HOUR,
    CAN_WE_DO_N,
    CANCEL,
    CANCEL_ALL,
    CANCEL_AND_REBOOK,
    CANCEL_REGRET,
    CANCEL_TAKEN_BACK,
    CANT_MAKE,
    CHANGE_BOOKING,
    CHANGE_CUE,
    CHANGE_IT,
    CHANGE_SAID,
    CHANGE_WORD,
    CHECKING,
    CONFIRM_KEEP,
    CONFIRM_YES,
    CONTACT_ASKED,
    CONTACT_CHANGE,
    COUNT_PRICED,
    COUNT_SWAP,
    COUNT_THEN,
    DATES_OPEN,
    DAY_NAMED,
    DAY_ONLY,
    DAY_OPEN_ASKED,
    DAY_RULED_OUT,
    DECLINE,
    DEFER,
    DEPOSIT_BACK_WITH_CANCEL,
    DETAIL_ASKED,
    DISCOUNT,
    DISCOUNT_ANSWER,
    DONT_CANCEL,
    EDIT_FORM,
    FAQ_CLAUSE_INTENTS,
    FEE_WORDS,
    FEWER,
    FIELD_ASKED,
    FORM_RECALL,
    GATE_CODE_ASKED,
    GUEST_VERB_DELTA,
    GUESTS_ARE_KIDS,
    GUESTS_CANCEL,
    HAVE_BOOKING,
    HOLD_ON,
    HOUR_FROM_TO,
    HOUR_INSTEAD,
    HOUR_ON_DAY,
    HOUR_OPEN_ASKED,
    HOUR_SWAP,
    HOW_FAR_AHEAD,
    HOW_TO_CONFIRM,
    HOW_TO_PAY,
    IF,
    IF_CLAUSE,
    IF_SO,
    INSTEAD,
    INSTEAD_OF_COUNT,
    KEEP_AFTER_ALL,
    KEEP_AS_IS,
    LEADING_COUNT,
    LISTS_SLOTS,
    LOCAL_NUMBER,
    LOCATED_IN,
    MAKE_IT_N,
    MINE,
    MONTH_ALONE,
    MONTH_OR_WEEKDAY,
    MORE,
    MOVE_TAKEN_BACK,
    MOVE_TO_HOUR,
    MY_THING_Q,
    NAME_CHANGE,
    NAME_IN_FULL,
    NAME_TOLD,
    NAME_TOLD_LOWER,
    NEW_PARTY,
    NEW_TOTAL,
    NO_AFTER_ALL,
    NO_CHANGE,
    NO_EMAIL,
    NO_KIDS,
    NO_TIP_TOTAL,
    NOT_NOW,
    NOT_THAT_START,
    NOTHING_TO_CHANGE,
    OF_THEM,
    OPEN_WORDS,
    PAID_NOT_SEEN,
    PAIR_ASKED,
    PARTY_CHANGE,
    PAST_TENSE,
    PAUSE,
    PAY_ASKED,
    PAY_BROKEN,
    PHONE_ENDING,
    PLACE_PRICED,
    PLAIN_BOOK,
    PRICE_OFFERED,
    QUESTION,
    REDO,
    REFUND_ASK,
    REGRET,
    RESCHEDULE,
    SAME_AS_BEFORE,
    SAME_ASKED,
    SAME_PARTY,
    SAME_PLACE,
    SAME_TIME,
    SAYS_SIZE,
    SAYS_START,
    SHORT_ZIP,
    SIGNED_COUNT,
    SKIP,
    SOME_OF_THEM,
    START_AFTER_ADDED,
    START_ASKED,
    START_OK,
    STATUS,
    STATUS_ASKED,
    STATUS_SURE,
    STILL_OK,
    STREET_NUMBER_FIXED,
    SWITCH_TO_HOUR,
    TAG_QUESTION,
    TAKEN_BACK,
    THAT_ONE,
    TIP_ASK,
    TOTAL_ASKED,
    TRAVEL,
    UNDO_CANCEL,
    UNIT_WORD,
    VAGUE_KIDS,
    WEEK_ASKED,
    WEEKDAY_NAMED,
    WEEKDAY_SIDE,
    WEEKEND_AFTER,
    WHAT_IF_FEWER,
    WHAT_IF_PRICE,
    WHATS_OPEN,
    WORK_LATE,
    WRONG_FIELD,
    WRONG_NUMBER,
    YES,
    YES_BUT,
    as_booked,
    bare_hour,
    changed_field,
    groups_changed,
    has_count,
    is_party,
    menu_counted,
    moves_count,
    name_fixed,
    ruled_out_weekdays,
    signed_move,
    still_cancels,
    weekday_said,
    weekdays_in,
    wrong_slot,
)
from bot.nlu import Entities, classify_intent, extract_entities
from bot.nlu.aside import asks_about_something_else
from bot.nlu.asks import (
    ADDRESS_CHANGE,
    AREA_QUESTION,
    ASKS_US,
    BOOKING_NEEDS,
    CHEF_ARRIVAL,
    COME_TO_US,
    DAYS_ASKED,
    DEPOSIT_AMOUNT,
    FINAL_PRICE,
    FROM_TO,
    KID_AGES,
    KID_WORD,
    MEAL_ASKED,
    MINIMUM_ASKED,
    MY_TOTAL,
    NEXT_OPEN_WEEKDAY,
    ONE_CHEF_ENOUGH,
    PARTY_TOTAL,
    PASSING_DAY,
    PER_HEAD,
    RATES_ASKED,
    SERVES_PLACE,
    SLOTS_QUESTION,
    SOONEST,
    START_OVER,
    STOP_BOOKING,
    THAT_PRICE,
    WHEN_TO_BOOK,
    WHY_PRICE,
)
from bot.nlu.cancels import cancels_the_booking, mentions_cancel
from bot.nlu.contacts import (
    ADDRESS_SHAPE,
    SOMEONE_ELSES,
    address_city,
    others_number,
    phone_extension,
    second_number,
)
from bot.nlu.dates import dates_in, day_of_month, find_month, weekdays_asked
from bot.nlu.dayof import day_of_news
from bot.nlu.entities import PARTY_SAID_ANEW
from bot.nlu.guests import (
    added_people,
    kin_already_counted,
    kin_not_coming,
    names_the_couple,
    people_as_counts,
    two_parties,
)
from bot.nlu.intents import (
    HELP_COMMAND,
    IDENTITY_QUESTION,
    NOT_NEGATIVE,
    PRESENCE_CHECK,
    PUSH_TO,
)
from bot.nlu.language import foreign_language
from bot.nlu.moves import read_move
from bot.nlu.names import find_name, is_name_word
from bot.nlu.notes import asks_to_note, chef_note, menu_choice, says_note_it, tells_occasion
from bot.nlu.numbers import SPANISH_SENTENCE_RE
from bot.nlu.numbers import normalize as numbers_normalize
from bot.nlu.places import find_cities
from bot.nlu.segments import clauses, question_clauses
from bot.nlu.times import StartWish, start_wish, time_bound
from bot.ports import Ports, TurnInput
from bot.state import DialogueState, Slots
from channels.base import Reply
from channels.keywords import classify_sms_keyword, wants_opt_out
from channels.sms import resolve_numbered_choice
from core.errors import (
    DomainError,
    InvalidContact,
    InvalidDate,
    InvalidGuests,
    OutOfArea,
    PartyTooLarge,
    SlotTaken,
    UnknownZip,
)
from core.geo import haversine_mi, zip_centroid
from core.models import Booking, Station
from core.pricing import Quote

_SOONEST_DAYS = 30  # how far "what's your next available date?" looks


@dataclass(frozen=True)
class DaysAsked:
    """A question about open days: a month's, or the soonest (after ``after``)."""

    month: tuple[date, date] | None = None
    after: date | None = None
# Intents that move a booking form; facts under them fill its slots.
BOOKING_INTENTS = {"quote", "book", "availability", "inform"}


@dataclass
class _Message:
    """The message a turn reads, as its steps refine it: the text (a button pressed, a
    yes dropped before a change), its entities and intent, and the station's wall time."""
    text: str
    ent: Entities
    now_local: datetime
    intent: str = ""


@dataclass
class TurnResult:
    replies: list[Reply] = field(default_factory=list)
    escalate: str | None = None  # reason, when the conversation goes to staff


def next_missing(state: DialogueState, channel: str) -> str | None:
    """The first detail the open quote/booking form still needs (None: complete)."""
    s, form = state.slots, state.form
    if form == "quote" or (form == "booking" and not (s.date and not s.time)):
        if (s.guests is not None and s.adults is None) or (s.adults is not None and s.kids is None):
            return "kids"
        if s.adults is None:
            return "guests"
    if form in ("quote", "booking") and not s.zip:
        return "zip"
    if form in ("booking", "availability") and not s.date:
        return "date"
    if form == "booking":
        if not s.time:
            return "time"
        if (s.guests is not None and s.adults is None) or (s.adults is not None and s.kids is None):
            return "kids"
        if s.adults is None:
            return "guests"
        if not s.name:
            return "name"
        if not s.phone and channel != "sms":
            return "phone"
        if not s.address:
            return "address"
        if not s.email and not s.email_asked:
            return "email"
    return None


def resume_prompt(state: DialogueState, channel: str) -> Reply | None:
    """When staff hand a conversation back: the form's next question, with the state
    set to expect its answer; None when no quote/booking form is open."""
    if state.form not in ("quote", "booking"):
        return None
    need = next_missing(state, channel)
    if need is None:
        return None
    if need == "time" and not state.slots.zip:
        need = "zip"
    ask = t.ask(need, guests=state.slots.guests, city=state.slots.city)
    state.expecting = need
    state.confirming = False
    state.misunderstood = 0
    state.buttons = list(ask.buttons)
    return Reply(f"Thanks for waiting! Let's pick up where we left off. {ask.text}", ask.buttons, "resume")


class Engine:
    """One turn of one conversation. Create per turn; not shared."""

    def __init__(self, ports: Ports, state: DialogueState, inp: TurnInput) -> None:
        self.p = ports
        self.st = state
        self.inp = inp
        self.out = TurnResult()
        self.asked_availability = False
        self.noted: list[str] = []  # facts taken this turn, for "Got it — …" when asked again
        self.text = inp.text
        self.ack = False  # the message is a bare "ok"/"cool"/"yes" (no facts)
        self.asked_price = False  # the message asks for a price ("how much?" again)
        self.month_day = False  # the day was read in the month the last reply listed
        self.city_answered = False  # a named city's service was answered from the core
        self.when_taken = False  # this message gave the party's day or start time
        self.day_refused = False  # the message named a day the calendar does not have
        self.offered = False  # the previous reply offered to check a date
        self.cancelled_last = False  # the previous turn cancelled a booking
        self._numbers_of: str | None = None
        self._numbers_said = ""
        self.change_asked = False  # this message started a move or a guest change

    # ----------------------------------------------------------------- helpers
    def _numbers(self, text: str) -> str:
        """``text`` with number words as digits ("one more adult" → "1 more adult") and people
        named where a count is meant as that count ("my wife and i cant make it" → "2 adults
        cant make it"), as the entities read it; worked out once per text (many readers of
        a turn need it)."""
        if self._numbers_of != text:
            self._numbers_of, self._numbers_said = text, people_as_counts(numbers_normalize(text))
        return self._numbers_said

    def say(self, reply: Reply) -> None:
        """Queue a reply; one already said this turn is not said again (two readers of a
        message may answer the same question: "its my daughters bday party on the 12th,
        can the chef do a happy birthday thing" got the FAQ's answer twice), nor is a form
        question already asked in other words ("there's no February 30 — which date?" and
        then "What date would you like?")."""
        if any(r.text == reply.text or (r.kind == reply.kind and reply.kind.startswith("ask_"))
               for r in self.out.replies):
            return
        self.out.replies.append(reply)

    async def escalate(self, reason: str, reply: Reply | None) -> TurnResult:
        if reply is not None:
            self.say(reply)
        self.out.escalate = reason
        self.st.expecting = None
        self.st.confirming = False
        await self.p.lead_event("escalated", {"reason": reason})
        return self.finish()

    def finish(self) -> TurnResult:
        buttons: list[str] = []
        for r in self.out.replies:
            buttons = list(r.buttons) or buttons
        self.st.buttons = buttons
        return self.out

    async def _tz(self) -> ZoneInfo:
        return ZoneInfo((await self.p.default_station()).timezone)

    async def _today(self) -> date:
        """Today at the default station."""
        return self.inp.now.astimezone(await self._tz()).date()

    # ------------------------------------------------------------------- turn
    async def run(self) -> TurnResult:
        """One turn. While the bot holds the conversation it always answers: a turn that
        found nothing new to say restates where things stand and the next step."""
        self.offered, self.st.offered_booking = self.st.offered_booking, False
        self.cancelled_last, self.st.just_cancelled = self.st.just_cancelled, False
        result = await self._turn()
        if self.change_asked and result.escalate is None and self.st.form in ("party", "reschedule"):
            await self._questions_beside_change()
            result = self.finish()
        if not result.replies and result.escalate is None:
            await self._say_next_step()
            result = self.finish()
        return result

    async def _questions_beside_change(self) -> None:
        """"we have 2 more adults, also does the chef bring the grill?": the question is
        answered before the change is asked to be confirmed (it was dropped). Only clauses
        with no booking fact or change of their own ("is that ok?" is about the change)."""
        now = self.inp.now.astimezone(await self._tz())
        beside = [q for q in question_clauses(self.inp.text)
                  if not _has_facts(extract_entities(q, now=now)) and not read_move(q).cue
                  and not mentions_cancel(q) and not ABOUT_THE_CHANGE.search(q)
                  and not (TIP_ASK.search(q) or REFUND_ASK.search(q))]  # (answered from the booking)
        if not beside:
            return
        change, self.out.replies = self.out.replies, []
        await self._side_questions(beside[:2], note_unsure=False)
        self.out.replies.extend(change)

    async def _turn(self) -> TurnResult:
        """One message, read and answered by steps in order; the first step with an answer
        ends the turn."""
        text = self.inp.text.strip()
        msg = _Message(text, Entities(), self.inp.now.astimezone(await self._tz()))
        for step in (self._read, self._route, self._asides, self._booking_requests, self._booked_changes,
                     self._days_and_places, self._summary_answer, self._contact_asides, self._questions):
            if (done := await step(msg)) is not None:
                return done
        return await self._facts(msg)

    async def _read(self, msg: _Message) -> TurnResult | None:
        """The message read: its text (a button pressed, ALL CAPS) and entities, weighed
        against what the conversation holds. A few messages are answered here (a wrong
        number, two parties at once, a what-if price, a fact the form already has)."""
        st = self.st
        text, now_local = msg.text, msg.now_local
        if self.inp.channel == "sms" and WRONG_NUMBER.fullmatch(text):
            # "wrong number sorry" over SMS (where the number is the sender's, never
            # asked): the texter is leaving (mid-form it asked for "the best phone number";
            # as a first text it offered a quote)
            st.form = st.expecting = None
            st.confirming, st.misunderstood = False, 0
            self.say(t.bye())
            return self.finish()
        choice = resolve_numbered_choice(text, st.buttons) if st.buttons else None
        if choice:
            text = choice
        for b in st.buttons:  # a pressed button's label, in any case
            if text.lower() == b.lower():
                text = b
        if sum(ch.isupper() for ch in text) > 0.7 * max(1, sum(ch.isalpha() for ch in text)) and len(text) > 8:
            text = text.title()  # ALL CAPS carries no case cues for names
        asked, st.size_or_start = st.size_or_start, None
        if asked is not None and set(re.findall(r"\d+", text)) <= {str(asked)}:
            # "9pm", "the time", "guests" to "9 guests, or a 9 PM start?": as its buttons
            # (they got the booking's status, or "didn't catch that")
            timed, sized = SAYS_START.search(text), SAYS_SIZE.search(text)
            both = (timed and sized) or re.fullmatch(r"\W*(?:both|both\s+of\s+(?:them|those)|the\s+two)\W*", text, re.I)
            if both and asked <= 12:
                # "both lol 9 ppl at 9pm": the size and the start (it began a second party)
                text = f"{asked} guests instead, and {t.start_button(bare_hour(asked).strftime('%H:%M'))}"
            elif timed and not sized and asked <= 12:
                text = t.start_button(bare_hour(asked).strftime("%H:%M"))
            elif sized and not timed:
                text = f"{asked} guests"
            elif YES.match(text) or re.fullmatch(r"\W*(?:both|neither|idk|not\s+sure)\W*", text, re.I):
                # ("yes" to "9 guests, or a 9 PM start?" booked the summary unchanged): asked again
                return self._ask_size_or_start(asked, (await self.p.default_station()).slots)
        if (turned_down := NOT_THAT_START.match(text)) is not None:
            # "not 6pm, can we do 9pm": the start turned down is no start (6 PM was kept), and
            # the other is wished instead (a booked party's "not 6pm, 9pm" got its status)
            text = text[turned_down.end():].rstrip(" .!") + " instead"
        if (back := MOVE_TAKEN_BACK.match(text)) is not None and read_move(back["first"]).verb:
            # "move to 3 on the 27th. actually nvm keep the date but 2 more ppl": the move
            # taken back is dropped and the rest read (the booking was moved)
            text = back["rest"]
        # A button's label is a choice, not an answer: "Change something" is no name.
        ent = Entities() if text in BUTTON_INTENTS else extract_entities(text, now=now_local, expecting=st.expecting)
        if ent.kids and (ages := KID_AGES.search(text)):
            ent = await self._older_kids(ent, [int(a) for a in re.findall(r"\d+", ages.group("ages"))])
        if st.expecting == "date" and ent.date is None and st.buttons and THAT_ONE.search(text) and (
                offered := extract_entities(st.buttons[0], now=now_local, expecting="date").date):
            # "ok that one 6pm" after the soonest open days (their buttons): the soonest
            # (the time was kept and the date asked again)
            ent = replace(ent, date=offered)
        if ent.no_such_day and not ent.date:
            # "feb 29" in 2027, "11/31": said so, and the date asked (2027's "feb 29" was
            # taken as 2028's and refused as too far; "feb 30" was dropped without a word)
            self.say(t.no_such_day(ent.no_such_day))
            self.day_refused = True
        if not st.form and len(SPANISH_SENTENCE_RE.findall(text.lower())) >= 2 \
                and (lang := foreign_language(text)) is not None:
            # "hola, cuanto cuesta para 10 personas?": written in Spanish, a person who may
            # speak it, at once (its booking words are read now, and an English form began)
            st.misunderstood = 0
            return await self.escalate("language", t.other_language(lang))
        ent = await self._read_against_held(text, await self._moved_guests(text, ent), now_local)
        if has_count(ent) and not st.form and kin_not_coming(text.lower()) \
                and not re.search(r"\d", re.sub(r"\b(?:neither|nor)\b[^.!?]*", "", numbers_normalize(text), flags=re.I)) \
                and not await self.p.upcoming_bookings():
            # "my brother cant come anymore" with no party yet: no party of one (it asked the zip)
            ent = replace(ent, adults=None, kids=None, guests=None)
        if st.form not in ("reschedule", "party"):
            ent = await self._same_as_before(text, ent)
        if ent.address and not ent.zip and st.slots.zip and st.form in ("quote", "booking", "availability"):
            await self._address_city_checked(ent)
        if st.form not in ("reschedule", "party") and two_parties(text, has_date=ent.date is not None) \
                and not PAST_TENSE.search(text) and len(await self.p.upcoming_bookings()) < 2:
            # "2 parties on dec 19, lunch at 12 for 10 adults and dinner at 6 for 15": one
            # form holds one party (they were merged into one of 25 at noon, the dinner lost)
            st.misunderstood = 0
            return await self.escalate("two_parties", t.escalated("two_parties"))
        if ent.phone and st.expecting != "phone" and (st.form in ("quote", "booking", "availability") or _has_facts(
                replace(ent, phone=None, name=None, email=None))) and (said_of := others_number(text)) is not None:
            # "DONT text her, her number is 408-555-0166", "on the day call my brother Ben
            # 408-555-0111": someone else's number, a note for the chef (it became the
            # booking's phone, and the surprise's confirmations would have gone to her)
            ent = replace(ent, phone=None)
            if said_of not in st.slots.notes:
                st.slots.notes.append(said_of)
        if ent.phone and st.expecting == "phone" and (second := second_number(text)) is not None \
                and second not in st.slots.notes:
            # "408-555-0142 or my husband Tom 408-555-0199": the first is theirs, the other a
            # note for the chef (it was dropped)
            st.slots.notes.append(second)
        if ent.phone and st.expecting == "phone" and (ext := phone_extension(text)) is not None \
                and ext not in st.slots.notes:
            st.slots.notes.append(ext)  # ("408-555-0142 ext 23": the extension was dropped)
        if st.slots.zip and QUESTION.search(text) and await self._place_asked(ent):
            # another place asked about while the party has a zip: answered, the zip kept
            ent = replace(ent, zip=None)
            if not _has_facts(ent):
                st.misunderstood = 0  # (the rest of it is no question for the FAQ: it went to a person)
                return await self._advance() if st.form and st.expecting else self.finish()
        if not st.slots.zip and ent.zip and QUESTION.search(text) and (AREA_QUESTION.search(text) or SERVES_PLACE.search(text)) \
                and not ADDRESS_CHANGE.search(text) and not HOW_FAR_AHEAD.search(text):
            # "do you service chico? 95926": whether we come there, from the booking core, the
            # zip kept for the quote (the FAQ was asked, and was not sure)
            with contextlib.suppress(DomainError):
                station = (await self.p.route(ent.zip)).station
                q = await self.p.quote(1, 0, ent.zip)
                self.say(t.travel_fee(ent.zip, q.miles, q.travel_cents, station.free_travel_mi))
                self.city_answered = True
        added = added_people(text)
        if st.form in ("quote", "booking", "availability") and st.slots.adults is not None and added is not None:
            # "add my sister and her 2 kids", "actually my parents are coming too" to a
            # party already counted (the count was kept, or "didn't catch that")
            ent = _with_added(ent, st.slots.adults, st.slots.kids or 0, added)
        elif not st.form and added is not None and (held := await self.p.upcoming_bookings()):
            # the same to a booked party ("actually my parents are coming too" was "didn't
            # catch that"; "my sister and her 2 kids are coming too" left the sister out;
            # "the 3pm one, my parents are coming too"); of two parties, which is asked
            if (joined := await self._booking_named(held)) is None:
                return self._ask_which("party", held)
            ent = _with_added(ent, joined.adults, joined.kids, added)
        if (added is not None or has_count(ent)) and ent.time is None \
                and (hour := START_AFTER_ADDED.search(text)) is not None \
                and int(hour["h"]) not in (ent.adults, ent.kids, ent.guests) \
                and (start := bare_hour(int(hour["h"]), int(hour["m"] or 0))).strftime("%H:%M") \
                in (await self.p.default_station()).slots:
            # "2 of my cousins are coming too and can we do 9": beside people added, the 9 is
            # the start (it was dropped)
            ent = replace(ent, time=start)
        if kin_already_counted(text) and not _has_facts(ent) and (party := await self._party_known()) is not None:
            # "my parents are coming too, they're included in the 10": the party as it is
            # (it was "didn't catch that")
            st.misunderstood = 0
            self.say(t.party_stays(t.party_label(*party)))
            return await self._advance() if st.form and st.expecting else self.finish()
        elif st.form in ("quote", "booking", "availability") and st.slots.adults is not None \
                and (moved := groups_changed(self._numbers(text))) is not None and st.slots.adults + moved[0] > 0:
            # "change one adult to a kid" at the summary: 19 adults + 1 kid (it was 1 adult);
            # "3 kids instead of 3 adults": 7 + 5 (it was 10 + 3)
            ent = replace(ent, adults=st.slots.adults + moved[0], kids=max(0, (st.slots.kids or 0) + moved[1]),
                          guests=None)
        if st.expecting in ("time", "date", "kids", "adults", "guests") and st.form in ("booking", "quote", "availability") \
                and not _has_facts(ent) \
                and (bare := find_name(text, expecting="name")) and len(bare.split()) >= 2 \
                and bare.lower() == " ".join(text.split()).lower() \
                and not find_cities(text, await self.p.city_names(), whole=True):
            # "John Smith" while the start time (or the kids) is asked: the booking's name,
            # kept (it was a clarify, and the name was asked again later)
            ent = replace(ent, name=bare)
        if st.form == "booking" and ent.name is None and (told := NAME_TOLD.search(text) or (
                (low := NAME_TOLD_LOWER.search(text)) is not None and all(is_name_word(w) for w in low["name"].split())
                and low)):
            # "put it under my husband's name, Carlos Lopez", "change the name to Maria
            # Lopez-Garcia", "name should be linda park" (at the summary it was not
            # understood, and a yes booked the old name)
            ent = replace(ent, name=" ".join(w[:1].upper() + w[1:] for w in told["name"].split()))
        if st.form == "booking" and st.slots.name and ent.name is None and (full := NAME_IN_FULL.match(text)) is not None \
                and full["name"].split()[0].lower() == st.slots.name.split()[0].lower() \
                and len(full["name"].split()) > len(st.slots.name.split()) \
                and all(is_name_word(w) for w in full["name"].split()):
            # "bob smith actually" or "Carla Nunez" once "Bob" / "Carla" is the name: the
            # whole name (it was "didn't catch that", and Bob booked)
            ent = replace(ent, name=" ".join(w.capitalize() for w in full["name"].split()), address=None)
        if st.form == "booking" and st.slots.name and (fixed := name_fixed(text, st.slots.name, ent.name)):
            # "my name is spelled Marie not Maria": that word of the name (the surname was
            # dropped); "sorry its Marie Lopez not Maria": the name said
            ent = replace(ent, name=fixed)
        if WHAT_IF_PRICE.search(text) and (has_count(ent) or SIGNED_COUNT.search(self._numbers(text))
                                           or WHAT_IF_FEWER.search(self._numbers(text))) \
                and not (ent.date or ent.time or ent.zip) \
                and (done := await self._what_if_priced(text, ent)) is not None:
            return done
        if (bare_n := COUNT_PRICED.match(text)) is not None and (
                st.expecting in (None, "confirm") or re.search(r"\bhow\s+much\b", bare_n["lead"] or "", re.I)):
            # "how much would 15 be" after a quote: that party's price (it was the old quote
            # again, and "15?" went to a person); "how much would it be for 9?" at the time
            # question too (it was a 9 PM start: a price depends on the party, not the hour)
            n = int(bare_n["n"])
            ent_n = replace(ent, guests=None if ent.guests == n else ent.guests,
                            time=None if ent.time and ent.time.minute == 0 and ent.time.hour % 12 == n % 12 else ent.time)
            if not _has_facts(ent_n) and (bare_n["lead"] or bare_n["q"]) \
                    and (done := await self._what_if_priced(text, replace(ent_n, guests=n))) is not None:
                return done
        if WHY_PRICE.search(text) and not _has_facts(replace(ent, adults=None, kids=None, guests=None)) \
                and (why_quote := await self._standing_quote()) is not None \
                and ent.guests in (None, why_quote.adults + why_quote.kids) and ent.adults in (None, why_quote.adults):
            # "why is it $660 for 3 ppl": the food minimum said (its "3 ppl" asked the kids
            # again, and the question was never answered)
            st.misunderstood = 0
            self.say(t.why_total(why_quote))
            return await self._advance() if st.confirming or (st.form == "booking" and st.expecting) else self.finish()
        if has_count(ent) and NOT_NOW.search(self._numbers(text)):
            # "what if 2 more people show up?": a question, not the party's size
            ent = replace(ent, adults=None, kids=None, guests=None)
        # "the 14th" read in the month of open days listed last (not the booking's month),
        # until a day is given.
        self.month_day = False
        if st.month_asked and ent.date:
            first = date.fromisoformat(st.month_asked)
            if day := day_of_month(text, first):
                ent, self.month_day = replace(ent, date=day), True
            elif (bare_day := BARE_ORDINAL.match(text)) is not None and 28 < int(bare_day[1]) <= 31:
                # "the 31st" right after February's open days: no such day (it was Dec 31)
                self.say(t.no_such_day(f"{first:%B} {int(bare_day[1])}"))
                ent, self.day_refused = replace(ent, date=None), True
            elif weekdays_asked(text) and not DAY_NAMED.search(text) and not find_month(text, first):
                # "any saturday" right after January's open days: January's Saturdays
                # (it was the next Saturday from today, in December)
                text, ent = f"{text} in {first:%B %Y}", replace(ent, date=None)
            st.month_asked = None
        elif st.form in ("quote", "booking", "availability") and st.slots.date:
            ent = await self._near_the_day(ent, date.fromisoformat(st.slots.date))
            if st.slots.time:
                ent = await self._start_moved(ent, st.slots.time)
        if ent.date and st.slots.date and len(days_named := weekdays_in(text)) > 1 \
                and (held_day := date.fromisoformat(st.slots.date)).weekday() in days_named:
            other = weekdays_in(text, plural=False) - ruled_out_weekdays(text)
            if len(other) == 1 and held_day.weekday() not in other:
                # "saturday doesnt work, sunday?", "my husband works saturdays. sunday pls"
                # of a Saturday party: the other day, near the one held
                ahead = (other.pop() - held_day.weekday()) % 7
                ent = replace(ent, date=held_day + timedelta(days=ahead if ahead <= 3 else ahead - 7))
            else:
                # "the guests arrive friday so saturday is perfect" of a Saturday party: the
                # day held stays (the first weekday named replaced it)
                ent = replace(ent, date=None)
        if ent.date and (said_wd := weekday_said(text)) is not None and said_wd != ent.date.weekday() \
                and re.search(r"\d", text):
            # "saturday january 10" (a Sunday): the date said wins, and the customer hears it
            self.say(t.weekday_mismatch(ent.date, said_wd))
        if st.form in ("booking", "availability") and st.slots.date and st.slots.time \
                and st.expecting not in ("date", "time") and not (ent.date and ent.date.isoformat() != st.slots.date) \
                and (open_asked := HOUR_OPEN_ASKED.match(text)) is not None \
                and (other_start := bare_hour(int(open_asked["h"]), int(open_asked["m"] or 0)).strftime("%H:%M")) != st.slots.time:
            # "is 3 open too?" once 6 PM is chosen: that start's answer, the one chosen kept
            # (the 6 PM was said to be open again, and "ok 3 then" was not understood)
            day = date.fromisoformat(st.slots.date)
            free = await self._free_on(day)
            st.misunderstood = 0
            self.say(t.also_open_at(day, other_start, other_start in free, st.slots.time))
            done = await self._advance()
            st.offered_time = other_start if other_start in free else None  # ("ok 3 then" takes it)
            return done
        if ent.date and st.form in ("booking", "availability") and st.slots.date and ent.date.isoformat() != st.slots.date \
                and (ALSO_OPEN.search(text) or (st.slots.time and st.expecting not in ("date", "time")
                                               and DAY_OPEN_ASKED.match(text) and not _has_facts(replace(ent, date=None)))):
            # "6pm. wait is the 20th open too": that day's answer, the day chosen kept (it
            # was switched without a word, and booked)
            self.say(t.also_open(ent.date, await self._free_on(ent.date), date.fromisoformat(st.slots.date)))
            ent = replace(ent, date=None)
            if not _has_facts(ent) and st.form == "booking" and st.expecting:
                st.misunderstood = 0
                return await self._advance()  # (the day chosen was said to be open again beside it)
        if st.form in ("quote", "booking", "availability") and ent.date and ent.time is None and st.buttons \
                and (offered_start := _offered_start(st.buttons, ent.date)) is not None:
            # "sunday is fine" after "Nearby: … Sunday, Dec 13 at 6 PM": that offer (the
            # day's starts were listed and its time asked again)
            ent = replace(ent, time=offered_start)
        if st.form in ("quote", "booking", "availability") and not _has_facts(ent) \
                and (wrong := WRONG_FIELD.search(text)) is not None:
            # "no the time is wrong should be 3": the right one read as the answer to that
            # question (it was asked again, and a yes then listed the day's starts)
            value = re.sub(r"^\W*(?:(?:it\s+)?should\s+(?:be|say)|it'?s|its|is|to|make\s+it)\s+", "", text[wrong.end():], flags=re.I)
            right = extract_entities(value, now=now_local, expecting=(slot := wrong_slot(wrong)))
            if getattr(right, slot, None) is not None:
                ent = right
        if st.form in ("quote", "booking", "availability") and (done := await self._form_said(text, ent)) is not None:
            return done
        intent = BUTTON_INTENTS.get(text) or classify_intent(text, expecting=st.expecting).intent
        msg.text, msg.ent, msg.intent = text, ent, intent
        return None

    async def _route(self, msg: _Message) -> TurnResult | None:
        """The message's intent: the classifier's, corrected by the cues it does not
        know (a move, a cancel, a status asked). Answers the replies to a question the
        bot is waiting on that must be read before the cues (which booking, a move's yes)."""
        st = self.st
        text, ent, intent = msg.text, msg.ent, msg.intent
        closest, st.offered_time = st.offered_time, None
        if closest and st.expecting == "time" and intent == "affirm" and not _has_facts(ent):
            # "yes" to "… the closest is 9 PM. Which works?": that start (a move kept the
            # booked time, the form asked again)
            ent, intent = replace(ent, time=time.fromisoformat(closest)), "inform"
        elif closest and st.form == "booking" and st.expecting not in (None, "time") and (
                ((switch := SWITCH_TO_HOUR.match(text)) is not None and bare_hour(int(switch["h"])).strftime("%H:%M") == closest)
                or (intent == "affirm" and not _has_facts(ent))):
            # "ok 3 then" (or "yes") after "3 PM is open too, I've kept 6 PM": the switch
            ent, intent = replace(ent, time=time.fromisoformat(closest)), "inform"
        if (st.expecting == "phone" and not ent.phone and sum(c.isdigit() for c in text) >= 9 and re.fullmatch(
                r"[\d\s().+-]+", re.sub(r"^\W*(?:it'?s|its|my\s+(?:number|cell|phone)\s+is|(?:call|text)\s+me\s+(?:at|on)|number\s*:?)\s*",
                                       "", text, flags=re.I))):
            # "408 555 12345": a phone number mistyped, not a zip out of the area
            self.say(Reply("That phone number doesn't look right. " + t.ask("phone").text, (), "ask_phone"))
            return self.finish()
        if st.expecting == "booking_change":
            st.expecting = None
            if (done := await self._booking_change_answer(text, ent)) is not None:
                return done
        if st.form == "booking" and st.slots.time and st.expecting not in (None, "time", "confirm") \
                and (same := START_OK.match(text)) is not None \
                and int(st.slots.time[:2]) % 12 == int(same["h"]) % 12:
            # "6 is fine" when 6 PM is already taken and the name is asked: nothing new, the
            # question again (it was "didn't catch that")
            st.misunderstood = 0
            return await self._advance()
        said_again = bool(ent.time and not ent.date and st.slots.time == ent.time.strftime("%H:%M")
                          and re.search(r"\b(?:yes|yeah|yep|ok|okay|works|good|great|perfect|fine|sure)\b", text, re.I))
        if st.expecting == "which_booking":
            # "the one on the 19th" to "which one should I move?": the kept message, for it
            self.text = text
            if (done := await self._which_answer()) is not None:
                return done
        if st.form == "reschedule" and st.expecting == "confirm" and (not (ent.date or ent.time) or said_again):
            # before the intent cues: "yes move it" is the answer, not a new reschedule
            # ("3 works, yes": the time asked back, said again with a yes)
            self.text = text
            return await self._reschedule_answer("affirm" if said_again else intent, ent)
        if st.form == "reschedule" and st.expecting in ("date", "time") and not ent.time and KEEP_AFTER_ALL.search(text) \
                and not SAME_TIME.search(text) \
                and (target := await self._target_booking()) is not None and ent.date in (None, target.event_date):
            # "actually nvm keep it", "nah forget it keep the 19th" when the new day or time
            # is asked: the booking stays (it was a clarify, or the question again)
            self.text = text
            self._end_reschedule()
            self.say(t.kept())
            return await self._then_party(str(target.id))
        if (done := await self._form_command(text, ent)) is not None:
            return done
        if intent in ("greeting", "thanks", "bye") and _only_a_day(ent) and PASSING_DAY.search(text) \
                and not re.search(r"\d", text) and not st.expecting:
            # "hey how are you doing today?": small talk, not a party for today.
            ent = replace(ent, date=None, time=None)
        regret_later = not st.form and CANCEL_REGRET.search(text) and not IF.search(text)
        if regret_later and not self.cancelled_last and await self.p.upcoming_bookings() \
                and not await self.p.cancelled_bookings():
            # "i cancelled by accident" while nothing was cancelled: the booking is still on
            self.say(t.nothing_cancelled())
            return await self._status(ent)
        if (self.cancelled_last and (UNDO_CANCEL.search(text) or REGRET.search(text))) or regret_later:
            # "i changed my mind, keep the booking" right after the cancel, or "i cancelled
            # by mistake, can we get it back" days later: a person, who can put it back;
            # the bot cannot (it read as a new booking)
            return await self.escalate("cancel_regret", t.escalated("cancel_regret"))
        if intent not in ("human", "complaint") and st.form != "cancel" and text not in BUTTON_INTENTS:
            said = self._numbers(text)  # (typos fixed: "reshedule", "mvoe it", "cancle")
            if (RESCHEDULE.search(said) or PUSH_TO.search(said)) and intent != "cancel_booking" and not (
                    IF_CLAUSE.search(text) and intent != "reschedule_booking"):  # "if we book today can we change the date later?"
                intent = "reschedule_booking"
            elif CANCEL.search(said) and not st.confirming and not IF.search(text) and not GUESTS_CANCEL.search(text):
                intent = "cancel_booking"
            elif not st.confirming and (STATUS_SURE.search(said) or (
                    # "just confirming 6pm on the 19th, 12 ppl total?": every fact said is
                    # the booking's own
                    not st.form and CHECKING.search(text) and _has_facts(ent)
                    and (mine := await self.p.upcoming_bookings()) and as_booked(ent, mine[0]))):
                intent = "booking_status"
            elif (STATUS.search(said) or (MY_TOTAL.search(text) and not _has_facts(ent))
                  or (MY_THING_Q.search(text) and not (has_count(ent) and CHANGE_CUE.search(text))
                      and await self.p.upcoming_bookings())) and (
                    intent not in BOOKING_INTENTS - {"inform"} or (not _has_facts(ent) and MINE.search(text))) and not (
                    (st.confirming or _has_facts(replace(ent, date=None, time=None))) and not await self.p.upcoming_bookings()):
                # (at a new booking's summary, or with a new party's facts: the form's)
                # ("do you have my reservation", "is that the final price?": about theirs)
                intent = "booking_status"
            elif HOW_TO_PAY.search(text) and not st.form and await self.p.upcoming_bookings():
                # "how do i pay now", "can you resend it", "when is the rest due?": their
                # deposit, with its link, and the balance (a resend got the leftovers entry's
                # "Yes", the balance went to a person)
                intent = "booking_status"
            elif (CHEF_ARRIVAL.search(text) and not st.form and not _has_facts(replace(ent, date=None, time=None))
                  and await self.p.upcoming_bookings()):
                # "what time is the chef coming on sunday?" with a party booked: that party
                # (and the FAQ's word on arrival), not the next Sunday's open times.
                intent = "booking_status"
        if not st.form and st.expecting is None and KEEP_AS_IS.match(text) and await self.p.upcoming_bookings():
            self.say(t.kept())  # ("actually nevermind, keep it as is" with nothing asked: "didn't catch that")
            return self.finish()
        if (TAKEN_BACK.search(text) and (intent in ("cancel_booking", "reschedule_booking") or read_move(text).cue)
                and not st.form and await self.p.upcoming_bookings()):
            self.say(t.kept())  # "could we do the day before? nah jk, keep it"
            return self.finish()
        if intent == "cancel_booking" and mentions_cancel(said := self._numbers(text)) and not cancels_the_booking(said):
            # "cancel the reminder texts", "no need to cancel anything": not the party
            # ("i dont want to cancel, just checking the refund policy": the policy asked)
            intent = "faq" if QUESTION.search(text) or re.search(r"\b(?:checking|wondering|asking)\b", text, re.I) \
                else "booking_status" if re.search(r"\b(?:do\s*n'?t|dont|do\s+not)\s+cancel\b", text, re.I) \
                else "unknown"  # ("pls dont cancel my booking, i still want it": it is on, said so)
        if YES.match(text) and intent in ("cancel_booking", "book", "inform") and (st.confirming or st.expecting == "confirm"):
            intent = "affirm"
        elif st.confirming and intent == "booking_status" and YES.match(text) \
                and not await self.p.upcoming_bookings():
            # "yes please book it and send me the deposit link" at a new party's summary: a
            # yes (there is no booking yet to tell the status of; it said none was found)
            intent = "affirm"
        self.text = text
        self.asked_price = intent == "quote"
        # A question naming a day asks about that day ("jan 9?"), but a price question
        # that names one ("could you give me a quote for 30 guests on jan 9?") asks for
        # the price: the kids are asked for next, not the day's times.
        self.asked_availability = intent == "availability" or (
            ent.date is not None and (("?" in text and intent != "quote") or bool(SLOTS_QUESTION.search(text))))
        msg.ent, msg.intent = ent, intent
        return None

    async def _asides(self, msg: _Message) -> TurnResult | None:
        """What is answered before any form goes on: a greeting command, who this is, a
        person or a complaint, day-of news, a note for the chef, a discount or tip asked."""
        st = self.st
        text, ent, intent = msg.text, msg.ent, msg.intent

        if text.lower().startswith("/start"):
            st.misunderstood = 0
            self.say(t.greeting(self.p.business_name))
            return self.finish()
        if intent != "human" and ANGRY.search(NOT_NEGATIVE.sub(" ", text)):
            intent = "complaint"
        if BAD_COUNT.search(text):
            st.slots.adults = st.slots.kids = st.slots.guests = None
            st.form = st.form or "quote"
            self._merge(replace(ent, adults=None, kids=None, guests=None))
            st.expecting = "guests"
            self.say(t.invalid_guests("That guest count doesn't look right." if re.search(r"\d{5,}", text)
                                      else "Guest counts need to be whole numbers, with at least one adult."))
            return self.finish()
        if IDENTITY_QUESTION.match(text):
            st.misunderstood = 0
            self.say(t.identity(self.p.business_name))
            # ("wait who is this" mid-form: the form's question again)
            return await self._advance() if st.form and st.expecting else self.finish()
        if not st.form and (news := day_of_news(text)) is not None and await self.p.upcoming_bookings():
            # "we're running 20 min behind", "hi the chef forgot the rice", "the chef's
            # number?": a person, now (a clarify, the sales greeting, a second party)
            return await self.escalate(news, t.escalated(news))
        if intent == "human" and ent.phone and (st.expecting == "phone" or (
                st.form == "booking" and st.expecting in ("name", "address", "email"))):
            # "you can call me at 408 555 2323": the number asked for ("my name is Anne-Marie
            # O'Neil, call me at 408-555-0502" at the name question went to a person)
            intent = "inform"
        if intent == "human":
            return await self.escalate("asked_for_person", t.escalated("asked_for_person"))
        if intent == "complaint" and st.form == "cancel" and st.expecting == "confirm" \
                and QUESTION.search(text) and re.search(r"\brefund\w*\b", text, re.I) and not ANGRY.search(text):
            # "how long does the refund take" while the cancel waits for its yes: the refund
            # asked about, then the question again (it went to a person as a complaint, and
            # the "yes" that followed was never read)
            intent = "faq"
        if intent == "complaint":
            return await self.escalate("complaint", t.escalated("complaint"))

        ent, note, text = await self._size_leading(text, ent, chef_note(text))
        self.text = text
        if note is not None and intent != "cancel_booking" \
                and (done := await self._note(note, ent, intent)) is not None:  # ("drop the chicken, we need to cancel")
            return done
        if NO_TIP_TOTAL.search(text) and not _has_facts(ent) and (quote := await self._standing_quote()):
            # "whats the total if we skip the tip": the quote without its suggested gratuity
            # (the quote again, or the FAQ's general words on gratuity)
            st.misunderstood = 0
            self.say(t.total_without_tip(quote))
            return await self._advance() if st.confirming else self.finish()
        if DISCOUNT.search(text) and not _has_facts(
                replace(ent, adults=None, kids=None, guests=None)
                if st.slots.adults is not None or st.slots.guests is not None else ent):
            # "thats way too much, can u do a discount": the FAQ's word on discounts if it
            # has one; else no price but the quote engine's, and a person on offer
            st.misunderstood = 0
            # (only an entry about discounts: the general pricing entry dodges the question)
            answers = [a for a in (await self._faq_answers([text]) if QUESTION.search(text) else [])
                       if DISCOUNT_ANSWER.search(a)]
            for answer in answers:
                self.say(t.faq_answer(answer))
            if not answers:
                self.say(t.no_discounts())
            return self.finish()
        if PRICE_OFFERED.search(text) and not st.confirming:
            # "can you do 200 dollars for 4 people": no price but the quote engine's, said
            # before the quote goes on with the facts (the offer was ignored)
            self.say(t.no_discounts())
        if not st.form and intent not in ("cancel_booking", "reschedule_booking") and (
                (refund_ask := REFUND_ASK.search(text)) or TIP_ASK.search(text)) \
                and (bookings := await self.p.upcoming_bookings()):
            # "can i get my deposit back?", "do i tip on top of the $732?": their booking's
            # own numbers (the FAQ's general words read as "yes" or "not included")
            held = await self._booking_meant(bookings)
            st.misunderstood = 0
            if refund_ask:
                station = await self.p.station_of(held)
                self.say(t.refund_if_cancelled(held.event_date, held.slot, self._refund_due(held, station),
                                               held.status == "deposit_paid",
                                               held.deposit_cents, station.free_cancel_days))
            else:
                self.say(t.tip_included(held.total_cents, held.gratuity_cents))
            if not SIGNED_COUNT.search(self._numbers(text)):
                return self.finish()
        msg.text, msg.ent, msg.intent = text, ent, intent
        return None

    async def _booking_requests(self, msg: _Message) -> TurnResult | None:
        """A cancel, a move or a status asked, and the answers to the cancel, move and
        party-change questions; in a new party's form a move or a cancel is a change to
        the form."""
        st = self.st
        text, ent, intent, now_local = msg.text, msg.ent, msg.intent, msg.now_local
            # "tip included? also add 1 adult": the guest change goes on after the answer
            # (it was dropped)
        if st.form == "cancel" and st.expecting == "confirm":
            return await self._cancel_answer(intent)
        if (intent == "reschedule_booking" and st.form in ("booking", "quote", "availability") and not (ent.date or ent.time)
                and (to := re.search(r"\bto\s+(.+)$", text, re.I)) and not await self.p.upcoming_bookings()):
            # "can we push it to 9" while the party is being planned: the form's new start
            moved = extract_entities(to[1], now=now_local, expecting="time").time
            ent = replace(ent, time=moved, address=None if moved and ent.address and ent.address in to[1] else ent.address)
        if (intent == "reschedule_booking" and st.form in ("booking", "quote", "availability")
                and (ent.date or ent.time) and not await self.p.upcoming_bookings()):
            # "and move it to 3pm" while the party is still being planned: nothing is booked
            # yet, so it is a change to the form, not a reschedule.
            ent, intent = await self._moved_to(ent), "inform"
        if (intent == "cancel_booking" and st.form in ("quote", "booking", "availability") and (ent.date or ent.time)
                and not await self.p.upcoming_bookings()):
            intent = "inform"  # "cancel that, wrong date. make it the 20th": the form's day
        if intent == "cancel_booking" and st.form in ("party", "reschedule"):
            if KEEP_AFTER_ALL.search(text) and not still_cancels(text):
                # "no actually cancel that, keep it as is" to "change it to 14 adults?": the
                # change is dropped (the booking was cancelled); "scratch that, just cancel
                # the party" still cancels it
                intent = "deny"
            elif REDO.match(text) and (_has_facts(ent) or re.search(r"\d", text)):
                intent = "inform"  # "cancel that, make it 12": the change said again

        if intent == "cancel_booking" and st.form in ("booking", "availability") and not _has_facts(ent) \
                and not await self.p.upcoming_bookings():
            # "cancel that" at a new party's summary: the form stops, what was told is kept
            # (it was "I couldn't find an upcoming booking", with a person on offer)
            st.form = st.expecting = None
            st.confirming = False
            st.misunderstood = 0
            self.say(t.booking_paused())
            return self.finish()
        if intent == "cancel_booking" and (rebook := CANCEL_AND_REBOOK.search(text)):
            new = extract_entities(rebook["rest"], now=self.inp.now, expecting=None)
            if (new.date or new.time) and not (has_count(new) or new.zip or new.address):
                # "cancel the 6pm and do 3pm instead": a move, not a cancel
                intent, ent = "reschedule_booking", replace(ent, date=new.date, time=new.time)
        if intent == "cancel_booking" and (
                GUESTS_CANCEL.search(text) or NO_KIDS.search(text)
                or SIGNED_COUNT.search(self._numbers(text))):
            # "one couple had to cancel", "cancel 2 of the adults", "cancel the kids":
            # fewer guests, not the booking
            intent = "inform"
        if intent == "reschedule_booking" and (asked := self._party_asked()) is not None:
            booking_id = st.target_booking or ""
            self._party_done()
            done = await self._reschedule_start(ent)
            self._party_after_move(asked, booking_id)
            return done
        if intent in ("cancel_booking", "reschedule_booking", "booking_status"):
            st.confirming = False
            return await {
                "cancel_booking": self._cancel_start,
                "reschedule_booking": self._reschedule_start,
                "booking_status": self._status,
            }[intent](ent)
        if (not st.form or st.form == "quote") and ADDRESS_CHANGE.search(text) and await self.p.upcoming_bookings():
            # A booked party's new address: a person updates it (no new booking form), and
            # a guest count or a move said beside it is named for them (it was dropped).
            return await self.escalate("address_change", t.escalated(self._address_change_kind(ent)))
        if st.form == "reschedule" and st.expecting == "date" and intent == "affirm" and not _has_facts(ent):
            # "yes" to "which new date?" (or "which later date works?"): the date, asked
            # again (it started a new booking's form)
            self.say(t.ask("date"))
            return self.finish()
        if st.form == "reschedule" and (ent.date or ent.time or (
                st.expecting == "time" and (SAME_TIME.search(text) or (intent == "affirm" and not _has_facts(ent))))
                or (st.expecting == "date" and SAME_TIME.search(text))):
            # ("same time" / "yes" when the new time is asked; "same time" when the new day
            # is: the booked time kept, the day asked)
            return await self._reschedule_try(ent)
        if st.form == "party":
            return await self._party_answer(intent, ent)
        msg.ent, msg.intent = ent, intent
        return None

    async def _booked_changes(self, msg: _Message) -> TurnResult | None:
        """A change to a booked party said outright: its guests ("ok make it 14", "we
        need to add people") or its start ("can we do 3 instead of 6?", "the 28th
        instead")."""
        st = self.st
        text, ent, intent = msg.text, msg.ent, msg.intent
        counts = has_count(ent)
        said = self._numbers(text)
        signed = bool(SIGNED_COUNT.search(said))  # "add one more adult for my mom"
        change = not (NOT_NOW.search(text) or (NEW_PARTY.search(text) and not signed)) and (
                  PARTY_CHANGE.search(text) or (counts and CHANGE_CUE.search(text) and not menu_counted(said))
                  or NO_KIDS.search(text) or groups_changed(said) is not None)
        # "I booked for the 19th, can I add 3 more people?": said to be booked, so the day
        # names the booking, and a booking not found is said so.
        if not st.form and (made := MAKE_IT_N.match(text) or COUNT_THEN.match(text)) and int(made["n"]) >= 10 \
                and not _has_facts(ent) \
                and (bookings := await self.p.upcoming_bookings()):
            # "ok make it 14" after the booking's status: its party (it was an "anything else?")
            return await self._booked_size(ent, int(made["n"]), bookings)
        if not st.form and not _has_facts(ent) and ADD_PEOPLE.search(text) and not QUESTION.search(text) \
                and (bookings := await self.p.upcoming_bookings()):
            # "we need to add people" (no count yet): how many, asked for that booking
            # (it was "didn't catch that", and the count that followed went to a person)
            if (chosen := await self._booking_named(bookings)) is None:
                return self._ask_which("party", bookings)
            st.party_more = -1 if re.search(r"\b(?:fewer|less)\b", text, re.I) else 1
            return await self._party_start(ent, chosen)
        if not st.form and (change or re.search(r"\b(?:change|switch|make|update|bump)\b", text, re.I)) and counts \
                and ent.date and not (ent.time or ent.zip) and WEEKDAY_NAMED.search(text) \
                and not re.search(r"\d{1,2}(?:st|nd|rd|th)\b|/", text) \
                and (bookings := await self.p.upcoming_bookings()) and not any(b.event_date == ent.date for b in bookings) \
                and len(said_of := await self._days_said_of(bookings)) == 1:
            # "can we change saturday to 12 adults" of a Saturday party: that party (the
            # coming Saturday was read, and a second party started)
            return await self._party_start(replace(ent, date=None), said_of[0])
        claimed = bool(change and counts and BOOKED_CLAIM.search(text))
        if not st.form and change and (claimed or not (ent.date or ent.time or ent.zip)):
            bookings = await self.p.upcoming_bookings()
            if bookings:
                on_day = [b for b in bookings if ent.date and b.event_date == ent.date]
                chosen = on_day[0] if on_day else await self._booking_named(bookings)
                if chosen is None:
                    return self._ask_which("party", bookings)
                return await self._party_start(replace(ent, date=None, time=None) if claimed else ent, chosen)
            if claimed or (CHANGE_IT.search(text) and await self._cancelled_ahead() is not None):
                # ("change it to 12 adults" of a cancelled booking: said so; it started a
                # new booking's form)
                await self._say_nothing_booked()
                return self.finish()
        if (not st.form and not (ent.date or counts or ent.zip or ent.address)
                and read_move(text).asks_relative_move and not PAST_TENSE.search(text)
                and not (NEW_PARTY.search(text) or IF_CLAUSE.search(text) or TAKEN_BACK.search(text))
                and (intent not in ("book", "quote") or MY_BOOKING.search(text)) and await self.p.upcoming_bookings()):
            # "can we push it an hour later?", "can my booking be moved 2 hours later"
            return await self._reschedule_start(ent)
        if not st.form and (swap := HOUR_FROM_TO.search(said)) and not has_count(ent) \
                and (bookings := await self.p.upcoming_bookings()) \
                and bare_hour(int(swap["old"])).strftime("%H:%M") == (held := await self._booking_meant(bookings)).slot:
            # "hey can we go from 6 to 3pm on friday" of a 6 PM party on Friday: its start
            # moves (the FAQ listed the start times); its own day named stays its day
            day = ent.date if ent.date not in (None, held.event_date) else None
            return await self._reschedule_start(
                replace(ent, date=day, time=bare_hour(int(swap["h"]), int(swap["m"] or 0))), held)
        if not st.form and (swap := HOUR_SWAP.search(said)) and not (
                ent.date or (ent.time and ent.time != bare_hour(int(swap["old"])))) \
                and (bookings := await self.p.upcoming_bookings()) \
                and bare_hour(int(swap["old"])).strftime("%H:%M") == (await self._booking_meant(bookings)).slot:
            # "can we do 3 instead of 6?" of a 6 PM party: the start time (the FAQ answered)
            return await self._reschedule_start(replace(ent, time=bare_hour(int(swap["h"]), int(swap["m"] or 0))))
        if not st.form and not (ent.date or ent.time or counts) and WORK_LATE.search(said) \
                and (late := CAN_DO_HOUR.search(said)) is not None and await self.p.upcoming_bookings():
            # "hey so 6 is kinda late, can we do 3": the start (it was a greeting back)
            return await self._reschedule_start(replace(ent, time=bare_hour(int(late["h"]), int(late["m"] or 0))))
        if not st.form and not (ent.date or ent.time or counts) and (hour := HOUR_INSTEAD.search(said)) \
                and await self.p.upcoming_bookings():
            # "2 of us work late so can we do 9 instead": the start (it was a party of 2); a bare
            # "do 12 instead" may be the party's size too: asked, as at the summary
            start = bare_hour(int(hour["h"] or hour["h2"]), int(hour["m"] or 0))
            starts = (await self.p.default_station()).slots
            if re.match(r"do\s", hour[0], re.I) and not re.search(r"p\b|pm\b|:", hour[0], re.I) \
                    and not WORK_LATE.search(said):
                if not _only_a_size(int(hour["h"]), starts):
                    return self._ask_size_or_start(int(hour["h"]), starts)
                return await self._party_start(replace(ent, guests=int(hour["h"])), await self._booking_meant(
                    await self.p.upcoming_bookings()))  # ("can we do 11 instead": no start, a size)
            return await self._reschedule_start(replace(ent, time=start))
        if not st.form and (bare := CAN_WE_DO_N.match(text)) is not None and int(bare["n"]) > 12 \
                and (bookings := await self.p.upcoming_bookings()):
            # "can we do 14 instead" of a booked party: no start, its size (it went to a person)
            return await self._booked_size(ent, int(bare["n"]), bookings)
        if not st.form and not (ent.date or ent.time or counts) and (swap := COUNT_SWAP.search(said)) \
                and (bookings := await self.p.upcoming_bookings()) \
                and int(swap["old"]) == (held := await self._booking_meant(bookings)).adults + held.kids \
                and bare_hour(int(swap["old"])).strftime("%H:%M") != held.slot:
            # "can we do 8 instead of 10" of a party of 10: its size (it went to a person)
            return await self._party_start(replace(ent, guests=int(swap["n"])), held)
        if (not st.form and not (ent.date or ent.time or counts) and WEEKEND_AFTER.search(text)
                and (INSTEAD.search(text) or CHANGE_IT.search(text) or read_move(text).cue)
                and await self.p.upcoming_bookings()):
            return await self._reschedule_start(ent)  # "can we do the weekend after instead"
        # "can we do the 28th instead?", "can we change it to 3pm", "could we start at
        # noon?" from a customer with a booking: a reschedule (not a new party, nor a
        # question for the FAQ).
        # ("change of plans we need the 27th at 3pm and 15 adults": the move, then the
        # guests, as _reschedule_start asks them; it was a second party)
        if (not st.form and (ent.date or ent.time) and not TAKEN_BACK.search(text) and not NEW_PARTY.search(text)
                and (not counts or moves_count(said) or any(  # ("the 10 of us would prefer 3pm")
                    _same_party(ent, b) for b in await self.p.upcoming_bookings()))
                and (INSTEAD.search(text) or CHANGE_IT.search(text) or BOOKED_WRONG.search(text) or (
                    (read_move(text).cue or STILL_OK.search(text)) and intent in ("faq", "unknown", "inform", "greeting")
                    and not (ent.zip or ent.address) and not PAST_TENSE.search(text)))
                and await self.p.upcoming_bookings()):
            return await self._reschedule_start(ent)
        return None

    async def _booked_size(self, ent: Entities, n: int, bookings: Sequence[Booking]) -> TurnResult:
        """A bare new size of a booked party ("ok make it 14", "can we do 14 instead"): of the
        booking named, else which is asked with the size kept as said (the message read
        again lost it, and asked the count)."""
        if (chosen := await self._booking_named(bookings)) is None:
            return self._ask_which("party", bookings, f"{n} guests")
        return await self._party_start(replace(ent, guests=n), chosen)

    async def _days_and_places(self, msg: _Message) -> TurnResult | None:
        """Open days asked over a range, a month past the booking window, a city named
        without a zip."""
        st = self.st
        text, ent, intent, now_local = msg.text, msg.ent, msg.intent, msg.now_local

        days_asked = self._range_asked(ent, now_local.date())
        if not st.confirming and days_asked:
            return await self._open_dates(replace(ent, date=None), days_asked)
        if ent.date is None and not PAST_TENSE.search(text) and (named := find_month(text, now_local.date())):
            # "a graduation party in june, maybe 35 people": a month past the booking
            # window is said at once (the price can still be given), not after the form.
            horizon = (await self.p.default_station()).horizon_days
            if named[0] > now_local.date() + timedelta(days=horizon):
                self.say(t.month_not_open(named[0], horizon))

        if not st.confirming and not (ent.zip or st.slots.zip or ent.address):
            done = await self._named_city(ent, intent)
            if done is not None:
                return done
        return None

    async def _summary_answer(self, msg: _Message) -> TurnResult | None:
        """The answer to the booking summary: a yes books it, unless a change or a
        question rides with it; a no asks what to change."""
        st = self.st
        text, ent, intent, now_local = msg.text, msg.ent, msg.intent, msg.now_local

        # "ok. what if 2 more people come on the day?": an "ok" before a what-if is no yes
        hedged = bool(st.confirming and IF.search(text) and question_clauses(text)
                      and re.match(r"^\W*(?:ok(?:ay)?|k|sure|alright)\b", text, re.I) and not BOOK_WORDS.search(text))
        if st.form in ("quote", "booking") and not _has_facts(ent) and (st.slots.adults is not None or st.slots.guests is not None) \
                and (bare := CAN_WE_DO_N.match(text)) is not None:
            # "can we do 12 instead" with 10 adults at 6 PM: a start when it is one of the
            # station's and the party's size is not in doubt, else asked (it went to a
            # person as a question nobody could answer)
            n = int(bare["n"])
            start = bare_hour(n).strftime("%H:%M") if n <= 12 else ""
            starts = (await self.p.default_station()).slots
            if _only_a_size(n, starts):
                # (read on as "make it 14": no question left for the FAQ, a change at the summary)
                ent, text = self._party_of(ent, n), f"make it {n}"
                self.text = text
            elif st.expecting == "time" and start in starts:
                # (the start asked: "can we do 3 instead" is 3 PM; read on as the button, no
                # question left for the FAQ. Asked anywhere else it may be the size: asked.)
                ent, text = replace(ent, time=time.fromisoformat(start)), t.start_button(start)
                self.text = text
            else:
                return self._ask_size_or_start(n, starts)  # ("can we do 2 instead": 2 PM meant?)
        if st.confirming and self._next_missing() is not None:
            st.confirming = False  # a fact the summary showed is gone: the form asks for it
        # "yes but make it 12", "yes, also add unit 5", "make it 12 then yes book it": a yes with
        # a change in it is no yes yet (it booked the summary as it was); the change is read
        # below and the summary shown again
        changed = bool(st.confirming and CHANGE_SAID.search(text) and not NO_CHANGE.search(text))
        if changed and (lead := YES_BUT.match(text)) is not None:
            # (read without its yes: "make it 12" alone is understood at the summary)
            # ("yes but not 6pm, 3pm please": the start turned down is no start)
            text = self.text = re.sub(r"^\W*not\s+(?:the\s+)?\d{1,2}(?::\d\d)?\s*(?:am|pm)?\b\W*", "", text[lead.end():], flags=re.I)
            ent = extract_entities(text, now=now_local, expecting=st.expecting)
            intent = classify_intent(text, expecting=st.expecting).intent
        if st.confirming and not hedged and not changed and IF_SO.search(text) and question_clauses(text):
            # "can the chef do gluten free? if so yes book it": the answer first, then the
            # summary to say yes to (it was booked, the question never answered)
            await self._side_questions(question_clauses(text)[:2])
            return await self._advance()
        if st.confirming and not hedged and not changed:
            if _restates_summary(ent, st.slots):
                ent = Entities()  # ("yes 10 adults is right", "yes confirm the booking for dec 19": as shown)
            if intent in ("affirm", "book") and not _has_facts(ent):
                if asked := question_clauses(text):
                    await self._side_questions(asked[:2])  # ("is parking needed? yes book it": answered too)
                return await self._book()
            if YES.match(text) and not _has_facts(ent) and not NO_AFTER_ALL.match(text):
                # "yes! also do u bring plates?", "ya go ahead": the question answered, then booked
                if asked := question_clauses(text):
                    await self._side_questions(asked[:2])
                return await self._book()
            if intent == "deny" and not _has_facts(ent):
                st.confirming = False
                st.expecting = "change"
                self.say(t.booking_declined())
                return self.finish()
        msg.text, msg.ent, msg.intent = text, ent, intent
        return None

    async def _contact_asides(self, msg: _Message) -> TurnResult | None:
        """Asides at the contact questions: why a detail is asked, what it must be, a unit
        added to the address, a local number, no email."""
        st = self.st
        text, ent, intent = msg.text, msg.ent, msg.intent
        if st.form == "booking" and not _has_facts(replace(ent, address=None)) and (
                fixed := _number_fixed(text, st.slots.address, st.slots.phone)) is not None:
            # "its 1310 not 1300" (the street's number), "phone should end in 0199": that
            # part of the detail (it was "didn't catch that", and a yes booked the old one)
            st.misunderstood = 0
            st.slots.address, st.slots.phone = fixed
            return await self._advance()

        field = "email" if st.expecting == "email_address" else st.expecting
        if (asked_field := FIELD_ASKED.search(text)) is not None and (
                field_named := next((g for g in asked_field.groups() if g), None)):
            field = {"number": "phone", "e-mail": "email"}.get(field_named.lower(), field_named.lower())
        if st.form and field in ("name", "phone", "address", "email") and asked_field:
            st.misunderstood = 0
            self.say(t.why_we_ask(field))  # "why do u need my name" (it was sent to a person)
            after = text[asked_field.end():].strip(" ?.!,")
            if field == "name" and st.expecting == "name" and after \
                    and (given := find_name(after, expecting="name")) is not None:
                # "what do u need my name for. Rick": the name given with the question (it
                # was asked again)
                st.slots.name = given
            return await self._advance()
        if st.form == "booking" and st.slots.address and not ent.address \
                and (unit := ADD_TO_ADDRESS.search(text)) is not None:
            # "can you add apt 4 to the address" at the summary (a person was offered, and
            # "yes" booked the address without it)
            st.misunderstood = 0
            said = unit["what"] or unit["what2"] or unit["what3"]
            kept = st.slots.address
            if re.match(UNIT_WORD, said, re.I):  # ("its apt 12 btw" after apt 4: the unit corrected)
                kept = re.sub(rf",\s*{UNIT_WORD}\.?\s*#?\s*[\w-]+\s*$", "", kept, flags=re.I)
            st.slots.address = f"{kept}, {said}"
            if not _has_facts(ent):
                if not st.confirming:  # (the summary shows it)
                    self.say(t.unit_added(said))
                return await self._advance()
            # ("change to 12 adults and its apt 5b": the count goes on to the form; it was dropped)
        if st.form and st.expecting in ("name", "phone", "address", "email", "email_address", "confirm") \
                and not _has_facts(ent) and (detail := next(
                    (f for f in (st.expecting, *DETAIL_ASKED) if f in DETAIL_ASKED and DETAIL_ASKED[f].search(text)),
                    None)) is not None:
            # "is a cell ok or do you need a landline", "does the address need to be exact?"
            # (they went to a person, and the booking stopped there), at any contact question
            st.misunderstood = 0
            self.say(t.what_we_need(detail))
            return await self._advance()
        if st.expecting == "phone" and not ent.phone and LOCAL_NUMBER.match(text):
            # "555-1234": a US number needs its area code
            st.misunderstood = 0
            self.say(t.phone_needs_area_code())
            return self.finish()
        if NO_EMAIL.search(text):
            st.slots.email_asked = True
            if st.form and not _has_facts(ent) and NO_EMAIL.fullmatch(text.strip(" .!,")):
                # "no email" before the email is asked: kept, and the form's question again
                # (it was "didn't catch that", a step to a person)
                st.misunderstood = 0
                return await self._advance()
        declined = intent in ("skip", "deny") or SKIP.match(text) or DECLINE.search(text)
        if st.expecting == "email" and declined and not _has_facts(ent):  # ("no wait, 2 more adults")
            st.slots.email_asked = True
            st.misunderstood = 0
            return await self._advance()
        if st.expecting == "email" and not _has_facts(ent) and (
                intent == "affirm" or re.fullmatch(r"\W*(?:e-?mail|by\s+e-?mail|email\s+(?:is\s+)?(?:fine|good|ok|please|pls))\W*",
                                                   text, re.I)):
            # "yes" (or "email") to "want the confirmation by email too?": ask for the
            # address itself instead of repeating the offer.
            st.misunderstood = 0
            self.say(t.ask("email_address"))
            return self.finish()
        return None

    async def _questions(self, msg: _Message) -> TurnResult | None:
        """Questions for the FAQ or the booking core (start times, meals), answered
        before the facts go on; a deferral ("let me think about it")."""
        st = self.st
        text, ent, intent, now_local = msg.text, msg.ent, msg.intent, msg.now_local

        if COME_TO_US.search(text) and not (ent.zip or ent.address or st.slots.zip) and st.form not in ("party", "reschedule", "cancel"):
            st.misunderstood = 0
            self.say(t.we_come_to_you())
            if not st.form:
                await self._choose_form("quote", ent)
            self._merge(ent)
            return await self._advance()
        if ONE_CHEF_ENOUGH.search(text) and st.form not in ("party", "reschedule", "cancel"):
            # "we're having 40 adults, can 1 chef handle that?": the limit, from the station
            # (only the zip was asked, the question dropped); over it, the form says so itself
            guests = (ent.adults or 0) + (ent.kids or 0) if has_count(ent) and ent.guests is None else ent.guests
            limit = (await self.p.default_station()).max_guests
            if guests is None or guests <= limit:
                self.say(t.one_chef_limit(limit, guests))
                st.misunderstood = 0
                if not _has_facts(ent):
                    return await self._advance() if st.form and st.expecting else self.finish()
        if GATE_CODE_ASKED.search(text) and not _has_facts(ent):
            st.misunderstood = 0
            self.say(t.gate_code_welcome())
            return await self._advance() if st.form and st.expecting else self.finish()
        if st.confirming and st.form == "booking" and HOW_TO_CONFIRM.match(text):
            st.misunderstood = 0
            self.say(t.how_to_confirm())
            return self.finish()
        if (RATES_ASKED.search(text) or (PER_HEAD.search(text) and st.form and st.expecting)) \
                and not has_count(ent) and st.form not in ("party", "reschedule", "cancel") \
                and (st.form or intent != "quote" or not PER_HEAD.search(text)):
            # "how much do u charge", "whats the kid price?" at the kids question: the rates
            # from the quote engine (the FAQ's answer had no figures, or the question was
            # dropped), then the question open, or the party's size for a total
            st.misunderstood = 0
            await self._rates_told(text)
            if not st.form:
                await self._choose_form("quote", ent)
            self._merge(ent)
            return await self._advance()
        # A bare "?" or "??" has nothing for the FAQ to answer: it is an odd message.
        is_question = bool(QUESTION.search(text)) and bool(re.search(r"[^\W_]", text))
        firm_facts = any(v is not None for v in (ent.zip, ent.adults, ent.date, ent.time, ent.address, ent.phone, ent.email)) \
            or (ent.guests is not None and re.search(rf"\b{ent.guests}\s+(?:ppl|people|guests|persons)\b", self._numbers(text)) is not None)
        # (a head count said with its people word is a fact: "is there a minimum? we only have
        # 5 ppl" was answered and the 5 lost)
        if (
            is_question and intent == "inform" and not st.form and not st.expecting
            and _only_a_day(ent) and asks_about_something_else(text, now_local.date())
        ):
            # "whats the weather tomorrow": the day is not a booking fact. The FAQ answers
            # it if it can; otherwise it is a question nobody here can answer.
            done = await self._faq(text, replace(ent, date=None, time=None))
            if done is not None:
                return done
        # ("lunch" itself reads as a 12 PM start: a time alone is not a fact here)
        if ent.time and not st.slots.date and not st.confirming and START_ASKED.search(text) \
                and not _has_facts(replace(ent, time=None)):
            # "do u do 9pm parties?", "can u start at 7pm": the station's start times say
            # (the form asked for the date, or the guests, and the question was dropped)
            st.misunderstood = 0
            self.say(t.start_time_asked(ent.time.strftime("%H:%M"), (await self.p.default_station()).slots))
            if st.form:
                return await self._advance()
            st.offered_booking = True
            return self.finish()
        if (meal := MEAL_ASKED.search(text)) and not _has_facts(replace(ent, time=None)) and not st.confirming:
            # "do you guys do lunch parties?": the start times are the station's, so the
            # booking core answers (the FAQ had no entry and the question was dropped).
            st.misunderstood = 0
            self.say(t.meal_times(meal.group("meal"), (await self.p.default_station()).slots))
            if st.form:
                return await self._advance()
            st.offered_booking = True  # "yes" to "want me to check a date?" starts the booking
            return self.finish()
        if (intent == "faq" and not (firm_facts and self._faq_clauses(text, ent))) or (
            (is_question or (intent == "greeting" and ASKS_US.search(text)))
            and not (intent == "book" and PLAIN_BOOK.match(text))  # "hi can i book": the form
            and not firm_facts and intent in ("availability", "unknown", "inform", "greeting", "book")
            and not HELP_COMMAND.match(text) and not PRESENCE_CHECK.match(text)
        ):
            # "hi! can you guys keep it quiet if she calls?": a question behind the hello is
            # answered, or honestly not, rather than greeted and dropped.
            must = intent in ("faq", "unknown") or (
                intent == "greeting" and len(text.split()) >= 6 and bool(ASKS_US.search(text)))
            done = await self._faq(text, ent, must_answer=must)
            if done is not None:
                return done
        elif (intent == "quote" and is_question and not _has_facts(ent) and not PER_HEAD.search(text)
              and not (st.quoted_total is not None and THAT_PRICE.match(text))
              and st.slots.guests is None and st.slots.adults is None):
            # (with the party's size known, "how much tho?" is the quote itself: the form
            # asks what the price still needs, not the FAQ's "ask me with your numbers")
            # "is a 13 year old kid or adult price?": a price question the FAQ may answer;
            # the quote form starts either way.
            await self._side_questions([text], note_unsure=False)
        elif (firm_facts or has_count(ent)) and (intent in BOOKING_INTENTS or intent == "faq" or (intent == "unknown" and is_question)):
            # "price for 15 adults at 95125? also is the tip included": answer the question
            # clauses, then go on with the facts ("do u bring the grill? and how much for
            # 12": the grill was dropped).
            await self._side_questions(self._faq_clauses(text, ent))
        # ("actually 10" may be 10 o'clock only when a time is asked)
        if (((m := MAKE_IT_N.match(text)) and not (ent.time and ent.time.hour % 12 == int(m["n"]) % 12))
                # ("what about 3" to "which time?" is 3 PM; it was 3 adults)
                or ((m := ACTUALLY_N.match(text)) and (
                int(m["n"]) > 12 or st.expecting not in ("time", "date")))
                or ((m := COUNT_THEN.match(text)) and st.expecting in (None, "confirm"))) \
                and st.form in ("quote", "booking") and not has_count(ent) \
                and not (ent.zip or ent.address) and (st.slots.adults is not None or st.slots.guests is not None):
            ent = self._party_of(ent, int(m["n"]))
        if (DEFER.search(text) and not is_question and not (st.confirming and BOOK_WORDS.search(text))
                and not _has_facts(replace(ent, date=None, time=None) if st.confirming else ent)):
            # ("i'll let you know by friday" at the summary: its day is no new date)
            # "hmm let me think about it", "ill get back to u": nothing misunderstood; what
            # was told stays for when they come back
            st.misunderstood = 0
            self.say(t.no_rush() if self._quote_ready() else t.thinking_it_over())
            return self.finish()
        if intent == "ask_question":
            self.say(t.ask("question"))
            st.expecting = None
            return self.finish()
        msg.ent = ent
        return None

    async def _facts(self, msg: _Message) -> TurnResult:
        """The facts of the message into the form, and its next question; or a greeting,
        a thanks, a yes or a no with nothing new."""
        st = self.st
        text, ent, intent = msg.text, msg.ent, msg.intent

        facts = _has_facts(ent) or self._lenient_fill(text, ent)
        if intent == "greeting" and not facts:
            st.misunderstood = 0
            # (mid-form, "hi again" / "where were we": a short hello, then the open question)
            self.say(t.welcome_back() if st.form and st.expecting else t.greeting(self.p.business_name))
            if st.form:
                return await self._advance()
            return self.finish()
        if intent in ("thanks", "bye") and not facts:
            st.misunderstood = 0
            self.say(t.thanks(quoted=self._quote_ready()) if intent == "thanks" else t.bye())
            return self.finish()

        self.ack = intent == "affirm" and not facts
        if self.ack and self.offered and (self._quote_ready() or not st.form):
            intent = "book"  # "yes" to "shall I check a date for you?" / "want to start?"
        if intent in BOOKING_INTENTS or facts or intent in ("affirm", "deny"):
            if intent == "affirm" and not facts and not st.form:
                # "yes" to a quote's offer to book.
                if st.slots.adults is not None and st.slots.zip:
                    intent = "book"
                else:
                    # "ok" after an answer: nothing was misunderstood.
                    st.misunderstood = 0
                    self.say(t.ack())
                    return self.finish()
            if intent == "deny" and not facts:
                st.misunderstood = 0
                if self._quote_ready():
                    self.say(t.no_rush())  # "no" after a quote: nothing to change
                else:
                    self.say(t.ack() if not st.form else t.booking_declined())
                    if st.form:
                        st.expecting = "change"  # "guests": that detail asked again
                return self.finish()
            if intent == "inform" and not facts and st.expecting and st.form:
                # "Maria Lopez" when asked for the time: read as an answer, but it answers
                # nothing asked; the question again, said to be not understood (it was
                # repeated word for word, as if the message had not arrived).
                return await self._not_understood()
            if not st.form and (done := await self._about_the_booking(intent, ent)) is not None:
                return done
            await self._choose_form(intent, ent)
            if self.st.form is None:
                return await self._not_understood()
            self._merge(ent)
            st.misunderstood = 0
            if intent == "quote" and PER_HEAD.search(text) and ent.adults is None and ent.kids is None and ent.guests is None:
                # "how much per head?": the rates themselves, then the guests for a total
                # (or, after a quote, "how much is it for the kids?": the rates beside it).
                await self._rates_told(text)
            return await self._advance()
        return await self._not_understood()

    def _ask_size_or_start(self, n: int, starts: Sequence[str]) -> TurnResult:
        """"can we do 9 instead": 9 guests, or a 9 PM start? Asked, and the 9 kept for the
        answer (a number that is no start is asked as a size)."""
        start = bare_hour(n).strftime("%H:%M") if n <= 12 else None
        self.st.misunderstood, self.st.size_or_start = 0, n
        self.say(t.count_or_start(n, start if start in starts else None, starts))
        return self.finish()

    async def _size_leading(self, text: str, ent: Entities, note: str | None) -> tuple[Entities, str | None, str]:
        """A new size of the form's party leading a message that goes on about something
        else, and the note that is left. "make it 12 pls and the gate code is 7788",
        "actually 12, my dad has a shellfish allergy", "make it 12, 2 of them vegetarian",
        "actually 12 and 3pm", "make it 12 pls, 3 of them are kids" (only the note was kept,
        all of the message as the note, a "2 of them" as the party, or the 12 as the start)."""
        st = self.st
        if st.form not in ("quote", "booking", "availability") or (st.slots.adults is None and st.slots.guests is None) \
                or (lead := LEADING_COUNT.match(text)) is None:
            return ent, note, text
        n = int(lead["n"] or lead["n2"] or lead["n3"] or lead["n4"])
        now = self.inp.now.astimezone(await self._tz())
        # ("14 adults now, one is gluten free" with 2 kids on the form: 14 adults and the kids
        # kept; a bare 14 is the whole party)
        told = extract_entities(lead[0], now=now, expecting=st.expecting).adults
        rest = re.sub(r"^[\s,.;&+-]*(?:(?:and|also|plus|n)\b)?\s*", "", text[lead.end():])
        said = extract_entities(rest, now=now, expecting=st.expecting)
        if said.kids is not None and said.adults is None and OF_THEM.search(rest) and said.kids < n:
            return replace(said, adults=n - said.kids, guests=None), None, text  # (12 in all, 3 of them kids)
        # a bare "actually 3" may be a start: a count only beside a start said as one ("3pm")
        firm = bool(lead["n"] or lead["n3"] or lead["n4"]) or n > 12 or bool(re.search(r"\d\s*(?:am|pm)\b|\d:\d\d", rest, re.I)) \
            or (said.time is not None and said.time.hour % 12 != n % 12)  # ("actually 12 at 3")
        if note is not None or SOME_OF_THEM.search(rest):
            if note is None or note.startswith(lead[0]):
                note = rest or note
            # ("can we do 15 instead, gate code 7788" read on as "make it 15, …": no question
            # left for the FAQ)
            text = f"make it {n}{text[lead.end():]}" if lead["n4"] else text
            return self._resized(ent, told, n), note, text
        if firm and _has_facts(said):
            return self._resized(said, told, n), note, text
        return ent, note, text

    def _resized(self, ent: Entities, adults: int | None, n: int) -> Entities:
        """``ent`` with the leading new size: the adults said ("14 adults now, …": the kids on
        the form kept), else ``n`` as the whole party."""
        if adults is not None:
            return replace(ent, adults=adults, guests=None)
        return self._party_of(replace(ent, adults=None, guests=None), n)

    def _party_of(self, ent: Entities, n: int) -> Entities:
        """A bare new size of the form's party ("make it 12"): all adults when no kids are
        on it (the kids were asked again), else a total whose split is asked."""
        if self.st.slots.adults is not None and not self.st.slots.kids:
            return replace(ent, adults=n)
        return replace(ent, guests=n)

    async def _note(self, note: str, ent: Entities, intent: str) -> TurnResult | None:
        """A diet or allergy note ("one guest has a shellfish allergy"): kept for the
        booking being made, or added to the booking held. None: the turn goes on (the
        message has facts too, or there is nothing to add it to: the FAQ answers)."""
        st = self.st
        note = TAG_QUESTION.sub("", note).rstrip(" ,") or note  # (the question is answered apart)
        if st.form in ("quote", "booking", "availability"):
            if note not in st.slots.notes:
                st.slots.notes.append(note)
            self.say(t.note_taken(note))
            if _has_facts(ent):
                return None  # ("12 Main St, one guest has a nut allergy": the address too)
            st.misunderstood = 0
            await self._note_questions()
            return await self._advance()
        if st.form:
            return None
        bookings = await self.p.upcoming_bookings()
        if not bookings:
            occasion = tells_occasion(self.text)
            if _has_facts(ent) or occasion or QUESTION.search(self.text):
                # "12 adults dec 19 6pm, one guest has a peanut allergy", "hi i want to book
                # for my son's graduation": kept for the form this message starts (it was
                # lost); "my son is allergic to shrimp, is that ok?" before any party: kept
                # for the booking to come, and the question answered (the allergy was lost)
                if note not in st.slots.notes:
                    st.slots.notes.append(note)
                self.say(t.note_taken(note))
            if occasion and not _has_facts(ent) and intent in ("unknown", "greeting", "inform"):
                # "hi! planning my wife's 40th birthday": a party is being planned; its size
                # next (it was "didn't catch that")
                st.form = "quote"
                st.misunderstood = 0
                await self.p.lead_event("lead_created")
                return await self._advance()
            return None
        today = await self._today()
        month = find_month(self.text, today)
        new_day = ent.date is not None and not any(b.event_date == ent.date for b in bookings)
        if (tells_occasion(self.text) and (
                (month and not any(month[0] <= b.event_date <= month[1] for b in bookings)) or new_day)) or (
                new_day and (has_count(ent) or NEW_PARTY.search(self.text)) and not (
                    read_move(self.text).verb or INSTEAD.search(self.text) or CHANGE_IT.search(self.text))):
            # ("can i get a quote for jan 16 6pm, 12 adults, for my work party": the note is
            # the new party's; it went on the December one)
            # "planning my wifes 40th birthday in march" with a December party: a new party
            # (the occasion went on the December one), its note kept for it
            if note not in st.slots.notes:
                st.slots.notes.append(note)
            if _has_facts(ent):
                return None  # (the facts start it, said to be a second party)
            st.form, st.misunderstood = "quote", 0
            await self.p.lead_event("lead_created")
            self.say(t.second_party(bookings[0].event_date, bookings[0].slot))
            self.say(t.note_taken(note))
            return await self._advance()
        said = self._numbers(self.text)
        # A count outside the note is a change of the party ("we now have 14 ppl, 8 chicken
        # 6 steak": the 14 was lost in the note's counts)
        rest = self.text
        for part in note.split("; "):
            rest = rest.replace(part, " ")
        outside = has_count(extract_entities(rest, now=self.inp.now.astimezone(await self._tz())))
        counted = not _has_facts(replace(ent, adults=None, kids=None, guests=None)) and not (
            outside and rest.strip(" ,.!") != "") and (
            says_note_it(self.text) or menu_choice(self.text) or not moves_count(said))
        if (meant := await self._booking_named(bookings)) is None and counted:
            # several parties and none named: which one (it went on the soonest, and "the
            # january one" after it was not understood)
            return self._ask_which("note", bookings)
        held = await self.p.add_note(str((meant or bookings[0]).id), note)
        self.say(t.note_added(held.event_date, held.slot, note))
        if (_has_facts(ent) and not counted) or (read_move(self.text).cue and not PAST_TENSE.search(self.text)
                                                  and not menu_choice(self.text)):
            # "2 more kids, and one adult is allergic to shellfish", "move it to the 20th,
            # my son is allergic to sesame": the note is the chef's whatever becomes of the
            # change, which this turn goes on to ask (the note was lost)
            return None
        st.misunderstood = 0
        await self._note_questions()
        return self.finish()

    async def _note_questions(self) -> None:
        """"my wife is allergic to shrimp, can the chef handle that?": the note is kept and
        the question answered too (or said to be unsure), not read as "noted" alone."""
        asked = [q for q in question_clauses(self.text) if not asks_to_note(q)]
        if not asked and TAG_QUESTION.search(self.text):
            asked = [self.text]  # "one of my guests has a peanut allergy is that ok" (no "?")
        if asked:
            await self._side_questions(asked[:2])

    async def _moved_guests(self, text: str, ent: Entities) -> Entities:
        """A number of guests moved without a people word ("2 cant make it", "add 2", "we
        lost 3", "one couple had to cancel") when there is a party to move: the form's or
        a booking's. It was taken for a street address at the address question, or not read."""
        st = self.st
        if has_count(ent) \
                or st.form in ("reschedule", "cancel"):
            return ent
        if (swap := COUNT_SWAP.search(self._numbers(text))) is not None \
                and (held := await self._party_known()) is not None and int(swap["old"]) == sum(held):
            # "could we do 12 instead of 10 and also 3pm instead of 6" of a party of 10: its
            # new size beside the move (the 12 was dropped); not "3 instead of 6" of a 6 PM start
            start = st.slots.time if st.form else (await self.p.upcoming_bookings())[0].slot
            if bare_hour(int(swap["old"])).strftime("%H:%M") != start:
                # ("14 not 12" of 12 adults and no kids: 14 adults; with kids, the split asked)
                kids_known = not st.form or st.slots.kids is not None
                return replace(ent, adults=int(swap["n"]), kids=0) if kids_known and held[1] == 0 \
                    else replace(ent, guests=int(swap["n"]))
        delta = BARE_DELTA.search(self._numbers(text))  # (digits for words: "one of the kids")
        couple = GUESTS_CANCEL.search(text) and re.search(r"\b(?:one|a)\s+couple\b", text, re.I)
        # "my brother cant come so 11": the new total alone
        total = None if (delta or couple) else re.search(
            # ("hey so 6 is kinda late for us": the start spoken of, no total)
            r"\b(?:so(?!\s+\d{1,3}\s+(?:is|was|would|wont|won'?t|isn'?t|works?|sounds?|seems?|feels?|might|may|could)\b)"
            r"|making\s+it|makes\s+it|down\s+to|up\s+to|(?:we'?re|we\s+are|we'?ll|we\s+will)\s+(?:now\s+)?"
            r"(?:gonna\s+|going\s+to\s+)?be)\s+(?:we'?re\s+|just\s+)?(?P<n>\d{1,3})\b(?!\s*(?:am|pm|:|p\b|a\b|\$|%))",
            self._numbers(text), re.I)
        if not (delta or couple or total):
            return ent
        if delta is not None and delta["n4"] and re.search(r"\b(?:nvm|never\s*mind|jk|just\s+kidding|scratch\s+that)\b",
                                                          text[delta.end():], re.I):
            return ent  # ("2 of my friends are coming too. actually nvm they cant make it")
        if not (st.slots.adults is not None or st.form == "party"
                or (not st.form and await self.p.upcoming_bookings())):
            return ent
        if total is not None:
            return replace(ent, guests=int(total["n"]))
        if delta is None:
            return replace(ent, guests=2)  # "one couple had to cancel": two fewer
        n = delta["n"] or delta["n2"] or delta["n3"] or delta["n4"]
        street = ent.address if ent.address and not ent.address.startswith(n) else None
        # "cancel 2 of the adults", "1 of the kids cant come": that group
        group = re.search(rf"\b{n}\s+(?:of\s+(?:the|our|my)\s+)?(?P<g>adults?|kids?|children)\b",
                          self._numbers(text), re.I)
        if group and group["g"].lower().startswith(("kid", "child")):
            return replace(ent, kids=int(n), address=street)
        if group:
            return replace(ent, adults=int(n), address=street)
        return replace(ent, guests=int(n), address=street)

    async def _about_the_booking(self, intent: str, ent: Entities) -> TurnResult | None:
        """Facts from a customer with a party booked, no form open and no word of another
        party: a change to that booking ("can we go down to 8 adults", "swap to the
        13th", "party is now at 100 Main St ..."), each asked back before it is made, and
        a question naming a day is about the booking ("r we still good for saturday").
        An outright new booking or quote goes on, told of the booking already held (it
        used to become a second booking of the same party). None: go on with the form."""
        if NEW_PARTY.search(self.text):
            return None
        bookings = await self.p.upcoming_bookings()
        if not bookings:
            return None
        b = await self._booking_meant(bookings)
        if (ent.email or ent.phone) and CONTACT_CHANGE.search(self.text) and not _has_facts(
                replace(ent, email=None, phone=None, name=None)):
            return await self._contact_change(ent)
        if NAME_CHANGE.search(self.text) and not _has_facts(replace(ent, email=None, phone=None, name=None)):
            self.st.misunderstood = 0
            return await self.escalate("contact_change", t.escalated("contact_change"))
        if CHANGE_BOOKING.search(self.text) and not _has_facts(ent):
            if len(bookings) > 1 and await self._booking_named(bookings) is None:
                return self._ask_which("change", bookings)  # ("change my booking": which one)
            self.st.expecting, self.st.target_booking = "booking_change", str(b.id)
            self.say(t.booking_change_ask(b.event_date, b.slot))
            return self.finish()
        counts = has_count(ent)
        if HAVE_BOOKING.search(self.text) and not (counts or ent.zip or ent.address or read_move(self.text).cue) \
                and ent.date in (None, *(x.event_date for x in bookings)):
            # "i have a booking on the 12th": theirs, not a second party
            return await self._status(ent)
        if not (counts or ent.time or ent.zip or ent.address) and (
                DAY_RULED_OUT.search(self.text) or CANT_MAKE.search(self.text)) and (
                len(ruled := await self._days_said_of(bookings)) == 1):
            # "the 12th doesnt work anymore for us", "we cant make the 12th, what other dates
            # u got": that booking moves (a clarify; the status). (The date reader drops a
            # day said not to work, so the booked days are looked for in the text.)
            return await self._reschedule_start(replace(ent, date=None), ruled[0])
        if counts and ent.date and not ent.time and not (ent.zip or ent.address) and (
                on_day := [x for x in bookings if x.event_date == ent.date]) and (
                MORE.search(said := self._numbers(self.text)) or FEWER.search(said) or NEW_TOTAL.search(said)):
            # "2 more adults coming tomorrow" (the party's day): a party change, not a new party
            return await self._party_start(replace(ent, date=None), on_day[0])
        day, place = bool(ent.date or ent.time), bool(ent.zip or ent.address)
        said = self._numbers(self.text)
        # "change my booking to 14 adults"; "move my 12th booking to 9pm", "change the dec 20
        # party to 25 adults", "add 3 adults to the sunday one" (they started a second party)
        changing = bool(CHANGE_BOOKING.search(self.text)) or (bool(MY_BOOKING.search(self.text)) and bool(
            read_move(self.text).verb or (counts and moves_count(said)) or CHANGE_WORD.search(self.text)))
        if (intent not in ("book", "quote", "availability") or changing) and not (ent.name or ent.phone or ent.email):
            if counts and not day and not place:
                if (not (changing or moves_count(said) or NEW_TOTAL.search(said) or PARTY_CHANGE.search(self.text))
                        or menu_counted(said)) and (
                        PAST_TENSE.search(self.text) or QUESTION.search(self.text) or IF.search(self.text)
                        or question_clauses(self.text)):
                    # "we had 12 people last time", "do you bring enough food for 12 ppl?":
                    # no change asked; a question goes to the FAQ
                    return await self._no_change(ent)
                if len(bookings) > 1 and await self._booking_named(bookings) is None:
                    return self._ask_which("party", bookings)
                return await self._party_start(ent, b)
            if day and not counts and not place:
                if (read_move(self.text).cue or changing) and not PAST_TENSE.search(self.text):
                    return await self._reschedule_start(ent)
                # "see you saturday!", "is 3pm too late for kids?": their booking, not a move
                # (and a question asked beside it is answered)
                done = await self._status(ent)
                if QUESTION.search(self.text) and not CHEF_ARRIVAL.search(self.text):
                    await self._side_questions([self.text], note_unsure=False)
                return done
            if place and not counts and not day:
                return await self.escalate("address_change", t.escalated("address_change"))
            if counts and changing and not ent.time and not place and MY_BOOKING.search(self.text) and (
                    named := await self._booking_named(bookings)) is not None and (
                    len(bookings) > 1 or ent.date in (None, named.event_date) or WEEKDAY_ONE.search(self.text)):
                # "change the dec 20 party to 25 adults", "add 3 adults to the sunday one":
                # the day names the booking whose party changes
                return await self._party_start(replace(ent, date=None), named)
            if day and counts and not place and read_move(self.text).cue and not PAST_TENSE.search(self.text) \
                    and moves_count(self._numbers(self.text)):
                # "can we push to 9pm and add 2 adults": the move, then the guests (it
                # started a second party)
                return await self._reschedule_start(ent)
        if intent in ("book", "quote", "availability") or _has_facts(ent):
            self.say(t.second_party(b.event_date, b.slot))
        return None

    def _address_change_kind(self, ent: Entities) -> str:
        """Which escalation an address change is: alone, or with the party's size or its
        day/time changed in the same message ("new address is 55 Oak St, also add 2 adults")."""
        said = self._numbers(self.text)
        if has_count(ent) and (CHANGE_CUE.search(self.text) or moves_count(said) or NEW_TOTAL.search(said)):
            return "address_and_party"
        if (ent.date or ent.time) and read_move(self.text).cue:
            return "address_and_move"
        return "address_change"

    async def _contact_change(self, ent: Entities) -> TurnResult:
        """"can i change my email to bob@example.com": the customer's own email (or, off
        SMS, phone) is replaced and said back; someone else's number, or a new number
        over SMS (the sender's number is who they are), goes to a person."""
        self.st.misunderstood = 0
        if SOMEONE_ELSES.search(self.text) or (ent.phone and self.inp.channel == "sms"):
            return await self.escalate("contact_change", t.escalated("contact_change"))
        await self.p.update_contact(phone=ent.phone, email=ent.email)
        if ent.email:
            self.say(t.contact_updated("email", ent.email))
        if ent.phone:
            self.say(t.contact_updated("phone number", ent.phone))
        return self.finish()

    async def _no_change(self, ent: Entities) -> TurnResult:
        """A booked customer's message with a count that changes nothing: a question is
        the FAQ's (or honestly not answered); anything else is acknowledged."""
        if CHECKING.search(self.text) and (held := await self.p.upcoming_bookings()) and is_party(ent, held[0]):
            return await self._status(ent)  # "10 adults 2 kids still right?": yes, as booked
        if QUESTION.search(self.text) or question_clauses(self.text):
            done = await self._faq(self.text, replace(ent, adults=None, kids=None, guests=None), must_answer=True)
            if done is not None:
                return done
        self.st.misunderstood = 0
        self.say(t.ack())
        return self.finish()

    async def _booking_change_answer(self, text: str, ent: Entities) -> TurnResult | None:
        """The answer to "what would you like to change?" about a booking: that change
        begins. None: the message is something else, read as usual."""
        bookings = await self.p.upcoming_bookings()
        if not bookings:
            return None
        asked = next((b for b in bookings if str(b.id) == self.st.target_booking), None)
        if (NOTHING_TO_CHANGE.search(text) or DECLINE.search(text) or NO_AFTER_ALL.match(text)) and not _has_facts(ent):
            self.say(t.kept())  # "nothing, its fine"
            return self.finish()
        if (has_count(ent)
                or re.search(r"\b(?:guests?|people|adults?|kids?|count|headcount|party\s+size)\b", text, re.I)):
            return await self._party_start(ent, asked or bookings[0])
        if ent.date or ent.time or re.search(r"\b(?:date|day|time|reschedul\w*|move\s+it)\b", text, re.I):
            return await self._reschedule_start(ent, asked)
        if ent.zip or ent.address or re.search(r"\b(?:address|location|venue|place|zip)\b", text, re.I):
            return await self.escalate("address_change", t.escalated("address_change"))
        return None

    async def _form_command(self, text: str, ent: Entities) -> TurnResult | None:
        """The customer steering the form itself: start over, stop it ("I changed my
        mind"), or change one detail of it ("wait, I want to change the date", "guests"
        after "what would you like to change?"). None: the message is something else."""
        st = self.st
        if START_OVER.match(text):
            # "start over": the details so far are dropped (the SMS number stays)
            self._fresh_party(Slots(phone=st.slots.phone if self.inp.channel == "sms" else None))
            st.misunderstood = 0
            self.say(t.started_over())
            return self.finish()
        # ("never mind" when the name is asked is read as a name, and is none)
        if st.form in ("booking", "quote", "availability") and not _has_facts(replace(ent, name=None)) \
                and STOP_BOOKING.search(text):
            # "not ready yet": the form stops; what was told is kept ("book" picks it up)
            st.form = st.expecting = None
            st.confirming = False
            st.misunderstood = 0
            self.say(t.booking_paused())
            return self.finish()
        if st.expecting == "change" and NOTHING_TO_CHANGE.search(text) and not _has_facts(ent):
            # "actually nothing, looks good": the summary again, to confirm
            st.expecting = None
            st.misunderstood = 0
            return await self._advance()
        editing = st.expecting == "change" or (st.form in ("booking", "quote") and EDIT_FORM.search(text) is not None)
        field = changed_field(text, most=5 if st.expecting == "change" else 10) if editing else None
        if field is None or _has_facts(ent):
            return None
        # the form's own detail, not a booking already made (that was "no booking found")
        _forget(st.slots, field)
        st.form, st.expecting, st.confirming = "booking", field, False
        st.misunderstood = 0
        if field == "adults":
            self.say(t.ask_adults())
        else:
            self.say(t.ask("email_address" if field == "email" else field, guests=st.slots.guests, city=st.slots.city))
        return self.finish()

    def _fresh_party(self, slots: Slots) -> None:
        """No form, no summary, no quote or check on record; ``slots`` is what is kept."""
        st = self.st
        st.confirming = False
        st.expecting = st.form = None
        st.quoted_total = st.quoted_for = st.checked = None
        st.slots = slots

    def _quote_ready(self) -> bool:
        """A quote form whose price was given for the guests and zip it holds now."""
        return self._priced("quote")

    def _priced(self, *forms: str) -> bool:
        """One of ``forms`` open, its price given for the guests and zip it holds now."""
        st, s = self.st, self.st.slots
        return (
            st.form in forms and s.adults is not None and s.kids is not None and bool(s.zip)
            and st.quoted_for == f"{s.adults}/{s.kids}/{s.zip}"
        )

    async def _standing_quote(self) -> Quote | None:
        """The quote already given for the current guests and zip, from the quote engine
        (in the booking form too: "whats the total again" at its summary)."""
        s = self.st.slots
        if not self._priced("quote", "booking"):
            return None
        assert s.adults is not None and s.kids is not None and s.zip
        try:
            return await self.p.quote(s.adults, s.kids, s.zip)
        except DomainError:
            return None

    async def _tip_answered(self, question: str) -> bool:
        """"is that with tip?" with a party priced on the form (after a quote, at the
        summary): its total already has the suggested gratuity, said from the quote
        engine. The FAQ's "not included in the food price" read as "tip on top", so some
        would have tipped twice. False: not a tip question, or nothing priced yet."""
        s = self.st.slots
        if not TIP_ASK.search(question) or s.adults is None or s.kids is None or not s.zip:
            return False
        try:
            quote = await self.p.quote(s.adults, s.kids, s.zip)
        except DomainError:
            return False
        self.say(t.tip_included(quote.total_cents, quote.gratuity_cents))
        return True

    def _offer_booking(self, quote: Quote) -> Reply:
        """After a quote: its total again (just the offer, after an "ok") and "shall I
        check a date for you?", remembered so that a plain yes starts the booking."""
        self.st.offered_booking = True
        return t.next_step() if self.ack else t.quote_recap(quote)

    async def _say_next_step(self) -> None:
        """A turn that said nothing: the standing quote or the form's next question, else
        what the bot can do. Reached only if a path above forgot to answer."""
        st, s = self.st, self.st.slots
        quote = await self._standing_quote()
        if quote is not None:
            self.say(self._offer_booking(quote))
            return
        need = self._next_missing() if st.form in ("quote", "booking") else None
        if need is not None:
            st.expecting = need
            self.say(t.ask(need, guests=s.guests, city=s.city))
            return
        self.say(t.anything_else())

    def _lenient_fill(self, text: str, ent: Entities) -> bool:
        """When we asked for a name or address and the reply is plausibly just that,
        take it as written (customers rarely say 'my address is …')."""
        st = self.st
        raw = text.strip()
        if st.expecting == "address" and not ent.address and re.search(r"\d", raw) and re.search(r"[a-zA-Z]{2,}", raw) \
                and len(raw) <= 200 and ADDRESS_SHAPE.search(raw) and not raw.endswith("?") and chef_note(raw) is None:
            # (a house number or a box first: "we're celebrating 2 birthdays" was the address)
            st.slots.address = raw
            return True
        return False

    async def _not_understood(self) -> TurnResult:
        st = self.st
        if any(r.kind == "faq_unsure" for r in self.out.replies):
            # "is 9pm too late for neighbors? noise wise": the question was honestly not
            # answered (a person offered); "didn't catch that" after it contradicted it
            return await self._advance() if st.form else self.finish()
        if self.inp.channel != "sms" and (classify_sms_keyword(self.text) == "opt_out" or wants_opt_out(self.text)):
            # "STOP" on Telegram: no keyword there, but the wish is clear (it was "didn't catch that")
            st.misunderstood = 0
            self.say(t.chat_stop())
            return self.finish()
        pause = PAUSE.match(self.text)
        if pause is not None and pause["pause"]:
            # "hold on", "brb", "one sec", "omg wait": no answer that failed, so no step
            # towards a person (two of them handed the conversation over); the open question again
            self.say(t.pause_ok())
            return await self._advance() if st.form and st.expecting else self.finish()
        if (lang := self._foreign(self.text)) is not None:
            # "hola, cuanto cuesta para 10 personas?": an English "didn't catch that" cannot
            # help; a person may speak it (DOMAIN.md: not understood goes to staff)
            st.misunderstood = 0
            return await self.escalate("language", t.other_language(lang))
        if self.day_refused:
            st.misunderstood = 0  # ("feb 29": understood, and the date asked again)
            return self.finish()
        if not st.form and not st.slots.name and (bare := find_name(self.text, expecting="name")) is not None \
                and len(bare.split()) >= 2 and bare == " ".join(self.text.split()).strip(" .!") \
                and all(w[:1].isupper() for w in bare.split()):
            # "Maria Lopez" as the first text: the name, kept for the booking (it was "didn't
            # catch that", and the name asked again later)
            st.slots.name, st.misunderstood = bare, 0
            self.say(t.greeting(self.p.business_name, bare.split()[0]))
            return self.finish()
        if re.fullmatch(r"[\s?.!…,]+", self.text):
            # "?", "...": puzzled or waiting, not an answer that failed, so no step towards
            # a person (two of them handed the form over); the open question again, or what
            # we do. (Emoji alone still count: DOMAIN.md's "fails to understand twice".)
            if st.form and st.expecting:
                return await self._advance()
            self.say(t.clarify(None))
            return self.finish()
        # ("haha", "lol sorry": not understood, and said so, but no step towards a person)
        st.misunderstood += 1 if pause is None else 0
        if st.misunderstood >= 2:
            st.misunderstood = 0
            return await self.escalate("not_understood", t.escalated("not_understood"))
        if (st.form and st.slots.date and self._next_missing() == "time") or (st.confirming and st.form == "booking"):
            # the day's open times again, with their buttons (not every start time); at the
            # summary, the summary again (it was the quote's "Shall I check a date for you?",
            # and the "yes" to that booked)
            self.say(t.not_caught())
            return await self._advance()
        resume = await self._prompt_for_current() if st.form else None
        if resume is None and (quote := await self._standing_quote()) is not None:
            resume = self._offer_booking(quote)  # after a quote: what it is and what comes next
        self.say(t.clarify(resume))
        return self.finish()

    # -------------------------------------------------------------------- FAQ
    def _faq_clauses(self, text: str, whole: Entities) -> list[str]:
        """The question clauses of a message that are for the FAQ: no booking facts in
        them and not themselves a price, booking or cancel request (at most two).
        ``whole`` is the turn's reading of the whole message (its zip and date)."""
        now = self.inp.now
        out = []
        for clause in question_clauses(text):
            # "is 6 ok?" when asked for the time: the 6 is the answer, read as the slot asked.
            if _has_facts(extract_entities(clause, now=now, expecting=self.st.expecting)) or WEEKEND_AFTER.search(clause):
                continue  # ("how about the weekend after": the day, read near the one held)
            if whole.zip and AREA_QUESTION.search(clause):
                continue  # the zip answers it (quote, travel fee or out of area)
            if has_count(whole) and (COUNT_SWAP.search(self._numbers(clause)) or MAKE_IT_N.match(clause)):
                continue  # "could we do 12 instead of 10": the party's new size, read (the FAQ was unsure)
            if (self.city_answered or whole.zip) and (AREA_QUESTION.search(clause) or SERVES_PLACE.search(clause)) \
                    and not HOW_FAR_AHEAD.search(clause):
                continue  # the named city's service was answered from the booking core
            if whole.date and SLOTS_QUESTION.search(clause):
                continue  # the date's availability answers it
            if whole.date and len(clause.split()) <= 5 and (
                    WEEKDAY_NAMED.search(clause) or read_move(clause).shift):
                continue  # "the next day?", "what about sunday?": the day itself
            if self.st.slots.date and read_move(clause).asks_relative_move:
                continue  # "can we push it a week": the day being booked, moved
            if has_count(whole) and whole.zip and (MY_TOTAL.search(clause) or TOTAL_ASKED.search(clause)):
                continue  # "… 25 adults 5 kids zip 95060 whats the total": the quote answers it
            intent = classify_intent(clause).intent
            if intent in FAQ_CLAUSE_INTENTS or (intent == "book" and WHEN_TO_BOOK.search(clause)):
                out.append(clause)
        return out[:2]

    async def _side_questions(self, queries: list[str], *, note_unsure: bool = True) -> None:
        """Answer questions asked alongside booking facts; the turn goes on after them.

        A question the FAQ cannot answer is not dropped silently: the customer hears that
        we are not sure, with a button to reach a person (the FAQ records it for admins).
        """
        rest = [q for q in queries if not await self._tip_answered(q)]
        answers = await self._faq_answers(rest)
        for answer in answers:
            self.say(t.faq_answer(answer))
        if rest and note_unsure and not answers:
            self.say(t.faq_unsure_noted())

    async def _rates_told(self, text: str) -> None:
        """The rates from the quote engine, and the message's other question if it has one
        ("whats included and how much per kid": that too)."""
        self.say(t.rates(await self.p.default_station()))
        await self._side_questions([q for q in question_clauses(text)
                                    if not (RATES_ASKED.search(q) or PER_HEAD.search(q))][:1])

    def _foreign(self, text: str) -> str | None:
        """The language ``text`` is clearly written in, if not English; not asked of a name
        or a street, nor of a short answer in the form ("Acme Corp / Jen" was read as
        another language and handed to a person)."""
        st = self.st
        if st.expecting in ("name", "address") or (st.form and st.expecting and len(re.findall(r"[^\W\d_]{2,}", text)) < 4
                                                    and not SPANISH_SENTENCE_RE.search(text.lower())):
            return None  # (a short "no gracias" mid-form is still read: it was, and went to a person)
        return foreign_language(text)

    async def _faq_answers(self, queries: list[str]) -> list[str]:
        """The FAQ's answers to ``queries``, each once; a question it cannot answer gives none."""
        answers: list[str] = []
        for q in queries:
            hit = await self.p.faq(q)
            if hit is not None and hit.answerable and hit.answer and hit.answer not in answers:
                answers.append(hit.answer)
        return answers

    async def _faq(self, text: str, ent: Entities, *, must_answer: bool = True) -> TurnResult | None:
        """Answer from the FAQ. None when it has no answer and the message may still be
        a booking step (the caller goes on).

        A message of several clauses ("do you clean up? also we're 10 adults…", "how much
        is the deposit and when do I pay it") asks the FAQ about each question clause on
        its own, which matches far better than the whole text.
        """
        st = self.st
        several = len(clauses(text)) > 1
        if (st.slots.date and st.form in ("booking", "availability", "quote", "reschedule") and SLOTS_QUESTION.search(text)
                and not several):
            # "what times do u have" with the day already known: that day's open slots.
            st.misunderstood = 0
            self.asked_availability = True
            self._merge(ent)
            return await self._advance()
        if not several and not _has_facts(ent) and await self._tip_answered(text):
            st.misunderstood = 0
            # (the form's question again: "is the tip included in that?" when the phone was
            # asked left the form waiting on nothing)
            return await self._advance() if st.confirming or (st.form == "booking" and st.expecting) else self.finish()
        if (asked := AMOUNT_ASKED.search(text)) and (quote := await self._standing_quote()) \
                and (line := t.quote_line(quote, round(float(asked["n"].replace(",", "")) * 100))) is not None:
            # "whats the 110 for" after a quote: that line of it (it went to a person)
            st.misunderstood = 0
            self.say(line)
            return await self._advance() if st.confirming else self.finish()
        if (FINAL_PRICE.search(text) or MY_TOTAL.search(text)) and not _has_facts(ent) \
                and (quote := await self._standing_quote()):
            # ("wait whats the total again" at a new booking's summary: the quote's; it
            # went to a person)
            st.misunderstood = 0
            self.say(t.total_explained(quote, confirm=bool(FINAL_PRICE.search(text))))
            return self.finish()
        if BOOKING_NEEDS.search(text) and not (several and _has_facts(ent)):
            st.misunderstood = 0
            self.say(t.booking_needs(await self.p.default_station()))
            st.offered_booking = True  # "yes" to "want to start?" starts the booking
            return await self._advance() if st.form else self.finish()
        if MINIMUM_ASKED.search(text) and not several:
            st.misunderstood = 0
            self.say(t.rates(await self.p.default_station()))
            return await self._advance() if st.form else self.finish()
        if DEPOSIT_AMOUNT.search(text):
            station = await self.p.default_station()
            self.say(t.deposit_amount(station.deposit_cents, station.hold_hours))
            rest = [c for c in self._faq_clauses(text, ent) if not DEPOSIT_AMOUNT.search(c)] if several else []
            await self._side_questions(rest, note_unsure=False)
            st.misunderstood = 0
            return await self._advance() if st.form else self.finish()
        queries = self._faq_clauses(text, ent) if several else []
        if not several and (pair := PAIR_ASKED.match(text)):
            # "do you do vegan and gluten free?": each asked on its own (the FAQ matched
            # the first and the second went unanswered)
            queries = [pair["lead"] + pair["a"] + "?", pair["lead"] + pair["b"] + "?"]
        # "thank u! one more q, is gratuity included in my total": their total answers it
        # (the FAQ's general "not included in the food price" followed, contradicting it)
        tipped = [q for q in queries if await self._tip_answered(q)]
        queries = [q for q in queries if q not in tipped]
        answers = await self._faq_answers(queries)
        if not queries and not tipped and not (several and ent.zip and AREA_QUESTION.search(text)):
            answers = await self._faq_answers([text])
        if not answers and tipped and not _has_facts(ent):
            st.misunderstood = 0
            return await self._advance() if st.confirming else self.finish()
        if not answers and not _has_facts(ent) and (lang := self._foreign(text)) is not None:
            # "¿el depósito es reembolsable?" mid-form: a person who may speak it (the English
            # "not sure" and the summary again followed)
            return await self.escalate("language", t.other_language(lang))
        if not answers:
            if queries and (_has_facts(ent) or not must_answer):
                # "do you do corporate events? we have about 40 people", "we want to book.
                # is the chef insured?": the facts or the booking go on, but the question
                # the FAQ cannot answer is not dropped without a word.
                self.say(t.faq_unsure_noted())
            if not must_answer:
                return None
            st.misunderstood = 0
            if st.confirming and not _has_facts(ent):
                # at the summary: a person is offered, and the booking waits for its yes
                # (it went to staff, and the bot's silence lost the booking)
                self.say(t.faq_unsure_noted())
                return await self._advance()
            if _has_facts(ent):
                # "do you come to LA? 90001, 20 adults": the facts answer it. With a day
                # ("can the chef come at 11am on jan 16?") it is a date to check.
                await self._choose_form("availability" if (ent.date or ent.time) else "quote", ent)
                self._merge(ent)
                return await self._advance()
            return await self.escalate("unanswered_question", t.faq_unsure())
        st.misunderstood = 0
        for answer in answers:
            self.say(t.faq_answer(answer))
        # "two of us don't eat meat" is not a guest count: only firm facts go on the form
        # ("we have 90 people" is: the whole party, told as such).
        firm = replace(ent, guests=None) if ent.adults is None and not PARTY_TOTAL.search(text) else ent
        if _has_facts(firm) and not (st.form is None and not NEW_PARTY.search(self.text)
                                     and await self.p.upcoming_bookings()):
            # (a booked customer's "what if it rains on the 12th": the day is the booking's)
            if st.form is None:
                st.form = "quote"
                await self.p.lead_event("lead_created")
            self._merge(firm)
        if st.form:
            return await self._advance()
        return self.finish()

    # ------------------------------------------------------------------ forms
    def _range_asked(self, ent: Entities, today: date) -> DaysAsked | None:
        """A question about open days with no day in it: a whole month ("any dates in
        march?", "saturdays next month?"), the soonest ("what's your next available
        date?") or the soonest after a day ("anything after the 15th?")."""
        text = self.text
        if self.st.expecting == "date" and MONTH_ALONE.match(text):
            text = f"dates in {text.strip(' ?!.')}"  # "january" to "what date?": its open days
        month = find_month(text, today) if DAYS_ASKED.search(text) else None
        if month and ent.date and month[0] <= ent.date <= month[1] and not weekdays_asked(text):
            month = None  # "march 14th or so": a day of the month, read as such
        if month:
            return DaysAsked(month=month)
        if OPEN_WORDS.search(text) and (week := WEEK_ASKED.search(text)):
            # "what dates are open next week", "any openings the week of dec 14": from that
            # week's Monday (it listed this week's days, or the 14th alone)
            start = (ent.date if week["of"] and ent.date else
                     today + timedelta(days=7 - today.weekday()) if week["next"] else None)
            if start is not None and start > today:
                return DaysAsked(after=start - timedelta(days=1))
        if ent.after and ent.after >= today and (ent.date is None or (weekdays_asked(text) and ent.date <= ent.after)):
            # ("any saturdays after the 15th": "saturdays" is no day of its own)
            return DaysAsked(after=ent.after)
        soonest = (bool(SOONEST.search(text) or DATES_OPEN.search(text)) and ent.date is None) or bool(
            NEXT_OPEN_WEEKDAY.search(text)) or (self.st.expecting == "date" and ent.date is None and bool(WHATS_OPEN.search(text)))
        return DaysAsked() if soonest else None

    async def _say_open_days(self, station: Station, asked: DaysAsked) -> None:
        """The days with a chef free: of the month asked about, or the soonest ones (after
        the day named as a bound)."""
        days = weekdays_asked(self.text)  # "any saturdays in march?", "next saturday you have open"
        if month := asked.month:
            res = (await self.p.open_days(station, *month)).only(days)
            self.say(t.month_dates(month, res, days, station.horizon_days))
            await self.p.lead_event("availability_checked", {"month": f"{month[0]:%Y-%m}"})
            self.st.month_asked = month[0].isoformat()
        else:
            today = await self._today()
            first = max(today, asked.after + timedelta(days=1)) if asked.after else today
            res = (await self.p.open_days(station, first, first + timedelta(days=_SOONEST_DAYS))).only(days)
            self.say(t.soonest_dates(res, station.lead_hours, after=asked.after))
            await self.p.lead_event("availability_checked", {"soonest": True})

    async def _open_dates(self, ent: Entities, asked: DaysAsked) -> TurnResult:
        """"any dates in march?", "what's your soonest date?": the days with a chef free,
        from the booking core (the zip's station when known), then the form goes on."""
        st, s = self.st, self.st.slots
        st.misunderstood = 0
        if st.form == "reschedule":  # "what do you have in january?" while moving a party
            if (target := await self._target_booking()) is not None:
                await self._say_open_days(await self.p.station_of(target), asked)
                st.expecting = "date"
                return self.finish()
            st.form = None
        if _has_facts(ent):  # "any saturdays in march for 12 adults?"
            await self._choose_form("inform", ent)
            self._merge(ent)
        station = await self.p.default_station()
        if s.zip:
            with contextlib.suppress(DomainError):
                station = (await self.p.route(s.zip)).station
        await self._say_open_days(station, asked)
        if st.form in ("quote", "booking") and not (st.expecting == "date" and not s.date):
            # (when the date was the question, the open days ask it: not asked twice)
            return await self._advance()
        if st.form in ("quote", "booking"):
            return self.finish()
        # The day they pick next gets its open times, as "are you free on …?" does.
        st.form, st.expecting = "availability", "date"
        return self.finish()

    async def _named_city(self, ent: Entities, intent: str) -> TurnResult | None:
        """A city named instead of a zip ("we're in oakland", "do you service fresno?"):
        the booking core routes each of its zips, so a city we do not serve is said at
        once (not after the whole form), and one we do is answered when asked about and
        named in the zip question. None: the turn goes on."""
        st, s = self.st, self.st.slots
        # ("is there a fee if its in morgan hill instead?", "would it cost more in stockton?":
        # a place's fee asked; it went to a person, or got the FAQ's "send me your zip")
        asked = bool(AREA_QUESTION.search(self.text) or SERVES_PLACE.search(self.text) or (
            QUESTION.search(self.text) and re.search(rf"\b(?:{FEE_WORDS}|cost\s+(?:more|extra))\b", self.text, re.I))
            # "we're in oakland", "i live in folsom": told, answered as if asked (it was
            # "didn't catch that", or "I can only chat in English")
            or LOCATED_IN.search(self.text))
        if not (asked or st.form or st.expecting == "zip" or _has_facts(ent) or intent in BOOKING_INTENTS):
            return None  # "what's the reservation policy for spago in beverly hills": not a party
        found = find_cities(self.text, await self.p.city_names(), whole=st.expecting == "zip")
        if asked and len(found) > 1:  # "do you come to san jose or oakland?": each is answered
            return await self._named_cities(found, ent)
        if len(found) != 1:  # "we're in davis, the party's in san jose and oakland": unclear
            return None
        city = await self.p.route_city(found[0])
        if city is None:
            return None
        st.misunderstood = 0
        if not city.routes:
            self.say(t.city_out_of_area(city.name))
            return await self.escalate("out_of_area", t.escalated("handoff"))
        s.city = city.name
        if asked:
            self.city_answered = True  # the FAQ is not asked the same question
            self.say(t.city_served(city))
            if len(clauses(self.text)) > 1:  # "do you do gluten free? and the travel fee to gilroy"
                await self._side_questions(self._faq_clauses(self.text, ent))
            if not _has_facts(ent):
                if st.form is None:
                    st.form = "quote"  # as "do you come to 94536?" starts the quote
                    await self.p.lead_event("lead_created")
                return await self._advance()
        elif st.expecting == "zip" and not _has_facts(ent):
            # "oakland" when asked for the zip: the question again, with one of its zips
            self.say(t.ask_again("zip", city=city.name, example=city.routes[0].zip))
            return self.finish()
        return None

    async def _named_cities(self, names: list[str], ent: Entities) -> TurnResult | None:
        """Several cities asked about at once: whether we come to each. None of them is the
        party's city yet, so the zip is asked as usual; only when none is served is a
        person asked, as for one city out of area."""
        routed = [c for c in [await self.p.route_city(name) for name in names] if c is not None]
        if not routed:
            return None
        self.st.misunderstood = 0
        self.city_answered = True
        for city in routed:
            self.say(t.city_served(city) if city.routes else t.city_outside(city.name))
        if not any(city.routes for city in routed):
            return await self.escalate("out_of_area", t.escalated("handoff"))
        if _has_facts(ent):
            return None
        if self.st.form is None:
            self.st.form = "quote"
            await self.p.lead_event("lead_created")
        return await self._advance()

    async def _choose_form(self, intent: str, ent: Entities) -> None:
        st = self.st
        before = st.form
        await self._pick_form(intent, ent)
        if st.form == "quote" and before != "quote":
            # A quote request makes a lead at once (DOMAIN.md), even before the price.
            await self.p.lead_event("lead_created")

    async def _pick_form(self, intent: str, ent: Entities) -> None:
        st = self.st
        if intent == "book" and st.form != "booking":
            st.form = "booking"
            await self.p.lead_event("booking_started")
        elif intent == "quote" and st.form != "booking" and ent.date and (ent.time or st.slots.time):
            # "quote for 20 adults … saturday jan 16 6pm": a day and a start time are a
            # party being booked (as "what's the total for … on jan 9 at 6" always was).
            st.form = "booking"
            await self.p.lead_event("booking_started")
        elif intent == "quote" and st.form not in ("booking",):
            st.form = "quote"
        elif intent == "availability" and st.form != "booking":
            st.form = "booking"
        elif st.form is None and _has_facts(ent):
            st.form = "booking" if (ent.date or ent.time or ent.address or ent.name) else "quote"
            if st.form == "booking":
                await self.p.lead_event("booking_started")
        elif st.form in ("quote", "availability") and (
                ent.address or ent.name or ent.phone or ent.time or (st.form == "quote" and ent.date)
                # after the open days: "15 adults 95112" is the party to price and book
                or (st.form == "availability" and (ent.zip or ent.adults is not None or ent.guests is not None))):
            st.form = "booking"
            await self.p.lead_event("booking_started")
        elif st.form in ("cancel", "reschedule"):
            st.form = "booking" if (ent.date or ent.time) else "quote"

    def _merge(self, ent: Entities) -> None:
        s = self.st.slots
        if (s.adults is not None and has_count(ent)
                and (MORE.search(said := self._numbers(self.text)) or FEWER.search(said))):
            # "add 2 more adults", "one less kid" to the party on the form: moved, not replaced
            adults, kids = self._party_after(ent, s.adults, s.kids or 0)
            ent = replace(ent, adults=max(adults or 0, 0), kids=max(kids, 0), guests=None)
        elif (s.adults is not None and ent.kids is not None and ent.adults is None and ent.guests is None
              and OF_THEM.search(self.text) and ent.kids <= s.adults + (s.kids or 0)):
            # "oh wait 2 of them r kids" after "12 adults": 10 adults + 2 kids, not 12 + 2
            ent = replace(ent, adults=s.adults + (s.kids or 0) - ent.kids)
        if (ent.guests is not None and ent.adults is None and ent.kids is None and s.adults is not None
                and s.kids is not None and ent.guests == s.adults + s.kids):
            ent = replace(ent, guests=None)  # "still 12 people" of 12 adults: the same party (kids were asked)
        if has_count(ent):
            self.st.confirming = False
        if ent.guests is not None and ent.adults is None:
            s.guests, s.adults = ent.guests, None
            s.kids = ent.kids
            if s.kids is not None:
                s.adults = s.guests - s.kids
                s.guests = None
        if ent.adults is not None:
            if ent.kids is None and s.kids is None and s.guests is not None and ent.adults <= s.guests:
                # "15 people" then "10 adults" (asked how many are kids): the rest are kids.
                s.kids = s.guests - ent.adults
            s.adults, s.guests = ent.adults, None
            # ("25 adults and a few kids": how many kids is asked, not taken as none)
            s.kids = ent.kids if ent.kids is not None else (
                s.kids if s.kids is not None else None if VAGUE_KIDS.search(self.text) else 0)
        elif ent.kids is not None and s.guests is not None and ent.kids == s.guests and not KID_WORD.search(self.text):
            pass  # "how much would 6 be?" when asked how many of the 6 are kids: the total again
        elif ent.kids is not None:
            s.kids = ent.kids
            if s.guests is not None:
                s.adults, s.guests = s.guests - ent.kids, None
        if has_count(ent):
            if s.adults is not None and s.kids is not None:
                self.noted.append(t.party_label(s.adults, s.kids))
            elif s.guests is not None:
                self.noted.append(f"{s.guests} guests")
        if ent.zip:
            # ("sorry wrong zip its 95123" of 95112: a typo said, a zip of the same area, so the
            # street stays; it was asked again. "wrong zip, it's 95370" is Sonora: asked)
            typo = bool(WRONG_FIELD.search(self.text) or re.search(
                # ("oh wait the zip is actually 95126", "change the zip to 95126": the street stayed
                # asked again)
                r"\b(?:typo|i\s+meant|actually|should\s+(?:be|say)|(?:wrong|right|correct)\s+zip"
                r"|(?:the|my)\s+zip(?:\s+code)?\s+is|change\s+the\s+zip(?:\s+code)?\s+to)\b", self.text, re.I)) \
                and _zips_near(s.zip, ent.zip)
            if s.zip and ent.zip != s.zip and s.address and not ent.address and not SAME_PLACE.search(self.text) and not typo:
                # "the party is at my mom's in 94010": the street told was in the old zip,
                # and a summary that showed it is no longer the one to say yes to ("wait the
                # zip is 95125 not 95112, same address": a typo in the zip, the street kept)
                s.address = None
                self.st.confirming = False
            s.zip = ent.zip
            self.noted.append(f"zip {ent.zip}")
        if ent.date:
            s.date = ent.date.isoformat()
            self.st.confirming = False
            self.when_taken = True
            self.noted.append(t.day_label(ent.date))
        if ent.time:
            s.time = f"{ent.time.hour:02d}:{ent.time.minute:02d}"
            self.when_taken = True
            self.st.confirming = False
            self.noted.append(t.slot_label(s.time))
        if ent.name:
            s.name = ent.name
            self.noted.append(ent.name)
        if ent.phone:
            s.phone = ent.phone
            self.noted.append("your phone number")
        if ent.email:
            s.email = ent.email
            self.noted.append("your email")
        if ent.address:
            s.address = ent.address
            self.st.confirming = False
            self.noted.append("the address")

    async def _prompt_for_current(self) -> Reply | None:
        """The question the form would ask now (for clarify/resume), without side effects."""
        need = self._next_missing()
        if need is None:
            return None
        return t.ask(need, guests=self.st.slots.guests, city=self.st.slots.city)

    def _next_missing(self) -> str | None:
        return next_missing(self.st, self.inp.channel)

    async def _advance(self) -> TurnResult:
        st, s = self.st, self.st.slots
        if st.form == "reschedule":
            # "do u bring the grill?" while a move's new time is asked: the time again
            # (the booking form's steps asserted here and the turn crashed)
            return await self._reschedule_try(Entities())
        if st.form not in ("quote", "booking", "availability"):
            return self.finish()  # a change waiting for its yes keeps waiting
        if self.inp.channel == "sms" and not s.phone and self.inp.sender_phone:
            s.phone = self.inp.sender_phone

        # Guests.
        if s.adults is not None:
            kids = s.kids or 0
            if s.adults < 1 or kids < 0 or s.adults + kids >= 10_000:
                s.adults = s.kids = s.guests = None
                self.say(t.invalid_guests(
                    "A party needs at least one adult." if (s.adults or 0) + kids < 10_000
                    else "That guest count doesn't look right."))
                st.expecting = "guests"
                return self.finish()
        elif s.guests is not None and (s.guests < 1 or s.guests >= 10_000):
            s.guests = None
            self.say(t.invalid_guests("That guest count doesn't look right."))
            st.expecting = "guests"
            return self.finish()

        # Zip → station.
        station: Station | None = None
        if s.zip:
            try:
                r = await self.p.route(s.zip)
                station, _miles = r.station, r.miles
            except UnknownZip:
                bad, s.zip = s.zip, None
                self.say(t.unknown_zip(bad))
                st.expecting = "zip"
                return self.finish()
            except OutOfArea:
                z = s.zip
                self.say(t.out_of_area(z))
                return await self.escalate("out_of_area", t.escalated("handoff"))
            if s.adults is None and (TRAVEL.search(self.text) or AREA_QUESTION.search(self.text)):
                # "how much is the travel fee to 95401?", "do you come to 94536": the fee does
                # not depend on the party, so the quote engine can give it before the guests
                # are known (and it says that we come there).
                q = await self.p.quote(1, 0, s.zip)
                self.say(t.travel_fee(s.zip, q.miles, q.travel_cents, station.free_travel_mi))
        total_guests = (s.adults or 0) + (s.kids or 0) if s.adults is not None else (s.guests or 0)
        limit_station = station or await self.p.default_station()
        if total_guests > limit_station.max_guests:
            self.say(t.party_too_large(total_guests, limit_station.max_guests))
            return await self.escalate("party_too_large", t.escalated("handoff"))

        # Quote as soon as we can (and again when guests or zip change).
        quote: Quote | None = None
        quote_key = f"{s.adults}/{s.kids}/{s.zip}"
        if (
            s.adults is not None and s.kids is not None and s.zip and st.form in ("quote", "booking")
            and (st.form == "quote" or st.quoted_for != quote_key or self._next_missing() is None or self.asked_price)
        ):
            try:
                quote = await self.p.quote(s.adults, s.kids, s.zip)
            except (InvalidGuests, PartyTooLarge) as exc:
                self.say(t.invalid_guests(exc.message))
                s.adults = s.kids = None
                st.expecting = "guests"
                return self.finish()
            st.quoted_for = quote_key
            key = quote.total_cents * 1000 + quote.adults * 10 + quote.kids
            if st.quoted_total != key:
                st.quoted_total = key
                self.say(t.quote(quote, booking=st.form == "booking"))
                # A price asked with a day ("a quote for 30 guests on jan 9"): the price,
                # then that day's open times, as the next step toward booking it.
                self.asked_availability = self.asked_availability or bool(s.date and st.form == "quote")
                await self.p.lead_event(
                    "quote_viewed",
                    {"adults": s.adults, "kids": s.kids, "zip": s.zip, "total_cents": quote.total_cents},
                )
            elif (st.form == "quote" and (not self.out.replies or self.asked_price)
                  and not (s.date and self.asked_availability)):  # else the day's times answer
                # The price did not change (the same request again, the quote button, an
                # "ok"): not silence, but the total it still is and what comes next. A
                # price question the FAQ answered in general still gets their own total.
                self.say(self._offer_booking(quote))
            elif st.form == "booking" and self.asked_price and not self.out.replies and not st.confirming:
                # "wait what was the price again" while the name is asked: the total, then
                # the question again (the price question went unanswered)
                self.say(t.total_explained(quote, confirm=False))
            if st.form == "quote" and not (s.date and self.asked_availability):
                st.expecting = None
                return self.finish()

        # Date and time.
        # "a quote for 12/19 …, what time slots do you have?": the quote, and the day's slots.
        if s.date and (st.form in ("booking", "availability") or (st.form == "quote" and self.asked_availability)):
            checked = f"{s.zip} {s.date} {s.time}"
            if (st.checked != checked or self.asked_availability or not s.time
                    or self._next_missing() is None):
                st_for_date = station or await self.p.default_station()
                res = await self._check_date_time(st_for_date, routed=station is not None)
                if res is not None:
                    return res
                st.checked = checked
            if st.form == "quote":  # the day's slots were the question; the quote form stays
                return self.finish()

        need = self._next_missing()
        if need is not None:
            if need == "time" and station is None:
                need = "zip"
            again = st.expecting == need and not self.out.replies
            st.expecting = need
            if need == "time" and s.date and any(r.kind in LISTS_SLOTS for r in self.out.replies):
                return self.finish()  # availability already listed the slots
            if need == "guests" and s.kids is not None and s.guests is None:
                # "no kids" came first: only the adults are missing, and a bare number is them.
                st.expecting = "adults"
                self.say(t.ask_adults())
            else:
                # "san jose" when asked for the zip: the same question, with an example.
                # "sat dec 12" when asked for the guests: say what was taken, then ask.
                if need == "zip" and (short := SHORT_ZIP.search(self.text)):
                    self.say(t.unknown_zip(short[1]))  # "zip 9511": named, not asked as if unsaid
                elif again and self.noted:
                    self.say(t.noted_then_ask(self.noted, t.ask(need, guests=s.guests, city=s.city)))
                else:
                    self.say(t.ask_again(need, guests=s.guests, city=s.city) if again
                             else t.ask(need, guests=s.guests, city=s.city))
            return self.finish()

        if st.form == "availability":
            st.expecting = "time"
            if not self.out.replies:
                self.say(t.ask("time"))
            return self.finish()

        # Everything known: summary, then confirmation.
        assert quote is not None and s.date and s.time and s.name and s.address
        if s.name or s.phone or s.email:
            try:
                await self.p.update_contact(name=s.name, phone=s.phone, email=s.email)
            except InvalidContact:
                s.phone = None
                st.expecting = "phone"
                self.say(Reply("That phone number doesn't look right. " + t.ask("phone").text, (), "ask_phone"))
                return self.finish()
        st.confirming = True
        st.expecting = "confirm"
        self.say(t.summary(quote, date.fromisoformat(s.date), s.time, s.name, s.address, s.phone, s.email, s.notes))
        return self.finish()

    async def _check_date_time(self, station: Station, *, routed: bool = True) -> TurnResult | None:
        """The day and time against ``station``'s calendar; ``routed`` False: no zip yet,
        so ``station`` is only the default one."""
        st, s = self.st, self.st.slots
        day = date.fromisoformat(s.date)  # type: ignore[arg-type]
        try:
            slots = await self.p.slots(station, day)
        except InvalidDate as exc:
            s.date = None  # keep the time: "fine, dec 12 then" means the same time
            st.expecting = "date"
            soonest = None
            if exc.code == "date_too_soon":  # "anything for tmrw?": when we can come instead
                today = await self._today()
                res = await self.p.open_days(station, today, today + timedelta(days=_SOONEST_DAYS))
                soonest = res.open[0][0] if res.open else None
            self.say(t.date_rule(exc.code, exc.message, soonest=soonest))
            return self.finish()
        free = [x.time for x in slots if x.available]
        await self.p.lead_event("availability_checked", {"date": day.isoformat()})
        if not routed and (s.time not in free if s.time else not free) and await self._free_elsewhere(station, day, s.time):
            # Full at the default kitchen, free at another: which one comes is the zip's
            # (a Sacramento party was told San Jose's day was full).
            st.expecting = "zip"
            self.say(t.busy_at_default(day, s.time))
            return self.finish()
        # Asked, or read from this message ("next friday night" is Friday, Dec 11 at
        # 6 PM): the day and time taken are said back, not first seen in the summary.
        if (self.asked_availability or (self.when_taken and s.time)) and free and (not s.time or s.time in free):
            self.asked_availability = False
            self.say(t.availability(day, free, asked=s.time))
            if not s.time:
                st.expecting = "time"
                return self.finish()
        if s.time:
            if s.time not in station.slots and (bound := time_bound(self.text)):
                # "after 7": the first start after it ("before 5": the last before it)
                later = [x for x in station.slots if (x > s.time if bound == "after" else x < s.time)]
                if later:
                    said, s.time = s.time, later[0] if bound == "after" else later[-1]
                    self.say(t.slot_within(bound, t.slot_label(said), t.slot_label(s.time)))
                    return await self._check_date_time(station)
            if s.time not in station.slots:
                asked, s.time = s.time, None
                st.expecting = "time"
                # ("push it back an hr" from 6 PM: the closest start later than 7 PM, not
                # the 6 PM it had)
                hours = read_move(self.text).hours
                way = hours > 0 if hours else None
                if way is None and (swap := HOUR_SWAP.search(self._numbers(self.text))) is not None:
                    # "can we do 7 instead of 6": later than 6 PM (the closest was the 6 PM held)
                    way = bare_hour(int(swap["h"])) > bare_hour(int(swap["old"]))
                near = t.nearest_starts(asked, free, later=way) if len(free) > 1 else []
                st.offered_time = near[0] if len(near) == 1 else None
                self.say(t.not_a_slot(asked, free, later=way))
                return self.finish()
            if s.time not in free:
                asked_slot, s.time = s.time, None
                if not free and not await self._other_days(station, day, asked_slot):
                    s.date = None
                    st.expecting = "date"
                    self.say(t.day_full(day, await self._open_near(station, day)))
                    return self.finish()
                st.expecting = "time"
                # "dec 3 at noon" 47 hours ahead: too soon, not "all our chefs are booked"
                too_soon = any(x.time == asked_slot and x.reason == "too_soon" for x in slots)
                self.say(t.slot_unavailable(day, asked_slot, free, await self._other_days(station, day, asked_slot),
                                            lead_hours=station.lead_hours if too_soon else None))
                return self.finish()
            return None
        if not free:
            s.date = None
            st.expecting = "date"
            self.say(t.day_full(day, await self._open_near(station, day)))
            return self.finish()
        if (st.form == "booking" and self._next_missing() == "time") or st.form == "availability":
            st.expecting = "time"
            self.say(t.availability(day, free))
            return self.finish()
        return None

    async def _open_near(self, station: Station, day: date) -> list[date]:
        """Up to three open days nearest a full one, in order ("this weekend" full on
        Saturday: Sunday first; it said only "which other date?")."""
        today = await self._today()
        res = await self.p.open_days(station, max(today, day - timedelta(days=7)), day + timedelta(days=7))
        return sorted(sorted((d for d, _ in res.open), key=lambda d: (abs((d - day).days), d < day))[:3])

    async def _other_days(self, station: Station, day: date, slot: str) -> list[tuple[date, str]]:
        out: list[tuple[date, str]] = []
        # (a move is not offered the booking's own day and time)
        held = await self._target_booking() if self.st.target_booking else None
        for delta in (1, -1, 2, -2, 7):
            d = day + timedelta(days=delta)
            if held is not None and (d, slot) == (held.event_date, held.slot):
                continue
            try:
                slots = await self.p.slots(station, d)
            except DomainError:
                continue
            if any(x.time == slot and x.available for x in slots):
                out.append((d, slot))
            if len(out) == 2:
                break
        return sorted(out)

    async def _book(self) -> TurnResult:
        st, s = self.st, self.st.slots
        assert s.adults is not None and s.zip and s.date and s.time and s.address
        r = await self.p.route(s.zip)
        quote = await self.p.quote(s.adults, s.kids or 0, s.zip)
        day = date.fromisoformat(s.date)
        try:
            booking, url = await self.p.create_booking(quote, r.station, day, s.time, s.address,
                                                       "\n".join(s.notes) or None)
        except SlotTaken:
            st.confirming = False
            slot, s.time = s.time, None
            slots = await self.p.slots(r.station, day)
            free = [x.time for x in slots if x.available]
            st.expecting = "time"
            self.say(t.slot_unavailable(day, slot, free, await self._other_days(r.station, day, slot)))
            return self.finish()
        except InvalidDate as exc:
            st.confirming = False
            s.date = s.time = None
            st.expecting = "date"
            self.say(t.date_rule(exc.code, exc.message))
            return self.finish()
        self.say(t.booking_created(day, s.time, booking.deposit_cents, r.station.hold_hours, url))
        # Keep who they are; forget the event so a second booking starts fresh.
        self._fresh_party(Slots(name=s.name, phone=s.phone, email=s.email, email_asked=s.email_asked))
        return self.finish()

    # --------------------------------------------------- cancel / reschedule
    async def _cancel_start(self, ent: Entities) -> TurnResult:
        st = self.st
        bookings = await self.p.upcoming_bookings()
        if not bookings:
            st.form = None
            if UNDO_CANCEL.search(self.text):
                # "wait no i didnt mean to cancel!!" (after it was cancelled): a person,
                # at once, who can put it back; the bot cannot.
                return await self.escalate("cancel_regret", t.escalated("cancel_regret"))
            return await self._no_booking_to_change()
        if CANCEL_TAKEN_BACK.search(self.text):
            # "cancel the 20th. actually no dont": taken back in the same message (the cancel
            # was asked, and a "yes" cancelled it)
            st.form = None
            self.say(t.kept())
            return self.finish()
        if len(bookings) > 1 and CANCEL_ALL.search(self.text):
            return await self._cancel_all_confirm(bookings)
        b = await self._booking_named(bookings)
        if b is None:
            return self._ask_which("cancel", bookings)  # (it was the soonest)
        if len(bookings) == 1 and (said := dates_in(self._numbers(self.text), await self._today())) \
                and b.event_date not in said and b.event_date.weekday() not in weekdays_asked(self.text):
            # "cancel the booking on the 27th" with only a Dec 20 booking: the dates differ,
            # said before the question (it asked about Dec 20 without a word)
            self.say(t.other_day_booked(said[0], b.event_date, b.slot))
        return await self._cancel_confirm(b)

    async def _cancel_all_confirm(self, bookings: Sequence[Booking]) -> TurnResult:
        """"cancel both" / "cancel all my bookings": every one asked back at once, each with
        what happens to its deposit (it asked "which one?", and a "both" was lost)."""
        st = self.st
        items = []
        for b in bookings:
            station = await self.p.station_of(b)
            items.append((b.event_date, b.slot, self._refund_due(b, station), b.status == "deposit_paid",
                          b.deposit_cents, station.free_cancel_days))
        st.form, st.expecting, st.target_booking = "cancel", "confirm", ALL_BOOKINGS
        self.say(t.cancel_all_confirm(items))
        return self.finish()

    def _refund_due(self, b: Booking, station: Station) -> bool:
        """Whether cancelling ``b`` now refunds its deposit (paid, and far enough ahead)."""
        return b.status == "deposit_paid" and (b.starts_at - self.inp.now) >= timedelta(days=station.free_cancel_days)

    async def _cancel_confirm(self, b: Booking) -> TurnResult:
        """"Cancel your booking on …?" with what happens to the deposit."""
        st = self.st
        station = await self.p.station_of(b)
        refund = self._refund_due(b, station)
        if b.status == "deposit_paid" and not refund and DEPOSIT_BACK_WITH_CANCEL.search(self.text):
            # "i need to cancel, my mom is in the hospital. can i get the deposit back?": the
            # policy keeps it, so an exception is a person's call (nothing cancelled yet)
            st.form = st.expecting = st.target_booking = None
            return await self.escalate("refund_request", t.refund_exception(station.free_cancel_days))
        st.form, st.expecting, st.target_booking = "cancel", "confirm", str(b.id)
        self.say(t.cancel_confirm(b.event_date, b.slot, refund, b.status == "deposit_paid", b.deposit_cents, station.free_cancel_days))
        return self.finish()

    async def _cancel_answer(self, intent: str) -> TurnResult:
        st = self.st
        bookings = await self.p.upcoming_bookings()
        named = await self._booking_named(bookings) if len(bookings) > 1 else None
        if named is None and len(bookings) == 2 and st.target_booking != ALL_BOOKINGS \
                and re.search(r"\b(?:the\s+)?other\s+(?:one|party|booking|date)\b", self.text, re.I):
            # "no the other one" to "cancel the one on Dec 12?": the other (it kept both)
            named = next((b for b in bookings if str(b.id) != st.target_booking), None)
        if named is not None and str(named.id) != st.target_booking:
            # "no, the one on the 19th" to the other booking's cancel question
            return await self._cancel_confirm(named)
        if st.expecting == "confirm" and read_move(self.text).cue and not PAST_TENSE.search(self.text) \
                and (held := next((b for b in bookings if str(b.id) == st.target_booking), None)) is not None:
            # "actually wait, can we just move it to january 16 instead": the move, not the
            # cancel (the cancel question came again, and a "yes" cancelled the party)
            st.form = st.expecting = st.target_booking = None
            ent = extract_entities(self.text, now=self.inp.now.astimezone(await self._tz()), expecting=None)
            return await self._reschedule_start(ent, held)
        if intent == "affirm" and st.target_booking == ALL_BOOKINGS:
            done = [(b, *await self.p.cancel(str(b.id))) for b in bookings]
            st.form = st.expecting = st.target_booking = None
            st.just_cancelled = True
            self.say(t.bookings_cancelled([(b.event_date, b.slot, refund, held.deposit_cents)
                                           for b, held, refund in done]))
            return self.finish()
        if intent == "affirm" and st.target_booking:
            booking, refund = await self.p.cancel(st.target_booking)
            st.form = st.expecting = st.target_booking = None
            st.just_cancelled = True
            self.say(t.booking_cancelled(refund, booking.deposit_cents))
            return self.finish()
        if intent == "deny" or NO_AFTER_ALL.match(self.text) or CONFIRM_KEEP.match(self.text) \
                or DONT_CANCEL.match(self.text):
            several = st.target_booking == ALL_BOOKINGS
            st.form = st.expecting = st.target_booking = None
            self.say(t.kept(several=several))
            return self.finish()
        # "will I get my deposit back?": the cancel question, asked again, says so itself
        money = bool(re.search(r"\b(?:refund\w*|deposit|money|charge\w*|get\b.{0,20}\bback)\b", self.text, re.I))
        if await self._while_pending(self.text, note_unsure=not money):
            held = next((b for b in bookings if str(b.id) == st.target_booking), None)
            return await self._cancel_confirm(held) if held is not None else await self._cancel_start(Entities())
        # Neither yes nor no: drop the question and treat the message afresh.
        st.form = st.expecting = None
        return await self._turn()

    async def _booking_named(self, bookings: Sequence[Booking]) -> Booking | None:
        """The booking the message names (bot/booking_ref.py); the only one; None when
        there are several and none is named."""
        if len(bookings) == 1:
            return bookings[0]
        places = [(station.name, station.id) for station in [await self.p.station_of(b) for b in bookings]]
        return booking_named(self.text, bookings, await self._today(), places)

    async def _days_said_of(self, bookings: Sequence[Booking]) -> list[Booking]:
        """The bookings whose day or weekday the message says ("the 12th", "saturday")."""
        return days_said_of(self.text, bookings, await self._today())

    async def _booking_meant(self, bookings: Sequence[Booking]) -> Booking:
        """The booking named, else the soonest."""
        return await self._booking_named(bookings) or bookings[0]

    async def _target_booking(self) -> Booking | None:
        """The upcoming booking a cancel/reschedule/party change is about (None: gone)."""
        return next((b for b in await self.p.upcoming_bookings() if str(b.id) == self.st.target_booking), None)

    def _ask_which(self, change: str, bookings: Sequence[Booking], text: str | None = None) -> TurnResult:
        """Several bookings and a cancel, a move or a guest change that names none: which
        one (it went to the soonest). The message is kept and read again with the booking
        chosen (``change``: "cancel", "move", "party", or "change" for what to change)."""
        st = self.st
        st.form, st.expecting, st.target_booking = None, "which_booking", None
        st.which_text, st.which_for = text or self.text, change
        verb = {"party": "change", "note": "add it to"}.get(change, change)
        self.say(t.which_booking(verb, [(b.event_date, b.slot) for b in bookings]))
        return self.finish()

    async def _which_answer(self) -> TurnResult | None:
        """The answer to "which one should I move/change?": the kept message, read again for
        the booking named. None: no booking named, so the message is read as usual."""
        st = self.st
        text, change = st.which_text, st.which_for
        st.which_text = st.which_for = None
        st.expecting = None
        bookings = await self.p.upcoming_bookings()
        if change == "note" and text is not None and BOTH.search(self.text) and (note := chef_note(text)) is not None:
            # "both of them": the note on each (it was "didn't catch that", and lost)
            for b in bookings:
                held = await self.p.add_note(str(b.id), note)
                self.say(t.note_added(held.event_date, held.slot, note))
            return self.finish()
        if change == "cancel" and len(bookings) > 1 and BOTH.search(self.text):
            return await self._cancel_all_confirm(bookings)  # "both" to "which one should I cancel?"
        chosen = await self._booking_named(bookings) if len(bookings) > 1 else None
        if chosen is None and text is not None and len(bookings) > 1 and YES.match(self.text):
            # "yes" to "which one?": the question again (it was "anything else?", and the
            # change was dropped)
            return self._ask_which(change or "change", bookings, text)
        if chosen is None or text is None:
            return None
        self.text = text
        if change == "cancel":
            return await self._cancel_confirm(chosen)
        if change == "change":
            st.expecting, st.target_booking = "booking_change", str(chosen.id)
            self.say(t.booking_change_ask(chosen.event_date, chosen.slot))
            return self.finish()
        if change == "note" and (note := chef_note(text)) is not None:
            held = await self.p.add_note(str(chosen.id), note)
            self.say(t.note_added(held.event_date, held.slot, note))
            return self.finish()
        # (a count moved in words, as on any turn: "one more couple coming" then "the dec 27
        # one" left the booking as it was)
        ent = extract_entities(text, now=self.inp.now.astimezone(await self._tz()), expecting=None)
        if change == "party" and (added := added_people(text)) is not None:
            ent = _with_added(ent, chosen.adults, chosen.kids, added)  # ("my husband's coming too" then "the 27th")
        else:
            ent = await self._moved_guests(text, ent)
        if change == "move":
            return await self._reschedule_start(ent, chosen)
        return await self._party_start(replace(ent, date=None, time=None), chosen)

    async def _same_as_before(self, text: str, ent: Entities) -> Entities:
        """A new party "same as last time" / "same size" / "same place": the party and the
        place of the customer's booking (the next one, else the last cancelled), where
        neither the message nor the form has them (it was "didn't catch that", and the
        guests and the zip were asked again)."""
        before = SAME_AS_BEFORE.search(text)
        party, place = before or SAME_PARTY.search(text), before or SAME_PLACE.search(text)
        said = party or place
        if said is None or SAME_ASKED.search(text[: said.start()]):
            return ent
        b = next(iter(await self.p.upcoming_bookings()), None) or next(iter(await self.p.cancelled_bookings()), None)
        if b is None:
            return ent
        s = self.st.slots
        if party and not has_count(ent) and s.adults is None and s.guests is None:
            ent = replace(ent, adults=b.adults, kids=b.kids)
        if place and not (ent.zip or ent.address) and not (s.zip or s.address):
            ent = replace(ent, zip=b.zip, address=b.address)
        return ent

    async def _address_city_checked(self, ent: Entities) -> None:
        """An address naming a city the party's zip is not in ("500 Main St, Salinas" with
        95112 quoted): the zip is dropped, to be asked again for that city (a San Jose
        zip, station and travel fee were booked for a Salinas street)."""
        s = self.st.slots
        place = address_city(ent.address or "")
        names = find_cities(place, await self.p.city_names(), whole=True) if place else []
        city = await self.p.route_city(names[0]) if names else None
        if city is None or s.zip in {r.zip for r in city.routes}:
            return
        self.say(t.zip_not_in_city(city.name, s.zip or ""))
        s.zip, s.city, self.st.confirming = None, city.name, False

    async def _place_asked(self, ent: Entities) -> bool:
        """A zip or a city asked about in a question while the party has its own zip ("also
        is 95630 in ur area? my sister might host", "is there a fee if its in morgan hill
        instead?"): whether we come there and its travel fee, from the booking core. The
        quote had moved to the zip asked (and the booking kept it), and a city went to a
        person. False: the message asks about no other place."""
        text, own = self.text, self.st.slots.zip
        if ent.zip and AREA_QUESTION.search(text) and not ADDRESS_CHANGE.search(text) \
                and (ent.zip != own or self.st.expecting not in (None, "zip")):
            # (the party's own zip asked about later in the form, "is there a travel fee to
            # 95112?" at the phone question: answered too; it was "Got it — zip 95112")
            try:
                station = (await self.p.route(ent.zip)).station
                q = await self.p.quote(1, 0, ent.zip)
            except OutOfArea:
                self.say(t.zip_outside(ent.zip))
            except DomainError:
                self.say(t.unknown_zip(ent.zip))
            else:
                self.say(t.travel_fee(ent.zip, q.miles, q.travel_cents, station.free_travel_mi))
            return True
        if ent.zip or ent.address or not PLACE_PRICED.search(text):
            return False
        named = find_cities(text, await self.p.city_names())
        city = await self.p.route_city(named[0]) if len(named) == 1 else None
        if city is None:
            return False
        self.say(t.city_served(city) if city.routes else t.city_outside(city.name))
        return True

    async def _say_nothing_booked(self) -> None:
        """No booking held: one cancelled for a day still ahead is named ("is my booking
        still on?", "can we move it to the 21st" of a cancelled one: said so, not "I
        couldn't find an upcoming booking … another phone number?"), else none is found."""
        gone = await self._cancelled_ahead()
        self.say(t.no_booking_found() if gone is None else t.booking_was_cancelled(gone.event_date, gone.slot))

    async def _cancelled_ahead(self) -> Booking | None:
        """A cancelled booking of this customer for a day still ahead, if any."""
        today = await self._today()
        return next((b for b in await self.p.cancelled_bookings() if b.event_date >= today), None)

    async def _no_booking_to_change(self) -> TurnResult:
        """A cancel or a move with no booking held. Asked as a question ("can i reschedule
        twice", "whats the deadline to reschedule"), it is the policy, from the FAQ, with
        nothing to act on (it was "I couldn't find an upcoming booking" alone). The form
        in progress, if any, stays (a move asked while booking is no reason to drop it)."""
        if (gone := await self._cancelled_ahead()) is not None:
            # ("can we change the party to 3pm" of a cancelled one got the FAQ's reschedule
            # policy)
            self.say(t.booking_was_cancelled(gone.event_date, gone.slot))
            return self.finish()
        answers = await self._faq_answers([self.text]) if QUESTION.search(self.text) else []
        for answer in answers:
            self.say(t.faq_answer(answer))
        if not answers:
            self.say(t.no_booking_found())
        return self.finish()

    async def _reschedule_start(self, ent: Entities, chosen: Booking | None = None) -> TurnResult:
        st = self.st
        self.change_asked = True
        bookings = await self.p.upcoming_bookings()
        if not bookings:
            return await self._no_booking_to_change()
        b = chosen or await self._booking_named(bookings)
        if b is None:
            return self._ask_which("move", bookings)
        if WEEKEND_AFTER.search(self.text):
            # "can we do the weekend after instead", "how about next weekend?" (which is the
            # booked one, read from today): the Saturday after the booked day
            ent = await self._near_the_day(ent, b.event_date)
        moving = without_kept(self.text)
        if ent.date and (ent.date == b.event_date or moving != self.text):
            # "move my dec 19 party to dec 20": the booked day names the party, the other
            # day is where it goes (it was read as no change); "keep the 12th but move the
            # 20th to the 27th": the kept day is neither
            today = await self._today()
            ent = replace(ent, date=next((d for d in dates_in(self._numbers(moving), today) if d != b.event_date), None))
        why = await self.p.can_reschedule(str(b.id))
        if why is not None:
            station = await self.p.station_of(b)
            return await self.escalate("reschedule_refused", t.reschedule_refused(why, station.reschedule_hours))
        st.form, st.target_booking = "reschedule", str(b.id)
        st.slots.date = st.slots.time = None
        said = self._numbers(self.text)
        # ("we'll have 12 people and we want to move it to 3 on the 27th": a count other than
        # the booking's beside the move is a change of the party too; it was dropped)
        # ("nobody else is coming too, just the 10 of us. can we do 3 on the 27th" of 10: no change)
        same = _same_party(ent, b) and not (MORE.search(said) or FEWER.search(said))
        st.then_party = self.text if has_count(ent) and not same and (
            moves_count(said) or _count_in(ent) is not None) else None
        if not ent.time and not INSTEAD_OF_COUNT.search(said) \
                and (hour := MOVE_TO_HOUR.search(said) or HOUR_ON_DAY.search(said)) \
                and int(hour["h"]) not in (ent.adults, ent.kids, ent.guests):
            # "can we move to 9", "push it to 7:30": a start time (9 PM by the bare-hour rule);
            # "add 2 more, and can we push it to 9": beside another clause's count (it was
            # dropped, and the new day asked)
            ent = replace(ent, time=bare_hour(int(hour["h"]), int(hour["m"] or 0)))
        asked = self._range_asked(ent, await self._today())
        if asked:
            # "can we push it to a saturday in january?": where it can go, then the day
            # (one question: the open days end with "Which date works for you?").
            self.say(t.reschedule_ask(b.event_date, b.slot, ask=False))
            await self._say_open_days(await self.p.station_of(b), asked)
            st.expecting = "date"
            return self.finish()
        if not ent.date and (not ent.time or ent.time.strftime("%H:%M") == b.slot or read_move(self.text).days is not None):
            # ("later in the evening" is not 6 PM again; "a week later, 3pm" is both)
            ent = await self._relative_move(ent, b)
        if ent.date or ent.time:
            return await self._reschedule_try(ent)
        st.expecting = "date"
        self.say(t.reschedule_ask(b.event_date, b.slot))
        return self.finish()

    async def _free_elsewhere(self, checked: Station, day: date, slot: str | None) -> bool:
        """Whether a station other than ``checked`` has a chef free that day (at ``slot``)."""
        for other in await self.p.stations():
            if other.id == checked.id:
                continue
            try:
                free = [x.time for x in await self.p.slots(other, day) if x.available]
            except InvalidDate:
                continue
            if (slot in free) if slot else free:
                return True
        return False

    async def _near_the_day(self, ent: Entities, anchor: date) -> Entities:
        """A day said relative to the one being talked about (the form's or the booked
        one): a weekday alone is the one nearest it ("what about sunday" after Sat Dec 12
        is Dec 13, not the next Sunday from today); "the next day" / "the day before" are
        its neighbours."""
        if WEEKEND_AFTER.search(self.text):
            # "how about the weekend after", "what about the next weekend?" of a Dec 12
            # party: Saturday Dec 19 (it was this weekend, or the same day)
            return replace(ent, date=anchor + timedelta(days=(5 - anchor.weekday()) % 7 or 7))
        side = WEEKDAY_SIDE.search(self.text)
        if ent.date and WEEKDAY_NAMED.search(self.text) and (side or not DAY_NAMED.search(self.text)):
            ahead = (ent.date.weekday() - anchor.weekday()) % 7
            near = anchor + timedelta(days=ahead if ahead <= 3 else ahead - 7)
            if side:
                # "the saturday after": the first one after that day, however near
                near = anchor + (timedelta(days=ahead or 7) if (side[1] or "after").lower() == "after"
                                 else -timedelta(days=(7 - ahead) % 7 or 7))
            today = await self._today()
            return replace(ent, date=near) if near >= today else ent
        if ent.date and ent.date.month != anchor.month and (
                day := day_of_month(self.text, anchor.replace(day=1))) is not None and day >= await self._today():
            # "actually the 16th" of a Jan 9 party: Jan 16, the month in play (it was Dec 16,
            # the next 16th from today, booked or moved to without a word)
            return replace(ent, date=day)
        mv = read_move(self.text)
        if not ent.date and mv.neighbour_day is not None and (len(self.text.split()) <= 5 or mv.verb or mv.cue):
            # ("my mom arrives the day before, yay" proposes no day)
            return replace(ent, date=anchor + timedelta(days=mv.neighbour_day))
        if not ent.date and mv.days is not None and (len(self.text.split()) <= 5 or mv.verb):
            # "can we push it a week" at the summary: a week on from the day being booked
            # (it went to a person, and the "yes" after it booked the old day)
            return replace(ent, date=anchor + timedelta(days=mv.days))
        return ent

    async def _what_if_priced(self, text: str, ent: Entities) -> TurnResult | None:
        """"what would it be with 2 more adults?": that party's price from the quote engine,
        the party on the form (or the booked one) kept; it had become the form's party, and
        for a booked party "ok thanks" confirmed the change. None: nothing to price against."""
        st = self.st
        if st.form in ("quote", "booking", "availability") and st.slots.adults is not None and st.slots.zip:
            adults, kids, zip_code, booked = st.slots.adults, st.slots.kids or 0, st.slots.zip, False
        elif not st.form and (bookings := await self.p.upcoming_bookings()):
            held = await self._booking_meant(bookings)
            adults, kids, zip_code, booked = held.adults, held.kids, held.zip, True
        else:
            return None
        try:
            priced = await self.p.quote(*self._what_if_party(text, ent, adults, kids), zip_code)
        except DomainError:
            return None
        self.say(t.what_if_price(priced, t.party_label(adults, kids), booked=booked))
        st.misunderstood = 0
        return self.finish() if booked else await self._advance()

    def _what_if_party(self, text: str, ent: Entities, adults: int, kids: int) -> tuple[int, int]:
        """The party a what-if price asks about: "2 more adults" on top of ``adults`` +
        ``kids``, the counts said ("what would 8 adults cost"), or a head count with the
        kids kept ("how much would 15 be")."""
        if (fewer := WHAT_IF_FEWER.search(self._numbers(text))) is not None:
            # ("what if 2 ppl drop out": 2 fewer adults; it was "a party needs an adult")
            return max(1, adults - int(fewer["n"])), kids
        if (more := SIGNED_COUNT.search(self._numbers(text))) is not None:
            n, to_kids = signed_move(more)
            return (adults, max(0, kids + n)) if to_kids else (max(1, adults + n), kids)
        if ent.guests is not None and ent.adults is None and ent.kids is None:
            return (ent.guests - kids, kids) if ent.guests > kids else (ent.guests, 0)
        return (adults if ent.adults is None else ent.adults), (kids if ent.kids is None else ent.kids)

    async def _free_on(self, day: date, station: Station | None = None) -> list[str]:
        """The starts free on ``day`` at ``station`` (default: the form's, its zip's or
        else the default one); none when the day cannot be booked."""
        if station is None:
            station = await self.p.default_station()
            if self.st.slots.zip:
                with contextlib.suppress(DomainError):
                    station = (await self.p.route(self.st.slots.zip)).station
        try:
            return [x.time for x in await self.p.slots(station, day) if x.available]
        except DomainError:
            return []

    async def _form_said(self, text: str, ent: Entities) -> TurnResult | None:
        """What a message says to the form's question without giving its value: the day
        and start chosen asked back ("what time did i pick again"), a detail said to be
        wrong ("the zip is wrong"), "the earliest" / "anytime" to "what date?", and a start
        wished for but not named ("anytime", "between 5 and 7"). None: none of these."""
        st = self.st
        if st.form == "booking" and st.slots.date and FORM_RECALL.search(text) and not _has_facts(ent):
            # "what time did i pick again": the day and start chosen, then the form's
            # question (it went to a person)
            st.misunderstood = 0
            self.say(t.form_recall(date.fromisoformat(st.slots.date), st.slots.time))
            return await self._advance()
        if (wrong := WRONG_FIELD.search(text)) is not None and not _has_facts(ent):
            # "actually go back, the zip is wrong", "oops wrong zip": that one asked again
            # (it was "didn't catch that", counted toward a hand-off)
            slot = wrong_slot(wrong)
            setattr(st.slots, slot, None)
            st.confirming, st.misunderstood, st.expecting = False, 0, slot
            self.say(t.ask_again_for(slot))
            return self.finish()
        if st.expecting == "date" and not ent.date and (wish := start_wish(text)) is not None \
                and wish.kind in ("first", "any"):
            # "the earliest", "anytime" to "what date?": the soonest open days (it was
            # "didn't catch that", then a person)
            st.misunderstood = 0
            return await self._open_dates(ent, DaysAsked())
        if st.expecting == "time" and st.slots.date \
                and not (ent.time or ent.date) and (wish := start_wish(text)) is not None \
                and (done := await self._start_wished(wish)) is not None:
            return done
        return None

    async def _start_wished(self, wish: StartWish) -> TurnResult | None:
        """"anytime", "the earliest", "morning", "between 5 and 7" to "what time?": the
        day's free starts, one of them taken when the wish names one (each was "didn't
        catch that", and twice went to a person). None: the day has no free start."""
        st, s = self.st, self.st.slots
        day = date.fromisoformat(s.date)  # type: ignore[arg-type]
        if not (free := await self._free_on(day)):
            return None
        st.misunderstood = 0
        if wish.kind == "any" or (wish.kind == "not_late" and len(free) > 1):
            # ("not too late, kids need to sleep": the starts before the last one)
            self.say(t.any_start(day, free if wish.kind == "any" else free[:-1]))
            return self.finish()
        if wish.kind == "not_late":
            wish = StartWish("first")
        if wish.kind == "morning":
            st.offered_time = free[0]  # ("yes" takes it)
            self.say(t.earliest_start(free[0], free))
            return self.finish()
        if wish.kind == "window":
            low, high = f"{wish.low:02d}:00", f"{wish.high:02d}:00"
            inside = [x for x in free if low <= x <= high]
            self.say(t.start_in_window(low, high, inside[0] if inside else None, free))
            if not inside:
                return self.finish()
            s.time = inside[0]
        else:
            s.time = free[0] if wish.kind == "first" else free[-1]
        st.expecting = None
        self.when_taken = True
        return await self._advance()

    async def _start_moved(self, ent: Entities, start: str) -> Entities:
        """"same day but later", "can we start earlier" while a party is being booked: the
        start next to the one chosen (the station's slots)."""
        mv = read_move(self.text)
        if ent.time or ent.date or mv.shift not in ("later", "earlier") or not (mv.start or mv.hours):
            return ent
        hour, minute = (int(x) for x in start.split(":"))
        if mv.hours:
            moved = hour + mv.hours
            return replace(ent, time=time(moved, minute)) if 0 <= moved < 24 else ent
        slots = sorted((await self.p.default_station()).slots)
        j = slots.index(start) + (1 if mv.shift == "later" else -1) if start in slots else -1
        if not 0 <= j < len(slots):
            return ent
        return replace(ent, time=time.fromisoformat(slots[j]))

    async def _relative_move(self, ent: Entities, b: Booking) -> Entities:
        """"push it an hour later", "can we do the day before": the day or start time
        next to the booking's (starts are the station's slots, so "later" is the next one).
        Unchanged when the message names no such move or there is no slot that way."""
        mv = read_move(self.text)
        if mv.shift is None:
            return ent
        hour, minute = (int(x) for x in b.slot.split(":"))
        if mv.days is not None:
            return replace(ent, date=b.event_date + timedelta(days=mv.days), time=ent.time or time(hour, minute))
        if not (mv.start or mv.hours):
            return ent  # ("reschedule, maybe later in the month": no start time named)
        if mv.hours:
            # "an hour later": that hour, said back as no start time if it is none
            # (it was the next slot, three hours on)
            moved = hour + mv.hours
            return replace(ent, time=time(moved, minute)) if 0 <= moved < 24 else ent
        slots = sorted((await self.p.station_of(b)).slots)
        i = slots.index(b.slot) if b.slot in slots else -1
        j = i + (1 if mv.shift == "later" else -1)
        if i < 0 or not 0 <= j < len(slots):
            return ent
        hour, minute = (int(x) for x in slots[j].split(":"))
        return replace(ent, time=time(hour, minute))

    async def _moved_to(self, ent: Entities) -> Entities:
        """"change our party from 6pm to 3pm": the new day and time are the ones after "to"."""
        if (m := FROM_TO.search(self.text)) is not None:
            after = extract_entities(m.group(1), now=self.inp.now.astimezone(await self._tz()))
            if after.date or after.time:
                return replace(ent, date=after.date, time=after.time)
        return ent

    async def _reschedule_try(self, ent: Entities) -> TurnResult:
        st, s = self.st, self.st.slots
        ent = await self._moved_to(ent)
        # ("saturday" when the time is asked for "next weekend": the Saturday of the week
        # already named, not the one nearest the booked day)
        named_before = date.fromisoformat(s.date) if s.date and st.expecting == "time" else None
        if ent.date:
            s.date = ent.date.isoformat()
        if ent.time:
            s.time = f"{ent.time.hour:02d}:{ent.time.minute:02d}"
        target = await self._target_booking()
        if target is None:
            st.form = None
            await self._say_nothing_booked()
            return self.finish()
        if ent.date and DAY_ONLY.search(self.text) and not self.month_day \
                and not MONTH_OR_WEEKDAY.search(MONTH_ONE.sub("", WEEKDAY_ONE.sub("", self.text))):
            # ("move the january one to the 16th": the month names the booking, not the day)
            # "push it to the 28th" of a Dec 21 party means Dec 28, not the next 28th
            # from today: a bare day of the month is read in the booking's month.
            with contextlib.suppress(ValueError):
                s.date = target.event_date.replace(day=ent.date.day).isoformat()
        if ent.date and (WEEKEND_AFTER.search(self.text) or (WEEKDAY_NAMED.search(self.text) and (
                WEEKDAY_SIDE.search(self.text) or not DAY_NAMED.search(self.text)))) \
                and (near := (await self._near_the_day(ent, named_before or target.event_date)).date) is not None:
            # "saturday at 3 instead", "how about sunday": that weekday nearest the booked
            # day (its own Saturday, the Sunday after), not the next one from today; "how
            # about next weekend?" the one after the booked day
            s.date = near.isoformat()
        if not s.time and (SAME_TIME.search(self.text) or (st.expecting == "time" and YES.match(self.text))):
            s.time = target.slot  # ("yes" to "what time?" keeps the booked one)
        if not s.date and ent.time and not ent.date:
            # "change our party from 6pm to 3pm": a new time alone keeps the booked day.
            s.date = target.event_date.isoformat()
        station = await self.p.station_of(target)
        if not s.date:
            st.expecting = "date"
            self.say(t.ask("date"))
            return self.finish()
        saved_form, st.form = st.form, "booking"
        res = await self._check_date_time(station)
        st.form = saved_form
        if res is not None:
            return res
        if not s.time:
            st.expecting = "time"
            # the day said back with its free starts ("next weekend" was asked a bare
            # "what time?", so the day it read was never said)
            free = await self._free_on(date.fromisoformat(s.date), station)
            self.say(t.ask_time_on(date.fromisoformat(s.date), free) if free else t.ask("time"))
            return self.finish()
        if date.fromisoformat(s.date) == target.event_date and s.time == target.slot:
            # "actually can we move it to 6pm" of a 6 PM party: nothing to move; a guest
            # change said with the move still asked ("… my 2 kids are coming as well", then
            # "6 works": the kids were dropped)
            self._end_reschedule()
            self.say(t.reschedule_same(target.event_date, target.slot))
            return await self._then_party(str(target.id))
        # Asked first, as a cancel or a party change is: the move uses the one free change.
        st.expecting = "confirm"
        self.say(t.reschedule_confirm(target.event_date, target.slot, date.fromisoformat(s.date), s.time))
        return self.finish()

    async def _older_kids(self, ent: Entities, ages: list[int]) -> Entities:
        """"3 kids (ages 4, 8, 14)": a kid over the station's kid age pays the adult price,
        so is counted as an adult, and the customer is told. Only when there are no more
        ages than kids (otherwise some ages may be the adults')."""
        max_age = (await self.p.default_station()).kid_max_age
        older = sum(1 for a in ages if a > max_age)
        if not older or ent.kids is None or len(ages) > ent.kids:
            return ent
        self.say(t.older_kids_as_adults(older, max_age))
        # ("oh the kids are 14 and 16 btw": on top of the adults already told, or booked)
        adults = ent.adults if ent.adults is not None else self.st.slots.adults if self.st.form else None
        # "how much for 14 ppl" then "2 kids, ages 4 and 13": the rest of the 14 are adults
        # (they were forgotten: 1 adult + 1 kid was quoted)
        guests = ent.guests if ent.guests is not None else self.st.slots.guests if self.st.form else None
        if adults is None and guests is not None and guests >= ent.kids:
            adults = guests - ent.kids
        if adults is None and not self.st.form and (bookings := await self.p.upcoming_bookings()):
            adults = bookings[0].adults
        return replace(ent, kids=ent.kids - older, adults=(adults or 0) + older)

    async def _while_pending(self, text: str, *, note_unsure: bool = True) -> bool:
        """A question or a "let me check" while a change awaits yes/no: the question is
        answered (or said to be unsure) and the change stays pending, instead of being
        dropped without a word. False: the message is something else."""
        if HOLD_ON.search(text):
            self.say(t.take_your_time())
            return True
        if not QUESTION.search(text):
            return False
        answers = await self._faq_answers([text])
        for answer in answers:
            self.say(t.faq_answer(answer))
        if not answers and note_unsure:
            self.say(t.faq_unsure_noted())
        return True

    def _end_reschedule(self) -> None:
        """The reschedule is done or dropped: its form and the new day and time go."""
        st = self.st
        st.form = st.expecting = st.target_booking = None
        st.slots.date = st.slots.time = None

    async def _reschedule_answer(self, intent: str, ent: Entities) -> TurnResult:
        """The answer to "Move your booking … to …?": yes moves it, no keeps it; anything
        else drops the question and is read afresh."""
        st, s = self.st, self.st.slots
        text = self.text
        target = await self._target_booking()
        if CONFIRM_YES.match(text) or (
                re.search(r"\b(?:yes|yeah|yep|yup|ya|yea|works|perfect|fine|sounds\s+good)\b", text, re.I)
                and not re.search(r"\b(?:no|not|don'?t|nope|nah|but|instead|rather)\b|\?", text, re.I)):
            intent = "affirm"  # "yes move it", "move it", "go ahead", "3 works, yes"
        elif KEEP_AFTER_ALL.search(text) and still_cancels(text):
            # "scratch that, just cancel the party": the move dropped, the cancel asked
            self._end_reschedule()
            st.then_party = None
            return await self._cancel_start(ent)
        elif CONFIRM_KEEP.match(text) or STOP_BOOKING.search(text) or KEEP_AFTER_ALL.search(text):
            intent = "deny"  # "keep it", "I changed my mind", "no actually cancel that"
            if has_count(ent) and moves_count(self._numbers(text)):
                st.then_party = text  # "leave the time, but add 2 kids": the guests next
        elif intent == "deny" and has_count(ent) and not (ent.date or ent.time) and st.then_party is None:
            st.then_party = text  # ("no sorry I meant 9 people" to the move: the party's size next)
        if intent == "deny" or target is None or not (s.date and s.time):
            self._end_reschedule()
            # (a party change still to ask: the day and time stay, not "the booking stays")
            await self._say_nothing_booked() if target is None else self.say(t.kept(when_only=st.then_party is not None))
            return await self._then_party(str(target.id)) if target is not None else self.finish()
        if intent != "affirm":
            if await self._while_pending(text):
                self.say(t.reschedule_confirm(target.event_date, target.slot, date.fromisoformat(s.date), s.time))
                return self.finish()
            if has_count(ent) and not (ent.date or ent.time) and moves_count(self._numbers(text)):
                # "also we have 2 more adults" while the move waits for its yes: the move
                # stays asked and the guests come right after it (the move was dropped)
                st.then_party = text
                self.say(t.reschedule_confirm(target.event_date, target.slot, date.fromisoformat(s.date), s.time,
                                              guests_next=True))
                return self.finish()
            self._end_reschedule()
            st.then_party = None
            return await self._turn()
        station = await self.p.station_of(target)
        try:
            await self.p.reschedule(st.target_booking or "", date.fromisoformat(s.date), s.time)
        except SlotTaken:  # taken since it was asked: another time
            slot, s.time, st.expecting = s.time, None, "time"
            self.say(t.slot_unavailable(date.fromisoformat(s.date), slot, [], []))
            return self.finish()
        except DomainError:
            return await self.escalate("reschedule_refused", t.reschedule_refused("too_late", station.reschedule_hours))
        day, slot = date.fromisoformat(s.date), s.time
        self._end_reschedule()
        self.say(t.booking_rescheduled(day, slot))
        return await self._then_party(str(target.id))

    async def _then_party(self, booking_id: str) -> TurnResult:
        """The party change asked with the move just answered, asked back now (it was
        dropped: "add 3 adults and move it to 3pm" only moved the party), for the booking
        the move was about."""
        st = self.st
        text, st.then_party = st.then_party, None
        booking = next((b for b in await self.p.upcoming_bookings() if str(b.id) == booking_id), None)
        if text is None or booking is None:
            return self.finish()
        self.text = text
        if len(held := await self.p.upcoming_bookings()) > 1 and (named := await self._booking_named(held)) is not None:
            # "move the jan one …" then "and the dec one make it 12 adults": the one named
            # (the change went to the booking just moved)
            booking = named
        # (read as the turn read it: "2 people cant come anymore" is a count moved only
        # against the party held, and the move's form is closed now)
        ent = extract_entities(text, now=self.inp.now.astimezone(await self._tz()))
        if (added := added_people(text)) is not None:
            # ("my sister is coming too, and also the 27th at 3 would be better"; "my in laws
            # are coming too, 4 of them. also 9 would be better": 14, it was 4)
            ent = _with_added(ent, booking.adults, booking.kids, added)
        else:
            ent = await self._moved_guests(text, ent)
        return await self._party_start(replace(ent, date=None, time=None), booking)

    # ------------------------------------------------------- guest count change
    async def _party_start(self, ent: Entities, b: Booking) -> TurnResult:
        self.change_asked = True
        why = await self.p.can_change_party(str(b.id))
        if why is not None:
            station = await self.p.station_of(b)
            return await self.escalate("party_change_refused", t.party_change_refused(why, station.lead_hours))
        self.st.form, self.st.target_booking = "party", str(b.id)
        return await self._party_try(ent, b)

    async def _read_against_held(self, text: str, ent: Entities, now_local: datetime) -> Entities:
        """What the message says, read against what is known: the party, the name given, the
        bookings held."""
        st = self.st
        if ent.time is not None and not st.form and (start_said := start_named(text)) is not None \
                and any(b.slot == start_said[0] for b in await self.p.upcoming_bookings()):
            # "drop 3 ppl from the 3pm one": a booking named, no new start ("move the 3pm one
            # to 6pm": the other time said)
            (a, z) = start_said[1]
            ent = replace(ent, time=extract_entities(text[:a] + " " * (z - a) + text[z:], now=now_local,
                                                     expecting=st.expecting).time)
        if has_count(ent) and names_the_couple(text) and not re.search(r"\d", self._numbers(text)) \
                and not PARTY_SAID_ANEW.search(text) \
                and ((st.form and st.slots.adults is not None) or (not st.form and await self.p.upcoming_bookings())):
            # "me and my wife will be there at 5 to help set up" once a party is known: who,
            # not how many (a booked party of 10 was offered a new party of 2)
            ent = replace(ent, adults=None, kids=None, guests=None)
        if st.expecting == "address" and ent.address and ent.name and st.slots.name \
                and ent.name.lower() != st.slots.name.lower() and not (ent.phone or ent.email):
            # "Acme Corp, 100 W San Carlos St" once the name is given: where, not who (the
            # company replaced the customer's name)
            ent = replace(ent, address=f"{ent.name}, {ent.address}", name=None)
        return ent

    async def _party_known(self) -> tuple[int, int] | None:
        """(adults, kids) of the party being quoted or booked, or of the one booking held;
        None if there is none, or several."""
        st = self.st
        if st.form in ("quote", "booking", "availability"):
            return (st.slots.adults, st.slots.kids or 0) if st.slots.adults is not None else None
        if not st.form and len(booked := await self.p.upcoming_bookings()) == 1:
            return booked[0].adults, booked[0].kids
        return None

    def _new_party(self, ent: Entities, b: Booking) -> tuple[int | None, int]:
        """The party after this message: counts said outright replace the booking's
        ("12 adults"; kids unsaid stay as booked), "2 more kids" / "2 fewer adults" move
        them. (None, _) when it is not clear ("we'll be 14 now" with kids booked). A
        change already asked back counts as the party ("yes and 1 more kid")."""
        st = self.st
        pending = st.expecting == "confirm" and st.slots.adults is not None
        adults, kids = (st.slots.adults, st.slots.kids or 0) if pending else (b.adults, b.kids)
        assert adults is not None
        if pending and (fixed := self._delta_fixed(ent, b, adults, kids)) is not None:
            return fixed
        return self._party_after(ent, adults, kids)

    def _delta_fixed(self, ent: Entities, b: Booking, adults: int, kids: int) -> tuple[int, int] | None:
        """A change of one group asked back ("add 2 adults" → 12 + 2?) and corrected:
        "actually make that 3" / "no, 3 adults" is 3 more, not 3 in all (fewer than are
        booked); "also 1 kid" adds the kid. None: read the message as usual."""
        da, dk = adults - b.adults, kids - b.kids
        said = self._numbers(self.text)
        signed = list(SIGNED_COUNT.finditer(said))
        if len(signed) == 1 and re.match(r"^\W*(?:no+|nah|nope|sorry|actually|oops|wait)\b", said, re.I):
            # "add 2 adults" → "12 adults?" → "no add 3": 3 instead of the 2 (it was 15)
            moved, of_kids = signed_move(signed[0])
            if of_kids:
                if dk and not da and (dk > 0) == (moved > 0):
                    return b.adults, b.kids + moved
            elif da and not dk and (da > 0) == (moved > 0):
                return b.adults + moved, b.kids
        if (da == 0) != (dk == 0) and re.search(r"\b(?:also|and|plus)\b", said, re.I):
            if da and ent.kids is not None and ent.adults is None:
                return adults, kids + ent.kids  # "yeah but also 1 kid"
            if dk and ent.adults is not None and ent.kids is None:
                return adults + ent.adults, kids
        if ((da == 0) == (dk == 0) or SIGNED_COUNT.search(said) or NEW_TOTAL.search(said)
                or (ent.adults is not None and ent.kids is not None)  # "yes 9 adults and 2 kids": the party
                or re.search(r"\b(?:total|in\s+all|altogether|all\s+together)\b|^\W*(?:yes|yeah|yep|yup|correct|right)\b",
                             said, re.I)):
            return None
        n = ent.adults if da else ent.kids
        if n is None and ent.guests is not None and (ent.kids if da else ent.adults) is None:
            n = ent.guests  # a bare number
        booked, pending = (b.adults, adults) if da else (b.kids, kids)
        sign = 1 if (da or dk) > 0 else -1
        if n is None or n >= max(booked, 5) or n == pending or (sign < 0 and ent.guests is None):
            # (the count asked back said again; "remove 2 adults" → "no sorry, 9 adults": 9 in all)
            return None
        return (b.adults + sign * n, b.kids) if da else (b.adults, b.kids + sign * n)

    def _same_move_again(self, b: Booking) -> bool:
        """The message is the one signed move the change asked back already makes ("add 2"
        again while "12 adults?" waits for a yes)."""
        signed = list(SIGNED_COUNT.finditer(self._numbers(self.text)))
        if len(signed) != 1:
            return False
        n, kids = signed_move(signed[0])
        da, dk = (self.st.slots.adults or 0) - b.adults, (self.st.slots.kids or 0) - b.kids
        return (dk, da) == (n, 0) if kids else (da, dk) == (n, 0)

    def _party_after(self, ent: Entities, adults: int, kids: int) -> tuple[int | None, int]:
        """``_new_party`` from a given party (a booking's, or the form's)."""
        said = self._numbers(self.text)  # "one more adult" as "1 more adult"
        if (moved := groups_changed(said)) is not None:
            # ("can we do 2 kids instead of 2 adults" of 10 + 2: 8 + 4; it went to a person)
            if kids and GUESTS_ARE_KIDS.search(said):
                return None, kids  # ("3 of our guests are kids" of 10 + 2: 3 in all, or 3 more? asked)
            return adults + moved[0], kids + moved[1]
        if NO_KIDS.search(said) and ent.adults is None and ent.guests is None:
            return adults, 0
        signed = list(SIGNED_COUNT.finditer(said))
        if len(signed) == 1 and re.search(r"\b(?:still|already)\b", said, re.I):
            # "we're still 10 adults, but add 1 more kid": the other group as said, this one moved
            n, of_kids = signed_move(signed[0])
            if of_kids:
                return (ent.adults if ent.adults is not None else adults), kids + n
            return adults + n, (ent.kids if ent.kids is not None else kids)
        if len(signed) >= 2 and not NEW_TOTAL.search(said):
            # "2 more adults and one less kid": each group by its own direction; the same
            # move said twice once ("a couple more friends r coming, add 2": 2, not 4)
            seen: set[tuple[int, bool]] = set()
            for m in signed:
                if (move := signed_move(m)) in seen:
                    continue
                seen.add(move)
                n, of_kids = move
                if of_kids:
                    kids += n
                else:
                    adults += n
            return adults, kids
        sign = 1 if MORE.search(said) else -1 if FEWER.search(said) else 0
        if sign and not (signed or GUEST_VERB_DELTA.search(said)):
            sign = 0  # "don't cancel, we'll have fewer people though - 8 adults": a total
        if not sign and self.st.party_more and has_count(ent) and not NEW_TOTAL.search(said):
            sign = self.st.party_more  # "4" to "how many more are coming?": 4 more
        if sign > 0 and (total := NEW_TOTAL.search(said)) is not None and _count_in(ent) == (
                joining := int(re.findall(r"\d+", total[0])[-1])) < adults + kids:
            # "my sister is coming too, thats 3 people with her kids" of 10: fewer than are
            # booked, so the ones coming, not the new total (it was a party of 3). (Their
            # split is not asked: "how many adults and kids?" is answered with theirs.)
            return adults + joining, kids
        if sign and (total := NEW_TOTAL.search(said)) is not None and _count_in(ent) != (n := int(re.findall(r"\d+", total[0])[-1])):
            # "we lost 2 guests so 8 now": the total said (it was 2 adults); with kids booked
            # the split is asked
            return (n, 0) if not kids else (None, kids)
        if sign and not NEW_TOTAL.search(said):  # ("2 cancelled so 18 adults": the 18)
            add_adults = ent.adults if ent.adults is not None else (ent.guests or 0) if ent.kids is None else 0
            return adults + sign * add_adults, kids + sign * (ent.kids or 0)
        if ent.adults is not None:
            return ent.adults, ent.kids if ent.kids is not None else kids
        if ent.kids is not None:
            return adults, ent.kids
        if ent.guests is not None and kids == 0:
            return ent.guests, 0
        return None, kids

    async def _party_try(self, ent: Entities, b: Booking) -> TurnResult:
        st = self.st
        adults, kids = self._new_party(ent, b)
        if adults is None and not ent.guests:
            st.expecting = "guests"
            self.say(t.party_change_ask(b.event_date, b.slot, b.adults, b.kids, st.party_more))
            return self.finish()
        try:
            # ("we're now 65 ppl": too many however it splits, so not asked how)
            quote = await self.p.quote(ent.guests or 0, 0, b.zip) if adults is None else await self.p.quote(adults, kids, b.zip)
        except PartyTooLarge as exc:
            self._party_done()
            self.say(t.party_too_large(exc.guests, exc.limit))
            return await self.escalate("party_too_large", t.escalated("handoff"))
        except InvalidGuests as exc:
            st.expecting = "guests"
            self.say(t.invalid_guests(exc.message))
            return self.finish()
        if adults is None:
            st.expecting = "guests"  # ("we'll be 14 now" with kids booked: how many of each)
            self.say(t.party_change_ask(b.event_date, b.slot, b.adults, b.kids))
            return self.finish()
        if (quote.adults, quote.kids) == (b.adults, b.kids):
            asked_back = st.expecting in ("guests", "confirm")
            self._party_done()
            if not asked_back and (QUESTION.search(self.text) or question_clauses(self.text)):
                # "do you bring enough food for 12 ppl or should we order extra": the
                # booked count in a question changes nothing; the question is the FAQ's
                return await self._no_change(ent)
            self.say(t.kept())
            return self.finish()
        st.slots.adults, st.slots.kids = quote.adults, quote.kids
        st.expecting = "confirm"
        st.party_more = 0  # (the count is asked back: a number now corrects that)
        self.say(t.party_change_confirm(b.event_date, b.slot, quote, b.total_cents))
        return self.finish()

    async def _party_answer(self, intent: str, ent: Entities) -> TurnResult:
        st = self.st
        b = await self._target_booking()
        if b is None:
            self._party_done()
            await self._say_nothing_booked()
            return self.finish()
        if st.expecting == "confirm" and st.slots.adults is not None and self._same_move_again(b):
            # "add 2" said again while "12 adults?" waits: the same question, not 14
            self.say(t.party_change_confirm(b.event_date, b.slot, await self.p.quote(
                st.slots.adults, st.slots.kids or 0, b.zip), b.total_cents))
            return self.finish()
        if has_count(ent):
            if not (st.expecting == "confirm" and YES.match(self.text) and st.slots.adults is not None
                    and self._new_party(ent, b) == (st.slots.adults, st.slots.kids or 0)):
                return await self._party_try(ent, b)
            intent = "affirm"  # "yes, 8 adults" to "change it to 8 adults + 2 kids?"
        nums = re.findall(r"(?<![$\d.,])\b\d{1,3}\b(?![.,]?\d|\s*(?:dollars|bucks|%))", self._numbers(self.text))
        if len(nums) == 2 and (not_that := re.search(r"\b(\d{1,3})\s*,?\s+not\s+(\d{1,3})\b", self._numbers(self.text))):
            nums = [not_that[1]]  # "sorry 13 not 14"
        bare = (int(nums[0]) if st.expecting == "confirm" and len(nums) == 1 and not (ent.date or ent.time)
                and not QUESTION.search(self.text) else None)
        group = re.match(r"^\W*(?:the\s+)?(?:(?P<a>adults?|grown\s*ups?)|kids?|children)\W*$", self.text, re.I)
        if group and st.expecting == "confirm" and st.slots.adults is not None:
            # "add 2 more" → "12 adults + 2 kids?" → "kids": the group the bot guessed, or the other
            da, dk = st.slots.adults - b.adults, (st.slots.kids or 0) - b.kids
            if bool(group["a"]) == bool(da):
                intent = "affirm"
            elif da or dk:
                return await self._party_try(replace(ent, adults=b.adults + dk, kids=b.kids + da), b)
        if bare is not None and st.slots.adults is not None and (bare == st.slots.adults or (
                bare == st.slots.adults + (st.slots.kids or 0) and bare != b.adults)):
            intent = "affirm"  # "add 2 adults" … "12 is good": the change asked back
        if st.expecting == "confirm" and intent == "affirm" and st.slots.adults is not None:
            station = await self.p.station_of(b)
            quote = await self.p.quote(st.slots.adults, st.slots.kids or 0, b.zip)
            self._party_done()
            try:
                await self.p.change_party(str(b.id), quote)
            except DomainError:
                why = await self.p.can_change_party(str(b.id)) or "not_active"
                return await self.escalate("party_change_refused", t.party_change_refused(why, station.lead_hours))
            self.say(t.party_changed(quote))
            return self.finish()
        if (intent == "deny" or (st.expecting == "confirm" and (
                CONFIRM_KEEP.match(self.text) or NO_AFTER_ALL.match(self.text)
                or (KEEP_AFTER_ALL.search(self.text) and not has_count(ent))))) \
                and (bare is None or bare in (b.adults, b.adults + b.kids)):
            # ("no wait 13" to "change it to 14?" is 13, not a no)
            self._party_done()
            self.say(t.kept())
            return self.finish()
        if bare is not None:
            # "actually 12 is fine" to "change it to 14?": a bare number is the party's size
            n = bare
            if n in (b.adults, b.adults + b.kids):
                self._party_done()
                self.say(t.kept())
                return self.finish()
            if st.expecting == "confirm" and st.slots.adults not in (None, b.adults) and (st.slots.kids or 0) == b.kids \
                    and b.kids and abs(n - st.slots.adults) < abs(n - abs(st.slots.adults - b.adults)) \
                    and not re.search(r"\b(?:total|in\s+all|all\s+together|altogether|people|ppl|guests|of\s+us)\b", self.text, re.I):
                # "we'll have 12 adults" → "12 adults + 2 kids?" → "no, 13": 13 adults, the
                # group just changed (it asked the split again, and a yes kept nothing); a
                # number nearer the change than the count corrects the change ("2 more
                # adults" → "actually make that 3": 3 more, ``_delta_fixed``)
                return await self._party_try(replace(ent, adults=n, kids=b.kids), b)
            return await self._party_try(replace(ent, guests=n), b)
        if st.expecting == "confirm" and await self._while_pending(self.text):
            self.say(t.change_still_pending())
            return self.finish()
        # Neither a count nor yes/no: drop the change and read the message afresh.
        asked = self._party_asked()
        self._party_done()
        done = await self._turn()
        self._party_after_move(asked, str(b.id))
        return done

    def _party_asked(self) -> str | None:
        """The party change waiting for its yes, said as counts ("8 adults and 0 kids")."""
        st = self.st
        if st.form == "party" and st.expecting == "confirm" and st.slots.adults is not None:
            return f"{st.slots.adults} adults and {st.slots.kids or 0} kids"
        return None

    def _party_after_move(self, asked: str | None, booking_id: str) -> None:
        """"8 instead of 10?" … "and move it to 3": the party change that was waiting comes
        back once the move is answered (it was dropped)."""
        st = self.st
        if asked is not None and st.form == "reschedule" and st.target_booking == booking_id and st.then_party is None:
            st.then_party = asked

    def _party_done(self) -> None:
        st = self.st
        st.party_more = 0
        st.form = st.expecting = st.target_booking = None
        st.slots.adults = st.slots.kids = st.slots.guests = None

    async def _status(self, ent: Entities) -> TurnResult:
        bookings = await self.p.upcoming_bookings()
        if not bookings and MY_TOTAL.search(self.text) and (quote := await self._standing_quote()):
            if self.st.form == "booking":
                # "what was the total again" while booking: the total, then the form's
                # question (it offered to "check a date" with the date chosen)
                self.say(t.total_explained(quote, confirm=False))
                return await self._advance()
            self.say(self._offer_booking(quote))  # no booking yet: the quote's total
            return self.finish()
        if not bookings and BALANCE_ASKED.search(self.text) and await self._cancelled_ahead() is None \
                and (answers := await self._faq_answers([self.text])):
            # "whats the balance due on the day?" with nothing booked: the policy (it was "I
            # couldn't find an upcoming booking")
            for answer in answers:
                self.say(t.faq_answer(answer))
            return self.finish()
        if not bookings:
            await self._say_nothing_booked()
            return self.finish()
        contact_asked = bool(CONTACT_ASKED.search(self.text))
        if contact_asked and not (STATUS.search(self.text) or MY_TOTAL.search(self.text)):
            # "whats the phone number u have on file" alone: the contact, not every booking first
            self.say(t.contact_on_file(*await self.p.contact_on_file()))
            return self.finish()
        if len(bookings) > 1 and (named := await self._booking_named(bookings)) is not None:
            bookings = [named]  # "what do i still owe for the january party": that one
        for b in bookings[:3]:
            # (the zip beside the street: "whats the zip on my booking" started a second party)
            where = b.address if b.zip in b.address else f"{b.address} ({b.zip})"
            self.say(t.booking_status(b.event_date, b.slot, b.status, b.total_cents, b.deposit_cents,
                                      b.checkout_url, t.party_label(b.adults, b.kids), where))
        if len(bookings) > 1 and MY_TOTAL.search(self.text):
            # "how much do i owe in total" with two parties: the sum (each was told alone)
            held = [b for b in bookings if b.status in ("pending_deposit", "deposit_paid")]
            self.say(t.owed_in_all(sum(b.deposit_cents for b in held if b.status == "pending_deposit"),
                                   sum(b.total_cents - b.deposit_cents for b in held)))
        if contact_asked:  # (beside the status or the total asked with it)
            self.say(t.contact_on_file(*await self.p.contact_on_file()))
        if CHEF_ARRIVAL.search(self.text):
            # when the chef arrives, asked alone ("whats the plan for sunday? what time does
            # chef get here": the whole text matched no FAQ entry)
            arrival = [q for q in question_clauses(self.text) if CHEF_ARRIVAL.search(q)]
            await self._side_questions(arrival or [self.text], note_unsure=False)
        elif len(question_clauses(self.text)) > 1:
            # "when is my party and how much do i owe? also do you bring plates?": the
            # other questions too (the status answers its own)
            others = [q for q in self._faq_clauses(self.text, ent)
                      if not (STATUS.search(q) or MY_TOTAL.search(q) or STATUS_ASKED.search(q))]
            await self._side_questions(others)
        owing = [b for b in bookings[:3] if b.status == "pending_deposit"]
        if owing and (PAY_BROKEN.search(self.text) or (
                PAY_ASKED.search(self.text) and not all(b.checkout_url for b in owing))):
            # "the payment link doesnt open", "never got the link" with none to send: a
            # person helps before the hold runs out (it was the status alone, a dead end;
            # a link that exists is in the status)
            # ("i paid but it still says pending": the payment checked, not help to pay)
            why = "payment_check" if PAID_NOT_SEEN.search(self.text) else "payment_help"
            return await self.escalate(why, t.escalated(why))
        said = self._numbers(self.text)
        if len(bookings) == 1 and has_count(ent) and ent.date in (None, bookings[0].event_date) and not (ent.time or ent.zip) \
                and (moves_count(said) or NEW_TOTAL.search(said)) and not NOT_NOW.search(self.text):
            # "r we still on for sat? we'll have 12 ppl now not 10": the status, then the
            # change asked back (it was the status alone, the change lost)
            return await self._party_start(ent, bookings[0])
        return self.finish()


def _forget(s: Slots, field: str) -> None:
    """Clear a detail so the form asks for it again."""
    if field == "guests":
        s.adults = s.kids = s.guests = None
    elif field in ("kids", "adults"):
        setattr(s, field, None)
        s.guests = None
    elif field == "email":
        s.email, s.email_asked = None, False
    elif field == "zip":
        # The street was told for the old zip (as when a new zip is said outright): kept,
        # a San Jose street was booked in Sonora's zip with its travel fee.
        s.zip = s.address = None
    else:
        setattr(s, field, None)


def _only_a_day(ent: Entities) -> bool:
    """A date or time, and no guest count, zip, address or contact beside it."""
    rest = (ent.adults, ent.kids, ent.guests, ent.zip, ent.address, ent.phone, ent.email, ent.name)
    return (ent.date is not None or ent.time is not None) and all(v is None for v in rest)


def _with_added(ent: Entities, adults: int, kids: int, added: tuple[int, int]) -> Entities:
    """The party (adults, kids) with the relatives named as joining (``added_people``)."""
    return replace(ent, adults=adults + added[0], kids=kids + added[1], guests=None)


_OFFER_BUTTON = re.compile(r"^(?P<mon>[A-Z][a-z]{2}) (?P<d>\d{1,2}) at (?P<h>\d{1,2})(?::(?P<m>\d\d))? (?P<ampm>AM|PM)$")


def _offered_start(buttons: Sequence[str], day: date) -> time | None:
    """The start of the one offer button for ``day`` ("Dec 13 at 6 PM"), if there is one."""
    starts = []
    for label in buttons:
        if (m := _OFFER_BUTTON.match(label)) and m["mon"] == f"{day:%b}" and int(m["d"]) == day.day:
            hour = int(m["h"]) % 12 + (12 if m["ampm"] == "PM" else 0)
            starts.append(time(hour, int(m["m"] or 0)))
    return starts[0] if len(starts) == 1 else None


def _only_a_size(n: int, starts: Sequence[str]) -> bool:
    """A bare "can we do N" that can only be the party's size: over 12, or 10-12 and no
    start of the station (a bare 1-9 may be a PM start meant: asked)."""
    return n > 12 or (n >= 10 and bare_hour(n).strftime("%H:%M") not in starts)


def _number_fixed(text: str, address: str | None, phone: str | None) -> tuple[str | None, str | None] | None:
    """(address, phone) with the number a correction names put right: "its 1310 not 1300"
    of "1300 park ave", "phone should end in 0199"; None when the message is no such fix."""
    if address and (street := STREET_NUMBER_FIXED.match(text)) is not None \
            and re.match(rf"{street['old']}\b", address):
        return street["new"] + address[len(street["old"]):], phone
    if phone and (ending := PHONE_ENDING.search(text)) is not None and len(phone) > len(ending["d"]):
        return address, phone[: -len(ending["d"])] + ending["d"]
    return None


def _zips_near(a: str | None, b: str) -> bool:
    """Two zips of one area (centroids within 10 miles): a typo in the zip, not a move."""
    here, there = (zip_centroid(a) if a else None), zip_centroid(b)
    return here is not None and there is not None and haversine_mi(here, there) <= 10


def _same_party(ent: Entities, b: Booking) -> bool:
    """The count said is the booking's party as it is ("the 10 of us"; "25 adults" of 20
    adults and 5 kids is not)."""
    if ent.adults is not None:
        return ent.adults == b.adults and ent.kids in (None, b.kids)
    if ent.guests is not None:
        return ent.guests == b.adults + b.kids and ent.kids in (None, b.kids)
    return ent.kids is not None and ent.kids == b.kids


def _count_in(ent: Entities) -> int | None:
    """The one count the message says, if it says one."""
    return ent.guests if ent.guests is not None else ent.adults if ent.kids is None else None


def _restates_summary(ent: Entities, slots: Slots) -> bool:
    """The facts said are the summary's own ("yes 10 adults is right"), and some are said."""
    # (the slots hold the day and start as text: "2026-12-19", "18:00")
    said = {"adults": ent.adults, "kids": ent.kids, "date": ent.date and ent.date.isoformat(),
            "time": ent.time and ent.time.strftime("%H:%M"), "zip": ent.zip}
    held = {"adults": slots.adults, "kids": slots.kids, "date": slots.date, "time": slots.time, "zip": slots.zip}
    if ent.address and not (slots.address and slots.address.lower().startswith(ent.address.lower())):
        return False  # ("yes 1 oak st" of "1 oak st san jose": as shown; it cut the address)
    if not (any(v is not None for v in said.values()) or ent.guests is not None or ent.address) \
            or ent.phone or ent.email or ent.name:
        return False  # ("yep 10 ppl": the party as shown)
    if ent.guests is not None and ent.guests != (slots.adults or 0) + (slots.kids or 0):
        return False
    return all(v is None or v == held[k] or (k == "kids" and v == 0 and not held[k]) for k, v in said.items())


def _has_facts(ent: Entities) -> bool:
    return any(
        v is not None
        for v in (ent.adults, ent.kids, ent.guests, ent.zip, ent.date, ent.time, ent.name, ent.phone, ent.email, ent.address)
    )


async def handle(ports: Ports, state: DialogueState, inp: TurnInput) -> TurnResult:
    """Decide the replies to one message; mutates `state`."""
    return await Engine(ports, state, inp).run()


__all__ = ["TurnResult", "handle", "next_missing", "resume_prompt"]
