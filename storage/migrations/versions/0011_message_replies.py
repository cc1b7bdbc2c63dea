"""message_replies: replies parents confirmed to teachers' messages (never their text)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

ROW_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "message_replies",
        sa.Column("id", ROW_ID, autoincrement=True, nullable=False),
        sa.Column("nonce", sa.String(length=32), nullable=False),
        sa.Column("account_id", ROW_ID, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_message_replies_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["chat_id"],
            ["chats.id"],
            name=op.f("fk_message_replies_chat_id_chats"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_replies")),
        sa.UniqueConstraint("nonce", name=op.f("uq_message_replies_nonce")),
    )
    with op.batch_alter_table("message_replies") as batch:
        batch.create_index(batch.f("ix_message_replies_account_id"), ["account_id"], unique=False)
        batch.create_index(batch.f("ix_message_replies_chat_id"), ["chat_id"], unique=False)
        batch.create_index(batch.f("ix_message_replies_created_at"), ["created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("message_replies") as batch:
        batch.drop_index(batch.f("ix_message_replies_created_at"))
        batch.drop_index(batch.f("ix_message_replies_chat_id"))
        batch.drop_index(batch.f("ix_message_replies_account_id"))
    op.drop_table("message_replies")
