"""FAQ tables: entries, their edit history, their vectors (per embedding model) and the
questions the bot could not answer."""

from __future__ import annotations

import uuid
from datetime import datetime

from pgvector.sqlalchemy import Vector
from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.orm import Mapped, mapped_column

from core.db.base import Base

# HNSW indexes are per model: one expression index per (model id, dimension), partial on
# model_id, so switching embedder is a re-embed, not a migration (the column itself has
# no fixed dimension). Queries must use the same cast and model_id literal.
INDEXED_MODELS: dict[str, int] = {
    "all-MiniLM-L6-v2": 384,
    "all-MiniLM-L6-v2-int8": 384,
    "openai:text-embedding-3-small": 1536,
}


class FaqEntry(Base):
    __tablename__ = "faq_entries"
    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    station_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("stations.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'"))
    alternates: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'"))
    # Stemmed content words of the entry: document frequencies for lexical overlap are
    # computed in SQL from these, so no in-process copy of the FAQ can go stale.
    terms: Mapped[list[str]] = mapped_column(ARRAY(Text), server_default=text("'{}'"))
    active: Mapped[bool] = mapped_column(Boolean, server_default=text("true"))
    updated_by: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (Index("ix_faq_entries_terms", "terms", postgresql_using="gin"),)


class FaqRevision(Base):
    """Snapshot of an entry after each change. No foreign key: history outlives deletes."""

    __tablename__ = "faq_revisions"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    entry_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), index=True)
    station_id: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(Text)  # create | update | delete
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    tags: Mapped[list[str]] = mapped_column(ARRAY(Text))
    alternates: Mapped[list[str]] = mapped_column(ARRAY(Text))
    active: Mapped[bool] = mapped_column(Boolean)
    changed_by: Mapped[str | None] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class FaqVector(Base):
    """One embedded passage of an entry (question, alternate, answer sentence, q+a)."""

    __tablename__ = "faq_vectors"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    entry_id: Mapped[uuid.UUID] = mapped_column(
        UUID(as_uuid=True), ForeignKey("faq_entries.id", ondelete="CASCADE"), index=True
    )
    station_id: Mapped[str] = mapped_column(String(32))
    model_id: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    embedding: Mapped[list[float]] = mapped_column(Vector())

    __table_args__ = (Index("ix_faq_vectors_station_model", "station_id", "model_id"),)


class FaqUnanswered(Base):
    """A question the bot declined; admins attach it to an entry as a new phrasing."""

    __tablename__ = "faq_unanswered"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    station_id: Mapped[str] = mapped_column(
        String(32), ForeignKey("stations.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[str] = mapped_column(Text)
    probability: Mapped[float] = mapped_column(Float)
    best_entry_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
    channel: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_entry_id: Mapped[uuid.UUID | None] = mapped_column(UUID(as_uuid=True))
