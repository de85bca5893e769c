"""FAQ service against the real PostgreSQL + pgvector of the test fixtures."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from knowledge.embedder import Embedder, LocalEmbedder, get_embedder
from knowledge.models import FaqRevision, FaqVector
from knowledge.seed import seed_demo_faq
from knowledge.service import FaqNotFound, FaqService

STATION = "kt"  # a private station created inside each test's rolled-back transaction


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return get_embedder("local")


@pytest.fixture
async def session(container: Any) -> AsyncIterator[AsyncSession]:
    """A session inside a transaction that is rolled back after the test."""
    async with container.engine.connect() as conn:
        trans = await conn.begin()
        s = AsyncSession(
            bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        await s.execute(
            text(
                "CREATE TEMP TABLE _kt ON COMMIT DROP AS "
                "SELECT * FROM stations WHERE id = (SELECT min(id) FROM stations)"
            )
        )
        await s.execute(text(f"UPDATE _kt SET id = '{STATION}'"))
        await s.execute(text("INSERT INTO stations SELECT * FROM _kt"))
        try:
            yield s
        finally:
            await s.close()
            await trans.rollback()


async def _vector_texts(s: AsyncSession, entry_id: Any) -> list[str]:
    rows = await s.execute(select(FaqVector.text).where(FaqVector.entry_id == entry_id))
    return sorted(rows.scalars())


async def test_crud_reembeds_and_keeps_history(session: AsyncSession, embedder: Embedder) -> None:
    svc = FaqService(session, embedder)
    e = await svc.create(
        STATION,
        "Do you bring napkins?",
        "Yes, napkins are included.",
        ["setup"],
        updated_by="admin@x",
    )
    before = await _vector_texts(session, e.id)
    assert "do you bring napkins?" in before
    await svc.update(STATION, e.id, question="Do you bring plates?", updated_by="admin@x")
    after = await _vector_texts(session, e.id)
    assert "do you bring plates?" in after and "do you bring napkins?" not in after
    assert len(await svc.history(STATION, e.id)) == 2
    await svc.delete(STATION, e.id, updated_by="admin@x")
    assert await _vector_texts(session, e.id) == []
    actions = (
        (
            await session.execute(
                select(FaqRevision.action)
                .where(FaqRevision.entry_id == e.id)
                .order_by(FaqRevision.id)
            )
        )
        .scalars()
        .all()
    )
    assert actions == ["create", "update", "delete"]
    with pytest.raises(FaqNotFound):
        await svc.get(STATION, e.id)


async def test_edited_answer_is_returned_by_next_search(
    session: AsyncSession, embedder: Embedder
) -> None:
    assert await seed_demo_faq(session, STATION, embedder) > 20
    assert await seed_demo_faq(session, STATION, embedder) == 0  # only on an empty FAQ
    svc = FaqService(session, embedder)
    first = await svc.search("how long does the hibachi show last", STATION)
    assert first.answerable
    top = first.matches[0]
    assert "90 minutes" in top.answer
    await svc.update(STATION, top.id, answer="About two and a half hours, start to finish.")
    second = await svc.search("how long does the hibachi show last", STATION)
    assert second.matches[0].id == top.id
    assert second.matches[0].answer == "About two and a half hours, start to finish."


@pytest.mark.parametrize(
    "question",
    [
        "book me for saturday at 6pm",
        "let me talk to a human",
        "what's the capital of france",
        "the chef was late and the food was cold",
    ],
)
async def test_out_of_scope_is_declined_and_recorded(
    session: AsyncSession, embedder: Embedder, question: str
) -> None:
    await seed_demo_faq(session, STATION, embedder)
    svc = FaqService(session, embedder)
    result = await svc.search(question, STATION, record_unanswered=True, channel="sms")
    assert not result.answerable
    pending = await svc.unanswered(STATION)
    assert [u.question for u in pending] == [question]


async def test_unanswered_question_becomes_an_alternate(
    session: AsyncSession, embedder: Embedder
) -> None:
    svc = FaqService(session, embedder)
    e = await svc.create(STATION, "Do you bring your own propane?", "Yes, always.")
    await svc.search("do you sell gift cards", STATION, record_unanswered=True)
    (u,) = await svc.unanswered(STATION)
    updated = await svc.attach_unanswered(STATION, u.id, e.id)
    assert "do you sell gift cards" in updated.alternates
    assert await svc.unanswered(STATION) == []


async def test_search_can_use_the_hnsw_index(session: AsyncSession, embedder: Embedder) -> None:
    await seed_demo_faq(session, STATION, embedder)
    await session.execute(text("SET LOCAL enable_seqscan = off"))
    vec = "[" + ",".join(["0.05"] * 384) + "]"
    plan = "\n".join(
        (
            await session.execute(
                text(
                    f"EXPLAIN SELECT entry_id FROM faq_vectors WHERE model_id = '{embedder.model_id}' "
                    f"ORDER BY (embedding::vector(384)) <=> '{vec}'::vector(384) LIMIT 10"
                )
            )
        ).scalars()
    )
    assert "ix_faq_vectors_hnsw_minilm_int8" in plan


async def test_entries_stored_by_another_embedder_are_embedded_again(
    session: AsyncSession, embedder: Embedder
) -> None:
    """What start-up does after a switch of embedder (here from the float MiniLM, the
    local model before session 18): the entries are found by the new one, and their old
    vectors go with the first re-embed."""
    old = LocalEmbedder(int8=False)
    e = await FaqService(session, old).create(STATION, "Is parking available?", "Street parking is fine.")
    svc = FaqService(session, embedder)
    assert (await svc.search("where do we park", STATION)).matches == []
    assert await svc.embed_missing() == 1
    assert await svc.embed_missing() == 0
    found = await svc.search("where do we park", STATION)
    assert found.matches[0].id == e.id
    models = (await session.execute(
        select(FaqVector.model_id).where(FaqVector.entry_id == e.id).distinct())).scalars()
    assert list(models) == [embedder.model_id]


async def test_vectors_are_stored_per_model(session: AsyncSession, embedder: Embedder) -> None:
    svc = FaqService(session, embedder)
    e = await svc.create(STATION, "Is parking available?", "Street parking is fine.")
    n = (
        await session.execute(
            select(func.count())
            .select_from(FaqVector)
            .where(FaqVector.entry_id == e.id, FaqVector.model_id == embedder.model_id)
        )
    ).scalar_one()
    assert n >= 3  # question, answer sentence(s), question+answer
    assert await svc.reembed_all(station_id=STATION) == 1


async def test_every_pooled_connection_gets_the_hnsw_search_settings(container: Any) -> None:
    """FAQ searches rely on them (a wider candidate list, and iterative scans so the
    station filter cannot starve a search on the shared index) without spending a round
    trip per search to set them."""
    async with container.engine.connect() as conn:
        ef = (await conn.execute(text("SHOW hnsw.ef_search"))).scalar_one()
        scan = (await conn.execute(text("SHOW hnsw.iterative_scan"))).scalar_one()
    assert (ef, scan) == ("100", "relaxed_order")
