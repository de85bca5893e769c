"""Retrieval over several vectors per FAQ entry, reranked with lexical overlap.

Each entry is embedded as several passages (its question, each admin-added alternate
phrasing, each answer sentence, and question+answer together). A query is scored
against an entry by the best passage of each kind plus IDF-weighted word overlap; the
weights are a conditional-logit (softmax over the candidates) fit on the tuning set by
``python -m knowledge.train_answerability`` and shipped in knowledge/answerability.json.

The same code ranks candidates fetched from pgvector (service) and an in-memory FAQ
(evaluation), so measured numbers are the product's numbers.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from knowledge import lexical
from knowledge.textnorm import normalize

# Passage kinds stored per entry (faq_vectors.kind).
QUESTION, ALTERNATE, ANSWER, QA = "question", "alternate", "answer", "qa"
KINDS = (QUESTION, ALTERNATE, ANSWER, QA)

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


def split_sentences(text: str) -> list[str]:
    """Answer sentences; very short fragments are merged into the previous sentence."""
    out: list[str] = []
    for part in _SENTENCE.split(text.strip()):
        part = part.strip()
        if not part:
            continue
        if out and len(part.split()) < 4:
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def entry_passages(
    question: str, answer: str, alternates: Sequence[str] = ()
) -> list[tuple[str, str]]:
    """(kind, text) pairs to embed for one entry; texts are normalised like queries."""
    passages = [(QUESTION, normalize(question))]
    passages += [(ALTERNATE, normalize(a)) for a in alternates if a.strip()]
    passages += [(ANSWER, normalize(s)) for s in split_sentences(answer)]
    passages.append((QA, normalize(f"{question} {answer}")))
    return passages


def entry_terms(
    question: str, answer: str, alternates: Sequence[str] = (), tags: Sequence[str] = ()
) -> frozenset[str]:
    """Content words of everything an admin wrote for the entry (for lexical overlap)."""
    return lexical.terms(" ".join([question, answer, *alternates, *tags]))


def question_terms(question: str, alternates: Sequence[str] = ()) -> frozenset[str]:
    return _question_terms(" ".join([question, *alternates]))


@functools.lru_cache(maxsize=4096)
def _question_terms(text: str) -> frozenset[str]:
    # Every search reads the terms of its 10 candidates, mostly the same few entries
    # (0.6 ms a search uncached); keyed by the text, so an edit is a new key.
    return lexical.terms(text)


@dataclass(frozen=True)
class Candidate:
    """An entry as the ranker sees it: its passage vectors (by kind) and its terms."""

    key: str
    vectors: np.ndarray  # (n_passages, dim), unit rows
    kinds: Sequence[str]
    terms: frozenset[str]
    question_terms: frozenset[str] = frozenset()
    text: str = ""  # "question answer", what the answer verifier reads


def verifier_text(question: str, answer: str) -> str:
    """The entry's text for the answer verifier (knowledge/crossenc.py), before
    ``verifier_passage``: cheap, so every candidate carries it."""
    return f"{question} {answer}"


def verifier_passage(text: str) -> str:
    """What the verifier reads of an entry's ``verifier_text``, in training and at search
    time alike: normalised like the message, glossary glosses included (it does not know
    that "propane" is gas any more than the embedder does). At search time it is
    computed only for the entries the verifier reads (knowledge/rerank.py)."""
    return normalize(text) or text


@dataclass(frozen=True)
class Scored:
    key: str
    score: float
    features: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Query:
    """A query prepared once: normalised text, unit vector and content terms."""

    text: str
    normalized: str
    vector: np.ndarray
    terms: frozenset[str]


RANK_FEATURES = ("sim_q", "sim_a", "sim_qa", "lex", "lex_q")


def candidate_features(
    query: Query, cand: Candidate, df: Mapping[str, int], n_docs: int
) -> dict[str, float]:
    """Similarity of the query to one entry, per passage kind, plus word overlap."""
    sims = cand.vectors @ query.vector
    best: dict[str, float] = {}
    for kind, s in zip(cand.kinds, sims.tolist(), strict=True):
        # Alternates are admin-written questions: they count as the question.
        k = QUESTION if kind == ALTERNATE else kind
        if s > best.get(k, -1.0):
            best[k] = s
    sim_q = best.get(QUESTION, 0.0)
    return {
        "sim_q": sim_q,
        "sim_a": best.get(ANSWER, sim_q),
        "sim_qa": best.get(QA, sim_q),
        "lex": lexical.fuzzy_overlap(query.terms, cand.terms, df, n_docs),
        "lex_q": lexical.overlap(query.terms, cand.question_terms, df, n_docs),
    }


def rank(
    query: Query,
    candidates: Sequence[Candidate],
    df: Mapping[str, int],
    n_docs: int,
    weights: Mapping[str, float],
) -> list[Scored]:
    """Candidates best first, scored by a weighted sum of their features."""
    scored = []
    for cand in candidates:
        feats = candidate_features(query, cand, df, n_docs)
        score = sum(weights.get(name, 0.0) * feats[name] for name in RANK_FEATURES)
        scored.append(Scored(cand.key, score, feats))
    scored.sort(key=lambda s: s.score, reverse=True)
    return scored
