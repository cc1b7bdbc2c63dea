"""The database schema (SQLAlchemy 2 declarative models).

These classes never leave `storage/`: repositories turn rows into the plain records of
`storage.records`. Secrets are only ever stored as blobs from `storage.crypto`.

Telegram ids are BIGINT (up to 52 significant bits). Times are stored as UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar, override

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    TypeDecorator,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Autoincrement keys: BIGINT on PostgreSQL, INTEGER (the rowid alias) on SQLite.
RowId = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out, on every backend."""

    impl = DateTime(timezone=True)
    cache_ok = True

    @override
    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use aware UTC times")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    @override
    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(), dict[str, Any]: JSON}


class TelegramUser(Base):
    __tablename__ = "telegram_users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language_code: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Chat(Base):
    __tablename__ = "chats"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(16))  # private | group | supergroup
    title: Mapped[str | None] = mapped_column(String(256))
    language: Mapped[str] = mapped_column(String(8), default="pl")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Warsaw")
    # "HH:MM" local times; both None = no quiet hours.
    quiet_start: Mapped[str | None] = mapped_column(String(5))
    quiet_end: Mapped[str | None] = mapped_column(String(5))
    evening_brief_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    evening_brief_time: Mapped[str] = mapped_column(String(5), default="19:00")
    weekly_summary_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    batch_notifications: Mapped[bool] = mapped_column(Boolean, default=True)
    muted_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The school's five thresholds for the report-card forecast; None: the usual ones.
    grade_thresholds: Mapped[list[float] | None] = mapped_column(JSON, nullable=True)
    # A message when a subject's forecast falls a whole grade (asked for in /ustawienia).
    forecast_alerts: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # In a group: grades, attendance, notes and message bodies only for who asked.
    private_answers: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # In a private chat: each child's news in a topic of its own (Bot API 9.3).
    child_topics: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The weekly summary brings each child's grade chart (asked for in /ustawienia).
    weekly_charts: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Since when Telegram refuses the bot's messages here (a restricted bot, slow
    # mode): the queue is held, not dropped; cleared by the next send that works.
    cannot_send_since: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class SynergiaAccount(Base):
    """One Synergia login, shared by every parent who linked it."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    password_ct: Mapped[bytes] = mapped_column(LargeBinary)
    session_ct: Mapped[bytes | None] = mapped_column(LargeBinary)
    student_name: Mapped[str] = mapped_column(String(200), default="")
    class_name: Mapped[str | None] = mapped_column(String(32))
    school_name: Mapped[str | None] = mapped_column(String(300))
    register_number: Mapped[int | None] = mapped_column(Integer)
    # Whose login: parent | pupil | unknown; and the child it reaches (see holder.py).
    holder: Mapped[str] = mapped_column(String(16), default="unknown", server_default="unknown")
    child_key: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active | paused
    pause_reason: Mapped[str | None] = mapped_column(String(32))
    paused_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Link(Base):
    """A parent (Telegram user) linked a Synergia account, calling the child a name."""

    __tablename__ = "links"
    __table_args__ = (UniqueConstraint("user_id", "account_id"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("telegram_users.id", ondelete="CASCADE"), index=True
    )
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    child_name: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Subscription(Base):
    """A chat follows an account; `link_id` is the parent who put it there."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("chat_id", "account_id"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("chats.id", ondelete="CASCADE", onupdate="CASCADE"), index=True
    )
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    link_id: Mapped[int] = mapped_column(ForeignKey("links.id", ondelete="CASCADE"), index=True)
    muted_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SyncState(Base):
    """Scheduling and health of one account's polling."""

    __tablename__ = "sync_state"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    next_poll_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None]
    last_attempt_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_error_class: Mapped[str | None] = mapped_column(String(64))
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    # Set when a poll finds the account untouched for long (re-link, long pause):
    # the next complete fetch of each kind is a silent baseline.
    rebaseline: Mapped[bool] = mapped_column(Boolean, default=False)
    # A poll asked for while one was running: the running poll's end keeps it.
    soon_at: Mapped[datetime | None]


class KindState(Base):
    """Per account and kind of data: when it is due and what is known about it."""

    __tablename__ = "kind_state"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    next_due_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_success_at: Mapped[datetime | None]
    baseline_done: Mapped[bool] = mapped_column(Boolean, default=False)
    # The school does not give this module: skip until then (re-checked daily).
    absent_until: Mapped[datetime | None]
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    # Fingerprint of the last answer and of what its diff depended on, kept only when
    # that diff left nothing pending: the same fingerprint again means nothing to do.
    data_hash: Mapped[str | None] = mapped_column(String(64))


class SeenItem(Base):
    """What was last seen of one item: its content hash and what rendering a change needs."""

    __tablename__ = "seen_items"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(160), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Fetches in a row without this item, and how many of them were trustworthy
    # (not suspiciously short); see sync.diff for when that makes a deletion.
    missing_fetches: Mapped[int] = mapped_column(Integer, default=0)
    trusted_missing: Mapped[int] = mapped_column(Integer, default=0)
    # Announced changes so far (part of each change's idempotency key).
    version: Mapped[int] = mapped_column(Integer, default=0)
    first_seen_at: Mapped[datetime] = mapped_column(default=utcnow)


class Snapshot(Base):
    """The latest fetched data of one kind, for commands."""

    __tablename__ = "snapshots"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)


class OutboxMessage(Base):
    """One notification for one chat, waiting for (or done with) delivery."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "sent_at", "not_before"),
        Index("ix_outbox_chat", "chat_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    chat_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("chats.id", ondelete="CASCADE", onupdate="CASCADE")
    )
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    category: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    idempotency_key: Mapped[str] = mapped_column(String(255), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    not_before: Mapped[datetime] = mapped_column(default=utcnow)
    # Set while quiet hours hold the row: it goes out in the morning digest.
    held_for_quiet_hours: Mapped[bool] = mapped_column(Boolean, default=False)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    # Set (and committed) just before the send: a row found claimed after the claim
    # ran out may have reached Telegram already, and is resent once as "in doubt".
    claimed_until: Mapped[datetime | None]
    in_doubt: Mapped[bool] = mapped_column(Boolean, default=False)
    sent_at: Mapped[datetime | None]
    dropped_at: Mapped[datetime | None]
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger)


class Worker(Base):
    """A running process and its parts, with a heartbeat (for health checks)."""

    __tablename__ = "workers"

    name: Mapped[str] = mapped_column(String(128), primary_key=True)
    role: Mapped[str] = mapped_column(String(32))
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    beat_at: Mapped[datetime] = mapped_column(default=utcnow)
    # What it last did (claims, sends...), for the health endpoint and /admin.
    stats: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class GroupLinkCode(Base):
    """A one-time code that shares children into a group (stored as a hash)."""

    __tablename__ = "group_link_codes"

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    creator_user_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("telegram_users.id", ondelete="CASCADE"), index=True
    )
    account_ids: Mapped[list[int]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    used_chat_id: Mapped[int | None] = mapped_column(BigInteger)


class LoginAttempt(Base):
    """Failed login checks made through the bot, per Synergia login and per Telegram
    user, so that guesses are limited across dialogues and restarts.

    The subject is a SHA-256 of the scope and the login or user id, never the login or
    id itself; a row holds only the times of recent failures and lapses with them
    (housekeeping deletes it), so it is a short-lived security record, not personal
    data kept about anyone."""

    __tablename__ = "login_attempts"

    subject: Mapped[str] = mapped_column(String(64), primary_key=True)
    scope: Mapped[str] = mapped_column(String(16))
    failures_at: Mapped[list[str]] = mapped_column(JSON, default=list)
    told_at: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class CalendarFeed(Base):
    """A subscribed calendar link of one chat: all the chat's children, or one.

    Only a SHA-256 of the link's token is stored, so the link is shown once, when it is
    made; renewing makes a new token and revokes the old. `etag` and `changed_at` are
    those of the last body served, so Last-Modified says when the feed last changed."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    chat_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("chats.id", ondelete="CASCADE", onupdate="CASCADE"), index=True
    )
    # None: every child the chat sees.
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    homework: Mapped[bool] = mapped_column(Boolean, default=False)
    changes: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    etag: Mapped[str | None] = mapped_column(String(80))
    changed_at: Mapped[datetime | None]
    fetched_at: Mapped[datetime | None]


class CalendarEvent(Base):
    """What a feed last said of one event, so that SEQUENCE and LAST-MODIFIED move only
    when the event does. Kept per child, shared by every feed that shows it."""

    __tablename__ = "calendar_events"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    uid: Mapped[str] = mapped_column(String(200), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    modified_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class MessageReply(Base):
    """A reply a parent confirmed to a teacher's message: when, to which message, how
    it ended (sending, sent, unknown, refused), never its text. The confirmation's
    nonce is unique, so a second press of the same 'Wyślij' cannot send it again."""

    __tablename__ = "message_replies"

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    nonce: Mapped[str] = mapped_column(String(32), unique=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    chat_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("chats.id", ondelete="CASCADE", onupdate="CASCADE"), index=True
    )
    message_id: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished_at: Mapped[datetime | None]


class ChatTopic(Base):
    """The topic of a private chat where one child's news goes (Telegram's id of it)."""

    __tablename__ = "chat_topics"

    chat_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("chats.id", ondelete="CASCADE", onupdate="CASCADE"),
        primary_key=True,
    )
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    thread_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ConversationState(Base):
    """aiogram FSM state of one conversation (never holds a password)."""

    __tablename__ = "conversation_state"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


__all__ = [
    "Base",
    "CalendarEvent",
    "CalendarFeed",
    "Chat",
    "ConversationState",
    "GroupLinkCode",
    "KindState",
    "Link",
    "LoginAttempt",
    "OutboxMessage",
    "SeenItem",
    "Snapshot",
    "Subscription",
    "SyncState",
    "SynergiaAccount",
    "TelegramUser",
    "Worker",
    "utcnow",
]
