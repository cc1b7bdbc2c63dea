"""Which topic of a private chat carries which child's news."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ChatTopic


class TopicRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def thread(self, chat_id: int, account_id: int) -> int | None:
        row = await self._session.get(ChatTopic, (chat_id, account_id))
        return row.thread_id if row is not None else None

    async def child(self, chat_id: int, thread_id: int) -> int | None:
        """The child whose topic this is (None: the chat's main stream or a topic the
        parent made)."""
        found = await self._session.scalars(
            select(ChatTopic.account_id).where(
                ChatTopic.chat_id == chat_id, ChatTopic.thread_id == thread_id
            )
        )
        return found.first()

    async def remember(self, chat_id: int, account_id: int, thread_id: int, now: datetime) -> None:
        row = await self._session.get(ChatTopic, (chat_id, account_id))
        if row is None:
            self._session.add(
                ChatTopic(
                    chat_id=chat_id, account_id=account_id, thread_id=thread_id, created_at=now
                )
            )
        else:
            row.thread_id, row.created_at = thread_id, now
        await self._session.flush()

    async def forget(self, chat_id: int, account_id: int | None = None) -> None:
        """A topic Telegram no longer has (the parent deleted it), or all of a chat's."""
        query = delete(ChatTopic).where(ChatTopic.chat_id == chat_id)
        if account_id is not None:
            query = query.where(ChatTopic.account_id == account_id)
        await self._session.execute(query)
