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
import time
from dataclasses import replace
from datetime import UTC, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.config import Settings
from bot.policies import cadence_policy, sync_policy, upstream_settings
from dzwonek.health import HealthServer, Liveness
from dzwonek.preflight import open_storage
from storage import schema
from storage.db import Database
from storage.uow import Store
from sync.account_sync import AccountSyncer
from sync.briefs import queue_briefs
from sync.cadence import Cadence
from sync.clock import Clock, SystemClock
from sync.credentials import StoredAccountAccess
from sync.housekeeping import Retention, release_held, tidy
from sync.metrics import ACCOUNTS, OUTBOX_DUE, OUTBOX_HELD, OUTBOX_OLDEST
from sync.poller import Poller
from sync.upstream import Upstream

if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher
    from aiohttp import web

    from bot.context import AppContext
    from bot.sender import Sender
    from bot.throttle import FloodGate

log = logging.getLogger("dzwonek.app")

ROLES = ("bot", "poller", "sender")
SENDER_LOCK_BASE = 0x647A_6F6E_0000_0000  # "dzon": advisory lock keys of senders


def worker_name(role: str) -> str:
    return f"{role}@{socket.gethostname()}:{os.getpid()}"


class Runtime:
    """Everything one process runs, for the given roles.

    `bot` answers Telegram updates; `poller` claims due accounts and runs the periodic
    ticks (quiet-hours release, briefs, housekeeping); `sender` delivers the outbox.
    With `scheduled=False` nothing runs by itself: tests and benchmarks call
    `poller.run_until_idle()` and `sender.drain()` when they want.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        roles: tuple[str, ...] = ROLES,
        clock: Clock | None = None,
        scheduled: bool = True,
    ) -> None:
        unknown = set(roles) - set(ROLES)
        if unknown:
            raise ValueError(f"unknown roles {sorted(unknown)}")
        self.settings = settings
        self.roles = roles
        self.clock = clock or SystemClock()
        self.scheduled = scheduled
        self.db: Database | None = None
        self.store: Store | None = None
        self.upstream: Upstream | None = None
        self.bot: Bot | None = None
        self.dp: Dispatcher | None = None
        self.app: AppContext | None = None
        self.poller: Poller | None = None
        self.sender: Sender | None = None
        self.scheduler: AsyncIOScheduler | None = None
        self.tasks: list[asyncio.Task[None]] = []
        self.health: HealthServer | None = None
        self.gate: FloodGate | None = None
        self.webhook: web.AppRunner | None = None
        self._stop = asyncio.Event()

    async def start(self) -> None:
        self.db, cipher = await open_storage(self.settings)
        self.store = Store(self.db, cipher)
        self.upstream = Upstream(
            upstream_settings(self.settings), StoredAccountAccess(self.store), self.clock
        )
        syncer = AccountSyncer(
            self.store,
            self.upstream,
            policy=sync_policy(self.settings),
            cadence=Cadence(cadence_policy(self.settings)),
        )
        bot_id, username = 0, None
        if "bot" in self.roles or "sender" in self.roles:
            # aiogram (about 120 MB of Telegram types) is imported only by processes
            # that talk to Telegram: a `--role poller` worker stays small.
            from bot.telegram import create_bot, flood_gate

            self.gate = flood_gate(self.settings)
            self.bot = create_bot(self.settings, self.gate)
            me = await self.bot.get_me()
            bot_id, username = me.id, me.username
        if "sender" in self.roles:
            from bot.sender import Sender, SenderPolicy

            assert self.bot is not None and self.gate is not None
            self.sender = Sender(
                self.store,
                self.bot,
                self.gate,
                self.clock,
                policy=SenderPolicy(
                    give_up_after=timedelta(hours=self.settings.sender.give_up_after_hours)
                ),
            )
        if "poller" in self.roles:
            polling = self.settings.polling
            self.poller = Poller(
                self.store,
                syncer,
                self.clock,
                owner=worker_name("poller"),
                batch=polling.claim_batch,
                concurrency=polling.concurrency,
                lease=timedelta(seconds=polling.lease_seconds),
                on_news=self.sender.wake.set if self.sender is not None else None,
            )
        if "bot" in self.roles:
            await self._start_bot(syncer, username)
        if self.settings.health.enabled:
            health = self.settings.health
            self.health = HealthServer(self, health.host, health.port)
            await self.health.start()
        if self.scheduled:
            self._schedule(bot_id)
        log.info("started", extra={"roles": ",".join(self.roles), "bot": username})

    async def _start_bot(self, syncer: AccountSyncer, username: str | None) -> None:
        """The handlers, the command menu, and updates by long polling or webhook."""
        from bot.commands import publish
        from bot.context import AppContext
        from bot.pending import PendingCredentials
        from dzwonek.dispatcher import build_dispatcher
        from sync.login_checks import LoginChecks
        from sync.refresh import Refresher

        assert self.bot is not None and self.store is not None and self.upstream is not None
        refresher = Refresher(self.store, syncer, self.clock, owner=worker_name("refresh"))
        self.app = AppContext(
            settings=self.settings,
            store=self.store,
            upstream=self.upstream,
            refresher=refresher,
            pending=PendingCredentials(),
            clock=self.clock,
            login_checks=LoginChecks(self.store, self.upstream, self.clock),
            bot_username=username or "dzwonek_bot",
        )
        self.dp = build_dispatcher(self.app)
        await publish(self.bot)
        if self.settings.telegram.mode == "webhook":
            await self._start_webhook()
        else:
            await self.bot.delete_webhook(drop_pending_updates=False)
            self.tasks.append(asyncio.create_task(self._poll_updates(), name="telegram-updates"))

    def _schedule(self, bot_id: int) -> None:
        """APScheduler drives the ticks; the database, not the scheduler, holds what
        is due, so a restart loses nothing and jobs never pile up (one instance each)."""
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        every = {"max_instances": 1, "coalesce": True, "misfire_grace_time": 30}
        if self.poller is not None:
            self.scheduler.add_job(
                self.poller.tick, "interval", seconds=self.settings.polling.tick_seconds, **every
            )
            self.scheduler.add_job(self.release_held, "interval", seconds=60, **every)
            self.scheduler.add_job(self.queue_briefs, "interval", seconds=60, **every)
            self.scheduler.add_job(self._tidy, "interval", hours=1, **every)
        self.scheduler.add_job(self._heartbeat, "interval", seconds=30, **every)
        self.scheduler.start()
        if self.sender is not None:
            self.tasks.append(asyncio.create_task(self._send_loop(bot_id), name="sender"))
        asyncio.get_running_loop().call_soon(lambda: asyncio.ensure_future(self._heartbeat()))

    async def _send_loop(self, bot_id: int) -> None:
        """One sender per bot token: on PostgreSQL the others wait as standbys on an
        advisory lock and take over when the holder's connection goes away."""
        assert self.db is not None and self.sender is not None
        while not self._stop.is_set():
            async with self.db.exclusive(SENDER_LOCK_BASE + bot_id) as mine:
                if mine:
                    log.info("sending notifications")
                    await self.sender.run(self._stop, tick=self.settings.sender.tick_seconds)
                    return
            log.info("another process sends for this bot; standing by")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=15)

    async def release_held(self) -> None:
        assert self.store is not None
        await release_held(self.store, self.clock.now())

    async def queue_briefs(self) -> int:
        assert self.store is not None
        notifications = self.settings.notifications
        return await queue_briefs(
            self.store,
            self.clock.now(),
            weekly_day=notifications.weekly_summary_day,
            weekly_time=notifications.weekly_summary_time,
        )

    async def _tidy(self) -> None:
        assert self.store is not None
        days = self.settings.notifications.retention_days
        await tidy(self.store, self.clock.now(), Retention(notifications=timedelta(days=days)))

    async def _heartbeat(self) -> None:
        if self.store is None:
            return
        now = self.clock.now()
        try:
            async with self.store.transaction() as uow:
                for role in self.roles:
                    await uow.workers.beat(worker_name(role), role, now, self._stats(role))
        except Exception:  # noqa: BLE001 - a heartbeat never stops the worker
            log.warning("heartbeat not recorded")

    def _stats(self, role: str) -> dict[str, object]:
        if role == "poller" and self.poller is not None:
            stats: dict[str, object] = dict(vars(self.poller.stats))
            if self.upstream is not None:
                until = self.upstream.breaker.open_until
                stats["breaker_open_until"] = until.isoformat() if until else None
                stats["breaker_trips"] = self.upstream.breaker.trips
            return stats
        if role == "sender" and self.sender is not None:
            return {k: v for k, v in vars(self.sender.stats).items() if k != "errors"}
        return {}

    async def schema_revision(self) -> str | None:
        """For health: the database's schema revision."""
        assert self.db is not None
        return await schema.current_revision(self.db)

    def liveness(self) -> Liveness:
        """For health: how this process's loops are doing."""
        now = time.monotonic()
        settings = self.settings
        live = Liveness(
            poller_limit=max(3 * settings.polling.tick_seconds, 60.0),
            sender_limit=max(10 * settings.sender.tick_seconds, 60.0),
        )
        if self.poller is not None:
            live = replace(live, poller_quiet=now - self.poller.last_tick)
        if self.sender is not None:
            task = self.task("sender")
            if task is None or task.done():
                state: str | float = "not running"
            elif self.sender.last_pass == 0.0:
                state = "standby"  # another process holds the lock
            else:
                state = now - self.sender.last_pass
            live = replace(live, sender=state)
        if "bot" in self.roles:
            task = self.task("telegram-updates")
            running = self.webhook is not None or (task is not None and not task.done())
            live = replace(live, updates_running=running)
        return live

    def task(self, name: str) -> asyncio.Task[None] | None:
        """A long-running task of this process by name (for /healthz)."""
        return next((t for t in self.tasks if t.get_name() == name), None)

    async def _start_webhook(self) -> None:
        """Telegram posts updates to us; the secret token is checked on every request
        (aiogram answers 401 otherwise) and updates are handled in the background so
        Telegram gets its 200 at once."""
        from aiogram.webhook.aiohttp_server import SimpleRequestHandler
        from aiohttp import web

        assert self.dp is not None and self.bot is not None
        telegram = self.settings.telegram
        assert telegram.webhook_url is not None and telegram.webhook_secret is not None
        secret = telegram.webhook_secret.get_secret_value()
        app = web.Application()
        SimpleRequestHandler(dispatcher=self.dp, bot=self.bot, secret_token=secret).register(
            app, path=urlsplit(telegram.webhook_url).path or "/"
        )
        self.webhook = web.AppRunner(app, access_log=None)
        await self.webhook.setup()
        site = web.TCPSite(self.webhook, telegram.webhook_host, telegram.webhook_port)
        await site.start()
        await self.bot.set_webhook(
            telegram.webhook_url,
            secret_token=secret,
            allowed_updates=self.dp.resolve_used_update_types(),
            drop_pending_updates=False,
        )
        log.info("receiving updates by webhook", extra={"port": telegram.webhook_port})

    async def refresh_gauges(self) -> None:
        """The database-wide gauges (accounts by status, outbox depth and age)."""
        assert self.store is not None
        now = self.clock.now()
        async with self.store.reading() as uow:
            by_status = await uow.stats.accounts_by_status()
            due, held, oldest = await uow.stats.outbox(now)
        ACCOUNTS.clear()
        for status, count in by_status.items():
            ACCOUNTS.labels(status).set(count)
        OUTBOX_DUE.set(due)
        OUTBOX_HELD.set(held)
        OUTBOX_OLDEST.set(max(0.0, (now - oldest).total_seconds()) if oldest else 0.0)

    async def _poll_updates(self) -> None:
        assert self.dp is not None and self.bot is not None
        await self.dp.start_polling(
            self.bot, handle_signals=False, close_bot_session=False, polling_timeout=5
        )

    async def stop(self) -> None:
        self._stop.set()
        if self.health is not None:
            await self.health.stop()
        if self.webhook is not None:
            await self.webhook.cleanup()
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
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
        if self.poller is not None:
            await self.poller.wait()
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
