"""Intent classification: varied texting language, context, and out-of-scope messages."""

from __future__ import annotations

import pytest

from bot.nlu import IntentResult, classify_intent

CASES: dict[str, list[str]] = {
    "greeting": ["hi", "Hello!", "hey there", "good morning", "yo", "what can you do", "help"],
    "quote": [
        "how much for 12 people?",
        "what would it cost for 10 adults and 2 kids",
        "can I get a quote",
        "what are your prices",
        "price per person?",
        "how much does it run for a party of 20",
    ],
    "book": [
        "I want to book a chef",
        "book 12 adults on dec 12",
        "we'd like to reserve a hibachi party for my son's birthday",
        "can i schedule an event for next saturday",
        "ready to book!",
        "let's do it, lock in the 19th",
    ],
    "availability": [
        "is dec 12 available?",
        "are you free on the 20th",
        "any openings next weekend?",
        "do you have availability on christmas eve",
    ],
    "faq": [
        "do you bring the plates?",
        "what's on the menu",
        "do you charge for travel?",
        "is gratuity included?",
        "what happens if it rains?",
        "can you accommodate a shellfish allergy",
        "how much is the deposit",
        "what is your cancellation policy",
        "if I cancel do I get my deposit back?",
        "can the chef cook indoors?",
        "what if the chef is running late?",
        "is it possible to have the chef cook on our balcony?",
        # session 21: a policy question after an interjection, or about booking
        "wait if i cancel later do i get my money back",
        "hold on, how far in advance can i cancel and get money back",
        "wait before i book, is the deposit refundable if it rains?",
    ],
    "human": [
        "can I talk to a real person",
        "agent",
        "please call me",
        "I want to speak with a manager",
        "representative please",
    ],
    "complaint": [
        "the chef never showed up!!",
        "this was terrible, I want a refund",
        "we all got food poisoning",
        "your chef was rude and unprofessional",
        "no-show, worst experience ever",
        "my party is saturday and the chef is not here yet!!!",
        "wheres the chef??",
        "its 6:20 and nobody showed",
        "my friend booked you last month and the food was cold",
        "the steak was kinda raw",
        "the chef still hasnt shown up",
        # session 21: suing, not the name Sue
        "i'm going to sue you",
        "we will sue",
    ],
    "cancel_booking": ["cancel my booking", "cancel", "please cancel our reservation",
                       "we need to call off the party"],
    "reschedule_booking": ["can we reschedule?", "move my booking to the 20th",
                           "need to change the date of our event", "can we postpone"],
    "booking_status": ["did my deposit go through?", "what's the status of my booking",
                       "am I booked?", "is my reservation confirmed",
                       "how many people did i book for", "what time is my party again"],
    "affirm": ["yes", "yep", "Sure!", "sounds good", "correct", "ok", "👍", "yes please"],
    "deny": ["no", "nope", "not now", "wrong", "nah", "no thanks"],
    "thanks": ["thanks!", "thank you so much", "thx", "appreciate it"],
    "bye": ["bye", "see ya", "have a good night", "ok thanks bye"],
    "inform": ["12 adults 3 kids 95112", "next saturday at 6", "95112",
               "123 Main St, San Jose", "my email is ana@example.com"],
    "unknown": ["asdfgh", "what's the weather", "play a song", "book a flight to paris",
                "how much money is in my bank account", "what is the exchange rate for euros",
                "cancel my gym membership", "?!"],
}


@pytest.mark.parametrize(
    ("intent", "text"), [(intent, text) for intent, texts in CASES.items() for text in texts]
)
def test_intents(intent: str, text: str) -> None:
    assert classify_intent(text).intent == intent


def test_sue_the_name_is_no_complaint() -> None:
    assert classify_intent("hey im Sue, want a quote for 10 adults 95112").intent != "complaint"


@pytest.mark.parametrize(
    ("text", "expecting", "intent"),
    [
        ("John", "name", "inform"),
        ("Maria Lopez", "name", "inform"),
        ("12", "adults", "inform"),
        ("next friday", "date", "inform"),
        ("yes", "confirm", "affirm"),
        ("no, it's 15 people", "confirm", "deny"),
        ("yes that's right", "confirm", "affirm"),
    ],
)
def test_context_from_expecting(text: str, expecting: str, intent: str) -> None:
    assert classify_intent(text, expecting=expecting).intent == intent


def test_goal_beats_facts_and_greeting() -> None:
    assert classify_intent("hi! how much for 12 adults on dec 12?").intent == "quote"
    assert classify_intent("hey, can I book a chef for 15 ppl next sat").intent == "book"


def test_confidence_is_meaningful() -> None:
    clear = classify_intent("yes", expecting="confirm")
    weak = classify_intent("asdfgh")
    assert 0.0 <= weak.confidence < clear.confidence <= 1.0
    assert classify_intent("I want to book a chef").confidence >= 0.7
    assert classify_intent("what's the weather").confidence <= 0.6


def test_result_type() -> None:
    r = classify_intent("hello")
    assert isinstance(r, IntentResult)
    assert r == IntentResult(r.intent, r.confidence)
