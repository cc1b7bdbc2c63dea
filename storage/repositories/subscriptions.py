"""Which chats follow which accounts, with per-child category filters."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Chat, Link, Subscription
from storage.records import AudienceRecord, SubscriptionRecord


def subscription_record(row: Subscription) -> SubscriptionRecord:
    return SubscriptionRecord(
        id=row.id,
        chat_id=row.chat_id,
        account_id=row.account_id,
        link_id=row.link_id,
        muted_categories=tuple(row.muted_categories or ()),
        paused=row.paused,
    )


class SubscriptionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def subscribe(
        self, chat_id: int, account_id: int, link_id: int
    ) -> tuple[SubscriptionRecord, bool]:
        row = await self._session.scalar(
            select(Subscription).where(
                Subscription.chat_id == chat_id, Subscription.account_id == account_id
            )
        )
        if row is not None:
            return subscription_record(row), False
        row = Subscription(
            chat_id=chat_id, account_id=account_id, link_id=link_id, muted_categories=[]
        )
        self._session.add(row)
        await self._session.flush()
        return subscription_record(row), True

    async def unsubscribe(self, chat_id: int, account_id: int) -> bool:
        result = await self._session.execute(
            delete(Subscription).where(
                Subscription.chat_id == chat_id, Subscription.account_id == account_id
            )
        )
        return bool(getattr(result, "rowcount", 0))

    async def groups_shared_by(self, user_id: int, account_id: int) -> list[tuple[int, str]]:
        """The groups this parent's link of the child is shared into: (chat id, title)."""
        rows = await self._session.execute(
            select(Chat.id, Chat.title)
            .join(Subscription, Subscription.chat_id == Chat.id)
            .join(Link, Link.id == Subscription.link_id)
            .where(
                Link.user_id == user_id,
                Subscription.account_id == account_id,
                Chat.kind != "private",
            )
            .order_by(Chat.id)
        )
        return [(int(chat_id), str(title or "")) for chat_id, title in rows]

    async def sharing_parents(self, chat_id: int) -> list[int]:
        """The parents (user ids) whose links put children into this chat."""
        rows = await self._session.scalars(
            select(Link.user_id)
            .join(Subscription, Subscription.link_id == Link.id)
            .where(Subscription.chat_id == chat_id)
            .distinct()
        )
        return sorted(int(u) for u in rows)

    async def get(self, chat_id: int, account_id: int) -> SubscriptionRecord | None:
        row = await self._session.scalar(
            select(Subscription).where(
                Subscription.chat_id == chat_id, Subscription.account_id == account_id
            )
        )
        return None if row is None else subscription_record(row)

    async def for_chat(self, chat_id: int) -> list[SubscriptionRecord]:
        rows = await self._session.scalars(
            select(Subscription).where(Subscription.chat_id == chat_id).order_by(Subscription.id)
        )
        return [subscription_record(row) for row in rows]

    async def for_account(
        self, account_id: int, *, active_chats_only: bool = True
    ) -> list[SubscriptionRecord]:
        query = select(Subscription).where(Subscription.account_id == account_id)
        if active_chats_only:
            query = query.join(Chat, Chat.id == Subscription.chat_id).where(Chat.active.is_(True))
        rows = await self._session.scalars(query.order_by(Subscription.chat_id))
        return [subscription_record(row) for row in rows]

    async def audience(self, account_id: int) -> list[AudienceRecord]:
        """Every active chat following the account with notifications on, with the
        name its parent gave the child there."""
        rows = await self._session.execute(
            select(Subscription, Chat, Link.child_name)
            .join(Chat, Chat.id == Subscription.chat_id)
            .join(Link, Link.id == Subscription.link_id)
            .where(
                Subscription.account_id == account_id,
                Subscription.paused.is_(False),
                Chat.active.is_(True),
            )
            .order_by(Subscription.chat_id)
        )
        return [
            AudienceRecord(
                chat_id=chat.id,
                kind=chat.kind,
                language=chat.language,
                timezone=chat.timezone,
                quiet_start=chat.quiet_start,
                quiet_end=chat.quiet_end,
                batch=chat.batch_notifications,
                muted=tuple(
                    sorted({*(chat.muted_categories or ()), *(sub.muted_categories or ())})
                ),
                child_name=name,
                forecast_alerts=chat.forecast_alerts,
                grade_thresholds=tuple(chat.grade_thresholds) if chat.grade_thresholds else None,
            )
            for sub, chat, name in rows
        ]

    async def set_muted(self, chat_id: int, account_id: int, categories: list[str]) -> bool:
        result = await self._session.execute(
            update(Subscription)
            .where(Subscription.chat_id == chat_id, Subscription.account_id == account_id)
            .values(muted_categories=sorted(set(categories)))
        )
        return bool(getattr(result, "rowcount", 0))

    async def set_paused(self, chat_id: int, account_id: int, paused: bool) -> bool:
        result = await self._session.execute(
            update(Subscription)
            .where(Subscription.chat_id == chat_id, Subscription.account_id == account_id)
            .values(paused=paused)
        )
        return bool(getattr(result, "rowcount", 0))
