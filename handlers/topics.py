"""Turning a topic per child on in a parent's private chat, and commands typed in one.

On: each linked child gets its topic now (bot/topics.py makes it, or finds the one it
made before), with one line in it saying what comes there, so the parent sees the
topics at once rather than on the next grade. If Telegram will not make one, nothing
changes and the parent is told. Off: the news goes back to the main stream; the
topics stay in Telegram, with their history, until the parent deletes them.
"""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError

from bot.context import AppContext
from bot.i18n import Translator
from bot.render.text import esc
from bot.topics import lost_thread
from storage.records import ChatRecord, ChildRecord

log = logging.getLogger("handlers.topics")


async def open_topics(bot: Bot, t: Translator, app: AppContext, chat: ChatRecord) -> bool:
    """Each child's topic made (or found) and greeted; False if Telegram refused one."""
    async with app.store.reading() as uow:
        children = await uow.links.children(chat.id)
    for child in children:
        if not await _greet(bot, t, app, chat, child):
            return False
    return True


async def _greet(
    bot: Bot, t: Translator, app: AppContext, chat: ChatRecord, child: ChildRecord
) -> bool:
    line = t("topic-intro", name=esc(child.child_name))
    for _ in range(2):  # a topic the parent deleted is made again, once
        thread = await app.topics.thread_for(chat.id, child.account_id, child.child_name)
        if thread is None:
            return False
        try:
            await bot.send_message(chat.id, line, message_thread_id=thread)
            return True
        except TelegramAPIError as err:
            if not lost_thread(err):
                log.warning("could not greet a child's topic", extra={"error": str(err)[:120]})
                return False
            await app.topics.forget(chat.id, child.account_id)
    return False


async def topic_child(app: AppContext, chat: ChatRecord, thread: int | None) -> int | None:
    """The child whose topic a command was typed in (None: the main stream)."""
    if thread is None or not chat.is_private or not chat.child_topics:
        return None
    async with app.store.reading() as uow:
        return await uow.topics.child(chat.id, thread)
