"""A greeting or "quick question" before a texted question, or thanks and "let me know"
after it, is not part of what is asked: the search reads the question without them
(knowledge/textnorm.strip_lead_in and strip_sign_off)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.embedder import LocalEmbedder
from knowledge.io import load_faq_file
from knowledge.memory import InMemoryFaq
from knowledge.textnorm import query_text, strip_lead_in, strip_sign_off

DEMO = Path(__file__).resolve().parents[2] / "knowledge" / "data" / "demo_faq.yaml"


@pytest.mark.parametrize(("text", "question"), [
    ("hi! what forms of payment do you take", "what forms of payment do you take"),
    ("hello, how long is the show?", "how long is the show?"),
    ("good morning! quick question, is gratuity included?", "is gratuity included?"),
    ("heyy guys, do you do weddings", "do you do weddings"),
    ("hi there, allergies?", "allergies?"),
    ("hey! so what do u guys actually make", "so what do u guys actually make"),
    # Nothing but small talk stays itself (the off-topic features decline it).
    ("hi", "hi"),
    ("hey there", "hey there"),
    ("hello team!", "hello team!"),
    ("okay thanks", "okay thanks"),
    # Words that only begin like a greeting are the question.
    ("hiking trails near me?", "hiking trails near me?"),
    ("so", "so"),
    # Who asks, or that one wonders, is not the question.
    ("my wife wants to know do you bring plates", "do you bring plates"),
    ("hi, i was wondering if you do halal", "you do halal"),
    ("could you tell me the cancellation policy", "the cancellation policy"),
    ("can you tell me", "can you tell me"),
])
def test_lead_ins_are_dropped_before_the_question(text: str, question: str) -> None:
    assert strip_lead_in(text) == question


@pytest.mark.parametrize(("text", "question"), [
    ("do u take venmo? thanks!!", "do u take venmo?"),
    ("how long is the show pls let me know", "how long is the show"),
    ("do you do gluten free, thank you so much", "do you do gluten free"),
    ("when do i pay the rest lmk when you can", "when do i pay the rest"),
    ("is it ok if we cancel? ty", "is it ok if we cancel?"),
    # Thanks alone, or after an acknowledgement, is the message itself.
    ("thanks!!", "thanks!!"),
    ("ok great thank you!", "ok great thank you!"),
    ("do u cater on thanksgiving", "do u cater on thanksgiving"),
])
def test_sign_offs_are_dropped_after_the_question(text: str, question: str) -> None:
    assert strip_sign_off(text) == question


def test_query_text_is_the_normalised_question() -> None:
    assert query_text("hi! do u take venmo? thx") == "do you take venmo payment app?"


@pytest.fixture(scope="module")
def demo() -> InMemoryFaq:
    return InMemoryFaq(load_faq_file(DEMO), LocalEmbedder())


@pytest.mark.parametrize("greeting", ["hi! ", "hello, ", "good morning! quick question: "])
def test_a_greeting_does_not_change_the_answer(demo: InMemoryFaq, greeting: str) -> None:
    bare = demo.search("how long is the show?")
    greeted = demo.search(greeting + "how long is the show?")
    assert bare.answerable and greeted.answerable
    assert greeted.ranked[0].key == bare.ranked[0].key
    assert greeted.probability == pytest.approx(bare.probability)


@pytest.mark.parametrize("asked", [
    "how long is the show pls let me know",  # declined (p 0.04) before the sign-off strip
    "my wife wants to know how long the show is",
    "how long is the show? thanks!",
])
def test_thanks_or_who_asks_does_not_sink_the_answer(demo: InMemoryFaq, asked: str) -> None:
    found = demo.search(asked)
    assert found.answerable and found.ranked[0].key == demo.search("how long is the show?").ranked[0].key
