"""FAQ use cases: admin edits (re-embedded on every change), search, import/export.

``FaqService(session, embedder)`` only flushes; the caller's unit of work commits. No
entry is cached in process, so an edit is visible to the very next search.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import DomainError
from knowledge import repository as repo
from knowledge.embedder import Embedder, embed_async, embed_soon
from knowledge.io import FaqRecord, validate_entry
from knowledge.models import FaqEntry, FaqUnanswered
from knowledge.pipeline import CANDIDATE_ENTRIES, decide, query_terms
from knowledge.retrieval import (
    Candidate,
    Query,
    entry_passages,
    entry_terms,
    question_terms,
    verifier_text,
)
from knowledge.textnorm import query_text

ProgressCallback = Callable[[int, int], None]


class FaqNotFound(DomainError):
    code = "faq_not_found"
    status = 404

    def __init__(self, entry_id: uuid.UUID | str) -> None:
        super().__init__(f"No FAQ entry {entry_id}.")
        self.entry_id = entry_id


@dataclass(frozen=True)
class Match:
    """An entry of a search's result. ``score`` is the reranker's; the first match is the
    verifier's pick (knowledge/rerank.py), so it may score below the second."""

    id: uuid.UUID
    question: str
    answer: str
    score: float


@dataclass(frozen=True)
class SearchResult:
    """``answerable``: the first match answers the question with confidence."""

    answerable: bool
    matches: list[Match]
    probability: float = 0.0
    features: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "answerable": self.answerable,
            "probability": round(self.probability, 4),
            "matches": [
                {
                    "id": str(m.id),
                    "question": m.question,
                    "answer": m.answer,
                    "score": round(m.score, 4),
                }
                for m in self.matches
            ],
        }


def entry_as_dict(e: FaqEntry) -> dict[str, Any]:
    """The API shape of an entry."""
    return {
        "id": str(e.id),
        "station_id": e.station_id,
        "question": e.question,
        "answer": e.answer,
        "tags": list(e.tags or []),
        "alternates": list(e.alternates or []),
        "active": e.active,
        "updated_by": e.updated_by,
        "created_at": e.created_at.isoformat() if e.created_at else None,
        "updated_at": e.updated_at.isoformat() if e.updated_at else None,
    }


class FaqService:
    def __init__(self, session: AsyncSession, embedder: Embedder) -> None:
        self.s = session
        self.embedder = embedder

    # -- edits ------------------------------------------------------------------------------

    async def _embed_entry(self, entry: FaqEntry) -> None:
        passages = entry_passages(entry.question, entry.answer, entry.alternates or [])
        vectors = await embed_async(self.embedder, [t for _, t in passages])
        await repo.replace_vectors(self.s, entry, self.embedder.model_id, passages, vectors)

    @staticmethod
    def _set_terms(entry: FaqEntry) -> None:
        entry.terms = sorted(
            entry_terms(entry.question, entry.answer, entry.alternates or [], entry.tags or [])
        )

    async def create(
        self,
        station_id: str,
        question: str,
        answer: str,
        tags: Sequence[str] = (),
        alternates: Sequence[str] = (),
        *,
        updated_by: str | None = None,
        active: bool = True,
    ) -> FaqEntry:
        rec = validate_entry(
            {
                "question": question,
                "answer": answer,
                "tags": list(tags),
                "alternates": list(alternates),
            }
        )
        entry = FaqEntry(
            id=uuid.uuid4(),
            station_id=station_id,
            question=rec.question,
            answer=rec.answer,
            tags=rec.tags,
            alternates=rec.alternates,
            active=active,
            updated_by=updated_by,
        )
        self._set_terms(entry)
        await repo.add_entry(self.s, entry)
        await self._embed_entry(entry)
        await repo.add_revision(self.s, entry, "create", updated_by)
        return entry

    async def get(self, station_id: str | None, entry_id: uuid.UUID) -> FaqEntry:
        """One entry; ``station_id`` None finds it in any station."""
        entry = await repo.get_entry(self.s, station_id, entry_id)
        if entry is None:
            raise FaqNotFound(entry_id)
        return entry

    async def list_entries(
        self, station_id: str, *, limit: int = 100, after: uuid.UUID | None = None
    ) -> tuple[list[FaqEntry], uuid.UUID | None]:
        """A page of entries and the cursor of the next page (None at the end)."""
        rows = await repo.list_entries(self.s, station_id, limit=limit + 1, after=after)
        more = len(rows) > limit
        rows = rows[:limit]
        return rows, (rows[-1].id if more and rows else None)

    async def update(
        self,
        station_id: str | None,
        entry_id: uuid.UUID,
        *,
        question: str | None = None,
        answer: str | None = None,
        tags: Sequence[str] | None = None,
        alternates: Sequence[str] | None = None,
        active: bool | None = None,
        updated_by: str | None = None,
    ) -> FaqEntry:
        """Change given fields; the entry is re-embedded before this returns."""
        entry = await self.get(station_id, entry_id)
        rec = validate_entry(
            {
                "question": entry.question if question is None else question,
                "answer": entry.answer if answer is None else answer,
                "tags": list(entry.tags if tags is None else tags),
                "alternates": list(entry.alternates if alternates is None else alternates),
            }
        )
        entry.question, entry.answer = rec.question, rec.answer
        entry.tags, entry.alternates = rec.tags, rec.alternates
        if active is not None:
            entry.active = active
        entry.updated_by = updated_by
        self._set_terms(entry)
        await repo.touch_entry(self.s, entry)
        await self._embed_entry(entry)
        await repo.add_revision(self.s, entry, "update", updated_by)
        return entry

    async def delete(
        self, station_id: str | None, entry_id: uuid.UUID, *, updated_by: str | None = None
    ) -> None:
        entry = await self.get(station_id, entry_id)
        await repo.add_revision(self.s, entry, "delete", updated_by)
        await repo.delete_entry(self.s, entry)

    async def history(self, station_id: str, entry_id: uuid.UUID) -> list[dict[str, Any]]:
        revs = await repo.revisions(self.s, entry_id)
        return [
            {
                "action": r.action,
                "question": r.question,
                "answer": r.answer,
                "tags": list(r.tags),
                "alternates": list(r.alternates),
                "active": r.active,
                "changed_by": r.changed_by,
                "changed_at": r.changed_at.isoformat(),
            }
            for r in revs
            if r.station_id == station_id
        ]

    # -- bulk -------------------------------------------------------------------------------

    async def import_records(
        self,
        station_id: str,
        records: Sequence[FaqRecord],
        *,
        updated_by: str | None = None,
        replace: bool = False,
        progress: ProgressCallback | None = None,
    ) -> list[FaqEntry]:
        """Add validated records (``replace`` deletes the station's entries first).

        Records come from ``knowledge.io`` already validated, so a bad file never gets here;
        the caller's transaction makes the import all-or-nothing.
        """
        if replace:
            for entry_id in await repo.all_entry_ids(self.s, station_id):
                await self.delete(station_id, entry_id, updated_by=updated_by)
        created = []
        for i, rec in enumerate(records, 1):
            created.append(
                await self.create(
                    station_id,
                    rec.question,
                    rec.answer,
                    rec.tags,
                    rec.alternates,
                    updated_by=updated_by,
                )
            )
            if progress:
                progress(i, len(records))
        return created

    async def export_records(self, station_id: str) -> list[FaqRecord]:
        entries = await repo.list_entries(self.s, station_id)
        return [
            FaqRecord(
                question=e.question,
                answer=e.answer,
                tags=list(e.tags),
                alternates=list(e.alternates),
                station=e.station_id,
            )
            for e in entries
        ]

    async def reembed_all(
        self, progress: ProgressCallback | None = None, station_id: str | None = None
    ) -> int:
        """Re-embed every entry with the current embedder (after changing the text
        normalisation, which the model id does not show)."""
        return await self._reembed(await repo.all_entry_ids(self.s, station_id), progress)

    async def embed_missing(self, progress: ProgressCallback | None = None) -> int:
        """Embed the entries that have no vectors of the current model (run at start-up,
        so a switch of embedder needs no manual step)."""
        return await self._reembed(await repo.entries_without_vectors(self.s, self.embedder.model_id), progress)

    async def _reembed(self, ids: Sequence[uuid.UUID], progress: ProgressCallback | None) -> int:
        for i, entry_id in enumerate(ids, 1):
            entry = await self.s.get(FaqEntry, entry_id)
            if entry is not None:
                self._set_terms(entry)
                await self._embed_entry(entry)
            if progress:
                progress(i, len(ids))
        return len(ids)

    # -- search -----------------------------------------------------------------------------

    async def search(
        self,
        q: str,
        station_id: str,
        *,
        limit: int = 5,
        record_unanswered: bool = False,
        channel: str | None = None,
    ) -> SearchResult:
        """Nearest entries from pgvector, reranked; ``answerable`` from the fitted model."""
        text = q.strip()
        if not text:
            return SearchResult(False, [])
        normalized = query_text(text)
        terms = query_terms(normalized)
        # The word statistics need only the text: fetch them while the embedding is
        # computed in its thread (one statement at a time still runs on the session). The
        # thread is handed the work now, not when this coroutine first waits (~1 ms later).
        embedding = embed_soon(self.embedder, [normalized or text])
        try:
            df, n_docs = await repo.doc_freq(self.s, station_id, terms)
        finally:
            vector = (await embedding)[0]
        query = Query(text, normalized, vector, terms)
        found = await repo.shortlist(
            self.s, station_id, self.embedder.model_id, self.embedder.dim, vector,
            entries=CANDIDATE_ENTRIES,
        )
        entries = {str(e.id): e for e in found}
        candidates = [
            Candidate(
                key=str(e.id),
                vectors=np.stack([v for _, v in e.passages]),
                kinds=[k for k, _ in e.passages],
                terms=frozenset(e.terms),
                question_terms=question_terms(e.question, e.alternates),
                text=verifier_text(e.question, e.answer),
            )
            for e in found
        ]
        # Off the event loop, like the embedding: the verifier may spend ~20 ms of CPU.
        decision = await asyncio.to_thread(decide, query, candidates, df, n_docs, self.embedder)
        matches = [
            Match(entries[s.key].id, entries[s.key].question, entries[s.key].answer, s.score)
            for s in decision.ranked[:limit]
        ]
        result = SearchResult(decision.answerable, matches, decision.probability, decision.features)
        if record_unanswered and not result.answerable:
            await repo.add_unanswered(
                self.s,
                station_id,
                text,
                decision.probability,
                matches[0].id if matches else None,
                channel,
            )
        return result

    # -- unanswered questions ---------------------------------------------------------------

    async def unanswered(self, station_id: str, *, limit: int = 100) -> list[FaqUnanswered]:
        return await repo.list_unanswered(self.s, station_id, limit=limit)

    async def attach_unanswered(
        self,
        station_id: str,
        unanswered_id: int,
        entry_id: uuid.UUID,
        *,
        updated_by: str | None = None,
    ) -> FaqEntry:
        """Add an unanswered question to an entry as a new phrasing and mark it resolved."""
        entry = await self.get(station_id, entry_id)
        row = await repo.resolve_unanswered(self.s, station_id, unanswered_id, entry_id)
        if row is None:
            raise FaqNotFound(f"unanswered {unanswered_id}")
        alternates = [*entry.alternates, row.question]
        return await self.update(station_id, entry_id, alternates=alternates, updated_by=updated_by)
