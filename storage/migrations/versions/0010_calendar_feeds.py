"""calendar_feeds and calendar_events: subscribed calendar links and their events' versions

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

ROW_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "calendar_feeds",
        sa.Column("id", ROW_ID, autoincrement=True, nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("account_id", ROW_ID, nullable=True),
        sa.Column("homework", sa.Boolean(), nullable=False),
        sa.Column("changes", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("etag", sa.String(length=80), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_calendar_feeds_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["chat_id"],
            ["chats.id"],
            name=op.f("fk_calendar_feeds_chat_id_chats"),
            onupdate="CASCADE",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feeds")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendar_feeds_token_hash")),
    )
    with op.batch_alter_table("calendar_feeds") as batch:
        batch.create_index(batch.f("ix_calendar_feeds_account_id"), ["account_id"], unique=False)
        batch.create_index(batch.f("ix_calendar_feeds_chat_id"), ["chat_id"], unique=False)
    op.create_table(
        "calendar_events",
        sa.Column("account_id", ROW_ID, nullable=False),
        sa.Column("uid", sa.String(length=200), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("modified_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_calendar_events_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("account_id", "uid", name=op.f("pk_calendar_events")),
    )
    with op.batch_alter_table("calendar_events") as batch:
        batch.create_index(batch.f("ix_calendar_events_modified_at"), ["modified_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("calendar_events") as batch:
        batch.drop_index(batch.f("ix_calendar_events_modified_at"))
    op.drop_table("calendar_events")
    with op.batch_alter_table("calendar_feeds") as batch:
        batch.drop_index(batch.f("ix_calendar_feeds_chat_id"))
        batch.drop_index(batch.f("ix_calendar_feeds_account_id"))
    op.drop_table("calendar_feeds")
