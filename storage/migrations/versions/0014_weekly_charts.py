"""chats.weekly_charts: the weekly summary brings each child's grade chart (asked for)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chats") as batch:
        batch.add_column(
            sa.Column("weekly_charts", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("chats") as batch:
        batch.drop_column("weekly_charts")
