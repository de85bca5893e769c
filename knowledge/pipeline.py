"""One search decision, shared by the database service and the in-memory evaluator."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from knowledge import lexical, rerank
from knowledge.answerability import (
    AnswerabilityModel,
    VerifierStage,
    decision_features,
    load_model,
    nonfaq_similarity,
    offtopic_similarity,
)
from knowledge.crossenc import load_verifier
from knowledge.embedder import Embedder
from knowledge.retrieval import Candidate, Query, Scored, rank, verifier_passage
from knowledge.textnorm import query_text

# Entries reranked per query; recall of the right entry within the top 10 by best
# passage similarity is ~99% on our evaluation sets.
CANDIDATE_ENTRIES = 10
# The verifier's score of an entry with no text to read: far below any it gives.
NO_TEXT = -20.0


@dataclass(frozen=True)
class Decision:
    """Ranked entries (best first) and whether the best one answers the query."""

    answerable: bool
    probability: float
    ranked: list[Scored]
    features: dict[str, float]


def query_terms(normalized: str) -> frozenset[str]:
    """Content terms of an already normalised query (what word overlap counts)."""
    return lexical.terms(normalized, normalized=True)


def prepare_query(embedder: Embedder, text: str) -> Query:
    normalized = query_text(text)
    vector = embedder.embed([normalized or text])[0]
    return Query(text, normalized, vector, query_terms(normalized))


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
    stage = model.verifier
    if stage is not None and ranked:
        answerable, p, ranked = _verify(stage, query, candidates, ranked, (answerable, p), feats)
    return Decision(answerable and bool(ranked), p, ranked, feats)


@functools.lru_cache(maxsize=1)
def _readers() -> ThreadPoolExecutor:
    """Threads for the verifier's further passes (onnxruntime runs a session from several
    threads at once; each run keeps its own single intra-op thread)."""
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="verifier")


def preload_verifier(model_id: str) -> None:
    """Load the answer verifier now (~1 s to build its graph) instead of in the first
    search that needs it."""
    stage = load_model(model_id).verifier
    if stage is not None:
        load_verifier(stage.path)


def _verify(
    stage: VerifierStage,
    query: Query,
    candidates: Sequence[Candidate],
    ranked: list[Scored],
    pipeline: tuple[bool, float],
    feats: dict[str, float],
) -> tuple[bool, float, list[Scored]]:
    """The cross-encoder's pick among the head of the ranking and its second opinion on
    it, unless no score of it could change the outcome. Returns the decision and the
    ranking with the pick first; ``feats`` gains the pipeline's probability and the
    pick's score."""
    p = pipeline[1]
    feats["p_pipeline"] = p
    sure = stage.sure(p)
    if sure is not None:
        # A sure answer or a sure decline skips the verifier's ~5-10 ms: a quarter of the
        # questions and a third of off-topic messages (docs/faq.md, session 20).
        return sure, p, ranked
    ranks = [s.score for s in ranked]
    settled = stage.settled(p, ranks)
    if settled is not None:
        # Reported with the bound that still lands on the same side of the threshold.
        bound = stage.score_min if settled else stage.score_max
        return settled, stage.probability(p, bound, ranks[0] if ranks else 0.0), ranked
    texts = {c.key: c.text for c in candidates}
    verifier = load_verifier(stage.path) if texts.get(ranked[0].key) else None
    if verifier is None:
        return (*pipeline, ranked)  # nothing to read (or no weights): the pipeline's own
    message = query.normalized or query.text

    def score(i: int) -> float:
        text = texts.get(ranked[i].key, "")
        return verifier.score(message, verifier_passage(text)) if text else NO_TEXT

    scores = {0: score(0)}
    ahead = rerank.may_read(ranks, scores[0], stage.rerank)
    if len(ahead) > 1:
        # A third of searches read the whole head (4 more passes of ~13 ms here): two at
        # a time on the two cores halves their wait. Each pass is its own run, so the
        # scores are the ones read one by one (a batch would share int8 activation scales).
        scores.update(zip(ahead, _readers().map(score, ahead), strict=True))
    best, read = rerank.pick(ranks, lambda i: scores[i] if i in scores else score(i), stage.rerank)
    feats["verifier"] = read[best]
    if best:
        feats["reranked_from"] = float(best)
    q = stage.probability(p, read[best], ranks[best])
    return q >= stage.threshold, q, rerank.answer_first(ranked, best)
