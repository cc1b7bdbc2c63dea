"""chats: in a family group, answers with grades, attendance, notes and message bodies
go only to the member who asked (on by default; a group's admins may turn it off)

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chats") as batch:
        batch.add_column(
            sa.Column("private_answers", sa.Boolean(), nullable=False, server_default=sa.true())
        )


def downgrade() -> None:
    with op.batch_alter_table("chats") as batch:
        batch.drop_column("private_answers")
