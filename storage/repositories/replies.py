"""Replies parents sent to teachers: the claim that makes a confirmation single-use,
the day's count behind the per-child cap, and how each ended. No text is stored."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import MessageReply

#: what counts toward the daily cap: anything that went out, or may have
COUNTED = ("sending", "sent", "unknown")


class ReplyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def claim(
        self, nonce: str, account_id: int, chat_id: int, message_id: str, now: datetime
    ) -> None:
        """Mark the confirmation used. A second claim of one nonce fails on the unique
        key (the caller's transaction raises IntegrityError): it is never sent twice."""
        self._session.add(
            MessageReply(
                nonce=nonce,
                account_id=account_id,
                chat_id=chat_id,
                message_id=message_id,
                status="sending",
                created_at=now,
            )
        )
        await self._session.flush()

    async def finish(self, nonce: str, status: str, now: datetime) -> None:
        await self._session.execute(
            update(MessageReply)
            .where(MessageReply.nonce == nonce)
            .values(status=status, finished_at=now)
        )

    async def counted_since(self, account_id: int, since: datetime) -> int:
        found = await self._session.scalar(
            select(func.count())
            .select_from(MessageReply)
            .where(
                MessageReply.account_id == account_id,
                MessageReply.created_at >= since,
                MessageReply.status.in_(COUNTED),
            )
        )
        return int(found or 0)

    async def of_chat(self, chat_id: int) -> Sequence[MessageReply]:
        rows = await self._session.scalars(
            select(MessageReply).where(MessageReply.chat_id == chat_id).order_by(MessageReply.id)
        )
        return rows.all()

    async def purge_before(self, moment: datetime) -> int:
        result = await self._session.execute(
            delete(MessageReply).where(MessageReply.created_at < moment)
        )
        return int(getattr(result, "rowcount", 0) or 0)
