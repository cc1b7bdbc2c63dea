"""/ostatnie: what this chat was told (or is about to be) in the last days."""

from __future__ import annotations

from datetime import timedelta

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.callbacks import TimelineCb
from bot.context import AppContext
from bot.i18n import Translator
from bot.render.timeline import timeline
from handlers.common import reply
from storage.records import ChatRecord

router = Router(name="timeline")


async def _render(
    t: Translator, chat: ChatRecord, app: AppContext, page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    days = app.settings.notifications.timeline_days
    since = app.clock.now() - timedelta(days=days)
    async with app.store.reading() as uow:
        rows = await uow.outbox.for_chat_since(chat.id, since)
        children = await uow.links.children_of_chat(chat.id)
    names = {c.account_id: c.child_name for c in children}
    return timeline(
        t,
        rows,
        page=page,
        days=days,
        zone=chat.timezone,
        names=names,
        many_children=len(children) > 1,
    )


@router.message(Command("ostatnie", "recent"))
async def recent(message: Message, t: Translator, chat_record: ChatRecord, app: AppContext) -> None:
    text, markup = await _render(t, chat_record, app, 0)
    await reply(message, text, markup)


@router.callback_query(TimelineCb.filter())
async def page(
    query: CallbackQuery,
    callback_data: TimelineCb,
    t: Translator,
    chat_record: ChatRecord,
    app: AppContext,
) -> None:
    await query.answer()
    text, markup = await _render(t, chat_record, app, callback_data.page)
    await reply(query, text, markup)
