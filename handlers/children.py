"""/dzieci: the parent's children with their status, and what can be done with each:
rename, pause or resume notifications, give a new password, unlink."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import ChildCb, LinkCb, UnshareCb
from bot.context import AppContext
from bot.i18n import Translator
from bot.render.text import esc
from handlers import groups
from handlers.common import (
    child_in_scope,
    children_in_scope,
    freshness,
    pressed_child,
    reply,
)
from handlers.dialogue import not_a_command
from handlers.link import cancel_keyboard
from handlers.login_failure import Failure, explain
from storage.records import ChatRecord, ChildRecord
from sync.errors import UpstreamError, UpstreamUnavailable

log = logging.getLogger("handlers.children")
router = Router(name="children")
# The new-password step, checked before every other router like the linking one.
password_router = Router(name="children-password")
NAME_MAX = 32


class ChildEdit(StatesGroup):
    name = State()
    password = State()


def status(t: Translator, child: ChildRecord, app: AppContext) -> str:
    if child.is_paused:
        key = {
            "invalid_credentials": "child-status-password",
            "captcha": "child-status-captcha",
            "login_refused": "child-status-refused",
        }.get(child.pause_reason or "", "child-status-action")
        return t(key)
    if child.last_success_at is None:
        return t("child-status-new")
    text = "✅ " + freshness(t, child.last_success_at, app.clock.now())
    if child.last_error_class:
        text += " · " + t("child-status-trouble")
    if child.notifications_paused:
        text += " · " + t("child-status-muted")
    return text


async def overview(
    t: Translator, app: AppContext, chat_record: ChatRecord, user_id: int
) -> tuple[str, InlineKeyboardMarkup]:
    children = await children_in_scope(app, chat_record, user_id)
    builder = InlineKeyboardBuilder()
    if not children:
        builder.button(text=t("button-add-child"), callback_data=LinkCb(action="start"))
        return t("children-none"), builder.as_markup()
    lines = [t("children-title")]
    for child in children:
        klass = f", {esc(child.class_name)}" if child.class_name else ""
        lines.append("")
        lines.append(f"<b>{esc(child.child_name)}</b> – {esc(child.student_name)}{klass}")
        lines.append(status(t, child, app))
        builder.button(
            text=child.child_name, callback_data=ChildCb(action="menu", account=child.account_id)
        )
    builder.button(text=t("button-add-child"), callback_data=LinkCb(action="start"))
    builder.adjust(2)
    return "\n".join(lines), builder.as_markup()


@router.message(Command("dzieci", "children"))
async def children_command(
    message: Message, t: Translator, chat_record: ChatRecord, app: AppContext
) -> None:
    if not chat_record.is_private:
        await groups.group_children(message, t, chat_record, app)
        return
    text, markup = await overview(
        t, app, chat_record, message.from_user.id if message.from_user else 0
    )
    await message.answer(text, reply_markup=markup)


def menu(t: Translator, child: ChildRecord) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    account = child.account_id
    builder.button(text=t("button-rename"), callback_data=ChildCb(action="rename", account=account))
    if child.notifications_paused:
        builder.button(
            text=t("button-resume"), callback_data=ChildCb(action="resume", account=account)
        )
    else:
        builder.button(
            text=t("button-pause"), callback_data=ChildCb(action="pause", account=account)
        )
    builder.button(
        text=t("button-new-password"), callback_data=ChildCb(action="password", account=account)
    )
    builder.button(text=t("button-share"), callback_data=ChildCb(action="share", account=account))
    builder.button(
        text=t("button-child-groups"), callback_data=ChildCb(action="groups", account=account)
    )
    builder.button(text=t("button-unlink"), callback_data=ChildCb(action="unlink", account=account))
    builder.button(text=t("button-back"), callback_data=ChildCb(action="back", account=account))
    builder.adjust(2)
    return builder.as_markup()


async def _in_private(query: CallbackQuery, t: Translator, chat_record: ChatRecord) -> bool:
    """A child's buttons act only in the private chat (a forwarded or copied keyboard
    pressed in a group gets an alert, never another family's screen)."""
    if chat_record.is_private:
        return True
    await query.answer(t("children-private-only"), show_alert=True)
    return False


@router.callback_query(ChildCb.filter())
async def child_button(
    query: CallbackQuery,
    callback_data: ChildCb,
    state: FSMContext,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    user_id = query.from_user.id
    if not await _in_private(query, t, chat_record):
        return
    if callback_data.action == "back":
        await query.answer()
        text, markup = await overview(t, app, chat_record, user_id)
        await reply(query, text, markup)
        return
    child = await pressed_child(query, t, app, chat_record, callback_data.account)
    if child is None:
        return
    await query.answer()
    action = callback_data.action
    if action == "menu":
        await reply(
            query,
            t("child-menu", name=esc(child.child_name), student=esc(child.student_name))
            + "\n"
            + status(t, child, app),
            menu(t, child),
        )
    elif action == "share":
        await groups.open_share(query, t, app, child.account_id)
    elif action in ("pause", "resume"):
        async with app.store.transaction() as uow:
            await uow.subscriptions.set_paused(user_id, child.account_id, action == "pause")
        key = "child-paused" if action == "pause" else "child-resumed"
        child = await child_in_scope(app, chat_record, user_id, child.account_id) or child
        await reply(query, t(key, name=esc(child.child_name)), menu(t, child))
    elif action == "rename":
        await state.set_state(ChildEdit.name)
        await state.update_data(account=child.account_id)
        await reply(
            query, t("child-ask-name", name=esc(child.child_name)), cancel_keyboard(t), edit=False
        )
    elif action == "password":
        await state.set_state(ChildEdit.password)
        await state.update_data(account=child.account_id, attempts=0)
        await reply(
            query,
            t("child-ask-password", name=esc(child.child_name), login=esc(child.login)),
            cancel_keyboard(t),
            edit=False,
        )
    elif action == "groups":
        await reply(query, *await _groups_screen(t, app, user_id, child))
    elif action == "unlink":
        builder = InlineKeyboardBuilder()
        builder.button(
            text=t("button-unlink-yes"),
            callback_data=ChildCb(action="unlink_yes", account=child.account_id),
        )
        builder.button(
            text=t("button-cancel"), callback_data=ChildCb(action="menu", account=child.account_id)
        )
        await reply(
            query, t("child-unlink-confirm", name=esc(child.child_name)), builder.as_markup()
        )
    elif action == "unlink_yes":
        await unlink(app, user_id, child.account_id)
        await reply(query, t("child-unlinked", name=esc(child.child_name)))


async def _groups_screen(
    t: Translator, app: AppContext, user_id: int, child: ChildRecord
) -> tuple[str, InlineKeyboardMarkup]:
    """The groups this parent shares the child into, each with a button to stop: the
    way out for a parent no longer in the group (or whose group lost the bot)."""
    async with app.store.reading() as uow:
        groups = await uow.subscriptions.groups_shared_by(user_id, child.account_id)
    builder = InlineKeyboardBuilder()
    for chat_id, title in groups:
        builder.button(
            text=t("button-stop-sharing", group=title or "?"),
            callback_data=UnshareCb(account=child.account_id, chat=chat_id),
        )
    builder.button(
        text=t("button-back"), callback_data=ChildCb(action="menu", account=child.account_id)
    )
    builder.adjust(1)
    key = "child-groups" if groups else "child-groups-none"
    return t(key, name=esc(child.child_name)), builder.as_markup()


@router.callback_query(UnshareCb.filter())
async def stop_sharing(
    query: CallbackQuery,
    callback_data: UnshareCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    """Only this parent's own share, and only from their private chat."""
    user_id = query.from_user.id
    if not await _in_private(query, t, chat_record):
        return
    child = await pressed_child(query, t, app, chat_record, callback_data.account)
    if child is None:
        return
    async with app.store.transaction() as uow:
        subscription = await uow.subscriptions.get(callback_data.chat, child.account_id)
        own = await uow.links.get(user_id, child.account_id)
        if subscription is None or own is None or subscription.link_id != own.id:
            await query.answer(t("button-stale"), show_alert=True)
            return
        await uow.subscriptions.unsubscribe(callback_data.chat, child.account_id)
        await uow.outbox.delete_for(callback_data.chat, child.account_id)
    await query.answer(t("group-unshared", name=child.child_name))
    await reply(query, *await _groups_screen(t, app, user_id, child))


async def unlink(app: AppContext, user_id: int, account_id: int) -> None:
    """Remove this parent's link; the account goes too when nobody else follows it."""
    async with app.store.transaction() as uow:
        await uow.outbox.delete_for(user_id, account_id)
        await uow.links.unlink(user_id, account_id)  # its group shares go with it
        # Groups that followed the child only through this parent forget it too:
        # nothing queued for them is sent, their timeline drops it.
        await uow.outbox.forget_unfollowed(account_id)
        gone = await uow.accounts.delete_if_orphaned(account_id)
    if gone:
        await app.upstream.forget(account_id)


@router.message(StateFilter(ChildEdit.name), F.text, not_a_command)
async def got_name(message: Message, state: FSMContext, t: Translator, app: AppContext) -> None:
    name = " ".join((message.text or "").split())
    if not name or len(name) > NAME_MAX or name.startswith("/"):
        await message.answer(t("child-bad-name", max=NAME_MAX), reply_markup=cancel_keyboard(t))
        return
    data = await state.get_data()
    user_id = message.from_user.id if message.from_user else 0
    async with app.store.transaction() as uow:
        renamed = await uow.links.rename(user_id, int(data.get("account", 0)), name)
    await state.clear()
    await message.answer(t("child-renamed", name=esc(name)) if renamed else t("button-stale"))


@router.message(StateFilter(ChildEdit.name))
async def name_not_text(message: Message, t: Translator) -> None:
    await message.answer(t("child-bad-name", max=NAME_MAX), reply_markup=cancel_keyboard(t))


@password_router.message(StateFilter(ChildEdit.password), F.text, not_a_command)
async def got_password(
    message: Message, state: FSMContext, t: Translator, chat_record: ChatRecord, app: AppContext
) -> None:
    password = message.text or ""
    try:
        await message.delete()
    except Exception:  # noqa: BLE001 - the password flow goes on
        log.warning("could not delete a password message")
    data = await state.get_data()
    user_id = message.from_user.id if message.from_user else 0
    child = await child_in_scope(app, chat_record, user_id, int(data.get("account", 0)))
    if child is None:
        await state.clear()
        await message.answer(t("button-stale"))
        return
    progress = await message.answer(t("link-checking"))
    try:
        check = await app.login_checks.check(
            user_id, child.login, password, own_account_id=child.account_id
        )
        async with app.store.transaction() as uow:
            await uow.accounts.create_or_refresh(
                child.login,
                password,
                student_name=check.profile.student_name,
                session_blob_plain=check.session,
            )
            await uow.sync.poll_soon(child.account_id, app.clock.now())
    except UpstreamError as err:
        del password
        await _password_failed(progress, state, t, app, err)
        return
    del password
    await app.upstream.forget(child.account_id)
    await state.clear()
    # "Notifications are back" only where they had stopped.
    key = "child-password-resumed" if child.is_paused else "child-password-updated"
    await progress.edit_text(t(key, name=esc(child.child_name)))


async def _password_failed(
    progress: Message, state: FSMContext, t: Translator, app: AppContext, err: UpstreamError
) -> None:
    failure, text = explain(t, err, app.clock.now())
    if failure is Failure.STOP:
        await state.clear()
        await progress.edit_text(text)
        return
    if failure is Failure.LATER:
        text = t("link-unreachable-short")
        if isinstance(err, UpstreamUnavailable) and err.maintenance:
            text = t("link-maintenance-short")
    elif failure is Failure.ACTION:
        text += "\n\n" + t("child-password-after-action")
    # The password was not kept: it is typed again (the same, or the new one).
    await progress.edit_text(text, reply_markup=cancel_keyboard(t))


@router.message(StateFilter(ChildEdit.password))
async def password_not_text(message: Message, t: Translator) -> None:
    await message.answer(t("link-expect-password"), reply_markup=cancel_keyboard(t))
