"""Counts for operators (metrics gauges, /admin): how many, never who."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Chat, Link, OutboxMessage, SyncState, SynergiaAccount


@dataclass(frozen=True)
class Overview:
    parents: int
    children: int
    private_chats: int
    groups: int
    accounts_by_status: dict[str, int]
    outbox_due: int
    outbox_held: int
    oldest_due: datetime | None
    polls_last_hour: int
    sent_last_hour: int
    errors_by_class: dict[str, int] = field(default_factory=dict)


class StatsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _count(self, query: object) -> int:
        return int(await self._session.scalar(query) or 0)  # type: ignore[call-overload]

    async def accounts_by_status(self) -> dict[str, int]:
        """'active', or the pause reason (invalid_credentials, captcha, ...)."""
        rows = await self._session.execute(
            select(SynergiaAccount.status, SynergiaAccount.pause_reason, func.count()).group_by(
                SynergiaAccount.status, SynergiaAccount.pause_reason
            )
        )
        counts: dict[str, int] = {}
        for status, reason, count in rows.all():
            key = "active" if status == "active" else (reason or "paused")
            counts[key] = counts.get(key, 0) + int(count)
        return counts

    async def outbox(self, now: datetime) -> tuple[int, int, datetime | None]:
        """(rows due now, rows held for quiet hours, the oldest due row's due time)."""
        pending = (OutboxMessage.sent_at.is_(None), OutboxMessage.dropped_at.is_(None))
        due, oldest = (
            await self._session.execute(
                select(func.count(), func.min(OutboxMessage.not_before)).where(
                    *pending, OutboxMessage.not_before <= now
                )
            )
        ).one()
        held = await self._count(
            select(func.count()).where(*pending, OutboxMessage.held_for_quiet_hours.is_(True))
        )
        return int(due or 0), held, oldest

    async def overview(self, now: datetime) -> Overview:
        hour_ago = now - timedelta(hours=1)
        due, held, oldest = await self.outbox(now)
        errors = await self._session.execute(
            select(SyncState.last_error_class, func.count())
            .where(SyncState.last_error_class.is_not(None))
            .group_by(SyncState.last_error_class)
        )
        return Overview(
            parents=await self._count(select(func.count(func.distinct(Link.user_id)))),
            children=await self._count(select(func.count()).select_from(SynergiaAccount)),
            private_chats=await self._count(
                select(func.count()).where(Chat.kind == "private", Chat.active.is_(True))
            ),
            groups=await self._count(
                select(func.count()).where(Chat.kind != "private", Chat.active.is_(True))
            ),
            accounts_by_status=await self.accounts_by_status(),
            outbox_due=due,
            outbox_held=held,
            oldest_due=oldest,
            polls_last_hour=await self._count(
                select(func.count()).where(SyncState.last_attempt_at >= hour_ago)
            ),
            sent_last_hour=await self._count(
                select(func.count()).where(OutboxMessage.sent_at >= hour_ago)
            ),
            errors_by_class={str(k): int(v) for k, v in errors.all()},
        )
