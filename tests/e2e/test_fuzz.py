"""Thousands of random updates against the running bot: no handler error, no request
Telegram would refuse, and an answer to every command and every button press.

CI replays the same examples every time (set DZWONEK_FUZZ_EXPLORE=1 to draw new ones).
The bot runs once, in its own event loop on a background thread, and hypothesis feeds
it example after example; so state carries over (a half-finished linking dialogue, a
renamed or unlinked child, a changed language), as it does for real parents.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from collections.abc import Coroutine
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.commands import PRIVATE
from simulator.telegram.server import Entry
from tests.e2e.harness import Harness, running_bot

LINKED, FRESH, ENGLISH, UKRAINIAN = 701, 702, 703, 704
USERS = (LINKED, FRESH, ENGLISH, UKRAINIAN)
GROUP = -100777
PREFIXES = ("l1", "k1", "c1", "r1", "g1", "p1", "m1", "s1", "x1", "zz")
EXTRA_COMMANDS = ("/anuluj", "/xyz", "/start add", "/start g_0000", "/start 💥", "/help")


@dataclass(frozen=True)
class Say:
    user: int
    in_group: bool
    text: str


@dataclass(frozen=True)
class Media:
    user: int
    kind: str


@dataclass(frozen=True)
class Press:
    user: int
    in_group: bool
    index: int | None  # a real button by position, or
    data: str | None  # forged callback data


Action = Say | Media | Press

users = st.sampled_from(USERS)
field = st.one_of(
    st.integers(-(2**63), 2**63).map(str),
    st.sampled_from(["", "menu", "unlink_yes", "open", "week", "20261126", "language", "pl"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters=":"), max_size=8),
)
forged = st.builds(
    lambda prefix, fields: ":".join([prefix, *fields]),
    st.sampled_from(PREFIXES),
    st.lists(field, max_size=4),
).filter(lambda data: 1 <= len(data.encode()) <= 64)
commands = st.builds(
    lambda name, arg, mention: f"/{name}{'@dzwonek_bot' if mention else ''}{arg}",
    st.sampled_from(PRIVATE),
    st.one_of(
        st.just(""),
        st.sampled_from([" jutro", " tydzień", " dziś", " 42"]),
        st.text(max_size=30).map(lambda s: " " + s),
    ),
    st.booleans(),
) | st.sampled_from(EXTRA_COMMANDS)
texts = st.one_of(
    commands,
    st.text(min_size=1, max_size=200).filter(str.strip),  # Telegram sends no blank messages
    st.from_regex(r"\A[0-9]{6,8}u?\Z"),
    st.just("rodzic@example.com"),
    st.integers(1, 5).map(lambda n: "Zażółć gęślą jaźń <b>&amp; " * (400 * n)),  # 10k+ chars
)
actions: st.SearchStrategy[Action] = st.one_of(
    st.builds(Say, users, st.booleans(), texts),
    st.builds(Media, users, st.sampled_from(["sticker", "photo", "document"])),
    st.builds(Press, users, st.booleans(), st.integers(0, 8), st.none()),
    st.builds(Press, users, st.booleans(), st.none(), forged),
)


class Failures(logging.Handler):
    """Collects every error the bot logs (on_error logs each handler failure)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def first(self) -> str:
        record = self.records[0]
        trace = logging.Formatter().formatException(record.exc_info) if record.exc_info else ""
        return f"{record.getMessage()}\n{trace}"


class BotThread:
    """The bot and both simulators in an event loop of their own."""

    def __init__(self, folder: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.stack = AsyncExitStack()
        self.folder = folder
        self.h: Harness | None = None
        self.commands = 0
        self.presses = 0
        self.updates = 0

    def run[T](self, coro: Coroutine[Any, Any, T], timeout: float = 120) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def __enter__(self) -> BotThread:
        self.thread.start()
        self.h = self.run(self._start())
        return self

    async def _start(self) -> Harness:
        h = await self.stack.enter_async_context(running_bot(self.folder))
        for user, language in zip(USERS, ("pl", "pl", "en", "uk"), strict=True):
            h.telegram.user(user, f"U{user}", language_code=language)
        h.telegram.group(GROUP, "Rodzina", members={LINKED: "creator", FRESH: "member"})
        h.telegram.add_bot_to_group(GROUP, LINKED)
        await h.link(LINKED, h.account(0))  # two children: pickers and "all together"
        await h.link(LINKED, h.account(1))
        return h

    def __exit__(self, *_: object) -> None:
        self.run(self.stack.aclose())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()

    async def play(self, script: list[Action]) -> None:
        """Each chat's actions in order, the chats at the same time."""
        by_chat: dict[int, list[Action]] = {}
        for action in script:
            in_group = getattr(action, "in_group", False) and action.user in (LINKED, FRESH)
            by_chat.setdefault(GROUP if in_group else action.user, []).append(action)
        await asyncio.gather(*(self._chat(chat, todo) for chat, todo in by_chat.items()))

    async def _chat(self, chat: int, todo: list[Action]) -> None:
        assert self.h is not None
        telegram = self.h.telegram
        for action in todo:
            self.updates += 1
            last = max((e.message_id for e in telegram.transcript(chat)), default=0)
            if isinstance(action, Say):
                telegram.send_text(chat, action.user, action.text)
                command = action.text.startswith("/")
                self.commands += command
                if command or chat > 0:
                    await self._answered(chat, last, action.text)
            elif isinstance(action, Media):
                sender = getattr(telegram, f"send_{action.kind}")
                sender(action.user, action.user)
                await self._answered(action.user, last, action.kind)
            else:
                await self._press(chat, action)

    async def _answered(self, chat: int, last: int, what: str) -> Entry:
        assert self.h is not None
        try:
            return await self.h.telegram.wait_for(chat, after=last, timeout=20)
        except TimeoutError as err:
            raise AssertionError(f"no answer in chat {chat} to {what[:80]!r}") from err

    async def _press(self, chat: int, action: Press) -> None:
        assert self.h is not None
        telegram = self.h.telegram
        with_buttons = [e for e in telegram.bot_messages(chat) if e.buttons]
        if with_buttons:
            entry = with_buttons[-1]
        elif action.data is not None and telegram.bot_messages(chat):
            entry = telegram.bot_messages(chat)[-1]  # forged data fits under any message
        else:
            return
        buttons = [b for row in entry.buttons for b in row if "callback_data" in b]
        if action.data is not None:
            data = action.data
        elif buttons:
            data = buttons[(action.index or 0) % len(buttons)]["callback_data"]
        else:
            return
        query = telegram.press(chat, action.user, entry.message_id, data=data)
        self.presses += 1
        try:
            await self.h.answer_of(query, timeout=20)
        except TimeoutError as err:
            raise AssertionError(f"button {data!r} in chat {chat} was not answered") from err


def test_random_updates_never_break_the_bot(tmp_path: Path) -> None:
    failures = Failures()
    watched = [logging.getLogger(name) for name in ("dzwonek", "aiogram")]
    for logger in watched:
        logger.addHandler(failures)
    try:
        with BotThread(tmp_path) as bot:

            @settings(
                max_examples=60,
                deadline=None,
                database=None,
                derandomize=not os.environ.get("DZWONEK_FUZZ_EXPLORE"),
                suppress_health_check=list(HealthCheck),
            )
            @given(st.lists(actions, min_size=10, max_size=50))
            def feed(script: list[Action]) -> None:
                bot.run(bot.play(script))
                assert not failures.records, failures.first()

            feed()
            assert bot.h is not None
            stats = bot.h.telegram.stats()
            # A press on a message the bot is still editing carries the old text, so the
            # bot cannot see that its edit changes nothing; Telegram says "not modified"
            # and the bot takes that as done. Flood control (the script presses faster
            # than any hand) is waited out: every press above was answered. Anything
            # else refused is a bug.
            limited = [r for r in bot.h.telegram.refusals if "Too Many Requests" in r[1]]
            refused = [
                r
                for r in bot.h.telegram.refusals
                if "not modified" not in r[1] and "Too Many Requests" not in r[1]
            ]
            print(
                f"\nfuzz: {bot.updates} updates, {stats['requests']} Bot API calls, "
                f"{bot.commands} commands, "
                f"{bot.presses} button presses, {len(limited)} flood-limited and waited out, "
                f"{len(refused)} refused"
            )
            assert refused == [], sorted(set(refused))[:5]
            assert bot.updates > 1000 and bot.commands > 50 and bot.presses > 50
    finally:
        for logger in watched:
            logger.removeHandler(failures)
    assert not failures.records, failures.first()
