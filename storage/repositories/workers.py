"""Heartbeats of running processes: who runs which part, when it last did its work."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Worker
from storage.records import WorkerRecord


class WorkerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def beat(
        self, name: str, role: str, now: datetime, stats: dict[str, Any] | None = None
    ) -> None:
        row = await self._session.get(Worker, name)
        if row is None:
            self._session.add(
                Worker(name=name, role=role, started_at=now, beat_at=now, stats=stats or {})
            )
        else:
            row.beat_at = now
            if stats is not None:
                row.stats = {**(row.stats or {}), **stats}
        await self._session.flush()

    async def all(self) -> list[WorkerRecord]:
        rows = await self._session.scalars(select(Worker).order_by(Worker.role, Worker.name))
        return [
            WorkerRecord(r.name, r.role, r.started_at, r.beat_at, dict(r.stats or {})) for r in rows
        ]

    async def forget_before(self, before: datetime) -> int:
        result = await self._session.execute(delete(Worker).where(Worker.beat_at < before))
        return int(getattr(result, "rowcount", 0) or 0)
