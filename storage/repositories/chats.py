"""Chats (private and group) and their per-chat settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import CalendarFeed, Chat, OutboxMessage, Subscription
from storage.records import ChatRecord

# Settings a chat may change (through /ustawienia); anything else is not a setting.
SETTINGS = frozenset(
    {
        "language",
        "timezone",
        "quiet_start",
        "quiet_end",
        "evening_brief_enabled",
        "evening_brief_time",
        "weekly_summary_enabled",
        "grade_thresholds",
        "forecast_alerts",
        "private_answers",
        "child_topics",
        "weekly_charts",
        "batch_notifications",
        "muted_categories",
    }
)


def chat_record(row: Chat) -> ChatRecord:
    return ChatRecord(
        id=row.id,
        kind=row.kind,
        title=row.title,
        language=row.language,
        timezone=row.timezone,
        quiet_start=row.quiet_start,
        quiet_end=row.quiet_end,
        evening_brief_enabled=row.evening_brief_enabled,
        evening_brief_time=row.evening_brief_time,
        weekly_summary_enabled=row.weekly_summary_enabled,
        batch_notifications=row.batch_notifications,
        muted_categories=tuple(row.muted_categories or ()),
        active=row.active,
        cannot_send_since=row.cannot_send_since,
        grade_thresholds=tuple(row.grade_thresholds) if row.grade_thresholds else None,
        forecast_alerts=row.forecast_alerts,
        private_answers=row.private_answers,
        child_topics=row.child_topics,
        weekly_charts=row.weekly_charts,
    )


class ChatRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def cannot_send(self, chat_id: int, now: datetime) -> datetime:
        """Telegram refused the bot's message here for now: since when (kept)."""
        await self._session.execute(
            update(Chat)
            .where(Chat.id == chat_id, Chat.cannot_send_since.is_(None))
            .values(cannot_send_since=now)
        )
        since = await self._session.scalar(select(Chat.cannot_send_since).where(Chat.id == chat_id))
        return since or now

    async def can_send_again(self, chat_id: int) -> bool:
        """A send worked or the bot's rights came back. True if it was held."""
        result = await self._session.execute(
            update(Chat)
            .where(Chat.id == chat_id, Chat.cannot_send_since.is_not(None))
            .values(cannot_send_since=None)
        )
        return bool(getattr(result, "rowcount", 0))

    async def ensure(
        self,
        chat_id: int,
        kind: str,
        *,
        title: str | None = None,
        language: str | None = None,
        quiet_start: str | None = "21:00",
        quiet_end: str | None = "07:00",
    ) -> ChatRecord:
        """The chat, created with defaults on first contact; reactivated if it was off."""
        row = await self._session.get(Chat, chat_id)
        if row is None:
            row = Chat(
                id=chat_id,
                kind=kind,
                title=title,
                language=language or "pl",
                quiet_start=quiet_start,
                quiet_end=quiet_end,
                muted_categories=[],
            )
            self._session.add(row)
            await self._session.flush()
        else:
            if title is not None and row.title != title:
                row.title = title
            if row.kind != kind:
                row.kind = kind
        return chat_record(row)

    async def get(self, chat_id: int) -> ChatRecord | None:
        row = await self._session.get(Chat, chat_id)
        return None if row is None else chat_record(row)

    async def get_many(self, chat_ids: list[int]) -> dict[int, ChatRecord]:
        if not chat_ids:
            return {}
        rows = await self._session.scalars(select(Chat).where(Chat.id.in_(chat_ids)))
        return {row.id: chat_record(row) for row in rows}

    async def update_settings(self, chat_id: int, **changes: Any) -> ChatRecord:
        unknown = set(changes) - SETTINGS
        if unknown:
            raise ValueError(f"not chat settings: {sorted(unknown)}")
        row = await self._session.get(Chat, chat_id)
        if row is None:
            raise LookupError(f"chat {chat_id} is not known")
        for name, value in changes.items():
            listed = name in ("muted_categories", "grade_thresholds") and value is not None
            setattr(row, name, list(value) if listed else value)
        await self._session.flush()
        return chat_record(row)

    async def set_active(self, chat_id: int, active: bool) -> None:
        await self._session.execute(update(Chat).where(Chat.id == chat_id).values(active=active))

    async def deactivate_and_drop_queue(self, chat_id: int) -> int:
        """The bot was blocked or removed: stop sending there, drop what was waiting."""
        await self.set_active(chat_id, False)
        result = await self._session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.chat_id == chat_id, OutboxMessage.sent_at.is_(None)
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def with_briefs(self) -> list[ChatRecord]:
        """Active chats that asked for the evening brief or the weekly summary."""
        rows = await self._session.scalars(
            select(Chat)
            .where(
                Chat.active.is_(True),
                Chat.evening_brief_enabled.is_(True) | Chat.weekly_summary_enabled.is_(True),
            )
            .order_by(Chat.id)
        )
        return [chat_record(row) for row in rows]

    async def migrate(self, old_id: int, new_id: int) -> None:
        """A group became a supergroup: move subscriptions, settings and the queue over."""
        if old_id == new_id:
            return
        old = await self._session.get(Chat, old_id)
        if old is None:
            return
        new = await self._session.get(Chat, new_id)
        if new is None:
            self._session.add(
                Chat(
                    id=new_id,
                    kind="supergroup",
                    title=old.title,
                    language=old.language,
                    timezone=old.timezone,
                    quiet_start=old.quiet_start,
                    quiet_end=old.quiet_end,
                    evening_brief_enabled=old.evening_brief_enabled,
                    evening_brief_time=old.evening_brief_time,
                    weekly_summary_enabled=old.weekly_summary_enabled,
                    batch_notifications=old.batch_notifications,
                    muted_categories=list(old.muted_categories or ()),
                    grade_thresholds=old.grade_thresholds,
                    forecast_alerts=old.forecast_alerts,
                    private_answers=old.private_answers,
                    weekly_charts=old.weekly_charts,
                    active=True,
                )
            )
            await self._session.flush()
        else:
            new.active = True
        already = set(
            await self._session.scalars(
                select(Subscription.account_id).where(Subscription.chat_id == new_id)
            )
        )
        moving = select(Subscription.id).where(Subscription.chat_id == old_id)
        if already:
            moving = moving.where(Subscription.account_id.not_in(already))
        await self._session.execute(
            update(Subscription)
            .where(Subscription.id.in_(moving.scalar_subquery()))
            .values(chat_id=new_id)
        )
        await self._session.execute(
            update(OutboxMessage).where(OutboxMessage.chat_id == old_id).values(chat_id=new_id)
        )
        # The group's calendar link keeps working: calendars subscribed to it go on.
        await self._session.execute(
            update(CalendarFeed).where(CalendarFeed.chat_id == old_id).values(chat_id=new_id)
        )
        await self._session.execute(delete(Chat).where(Chat.id == old_id))

    async def delete(self, chat_id: int) -> None:
        await self._session.execute(delete(Chat).where(Chat.id == chat_id))
