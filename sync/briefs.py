"""Queues the evening brief and the weekly summary for the chats that asked for them.

A tick (every minute) puts one outbox row per chat and day (or week) once the chat's
local time has passed the chosen hour, keyed so that it is queued once however many
ticks and workers see it; a worker that was down at 19:00 still queues it until 22:00
(or, for the summary, until the end of that day). The text is written when it is sent.

The catch-up after an absence is queued by the poll that sees the child back, once
per chat and absence, and written when it is sent too.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from storage.records import AudienceRecord, ChatRecord
from storage.repositories.outbox import NewOutboxRow
from storage.uow import Store
from sync import kinds as K
from sync.quiet import parse_hhmm, quiet_until
from sync.revision import Away

EVENING = "evening_brief"
WEEKLY = "weekly_summary"
CATCH_UP = "catch_up"
BRIEF_TYPES = frozenset({EVENING, WEEKLY, CATCH_UP})
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EVENING_WINDOW = timedelta(hours=3)


def _within(local: datetime, at: time | None, window: timedelta) -> bool:
    if at is None:
        return False
    start = local.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return start <= local < start + window


def briefs_due(
    chat: ChatRecord, now: datetime, *, weekly_day: str, weekly_time: str
) -> list[NewOutboxRow]:
    local = now.astimezone(ZoneInfo(chat.timezone))
    rows = []
    if chat.evening_brief_enabled and _within(
        local, parse_hhmm(chat.evening_brief_time), EVENING_WINDOW
    ):
        tomorrow = local.date() + timedelta(days=1)
        rows.append(
            NewOutboxRow(
                chat_id=chat.id,
                account_id=None,
                category="brief",
                payload={"type": EVENING, "day": tomorrow.isoformat()},
                idempotency_key=f"brief:{chat.id}:{local.date().isoformat()}",
                not_before=now,
            )
        )
    if (
        chat.weekly_summary_enabled
        and DAYS[local.weekday()] == weekly_day
        and _within(local, parse_hhmm(weekly_time), timedelta(hours=24))  # until midnight
    ):
        first, last = school_week(local.date())
        rows.append(
            NewOutboxRow(
                chat_id=chat.id,
                account_id=None,
                category="brief",
                payload={"type": WEEKLY, "first": first.isoformat(), "last": last.isoformat()},
                idempotency_key=f"weekly:{chat.id}:{last.isoformat()}",
                not_before=now,
            )
        )
    return rows


def school_week(day: date) -> tuple[date, date]:
    """Monday to Friday of the school week a summary sent on `day` is about: this week
    from Friday on (Friday evening, the weekend), otherwise the week before."""
    monday = day - timedelta(days=day.weekday())
    if day.weekday() < 4:
        monday -= timedelta(days=7)
    return monday, monday + timedelta(days=4)


async def queue_briefs(store: Store, now: datetime, *, weekly_day: str, weekly_time: str) -> int:
    async with store.transaction() as uow:
        chats = await uow.chats.with_briefs()
        rows = [
            row
            for chat in chats
            for row in briefs_due(chat, now, weekly_day=weekly_day, weekly_time=weekly_time)
        ]
        return await uow.outbox.enqueue(rows, now) if rows else 0


def catch_up_rows(
    away: Away, account_id: int, audience: list[AudienceRecord], now: datetime
) -> list[NewOutboxRow]:
    """What the child missed, once per chat that has not turned it off (the category
    `catch_up`), keyed by the absence's first day so that it comes once."""
    rows = []
    for chat in audience:
        if K.CATCH_UP in chat.muted:
            continue
        release = quiet_until(now, chat.timezone, chat.quiet_start, chat.quiet_end)
        rows.append(
            NewOutboxRow(
                chat_id=chat.chat_id,
                account_id=account_id,
                category=K.CATCH_UP,
                payload={
                    "type": CATCH_UP,
                    "account_id": account_id,
                    "first": away.first.isoformat(),
                    "last": away.last.isoformat(),
                    "days": away.days,
                },
                idempotency_key=f"catchup:{chat.chat_id}:{account_id}:{away.first.isoformat()}",
                not_before=release or now,
                held_for_quiet_hours=release is not None,
            )
        )
    return rows
