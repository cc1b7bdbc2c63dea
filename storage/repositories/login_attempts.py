"""Failed login checks per subject (a Synergia login, a Telegram user), hashed.

Each row keeps the times of the failures that still count; `recent` reads them within
a window, `fail` adds one, `clear` forgets a subject after a login that worked.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import LoginAttempt


def subject_of(scope: str, value: str) -> str:
    return hashlib.sha256(f"dzwonek-login-attempts:{scope}:{value}".encode()).hexdigest()


class LoginAttemptRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def recent(
        self, scope: str, value: str, now: datetime, window: timedelta
    ) -> list[datetime]:
        """The failures of this subject within `window` before `now`, oldest first."""
        row = await self._session.get(LoginAttempt, subject_of(scope, value))
        return [] if row is None else _within(row.failures_at, now, window)

    async def fail(
        self, scope: str, value: str, now: datetime, window: timedelta
    ) -> list[datetime]:
        """Record one failure; the failures within the window, this one included."""
        subject = subject_of(scope, value)
        row = await self._session.get(LoginAttempt, subject, with_for_update=True)
        if row is None:
            row = LoginAttempt(subject=subject, scope=scope, failures_at=[], told_at=None)
            self._session.add(row)
        kept = [*_within(row.failures_at or [], now, window), now]
        row.failures_at = [moment.isoformat() for moment in kept]
        row.updated_at = now
        await self._session.flush()
        return kept

    async def mark_told(self, scope: str, value: str, now: datetime) -> bool:
        """Whether the owners are to be told now (once per run of failures): True the
        first time after the subject's failures began."""
        row = await self._session.get(LoginAttempt, subject_of(scope, value), with_for_update=True)
        if row is None:
            return False
        failures = [datetime.fromisoformat(v) for v in row.failures_at or []]
        if row.told_at is not None and failures and row.told_at >= failures[0]:
            return False
        row.told_at = now
        await self._session.flush()
        return True

    async def clear(self, scope: str, value: str) -> None:
        await self._session.execute(
            delete(LoginAttempt).where(LoginAttempt.subject == subject_of(scope, value))
        )

    async def prune(self, before: datetime) -> int:
        """Forget subjects with no failure since `before`."""
        result = await self._session.execute(
            delete(LoginAttempt).where(LoginAttempt.updated_at < before)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def _within(stamps: list[str], now: datetime, window: timedelta) -> list[datetime]:
    moments = []
    for value in stamps:
        try:
            moment = datetime.fromisoformat(value)
        except (TypeError, ValueError):
            continue
        if moment.tzinfo is not None and now - moment < window:
            moments.append(moment)
    return sorted(moments)
