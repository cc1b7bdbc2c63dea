"""chats: the school's thresholds for the report-card forecast (None: the usual ones)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 14:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chats") as batch:
        batch.add_column(sa.Column("grade_thresholds", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("chats") as batch:
        batch.drop_column("grade_thresholds")
