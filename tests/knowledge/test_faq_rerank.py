"""The learned reranker and the answerability decision (no database)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from knowledge.answerability import (
    MODEL_PATH,
    decision_features,
    fit_conditional_logit,
    load_model,
)
from knowledge.embedder import LOCAL_MODEL_ID, Embedder, get_embedder
from knowledge.io import FaqRecord, load_faq_file
from knowledge.lexical import PREFIX_CREDIT, fuzzy_overlap, overlap
from knowledge.memory import InMemoryFaq
from knowledge.retrieval import RANK_FEATURES, Query, Scored

DEMO = Path(__file__).resolve().parents[2] / "knowledge" / "data" / "demo_faq.yaml"


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return get_embedder("local")


@pytest.fixture(scope="module")
def demo(embedder: Embedder) -> InMemoryFaq:
    return InMemoryFaq(load_faq_file(DEMO), embedder)


def test_truncated_texting_words_get_partial_credit() -> None:
    doc = frozenset({"minimum", "guest", "order"})
    df = {"minimum": 1, "guest": 3, "order": 2}
    assert overlap({"min"}, doc, df, 10) == 0.0
    assert fuzzy_overlap({"min"}, doc, df, 10) == pytest.approx(PREFIX_CREDIT)
    assert fuzzy_overlap({"minimum"}, doc, df, 10) == 1.0
    # Two letters are too little to call a prefix ("mi" could start anything).
    assert fuzzy_overlap({"mi"}, doc, df, 10) == 0.0
    assert fuzzy_overlap({"price"}, doc, df, 10) == 0.0


def test_conditional_logit_learns_which_feature_picks_the_answer() -> None:
    rng = np.random.default_rng(0)
    groups = []
    for _ in range(200):
        x = rng.normal(size=(8, 3))
        right = int(np.argmax(x[:, 0] + 0.3 * rng.normal(size=8)))  # feature 0 decides
        groups.append((x, right))
    w = fit_conditional_logit(groups, l2=1.0)
    assert w[0] > 1.0 and abs(w[1]) < 0.5 and abs(w[2]) < 0.5
    hits = np.mean([int(np.argmax(x @ w)) == right for x, right in groups])
    assert hits > 0.8


def test_shipped_model_has_learned_rank_weights() -> None:
    model = load_model(LOCAL_MODEL_ID)
    assert set(model.rank_weights) == set(RANK_FEATURES)
    # Every embedding similarity must push an entry up.
    assert all(model.rank_weights[f] > 0 for f in ("sim_q", "sim_a", "sim_qa", "lex"))
    data = json.loads(MODEL_PATH.read_text())
    assert "offtopic_gap" in data["models"][LOCAL_MODEL_ID]["features"]


def _query() -> Query:
    return Query("x", "x", np.zeros(3, dtype=np.float32), frozenset({"x"}))


def _scored(key: str, score: float) -> Scored:
    feats = {"sim_q": 0.5, "sim_a": 0.4, "sim_qa": 0.45, "lex": 0.2, "lex_q": 0.1}
    return Scored(key, score, feats)


def test_reranker_confidence_is_the_softmax_share_of_the_top_entry() -> None:
    two = decision_features(_query(), [_scored("a", 2.0), _scored("b", 1.0)], 0.5, 0.2, 0.3)
    assert two["p_top"] == pytest.approx(1 / (1 + np.exp(-1.0)))
    assert two["margin"] == pytest.approx(1.0)
    assert two["offtopic_gap"] == pytest.approx(0.5 - 0.3)
    # A lone entry has no runner-up: no confidence from beating one.
    one = decision_features(_query(), [_scored("a", 2.0)], 0.5, 0.2, 0.3)
    assert one["margin"] == 0.0 and one["p_top"] == 0.5


def test_one_entry_faq_answers_paraphrases_and_declines_the_rest(embedder: Embedder) -> None:
    faq = InMemoryFaq([FaqRecord("Do you bring your own propane?", "Yes, always.")], embedder)
    assert faq.search("will the chef bring gas for the grill").answerable
    assert not faq.search("do you sell gift cards").answerable


@pytest.mark.parametrize(
    "text",
    [
        "is it going to snow on thursday",
        "whats the balance on my visa",
        "remind me to buy diapers",
        "how do i fix a flat tire on my bike",
    ],
)
def test_personal_assistant_requests_are_declined(demo: InMemoryFaq, text: str) -> None:
    decision = demo.search(text)
    assert not decision.answerable
    assert decision.features["offtopic"] > decision.features["nonfaq"]


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("do u guys bring the grill", "customer-provides"),
        ("is there a travel fee to tampa", "travel-fee"),
        ("how many ppl can the chef cook for", "party-size"),
    ],
)
def test_texted_questions_are_answered_from_the_right_entry(
    demo: InMemoryFaq, text: str, entry: str
) -> None:
    decision = demo.search(text)
    assert decision.answerable
    assert decision.ranked[0].key == entry
