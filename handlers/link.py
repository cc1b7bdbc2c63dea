"""Linking a child's Synergia account, in a private chat only.

Login (the numeric one from school, not the Konto LIBRUS e-mail) → password (the
message is deleted at once) → a live login check → the child's name and class → the
consent screen → only then is anything stored. 'Anuluj' works at every step. Checks are
limited per login and per user across dialogues (`sync.login_checks`), stopping before
Librus would ask for a captcha. When Librus wants something done in the browser first
(a new password, new terms), the parent does it and presses 'Spróbuj ponownie', or
types the new password; nothing is retried by itself.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import LinkCb
from bot.context import AppContext
from bot.i18n import Translator
from bot.render.text import esc
from handlers.common import reply
from handlers.dialogue import not_a_command
from handlers.login_failure import Failure, explain
from storage.records import ChatRecord
from sync import kinds as K
from sync.errors import UpstreamError
from sync.family import LinkRequest, link_child
from sync.upstream import StudentProfile

log = logging.getLogger("handlers.link")
router = Router(name="link")
# The password step is checked before every other router, so a password that happens
# to look like a command is still taken (and deleted) as a password.
password_router = Router(name="link-password")

LOGIN_RE = re.compile(r"^\d{4,10}[a-z]{0,2}$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Link(StatesGroup):
    login = State()
    password = State()
    consent = State()


def cancel_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-cancel"), callback_data=LinkCb(action="cancel"))
    return builder.as_markup()


def start_keyboard(t: Translator) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-add-child"), callback_data=LinkCb(action="start"))
    return builder.as_markup()


def normalise_login(text: str) -> str:
    return text.strip().lower().replace(" ", "")


async def begin(
    message: Message, state: FSMContext, t: Translator, chat_record: ChatRecord, app: AppContext
) -> None:
    """Ask for the login (or, in a group, explain why not here)."""
    if not chat_record.is_private:
        link = f"https://t.me/{app.bot_username}?start=add"
        await message.answer(t("link-private-only", link=esc(link)))
        return
    await state.clear()
    await state.set_state(Link.login)
    await message.answer(t("link-ask-login"), reply_markup=cancel_keyboard(t))


@router.message(Command("dodaj", "add"))
async def add_command(
    message: Message, state: FSMContext, t: Translator, chat_record: ChatRecord, app: AppContext
) -> None:
    await begin(message, state, t, chat_record, app)


@router.callback_query(LinkCb.filter(F.action == "start"))
async def add_button(
    query: CallbackQuery, state: FSMContext, t: Translator, chat_record: ChatRecord, app: AppContext
) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await begin(query.message, state, t, chat_record, app)


@router.message(Command("anuluj", "cancel"))
async def cancel_command(
    message: Message, state: FSMContext, t: Translator, app: AppContext
) -> None:
    data = await state.get_data()
    app.pending.drop(data.get("ticket"))
    had_state = await state.get_state() is not None
    await state.clear()
    await message.answer(t("cancelled") if had_state else t("nothing-to-cancel"))


@router.callback_query(LinkCb.filter(F.action == "cancel"))
async def cancel_button(
    query: CallbackQuery, state: FSMContext, t: Translator, app: AppContext
) -> None:
    data = await state.get_data()
    app.pending.drop(data.get("ticket"))
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await reply(query, t("cancelled"))


@router.message(StateFilter(Link.login), F.text, not_a_command)
async def got_login(message: Message, state: FSMContext, t: Translator, app: AppContext) -> None:
    text = message.text or ""
    login = normalise_login(text)
    if EMAIL_RE.match(text.strip()):
        await message.answer(t("link-email-not-login"), reply_markup=cancel_keyboard(t))
        return
    if not LOGIN_RE.match(login):
        await message.answer(t("link-bad-login"), reply_markup=cancel_keyboard(t))
        return
    user_id = message.from_user.id if message.from_user else 0
    async with app.store.reading() as uow:
        existing = await uow.accounts.by_login(login)
        link = await uow.links.get(user_id, existing.id) if existing else None
    if link is not None:
        await state.clear()
        await message.answer(t("link-already", name=esc(link.child_name)))
        return
    await state.update_data(login=login, attempts=0)
    await state.set_state(Link.password)
    await message.answer(t("link-ask-password", login=esc(login)), reply_markup=cancel_keyboard(t))


@password_router.message(StateFilter(Link.password), F.text, not_a_command)
async def got_password(message: Message, state: FSMContext, t: Translator, app: AppContext) -> None:
    password = message.text or ""
    # The password message goes first, before anything else can fail.
    try:
        await message.delete()
    except Exception:  # noqa: BLE001 - the password flow goes on
        log.warning("could not delete a password message")
    user_id = message.from_user.id if message.from_user else 0
    if not password.strip() or len(password) > 200:
        await message.answer(t("link-bad-password"), reply_markup=cancel_keyboard(t))
        return
    ticket = app.pending.put(user_id, password)
    del password
    await state.update_data(ticket=ticket)
    progress = await message.answer(t("link-checking"))
    await check(progress, state, t, app, user_id)


@router.message(StateFilter(Link.consent))
async def at_consent(message: Message, t: Translator) -> None:
    """'tak', 'ok', 'zgadzam się'... typed instead of pressed."""
    await message.answer(t("link-consent-use-buttons"))


@router.message(StateFilter(Link.login, Link.password))
async def not_text(message: Message, state: FSMContext, t: Translator) -> None:
    """A sticker, a photo, a file... in the middle of the dialogue."""
    step = await state.get_state()
    key = "link-expect-login" if step == Link.login.state else "link-expect-password"
    await message.answer(t(key), reply_markup=cancel_keyboard(t))


@router.callback_query(LinkCb.filter(F.action == "retry"), StateFilter(Link.password))
async def retry(query: CallbackQuery, state: FSMContext, t: Translator, app: AppContext) -> None:
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(t("link-checking"))
        await check(query.message, state, t, app, query.from_user.id)


async def check(
    progress: Message, state: FSMContext, t: Translator, app: AppContext, user_id: int
) -> None:
    """The live login check; the password is opened only for it."""
    data = await state.get_data()
    login = str(data.get("login", ""))
    sealed = app.pending.take(user_id, data.get("ticket"), keep=True)
    if sealed is None:
        await state.set_state(Link.password)
        await progress.edit_text(t("link-password-expired"), reply_markup=cancel_keyboard(t))
        return
    password = sealed[0]
    try:
        # Never with another parent's stored session or DeviceCookie (see login_checks).
        result = await app.login_checks.check(user_id, login, password)
    except UpstreamError as err:
        del password, sealed
        await _failed(progress, state, t, app, err, data)
        return
    del password, sealed
    app.pending.add_session(user_id, data.get("ticket"), result.session)
    profile = result.profile
    same = await _same_child_linked(app, user_id, profile.child_key, login)
    if same is not None:
        # One child through two logins (the parent's and the pupil's) stays one child.
        app.pending.drop(data.get("ticket"))
        await state.clear()
        name, other_login = same
        await progress.edit_text(t("link-same-child", name=esc(name), login=esc(other_login)))
        return
    await state.update_data(
        student=profile.student_name,
        klass=profile.class_name,
        school=profile.school_name,
        number=profile.register_number,
        holder=profile.holder,
        child_key=profile.child_key,
    )
    await state.set_state(Link.consent)
    first_name = profile.student_name.split()[0] if profile.student_name else login
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-consent"), callback_data=LinkCb(action="accept"))
    builder.button(text=t("button-cancel"), callback_data=LinkCb(action="cancel"))
    builder.adjust(1)
    await progress.edit_text(
        _found(t, profile) + "\n\n" + t("link-consent", name=esc(first_name)),
        reply_markup=builder.as_markup(),
    )


def _found(t: Translator, profile: StudentProfile) -> str:
    """Whose login it is, in Librus's own names: a parent's login names the parent
    and the child, a pupil's the pupil."""
    common = {
        "student": esc(profile.student_name),
        "klass": t(
            "link-group" if profile.kindergarten else "link-class",
            name=esc(profile.class_name or "—"),
        ),
        "school": esc(profile.school_name or "—"),
    }
    if profile.holder == "parent" and profile.holder_name:
        return t("link-found-parent", holder=esc(profile.holder_name), **common)
    if profile.holder == "pupil":
        return t("link-found", **common)
    return t("link-found-unknown", **common)


async def _same_child_linked(
    app: AppContext, user_id: int, child_key: str | None, login: str
) -> tuple[str, str] | None:
    """(the name this parent gave it, its login) when this parent already follows the
    same child through another login."""
    if child_key is None:
        return None
    async with app.store.reading() as uow:
        for account in await uow.accounts.by_child(child_key):
            if account.login == login:
                continue
            link = await uow.links.get(user_id, account.id)
            if link is not None:
                return link.child_name, account.login
    return None


async def _failed(
    progress: Message,
    state: FSMContext,
    t: Translator,
    app: AppContext,
    err: UpstreamError,
    data: dict[str, Any],
) -> None:
    failure, text = explain(t, err, app.clock.now())
    if failure is Failure.REJECTED:
        app.pending.drop(data.get("ticket"))
        await state.update_data(ticket=None)
        await state.set_state(Link.password)
        await progress.edit_text(text, reply_markup=cancel_keyboard(t))
        return
    if failure is Failure.STOP:
        app.pending.drop(data.get("ticket"))
        await state.clear()
        await progress.edit_text(text)
        return
    # Librus is out of reach, or wants something done in the browser first: the
    # password stays sealed for 'Spróbuj ponownie'; a new one may be typed instead.
    builder = InlineKeyboardBuilder()
    builder.button(text=t("button-retry"), callback_data=LinkCb(action="retry"))
    builder.button(text=t("button-cancel"), callback_data=LinkCb(action="cancel"))
    await state.set_state(Link.password)
    await progress.edit_text(text, reply_markup=builder.as_markup())


@router.callback_query(LinkCb.filter(F.action == "accept"), StateFilter(Link.consent))
async def accepted(
    query: CallbackQuery, state: FSMContext, t: Translator, chat_record: ChatRecord, app: AppContext
) -> None:
    data = await state.get_data()
    user_id = query.from_user.id
    sealed = app.pending.take(user_id, data.get("ticket"))
    if sealed is None:
        await state.clear()
        await query.answer()
        if isinstance(query.message, Message):
            await reply(query, t("link-password-expired-restart"))
        return
    number = data.get("number")
    request = LinkRequest(
        user_id=user_id,
        language=query.from_user.language_code,
        chat_id=chat_record.id,
        login=str(data["login"]),
        password=sealed[0],
        session=sealed[1],
        student_name=str(data.get("student") or ""),
        class_name=_text(data.get("klass")),
        school_name=_text(data.get("school")),
        register_number=number if isinstance(number, int) else None,
        holder=_text(data.get("holder")),
        child_key=_text(data.get("child_key")),
        # The parents who linked this child before hear that someone else did too,
        # with no more of who it is than Telegram shows anyone.
        who=_public_name(query.from_user.first_name, query.from_user.username),
    )
    linked = await link_child(app.store, request, app.clock.now())
    done_key = "link-done-same-child" if linked.joined else "link-done"
    child_name = linked.child_name
    del sealed, request
    await state.clear()
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(
            t(done_key, name=esc(child_name)), reply_markup=start_keyboard(t)
        )
    # The first poll is a silent baseline; doing it now makes commands work at once.
    await app.refresher.refresh(linked.account_id, K.ALL_KINDS)


def _text(value: Any) -> str | None:
    return str(value) if value else None


def _public_name(first_name: str | None, username: str | None) -> str:
    name = " ".join((first_name or "").split())[:64]
    if username:
        return f"{name} (@{username})" if name else f"@{username}"
    return name or "?"


@router.callback_query(LinkCb.filter())
async def stale_link_button(query: CallbackQuery, t: Translator) -> None:
    await query.answer(t("button-stale"), show_alert=True)
