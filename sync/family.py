"""What a family does with its children's accounts, without Telegram: link a child,
share children into a group, redeem the group's code, erase a parent.

The handlers ask and answer in the chat; these functions decide and store, each in
one transaction, so they can be tested (and reasoned about) without a bot. A result
says what happened in words the handler turns into a text; nothing here renders.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from storage.records import AccountRecord
from storage.uow import Store, UnitOfWork
from sync.notices import tell_linked_by_other

# A share code works this long: long enough to open a group and add the bot, short
# enough that a link forwarded by mistake soon stops working.
CODE_TTL = timedelta(minutes=10)


# ----------------------------------------------------------------- link a child


@dataclass(frozen=True)
class LinkRequest:
    """A checked login, accepted on the consent screen by the parent `user_id`.
    `password` is plaintext only on its way into the store, which seals it."""

    user_id: int
    language: str | None
    chat_id: int
    login: str
    password: str
    session: bytes
    #: who Librus said the child is (the consent screen showed it)
    student_name: str
    class_name: str | None
    school_name: str | None
    register_number: int | None
    holder: str | None
    child_key: str | None
    #: how other parents of the child see who linked it ("Anna (@anna)")
    who: str


@dataclass(frozen=True)
class Linked:
    account_id: int
    child_name: str
    #: the parent joined another parent's working login of the same child: nothing
    #: of theirs was stored
    joined: bool


def child_name_of(student_name: str, login: str) -> str:
    """The name the bot calls the child by: the first name Librus gave, else the login."""
    return (student_name.split(maxsplit=1)[0] if student_name else login)[:32]


async def link_child(store: Store, request: LinkRequest, now: datetime) -> Linked:
    """Store the account (sealed), link it to the parent, follow it in their chat, and
    poll it soon unless someone already polls it. The child's other parents hear that
    someone else linked it too."""
    name = child_name_of(request.student_name, request.login)
    async with store.transaction() as uow:
        await uow.users.ensure(request.user_id, request.language)
        existing = await uow.accounts.by_login(request.login)
        shared = await _followed_through_another_login(uow, request.child_key, request.login)
        if shared is not None:
            account = shared
        else:
            account, _ = await uow.accounts.create_or_refresh(
                request.login,
                request.password,
                student_name=request.student_name,
                class_name=request.class_name,
                school_name=request.school_name,
                register_number=request.register_number,
                session_blob_plain=request.session or None,
                holder=request.holder,
                child_key=request.child_key,
            )
        link, _ = await uow.links.link(request.user_id, account.id, name)
        await uow.subscriptions.subscribe(request.chat_id, account.id, link.id)
        if shared is None and (existing is None or existing.is_paused):
            # A child already polled for another parent needs no poll of its own.
            await uow.sync.poll_soon(account.id, now)
        await tell_linked_by_other(
            uow, account.id, user_id=request.user_id, who=request.who, now=now
        )
    return Linked(account.id, name, joined=shared is not None)


async def _followed_through_another_login(
    uow: UnitOfWork, child_key: str | None, login: str
) -> AccountRecord | None:
    """The working account of the same child under another login, if any."""
    if not child_key:
        return None
    for account in await uow.accounts.by_child(child_key):
        if account.login != login and not account.is_paused:
            return account
    return None


# ----------------------------------------------------------------- share into a group


async def new_share_code(store: Store, user_id: int, account_ids: set[int], now: datetime) -> str:
    """A one-time code that shares these of the parent's children into the group where
    the parent (an admin there) redeems it."""
    code = secrets.token_urlsafe(16)
    async with store.transaction() as uow:
        await uow.group_codes.create(code, user_id, sorted(account_ids), now + CODE_TTL)
    return code


class Redeemed(StrEnum):
    SHARED = "shared"
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    OTHER_USER = "other_user"
    NOT_ADMIN = "not_admin"
    NOTHING = "nothing"  # every child of the code was unlinked since


@dataclass(frozen=True)
class Redemption:
    outcome: Redeemed
    #: the children now followed in the group, by the parent's names for them
    names: tuple[str, ...] = ()


async def find_code(store: Store, code: str, user_id: int, now: datetime) -> Redemption | None:
    """Why the code cannot be redeemed by this user now, or None when it can (the
    admin check, which asks Telegram, comes between this and `redeem`)."""
    async with store.reading() as uow:
        found = await uow.group_codes.find(code)
    if found is None:
        return Redemption(Redeemed.UNKNOWN)
    if found.used_at is not None:
        return Redemption(Redeemed.USED)
    if found.expires_at <= now:
        return Redemption(Redeemed.EXPIRED)
    if found.creator_user_id != user_id:
        return Redemption(Redeemed.OTHER_USER)
    return None


async def redeem(store: Store, code: str, chat_id: int, user_id: int, now: datetime) -> Redemption:
    """Use the code once (two admins pressing at once: one wins) and follow its
    children, those still linked to the parent, in the group."""
    names: list[str] = []
    async with store.transaction() as uow:
        found = await uow.group_codes.find(code)
        if found is None:
            return Redemption(Redeemed.UNKNOWN)
        if not await uow.group_codes.consume(found.id, chat_id, now):
            return Redemption(Redeemed.USED)
        for account_id in found.account_ids:
            link = await uow.links.get(user_id, account_id)
            if link is None:  # unlinked since the code was made
                continue
            await uow.subscriptions.subscribe(chat_id, account_id, link.id)
            names.append(link.child_name)
    if not names:
        return Redemption(Redeemed.NOTHING)
    return Redemption(Redeemed.SHARED, tuple(names))


# ----------------------------------------------------------------- erase a parent


class Connections(Protocol):
    """What erasing needs of the Librus side (`sync.upstream.Upstream` is one)."""

    async def forget(self, account_id: int) -> None: ...


async def erase_parent(store: Store, upstream: Connections, user_id: int) -> int:
    """Everything of the parent goes: their links and what they shared into groups
    (with its queue there), their private chat, conversations and share codes, and
    every account no other parent follows (its sealed password and session too); the
    live Librus connections of those accounts are dropped. Returns the accounts
    deleted."""
    async with store.transaction() as uow:
        gone = await uow.privacy.erase(user_id)
    for account_id in gone:
        await upstream.forget(account_id)
    return len(gone)
