"""faq_vectors: the HNSW index of the int8 MiniLM (the local embedder since session 18)

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Partial on the model id, cast to its dimension: the shape of 0002's indexes, which
    # the shortlist query (knowledge/repository.py) is written to match.
    op.execute(
        "CREATE INDEX ix_faq_vectors_hnsw_minilm_int8 ON faq_vectors "
        "USING hnsw ((embedding::vector(384)) vector_cosine_ops) "
        "WHERE model_id = 'all-MiniLM-L6-v2-int8'"
    )


def downgrade() -> None:
    op.execute("DROP INDEX ix_faq_vectors_hnsw_minilm_int8")
