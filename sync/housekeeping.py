"""Periodic upkeep: releasing what quiet hours hold, and forgetting what is no longer
needed (delivered notifications past the retention, abandoned dialogues, used or
expired group codes, workers that stopped beating, calendar links revoked long ago)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.uow import Store
from sync.notices import remind_paused
from sync.quiet import quiet_until

log = logging.getLogger("sync.housekeeping")


async def release_held(store: Store, now: datetime) -> int:
    """Keep held rows due at the end of each chat's current quiet hours; rows of a
    chat whose quiet hours have ended, or were switched off, become due now."""
    moved = 0
    async with store.transaction() as uow:
        for chat in await uow.outbox.held_chats():
            release = quiet_until(now, chat.timezone, chat.quiet_start, chat.quiet_end)
            moved += await uow.outbox.reschedule_held(chat.id, release or now)
    return moved


@dataclass(frozen=True)
class Retention:
    notifications: timedelta = timedelta(days=30)
    conversations: timedelta = timedelta(days=2)
    workers: timedelta = timedelta(days=1)
    #: failed login checks (the longest limit's window is a day)
    login_attempts: timedelta = timedelta(days=2)
    #: a child paused this long: its parents are reminded, once
    paused_reminder: timedelta = timedelta(days=3)
    #: a calendar event's version unchanged this long (a school year and more)
    calendar_events: timedelta = timedelta(days=400)
    #: a revoked calendar link (its token answers 404 either way)
    revoked_calendars: timedelta = timedelta(days=30)
    #: the record of a reply sent to a teacher (the daily cap needs one day)
    replies: timedelta = timedelta(days=30)


async def tidy(store: Store, now: datetime, retention: Retention | None = None) -> dict[str, int]:
    keep = retention or Retention()
    async with store.transaction() as uow:
        removed = {
            "notifications": await uow.outbox.purge_before(now - keep.notifications),
            "conversations": await uow.conversations.purge_before(now - keep.conversations),
            "workers": await uow.workers.forget_before(now - keep.workers),
            "login_attempts": await uow.login_attempts.prune(now - keep.login_attempts),
            "calendar_events": await uow.calendar.purge(
                now - keep.calendar_events, now - keep.revoked_calendars
            ),
            "replies": await uow.replies.purge_before(now - keep.replies),
        }
        await uow.group_codes.purge_expired(now)
        reminded = await remind_paused(uow, now, after=keep.paused_reminder)
    log.info("housekeeping", extra={**removed, "paused_reminders": reminded})
    return removed
