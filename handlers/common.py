"""What the feature routers share: who is in scope, reading snapshots, answering."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from aiogram import Bot
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputRichMessage,
    Message,
)
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot import ephemeral, rich_send
from bot.callbacks import PickCb, RefreshCb
from bot.context import AppContext
from bot.ephemeral import is_ephemeral
from bot.i18n import Translator
from bot.render.text import split_message
from storage.records import ChatRecord, ChildRecord, SnapshotRecord
from sync import kinds as K
from sync.clock import WARSAW

# A snapshot younger than this is shown without asking Librus.
FRESH_FOR = timedelta(minutes=30)


@dataclass(frozen=True)
class ChildData:
    """A child's stored data for one command."""

    child: ChildRecord
    snapshots: dict[str, SnapshotRecord]
    reference: dict[str, Any]
    absent: set[str]
    refreshed: str | None = None  # the outcome of a live fetch, when one was made

    def data(self, kind: str) -> dict[str, Any] | None:
        snap = self.snapshots.get(kind)
        return snap.data if snap else None

    def fetched_at(self, kinds: Iterable[str]) -> datetime | None:
        stamps = [self.snapshots[k].fetched_at for k in kinds if k in self.snapshots]
        return min(stamps) if stamps else None


async def children_in_scope(app: AppContext, chat: ChatRecord, user_id: int) -> list[ChildRecord]:
    """Private chat: the children this parent linked. Group: the children shared there."""
    async with app.store.reading() as uow:
        if chat.is_private:
            return await uow.links.children(user_id)
        return await uow.links.children_of_chat(chat.id)


async def child_in_scope(
    app: AppContext, chat: ChatRecord, user_id: int, account_id: int
) -> ChildRecord | None:
    """The child behind untrusted callback data, only if this chat may see it."""
    for child in await children_in_scope(app, chat, user_id):
        if child.account_id == account_id:
            return child
    return None


ANONYMOUS_ADMIN = 1087968824  # "GroupAnonymousBot": an admin posting as the group


async def is_group_admin(bot: Bot, chat_id: int, user_id: int) -> bool:
    """Asked of Telegram each time (never cached): admins come and go."""
    if user_id == ANONYMOUS_ADMIN:
        return True
    try:
        member = await bot.get_chat_member(chat_id, user_id)
    except Exception:  # noqa: BLE001 - when in doubt, not an admin
        return False
    return member.status in ("creator", "administrator")


async def pressed_child(
    query: CallbackQuery, t: Translator, app: AppContext, chat: ChatRecord, account_id: int
) -> ChildRecord | None:
    """The child a button is about; a button for a child outside this chat's scope
    (stale, or forged) is answered with an alert and gives None."""
    child = await child_in_scope(app, chat, query.from_user.id, account_id)
    if child is None:
        await query.answer(t("button-stale"), show_alert=True)
    return child


async def load(
    app: AppContext,
    child: ChildRecord,
    kinds: Sequence[str],
    *,
    force: bool = False,
    also: Sequence[str] = (),
) -> ChildData:
    """The stored snapshots of `kinds`; fetched live first when asked to, or when one is
    missing (a child linked a moment ago). `also`: kinds read as stored, never fetched
    for the answer (asked for only in some weeks, like the behaviour grade)."""
    data = await _read(app, child, (*kinds, *also))
    missing = [k for k in kinds if k not in data.snapshots and k not in data.absent]
    if (force or missing) and not child.is_paused:
        result = await app.refresher.refresh(child.account_id, list(kinds))
        data = await _read(app, child, (*kinds, *also))
        return ChildData(data.child, data.snapshots, data.reference, data.absent, result.status)
    return data


async def _read(app: AppContext, child: ChildRecord, kinds: Sequence[str]) -> ChildData:
    now = app.clock.now()
    async with app.store.reading() as uow:
        snapshots = await uow.snapshots.get_many(
            [(child.account_id, k) for k in (*kinds, K.REFERENCE)]
        )
        states = await uow.sync.kinds(child.account_id)
    absent = {k for k, s in states.items() if s.absent_until and s.absent_until > now}
    reference = snapshots.pop((child.account_id, K.REFERENCE), None)
    return ChildData(
        child=child,
        snapshots={kind: snap for (_, kind), snap in snapshots.items()},
        reference=reference.data if reference else {},
        absent=absent,
    )


def freshness(t: Translator, fetched_at: datetime | None, now: datetime) -> str:
    if fetched_at is None:
        return t("fresh-none")
    local = fetched_at.astimezone(WARSAW)
    if local.date() == now.astimezone(WARSAW).date():
        return t("fresh-today", time=local.strftime("%H:%M"))
    return t("fresh-day", date=local.strftime("%d.%m"), time=local.strftime("%H:%M"))


def picker(command: str, children: Sequence[ChildRecord], arg: str = "") -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for child in children:
        builder.button(
            text=child.child_name,
            callback_data=PickCb(command=command, account=child.account_id, arg=arg),
        )
    builder.adjust(2)
    return builder.as_markup()


def refresh_button(
    t: Translator, command: str, account_id: int, arg: str = ""
) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=t("button-refresh"),
        callback_data=RefreshCb(command=command, account=account_id, arg=arg).pack(),
    )


async def reply(
    event: Message | CallbackQuery,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    edit: bool = True,
    rich: InputRichMessage | None = None,
) -> None:
    """Answer a command (new message) or a button press (edit the message in place).
    Long texts go out in parts; the keyboard goes with the last one. `rich`: the same
    answer as a rich message (tables), tried first; `text` is its fallback."""
    parts = split_message(text)
    if isinstance(event, CallbackQuery) and is_ephemeral(event.message):
        # Only its receiver sees the message pressed: so must the answer, always.
        assert isinstance(event.message, Message) and event.bot is not None
        user = event.from_user.id
        if not await ephemeral.edit(event.bot, event.message, user, text, markup):
            await ephemeral.send(event.bot, event.message.chat.id, user, text, markup)
        return
    if rich is not None and rich_send.usable(event.bot) and await _rich(event, rich, markup, edit):
        return
    if isinstance(event, CallbackQuery):
        message = event.message
        if edit and len(parts) == 1 and isinstance(message, Message):
            if message.html_text == parts[0] and _same(message.reply_markup, markup):
                return  # the same press again: Telegram would refuse an unchanged edit
            try:
                await message.edit_text(parts[0], reply_markup=markup)
                return
            except Exception as err:  # noqa: BLE001 - read below: 'not modified' or sent anew
                if "not modified" in str(err):
                    return
        if isinstance(message, Message):
            for n, part in enumerate(parts):
                await message.answer(part, reply_markup=markup if n == len(parts) - 1 else None)
        return
    for n, part in enumerate(parts):
        await event.answer(part, reply_markup=markup if n == len(parts) - 1 else None)


async def _rich(
    event: Message | CallbackQuery,
    rich: InputRichMessage,
    markup: InlineKeyboardMarkup | None,
    edit: bool,
) -> bool:
    """The rich form sent (or shown in place); False: the text goes instead."""
    message = event.message if isinstance(event, CallbackQuery) else event
    if not isinstance(message, Message) or event.bot is None:
        return False
    if isinstance(event, CallbackQuery) and edit:
        return await rich_send.edit(message, rich, markup)
    thread = message.message_thread_id if message.is_topic_message else None
    return await rich_send.send(event.bot, message.chat.id, rich, markup, thread=thread)


def _same(shown: InlineKeyboardMarkup | None, markup: InlineKeyboardMarkup | None) -> bool:
    def plain(value: InlineKeyboardMarkup | None) -> object:
        return value.model_dump(exclude_none=True) if value is not None else None

    return plain(shown) == plain(markup)


def status_line(t: Translator, result: str | None) -> str:
    """A sentence about a live fetch that did not work (empty when it did)."""
    if result in (None, "ok", "recent"):
        return ""  # fresh: the view says how fresh
    known = ("busy", "unavailable", "paused", "cooling")
    return t(f"refresh-{result}" if result in known else "refresh-failed")
