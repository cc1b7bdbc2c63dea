"""Plain, immutable records that repositories hand out instead of ORM objects.

Handlers and the pipeline see only these: no lazy loading, no session state, and no
secret ever (passwords and sessions stay inside `storage.accounts`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class UserRecord:
    id: int
    language_code: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ChatRecord:
    id: int
    kind: str
    title: str | None
    language: str
    timezone: str
    quiet_start: str | None
    quiet_end: str | None
    evening_brief_enabled: bool
    evening_brief_time: str
    weekly_summary_enabled: bool
    batch_notifications: bool
    muted_categories: tuple[str, ...]
    active: bool
    cannot_send_since: datetime | None = None
    #: the forecast's thresholds as the chat set them (None: the usual ones)
    grade_thresholds: tuple[float, ...] | None = None
    #: a message when a subject's forecast falls a whole grade
    forecast_alerts: bool = False
    #: in a group: grades, attendance, notes and message bodies only for who asked
    private_answers: bool = True
    #: in a private chat: each child's news in a topic of its own
    child_topics: bool = False
    #: the weekly summary brings each child's grade chart
    weekly_charts: bool = False

    @property
    def is_private(self) -> bool:
        return self.kind == "private"

    @property
    def has_quiet_hours(self) -> bool:
        return self.quiet_start is not None and self.quiet_end is not None


@dataclass(frozen=True, slots=True)
class AccountRecord:
    """A Synergia account as the bot knows it; never carries the password."""

    id: int
    login: str
    student_name: str
    class_name: str | None
    school_name: str | None
    register_number: int | None
    status: str
    pause_reason: str | None
    paused_at: datetime | None
    created_at: datetime
    holder: str = "unknown"  # parent | pupil | unknown
    child_key: str | None = None

    @property
    def is_paused(self) -> bool:
        return self.status == "paused"


@dataclass(frozen=True, slots=True)
class LinkRecord:
    id: int
    user_id: int
    account_id: int
    child_name: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ChildRecord:
    """A child as one parent sees it: their link, the account and its sync health."""

    link_id: int
    user_id: int
    account_id: int
    child_name: str
    login: str
    student_name: str
    class_name: str | None
    school_name: str | None
    register_number: int | None
    status: str
    pause_reason: str | None
    last_success_at: datetime | None
    last_error_class: str | None
    notifications_paused: bool

    @property
    def is_paused(self) -> bool:
        return self.status == "paused"


@dataclass(frozen=True, slots=True)
class SubscriptionRecord:
    id: int
    chat_id: int
    account_id: int
    link_id: int
    muted_categories: tuple[str, ...]
    paused: bool


@dataclass(frozen=True, slots=True)
class SyncStateRecord:
    account_id: int
    next_poll_at: datetime
    lease_owner: str | None
    lease_until: datetime | None
    last_attempt_at: datetime | None
    last_success_at: datetime | None
    last_error_class: str | None
    consecutive_failures: int
    rebaseline: bool


@dataclass(frozen=True, slots=True)
class KindStateRecord:
    account_id: int
    kind: str
    next_due_at: datetime
    last_success_at: datetime | None
    baseline_done: bool
    absent_until: datetime | None
    consecutive_failures: int
    data_hash: str | None = None


@dataclass(frozen=True, slots=True)
class KindUpdate:
    """What one poll learned of one kind; None leaves last_success_at and baseline_done
    as they were."""

    kind: str
    next_due_at: datetime
    last_success_at: datetime | None = None
    baseline_done: bool | None = None
    absent_until: datetime | None = None
    consecutive_failures: int = 0
    data_hash: str | None = None


@dataclass(frozen=True, slots=True)
class SeenItemRecord:
    kind: str
    item_id: str
    content_hash: str
    data: dict[str, Any]
    missing_fetches: int = 0
    trusted_missing: int = 0
    version: int = 0


@dataclass(frozen=True, slots=True)
class SnapshotRecord:
    account_id: int
    kind: str
    data: dict[str, Any]
    fetched_at: datetime


@dataclass(frozen=True, slots=True)
class OutboxRecord:
    id: int
    chat_id: int
    account_id: int | None
    category: str
    payload: dict[str, Any]
    idempotency_key: str
    created_at: datetime
    not_before: datetime
    held_for_quiet_hours: bool
    attempts: int
    last_error: str | None
    sent_at: datetime | None
    dropped_at: datetime | None
    in_doubt: bool = False
    telegram_message_id: int | None = None


@dataclass(frozen=True, slots=True)
class AudienceRecord:
    """A chat that hears about an account, with what decides how and when."""

    chat_id: int
    kind: str  # private | group | supergroup
    language: str
    timezone: str
    quiet_start: str | None
    quiet_end: str | None
    batch: bool
    muted: tuple[str, ...]  # the chat's and this child's muted categories
    child_name: str
    forecast_alerts: bool = False
    grade_thresholds: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class WorkerRecord:
    name: str
    role: str
    started_at: datetime
    beat_at: datetime
    stats: dict[str, Any]


@dataclass(frozen=True, slots=True)
class GroupCodeRecord:
    id: int
    creator_user_id: int
    account_ids: tuple[int, ...]
    expires_at: datetime
    used_at: datetime | None
    used_chat_id: int | None


@dataclass(frozen=True, slots=True)
class CalendarFeedRecord:
    """A calendar link of a chat (never its token: only a hash of it is stored)."""

    id: int
    chat_id: int
    account_id: int | None  # None: every child the chat sees
    homework: bool
    changes: bool
    created_at: datetime
    etag: str | None
    changed_at: datetime | None
    fetched_at: datetime | None


@dataclass(frozen=True, slots=True)
class EventVersion:
    """How many times an event of a feed changed, and when it last did."""

    sequence: int
    modified_at: datetime
