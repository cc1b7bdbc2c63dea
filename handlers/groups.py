"""Family groups: sharing children into a group with a one-time code, stopping it,
and following the bot's own membership (removed, blocked, group upgraded).

The trust chain: only a parent who linked a child can put it into a code (private
chat); the code works once, for ten minutes, only when the same Telegram user sends
it in the group and is an admin there. Nobody can reach a child through a group that
its parent did not share, whatever a command or a button carries.
"""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.types import (
    CallbackQuery,
    ChatMemberUpdated,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import GroupCb, ShareCb
from bot.context import AppContext
from bot.i18n import Translator, translator
from bot.render.text import esc
from handlers.common import ANONYMOUS_ADMIN, children_in_scope, is_group_admin, reply
from storage.records import ChatRecord, ChildRecord
from sync.chat_fate import chat_gone, chat_migrated
from sync.family import CODE_TTL, Redeemed, Redemption, find_code, new_share_code
from sync.family import redeem as redeem_code

log = logging.getLogger("handlers.groups")
router = Router(name="groups")
CODE_PREFIX = "g_"


# ----------------------------------------------------------------- private: share


def _mask(picked: set[int], children: list[ChildRecord]) -> str:
    bits = sum(1 << n for n, child in enumerate(children) if child.account_id in picked)
    return format(bits, "x")


def _picked(mask: str, children: list[ChildRecord]) -> set[int]:
    try:
        bits = int(mask or "0", 16)
    except ValueError:
        return set()
    return {child.account_id for n, child in enumerate(children) if bits >> n & 1}


def share_view(
    t: Translator, children: list[ChildRecord], picked: set[int]
) -> tuple[str, InlineKeyboardMarkup]:
    """Ticks for each child; the mask of ticked children travels in the buttons, so a
    double press or an old screen cannot share a child the parent did not tick."""
    builder = InlineKeyboardBuilder()
    for child in children:
        mark = "☑️" if child.account_id in picked else "⬜"
        toggled = picked ^ {child.account_id}
        builder.button(
            text=f"{mark} {child.child_name}",
            callback_data=ShareCb(action="pick", mask=_mask(toggled, children)),
        )
    builder.adjust(2)
    if picked:
        builder.row(
            InlineKeyboardButton(
                text=t("button-share-create"),
                callback_data=ShareCb(action="create", mask=_mask(picked, children)).pack(),
            )
        )
    return t("share-pick"), builder.as_markup()


async def open_share(query: CallbackQuery, t: Translator, app: AppContext, account_id: int) -> None:
    """From a child's menu: the picker with that child ticked."""
    children = await app_children(app, query.from_user.id)
    picked = {c.account_id for c in children if c.account_id == account_id}
    text, markup = share_view(t, children, picked)
    await reply(query, text, markup)


async def app_children(app: AppContext, user_id: int) -> list[ChildRecord]:
    async with app.store.reading() as uow:
        return sorted(await uow.links.children(user_id), key=lambda c: c.account_id)


@router.callback_query(ShareCb.filter())
async def share_button(
    query: CallbackQuery,
    callback_data: ShareCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    if not chat_record.is_private:
        await query.answer(t("children-private-only"), show_alert=True)
        return
    children = await app_children(app, query.from_user.id)
    picked = _picked(callback_data.mask, children)
    if callback_data.action == "pick":
        await query.answer()
        text, markup = share_view(t, children, picked)
        await reply(query, text, markup)
        return
    if callback_data.action != "create" or not picked:
        await query.answer(t("button-stale"), show_alert=True)
        return
    code = await new_share_code(app.store, query.from_user.id, picked, app.clock.now())
    names = ", ".join(esc(c.child_name) for c in children if c.account_id in picked)
    url = f"https://t.me/{app.bot_username}?startgroup={CODE_PREFIX}{code}"
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-share-open"), url=url)
    await query.answer()
    await reply(
        query,
        t("share-link", names=names, minutes=int(CODE_TTL.total_seconds() // 60))
        # Addressed to this bot: with privacy mode on, a bare /start reaches it only
        # when it was the last bot to speak in the group.
        + f"\n\n<code>/start@{esc(app.bot_username)} {CODE_PREFIX}{code}</code>",
        builder.as_markup(),
    )


# ----------------------------------------------------------------- group: redeem


async def redeem(
    message: Message, t: Translator, chat_record: ChatRecord, app: AppContext, payload: str
) -> None:
    """`/start g_<code>` in a group (sent by the startgroup link, or typed)."""
    if chat_record.is_private:
        await message.answer(t("group-code-private"))
        return
    user = message.from_user
    if user is None or user.id == ANONYMOUS_ADMIN or message.sender_chat is not None:
        await message.answer(t("group-code-anonymous"))
        return
    now = app.clock.now()
    code = payload[len(CODE_PREFIX) :]
    refused = await find_code(app.store, code, user.id, now)
    if refused is None and (
        message.bot is None or not await is_group_admin(message.bot, chat_record.id, user.id)
    ):
        refused = Redemption(Redeemed.NOT_ADMIN)
    done = (
        refused
        if refused is not None
        else await redeem_code(app.store, code, chat_record.id, user.id, now)
    )
    if done.outcome == Redeemed.SHARED:
        await message.answer(t("group-shared", names=", ".join(esc(n) for n in done.names)))
    else:
        await message.answer(t(REDEEM_KEYS[done.outcome]))


REDEEM_KEYS = {
    Redeemed.UNKNOWN: "group-code-unknown",
    Redeemed.USED: "group-code-used",
    Redeemed.EXPIRED: "group-code-expired",
    Redeemed.OTHER_USER: "group-code-other-user",
    Redeemed.NOT_ADMIN: "group-code-not-admin",
    Redeemed.NOTHING: "group-code-nothing",
}


# ----------------------------------------------------------------- group: unshare


async def group_children(
    message: Message | CallbackQuery, t: Translator, chat_record: ChatRecord, app: AppContext
) -> None:
    """/dzieci in a group: who is shared here, and a button to stop for each."""
    children = await children_in_scope(app, chat_record, 0)
    if not children:
        await reply(message, t("no-children-group"))
        return
    builder = InlineKeyboardBuilder()
    lines = [t("group-children-title")]
    for child in children:
        lines.append(f"• <b>{esc(child.child_name)}</b>")
        builder.button(
            text=t("button-unshare", name=child.child_name),
            callback_data=GroupCb(action="unshare", account=child.account_id),
        )
    builder.adjust(1)
    lines.append("")
    lines.append(t("group-children-hint"))
    await reply(message, "\n".join(lines), builder.as_markup())


@router.callback_query(GroupCb.filter(F.action == "unshare"))
async def unshare_button(
    query: CallbackQuery,
    callback_data: GroupCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    """Only a parent of the child (one who linked it) may stop sharing it here."""
    if chat_record.is_private:
        await query.answer(t("button-stale"), show_alert=True)
        return
    async with app.store.transaction() as uow:
        subscription = await uow.subscriptions.get(chat_record.id, callback_data.account)
        own = await uow.links.get(query.from_user.id, callback_data.account)
        if subscription is None:
            await query.answer(t("button-stale"), show_alert=True)
            return
        if own is None:
            await query.answer(t("group-unshare-not-parent"), show_alert=True)
            return
        await uow.subscriptions.unsubscribe(chat_record.id, callback_data.account)
        await uow.outbox.delete_for(chat_record.id, callback_data.account)
    await query.answer(t("group-unshared", name=own.child_name))
    await group_children(query, t, chat_record, app)


# ----------------------------------------------------------------- membership


@router.my_chat_member()
async def membership(update: ChatMemberUpdated, chat_record: ChatRecord, app: AppContext) -> None:
    """The bot removed from a group (or blocked in a private chat): stop sending there and
    drop its queue; a group also forgets what was shared, so adding the bot back starts
    clean. Added (back): a group hears how sharing works; an unblocked private chat is
    active again (the middleware already did that) and keeps its children."""
    status = update.new_chat_member.status
    old = update.old_chat_member.status
    if status in ("kicked", "left"):
        async with app.store.transaction() as uow:
            forget = not chat_record.is_private
            dropped = await chat_gone(uow, chat_record.id, forget_shares=forget)
        log.info("bot removed", extra={"chat": chat_record.id, "dropped": dropped})
        return
    if not chat_record.is_private and status in ("member", "administrator"):
        # Rights back (a restricted bot made a member or an admin again): the queue
        # held meanwhile goes out now.
        async with app.store.transaction() as uow:
            if await uow.chats.can_send_again(chat_record.id):
                released = await uow.outbox.release_chat(chat_record.id, app.clock.now())
                log.info("can send again", extra={"chat": chat_record.id, "rows": released})
    if chat_record.is_private or old not in ("kicked", "left"):
        return
    async with app.store.transaction() as uow:
        await uow.chats.set_active(chat_record.id, True)
    t = translator(chat_record.language)
    await update.bot.send_message(  # type: ignore[union-attr]
        chat_record.id, t("group-intro", bot=esc(app.bot_username))
    )


@router.message(F.migrate_to_chat_id)
async def migrated(message: Message, chat_record: ChatRecord, app: AppContext) -> None:
    """A group became a supergroup: its children, settings and queue move to the new id."""
    new_id = message.migrate_to_chat_id
    assert new_id is not None
    async with app.store.transaction() as uow:
        await chat_migrated(uow, chat_record.id, new_id)
    log.info("group migrated", extra={"chat": chat_record.id, "to": new_id})
