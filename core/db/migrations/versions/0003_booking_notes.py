"""bookings.notes: what the customer asked the chef to know (allergies, diets)

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("bookings", sa.Column("notes", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("bookings", "notes")
