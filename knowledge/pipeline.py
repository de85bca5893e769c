"""One search decision, shared by the database service and the in-memory evaluator."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from knowledge import lexical
from knowledge.answerability import (
    AnswerabilityModel,
    decision_features,
    load_model,
    nonfaq_similarity,
    offtopic_similarity,
)
from knowledge.embedder import Embedder
from knowledge.retrieval import Candidate, Query, Scored, rank
from knowledge.textnorm import normalize

# Entries reranked per query; recall of the right entry within the top 10 by best
# passage similarity is ~99% on our evaluation sets.
CANDIDATE_ENTRIES = 10


@dataclass(frozen=True)
class Decision:
    """Ranked entries (best first) and whether the best one answers the query."""

    answerable: bool
    probability: float
    ranked: list[Scored]
    features: dict[str, float]


def prepare_query(embedder: Embedder, text: str) -> Query:
    normalized = normalize(text)
    vector = embedder.embed([normalized or text])[0]
    return Query(text, normalized, vector, lexical.terms(normalized, normalized=True))


def query_from_vector(text: str, vector: np.ndarray) -> Query:
    """A Query whose vector was computed elsewhere (e.g. off the event loop)."""
    normalized = normalize(text)
    return Query(text, normalized, vector, lexical.terms(normalized, normalized=True))


def decide(
    query: Query,
    candidates: Sequence[Candidate],
    df: Mapping[str, int],
    n_docs: int,
    embedder: Embedder,
    model: AnswerabilityModel | None = None,
) -> Decision:
    """Rerank candidates and decide answerability. ``df``/``n_docs`` describe the whole FAQ."""
    model = model or load_model(embedder.model_id)
    # The adapter moves only the reranker's view of the query (see knowledge/adapter.py).
    ranked = rank(model.rank_query(query), candidates, df, n_docs, model.rank_weights)
    feats = decision_features(
        query,
        ranked,
        lexical.coverage(query.terms, df, n_docs),
        nonfaq_similarity(embedder, query.vector),
        offtopic_similarity(embedder, query.vector),
    )
    answerable, p = model.answerable(feats)
    return Decision(answerable and bool(ranked), p, ranked, feats)
