"""The transactional outbox: one row per chat and event, delivered by the sender.

Rows are inserted in the same transaction as the seen-state they come from; the
UNIQUE idempotency key makes a repeated insert (a retried poll) a no-op.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Chat, OutboxMessage, Subscription
from storage.records import ChatRecord, OutboxRecord
from storage.repositories.chats import chat_record


@dataclass(frozen=True, slots=True)
class NewOutboxRow:
    chat_id: int
    account_id: int | None
    category: str
    #: JSON; its shapes are declared by the pipeline (sync.payloads), not here
    payload: Mapping[str, Any]
    idempotency_key: str
    not_before: datetime
    held_for_quiet_hours: bool = False


def outbox_record(row: OutboxMessage) -> OutboxRecord:
    return OutboxRecord(
        id=row.id,
        chat_id=row.chat_id,
        account_id=row.account_id,
        category=row.category,
        payload=dict(row.payload),
        idempotency_key=row.idempotency_key,
        created_at=row.created_at,
        not_before=row.not_before,
        held_for_quiet_hours=row.held_for_quiet_hours,
        attempts=row.attempts,
        last_error=row.last_error,
        sent_at=row.sent_at,
        dropped_at=row.dropped_at,
        in_doubt=row.in_doubt,
        telegram_message_id=row.telegram_message_id,
    )


class OutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def enqueue(self, rows: Iterable[NewOutboxRow], now: datetime) -> int:
        """Insert rows; ones whose idempotency key exists are skipped. Returns inserted."""
        values = [
            {
                "chat_id": r.chat_id,
                "account_id": r.account_id,
                "category": r.category,
                "payload": dict(r.payload),
                "idempotency_key": r.idempotency_key,
                "created_at": now,
                "not_before": r.not_before,
                "held_for_quiet_hours": r.held_for_quiet_hours,
                "attempts": 0,
            }
            for r in rows
        ]
        if not values:
            return 0
        dialect = self._session.bind.dialect.name if self._session.bind else "sqlite"
        inserter = postgresql.insert if dialect == "postgresql" else sqlite.insert
        inserted = 0
        for start in range(0, len(values), 200):
            stmt = (
                inserter(OutboxMessage)
                .values(values[start : start + 200])
                .on_conflict_do_nothing(index_elements=["idempotency_key"])
                .returning(OutboxMessage.id)
            )
            result = await self._session.execute(stmt)
            inserted += len(result.scalars().all())
        return inserted

    def _claimable(self, now: datetime) -> Any:
        return (
            OutboxMessage.sent_at.is_(None),
            OutboxMessage.dropped_at.is_(None),
            OutboxMessage.not_before <= now,
            or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
        )

    async def due_chats(self, now: datetime, *, limit: int) -> list[ChatRecord]:
        """Active chats with rows to send now, the longest waiting first."""
        oldest = func.min(OutboxMessage.not_before)
        rows = await self._session.execute(
            select(Chat, oldest)
            .join(OutboxMessage, OutboxMessage.chat_id == Chat.id)
            .where(Chat.active.is_(True), *self._claimable(now))
            .group_by(Chat.id)
            .order_by(oldest, Chat.id)
            .limit(limit)
        )
        return [chat_record(chat) for chat, _ in rows]

    async def claim_for_chat(
        self, chat_id: int, now: datetime, *, until: datetime, limit: int
    ) -> list[OutboxRecord]:
        """Take a chat's due rows for sending until `until` (committed before the send).
        A row whose earlier claim ran out unsent may have reached Telegram: in doubt."""
        ids = (
            select(OutboxMessage.id)
            .where(OutboxMessage.chat_id == chat_id, *self._claimable(now))
            .order_by(OutboxMessage.not_before, OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        result = await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids.scalar_subquery()))
            .values(
                claimed_until=until,
                in_doubt=case(
                    (OutboxMessage.claimed_until.is_not(None), True), else_=OutboxMessage.in_doubt
                ),
            )
            .returning(OutboxMessage)
        )
        rows = sorted(result.scalars().all(), key=lambda r: (r.not_before, r.id))
        return [outbox_record(row) for row in rows]

    async def mark_in_doubt(self, ids: list[int]) -> None:
        """The send may have reached Telegram (a timeout after the request went out)."""
        await self._session.execute(
            update(OutboxMessage).where(OutboxMessage.id.in_(ids)).values(in_doubt=True)
        )

    async def release(self, ids: list[int]) -> None:
        """Give claimed rows back untouched (nothing was sent)."""
        await self._session.execute(
            update(OutboxMessage).where(OutboxMessage.id.in_(ids)).values(claimed_until=None)
        )

    async def count_of_type(self, event_type: str) -> int:
        """Rows announcing one kind of event (checks and statistics)."""
        rows = await self._session.scalars(select(OutboxMessage.payload))
        return sum(1 for payload in rows if (payload or {}).get("type") == event_type)

    async def in_doubt_count(self) -> int:
        return int(
            await self._session.scalar(
                select(func.count()).select_from(OutboxMessage).where(OutboxMessage.in_doubt)
            )
            or 0
        )

    async def held_chats(self) -> list[ChatRecord]:
        """Chats with rows that quiet hours are holding."""
        rows = await self._session.scalars(
            select(Chat)
            .where(
                Chat.id.in_(
                    select(OutboxMessage.chat_id).where(
                        OutboxMessage.held_for_quiet_hours.is_(True),
                        OutboxMessage.sent_at.is_(None),
                        OutboxMessage.dropped_at.is_(None),
                    )
                )
            )
            .order_by(Chat.id)
        )
        return [chat_record(row) for row in rows]

    async def reschedule_held(self, chat_id: int, not_before: datetime) -> int:
        """Move a chat's held rows to the (new) end of its quiet hours."""
        result = await self._session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.chat_id == chat_id,
                OutboxMessage.held_for_quiet_hours.is_(True),
                OutboxMessage.sent_at.is_(None),
                OutboxMessage.dropped_at.is_(None),
                OutboxMessage.not_before != not_before,
            )
            .values(not_before=not_before)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def next_due_at(self) -> datetime | None:
        return await self._session.scalar(
            select(func.min(OutboxMessage.not_before))
            .join(Chat, Chat.id == OutboxMessage.chat_id)
            .where(
                OutboxMessage.sent_at.is_(None),
                OutboxMessage.dropped_at.is_(None),
                Chat.active.is_(True),
            )
        )

    async def mark_sent(self, ids: list[int], at: datetime, message_id: int | None) -> int:
        result = await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids), OutboxMessage.sent_at.is_(None))
            .values(sent_at=at, telegram_message_id=message_id, last_error=None, claimed_until=None)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def record_failure(self, ids: list[int], error: str, retry_at: datetime) -> None:
        await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids))
            .values(
                attempts=OutboxMessage.attempts + 1,
                last_error=error[:500],
                not_before=retry_at,
                claimed_until=None,
            )
        )

    async def release_chat(self, chat_id: int, now: datetime) -> int:
        """A chat held back (the bot could not write there) takes its queue now."""
        result = await self._session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.chat_id == chat_id,
                OutboxMessage.sent_at.is_(None),
                OutboxMessage.dropped_at.is_(None),
                OutboxMessage.not_before > now,
                OutboxMessage.held_for_quiet_hours.is_(False),
            )
            .values(not_before=now)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def postpone(self, ids: list[int], until: datetime) -> None:
        """Move rows later without counting an attempt (rate limits, not failures)."""
        await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids))
            .values(not_before=until, claimed_until=None)
        )

    async def drop(self, ids: list[int], at: datetime, reason: str) -> None:
        await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids))
            .values(dropped_at=at, last_error=reason[:500], claimed_until=None)
        )

    async def for_chat_since(self, chat_id: int, since: datetime) -> list[OutboxRecord]:
        """The chat's notifications since a time, newest first (the timeline)."""
        rows = await self._session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.chat_id == chat_id,
                OutboxMessage.created_at >= since,
                # Given up by age (an outage) is still news the chat should find here.
                or_(
                    OutboxMessage.dropped_at.is_(None),
                    OutboxMessage.last_error.startswith("expired: "),
                ),
            )
            .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
        )
        return [outbox_record(row) for row in rows]

    async def pending_for_chat(self, chat_id: int) -> list[OutboxRecord]:
        rows = await self._session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.chat_id == chat_id,
                OutboxMessage.sent_at.is_(None),
                OutboxMessage.dropped_at.is_(None),
            )
            .order_by(OutboxMessage.id)
        )
        return [outbox_record(row) for row in rows]

    async def delete_for(self, chat_id: int, account_id: int) -> None:
        """Forget what a chat was sent (or would be sent) about one account."""
        await self._session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.chat_id == chat_id, OutboxMessage.account_id == account_id
            )
        )

    async def has_key_prefix(self, prefix: str) -> bool:
        """Whether a row whose idempotency key starts so was ever queued (and kept)."""
        found = await self._session.scalar(
            select(OutboxMessage.id)
            .where(OutboxMessage.idempotency_key.startswith(prefix))
            .limit(1)
        )
        return found is not None

    async def forget_unfollowed(self, account_id: int) -> int:
        """Forget what chats that no longer follow the account were sent or would be
        sent about it (queued and held rows, and their timeline)."""
        following = select(Subscription.chat_id).where(Subscription.account_id == account_id)
        result = await self._session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.account_id == account_id, OutboxMessage.chat_id.not_in(following)
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def purge_before(self, before: datetime) -> int:
        """Housekeeping: delivered or dropped rows older than the retention."""
        result = await self._session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.created_at < before,
                (OutboxMessage.sent_at.is_not(None)) | (OutboxMessage.dropped_at.is_not(None)),
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)
