"""Calendar links of chats, and the versions of the events their feeds show.

A link's token is never stored: only its SHA-256, so the database cannot give a link
away. One chat has at most one live link per scope (a child, or all its children):
making a new one revokes the old in the same transaction.

Event versions are kept per child and per UID, bumped only when an event's content
changes, so two feeds of the same child (the parent's and the family group's) agree,
and a calendar client sees a higher SEQUENCE exactly when something moved.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import CalendarEvent, CalendarFeed
from storage.records import CalendarFeedRecord, EventVersion


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _record(row: CalendarFeed) -> CalendarFeedRecord:
    return CalendarFeedRecord(
        id=row.id,
        chat_id=row.chat_id,
        account_id=row.account_id,
        homework=row.homework,
        changes=row.changes,
        created_at=row.created_at,
        etag=row.etag,
        changed_at=row.changed_at,
        fetched_at=row.fetched_at,
    )


class CalendarRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def create(
        self,
        token: str,
        chat_id: int,
        account_id: int | None,
        now: datetime,
        *,
        homework: bool,
        changes: bool,
    ) -> CalendarFeedRecord:
        """A new link for this scope; the scope's earlier link stops working."""
        await self.revoke_scope(chat_id, account_id, now)
        row = CalendarFeed(
            token_hash=hash_token(token),
            chat_id=chat_id,
            account_id=account_id,
            homework=homework,
            changes=changes,
            created_at=now,
        )
        self._session.add(row)
        await self._session.flush()
        return _record(row)

    async def live(self, chat_id: int) -> list[CalendarFeedRecord]:
        rows = await self._session.scalars(
            select(CalendarFeed)
            .where(CalendarFeed.chat_id == chat_id, CalendarFeed.revoked_at.is_(None))
            .order_by(CalendarFeed.id)
        )
        return [_record(row) for row in rows]

    async def by_token(self, token: str) -> CalendarFeedRecord | None:
        """The live link with this token (a revoked or unknown one gives None)."""
        row = await self._session.scalar(
            select(CalendarFeed).where(
                CalendarFeed.token_hash == hash_token(token), CalendarFeed.revoked_at.is_(None)
            )
        )
        return None if row is None else _record(row)

    async def revoke_scope(self, chat_id: int, account_id: int | None, now: datetime) -> int:
        scope = (
            CalendarFeed.account_id.is_(None)
            if account_id is None
            else CalendarFeed.account_id == account_id
        )
        result = await self._session.execute(
            update(CalendarFeed)
            .where(CalendarFeed.chat_id == chat_id, CalendarFeed.revoked_at.is_(None), scope)
            .values(revoked_at=now)
        )
        return int(getattr(result, "rowcount", 0))

    async def set_options(self, chat_id: int, *, homework: bool, changes: bool) -> None:
        """What every live link of the chat includes (the links stay the same)."""
        await self._session.execute(
            update(CalendarFeed)
            .where(CalendarFeed.chat_id == chat_id, CalendarFeed.revoked_at.is_(None))
            .values(homework=homework, changes=changes)
        )

    async def served(self, feed_id: int, etag: str, now: datetime) -> datetime:
        """Note a body served; when it differs from the last one, it changed now. Returns
        when the feed last changed (its Last-Modified)."""
        row = await self._session.get(CalendarFeed, feed_id)
        if row is None:
            return now
        row.fetched_at = now
        if row.etag != etag or row.changed_at is None:
            row.etag = etag
            row.changed_at = now
        await self._session.flush()
        return row.changed_at

    async def versions(
        self, account_id: int, hashes: Mapping[str, str], now: datetime
    ) -> dict[str, EventVersion]:
        """The version of each event (UID → content hash): a new UID starts at 0, a
        changed hash bumps its sequence and its time. Concurrent feeds of the same child
        agree: the insert skips UIDs another one just added, and a bump happens only
        while the stored hash still differs."""
        rows = {
            row.uid: row
            for row in await self._session.scalars(
                select(CalendarEvent).where(CalendarEvent.account_id == account_id)
            )
        }
        fresh = [
            {
                "account_id": account_id,
                "uid": uid,
                "content_hash": digest,
                "sequence": 0,
                "modified_at": now,
            }
            for uid, digest in hashes.items()
            if uid not in rows
        ]
        if fresh:
            dialect = self._session.bind.dialect.name if self._session.bind else "sqlite"
            inserter = postgresql.insert if dialect == "postgresql" else sqlite.insert
            for start in range(0, len(fresh), 200):
                await self._session.execute(
                    inserter(CalendarEvent)
                    .values(fresh[start : start + 200])
                    .on_conflict_do_nothing(index_elements=["account_id", "uid"])
                )
        changed = [
            uid
            for uid, digest in hashes.items()
            if uid in rows and rows[uid].content_hash != digest
        ]
        for uid in changed:
            await self._session.execute(
                update(CalendarEvent)
                .where(
                    CalendarEvent.account_id == account_id,
                    CalendarEvent.uid == uid,
                    CalendarEvent.content_hash != hashes[uid],
                )
                .values(
                    content_hash=hashes[uid],
                    sequence=CalendarEvent.sequence + 1,
                    modified_at=now,
                )
                .execution_options(synchronize_session=False)
            )
        if fresh or changed:
            self._session.expire_all()
            rows = {
                row.uid: row
                for row in await self._session.scalars(
                    select(CalendarEvent).where(CalendarEvent.account_id == account_id)
                )
            }
        return {
            uid: EventVersion(rows[uid].sequence, rows[uid].modified_at)
            for uid in hashes
            if uid in rows
        }

    async def purge(self, events_before: datetime, revoked_before: datetime) -> int:
        """Housekeeping: events unchanged since long before any school year still shown
        (a later request recreates one still there), and links revoked long ago."""
        result = await self._session.execute(
            delete(CalendarEvent).where(CalendarEvent.modified_at < events_before)
        )
        await self._session.execute(
            delete(CalendarFeed).where(CalendarFeed.revoked_at < revoked_before)
        )
        return int(getattr(result, "rowcount", 0))
