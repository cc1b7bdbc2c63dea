"""The real bot against the fake Bot API and the Librus simulator, in one event loop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.config import Settings
from dzwonek.app import Runtime
from simulator.librus.clock import SimClock
from simulator.librus.server import LibrusSimulator
from simulator.telegram.limits import FloodControl
from simulator.telegram.server import Entry, FakeTelegram
from storage import schema
from storage.crypto import KeyRing, new_key
from storage.db import Database
from storage.uow import Store
from sync.clock import ManualClock
from tests.conftest import SIM_NOW


def settings_for(
    telegram: FakeTelegram, simulator: LibrusSimulator, folder: Path, /, **sections: dict[str, Any]
) -> Settings:
    ring = KeyRing(keys={"e2e": new_key()}, primary="e2e")
    raw: dict[str, dict[str, Any]] = {
        "telegram": {"token": telegram.token, "api_base": telegram.api_base},
        "database": {"url": f"sqlite+aiosqlite:///{folder / 'bot.sqlite3'}"},
        "crypto": {"keyring": ring.to_json()},
        "librus": {
            "connect_to": simulator.connect_to,
            "ca_file": str(simulator.ca_file),
            "requests_per_second": 100,
            "max_concurrency": 8,
        },
        "logging": {"level": "WARNING"},
        "health": {"enabled": False},  # tests that want it ask for port 0
    }
    for name, values in sections.items():
        raw.setdefault(name, {}).update(values)
    return Settings.model_validate(raw)


@dataclass
class Harness:
    telegram: FakeTelegram
    librus: LibrusSimulator
    runtime: Runtime
    clock: ManualClock

    @property
    def store(self) -> Store:
        return self.runtime.store

    async def deliver(self) -> int:
        """Poll what is due now and send what that queued (the pipeline, by hand)."""
        polled = await self.runtime.poller.run_until_idle()
        await self.runtime.sender.drain()
        return polled

    def news(self, chat: int, after: int = 0) -> list[Entry]:
        """What the bot said in `chat` after message `after` (see `last_id`)."""
        return [e for e in self.telegram.bot_messages(chat) if e.message_id > after]

    def last_id(self, chat: int) -> int:
        """The newest message id in `chat`, to read only what comes after it."""
        return max((e.message_id for e in self.telegram.transcript(chat)), default=0)

    def password_changed_at_school(self, login: str, password: str) -> None:
        """The school set a new password: Librus drops the child's sessions, so the
        bot's next poll signs in again with the stored, now refused, password."""
        self.librus.set_password(login, password)
        self.librus.kill_sessions(login)

    def account(self, index: int = 0, *, full: bool = True) -> dict[str, Any]:
        accounts = [a for a in self.librus.accounts() if not full or not a["missing_modules"]]
        return accounts[index]

    async def say(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        expect: Callable[[Entry], bool] | None = None,
        timeout: float = 15,
    ) -> Entry:
        """The user writes; returns the bot's next message (or edit) in that chat."""
        chat = chat_id if chat_id is not None else user_id
        last = max((e.message_id for e in self.telegram.transcript(chat)), default=0)
        self.telegram.send_text(chat, user_id, text)
        return await self.telegram.wait_for(chat, expect, after=last, timeout=timeout)

    async def press(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        expect: Callable[[Entry], bool] | None = None,
        timeout: float = 15,
    ) -> Entry:
        """The user presses a button; returns the bot message that changed or came next."""
        chat = chat_id if chat_id is not None else user_id
        entry = self.telegram._entry_with_buttons(chat, None, user_id)
        before = {e.message_id: (len(e.edits), e.deleted) for e in self.telegram.transcript(chat)}
        self.telegram.press(chat, user_id, entry.message_id, text=text)

        def changed(candidate: Entry) -> bool:
            old = before.get(candidate.message_id)
            fresh = old is None or old[0] != len(candidate.edits)
            return fresh and (expect is None or expect(candidate))

        return await self.telegram.wait_for(chat, changed, timeout=timeout)

    async def bot_joins(self, group_id: int, by_user: int) -> Entry:
        """Add the bot to a group and wait for its two-line introduction there."""
        last = max((e.message_id for e in self.telegram.transcript(group_id)), default=0)
        self.telegram.add_bot_to_group(group_id, by_user)
        return await self.telegram.wait_for(group_id, lambda e: e.from_bot, after=last)

    async def answer_of(self, query_id: str, timeout: float = 10) -> dict[str, Any]:
        """How the bot answered a button press (the callback query answer)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while query_id not in self.telegram.callback_answers:
            if loop.time() > deadline:
                raise TimeoutError(f"callback {query_id} was not answered")
            await asyncio.sleep(0.02)
        return self.telegram.callback_answers[query_id]

    async def link(self, user_id: int, account: dict[str, Any]) -> Entry:
        """The whole linking dialogue, as a parent goes through it."""
        self.telegram.user(user_id, "Anna")
        await self.say(user_id, "/dodaj", expect=lambda e: "Synergi" in e.text)
        await self.say(
            user_id,
            str(account["login"]),
            expect=lambda e: any(w in e.text.lower() for w in ("hasło", "password", "пароль")),
        )
        await self.say(user_id, str(account["password"]), expect=lambda e: bool(e.buttons))
        done = await self.press(user_id, "✅", expect=lambda e: "🎉" in e.text)
        await self.settled(str(account["login"]))
        return done

    async def settled(self, login: str, timeout: float = 15) -> None:
        """Until the account's first poll (started when it was linked) has finished."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            async with self.store.reading() as uow:
                account = await uow.accounts.by_login(login)
                state = await uow.sync.get(account.id) if account else None
            if state is not None and state.lease_owner is None and state.last_attempt_at:
                return
            await asyncio.sleep(0.02)
        raise TimeoutError(f"the first poll of {login} did not finish")


@asynccontextmanager
async def running_bot(
    folder: Path,
    *,
    students: int = 6,
    seed: int = 2026,
    real_limits: bool = False,
    roles: tuple[str, ...] = ("bot",),
    scheduled: bool = False,
    density: str = "normal",
    topics: bool = False,
    **sections: dict[str, Any],
) -> AsyncIterator[Harness]:
    """A running bot. Unless `real_limits`, both Telegram's and the bot's per-chat limits
    are loosened so that a test's quick typing does not wait on them. `topics`: its
    owner switched topics in private chats on in BotFather."""
    telegram = FakeTelegram()
    telegram.bot["has_topics_enabled"] = topics
    if not real_limits:
        telegram.flood = FloodControl(chat_per_second=100, chat_burst=20, group_per_minute=600)
        sections.setdefault("sender", {}).update(
            {"per_chat_interval_seconds": 0.01, "group_messages_per_minute": 600}
        )
    await telegram.start()
    librus = LibrusSimulator(
        seed=seed, students=students, clock=SimClock(SIM_NOW, frozen=True), density=density
    )
    await librus.start()
    settings = settings_for(telegram, librus, folder, **sections)
    db = Database(settings.database.url)
    await schema.upgrade(db)
    await db.dispose()
    clock = ManualClock(SIM_NOW)
    runtime = Runtime(settings, clock=clock, roles=roles, scheduled=scheduled)
    await runtime.start()
    try:
        yield Harness(telegram, librus, runtime, clock)
    finally:
        await runtime.stop()
        await librus.stop()
        await telegram.stop()
