"""A greeting or "quick question" before a texted question is not part of what is asked:
the search reads the question without it (knowledge/textnorm.strip_lead_in)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.embedder import LocalEmbedder
from knowledge.io import load_faq_file
from knowledge.memory import InMemoryFaq
from knowledge.textnorm import query_text, strip_lead_in

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
])
def test_lead_ins_are_dropped_before_the_question(text: str, question: str) -> None:
    assert strip_lead_in(text) == question


def test_query_text_is_the_normalised_question() -> None:
    assert query_text("hi! do u take venmo") == "do you take venmo payment app"


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
