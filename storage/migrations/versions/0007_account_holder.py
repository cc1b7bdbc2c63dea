"""accounts: whose login it is (a parent's or the pupil's) and the child it reaches

One child may be linked through two logins (the parent's own and the pupil's); the
child key (its Users id within its school, hashed) makes them one account to the bot.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 05:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(
            sa.Column("holder", sa.String(16), nullable=False, server_default="unknown")
        )
        batch.add_column(sa.Column("child_key", sa.String(64), nullable=True))
        batch.create_index("ix_accounts_child_key", ["child_key"])


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.drop_index("ix_accounts_child_key")
        batch.drop_column("child_key")
        batch.drop_column("holder")
