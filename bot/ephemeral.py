"""Messages only one member of a group sees (Bot API 10.2 "ephemeral messages").

Telegram promises little: an ephemeral message is not kept, and it may never reach a
member who is offline or whose app is older. So a caller learns only whether Telegram
took it, and keeps a way to the answer that does not depend on it (the private-chat
link in handlers/privately.py).

One more shape is guarded here: a Bot API server older than 10.2 does not know the
parameters and, as it does with any parameter it does not know, drops them and posts
the message for the whole group. The answer comes back without `ephemeral_message_id`;
the message is then deleted at once and this bot stops trying (`IGNORED_BY`) until the
process restarts.
"""

from __future__ import annotations

import logging
import weakref

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.exceptions import TelegramAPIError
from aiogram.types import EphemeralMessageParameters, InlineKeyboardMarkup, Message

from bot.render.text import split_message
from sync.metrics import PRIVATE_ANSWERS

log = logging.getLogger("bot.ephemeral")


# The sessions (one per bot, compared by identity, unlike bots: by token) whose Bot API
# server posted an ephemeral answer for everyone.
IGNORED_BY: weakref.WeakSet[BaseSession] = weakref.WeakSet()


def is_ephemeral(message: object) -> bool:
    return isinstance(message, Message) and message.ephemeral_message_id is not None


async def send(
    bot: Bot,
    chat_id: int,
    user_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None,
    *,
    query_id: str | None = None,
) -> bool:
    """The answer for `user_id` alone, in parts if long; False when Telegram did not
    take it as an ephemeral message (then nobody but, at most, a moment of the group
    saw it: see the module's note)."""
    if bot.session in IGNORED_BY:
        PRIVATE_ANSWERS.labels("ignored").inc()
        return False
    parts = split_message(text)
    for n, part in enumerate(parts):
        params = EphemeralMessageParameters(
            receiver_user_id=user_id, callback_query_id=query_id if n == 0 else None
        )
        try:
            sent = await bot.send_message(
                chat_id,
                part,
                reply_markup=markup if n == len(parts) - 1 else None,
                ephemeral_message_parameters=params,
            )
        except TelegramAPIError as err:
            log.info("ephemeral answer refused", extra={"error": type(err).__name__})
            PRIVATE_ANSWERS.labels("refused").inc()
            return False
        if await taken_back(bot, sent):
            return False
    PRIVATE_ANSWERS.labels("shown").inc()
    return True


async def taken_back(bot: Bot, sent: Message) -> bool:
    """True when the server dropped the ephemeral parameters and posted `sent` for the
    whole chat: it is deleted at once and this bot stops trying."""
    if sent.ephemeral_message_id is not None:
        return False
    IGNORED_BY.add(bot.session)
    log.warning("the Bot API server posted an ephemeral answer for everyone")
    try:
        await bot.delete_message(sent.chat.id, sent.message_id)
    except TelegramAPIError:
        log.warning("could not take the public answer back")
    PRIVATE_ANSWERS.labels("ignored").inc()
    return True


async def edit(
    bot: Bot, message: Message, user_id: int, text: str, markup: InlineKeyboardMarkup | None
) -> bool:
    """A press on an ephemeral message changes it in place, for its receiver only."""
    parts = split_message(text)
    if len(parts) != 1 or message.ephemeral_message_id is None:
        return False
    try:
        await bot.edit_ephemeral_message_text(
            chat_id=message.chat.id,
            receiver_user_id=user_id,
            ephemeral_message_id=message.ephemeral_message_id,
            text=parts[0],
            reply_markup=markup,
        )
    except TelegramAPIError as err:
        return "not modified" in str(err)
    return True
