"""'✏️ Odpowiedz': a parent's reply to a teacher's message, sent from the child's
Synergia account through Librus's Wiadomości, never without the parent's confirmation.

The dialogue is in the parent's private chat only (in a group the button opens it):
the parent types the text, sees exactly what goes to whom, from which account and in
whose name, and confirms. The draft lives in memory (`bot.drafts`), never in the
database. The confirmation sends at most once: its nonce is claimed in the database
before Librus is asked, so a second press, from any process, finds it used. A send
Librus may or may not have taken (`SendFailed.sent is None`) is never repeated: the
parent is asked to look in Librus's sent messages first. A day's replies per child
are capped (`[replies] per_day`).
"""

from __future__ import annotations

import logging
from datetime import datetime, time

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from sqlalchemy.exc import IntegrityError

from bot.callbacks import ReplyCb
from bot.context import AppContext
from bot.drafts import Draft
from bot.i18n import Translator
from bot.render.text import esc
from handlers.common import child_in_scope, pressed_child, reply
from handlers.dialogue import not_a_command
from handlers.link import cancel_keyboard
from storage.records import ChatRecord, ChildRecord
from sync import kinds as K
from sync import payloads as P
from sync.clock import WARSAW
from sync.errors import AuthProblem, SendFailed, UpstreamError
from sync.metrics import REPLIES
from sync.notices import pause_refused

log = logging.getLogger("handlers.reply")
router = Router(name="reply")
MAX_LENGTH = 2000  # Librus takes 10 000; a reply typed on a phone is far shorter


class ReplyForm(StatesGroup):
    text = State()


def reply_button(
    t: Translator, app: AppContext, account_id: int, message_id: str, *, private: bool
) -> InlineKeyboardButton | None:
    """The body's 'Odpowiedz': the dialogue in a private chat, a link to it in a group."""
    if not app.settings.replies.enabled:
        return None
    if not private:
        return InlineKeyboardButton(
            text=t("button-reply-private"), url=f"https://t.me/{app.bot_username}"
        )
    data = ReplyCb(step="start", account=account_id, message=message_id)
    return InlineKeyboardButton(text=t("button-reply"), callback_data=data.pack())


async def _about(app: AppContext, account_id: int, message_id: str) -> tuple[str | None, str]:
    """Who the message is from and the reply's topic, as the inbox knows them."""
    async with app.store.reading() as uow:
        snapshot = await uow.snapshots.get(account_id, K.MESSAGES)
    for item in P.messages_in(snapshot.data if snapshot else None):
        if str(item["id"]) == message_id:
            topic = (item["topic"] or "").strip()
            return item["sender"], topic if topic.lower().startswith("re:") else f"Re: {topic}"
    return None, "Re:"


async def _refused_now(
    query: CallbackQuery, t: Translator, app: AppContext, child: ChildRecord
) -> bool:
    """Answers the press and gives True when this child cannot reply now."""
    if child.is_paused:
        await query.answer(t("reply-paused", name=child.child_name), show_alert=True)
        return True
    count = await _sent_today(app, child.account_id)
    if count >= app.settings.replies.per_day:
        await query.answer(t("reply-cap", count=count, name=child.child_name), show_alert=True)
        return True
    return False


async def _sent_today(app: AppContext, account_id: int) -> int:
    now = app.clock.now()
    midnight = datetime.combine(now.astimezone(WARSAW).date(), time(0), tzinfo=WARSAW)
    async with app.store.reading() as uow:
        return await uow.replies.counted_since(account_id, midnight)


@router.callback_query(ReplyCb.filter(F.step == "start"))
async def start(
    query: CallbackQuery,
    callback_data: ReplyCb,
    t: Translator,
    chat_record: ChatRecord,
    state: FSMContext,
    app: AppContext,
) -> None:
    if not chat_record.is_private:
        await query.answer(t("reply-private-only"), show_alert=True)
        return
    if not app.settings.replies.enabled:
        await query.answer(t("reply-off"), show_alert=True)
        return
    child = await pressed_child(query, t, app, chat_record, callback_data.account)
    if child is None or await _refused_now(query, t, app, child):
        return
    await query.answer()
    sender, topic = await _about(app, child.account_id, callback_data.message)
    await state.set_state(ReplyForm.text)
    await state.update_data(account=child.account_id, message=callback_data.message)
    text = t(
        "reply-ask",
        to=esc(sender or t("reply-teacher")),
        topic=esc(topic),
        name=esc(child.child_name),
    )
    await reply(query, text, cancel_keyboard(t), edit=False)


@router.message(StateFilter(ReplyForm.text), F.text, not_a_command)
async def got_text(
    message: Message, state: FSMContext, t: Translator, chat_record: ChatRecord, app: AppContext
) -> None:
    body = (message.text or "").strip()
    if not body:
        await message.answer(t("reply-not-text"), reply_markup=cancel_keyboard(t))
        return
    if len(body) > MAX_LENGTH:
        await message.answer(
            t("reply-too-long", length=len(body), max=MAX_LENGTH), reply_markup=cancel_keyboard(t)
        )
        return
    data = await state.get_data()
    await state.clear()
    user_id = message.from_user.id if message.from_user else 0
    child = await child_in_scope(app, chat_record, user_id, int(data.get("account", 0)))
    if child is None:
        await message.answer(t("button-stale"))
        return
    message_id = str(data.get("message", ""))
    sender, topic = await _about(app, child.account_id, message_id)
    to = sender or t("reply-teacher")
    nonce = app.drafts.put(Draft(user_id, child.account_id, message_id, body, to, topic))
    buttons = [
        [
            InlineKeyboardButton(
                text=t("button-reply-send"),
                callback_data=ReplyCb(
                    step="send", account=child.account_id, message=message_id, nonce=nonce
                ).pack(),
            ),
            InlineKeyboardButton(
                text=t("button-cancel"),
                callback_data=ReplyCb(
                    step="drop", account=child.account_id, message=message_id, nonce=nonce
                ).pack(),
            ),
        ]
    ]
    screen = t(
        "reply-confirm",
        to=esc(to),
        topic=esc(topic),
        name=esc(child.child_name),
        text=esc(body),
    )
    await message.answer(screen, reply_markup=InlineKeyboardMarkup(inline_keyboard=buttons))


@router.message(StateFilter(ReplyForm.text), not_a_command)
async def not_text(message: Message, t: Translator) -> None:
    """A sticker, a photo or a voice note where the reply's text was expected."""
    await message.answer(t("reply-not-text"), reply_markup=cancel_keyboard(t))


@router.callback_query(ReplyCb.filter(F.step == "drop"))
async def drop(
    query: CallbackQuery, callback_data: ReplyCb, t: Translator, app: AppContext
) -> None:
    draft = app.drafts.get(callback_data.nonce)
    if draft is None or draft.user_id != query.from_user.id:
        await query.answer(t("reply-stale"), show_alert=True)
        return
    app.drafts.drop(callback_data.nonce)
    await query.answer()
    await reply(query, t("reply-dropped"))


@router.callback_query(ReplyCb.filter(F.step == "send"))
async def send(
    query: CallbackQuery,
    callback_data: ReplyCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    draft = app.drafts.get(callback_data.nonce)
    if (
        draft is None
        or draft.user_id != query.from_user.id
        or draft.account_id != callback_data.account
        or draft.message_id != callback_data.message
    ):
        await query.answer(t("reply-stale"), show_alert=True)
        return
    child = await pressed_child(query, t, app, chat_record, draft.account_id)
    if child is None or await _refused_now(query, t, app, child):
        return
    now = app.clock.now()
    try:
        async with app.store.transaction() as uow:
            await uow.replies.claim(
                callback_data.nonce, child.account_id, chat_record.id, draft.message_id, now
            )
    except IntegrityError:
        await query.answer(t("reply-stale"), show_alert=True)
        return
    app.drafts.drop(callback_data.nonce)
    await query.answer(t("reply-sending"))
    await reply(query, t("reply-sending"))
    status, text = await _send(t, app, child, draft)
    async with app.store.transaction() as uow:
        await uow.replies.finish(callback_data.nonce, status, app.clock.now())
    REPLIES.labels(status).inc()
    await reply(query, text)


async def _send(
    t: Translator, app: AppContext, child: ChildRecord, draft: Draft
) -> tuple[str, str]:
    """Send once; the stored outcome and what the parent reads."""
    try:
        await app.upstream.reply(child.account_id, child.login, draft.message_id, draft.text)
    except SendFailed as err:
        log.warning("a reply was not confirmed", extra={"account": child.account_id})
        if err.sent is None:
            return "unknown", t("reply-unknown")
        key = {
            "no_reply": "reply-no-reply",
            "no_module": "reply-no-module",
            "not_found": "reply-not-found",
            "unavailable": "reply-unavailable",
        }.get(err.reason, "reply-refused")
        text = t(key, name=esc(child.child_name))
        if err.words:
            text += "\n" + t("link-librus-said", words=esc(err.words))
        return "refused" if err.reason != "unavailable" else "failed", text
    except AuthProblem as err:
        await pause_refused(app.store, child.account_id, err, app.clock.now())
        return "failed", t("reply-paused", name=esc(child.child_name))
    except UpstreamError:
        return "failed", t("reply-unavailable")
    when = app.clock.now().astimezone(WARSAW).strftime("%H:%M")
    shown = t(
        "reply-sent", to=esc(draft.to), time=when, topic=esc(draft.topic), text=esc(draft.text)
    )
    return "sent", shown
