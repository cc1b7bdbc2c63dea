"""Sending and editing an answer as a rich message, with its HTML text as the fallback.

A Bot API server older than 10.1 does not know sendRichMessage (404): this bot then
stops trying (`UNKNOWN_TO`, per session, until a restart). A refusal of one message
(400: a block the server does not take, a table too big) falls back for that answer
only. Either way the parent gets the HTML text, and the metric says which. Errors
that leave the delivery in doubt (network, 5xx) are raised as for any answer: sending
the HTML as well could say it twice.
"""

from __future__ import annotations

import logging
import weakref

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramBadRequest, TelegramNotFound
from aiogram.types import InlineKeyboardMarkup, InputRichMessage, Message

from sync.metrics import RICH_ANSWERS

log = logging.getLogger("bot.rich_send")

UNKNOWN_TO: weakref.WeakSet[BaseSession] = weakref.WeakSet()


def usable(bot: Bot | None) -> bool:
    return bot is not None and bot.session not in UNKNOWN_TO


def _refused(bot: Bot, err: Exception) -> None:
    if isinstance(err, TelegramNotFound):
        UNKNOWN_TO.add(bot.session)
        log.warning("the Bot API server does not know rich messages")
        RICH_ANSWERS.labels("unsupported").inc()
    else:
        log.info("a rich answer was refused", extra={"error": str(err)[:120]})
        RICH_ANSWERS.labels("refused").inc()


async def send(
    bot: Bot,
    chat_id: int,
    rich: InputRichMessage,
    markup: InlineKeyboardMarkup | None,
    *,
    thread: int | None = None,
) -> bool:
    """True when Telegram took it; False: send the HTML text instead."""
    try:
        await bot.send_rich_message(
            chat_id, rich_message=rich, reply_markup=markup, message_thread_id=thread
        )
    except (TelegramBadRequest, TelegramNotFound) as err:
        _refused(bot, err)
        return False
    RICH_ANSWERS.labels("sent").inc()
    return True


async def edit(
    message: Message, rich: InputRichMessage, markup: InlineKeyboardMarkup | None
) -> bool:
    """A press shows the answer in place; False: edit it to the HTML text instead."""
    bot = message.bot
    if bot is None:
        return False
    try:
        await bot.edit_message_text(
            chat_id=message.chat.id,
            message_id=message.message_id,
            rich_message=rich,
            reply_markup=markup,
        )
    except (TelegramBadRequest, TelegramNotFound) as err:
        if "not modified" in str(err):
            return True
        _refused(bot, err)
        return False
    RICH_ANSWERS.labels("sent").inc()
    return True
