"""What the bot has seen of each account (for diffing) and the latest snapshots (for commands)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.util import identity_key

from storage.models import SeenItem, Snapshot
from storage.records import SeenItemRecord, SnapshotRecord


class SeenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        # (account, kind) -> the rows `for_kind` read in this transaction, by item id.
        self._read: dict[tuple[int, str], dict[str, SeenItem]] = {}

    async def for_kind(self, account_id: int, kind: str) -> dict[str, SeenItemRecord]:
        """Every row of one kind (kept for `upsert(..., read=True)` in this
        transaction: the session's identity map holds them only weakly)."""
        rows = list(
            await self._session.scalars(
                select(SeenItem).where(SeenItem.account_id == account_id, SeenItem.kind == kind)
            )
        )
        self._read[(account_id, kind)] = {row.item_id: row for row in rows}
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

    async def upsert(
        self, account_id: int, items: Iterable[SeenItemRecord], *, read: bool = False
    ) -> None:
        """Write what was seen: the rows there are read in one statement per 500 and
        the new ones inserted in one flush (a baseline is a whole gradebook: one
        SELECT and one INSERT per item were 280 statements of a first poll). `read`:
        every row of these items' kinds was read in this transaction (`for_kind`), so
        those not among them are new and nothing is read again."""
        items = list(items)
        keys = [(item.kind, item.item_id) for item in items]
        there: dict[tuple[str, str], SeenItem] = {}
        if read and all((account_id, kind) in self._read for kind, _ in keys):
            for kind, item_id in keys:
                row = self._read[(account_id, kind)].get(item_id)
                if row is not None:
                    there[(kind, item_id)] = row
            keys = []
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
                if (account_id, item.kind) in self._read:
                    self._read[(account_id, item.kind)][item.item_id] = row
            else:
                row.content_hash = item.content_hash
                row.data = item.data
                row.missing_fetches = item.missing_fetches
                row.trusted_missing = item.trusted_missing
                row.version = item.version
        await self._session.flush()

    async def remove(self, account_id: int, kind: str, item_ids: Iterable[str]) -> None:
        ids = list(item_ids)
        read = self._read.get((account_id, kind), {})
        for item_id in ids:
            read.pop(item_id, None)
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
        key = identity_key(Snapshot, (account_id, kind))
        row = self._session.sync_session.identity_map.get(key)
        if row is not None:  # read in this transaction: kept in step through the ORM
            row.data = data
            row.fetched_at = fetched_at
            await self._session.flush()
            return
        # One statement, not a SELECT and then an INSERT or UPDATE: a first poll puts
        # every kind's snapshot.
        dialect = self._session.bind.dialect.name if self._session.bind else "sqlite"
        inserter = postgresql.insert if dialect == "postgresql" else sqlite.insert
        stmt = inserter(Snapshot).values(
            account_id=account_id, kind=kind, data=data, fetched_at=fetched_at
        )
        await self._session.execute(
            stmt.on_conflict_do_update(
                index_elements=[Snapshot.account_id, Snapshot.kind],
                set_={"data": stmt.excluded.data, "fetched_at": stmt.excluded.fetched_at},
            )
        )

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
