"""What the bot holds about one parent: all of it out (RODO art. 15, 20), or all of it
gone (art. 17).

The export has no password and no Librus session: those are the keys to the child's
account, not data about the parent. Erasure removes the parent's links, the accounts
nobody else links, the private chat with its queue, what this parent shared into
groups (and those groups' queued news about it), half-finished conversations, and
the user row itself, in the caller's one transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    CalendarFeed,
    Chat,
    ConversationState,
    GroupLinkCode,
    Link,
    MessageReply,
    OutboxMessage,
    Snapshot,
    Subscription,
    SynergiaAccount,
    TelegramUser,
)


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


class PrivacyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def export(self, user_id: int) -> dict[str, Any]:
        user = await self._session.get(TelegramUser, user_id)
        chat = await self._session.get(Chat, user_id)
        links = list(
            await self._session.scalars(
                select(Link).where(Link.user_id == user_id).order_by(Link.id)
            )
        )
        children = [await self._child(link) for link in links]
        outbox = await self._session.scalars(
            select(OutboxMessage).where(OutboxMessage.chat_id == user_id).order_by(OutboxMessage.id)
        )
        codes = await self._session.scalars(
            select(GroupLinkCode).where(GroupLinkCode.creator_user_id == user_id)
        )
        calendars = await self._session.scalars(
            select(CalendarFeed).where(CalendarFeed.chat_id == user_id).order_by(CalendarFeed.id)
        )
        replies = await self._session.scalars(
            select(MessageReply).where(MessageReply.chat_id == user_id).order_by(MessageReply.id)
        )
        return {
            "telegram_user": {
                "id": user_id,
                "language": user.language_code if user else None,
                "first_seen": _when(user.created_at) if user else None,
            },
            "private_chat_settings": None
            if chat is None
            else {
                "language": chat.language,
                "timezone": chat.timezone,
                "quiet_hours": [chat.quiet_start, chat.quiet_end],
                "evening_brief": chat.evening_brief_enabled,
                "evening_brief_time": chat.evening_brief_time,
                "weekly_summary": chat.weekly_summary_enabled,
                "one_message_for_several": chat.batch_notifications,
                "muted_categories": list(chat.muted_categories or ()),
            },
            "children": children,
            "notifications": [
                {
                    "created": _when(row.created_at),
                    "sent": _when(row.sent_at),
                    "category": row.category,
                    "content": row.payload,
                }
                for row in outbox
            ],
            "group_share_codes": [
                {
                    "created": _when(code.created_at),
                    "expires": _when(code.expires_at),
                    "used": _when(code.used_at),
                    "group": code.used_chat_id,
                }
                for code in codes
            ],
            # the links' hashes are not given: they are no use to anyone but a guesser
            "calendar_links": [
                {
                    "child_account": feed.account_id,
                    "created": _when(feed.created_at),
                    "switched_off": _when(feed.revoked_at),
                    "homework": feed.homework,
                    "timetable_changes": feed.changes,
                    "last_fetched": _when(feed.fetched_at),
                }
                for feed in calendars
            ],
            # what was sent is in Librus (Wysłane); the bot keeps only that it was
            "replies_to_teachers": [
                {
                    "child_account": reply.account_id,
                    "message_id": reply.message_id,
                    "sent": _when(reply.created_at),
                    "outcome": reply.status,
                }
                for reply in replies
            ],
        }

    async def _child(self, link: Link) -> dict[str, Any]:
        account = await self._session.get(SynergiaAccount, link.account_id)
        assert account is not None
        shared = await self._session.execute(
            select(Chat.id, Chat.title, Chat.kind)
            .join(Subscription, Subscription.chat_id == Chat.id)
            .where(Subscription.link_id == link.id)
        )
        snapshots = await self._session.scalars(
            select(Snapshot).where(Snapshot.account_id == account.id).order_by(Snapshot.kind)
        )
        return {
            "name_in_the_bot": link.child_name,
            "linked": _when(link.created_at),
            "synergia_login": account.login,
            "student": account.student_name,
            "class": account.class_name,
            "school": account.school_name,
            "register_number": account.register_number,
            "status": account.status,
            "followed_in_chats": [
                {"chat": chat_id, "title": title, "kind": kind} for chat_id, title, kind in shared
            ],
            "librus_data": {
                snap.kind: {"fetched": _when(snap.fetched_at), "data": snap.data}
                for snap in snapshots
            },
        }

    async def erase(self, user_id: int) -> list[int]:
        """Delete everything of this parent; the ids of accounts deleted with them."""
        links = list(await self._session.scalars(select(Link).where(Link.user_id == user_id)))
        link_ids = [link.id for link in links]
        shared = await self._session.execute(
            select(Subscription.chat_id, Subscription.account_id).where(
                Subscription.link_id.in_(link_ids)
            )
        )
        for chat_id, account_id in shared.all():
            await self._session.execute(
                delete(OutboxMessage).where(
                    OutboxMessage.chat_id == chat_id, OutboxMessage.account_id == account_id
                )
            )
        await self._session.execute(delete(Subscription).where(Subscription.link_id.in_(link_ids)))
        await self._session.execute(delete(Link).where(Link.user_id == user_id))
        orphaned: list[int] = []
        for account_id in {link.account_id for link in links}:
            others = await self._session.scalar(
                select(Link.id).where(Link.account_id == account_id).limit(1)
            )
            if others is None:
                await self._session.execute(
                    delete(SynergiaAccount).where(SynergiaAccount.id == account_id)
                )
                orphaned.append(account_id)
        await self._session.execute(delete(OutboxMessage).where(OutboxMessage.chat_id == user_id))
        await self._session.execute(delete(Subscription).where(Subscription.chat_id == user_id))
        await self._session.execute(delete(Chat).where(Chat.id == user_id))
        await self._session.execute(
            delete(ConversationState).where(
                or_(
                    ConversationState.key.like(f"%:{user_id}:%"),
                    ConversationState.key.like(f"%:{user_id}"),
                )
            )
        )
        await self._session.execute(
            delete(GroupLinkCode).where(GroupLinkCode.creator_user_id == user_id)
        )
        await self._session.execute(delete(TelegramUser).where(TelegramUser.id == user_id))
        return sorted(orphaned)
