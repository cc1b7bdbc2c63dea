"""Telegram users (the parents)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import TelegramUser
from storage.records import UserRecord


def _record(row: TelegramUser) -> UserRecord:
    return UserRecord(id=row.id, language_code=row.language_code, created_at=row.created_at)


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def ensure(self, user_id: int, language_code: str | None = None) -> UserRecord:
        row = await self._session.get(TelegramUser, user_id)
        if row is None:
            row = TelegramUser(id=user_id, language_code=language_code)
            self._session.add(row)
            await self._session.flush()
        elif language_code and row.language_code != language_code:
            row.language_code = language_code
        return _record(row)

    async def get(self, user_id: int) -> UserRecord | None:
        row = await self._session.get(TelegramUser, user_id)
        return None if row is None else _record(row)

    async def exists(self, user_id: int) -> bool:
        found = await self._session.scalar(
            select(TelegramUser.id).where(TelegramUser.id == user_id)
        )
        return found is not None
