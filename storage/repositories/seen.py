"""What the bot has seen of each account (for diffing) and the latest snapshots (for commands)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import SeenItem, Snapshot
from storage.records import SeenItemRecord, SnapshotRecord


class SeenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_kind(self, account_id: int, kind: str) -> dict[str, SeenItemRecord]:
        rows = await self._session.scalars(
            select(SeenItem).where(SeenItem.account_id == account_id, SeenItem.kind == kind)
        )
        return {
            row.item_id: SeenItemRecord(
                kind=row.kind,
                item_id=row.item_id,
                content_hash=row.content_hash,
                data=dict(row.data or {}),
                missing_fetches=row.missing_fetches,
                trusted_missing=row.trusted_missing,
                version=row.version,
            )
            for row in rows
        }

    async def upsert(self, account_id: int, items: Iterable[SeenItemRecord]) -> None:
        """Write what was seen: the rows there are read in one statement per 500 and
        the new ones inserted in one flush (a baseline is a whole gradebook: one
        SELECT and one INSERT per item were 280 statements of a first poll)."""
        items = list(items)
        keys = [(item.kind, item.item_id) for item in items]
        there: dict[tuple[str, str], SeenItem] = {}
        for start in range(0, len(keys), 500):
            rows = await self._session.scalars(
                select(SeenItem).where(
                    SeenItem.account_id == account_id,
                    tuple_(SeenItem.kind, SeenItem.item_id).in_(keys[start : start + 500]),
                )
            )
            there.update({(row.kind, row.item_id): row for row in rows})
        for item in items:
            row = there.get((item.kind, item.item_id))
            if row is None:
                row = SeenItem(
                    account_id=account_id,
                    kind=item.kind,
                    item_id=item.item_id,
                    content_hash=item.content_hash,
                    data=item.data,
                    missing_fetches=item.missing_fetches,
                    trusted_missing=item.trusted_missing,
                    version=item.version,
                )
                self._session.add(row)
                there[(item.kind, item.item_id)] = row  # the same item twice: one row
            else:
                row.content_hash = item.content_hash
                row.data = item.data
                row.missing_fetches = item.missing_fetches
                row.trusted_missing = item.trusted_missing
                row.version = item.version
        await self._session.flush()

    async def remove(self, account_id: int, kind: str, item_ids: Iterable[str]) -> None:
        ids = list(item_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            await self._session.execute(
                delete(SeenItem).where(
                    SeenItem.account_id == account_id,
                    SeenItem.kind == kind,
                    SeenItem.item_id.in_(chunk),
                )
            )

    async def count(self, account_id: int) -> int:
        return len(
            list(
                await self._session.scalars(
                    select(SeenItem.item_id).where(SeenItem.account_id == account_id)
                )
            )
        )


class SnapshotRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def put(
        self, account_id: int, kind: str, data: dict[str, Any], fetched_at: datetime
    ) -> None:
        row = await self._session.get(Snapshot, (account_id, kind))
        if row is None:
            self._session.add(
                Snapshot(account_id=account_id, kind=kind, data=data, fetched_at=fetched_at)
            )
        else:
            row.data = data
            row.fetched_at = fetched_at
        await self._session.flush()

    async def touch(self, account_id: int, kinds: list[str], fetched_at: datetime) -> None:
        """Librus gave the same again: only the moment it was true changes."""
        if kinds:
            await self._session.execute(
                update(Snapshot)
                .where(Snapshot.account_id == account_id, Snapshot.kind.in_(kinds))
                .values(fetched_at=fetched_at)
            )

    async def mark_item(self, account_id: int, kind: str, item_id: str, **fields: Any) -> bool:
        """Set fields of one item of a stored snapshot (a message just opened is read)
        without touching when it was fetched. False when the item is not there."""
        row = await self._session.get(Snapshot, (account_id, kind), with_for_update=True)
        if row is None:
            return False
        items = [dict(item) for item in (row.data or {}).get("items", [])]
        found = False
        for item in items:
            if str(item.get("id")) == item_id:
                item.update(fields)
                found = True
        if found:
            row.data = {**row.data, "items": items}
            await self._session.flush()
        return found

    async def get(self, account_id: int, kind: str) -> SnapshotRecord | None:
        row = await self._session.get(Snapshot, (account_id, kind))
        if row is None:
            return None
        return SnapshotRecord(
            account_id=row.account_id, kind=row.kind, data=dict(row.data), fetched_at=row.fetched_at
        )

    async def get_many(self, pairs: list[tuple[int, str]]) -> dict[tuple[int, str], SnapshotRecord]:
        if not pairs:
            return {}
        rows = await self._session.scalars(
            select(Snapshot).where(tuple_(Snapshot.account_id, Snapshot.kind).in_(pairs))
        )
        return {
            (row.account_id, row.kind): SnapshotRecord(
                account_id=row.account_id,
                kind=row.kind,
                data=dict(row.data),
                fetched_at=row.fetched_at,
            )
            for row in rows
        }
