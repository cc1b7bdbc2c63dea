"""Answers in a family group that only the member who asked sees.

A grandparent or an older sibling in the family group should not read a bad grade or
a teacher's message because someone else asked. With the group's setting on (the
default), /oceny, /frekwencja, /uwagi and a message's body go out as ephemeral
messages (bot/ephemeral.py) for the asker alone.

Telegram may take such a message and still never show it (the member offline, an older
app), and may refuse it. So a typed command always leaves one line in the group, with
the asker's name and a link that opens the same answer in the private chat with the
bot (handlers/private_link.py); when Telegram refused, the line says so. A press that
Telegram took needs no line: the presser is there. Nothing of the answer itself is
ever posted for the group in this mode.
"""

from __future__ import annotations

from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputRichMessage,
    Message,
)

from bot import ephemeral
from bot.context import AppContext
from bot.i18n import Translator
from bot.render.text import esc
from handlers.common import reply
from storage.records import ChatRecord

LINK_PREFIX = "v_"


def asker_only(chat: ChatRecord) -> bool:
    return not chat.is_private and chat.private_answers


def link_payload(what: str, chat_id: int, account_id: int, extra: str = "") -> str:
    """`/start` payload of the private-chat link (64 characters of A-Z a-z 0-9 _ -)."""
    payload = f"{LINK_PREFIX}{what}_{chat_id}_{account_id}"
    return f"{payload}_{extra}" if extra else payload


async def respond(
    event: Message | CallbackQuery,
    t: Translator,
    app: AppContext,
    chat: ChatRecord,
    text: str,
    markup: InlineKeyboardMarkup | None,
    *,
    link: str,
    private: bool = True,
    edit: bool = True,
    rich: InputRichMessage | None = None,
) -> None:
    """Answer as `reply` does, unless this group keeps such answers to the asker
    (`private`: the answer is one of those; they go as text, not `rich`)."""
    source = event.message if isinstance(event, CallbackQuery) else None
    if not (private and asker_only(chat)) or ephemeral.is_ephemeral(source):
        await reply(event, text, markup, edit=edit, rich=rich)
        return
    user = event.from_user
    bot = event.bot
    if user is None or bot is None:
        return
    query_id = event.id if isinstance(event, CallbackQuery) else None
    shown = await ephemeral.send(bot, chat.id, user.id, text, markup, query_id=query_id)
    if shown and query_id is not None:
        return
    key = "private-answer-shown" if shown else "private-answer-refused"
    button = InlineKeyboardButton(
        text=t(f"{key}-button"), url=f"https://t.me/{app.bot_username}?start={link}"
    )
    await bot.send_message(
        chat.id,
        t(key, name=esc(user.first_name)),
        reply_markup=InlineKeyboardMarkup(inline_keyboard=[[button]]),
    )
