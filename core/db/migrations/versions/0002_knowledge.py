"""knowledge: FAQ entries, revisions, vectors (pgvector, HNSW per model), unanswered

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from alembic import op
from pgvector.sqlalchemy import Vector
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# (index suffix, model_id, dimension): one partial HNSW expression index per model.
HNSW = [
    ("minilm", "all-MiniLM-L6-v2", 384),
    ("openai_3_small", "openai:text-embedding-3-small", 1536),
]


def _ts(name: str, nullable: bool = False) -> sa.Column[datetime]:
    default = None if nullable else sa.text("now()")
    return sa.Column(name, sa.DateTime(timezone=True), server_default=default, nullable=nullable)


def upgrade() -> None:
    op.execute("CREATE EXTENSION IF NOT EXISTS vector")
    text_array = postgresql.ARRAY(sa.Text())
    op.create_table(
        "faq_entries",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("station_id", sa.String(length=32), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("tags", text_array, server_default=sa.text("'{}'"), nullable=False),
        sa.Column("alternates", text_array, server_default=sa.text("'{}'"), nullable=False),
        sa.Column("terms", text_array, server_default=sa.text("'{}'"), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("updated_by", sa.Text(), nullable=True),
        _ts("created_at"),
        _ts("updated_at"),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["stations.id"],
            ondelete="CASCADE",
            name=op.f("fk_faq_entries_station_id_stations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_faq_entries")),
    )
    op.create_index(op.f("ix_faq_entries_station_id"), "faq_entries", ["station_id"])
    op.create_index("ix_faq_entries_terms", "faq_entries", ["terms"], postgresql_using="gin")
    op.create_table(
        "faq_revisions",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("entry_id", sa.UUID(), nullable=False),
        sa.Column("station_id", sa.String(length=32), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("tags", text_array, nullable=False),
        sa.Column("alternates", text_array, nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("changed_by", sa.Text(), nullable=True),
        _ts("changed_at"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_faq_revisions")),
    )
    op.create_index(op.f("ix_faq_revisions_entry_id"), "faq_revisions", ["entry_id"])
    op.create_table(
        "faq_vectors",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("entry_id", sa.UUID(), nullable=False),
        sa.Column("station_id", sa.String(length=32), nullable=False),
        sa.Column("model_id", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("embedding", Vector(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["faq_entries.id"],
            ondelete="CASCADE",
            name=op.f("fk_faq_vectors_entry_id_faq_entries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_faq_vectors")),
    )
    op.create_index(op.f("ix_faq_vectors_entry_id"), "faq_vectors", ["entry_id"])
    op.create_index("ix_faq_vectors_station_model", "faq_vectors", ["station_id", "model_id"])
    for suffix, model_id, dim in HNSW:
        op.execute(
            f"CREATE INDEX ix_faq_vectors_hnsw_{suffix} ON faq_vectors "
            f"USING hnsw ((embedding::vector({dim})) vector_cosine_ops) "
            f"WHERE model_id = '{model_id}'"
        )
    op.create_table(
        "faq_unanswered",
        sa.Column("id", sa.BigInteger(), autoincrement=True, nullable=False),
        sa.Column("station_id", sa.String(length=32), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("best_entry_id", sa.UUID(), nullable=True),
        sa.Column("channel", sa.Text(), nullable=True),
        _ts("created_at"),
        _ts("resolved_at", nullable=True),
        sa.Column("resolved_entry_id", sa.UUID(), nullable=True),
        sa.ForeignKeyConstraint(
            ["station_id"],
            ["stations.id"],
            ondelete="CASCADE",
            name=op.f("fk_faq_unanswered_station_id_stations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_faq_unanswered")),
    )
    op.create_index(op.f("ix_faq_unanswered_station_id"), "faq_unanswered", ["station_id"])


def downgrade() -> None:
    op.drop_table("faq_unanswered")
    op.drop_table("faq_vectors")
    op.drop_table("faq_revisions")
    op.drop_table("faq_entries")
