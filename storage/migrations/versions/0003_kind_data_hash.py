"""kind state: a fingerprint of the last fetched answer and what it was diffed against,
so an unchanged answer is neither diffed nor rewritten

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 01:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("kind_state") as batch:
        batch.add_column(sa.Column("data_hash", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("kind_state") as batch:
        batch.drop_column("data_hash")
