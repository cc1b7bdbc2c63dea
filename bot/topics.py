"""A topic per child in a parent's private chat (Bot API 9.3/9.4 topics in private chats).

With the chat's `child_topics` on, each child's news goes into a topic named after the
child, created the first time it is needed. Telegram keeps the topic; the bot keeps its
id (`chat_topics`). A topic the parent deleted is noticed when Telegram refuses the
thread: the id is forgotten and a new topic made once; if that fails too, the news goes
to the chat's main stream. Nothing waits on topics: every failure falls back to the one
stream the chat had before.
"""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest

from storage.uow import Store
from sync.clock import Clock

log = logging.getLogger("bot.topics")

# The icon colours Telegram allows for a topic (createForumTopic), one per child in turn.
COLOURS = (7322096, 16766590, 13338331, 9367192, 16749490, 16478047)
NAME_LIMIT = 128


def lost_thread(err: Exception) -> bool:
    """Telegram's answer to a message for a topic that is not there (deleted)."""
    text = str(err).lower()
    return isinstance(err, TelegramBadRequest) and "thread" in text and "not found" in text


class Topics:
    def __init__(self, store: Store, bot: Bot, clock: Clock, *, enabled: bool) -> None:
        #: what getMe said: the bot's owner turned topics in private chats on
        self.enabled = enabled
        self.store = store
        self.bot = bot
        self.clock = clock

    async def thread_for(self, chat_id: int, account_id: int, name: str) -> int | None:
        """The child's topic in this chat, made now if there is none (None: the main
        stream, when Telegram will not make one)."""
        if not self.enabled:
            return None
        async with self.store.reading() as uow:
            known = await uow.topics.thread(chat_id, account_id)
        if known is not None:
            return known
        try:
            topic = await self.bot.create_forum_topic(
                chat_id, name[:NAME_LIMIT] or "…", icon_color=COLOURS[account_id % len(COLOURS)]
            )
        except TelegramAPIError as err:
            log.warning("could not make a child's topic", extra={"error": str(err)[:120]})
            return None
        async with self.store.transaction() as uow:
            await uow.topics.remember(
                chat_id, account_id, topic.message_thread_id, self.clock.now()
            )
        return topic.message_thread_id

    async def forget(self, chat_id: int, account_id: int) -> None:
        async with self.store.transaction() as uow:
            await uow.topics.forget(chat_id, account_id)
