"""Staying within Telegram's flood limits, for replies and notifications alike.

`FloodGate` spaces out sends: about 30 per second in all, one per second to a chat
(a burst of two tolerated) and 20 per minute to a group, each with a little margin.
`ThrottleMiddleware` puts every send and edit of the bot's session through it and waits
out a 429 `retry_after` before trying again, so a handler's reply never fails on a
limit. (Callback answers have their own, shorter patience: see callback_answers.)
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType

from sync.metrics import RATE_LIMITED

log = logging.getLogger("bot.throttle")

SENDING_METHODS = frozenset(
    {
        "sendMessage",
        "sendRichMessage",
        "sendDocument",
        "sendPhoto",
        "copyMessage",
        "forwardMessage",
    }
)
# Edits count toward a chat's limits as sends do (a parent pressing buttons fast edits
# one message many times a second), so they wait at the same gate; an ephemeral
# message's edits are assumed to count the same.
EDITING_METHODS = frozenset(
    {
        "editMessageText",
        "editMessageReplyMarkup",
        "editMessageCaption",
        "editEphemeralMessageText",
    }
)
GATED_METHODS = SENDING_METHODS | EDITING_METHODS
MARGIN = 1.05


class FloodGate:
    def __init__(
        self,
        *,
        per_second: float = 30.0,
        chat_interval: float = 1.0,
        chat_burst: int = 2,
        group_per_minute: int = 20,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_second = per_second
        self.chat_interval = chat_interval
        self.chat_burst = chat_burst
        self.group_per_minute = group_per_minute
        self._clock = clock
        self._global: deque[float] = deque()
        self._chats: dict[int, deque[float]] = {}
        self._groups: dict[int, deque[float]] = {}
        self._lock = asyncio.Lock()
        self.waited = 0.0

    def delay(self, chat_id: int, is_group: bool, now: float | None = None) -> float:
        """Seconds to wait before a message to `chat_id` may go (0 = now)."""
        now = self._clock() if now is None else now
        waits = [0.0]
        window = 1.0 * MARGIN
        _trim(self._global, now, window)
        if len(self._global) >= int(self.per_second):
            waits.append(self._global[0] + window - now)
        chat = self._chats.setdefault(chat_id, deque())
        chat_window = self.chat_interval * self.chat_burst * MARGIN
        _trim(chat, now, chat_window)
        if len(chat) >= self.chat_burst:
            waits.append(chat[0] + chat_window - now)
        if is_group:
            group = self._groups.setdefault(chat_id, deque())
            _trim(group, now, 60.0 * MARGIN)
            if len(group) >= self.group_per_minute:
                waits.append(group[0] + 60.0 * MARGIN - now)
        return max(waits)

    def record(self, chat_id: int, is_group: bool, now: float | None = None) -> None:
        now = self._clock() if now is None else now
        self._global.append(now)
        self._chats.setdefault(chat_id, deque()).append(now)
        if is_group:
            self._groups.setdefault(chat_id, deque()).append(now)

    async def wait(self, chat_id: int, is_group: bool) -> None:
        """Block until a message to this chat is within every limit, then count it.
        The check and the count happen together; the waiting does not hold the gate,
        so a chat that must wait its second does not hold up the others."""
        while True:
            async with self._lock:
                pause = self.delay(chat_id, is_group)
                if pause <= 0:
                    self.record(chat_id, is_group)
                    return
            self.waited += pause
            await asyncio.sleep(pause)

    def hold(self, chat_id: int, seconds: float) -> None:
        """Telegram asked to wait (429): no message to this chat before then."""
        until = self._clock() + seconds
        chat = self._chats.setdefault(chat_id, deque())
        for _ in range(self.chat_burst):
            chat.append(until - self.chat_interval * self.chat_burst * MARGIN)

    def forget(self, chat_id: int) -> None:
        self._chats.pop(chat_id, None)
        self._groups.pop(chat_id, None)


def _trim(window: deque[float], now: float, length: float) -> None:
    while window and now - window[0] >= length:
        window.popleft()


def is_group_chat(chat_id: int) -> bool:
    return chat_id < 0


class ThrottleMiddleware(BaseRequestMiddleware):
    def __init__(self, gate: FloodGate, attempts: int = 4) -> None:
        self.gate = gate
        self.attempts = attempts

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        name = method.__api_method__
        chat_id: Any = getattr(method, "chat_id", None)
        if name not in GATED_METHODS or not isinstance(chat_id, int):
            return await make_request(bot, method)
        for attempt in range(self.attempts):
            await self.gate.wait(chat_id, is_group_chat(chat_id))
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as err:
                RATE_LIMITED.inc()
                if attempt + 1 == self.attempts:
                    raise
                log.warning("flood control", extra={"retry_after": err.retry_after})
                self.gate.hold(chat_id, err.retry_after)
        raise AssertionError("unreachable")  # pragma: no cover
