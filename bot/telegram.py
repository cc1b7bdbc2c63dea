"""The aiogram `Bot`, pointed at api.telegram.org or at the configured base URL."""

from __future__ import annotations

import weakref

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.types import LinkPreviewOptions

from bot.callback_answers import CallbackAnswers
from bot.config import Settings
from bot.throttle import FloodGate, ThrottleMiddleware

_ANSWERS: weakref.WeakKeyDictionary[Bot, CallbackAnswers] = weakref.WeakKeyDictionary()


def flood_gate(settings: Settings) -> FloodGate:
    sender = settings.sender
    return FloodGate(
        per_second=sender.messages_per_second,
        chat_interval=sender.per_chat_interval_seconds,
        group_per_minute=sender.group_messages_per_minute,
    )


def create_bot(settings: Settings, gate: FloodGate | None = None) -> Bot:
    """The bot, every send of which waits its turn at `gate` (shared with the sender)."""
    token = settings.bot_token
    if token is None:
        raise ValueError("no bot token configured")
    session = AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram.api_base))
    session.middleware(ThrottleMiddleware(gate or flood_gate(settings)))
    answers = CallbackAnswers()
    session.middleware(answers)
    bot = Bot(
        token=token,
        session=session,
        # link_preview rather than link_preview_is_disabled: the latter also sends the
        # deprecated disable_web_page_preview, which the Bot API no longer documents.
        default=DefaultBotProperties(
            parse_mode=ParseMode.HTML, link_preview=LinkPreviewOptions(is_disabled=True)
        ),
    )
    _ANSWERS[bot] = answers
    return bot


def callback_answers(bot: Bot) -> CallbackAnswers | None:
    """The bot's record of answered presses (None for a bot built elsewhere)."""
    return _ANSWERS.get(bot)
