"""Conversation (FSM) state per chat and user, so a restart does not lose a dialogue.

Holds which step a parent is at and harmless data (the login typed, a child's name);
the linking flow never puts a password here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ConversationState


class ConversationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, key: str) -> tuple[str | None, dict[str, Any], datetime | None]:
        row = await self._session.get(ConversationState, key)
        if row is None:
            return None, {}, None
        return row.state, dict(row.data or {}), row.updated_at

    async def set_state(self, key: str, state: str | None, at: datetime) -> None:
        row = await self._session.get(ConversationState, key)
        if row is None:
            if state is None:
                return
            self._session.add(ConversationState(key=key, state=state, data={}, updated_at=at))
        else:
            row.state = state
            row.updated_at = at
        await self._session.flush()

    async def set_data(self, key: str, data: dict[str, Any], at: datetime) -> None:
        row = await self._session.get(ConversationState, key)
        if row is None:
            if not data:
                return
            self._session.add(
                ConversationState(key=key, state=None, data=dict(data), updated_at=at)
            )
        else:
            row.data = dict(data)
            row.updated_at = at
        await self._session.flush()

    async def delete(self, key: str) -> None:
        await self._session.execute(delete(ConversationState).where(ConversationState.key == key))

    async def purge_before(self, before: datetime) -> int:
        """Forget dialogues abandoned long ago (their timeout has long passed)."""
        result = await self._session.execute(
            delete(ConversationState).where(ConversationState.updated_at < before)
        )
        return int(getattr(result, "rowcount", 0) or 0)
