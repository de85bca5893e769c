"""The learned query adapter (knowledge/adapter.py): fitting, storage and its use in ranking."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from knowledge.adapter import AdapterGroup, adapt, fit_adapter, load_adapter, save_adapter
from knowledge.answerability import load_model
from knowledge.embedder import LOCAL_MODEL_ID, Embedder, get_embedder
from knowledge.evaluate import load_questions
from knowledge.io import load_faq_file
from knowledge.memory import InMemoryFaq

EVAL = Path(__file__).resolve().parents[2] / "knowledge" / "eval"


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def _rotated_queries(seed: int = 0) -> AdapterGroup:
    """Entries are random unit vectors; each question is its entry's vector pushed away
    along one shared direction (a systematic 'register' shift the adapter can undo)."""
    rng = np.random.default_rng(seed)
    dim, n = 16, 12
    passages = _unit(rng.normal(size=(n, dim)))
    shift = np.zeros(dim)
    shift[0] = 1.6
    gold = np.repeat(np.arange(n), 4)
    queries = _unit(passages[gold] + shift + 0.25 * rng.normal(size=(len(gold), dim)))
    return AdapterGroup(queries, gold, passages, np.arange(n), n)


def _top1(w: np.ndarray | None, g: AdapterGroup) -> float:
    rows = np.stack([adapt(w, q) for q in g.queries]) if w is not None else g.queries
    return float(((rows @ g.passages.T).argmax(axis=1) == g.gold).mean())


def test_adapter_learns_a_systematic_shift_and_generalises_to_new_questions() -> None:
    train, test = _rotated_queries(0), _rotated_queries(0)
    # Same entries, fresh questions: what was learned is the shift, not the questions.
    rng = np.random.default_rng(1)
    fresh = _unit(
        test.passages[test.gold] + np.eye(16)[0] * 1.6 + 0.25 * rng.normal(size=test.queries.shape)
    )
    test = dataclasses.replace(test, queries=fresh)
    w = fit_adapter([train], l2=0.01, steps=200, lr=0.02)
    assert _top1(w, test) > _top1(None, test) + 0.15


def test_strong_regularisation_keeps_the_adapter_near_the_identity() -> None:
    strong = fit_adapter([_rotated_queries()], l2=1000.0, steps=100)
    weak = fit_adapter([_rotated_queries()], l2=0.01, steps=100)
    assert np.linalg.norm(strong - np.eye(16)) < 0.1 * np.linalg.norm(weak - np.eye(16))


def test_adapted_vectors_are_unit_and_no_adapter_is_the_identity() -> None:
    v = _unit(np.arange(1.0, 5.0)).astype(np.float32)
    assert adapt(None, v) is v
    out = adapt(np.diag([2.0, 1.0, 1.0, 1.0]), v)
    assert np.linalg.norm(out) == pytest.approx(1.0, abs=1e-6)
    assert out[0] > v[0]


def test_adapter_file_round_trip(tmp_path: Path) -> None:
    w = np.eye(8) + 0.01 * np.random.default_rng(0).normal(size=(8, 8))
    save_adapter(w, tmp_path / "a.npy")
    assert np.abs(load_adapter(tmp_path / "a.npy") - w).max() < 1e-4


def test_shipped_model_has_a_small_adapter_only_for_its_own_embedding_model() -> None:
    model = load_model(LOCAL_MODEL_ID)
    assert model.adapter is not None and model.adapter.shape == (384, 384)
    # Regularised towards the identity: a nudge, not a new embedding space.
    assert 0.1 < np.linalg.norm(model.adapter - np.eye(384)) < 5.0
    # An embedder without its own fit borrows the weights but never another space's adapter.
    assert load_model("openai:text-embedding-3-large").adapter is None


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return get_embedder("local")


def test_ranking_with_the_adapter_beats_ranking_without_it(embedder: Embedder) -> None:
    """Wiring check on the tuning set: the shipped reranker relies on the adapted vector.
    (Without the verifier, whose pick among the top 5 would hide most of the difference.)"""
    model = dataclasses.replace(load_model(embedder.model_id), verifier=None)
    records = load_faq_file(EVAL / "tuning_faq.yaml")
    qs = [q for q in load_questions(EVAL / "tuning_questions.yaml") if q.expected]
    with_adapter = InMemoryFaq(records, embedder, model)
    without = InMemoryFaq(records, embedder, dataclasses.replace(model, adapter=None))
    hits = [
        sum(faq.search(q.text).ranked[0].key == q.expected for q in qs) / len(qs)
        for faq in (with_adapter, without)
    ]
    assert hits[0] > hits[1] + 0.02
