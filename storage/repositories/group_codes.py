"""One-time codes that share children into a family group.

Only a SHA-256 of the code is stored; redeeming is one conditional UPDATE, so a code
can be used once even when two presses race.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import GroupLinkCode
from storage.records import GroupCodeRecord


def hash_code(code: str) -> str:
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


def _record(row: GroupLinkCode) -> GroupCodeRecord:
    return GroupCodeRecord(
        id=row.id,
        creator_user_id=row.creator_user_id,
        account_ids=tuple(int(a) for a in row.account_ids),
        expires_at=row.expires_at,
        used_at=row.used_at,
        used_chat_id=row.used_chat_id,
    )


class GroupCodeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def create(
        self, code: str, creator_user_id: int, account_ids: list[int], expires_at: datetime
    ) -> GroupCodeRecord:
        row = GroupLinkCode(
            code_hash=hash_code(code),
            creator_user_id=creator_user_id,
            account_ids=sorted(set(account_ids)),
            expires_at=expires_at,
        )
        self._session.add(row)
        await self._session.flush()
        return _record(row)

    async def find(self, code: str) -> GroupCodeRecord | None:
        row = await self._session.scalar(
            select(GroupLinkCode).where(GroupLinkCode.code_hash == hash_code(code))
        )
        return None if row is None else _record(row)

    async def consume(self, code_id: int, chat_id: int, now: datetime) -> bool:
        """Mark used, only if still unused and unexpired. True for exactly one caller."""
        result = await self._session.execute(
            update(GroupLinkCode)
            .where(
                GroupLinkCode.id == code_id,
                GroupLinkCode.used_at.is_(None),
                GroupLinkCode.expires_at > now,
            )
            .values(used_at=now, used_chat_id=chat_id)
        )
        return bool(getattr(result, "rowcount", 0))

    async def purge_expired(self, before: datetime) -> None:
        await self._session.execute(delete(GroupLinkCode).where(GroupLinkCode.expires_at < before))
