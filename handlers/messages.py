"""/wiadomosci: inbox previews; a body is opened only after the parent confirms,
because Librus then shows the teacher the message as read."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.callbacks import MessageCb
from bot.context import AppContext
from bot.i18n import Translator
from bot.render import messages as render
from bot.render.files import MESSAGE, file_rows
from bot.render.text import esc
from handlers.common import ChildData, pressed_child, reply
from handlers.privately import asker_only, link_payload, respond
from handlers.reply import reply_button
from handlers.views import Rendered, View, ViewContext, add_command, register
from storage.records import ChatRecord, ChildRecord
from sync import kinds as K
from sync import payloads as P
from sync.errors import AuthProblem, MessageNotFound, UpstreamError
from sync.notices import pause_refused
from sync.upstream.contract import MessageBody

log = logging.getLogger("handlers.messages")
router = Router(name="messages")
SHOWN = 8


def inbox_view(t: Translator, data: ChildData, _context: ViewContext) -> Rendered:
    items = P.messages_in(data.data(K.MESSAGES))
    rows = [
        [
            InlineKeyboardButton(
                text=t("msg-open-button", n=n, topic=(m["topic"] or "")[:28]),
                callback_data=MessageCb(
                    account=data.child.account_id, message=str(m["id"]), step="ask"
                ).pack(),
            )
        ]
        for n, m in enumerate(items[:SHOWN], start=1)
    ]
    return render.inbox(t, data.child.child_name, items, SHOWN), rows


VIEW = register(View("wiadomosci", (K.MESSAGES,), inbox_view, module_key="module-missing-messages"))


add_command(router, VIEW, "wiadomosci", "messages")


@router.callback_query(MessageCb.filter(F.step == "ask"))
async def ask(
    query: CallbackQuery,
    callback_data: MessageCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    child = await pressed_child(query, t, app, chat_record, callback_data.account)
    if child is None or await _paused(query, t, child):
        return
    if await already_read(app, child.account_id, callback_data.message):
        # Opening it again changes nothing for the teacher: no warning to confirm.
        await query.answer(t("msg-opening"))
        await _open(query, t, app, child, callback_data.message, chat_record)
        return
    await query.answer()
    markup = InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=t("msg-open-confirm"),
                    callback_data=MessageCb(
                        account=child.account_id, message=callback_data.message, step="open"
                    ).pack(),
                ),
                InlineKeyboardButton(
                    text=t("button-cancel"),
                    callback_data=MessageCb(
                        account=child.account_id, message=callback_data.message, step="keep"
                    ).pack(),
                ),
            ]
        ]
    )
    await respond(
        query,
        t,
        app,
        chat_record,
        t("msg-open-warning", name=esc(child.child_name)),
        markup,
        link=_link(chat_record, child, callback_data.message),
        edit=False,
    )


def _link(chat: ChatRecord, child: ChildRecord, message_id: str) -> str:
    return link_payload("m", chat.id, child.account_id, message_id)


async def already_read(app: AppContext, account_id: int, message_id: str) -> bool:
    async with app.store.reading() as uow:
        snapshot = await uow.snapshots.get(account_id, K.MESSAGES)
    items = (snapshot.data if snapshot else {}).get("items", [])
    return any(str(m.get("id")) == message_id and m.get("read") for m in items)


async def _paused(query: CallbackQuery, t: Translator, child: ChildRecord) -> bool:
    """A paused account makes no Librus call: opening would log in with the password
    Librus refused (and from any group member's press)."""
    if not child.is_paused:
        return False
    await query.answer(t("msg-paused", name=child.child_name), show_alert=True)
    return True


@router.callback_query(MessageCb.filter(F.step == "keep"))
async def keep(query: CallbackQuery, t: Translator) -> None:
    await query.answer(t("msg-kept-unread"))
    if isinstance(query.message, Message):
        await reply(query, t("msg-kept-unread"))


@router.callback_query(MessageCb.filter(F.step == "open"))
async def open_message(
    query: CallbackQuery,
    callback_data: MessageCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    child = await pressed_child(query, t, app, chat_record, callback_data.account)
    if child is None or await _paused(query, t, child):
        return
    await query.answer(t("msg-opening"))
    await _open(query, t, app, child, callback_data.message, chat_record)


async def read_body(app: AppContext, child: ChildRecord, message_id: str) -> MessageBody | str:
    """The body from Librus (which then shows the teacher it read), or the text key of
    why not. A refused login pauses the child, as a poll would."""
    try:
        body = await app.upstream.open_message(child.account_id, child.login, message_id)
    except MessageNotFound:
        return "msg-not-found"
    except AuthProblem as err:
        await pause_refused(app.store, child.account_id, err, app.clock.now())
        return "msg-paused"
    except UpstreamError:
        log.warning("could not open a message", extra={"account": child.account_id})
        return "msg-open-failed"
    # Librus now shows it read: so do /wiadomosci and the desk, before the next poll.
    async with app.store.transaction() as uow:
        await uow.snapshots.mark_item(child.account_id, K.MESSAGES, message_id, read=True)
    return body


async def _open(
    query: CallbackQuery,
    t: Translator,
    app: AppContext,
    child: ChildRecord,
    message_id: str,
    chat: ChatRecord,
) -> None:
    body = await read_body(app, child, message_id)
    if isinstance(body, str):
        await reply(query, t(body, name=esc(child.child_name)))
        return
    # A file sent in the group would be for everyone: an answer only the asker sees
    # names the files and leaves the downloads to the private chat.
    offer = file_rows(
        child.account_id,
        MESSAGE,
        message_id,
        ((a.id, a.name) for a in body.attachments),
        enabled=app.settings.downloads.enabled and not asker_only(chat),
    )
    text = render.body(
        t, body.sender, body.topic, body.sent, body.content, (*offer.left,), (*offer.offered,)
    )
    rows = list(offer.rows)
    private = isinstance(query.message, Message) and query.message.chat.type == "private"
    answer = (
        None
        if body.no_reply
        else reply_button(t, app, child.account_id, message_id, private=private)
    )
    if answer is not None:
        rows.append([answer])
    markup = InlineKeyboardMarkup(inline_keyboard=rows) if rows else None
    await respond(query, t, app, chat, text, markup, link=_link(chat, child, message_id))
