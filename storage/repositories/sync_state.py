"""Polling schedule and leases (per account) and per-kind state.

Claiming is one statement on both backends: `UPDATE … WHERE account_id IN (SELECT …
FOR UPDATE SKIP LOCKED) RETURNING` on PostgreSQL; on SQLite the locking clause is
dropped and the single writer makes the same statement atomic. A worker that dies
keeps its lease only until `lease_until`.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from sqlalchemy import and_, case, insert, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import KindState, SyncState, SynergiaAccount, UTCDateTime
from storage.records import KindStateRecord, KindUpdate, SyncStateRecord


def sync_record(row: SyncState) -> SyncStateRecord:
    return SyncStateRecord(
        account_id=row.account_id,
        next_poll_at=row.next_poll_at,
        lease_owner=row.lease_owner,
        lease_until=row.lease_until,
        last_attempt_at=row.last_attempt_at,
        last_success_at=row.last_success_at,
        last_error_class=row.last_error_class,
        consecutive_failures=row.consecutive_failures,
        rebaseline=row.rebaseline,
    )


def kind_record(row: KindState) -> KindStateRecord:
    return KindStateRecord(
        account_id=row.account_id,
        kind=row.kind,
        next_due_at=row.next_due_at,
        last_success_at=row.last_success_at,
        baseline_done=row.baseline_done,
        absent_until=row.absent_until,
        consecutive_failures=row.consecutive_failures,
        data_hash=row.data_hash,
    )


class SyncStateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def ensure(self, account_id: int, next_poll_at: datetime) -> None:
        if await self._session.get(SyncState, account_id) is None:
            self._session.add(SyncState(account_id=account_id, next_poll_at=next_poll_at))
            await self._session.flush()

    async def get(self, account_id: int) -> SyncStateRecord | None:
        row = await self._session.get(SyncState, account_id)
        return None if row is None else sync_record(row)

    async def claim_due(
        self, owner: str, now: datetime, *, limit: int, lease: timedelta
    ) -> list[int]:
        """Lease up to `limit` due, active, unleased accounts to `owner`."""
        due = (
            select(SyncState.account_id)
            .join(SynergiaAccount, SynergiaAccount.id == SyncState.account_id)
            .where(
                SyncState.next_poll_at <= now,
                or_(SyncState.lease_until.is_(None), SyncState.lease_until < now),
                SynergiaAccount.status == "active",
            )
            .order_by(SyncState.next_poll_at, SyncState.account_id)
            .limit(limit)
            .with_for_update(skip_locked=True, of=SyncState)
        )
        result = await self._session.execute(
            update(SyncState)
            .where(SyncState.account_id.in_(due.scalar_subquery()))
            .values(lease_owner=owner, lease_until=now + lease, last_attempt_at=now, soon_at=None)
            .returning(SyncState.account_id)
        )
        return sorted(result.scalars().all())

    async def claim_one(
        self, account_id: int, owner: str, now: datetime, *, lease: timedelta
    ) -> bool:
        """Lease one account now (a parent asked for fresh data), if nobody holds it."""
        result = await self._session.execute(
            update(SyncState)
            .where(
                SyncState.account_id == account_id,
                or_(SyncState.lease_until.is_(None), SyncState.lease_until < now),
                SyncState.account_id.in_(
                    select(SynergiaAccount.id).where(SynergiaAccount.status == "active")
                ),
            )
            .values(lease_owner=owner, lease_until=now + lease, last_attempt_at=now, soon_at=None)
        )
        return bool(getattr(result, "rowcount", 0))

    async def extend_lease(self, account_id: int, owner: str, until: datetime) -> bool:
        result = await self._session.execute(
            update(SyncState)
            .where(SyncState.account_id == account_id, SyncState.lease_owner == owner)
            .values(lease_until=until)
        )
        return bool(getattr(result, "rowcount", 0))

    async def finish(
        self,
        account_id: int,
        owner: str,
        *,
        next_poll_at: datetime,
        success_at: datetime | None,
        error_class: str | None,
        failures: int,
        rebaseline: bool | None = None,
    ) -> bool:
        """Release the lease with the outcome. False if the lease was lost meanwhile."""
        values: dict[str, object] = {
            "lease_owner": None,
            "lease_until": None,
            # A poll asked for while this one ran (a new link, 'Odśwież', /sim) is not
            # pushed back by this poll's own schedule.
            "next_poll_at": case(
                (
                    and_(SyncState.soon_at.is_not(None), SyncState.soon_at < next_poll_at),
                    SyncState.soon_at,
                ),
                # Typed as the column: a bare value in CASE is bound as a plain
                # DateTime, which SQLite stores as its wall time in whatever zone it
                # carries (a Warsaw 07:03 read back as 07:03 UTC, an hour late).
                else_=literal(next_poll_at, UTCDateTime()),
            ),
            "soon_at": None,
            "last_error_class": error_class,
            "consecutive_failures": failures,
        }
        if success_at is not None:
            values["last_success_at"] = success_at
        if rebaseline is not None:
            values["rebaseline"] = rebaseline
        result = await self._session.execute(
            update(SyncState)
            .where(SyncState.account_id == account_id, SyncState.lease_owner == owner)
            .values(**values)
        )
        return bool(getattr(result, "rowcount", 0))

    async def poll_soon(self, account_id: int, at: datetime) -> None:
        """Bring the next poll of every kind forward (a new link, a resumed account). A
        poll running now keeps the request (`soon_at`) and honours it when it ends."""
        await self._session.execute(
            update(SyncState)
            .where(SyncState.account_id == account_id, SyncState.next_poll_at > at)
            .values(next_poll_at=at)
        )
        await self._session.execute(
            update(SyncState)
            .where(SyncState.account_id == account_id, SyncState.lease_owner.is_not(None))
            .values(soon_at=at)
        )
        await self._session.execute(
            update(KindState)
            .where(
                KindState.account_id == account_id,
                KindState.next_due_at > at,
                KindState.absent_until.is_(None),
            )
            .values(next_due_at=at)
        )

    async def get_many(self, account_ids: list[int]) -> dict[int, SyncStateRecord]:
        """Several in one statement (the poller reads its whole claim at once)."""
        if not account_ids:
            return {}
        rows = await self._session.scalars(
            select(SyncState).where(SyncState.account_id.in_(account_ids))
        )
        return {row.account_id: sync_record(row) for row in rows}

    async def kinds_of(self, account_ids: list[int]) -> dict[int, dict[str, KindStateRecord]]:
        """`kinds` of several accounts in one statement; an account without kind
        states maps to an empty dict."""
        found: dict[int, dict[str, KindStateRecord]] = {a: {} for a in account_ids}
        if not account_ids:
            return found
        rows = await self._session.scalars(
            select(KindState).where(KindState.account_id.in_(account_ids))
        )
        for row in rows:
            found[row.account_id][row.kind] = kind_record(row)
        return found

    async def kinds(self, account_id: int) -> dict[str, KindStateRecord]:
        rows = await self._session.scalars(
            select(KindState).where(KindState.account_id == account_id)
        )
        return {row.kind: kind_record(row) for row in rows}

    async def save_kinds(
        self, account_id: int, updates: list[KindUpdate], *, known: Collection[str] | None = None
    ) -> None:
        """Every kind one poll touched, in a few statements instead of two per kind
        (the hot path of every poll): one bulk UPDATE by primary key for the kinds
        `known` to have a row (read here unless the caller holds the lease and read
        them), one bulk INSERT for the first-timers."""
        if not updates:
            return
        if known is None:
            known = set(
                await self._session.scalars(
                    select(KindState.kind).where(
                        KindState.account_id == account_id,
                        KindState.kind.in_([u.kind for u in updates]),
                    )
                )
            )
        changed, fresh = [], []
        for u in updates:
            values: dict[str, object] = {
                "account_id": account_id,
                "kind": u.kind,
                "next_due_at": u.next_due_at,
                "absent_until": u.absent_until,
                "consecutive_failures": u.consecutive_failures,
                "data_hash": u.data_hash,
            }
            if u.last_success_at is not None:
                values["last_success_at"] = u.last_success_at
            if u.kind in known:
                if u.baseline_done is not None:
                    values["baseline_done"] = u.baseline_done
                changed.append(values)
            else:
                values["baseline_done"] = bool(u.baseline_done)
                values.setdefault("last_success_at", None)
                fresh.append(values)
        if changed:
            await self._session.execute(update(KindState), changed)
        if fresh:
            await self._session.execute(insert(KindState), fresh)

    async def reset_baselines(self, account_id: int) -> None:
        await self._session.execute(
            update(KindState).where(KindState.account_id == account_id).values(baseline_done=False)
        )
