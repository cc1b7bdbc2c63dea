"""Button presses are answered within Telegram's window, whatever the handler does.

Telegram refuses answerCallbackQuery some 10-15 s after the press ('query is too old');
until then the parent's button shows a spinner. A press queued behind a slow update of
the same chat (a live refresh, a login check) used to be answered after 19 s and met a
generic error. Now:

* every press gets an empty answer `DEADLINE` seconds after it arrived unless its
  handler answered by then (the handler's own text, an alert, wins when it is in time);
* a second answer to one press is dropped here, not sent;
* 'query is too old' is harmless: the press was handled, only its spinner lingered.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from typing import Any

from aiogram import Bot
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramBadRequest, TelegramRetryAfter
from aiogram.methods import AnswerCallbackQuery, TelegramMethod
from aiogram.methods.base import Response, TelegramType

log = logging.getLogger("dzwonek.callbacks")

DEADLINE = 4.0  # seconds after the press; Telegram's own limit is about 10
RETRY_PATIENCE = 2.0  # the longest 429 an answer waits out once
_TOO_OLD = ("query is too old", "query id is invalid")


class CallbackAnswers(BaseRequestMiddleware):
    """A request middleware of the bot's session: remembers the presses answered."""

    def __init__(self, remember: int = 10_000) -> None:
        self._answered: OrderedDict[str, None] = OrderedDict()
        self._remember = remember
        self.late = 0  # answers Telegram found too old (counted, not raised)
        self.limited = 0  # answers given up on a long flood wait (counted, not raised)

    def answered(self, query_id: str) -> bool:
        return query_id in self._answered

    def _mark(self, query_id: str) -> None:
        self._answered[query_id] = None
        while len(self._answered) > self._remember:
            self._answered.popitem(last=False)

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        if not isinstance(method, AnswerCallbackQuery):
            return await make_request(bot, method)
        query_id = method.callback_query_id
        if query_id in self._answered:
            return Response[Any](ok=True, result=True)  # answered already: nothing to send
        self._mark(query_id)
        request: TelegramMethod[TelegramType] = method  # type: ignore[assignment]
        try:
            try:
                return await make_request(bot, request)
            except TelegramRetryAfter as err:
                # Answers are limited too. A short wait fits in the press's window
                # (the spinner is still turning); a longer one would miss it anyway.
                if err.retry_after > RETRY_PATIENCE:
                    self.limited += 1
                    log.info("a press could not be answered: flood control")
                    return Response[Any](ok=True, result=True)
                await asyncio.sleep(err.retry_after)
                return await make_request(bot, request)
        except TelegramBadRequest as err:
            if not any(marker in str(err).lower() for marker in _TOO_OLD):
                raise
            self.late += 1
            log.info("a press was answered too late for Telegram")
            return Response[Any](ok=True, result=True)


def answer_by_deadline(bot: Bot, answers: CallbackAnswers, query_id: str) -> asyncio.Task[None]:
    """An empty answer `DEADLINE` seconds from now unless the press is answered by then.
    Cancel the task when the handler is done."""

    async def later() -> None:
        await asyncio.sleep(DEADLINE)
        if answers.answered(query_id):
            return
        try:
            await bot.answer_callback_query(query_id)
        except Exception:  # noqa: BLE001 - an unanswered press costs nothing more
            log.info("could not answer a press in time")

    return asyncio.create_task(later(), name=f"answer-{query_id}")
