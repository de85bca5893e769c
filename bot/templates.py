"""Every reply the bot can give, in one place. Each has a stable `kind`."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, timedelta

from channels.base import Reply
from core.models import Station
from core.money import fmt_cents
from core.pricing import Quote
from core.services.availability import OpenDays
from core.services.stations import CityRoute

# Button labels the engine recognises by exact text (any channel; SMS numbers them).
B_QUOTE = "Get a quote"
B_BOOK = "Book a date"
B_QUESTION = "Ask a question"
B_BOOK_IT = "Book it"
B_CONFIRM = "Yes, book it"
B_CHANGE = "Change something"
B_PERSON = "Talk to a person"
B_SKIP = "Skip"
B_YES_CANCEL = "Yes, cancel it"
B_KEEP = "No, keep it"
B_YES_CANCEL_ALL = "Yes, cancel them"
B_KEEP_ALL = "No, keep them"
B_YES_CHANGE = "Yes, change it"
B_YES_MOVE = "Yes, move it"
B_CHANGE_DAY = "Date or time"
B_CHANGE_GUESTS = "Guests"
B_CHANGE_ADDRESS = "Address"


def slot_label(hhmm: str) -> str:
    """'18:00' -> '6 PM', '12:00' -> '12 PM' (noon)."""
    hh, mm = (int(p) for p in hhmm.split(":"))
    suffix = "AM" if hh < 12 else "PM"
    h12 = hh % 12 or 12
    return f"{h12} {suffix}" if mm == 0 else f"{h12}:{mm:02d} {suffix}"


def day_label(d: date) -> str:
    return f"{d:%A}, {d:%b} {d.day}"


def greeting(business: str, first_name: str | None = None) -> Reply:
    """Hello and what we do; ``first_name``: a first message that was only the customer's
    name (kept for the booking)."""
    hello = f"Nice to meet you, {first_name}!" if first_name else "Hi!"
    return Reply(
        f"{hello} I'm the booking assistant for {business} — a hibachi chef who cooks at your "
        "place. I can give you a price, check dates and book your party.",
        (B_QUOTE, B_BOOK, B_QUESTION),
        "greeting",
    )


def ask(slot: str, *, guests: int | None = None, buttons: Sequence[str] = (), city: str | None = None) -> Reply:
    """The form's question for ``slot``; ``city``: the city the customer named, which the
    zip question then names ("What's the zip code of the party in Oakland?")."""
    texts = {
        "guests": "How many guests — how many adults, and how many kids (12 and under)?",
        "kids": f"Of the {guests} guests, how many are kids 12 and under? (0 is fine)" if guests is not None
        else "And how many kids (12 and under)? (0 is fine)",
        "zip": f"What's the zip code of the party in {city}?" if city else "What's the zip code of the party?",
        "date": "What date would you like?",
        "time": "What time should the chef start? We start at 12 PM, 3 PM, 6 PM or 9 PM.",
        "name": "What name should I put the booking under?",
        "phone": "What's the best phone number to reach you?",
        "address": "What's the street address of the party?",
        "email": "Want the confirmation by email too? Send your email, or reply Skip.",
        "email_address": "Great — what's your email address? (Or reply Skip.)",
        "question": "Sure — what would you like to know?",
    }
    default_buttons: dict[str, tuple[str, ...]] = {"email": (B_SKIP,), "email_address": (B_SKIP,)}
    return Reply(texts[slot], tuple(buttons) or default_buttons.get(slot, ()), f"ask_{slot}")


def travel_fee(zip_code: str, miles: float, travel_cents: int, free_miles: int) -> Reply:
    if travel_cents == 0:
        text = f"There's no travel fee to {zip_code} — it's within our free {free_miles}-mile radius."
    else:
        text = (f"Travel to {zip_code} (about {round(miles)} miles from our base) is "
                f"{fmt_cents(travel_cents)}; the first {free_miles} miles are free.")
    return Reply(text, (), "travel_fee")


def rates(station: Station) -> Reply:
    """The per-guest prices from the station's settings (what the quote engine uses)."""
    return Reply(
        f"It's {fmt_cents(station.adult_cents)} per adult and {fmt_cents(station.kid_cents)} "
        f"per kid ({station.kid_max_age} and under), with a {fmt_cents(station.minimum_cents)} "
        f"event minimum. A {station.gratuity_pct}% gratuity is suggested, and travel past "
        f"{station.free_travel_mi} miles adds {fmt_cents(station.per_mile_cents)} a mile.",
        (), "rates",
    )


def deposit_amount(deposit_cents: int, hold_hours: int) -> Reply:
    """The deposit, from the station's settings (the FAQ holds no money amounts)."""
    return Reply(
        f"The deposit is {fmt_cents(deposit_cents)}. It's part of your total, not an extra "
        f"charge: you pay it through a secure link when you book, and your date is held "
        f"for {hold_hours} hours until it's paid. The rest is due on the day of the party.",
        (), "deposit_amount",
    )


def booking_needs(station: Station) -> Reply:
    """What a booking needs (the booking form's own fields) and the station's deposit."""
    return Reply(
        "To book I need the date and start time, the number of adults and kids "
        f"({station.kid_max_age} and under), the zip code and street address, and your name "
        f"and phone number (email is optional). The {fmt_cents(station.deposit_cents)} "
        f"deposit, paid through a secure link, holds your date for {station.hold_hours} hours. "
        "Want to start?",
        (B_BOOK, B_QUOTE), "booking_needs",
    )


def ask_adults() -> Reply:
    """The guest question once the kids are known ("no kids" before any count)."""
    return Reply("Got it. And how many adults?", (), "ask_guests")


# Asked again after an answer that did not fill the slot: say what form it takes.
_AGAIN = {
    "zip": "I need the 5-digit zip code of the party (for example 95112) to check travel "
    "and price. What's the zip?",
    "phone": "I need the full phone number, area code included (for example 408-555-0188). "
    "What's the best number to reach you?",
    "date": "Which date? For example \"Dec 12\" or \"12/12\".",
    "address": "I need the street address with the house number (for example 123 Main St). "
    "Where is the party?",
}


def noted_then_ask(noted: Sequence[str], question: Reply) -> Reply:
    """A fact given out of order acknowledged before the question still open."""
    return Reply(f"Got it — {', '.join(noted)}. {question.text}", question.buttons, question.kind)


def ask_again(slot: str, *, guests: int | None = None, city: str | None = None,
              example: str | None = None) -> Reply:
    """The same question once more, with an example of the answer it needs (for the zip
    of a named city, one of its zips)."""
    if slot not in _AGAIN:
        return ask(slot, guests=guests, city=city)
    if slot == "zip" and city:
        eg = f" (for example {example})" if example else ""
        return Reply(f"Which zip code in {city} is the party at? I need the 5 digits{eg} to "
                     "check travel and price.", (), "ask_zip")
    return Reply(_AGAIN[slot], (), f"ask_{slot}")


def _party(q: Quote) -> str:
    return party_label(q.adults, q.kids)


def quote(q: Quote, *, booking: bool) -> Reply:
    lines = [f"Here's your quote for {_party(q)} (zip {q.zip}):"]
    food = f"• Food: {fmt_cents(q.food_cents)}"
    if q.minimum_applied:
        food += f" → {fmt_cents(q.food_billed_cents)} (our event minimum)"
    lines += [
        food,
        f"• Suggested gratuity (20%): {fmt_cents(q.gratuity_cents)}",
        f"• Travel: {fmt_cents(q.travel_cents)}"
        + (f" ({_billed_miles(q)} miles away)" if q.travel_cents else ""),
        f"Total: {fmt_cents(q.total_cents)}. A {fmt_cents(q.deposit_cents)} deposit holds your date.",
    ]
    return Reply("\n".join(lines), () if booking else (B_BOOK_IT, B_QUESTION), "quote")


# After a quote, the ways on: the quote's own buttons plus a person.
NEXT_STEP_BUTTONS = (B_BOOK_IT, B_QUESTION, B_PERSON)


def total_explained(q: Quote, *, confirm: bool = True) -> Reply:
    """"Is that the final price?" (``confirm``: a yes) or "whats the total again": what the
    quote engine's total is made of."""
    total = fmt_cents(q.total_cents)
    lead = f"Yes: {total} is the full total" if confirm else f"Your total is {total}"
    return Reply(
        f"{lead} for {_party(q)} — food "
        f"{fmt_cents(q.food_billed_cents)}, suggested gratuity {fmt_cents(q.gratuity_cents)} "
        f"and travel {fmt_cents(q.travel_cents)}. The {fmt_cents(q.deposit_cents)} deposit is "
        f"part of it, not extra.",
        (), "total_explained",
    )


def why_total(q: Quote) -> Reply:
    """"why is it $660 for 3 ppl": what the total is made of, the food minimum said when it
    is what sets the price."""
    if not q.minimum_applied:
        return total_explained(q, confirm=False)
    return Reply(
        f"For {_party(q)} the food comes to {fmt_cents(q.food_cents)}, but every party has a "
        f"{fmt_cents(q.food_billed_cents)} food minimum, so the food is billed at that. With the suggested "
        f"gratuity {fmt_cents(q.gratuity_cents)} and travel {fmt_cents(q.travel_cents)}, the total is "
        f"{fmt_cents(q.total_cents)} — the same for any party up to the minimum.",
        (), "total_explained",
    )


def what_if_price(q: Quote, kept: str, *, booked: bool = False) -> Reply:
    """"what would it be with 2 more adults?": that party's total, the one on the form (or
    the booking, ``booked``) kept."""
    keep = (f"Your booking stays at {kept} — say “change my booking” if you'd like to change it." if booked
            else f"I've kept your party at {kept} — just tell me if you'd like to change it.")
    return Reply(
        f"For {_party(q)} it would be {fmt_cents(q.total_cents)} (food {fmt_cents(q.food_billed_cents)}, "
        f"suggested gratuity {fmt_cents(q.gratuity_cents)}, travel {fmt_cents(q.travel_cents)}). {keep}",
        (), "quote_recap",
    )


def total_without_tip(q: Quote) -> Reply:
    """"whats the total if we skip the tip": the quote engine's total less its suggested
    gratuity, which is the customer's to give."""
    return Reply(
        f"Without the suggested gratuity it's {fmt_cents(q.total_cents - q.gratuity_cents)} for "
        f"{_party(q)} (food {fmt_cents(q.food_billed_cents)}, travel {fmt_cents(q.travel_cents)}). "
        f"The {fmt_cents(q.gratuity_cents)} gratuity is suggested, and it's up to you.",
        (), "quote_recap",
    )


def _billed_miles(q: Quote) -> int:
    """The miles the travel fee is billed for: part of a mile counts as a mile (30.4 mi is
    "31 miles", $2)."""
    return math.ceil(round(q.miles, 6))


def quote_line(q: Quote, cents: int) -> Reply | None:
    """"whats the 110 for": which line of the quote that amount is (None: none is)."""
    lines = {
        q.gratuity_cents: "the suggested gratuity (it goes to your chef; you can adjust it)",
        q.food_billed_cents: ("the food, at the event minimum" if q.minimum_applied else "the food"),
        q.total_cents: "the full total, gratuity and travel included",
        q.deposit_cents: "the deposit that holds your date (part of the total, not extra)",
    }
    if q.travel_cents:
        lines.setdefault(q.travel_cents, f"the travel fee ({_billed_miles(q)} miles from our kitchen)")
    what = lines.get(cents)
    if what is None:
        return None
    return Reply(f"{fmt_cents(cents)} is {what}. " + total_explained(q).text.removeprefix("Yes: "),
                 (), "total_explained")


def quote_recap(q: Quote) -> Reply:
    """The same quote asked for again: the total it still comes to, and the next step."""
    return Reply(
        f"Your quote for {_party(q)} (zip {q.zip}) is still {fmt_cents(q.total_cents)} in total "
        f"({fmt_cents(q.deposit_cents)} deposit to book). Shall I check a date for you?",
        NEXT_STEP_BUTTONS,
        "quote_recap",
    )


def next_step() -> Reply:
    """An "ok"/"cool" after a quote."""
    return Reply(
        "Great! Shall I check a date for you? I can also answer a question or get you a person.",
        NEXT_STEP_BUTTONS,
        "next_step",
    )


def no_discounts() -> Reply:
    """Haggling: the bot cannot change a price, and says so (a person can look)."""
    return Reply(
        "I can't change prices myself — every quote comes straight from our price list. "
        "If you'd like, a person from our team can take a look.",
        (B_PERSON, B_BOOK_IT),
        "no_discounts",
    )


def thinking_it_over() -> Reply:
    """Putting it off before a quote ("let me think about it"): nothing is lost."""
    return Reply(
        "No rush — take your time. What you've told me stays here; text me whenever you're "
        "ready, or ask me anything.",
        (),
        "ack",
    )


def unit_added(unit: str) -> Reply:
    """"apt 4" after the street: added to the address."""
    return Reply(f"Got it — I've added {unit} to the address.", (), "ack")


def gate_code_welcome() -> Reply:
    """"do you need the gate code?": it goes to the chef's notes."""
    return Reply("Yes please — send the gate code whenever you like and I'll add it to the notes for the chef.",
                 (), "faq_answer")


def how_to_confirm() -> Reply:
    """"should i say yes now?" at the summary."""
    return Reply("Yes — if everything above looks right, reply yes and I'll book it. Or tell me what to change.",
                 (), "faq_answer")


def we_come_to_you() -> Reply:
    """"do you come to me?": yes, the chef cooks at the customer's place."""
    return Reply("Yes — our chef comes to you and cooks at your place. I'll check your zip code is in our area "
                 "as we go.", (), "faq_answer")


def one_chef_limit(limit: int, guests: int | None) -> Reply:
    """"can 1 chef handle 40?": one chef cooks for up to ``limit`` guests."""
    if guests is not None and guests > limit:
        return Reply(f"One chef cooks for up to {limit} guests, so {guests} needs more than one — a person from "
                     "our team plans parties that size.", (), "faq_answer")
    if guests is not None:
        return Reply(f"{guests} guests is fine — one chef cooks for up to {limit}.", (), "faq_answer")
    return Reply(f"One chef cooks for up to {limit} guests.", (), "faq_answer")


def pause_ok() -> Reply:
    """"hold on", "brb": the customer pausing."""
    return Reply("No problem — take your time.", (), "ack")


def no_rush() -> Reply:
    """A "no" after a quote: nothing to change, the quote stays."""
    return Reply(
        "No problem! Your quote stays here. Come back any time to book, or ask me anything.",
        NEXT_STEP_BUTTONS,
        "next_step",
    )


def anything_else() -> Reply:
    """Nothing new to say about the conversation: ask what the customer wants next."""
    return Reply(
        "What would you like to do next: get a price, check a date, or ask a question?",
        (B_QUOTE, B_BOOK, B_QUESTION),
        "next_step",
    )


def availability(d: date, free: Sequence[str], asked: str | None = None) -> Reply:
    labels = tuple(slot_label(s) for s in free)
    if asked:
        return Reply(f"Good news — {day_label(d)} at {slot_label(asked)} is open.", (), "availability")
    return Reply(
        f"{day_label(d)} has a chef free at {', '.join(labels)}. Which time works?",
        labels,
        "availability",
    )


def slot_unavailable(d: date, slot: str, same_day: Sequence[str], other_days: Sequence[tuple[date, str]],
                     *, lead_hours: int | None = None) -> Reply:
    """The slot asked for cannot be booked: taken, or (``lead_hours``) too soon to book."""
    options = [slot_label(s) for s in same_day]
    if lead_hours is not None:
        text = (f"Sorry — {day_label(d)} at {slot_label(slot)} is less than {lead_hours} hours away, "
                "too soon to book a chef.")
    else:
        text = f"Sorry — all our chefs are booked on {day_label(d)} at {slot_label(slot)}."
    if same_day:
        text += f" That day is still open at {', '.join(options)}."
    if other_days:
        alt = ", ".join(f"{day_label(od)} at {slot_label(os)}" for od, os in other_days)
        text += f" Nearby: {alt}."
        options += [f"{od:%b} {od.day} at {slot_label(os)}" for od, os in other_days]
    if not options:
        text += " Want to try another date?"
    return Reply(text, tuple(options[:5]), "slot_unavailable")


def short_day(d: date) -> str:
    return f"{d:%a}, {d:%b} {d.day}"


def _listed(days: Sequence[date], most: int = 6) -> str:
    shown = ", ".join(short_day(d) for d in days[:most])
    return shown + (f" and {len(days) - most} more" if len(days) > most else "")


_WEEKDAY_NAMES = ("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")


def soonest_dates(res: OpenDays, lead_hours: int, after: date | None = None) -> Reply:
    """The first days with a chef free ("what's your next available date?"), or the
    first ones after a day ("anything after the 15th?")."""
    if not res.open:
        weeks = f"the few weeks after {short_day(after)}" if after else "the next few weeks"
        return Reply(f"Every date in {weeks} is already booked. Which later date "
                     "should I check?", (), "open_dates")
    first, free = res.open[0]
    times = ", ".join(slot_label(x) for x in free)
    text = (f"After {short_day(after)}, the first date with a chef free is {day_label(first)}, at {times}."
            if after else
            f"The soonest date with a chef free is {day_label(first)}, at {times} (we book at least "
            f"{lead_hours} hours ahead).")
    if len(res.open) > 1:
        text += f" After that: {_listed([d for d, _ in res.open[1:4]])}."
    return Reply(text + " Which date works for you?",
                 tuple(short_day(d) for d, _ in res.open[:4]), "open_dates")


def month_dates(month: tuple[date, date], res: OpenDays, weekdays: frozenset[int], horizon_days: int) -> Reply:
    """Which days of a month have a chef free ("anything in march?", "saturdays in may?"):
    ``res`` is the month's window (``res.only(weekdays)`` when weekdays were named);
    ``month`` its first and last day."""
    name = f"{month[0]:%B}"
    if month[1] < res.first and month[1] >= res.first - timedelta(days=3):
        # "december" on Dec 30: the month is not over, but too near to book (it "had passed")
        return Reply(f"There are no {name} dates left that we can book (we need at least 48 hours' notice). "
                     f"The soonest day we can book is {day_label(res.first)} — which date works for you?", (), "date_too_soon")
    if month[1] < res.first:  # "anything in march 2025?"
        return Reply(f"{name} {month[0].year} has already passed. Which upcoming date did you mean?",
                     (), "date_past")
    if res.last < res.first:
        return Reply(f"We take bookings up to {horizon_days} days ahead, so {name} isn't open "
                     "yet. Which date within that window works?", (), "date_too_far")
    which = " and ".join(_WEEKDAY_NAMES[w] for w in sorted(weekdays))
    open_days, full = [d for d, _ in res.open], res.full
    scope = f"{which} in {name}" if which else f"dates in {name}"
    if not open_days:
        return Reply(f"Sorry — the {scope} are fully booked. Which other date would work?", (), "open_dates")
    if not full:
        text = (f"Good news — all the {scope} have a chef free so far: {_listed(open_days, 5)}." if which
                else f"Good news — every date in {name} has a chef free so far.")
    elif len(full) <= len(open_days):
        text = f"In {name} a chef is free on all the {which or 'dates'} except {_listed(full)}."
    else:
        text = f"In {name} a chef is still free on {_listed(open_days)}."
    if (res.first, res.last) != month:  # today, the lead time or the horizon cut the month
        text += f" (I can book {name} from {short_day(res.first)} through {short_day(res.last)}.)"
    buttons = tuple(short_day(d) for d in open_days[:4]) if (which or full) else ()
    return Reply(text + " Which date works for you?", buttons, "open_dates")


def month_not_open(month: date, horizon_days: int) -> Reply:
    """A month named in passing that is past the booking window: said up front."""
    return Reply(f"Heads-up: we take bookings up to {horizon_days} days ahead, so {month:%B} isn't "
                 "open for booking yet — I can still give you a price now.", (), "date_too_far")


def day_full(d: date, nearby: Sequence[date] = ()) -> Reply:
    """A day with no chef free, and the open days nearest it."""
    if not nearby:
        return Reply(f"Sorry — {day_label(d)} is fully booked. Which other date would work?", (), "slot_unavailable")
    return Reply(f"Sorry — {day_label(d)} is fully booked. Nearby days with a chef free: {_listed(nearby)}. "
                 "Which works?", tuple(short_day(x) for x in nearby), "slot_unavailable")


def no_such_day(day: str) -> Reply:
    """"feb 30", "feb 29" in a year without one: which date was meant."""
    return Reply(f"There's no {day} on the calendar this coming year — which date did you mean?", (), "ask_date")


def date_rule(kind: str, message: str, *, soonest: date | None = None) -> Reply:
    if soonest is not None:
        message += f" The soonest date with a chef free is {day_label(soonest)}."
    extra = {
        "date_too_soon": " Which later date works for you?",
        "date_too_far": " Which date within that window works?",
        "date_past": " Which upcoming date did you mean?",
    }[kind]
    return Reply(message + extra, (), kind)


def slot_within(bound: str, said: str, start: str) -> Reply:
    """"after 7": the start taken for it."""
    which = "first" if bound == "after" else "last"
    return Reply(f"Our {which} start {bound} {said} is {start}.", (), "slot_within")


def also_open(d: date, free: Sequence[str], kept: date) -> Reply:
    """Another day asked about beside the one chosen ("is the 20th open too?")."""
    answer = (f"{day_label(d)} has a chef free at {', '.join(slot_label(s) for s in free)} too." if free
              else f"{day_label(d)} isn't open, sorry.")
    return Reply(f"{answer} I've kept you on {day_label(kept)} — say “switch to {short_day(d)}” if you'd "
                 "rather have that day.", (), "availability")


def also_open_at(d: date, start: str, free: bool, kept: str) -> Reply:
    """Another start of the day chosen asked about ("is 3 open too?")."""
    if not free:
        return Reply(f"Sorry, {slot_label(start)} on {day_label(d)} isn't open. I've kept you at {slot_label(kept)}.",
                     (), "availability")
    return Reply(f"Yes, {slot_label(start)} on {day_label(d)} is open too. I've kept you at {slot_label(kept)} — "
                 f"say “switch to {slot_label(start)}” if you'd rather start then.", (), "availability")


def ask_time_on(d: date, free: Sequence[str]) -> Reply:
    """The start asked for a day read from words ("next weekend"), said back with its
    free starts."""
    labels = tuple(slot_label(s) for s in free)
    return Reply(f"What time on {day_label(d)}? The chef is free at {', '.join(labels)}.", labels, "ask_time")


def form_recall(d: date, slot: str | None) -> Reply:
    """"what time did i pick again": the day (and start) on the form."""
    at = f" at {slot_label(slot)}" if slot else ""
    return Reply(f"You picked {day_label(d)}{at}.", (), "form_recall")


def ask_again_for(field: str) -> Reply:
    """A detail said to be wrong: asked again."""
    return Reply("No problem — " + ask(field).text[0].lower() + ask(field).text[1:], ask(field).buttons, f"ask_{field}")


def count_or_start(n: int, start: str | None, starts: Sequence[str]) -> Reply:
    """"can we do 12 instead" with a party and a start held: which of the two is meant (a
    number that is no start is asked as a size, with the starts there are)."""
    guests = f"{n} guests"
    if start is not None:
        return Reply(f"Just to be sure — do you mean {guests}, or a {slot_label(start)} start?",
                     (guests, start_button(start)), "clarify")
    return Reply(f"Just to be sure — do you mean {guests}? (Our chefs start at "
                 f"{', '.join(slot_label(s) for s in starts)}.)", (guests,), "clarify")


def start_button(start: str) -> str:
    """The button that picks a start ("Start at 9 PM"): read as a move of a booked party,
    and as the start on a form."""
    return f"Start at {slot_label(start)}"


def any_start(d: date, free: Sequence[str]) -> Reply:
    """"anytime", "whatevers open": the day's starts, to pick one."""
    labels = tuple(slot_label(s) for s in free)
    return Reply(f"No problem — on {day_label(d)} the chef can start at {', '.join(labels)}. "
                 "Which one should I put down?", labels, "availability")


def earliest_start(first: str, free: Sequence[str]) -> Reply:
    """"morning": before our first start."""
    return Reply(f"Our earliest start is {slot_label(first)} — would that work?",
                 tuple(slot_label(s) for s in free), "ask_time")


def start_in_window(low: str, high: str, start: str | None, free: Sequence[str]) -> Reply:
    """"between 5 and 7": the start inside it, or none."""
    if start is not None:
        return Reply(f"Our start between {slot_label(low)} and {slot_label(high)} is {slot_label(start)}.",
                     (), "slot_within")
    labels = tuple(slot_label(s) for s in free)
    return Reply(f"None of our start times fall between {slot_label(low)} and {slot_label(high)} that day — "
                 f"the chef can start at {', '.join(labels)}. Which works?", labels, "ask_time")


def _minutes(hhmm: str) -> int:
    hour, minute = hhmm.split(":")
    return int(hour) * 60 + int(minute)


def nearest_starts(asked: str, free: Sequence[str], *, later: bool | None = None) -> list[str]:
    """The free starts ("HH:MM") nearest ``asked``, on the ``later`` side when a move said
    which way; two when halfway between."""
    side = [s for s in free if (s > asked if later else s < asked)] if later is not None else []
    # Round the clock: "12am" is 3 hours from 9 PM, not 12 from noon.
    gap = {s: min(d := abs(_minutes(s) - _minutes(asked)), 24 * 60 - d) for s in side or free}
    return [s for s in gap if gap[s] == min(gap.values())]


def not_a_slot(asked: str, free: Sequence[str], *, later: bool | None = None) -> Reply:
    """``asked`` "HH:MM", not a start time: the free starts, the nearest named ("7ish"
    is nearest 6 PM; halfway between two, both). ``later``: the time was a move later
    (True) or earlier (False), so the nearest is looked for on that side."""
    labels = tuple(slot_label(s) for s in free)
    nearest = [slot_label(s) for s in nearest_starts(asked, free, later=later)]
    closest = (f"; the closest {'is' if len(nearest) == 1 else 'are'} {' and '.join(nearest)}"
               if nearest and len(free) > 1 else "")
    return Reply(
        f"Our chefs start at {', '.join(labels) or 'set times'} — {slot_label(asked)} isn't one of "
        f"them{closest}. Which works?",
        labels,
        "ask_time",
    )


def invalid_guests(message: str) -> Reply:
    return Reply(
        message + " How many adults and how many kids (12 and under) will there be?", (), "invalid_guests"
    )


def party_too_large(guests: int, limit: int) -> Reply:
    return Reply(
        f"{guests} guests is a big party — one chef serves up to {limit}, so our team will "
        "plan it with you.",
        (),
        "party_too_large",
    )


def unknown_zip(raw: str) -> Reply:
    return Reply(
        f"I couldn't find the zip code {raw}. Could you double-check the 5-digit zip of the party?",
        (),
        "unknown_zip",
    )


def city_served(city: CityRoute) -> Reply:
    """A named city we come to (all of it or part), with its travel fee from the quote
    engine's rule: one amount, or the range over the city's zips."""
    low, high = city.travel_range()
    fee = fmt_cents(high) if low == high else f"{fmt_cents(low)} to {fmt_cents(high)}"
    if not city.whole:
        text = f"We come to parts of {city.name}; it depends on the zip."
        if high:
            text += f" Where we do, travel is {fee}."
    elif high == 0:
        text = f"We come to {city.name}, with no travel fee there."
    else:
        text = f"We come to {city.name}: travel there is {fee}" + (
            "." if low == high else ", depending on the zip.")
    return Reply(text, (), "travel_fee")


# Start hours that fit each time of day asked about ("lunch" → a 12 PM start).
_MEAL_HOURS = {
    "breakfast": (0, 11), "morning": (0, 11), "brunch": (10, 14), "lunch": (11, 14),
    "afternoon": (12, 17), "daytime": (10, 17), "dinner": (17, 21), "evening": (17, 21),
    "late night": (21, 24),
}


def meal_times(meal: str, slots: Sequence[str]) -> Reply:
    """Whether a time of day fits the station's start times, from those times."""
    meal = re.sub(r"[-\s]+", " ", meal.lower())
    low, high = _MEAL_HOURS.get(meal, (0, 24))
    fit = [x for x in slots if low <= int(x[:2]) < high]
    starts = ", ".join(slot_label(x) for x in slots)
    if fit:
        head = f"Yes — for {meal} a chef can start at {' or '.join(slot_label(x) for x in fit)}."
    else:
        head = f"Our earliest start is {slot_label(min(slots))}, so {meal} doesn't fit our schedule."
    return Reply(f"{head} Our start times are {starts}. Want me to check a date?", (B_BOOK,), "meal_times")


def start_time_asked(asked: str, slots: Sequence[str]) -> Reply:
    """"do u do 9pm parties?", "can u start at 7pm?": whether it is one of the station's
    start times, from those times."""
    starts = ", ".join(slot_label(x) for x in slots)
    head = (f"Yes — {slot_label(asked)} is one of our start times." if asked in slots
            else f"{slot_label(asked)} isn't one of our start times.")
    return Reply(f"{head} Our start times are {starts}. Want me to check a date?", (B_BOOK,), "meal_times")


def city_out_of_area(name: str) -> Reply:
    return Reply(
        f"{name} is outside our usual service area. I've asked our team whether we can make it.",
        (), "out_of_area",
    )


def city_outside(name: str) -> Reply:
    """One of several cities asked about that we do not come to (no one is asked yet)."""
    return Reply(f"{name} is outside our usual service area.", (), "out_of_area")


def zip_not_in_city(city: str, zip_code: str) -> Reply:
    """The street given is in another city than the zip the party was priced for."""
    return Reply(f"That address is in {city}, but the zip I have, {zip_code}, isn't — the price and the "
                 f"travel fee depend on it. What's the zip code of the party in {city}?", (), "ask_zip")


def zip_outside(zip_code: str) -> Reply:
    """A zip asked about ("is 10001 in ur area?") that is out of the area; the party's own
    zip is not changed by the question."""
    return Reply(f"Zip {zip_code} is outside our usual service area — if the party may be there, "
                 "a person from our team can check whether we can make it.", (), "out_of_area")


def out_of_area(zip_code: str) -> Reply:
    return Reply(
        f"Zip {zip_code} is outside our usual service area. I've asked our team whether we "
        "can make it.",
        (),
        "out_of_area",
    )


def summary(q: Quote, d: date, slot: str, name: str, address: str, phone: str | None, email: str | None,
            notes: Sequence[str] = ()) -> Reply:
    party = party_label(q.adults, q.kids)  # ("1 adults + 1 kids" read oddly)
    lines = [
        "Please check your booking:",
        f"• {day_label(d)} at {slot_label(slot)}",
        f"• {party}",
        f"• {address} ({q.zip})",
        f"• {name}" + (f", {phone}" if phone else "") + (f", {email}" if email else ""),
        *([f"• Notes for the chef: {'; '.join(notes)}"] if notes else []),
        f"Total {fmt_cents(q.total_cents)} (incl. gratuity {fmt_cents(q.gratuity_cents)}"
        + (f", travel {fmt_cents(q.travel_cents)}" if q.travel_cents else "")
        + f"); {fmt_cents(q.deposit_cents)} deposit today. Shall I book it?",
    ]
    return Reply("\n".join(lines), (B_CONFIRM, B_CHANGE), "booking_summary")


def note_taken(note: str) -> Reply:
    """A diet or allergy note while the party is being booked: kept for the booking."""
    return Reply(f"Noted — I'll add this to your booking for the chef: “{note}”.", (), "note_taken")


def note_added(d: date, slot: str, note: str) -> Reply:
    """A diet or allergy note from a booked customer: on the booking now."""
    return Reply(
        f"Noted — I've added this to your booking on {day_label(d)} at {slot_label(slot)} for "
        f"the chef: “{note}”.",
        (),
        "note_taken",
    )


def booking_created(d: date, slot: str, deposit: int, hold_hours: int, pay_url: str | None) -> Reply:
    text = (
        f"You're booked for {day_label(d)} at {slot_label(slot)}! "
        f"Your date is held for {hold_hours} hours for the {fmt_cents(deposit)} deposit."
    )
    text += f" Pay it here: {pay_url}" if pay_url else " We'll send you the payment link shortly."
    return Reply(text, (), "booking_created")


def older_kids_as_adults(older: int, max_age: int) -> Reply:
    """Kids over the kid age told with their ages: counted as adults (the adult price)."""
    who = "one of the kids is counted as an adult" if older == 1 else f"{older} of the kids are counted as adults"
    return Reply(f"Kids' pricing is for {max_age} and under, so {who}.", (), "ack")


def take_your_time() -> Reply:
    """"let me check with my wife" while a change awaits yes/no: it stays pending."""
    return Reply("No rush — reply yes when you're ready, or no to keep your booking as it is.", (), "ack")


def change_still_pending() -> Reply:
    return Reply("Shall I make that change to your booking?", (B_YES_CHANGE, B_KEEP), "party_change_confirm")


def phone_needs_area_code() -> Reply:
    return Reply("Could you send the full number with the area code (10 digits)?", (), "ask_phone")


def booking_paused() -> Reply:
    """The customer stopped the booking form; what they told us is kept."""
    return Reply(
        "No problem — nothing is booked. I've kept what you told me, so whenever you're "
        "ready just say \"book\" and we'll pick up where we left off.",
        (B_BOOK,),
        "booking_paused",
    )


def started_over() -> Reply:
    return Reply(
        "Okay, starting over — I've cleared the details. I can give you a price, check a "
        "date or book a chef. What would you like?",
        (B_QUOTE, B_BOOK),
        "started_over",
    )


def booking_declined() -> Reply:
    return Reply(
        "No problem — what would you like to change? (date, time, guests, address, name…)",
        (),
        "booking_declined",
    )


def faq_answer(answer: str) -> Reply:
    return Reply(answer, (), "faq_answer")


def faq_unsure_noted() -> Reply:
    """A question asked alongside booking facts that the FAQ cannot answer."""
    return Reply(
        "I'm not sure about your question, and I don't want to guess — a person from our "
        "team can answer it.",
        (B_PERSON,),
        "faq_unsure",
    )


def faq_unsure() -> Reply:
    return Reply(
        "I'm not sure about that one, and I don't want to guess. I've asked a person from our "
        "team to answer you here.",
        (),
        "faq_unsure",
    )


def welcome_back() -> Reply:
    """A hello in the middle of a form: short, the form's question follows."""
    return Reply("Hi again! Picking up where we left off:", (), "greeting")


def identity(business: str) -> Reply:
    return Reply(
        f"I'm the automated booking assistant for {business}. I can give you a price, check "
        "dates and book your chef — or get a person from our team if you'd rather.",
        (B_PERSON,),
        "identity",
    )


def escalated(reason: str) -> Reply:
    texts = {
        "asked_for_person": "Of course — I've asked a person from our team to take over. They'll reply here shortly.",
        "complaint": "I'm really sorry to hear that. I've passed this to a person on our team, who will reply here shortly.",
        "not_understood": "Sorry, I'm not getting it. I've asked a person from our team to help — they'll reply here shortly.",
        "handoff": "A person from our team will reply here shortly.",
        "two_parties": "Two parties at once is something a person from our team sets up, so each gets its own "
        "chef, price and time — I've asked them to reply here shortly.",
        "address_change": "Sure — I've asked a person from our team to update the address on "
        "your booking. They'll confirm here shortly.",
        # An address change said with another change: the person makes both (the bot
        # cannot ask one back while a person has the conversation).
        "address_and_party": "Sure — I've asked a person from our team to update the address and "
        "the number of guests on your booking. They'll confirm here shortly.",
        "address_and_move": "Sure — I've asked a person from our team to update the address and "
        "the date or time of your booking. They'll confirm here shortly.",

        "cancel_regret": "Oh no — I've asked a person from our team to look at restoring your "
        "booking right away. They'll reply here shortly.",
        "contact_change": "Sure — I've asked a person from our team to update the contact details "
        "on your booking. They'll confirm here shortly.",
        "running_late": "Thanks for the heads-up — I've let our team know so they can tell your chef. "
        "A person will confirm here shortly.",
        "chef_contact": "I've asked a person from our team to put you in touch with your chef. "
        "They'll reply here shortly.",
        "payment_help": "Sorry about that — I've asked a person from our team to help you pay the "
        "deposit. They'll reply here shortly, and your date stays held meanwhile.",
        "payment_check": "Sorry about that — I've asked a person from our team to check your payment. "
        "They'll reply here shortly, and your date stays held meanwhile.",
    }
    return Reply(texts.get(reason, texts["asked_for_person"]), (), "escalated")


def other_language(lang: str) -> Reply:
    """A message in another language: a person takes over (in Spanish too when it is)."""
    english = "Sorry, I can only chat in English. I've asked a person from our team to reply here shortly."
    if lang == "es":
        english = ("Lo siento, solo puedo escribir en inglés. Le pedí a una persona de nuestro equipo que "
                   "le responda aquí pronto. / " + english)
    return Reply(english, (), "escalated")


def refund_exception(free_days: int) -> Reply:
    """A cancel inside the no-refund window, with the deposit asked back: a person decides."""
    return Reply(
        f"I'm so sorry. Under our policy the deposit is kept when a party is cancelled less than "
        f"{free_days} days before, so I've asked a person from our team to look at your case. "
        "They'll reply here shortly — nothing is cancelled yet.",
        (),
        "escalated",
    )


def contact_updated(what: str, value: str) -> Reply:
    """"can i change my email to bob@example.com" from a booked customer: kept, and said."""
    return Reply(f"Done — we'll use {value} as your {what} for your booking from now on.", (), "contact_updated")


_WHY_WE_ASK = {
    "name": "So the chef and our team know whose party it is.",
    "phone": "So the chef can reach you on the day (running late, parking, the gate). We don't share it "
             "or use it for marketing.",
    "address": "So the chef knows where to bring the grill and cook.",
    "email": "Only to send your confirmation and receipt — it's optional.",
}


_WHAT_WE_NEED = {
    "phone": "Any number that reaches you works; a cell is best, so we can text you on the day.",
    "address": "Yes, the chef needs the street address to find you. A backyard party is fine: send the "
               "house's address, and any directions as a note.",
}


def what_we_need(field: str) -> Reply:
    """"is a cell ok?" at the phone question, "does the address need to be exact?" at the
    address question: what will do, before it is asked again."""
    return Reply(_WHAT_WE_NEED[field], (), "why_we_ask")


def why_we_ask(field: str) -> Reply:
    """"why do you need my phone?" at a contact question: the reason, before it is asked again."""
    return Reply(_WHY_WE_ASK[field], (), "why_we_ask")


def weekday_mismatch(d: date, named: int) -> Reply:
    """"saturday january 10" when Jan 10 is a Sunday: the date is kept, and said back."""
    near = d + timedelta(days=(named - d.weekday() + 3) % 7 - 3)
    wd = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[named]
    return Reply(
        f"Heads-up: {d:%b} {d.day} is a {d:%A}, not a {wd}. I'm going with {day_label(d)} — if you "
        f"meant {day_label(near)}, just say so.",
        (),
        "weekday_mismatch",
    )


def not_caught() -> Reply:
    """Before a question asked again in its own words (the day's open times)."""
    return Reply("Sorry, I didn't catch that.", (), "clarify")


def clarify(resume: Reply | None) -> Reply:
    if resume is not None:
        return Reply(f"Sorry, I didn't catch that. {resume.text}", resume.buttons, "clarify")
    return Reply(
        "Sorry, I didn't catch that. I can give you a price, check a date, book a chef or "
        "answer a question — what would you like?",
        (B_QUOTE, B_BOOK, B_PERSON),
        "clarify",
    )


def thanks(*, quoted: bool = False) -> Reply:
    if quoted:  # after a quote: say what comes next
        return Reply(
            "You're welcome! Whenever you're ready, I can check a date and book your chef.",
            NEXT_STEP_BUTTONS,
            "thanks",
        )
    return Reply("You're welcome! Anything else I can help with?", (), "thanks")


def party_stays(party: str) -> Reply:
    """Relatives named as joining who are already counted: the party as it is."""
    return Reply(f"Got it — they're already counted, so the party stays at {party}.", (), "ack")


def ack() -> Reply:
    """"ok" with nothing pending: no misunderstanding, just what comes next."""
    return Reply(
        "👍 Anything else? I can give you a price, check a date, book a chef or answer a "
        "question.",
        (B_QUOTE, B_BOOK, B_QUESTION),
        "ack",
    )


def bye() -> Reply:
    return Reply("Thanks for chatting — have a great day!", (), "bye")


def no_booking_found() -> Reply:
    return Reply(
        "I couldn't find an upcoming booking for you. If you booked with another phone number "
        "or email, tell me which — or I can get a person to help.",
        (B_PERSON,),
        "no_booking_found",
    )


def party_label(adults: int, kids: int) -> str:
    """'10 adults', '1 adult + 2 kids'."""
    party = f"{adults} adult{'s' if adults != 1 else ''}"
    if kids:
        party += f" + {kids} kid{'s' if kids != 1 else ''}"
    return party


def busy_at_default(d: date, slot: str | None) -> Reply:
    """A day (or start) full at the default kitchen, free at another, with no zip yet."""
    when = f"{day_label(d)} at {slot_label(slot)}" if slot else day_label(d)
    return Reply(f"{when} is taken at one of our kitchens, but another may have a chef free. "
                 "What's the zip code of the party?", (), "ask_zip")


def nothing_cancelled() -> Reply:
    """"i cancelled by accident" while every booking is still on."""
    return Reply("Good news — nothing was cancelled, your booking is still on:", (), "nothing_cancelled")


def booking_status(
    d: date, slot: str, status: str, total: int, deposit: int, pay_url: str | None = None,
    party: str | None = None, address: str | None = None,
) -> Reply:
    """A booking as the core holds it: day, party, address, state and what is still owed
    ("what's the address you have for us", "how much do i still owe")."""
    states = {
        "pending_deposit": f"waiting for the {fmt_cents(deposit)} deposit",
        "deposit_paid": "confirmed — deposit received",
    }
    # "never got the payment link": the link again, while the deposit is still owed.
    pay = f" Pay the deposit here: {pay_url}" if status == "pending_deposit" and pay_url else ""
    owed = f", with {fmt_cents(total - deposit)} due on the day" if status == "deposit_paid" else ""
    return Reply(
        f"Your booking on {day_label(d)} at {slot_label(slot)}{f' for {party}' if party else ''}"
        f"{f' at {address}' if address else ''} is {states.get(status, status)}. "
        f"Total {fmt_cents(total)}{owed}.{pay}",
        (),
        "booking_status",
    )


def contact_on_file(name: str | None, phone: str | None, email: str | None) -> Reply:
    """"what number do you have on file": the contact the booking core holds."""
    held = "; ".join(f"{label}: {value or 'none yet'}"
                     for label, value in (("name", name), ("phone", phone), ("email", email)))
    return Reply(f"On file for you — {held}. To change one, text “change my email to …” (or name, or phone).",
                 (), "contact_on_file")


def _refund_policy(refund: bool, paid: bool, deposit: int, free_days: int) -> str:
    if not paid:
        return "No deposit has been paid yet, so there's nothing to refund."
    if refund:
        return f"It's {free_days}+ days away, so your {fmt_cents(deposit)} deposit will be refunded."
    return f"It's less than {free_days} days away, so the {fmt_cents(deposit)} deposit is kept."


def refund_if_cancelled(d: date, slot: str, refund: bool, paid: bool, deposit: int, free_days: int) -> Reply:
    """"can i get my deposit back?" from a booked customer: the rule, applied to their
    booking, without cancelling anything."""
    return Reply(
        f"Your booking is {day_label(d)} at {slot_label(slot)}. If you cancelled now: "
        f"{_refund_policy(refund, paid, deposit, free_days)} (Cancelling {free_days}+ days "
        "ahead refunds the deposit in full.) Nothing has been cancelled — say “cancel my "
        "booking” if you want to.",
        (),
        "refund_policy",
    )


def tip_included(total: int, gratuity: int) -> Reply:
    """"do i tip on top of the $732?": the booking's total already has the suggested tip."""
    return Reply(
        f"Your total of {fmt_cents(total)} already includes a suggested gratuity of "
        f"{fmt_cents(gratuity)}, which goes to your chef — nothing more is expected. You're "
        "welcome to adjust it on the day.",
        (),
        "tip_included",
    )


def booking_was_cancelled(d: date, slot: str) -> Reply:
    """Asked about a booking that was cancelled."""
    return Reply(f"Your booking on {day_label(d)} at {slot_label(slot)} was cancelled, so nothing is booked "
                 "right now. Want me to book a new date? If that's not right, I can get a person to help.",
                 (B_BOOK, B_PERSON), "booking_status")


def which_booking(change: str, bookings: Sequence[tuple[date, str]]) -> Reply:
    """Several parties booked and the change names none: which one."""
    listed = " and ".join(f"{day_label(d)} at {slot_label(slot)}" for d, slot in bookings[:4])
    return Reply(f"You have {len(bookings)} bookings: {listed}. Which one should I {change}?",
                 tuple(short_day(d) for d, _ in bookings[:4]), "which_booking")


def cancel_confirm(d: date, slot: str, refund: bool, paid: bool, deposit: int, free_days: int) -> Reply:
    policy = _refund_policy(refund, paid, deposit, free_days)
    return Reply(
        f"Cancel your booking on {day_label(d)} at {slot_label(slot)}? {policy}",
        (B_YES_CANCEL, B_KEEP),
        "cancel_confirm",
    )


def cancel_all_confirm(items: Sequence[tuple[date, str, bool, bool, int, int]]) -> Reply:
    """"cancel both": every booking named, each with what happens to its deposit
    (``items``: day, start, refunded, paid, deposit, its station's free-cancel days)."""
    lines = "\n".join(f"• {day_label(d)} at {slot_label(slot)}: {_refund_policy(refund, paid, deposit, days)}"
                       for d, slot, refund, paid, deposit, days in items)
    every = "both" if len(items) == 2 else f"all {len(items)}"
    return Reply(f"Cancel {every} of your bookings?\n{lines}", (B_YES_CANCEL_ALL, B_KEEP_ALL), "cancel_confirm")


def bookings_cancelled(items: Sequence[tuple[date, str, bool, int]]) -> Reply:
    """Several bookings cancelled at once (``items``: day, start, refunded, deposit)."""
    days = " and ".join(f"{day_label(d)} at {slot_label(slot)}" for d, slot, _, _ in items)
    back = [deposit for _, _, refund, deposit in items if refund]
    money = (f" Your {fmt_cents(back[0])} deposit is on its way back to you." if len(back) == 1 else
             f" Your deposits ({fmt_cents(sum(back))} in all) are on their way back to you." if back else "")
    return Reply(f"Your bookings on {days} are cancelled.{money} We hope to cook for you another time!",
                 (), "booking_cancelled")


def booking_cancelled(refund: bool, deposit: int) -> Reply:
    text = "Your booking is cancelled."
    if refund:
        text += f" Your {fmt_cents(deposit)} deposit is on its way back to you."
    return Reply(text + " We hope to cook for you another time!", (), "booking_cancelled")


def booking_change_ask(d: date, slot: str) -> Reply:
    """"change my booking" with nothing named: which part of it."""
    return Reply(
        f"Sure — your booking is {day_label(d)} at {slot_label(slot)}. What would you like "
        "to change: the date or time, the number of guests, or the address?",
        (B_CHANGE_DAY, B_CHANGE_GUESTS, B_CHANGE_ADDRESS),
        "booking_change_ask",
    )


def second_party(d: date, slot: str) -> Reply:
    """A new party from a customer who already has one booked: said, so that a change to
    the booked one is not made into a second booking by mistake."""
    return Reply(
        f"Just so you know, you already have a party booked for {day_label(d)} at "
        f"{slot_label(slot)} — this will be a separate party. To change that booking "
        "instead, say “change my booking”.",
        (),
        "second_party",
    )


def other_day_booked(said: date, booked: date, slot: str) -> Reply:
    """A day named for a change that is not the booking's day."""
    return Reply(f"I don't see a booking on {day_label(said)} — yours is on {day_label(booked)} at "
                 f"{slot_label(slot)}.", (), "ack")


def kept(*, several: bool = False, when_only: bool = False) -> Reply:
    """The booking (or bookings) left as it is; ``when_only``: its day and time (a party
    change is asked next)."""
    if when_only:
        return Reply("Okay, the day and time stay as they are.", (), "thanks")
    if several:
        return Reply("Okay, your bookings stay as they are.", (), "thanks")
    return Reply("Okay, your booking stays as it is.", (), "thanks")


def owed_in_all(now: int, on_the_days: int) -> Reply:
    """"how much do i owe in total" with several bookings: the sum of what each still owes."""
    parts = [f"{fmt_cents(now)} in deposits now"] if now else []
    if on_the_days:
        parts.append(f"{fmt_cents(on_the_days)} on the days of the parties")
    return Reply(f"In all you still owe {fmt_cents(now + on_the_days)}: {' and '.join(parts)}.", (), "booking_status")


def reschedule_ask(d: date, slot: str, *, ask: bool = True) -> Reply:
    """The booking being moved; ``ask`` False when the open days that follow ask instead."""
    booked = f"Sure — your booking is {day_label(d)} at {slot_label(slot)}"
    text = (f"{booked}. Which new date and time would you like? (one free change, 72+ hours ahead)"
            if ask else f"{booked}, and it can move once for free (72+ hours ahead).")
    return Reply(text, (), "reschedule_ask")


def _refused(why: str, texts: dict[str, str]) -> Reply:
    """A change the bot may not make: why, and that a person takes over."""
    texts = {"not_active": "That booking can't be changed any more.", **texts}
    return Reply(texts.get(why, why) + " I've asked a person from our team to help.", (), "escalated")


def reschedule_refused(why: str, hours: int) -> Reply:
    return _refused(why, {
        "already_rescheduled": "This booking has already used its free reschedule.",
        "too_late": f"Free rescheduling ends {hours} hours before the event.",
    })


def reschedule_confirm(d: date, slot: str, new_day: date, new_slot: str, *, guests_next: bool = False) -> Reply:
    """The move asked back before it is made (it uses the booking's one free change);
    ``guests_next``: a guest change said meanwhile is asked right after it."""
    first = "Got it — I'll ask about the guests right after this. First: " if guests_next else ""
    return Reply(
        f"{first}Move your booking from {day_label(d)} at {slot_label(slot)} to {day_label(new_day)} at "
        f"{slot_label(new_slot)}? This uses your one free change.",
        (B_YES_MOVE, B_KEEP),
        "reschedule_confirm",
    )


def reschedule_same(d: date, slot: str) -> Reply:
    return Reply(f"Your booking is already on {day_label(d)} at {slot_label(slot)}, so nothing changes.", (),
                 "booking_status")


def booking_rescheduled(d: date, slot: str) -> Reply:
    return Reply(f"Done — your booking is moved to {day_label(d)} at {slot_label(slot)}.", (), "booking_rescheduled")


def party_change_ask(d: date, slot: str, adults: int, kids: int, more: int = 0) -> Reply:
    """How the party changes; ``more`` +1 / -1: guests to add / take off were named, not
    counted ("we need to add people"), so how many more (fewer) is asked."""
    asked = ("How many more adults and kids (12 and under) are coming?" if more > 0
             else "How many fewer adults and kids (12 and under) will there be?" if more < 0
             else "How many adults and how many kids (12 and under) will there be now?")
    return Reply(
        f"Sure — your booking on {day_label(d)} at {slot_label(slot)} is for "
        f"{party_label(adults, kids)}. {asked}",
        (),
        "party_change_ask",
    )


def party_change_confirm(d: date, slot: str, q: Quote, old_total: int) -> Reply:
    return Reply(
        f"Change your booking on {day_label(d)} at {slot_label(slot)} to {_party(q)}? "
        f"The new total is {fmt_cents(q.total_cents)} (was {fmt_cents(old_total)}), "
        "suggested gratuity included; the deposit stays the same.",
        (B_YES_CHANGE, B_KEEP),
        "party_change_confirm",
    )


def party_changed(q: Quote) -> Reply:
    return Reply(
        f"Done — your booking is now for {_party(q)}. New total {fmt_cents(q.total_cents)}.",
        (),
        "party_changed",
    )


def party_change_refused(why: str, lead_hours: int) -> Reply:
    return _refused(why, {"too_late": f"The final guest count is due {lead_hours} hours before the event."})


def payment_confirmed(d: date, slot: str) -> Reply:
    return Reply(
        f"Deposit received — thank you! Your chef is confirmed for {day_label(d)} at {slot_label(slot)}.",
        (),
        "deposit_paid",
    )


# --- messages the business sends on its own (outbox) ------------------------------------


def payment_link_later(d: date, slot: str, deposit: int, pay_url: str) -> Reply:
    return Reply(
        f"Here's the link for your {fmt_cents(deposit)} deposit for {day_label(d)} at "
        f"{slot_label(slot)}: {pay_url}",
        (),
        "payment_link",
    )


def hold_expired(d: date, slot: str) -> Reply:
    return Reply(
        f"Your hold for {day_label(d)} at {slot_label(slot)} has expired because the deposit "
        "wasn't paid, so the date is released. Text us any time to book again!",
        (),
        "hold_expired",
    )


def paid_without_seat(d: date, slot: str) -> Reply:
    return Reply(
        f"We received your deposit, but your hold for {day_label(d)} at {slot_label(slot)} had "
        "expired and the slot was taken. A person from our team will contact you shortly to "
        "find another time or refund you.",
        (),
        "paid_without_seat",
    )


def event_reminder(d: date, slot: str, address: str) -> Reply:
    return Reply(
        f"Reminder: your hibachi chef arrives {day_label(d)} at {slot_label(slot)} at {address}. "
        "Please have an outdoor space ready for the grill. Reply here if anything changed!",
        (),
        "event_reminder",
    )


def hold_expiring(d: date, slot: str, deposit: int, pay_url: str) -> Reply:
    return Reply(
        f"Your hold for {day_label(d)} at {slot_label(slot)} ends in a few hours. Pay the "
        f"{fmt_cents(deposit)} deposit to keep it: {pay_url}",
        (),
        "hold_expiring",
    )


# --- before the engine (webhooks/turns.py) -----------------------------------------------


def sms_help_opted_out(business: str) -> Reply:
    """HELP from a number that opted out: its state and the way back."""
    return Reply(f"{business}: you're unsubscribed and won't get messages from us. Reply START "
                 "to resubscribe.", (), "help")


def sms_opted_out(business: str) -> Reply:
    return Reply(f"You're unsubscribed from {business} messages. Reply START to resubscribe.", (), "opted_out")


def chat_stop() -> Reply:
    """"STOP" in a chat (Telegram, web), where no keyword unsubscribes: what we send there."""
    return Reply("Okay, I'll stop here. I only write in this chat when you message me or about a booking "
                 "you made; you can also mute or block this chat at any time.", (), "opt_out_how")


def sms_opt_out_how() -> Reply:
    """An opt-out asked for in words: the keyword that does it (carriers act on it too)."""
    return Reply("Sorry for the bother! To stop all texts from us, reply STOP (just that word).", (), "opt_out_how")


def sms_opted_in() -> Reply:
    return Reply("You're resubscribed. How can I help with your hibachi party?", (), "opted_in")


def sms_help(business: str) -> Reply:
    return Reply(
        f"{business}: private hibachi chef booking. Reply with your question, or STOP to opt out. "
        "Msg & data rates may apply.",
        (),
        "help",
    )


def text_only() -> Reply:
    return Reply("Thanks! I can only read text messages — could you type that for me?", (), "clarify")


def empty_message() -> Reply:
    return Reply("Hi! How can I help — a price, a date, or a question?", (B_QUOTE, B_BOOK, B_QUESTION), "clarify")
