"""All FAQ SQL. Functions take the caller's AsyncSession; they flush, never commit."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from pgvector import Vector
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.db.driver import driver
from knowledge.models import FaqEntry, FaqRevision, FaqUnanswered, FaqVector

_SAFE_MODEL_ID = re.compile(r"^[A-Za-z0-9:._/-]+$")


def _as_array(value: object) -> np.ndarray:
    """A stored vector as float32: pgvector's Vector (binary codec) or a text form."""
    if isinstance(value, Vector):
        return value.to_numpy()
    if isinstance(value, str):
        return np.asarray(Vector.from_text(value).to_list(), dtype=np.float32)
    return np.asarray(value, dtype=np.float32)


async def get_entry(
    session: AsyncSession, station_id: str | None, entry_id: uuid.UUID
) -> FaqEntry | None:
    """The entry with this id; ``station_id`` None: whichever station it belongs to (ids are
    UUIDs, unique across stations)."""
    stmt = select(FaqEntry).where(FaqEntry.id == entry_id)
    if station_id is not None:
        stmt = stmt.where(FaqEntry.station_id == station_id)
    return (await session.execute(stmt)).scalar_one_or_none()


async def list_entries(
    session: AsyncSession,
    station_id: str,
    *,
    limit: int | None = None,
    after: uuid.UUID | None = None,
    active_only: bool = False,
) -> list[FaqEntry]:
    """Entries ordered by id (a stable cursor: pass the last id as ``after``)."""
    stmt = select(FaqEntry).where(FaqEntry.station_id == station_id).order_by(FaqEntry.id)
    if after is not None:
        stmt = stmt.where(FaqEntry.id > after)
    if active_only:
        stmt = stmt.where(FaqEntry.active.is_(True))
    if limit is not None:
        stmt = stmt.limit(limit)
    return list((await session.execute(stmt)).scalars())


async def all_entry_ids(session: AsyncSession, station_id: str | None = None) -> list[uuid.UUID]:
    stmt = select(FaqEntry.id).order_by(FaqEntry.id)
    if station_id is not None:
        stmt = stmt.where(FaqEntry.station_id == station_id)
    return list((await session.execute(stmt)).scalars())


async def count_entries(session: AsyncSession, station_id: str) -> int:
    stmt = select(func.count()).select_from(FaqEntry).where(FaqEntry.station_id == station_id)
    return int((await session.execute(stmt)).scalar_one())


async def add_entry(session: AsyncSession, entry: FaqEntry) -> FaqEntry:
    session.add(entry)
    await session.flush()
    return entry


async def touch_entry(session: AsyncSession, entry: FaqEntry) -> None:
    entry.updated_at = datetime.now().astimezone()
    await session.flush()


async def delete_entry(session: AsyncSession, entry: FaqEntry) -> None:
    await session.delete(entry)
    await session.flush()


async def add_revision(
    session: AsyncSession, entry: FaqEntry, action: str, changed_by: str | None
) -> None:
    session.add(
        FaqRevision(
            entry_id=entry.id,
            station_id=entry.station_id,
            action=action,
            question=entry.question,
            answer=entry.answer,
            tags=list(entry.tags),
            alternates=list(entry.alternates),
            active=entry.active,
            changed_by=changed_by,
        )
    )
    await session.flush()


async def revisions(session: AsyncSession, entry_id: uuid.UUID) -> list[FaqRevision]:
    stmt = select(FaqRevision).where(FaqRevision.entry_id == entry_id).order_by(FaqRevision.id)
    return list((await session.execute(stmt)).scalars())


async def replace_vectors(
    session: AsyncSession,
    entry: FaqEntry,
    model_id: str,
    passages: Sequence[tuple[str, str]],
    vectors: np.ndarray,
) -> None:
    """Swap an entry's vectors for ``model_id``'s. Every other model's go too: after an
    edit they are stale, and a switch back re-embeds the entry (``entries_without_vectors``)."""
    await session.execute(delete(FaqVector).where(FaqVector.entry_id == entry.id))
    session.add_all(
        FaqVector(
            entry_id=entry.id,
            station_id=entry.station_id,
            model_id=model_id,
            kind=kind,
            text=passage,
            embedding=vec,
        )
        for (kind, passage), vec in zip(passages, vectors, strict=True)
    )
    await session.flush()


async def entries_without_vectors(session: AsyncSession, model_id: str) -> list[uuid.UUID]:
    """Entries (any station) with no vector of ``model_id``: stored before a switch of
    embedder, or edited under another one."""
    has = select(FaqVector.id).where(FaqVector.entry_id == FaqEntry.id, FaqVector.model_id == model_id)
    stmt = select(FaqEntry.id).where(~has.exists()).order_by(FaqEntry.created_at, FaqEntry.id)
    return list((await session.execute(stmt)).scalars())


@dataclass(frozen=True)
class ShortlistEntry:
    """A candidate entry with every passage vector it has for the query's model."""

    id: uuid.UUID
    question: str
    answer: str
    terms: list[str]
    alternates: list[str]
    passages: list[tuple[str, np.ndarray]]


async def shortlist(
    session: AsyncSession,
    station_id: str,
    model_id: str,
    dim: int,
    vector: np.ndarray,
    *,
    rows: int = 60,
    entries: int = 10,
) -> list[ShortlistEntry]:
    """The entries owning the passages nearest the query (pgvector cosine distance),
    nearest first, with all their passages: one round trip.

    The cast and the model_id literal match the partial HNSW expression index of the
    migration, so the planner can use it; iterative scan (set per connection by
    core.db.engine) keeps the station filter from starving the result on a shared index.
    Sent straight to asyncpg (core/db/driver.py): this runs on every FAQ question, and
    the vectors arrive in pgvector's binary form, read as arrays without copying.
    """
    if not _SAFE_MODEL_ID.match(model_id):
        raise ValueError(f"unsafe model id {model_id!r}")
    dim = int(dim)
    sql = f"""
        WITH nearest AS (
            SELECT entry_id, min(dist) AS dist FROM (
                SELECT v.entry_id,
                       (v.embedding::vector({dim})) <=> $1::vector({dim}) AS dist
                FROM faq_vectors v JOIN faq_entries e ON e.id = v.entry_id
                WHERE v.model_id = '{model_id}' AND v.station_id = $2 AND e.active
                ORDER BY (v.embedding::vector({dim})) <=> $1::vector({dim})
                LIMIT $3
            ) hits
            GROUP BY entry_id ORDER BY dist LIMIT $4
        )
        SELECT n.entry_id, e.question, e.answer, e.terms, e.alternates, p.kind, p.embedding
        FROM nearest n
        JOIN faq_entries e ON e.id = n.entry_id
        JOIN faq_vectors p ON p.entry_id = n.entry_id AND p.model_id = '{model_id}'
        ORDER BY n.dist, n.entry_id, p.id
        """
    raw = await driver(session)
    found: dict[uuid.UUID, ShortlistEntry] = {}
    for r in await raw.fetch(sql, np.asarray(vector, dtype=np.float32), station_id, rows, entries):
        entry = found.get(r["entry_id"])
        if entry is None:
            entry = found[r["entry_id"]] = ShortlistEntry(
                r["entry_id"], r["question"], r["answer"], list(r["terms"] or ()),
                list(r["alternates"] or ()), [],
            )
        entry.passages.append((r["kind"], _as_array(r["embedding"])))
    return list(found.values())


async def doc_freq(
    session: AsyncSession, station_id: str, terms: Iterable[str]
) -> tuple[dict[str, int], int]:
    """How many active entries contain each term, and how many active entries there are.

    One round trip: the count comes back as the row whose term is NULL. Sent straight
    to asyncpg, like the shortlist: it runs on every FAQ question, beside the query's
    embedding, whose two cores it shares.
    """
    raw = await driver(session)
    rows = await raw.fetch(
        """
        SELECT NULL::text, count(*) FROM faq_entries
        WHERE station_id = $1 AND active
        UNION ALL
        SELECT t, count(*) FROM faq_entries e, unnest(e.terms) AS t
        WHERE e.station_id = $1 AND e.active AND e.terms && $2::text[] AND t = ANY($2::text[])
        GROUP BY t
        """,
        station_id,
        sorted(set(terms)),
    )
    df: dict[str, int] = {}
    n_docs = 0
    for t, n in rows:
        if t is None:
            n_docs = int(n)
        else:
            df[str(t)] = int(n)
    return df, n_docs


async def add_unanswered(
    session: AsyncSession,
    station_id: str,
    question: str,
    probability: float,
    best_entry_id: uuid.UUID | None,
    channel: str | None,
) -> FaqUnanswered:
    row = FaqUnanswered(
        station_id=station_id,
        question=question,
        probability=probability,
        best_entry_id=best_entry_id,
        channel=channel,
    )
    session.add(row)
    await session.flush()
    return row


async def list_unanswered(
    session: AsyncSession, station_id: str, *, include_resolved: bool = False, limit: int = 100
) -> list[FaqUnanswered]:
    stmt = (
        select(FaqUnanswered)
        .where(FaqUnanswered.station_id == station_id)
        .order_by(FaqUnanswered.id.desc())
        .limit(limit)
    )
    if not include_resolved:
        stmt = stmt.where(FaqUnanswered.resolved_at.is_(None))
    return list((await session.execute(stmt)).scalars())


async def resolve_unanswered(
    session: AsyncSession, station_id: str, unanswered_id: int, entry_id: uuid.UUID
) -> FaqUnanswered | None:
    await session.execute(
        update(FaqUnanswered)
        .where(FaqUnanswered.id == unanswered_id, FaqUnanswered.station_id == station_id)
        .values(resolved_at=func.now(), resolved_entry_id=entry_id)
    )
    return (
        await session.execute(
            select(FaqUnanswered).where(
                FaqUnanswered.id == unanswered_id, FaqUnanswered.station_id == station_id
            )
        )
    ).scalar_one_or_none()
