"""Links between parents and Synergia accounts, and the children a parent sees."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import CalendarFeed, ChatTopic, Link, Subscription, SyncState, SynergiaAccount
from storage.records import ChildRecord, LinkRecord


def link_record(row: Link) -> LinkRecord:
    return LinkRecord(
        id=row.id,
        user_id=row.user_id,
        account_id=row.account_id,
        child_name=row.child_name,
        created_at=row.created_at,
    )


class LinkRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def link(self, user_id: int, account_id: int, child_name: str) -> tuple[LinkRecord, bool]:
        """Link (or rename, if already linked). Returns the link and whether it is new."""
        row = await self._session.scalar(
            select(Link).where(Link.user_id == user_id, Link.account_id == account_id)
        )
        created = row is None
        if row is None:
            row = Link(user_id=user_id, account_id=account_id, child_name=child_name)
            self._session.add(row)
            await self._session.flush()
        else:
            row.child_name = child_name
        return link_record(row), created

    async def get(self, user_id: int, account_id: int) -> LinkRecord | None:
        """The link of this parent to this account, or None: the scope check for every
        action a parent takes on a child."""
        row = await self._session.scalar(
            select(Link).where(Link.user_id == user_id, Link.account_id == account_id)
        )
        return None if row is None else link_record(row)

    async def rename(self, user_id: int, account_id: int, child_name: str) -> bool:
        result = await self._session.execute(
            update(Link)
            .where(Link.user_id == user_id, Link.account_id == account_id)
            .values(child_name=child_name)
        )
        return bool(getattr(result, "rowcount", 0))

    async def unlink(self, user_id: int, account_id: int) -> bool:
        """Remove the link; subscriptions it created (private and groups) go with it, and
        so does the parent's own calendar link for this child, and its topic's id."""
        result = await self._session.execute(
            delete(Link).where(Link.user_id == user_id, Link.account_id == account_id)
        )
        await self._session.execute(
            delete(CalendarFeed).where(
                CalendarFeed.chat_id == user_id, CalendarFeed.account_id == account_id
            )
        )
        await self._session.execute(
            delete(ChatTopic).where(
                ChatTopic.chat_id == user_id, ChatTopic.account_id == account_id
            )
        )
        return bool(getattr(result, "rowcount", 0))

    async def for_account(self, account_id: int) -> list[LinkRecord]:
        rows = await self._session.scalars(
            select(Link).where(Link.account_id == account_id).order_by(Link.id)
        )
        return [link_record(row) for row in rows]

    async def children(self, user_id: int) -> list[ChildRecord]:
        """Every child this parent linked, with the account's status and sync health."""
        query = (
            select(Link, SynergiaAccount, SyncState, Subscription.paused)
            .join(SynergiaAccount, SynergiaAccount.id == Link.account_id)
            .outerjoin(SyncState, SyncState.account_id == Link.account_id)
            .outerjoin(
                Subscription,
                and_(Subscription.link_id == Link.id, Subscription.chat_id == user_id),
            )
            .where(Link.user_id == user_id)
            .order_by(Link.created_at, Link.id)
        )
        return await self._records(query)

    async def children_of_chat(self, chat_id: int) -> list[ChildRecord]:
        """Children a (group) chat follows, named as the parent who shared each one."""
        query = (
            select(Link, SynergiaAccount, SyncState, Subscription.paused)
            .join(Subscription, Subscription.link_id == Link.id)
            .join(SynergiaAccount, SynergiaAccount.id == Subscription.account_id)
            .outerjoin(SyncState, SyncState.account_id == Subscription.account_id)
            .where(Subscription.chat_id == chat_id)
            .order_by(Subscription.created_at, Subscription.id)
        )
        return await self._records(query)

    async def _records(self, query: Any) -> list[ChildRecord]:
        result = await self._session.execute(query)
        children = []
        for link, account, state, paused in result.all():
            children.append(
                ChildRecord(
                    link_id=link.id,
                    user_id=link.user_id,
                    account_id=account.id,
                    child_name=link.child_name,
                    login=account.login,
                    student_name=account.student_name,
                    class_name=account.class_name,
                    school_name=account.school_name,
                    register_number=account.register_number,
                    status=account.status,
                    pause_reason=account.pause_reason,
                    last_success_at=state.last_success_at if state else None,
                    last_error_class=state.last_error_class if state else None,
                    notifications_paused=bool(paused),
                )
            )
        return children
