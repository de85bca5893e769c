"""An FAQ held in memory: the search pipeline without a database (eval, CLI dry runs)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from knowledge.answerability import AnswerabilityModel
from knowledge.embedder import Embedder
from knowledge.io import FaqRecord
from knowledge.pipeline import CANDIDATE_ENTRIES, Decision, decide, prepare_query
from knowledge.retrieval import (
    Candidate,
    entry_passages,
    entry_terms,
    question_terms,
    verifier_text,
)


class InMemoryFaq:
    """Embeds every entry's passages once; ``search`` mirrors the database path."""

    def __init__(
        self,
        records: Sequence[FaqRecord],
        embedder: Embedder,
        model: AnswerabilityModel | None = None,
    ) -> None:
        self.records = list(records)
        self.embedder = embedder
        self.model = model
        passages = [entry_passages(r.question, r.answer, r.alternates) for r in self.records]
        flat = [text for ps in passages for _, text in ps]
        vectors = embedder.embed(flat) if flat else np.zeros((0, embedder.dim), np.float32)
        self.candidates: list[Candidate] = []
        owner: list[int] = []
        start = 0
        for i, (rec, ps) in enumerate(zip(self.records, passages, strict=True)):
            self.candidates.append(
                Candidate(
                    key=rec.id or str(i),
                    vectors=vectors[start : start + len(ps)],
                    kinds=[k for k, _ in ps],
                    terms=entry_terms(rec.question, rec.answer, rec.alternates, rec.tags),
                    question_terms=question_terms(rec.question, rec.alternates),
                    text=verifier_text(rec.question, rec.answer),
                )
            )
            owner += [i] * len(ps)
            start += len(ps)
        self._all = vectors
        self._owner = np.array(owner, dtype=np.int64)
        self.df: Counter[str] = Counter(t for c in self.candidates for t in c.terms)

    def shortlist(self, vector: np.ndarray, k: int = CANDIDATE_ENTRIES) -> list[Candidate]:
        """Top-k entries by their best passage, like the pgvector nearest-neighbour query."""
        if not self.candidates:
            return []
        best = np.full(len(self.candidates), -2.0, dtype=np.float32)
        np.maximum.at(best, self._owner, self._all @ vector)
        order = np.argsort(-best)[:k]
        return [self.candidates[i] for i in order]

    def search(self, text: str, model: AnswerabilityModel | None = None) -> Decision:
        """``model`` overrides the FAQ's own (training uses per-fold adapters)."""
        query = prepare_query(self.embedder, text)
        return decide(
            query,
            self.shortlist(query.vector),
            self.df,
            len(self.candidates),
            self.embedder,
            model or self.model,
        )
