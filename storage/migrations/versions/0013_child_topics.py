"""chats.child_topics and chat_topics: a topic per child in a parent's private chat

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 15:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

ROW_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("chats") as batch:
        batch.add_column(
            sa.Column("child_topics", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    op.create_table(
        "chat_topics",
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("account_id", ROW_ID, nullable=False),
        sa.Column("thread_id", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_chat_topics_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["chat_id"],
            ["chats.id"],
            name=op.f("fk_chat_topics_chat_id_chats"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("chat_id", "account_id", name=op.f("pk_chat_topics")),
    )


def downgrade() -> None:
    op.drop_table("chat_topics")
    with op.batch_alter_table("chats") as batch:
        batch.drop_column("child_topics")
