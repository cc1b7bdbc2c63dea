"""Composition root: storage, Librus, Telegram and the pipeline wired into one process.

`Runtime` starts the parts a role asks for and stops them cleanly; `run_app` is what
`dzwonek run` calls. Tests, benchmarks and the demo run the same `Runtime` against the
local stand-ins.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
from datetime import timedelta

from aiogram import Bot, Dispatcher

from bot.commands import publish
from bot.config import Settings
from bot.context import AppContext
from bot.dispatcher import build_dispatcher
from bot.pending import PendingCredentials
from bot.preflight import open_storage
from bot.telegram import create_bot, flood_gate
from storage.db import Database
from storage.uow import Store
from sync.account_sync import AccountSyncer, SyncPolicy
from sync.clock import Clock, SystemClock
from sync.credentials import StoredAccountAccess
from sync.refresh import Refresher
from sync.upstream import Upstream, UpstreamSettings

log = logging.getLogger("dzwonek.app")

ROLES = ("bot", "poller", "sender")


def upstream_settings(settings: Settings) -> UpstreamSettings:
    librus = settings.librus
    return UpstreamSettings(
        connect_to=librus.connect_to,
        ca_file=librus.ca_file,
        requests_per_second=librus.requests_per_second,
        max_concurrency=librus.max_concurrency,
        request_timeout=librus.request_timeout_seconds,
        reference_ttl=timedelta(hours=librus.reference_ttl_hours),
    )


def sync_policy(settings: Settings) -> SyncPolicy:
    polling = settings.polling
    return SyncPolicy(
        backoff_base=timedelta(seconds=polling.backoff_base_seconds),
        backoff_cap=timedelta(seconds=polling.backoff_max_seconds),
        module_recheck=timedelta(hours=polling.module_recheck_hours),
    )


def worker_name(role: str) -> str:
    return f"{role}@{socket.gethostname()}:{os.getpid()}"


class Runtime:
    """Everything one process runs, for the given roles."""

    def __init__(
        self, settings: Settings, *, roles: tuple[str, ...] = ROLES, clock: Clock | None = None
    ) -> None:
        unknown = set(roles) - set(ROLES)
        if unknown:
            raise ValueError(f"unknown roles {sorted(unknown)}")
        self.settings = settings
        self.roles = roles
        self.clock = clock or SystemClock()
        self.db: Database | None = None
        self.store: Store | None = None
        self.upstream: Upstream | None = None
        self.bot: Bot | None = None
        self.dp: Dispatcher | None = None
        self.app: AppContext | None = None
        self.tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        self.db, cipher = await open_storage(self.settings)
        self.store = Store(self.db, cipher)
        self.upstream = Upstream(upstream_settings(self.settings), StoredAccountAccess(self.store))
        syncer = AccountSyncer(self.store, self.upstream, policy=sync_policy(self.settings))
        refresher = Refresher(self.store, syncer, self.clock, owner=worker_name("refresh"))
        self.gate = flood_gate(self.settings)
        self.bot = create_bot(self.settings, self.gate)
        me = await self.bot.get_me()
        self.app = AppContext(
            settings=self.settings,
            store=self.store,
            upstream=self.upstream,
            refresher=refresher,
            pending=PendingCredentials(),
            clock=self.clock,
            bot_username=me.username or "dzwonek_bot",
        )
        if "bot" in self.roles:
            self.dp = build_dispatcher(self.app)
            await self.bot.delete_webhook(drop_pending_updates=False)
            await publish(self.bot)
            self.tasks.append(asyncio.create_task(self._poll_updates(), name="telegram-updates"))
        log.info("started", extra={"roles": ",".join(self.roles), "bot": me.username})

    async def _poll_updates(self) -> None:
        assert self.dp is not None and self.bot is not None
        await self.dp.start_polling(
            self.bot, handle_signals=False, close_bot_session=False, polling_timeout=5
        )

    async def stop(self) -> None:
        # stop_polling signals aiogram's polling loop, which then cancels its own
        # getUpdates task and waits for it; cancelling our task from outside would
        # leave that inner task running against a closed session.
        if self.dp is not None and self.tasks:
            with contextlib.suppress(RuntimeError):  # polling had not started yet
                await self.dp.stop_polling()
        for task in self.tasks:
            if not task.done():
                try:
                    await asyncio.wait_for(asyncio.shield(task), timeout=10)
                except (TimeoutError, asyncio.CancelledError):
                    task.cancel()
        for task in self.tasks:
            try:
                await task
            except asyncio.CancelledError:
                continue
            except Exception:
                log.exception("a task failed while stopping", extra={"task": task.get_name()})
        self.tasks.clear()
        if self.upstream is not None:
            await self.upstream.close()
        if self.bot is not None:
            await self.bot.session.close()
        if self.db is not None:
            await self.db.dispose()


async def run_app(settings: Settings, *, role: str = "all") -> int:
    roles = ROLES if role == "all" else (role,)
    runtime = Runtime(settings, roles=roles)
    await runtime.start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        log.info("stopping")
        await runtime.stop()
    return 0
