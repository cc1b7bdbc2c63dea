"""Per-update context: the chat and user recorded, the chat's language, timeouts.

Updates of one chat are handled one after another (aiogram runs updates as concurrent
tasks): a double-tapped button or a message typed while a login check runs must see
the state the previous update left, not race it. Different chats still run at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.fsm.storage.base import StorageKey
from aiogram.types import CallbackQuery, Chat, TelegramObject, Update, User

from bot.callback_answers import answer_by_deadline
from bot.context import AppContext
from bot.fsm_storage import DatabaseStorage
from bot.i18n import pick_language, translator
from bot.telegram import callback_answers

log = logging.getLogger("dzwonek.updates")


class ContextMiddleware(BaseMiddleware):
    """Records the chat (and user) of every update and hands handlers:
    `chat_record`, `t` (texts in the chat's language), `app`, and
    `conversation_expired` when a half-finished dialogue timed out."""

    def __init__(self, app: AppContext, storage: DatabaseStorage) -> None:
        self.app = app
        self.storage = storage
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def _serialised(self, chat_id: int) -> AsyncIterator[None]:
        lock, users = self._locks.get(chat_id, (asyncio.Lock(), 0))
        self._locks[chat_id] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[chat_id]
            if users == 1:
                del self._locks[chat_id]
            else:
                self._locks[chat_id] = (lock, users - 1)

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        if chat is None:
            return await handler(event, data)
        deadline = self._deadline(event, data)
        try:
            async with self._serialised(chat.id):
                return await self._handle(handler, event, data, chat, user)
        finally:
            if deadline is not None:
                deadline.cancel()

    @staticmethod
    def _deadline(event: TelegramObject, data: dict[str, Any]) -> asyncio.Task[None] | None:
        """A press is answered in Telegram's window even while it waits its turn."""
        bot = data.get("bot")
        query = event.callback_query if isinstance(event, Update) else event
        if not isinstance(query, CallbackQuery) or not isinstance(bot, Bot):
            return None
        answers = callback_answers(bot)
        return answer_by_deadline(bot, answers, query.id) if answers is not None else None

    async def _handle(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
        chat: Chat,
        user: User | None,
    ) -> Any:
        settings = self.app.settings.notifications
        async with self.app.store.transaction() as uow:
            if user is not None and not user.is_bot:
                await uow.users.ensure(user.id, user.language_code)
            record = await uow.chats.ensure(
                chat.id,
                chat.type,
                title=chat.title,
                language=pick_language(user.language_code if user else None),
                quiet_start=settings.quiet_hours_start,
                quiet_end=settings.quiet_hours_end,
            )
            if not record.active and chat.type == "private":
                await uow.chats.set_active(chat.id, True)
        data["chat_record"] = record
        data["t"] = translator(record.language)
        data["app"] = self.app
        if user is not None:
            bot = data.get("bot")
            key = StorageKey(bot_id=bot.id if bot else 0, chat_id=chat.id, user_id=user.id)
            data["conversation_expired"] = await self.storage.expired(key)
        return await handler(event, data)
