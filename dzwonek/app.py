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
from dzwonek.calendar_server import CalendarServer
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
    from bot.topics import Topics

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
        # The parts, made by start(); the roles decide which (see the properties).
        self._db: Database | None = None
        self._store: Store | None = None
        self._upstream: Upstream | None = None
        self._bot: Bot | None = None
        self._dp: Dispatcher | None = None
        self._app: AppContext | None = None
        self._poller: Poller | None = None
        self._sender: Sender | None = None
        self.scheduler: AsyncIOScheduler | None = None
        self.tasks: list[asyncio.Task[None]] = []
        self.health: HealthServer | None = None
        self.calendar: CalendarServer | None = None
        self.webhook: web.AppRunner | None = None
        self._stop = asyncio.Event()

    # The parts. Each is there once started, if this process's roles need it; asking
    # for one that is not says which and why, instead of handing out a None.

    def _part[T](self, value: T | None, name: str, needs: str = "") -> T:
        if value is None:
            why = f"the {needs} role" if needs else "start()"
            raise RuntimeError(f"{name} needs {why} (this process: {','.join(self.roles)})")
        return value

    @property
    def db(self) -> Database:
        return self._part(self._db, "the database")

    @property
    def store(self) -> Store:
        return self._part(self._store, "the store")

    @property
    def upstream(self) -> Upstream:
        return self._part(self._upstream, "Librus")

    @property
    def bot(self) -> Bot:
        return self._part(self._bot, "the Telegram bot", "bot or sender")

    @property
    def dp(self) -> Dispatcher:
        return self._part(self._dp, "the dispatcher", "bot")

    @property
    def app(self) -> AppContext:
        return self._part(self._app, "the handlers' context", "bot")

    @property
    def poller(self) -> Poller:
        return self._part(self._poller, "the poller", "poller")

    @property
    def sender(self) -> Sender:
        return self._part(self._sender, "the sender", "sender")

    async def start(self) -> None:
        db, cipher = await open_storage(self.settings)
        store = self._store = Store(db, cipher)
        self._db = db
        upstream = self._upstream = Upstream(
            upstream_settings(self.settings), StoredAccountAccess(store), self.clock
        )
        syncer = AccountSyncer(
            store,
            upstream,
            policy=sync_policy(self.settings),
            cadence=Cadence(cadence_policy(self.settings)),
        )
        bot_id, username = 0, None
        if "bot" in self.roles or "sender" in self.roles:
            # aiogram (about 120 MB of Telegram types) is imported only by processes
            # that talk to Telegram: a `--role poller` worker stays small.
            from bot.telegram import create_bot, flood_gate
            from bot.topics import Topics

            gate = flood_gate(self.settings)
            bot = self._bot = create_bot(self.settings, gate)
            me = await bot.get_me()
            bot_id, username = me.id, me.username
            # The bot's owner turns topics in private chats on in BotFather (getMe says).
            topics = Topics(store, bot, self.clock, enabled=bool(me.has_topics_enabled))
            if "sender" in self.roles:
                self._sender = self._new_sender(store, bot, gate, topics)
        if "poller" in self.roles:
            polling = self.settings.polling
            self._poller = Poller(
                store,
                syncer,
                self.clock,
                owner=worker_name("poller"),
                batch=polling.claim_batch,
                concurrency=polling.concurrency,
                lease=timedelta(seconds=polling.lease_seconds),
                on_news=self._sender.wake.set if self._sender is not None else None,
            )
        if self._bot is not None and "bot" in self.roles:
            await self._start_bot(self._bot, store, upstream, syncer, username, topics)
        if self.settings.health.enabled:
            health = self.settings.health
            self.health = HealthServer(self, health.host, health.port)
            await self.health.start()
        if self.settings.calendar.enabled and "bot" in self.roles:
            self.calendar = CalendarServer(store, self.clock, self.settings.calendar)
            await self.calendar.start()
        if self.scheduled:
            self._schedule(bot_id)
        log.info("started", extra={"roles": ",".join(self.roles), "bot": username})

    def _new_sender(self, store: Store, bot: Bot, gate: FloodGate, topics: Topics) -> Sender:
        from bot.sender import Sender, SenderPolicy

        give_up = timedelta(hours=self.settings.sender.give_up_after_hours)
        policy = SenderPolicy(give_up_after=give_up)
        return Sender(store, bot, gate, self.clock, policy=policy, topics=topics)

    async def _start_bot(
        self,
        bot: Bot,
        store: Store,
        upstream: Upstream,
        syncer: AccountSyncer,
        username: str | None,
        topics: Topics,
    ) -> None:
        """The handlers, the command menu, and updates by long polling or webhook."""
        from bot.commands import publish
        from bot.context import AppContext
        from bot.downloads import DownloadGate
        from bot.drafts import Drafts
        from bot.pending import PendingCredentials
        from dzwonek.dispatcher import build_dispatcher
        from sync.login_checks import LoginChecks
        from sync.refresh import Refresher

        refresher = Refresher(store, syncer, self.clock, owner=worker_name("refresh"))
        app = self._app = AppContext(
            settings=self.settings,
            store=store,
            upstream=upstream,
            refresher=refresher,
            pending=PendingCredentials(),
            clock=self.clock,
            login_checks=LoginChecks(store, upstream, self.clock),
            downloads=DownloadGate(
                self.clock.now,
                cooldown=timedelta(seconds=self.settings.downloads.cooldown_seconds),
                per_hour=self.settings.downloads.per_hour,
            ),
            drafts=Drafts(),
            topics=topics,
            bot_username=username or "dzwonek_bot",
        )
        dp = self._dp = build_dispatcher(app)
        await publish(bot)
        if self.settings.telegram.mode == "webhook":
            await self._start_webhook(bot, dp)
        else:
            await bot.delete_webhook(drop_pending_updates=False)
            self.tasks.append(
                asyncio.create_task(self._poll_updates(bot, dp), name="telegram-updates")
            )

    def _schedule(self, bot_id: int) -> None:
        """APScheduler drives the ticks; the database, not the scheduler, holds what
        is due, so a restart loses nothing and jobs never pile up (one instance each)."""
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        every = {"max_instances": 1, "coalesce": True, "misfire_grace_time": 30}
        if self._poller is not None:
            self.scheduler.add_job(
                self._poller.tick, "interval", seconds=self.settings.polling.tick_seconds, **every
            )
            self.scheduler.add_job(self.release_held, "interval", seconds=60, **every)
            self.scheduler.add_job(self.queue_briefs, "interval", seconds=60, **every)
            self.scheduler.add_job(self._tidy, "interval", hours=1, **every)
        self.scheduler.add_job(self._heartbeat, "interval", seconds=30, **every)
        self.scheduler.start()
        if self._sender is not None:
            self.tasks.append(
                asyncio.create_task(self._send_loop(self._sender, bot_id), name="sender")
            )
        asyncio.get_running_loop().call_soon(lambda: asyncio.ensure_future(self._heartbeat()))

    async def _send_loop(self, sender: Sender, bot_id: int) -> None:
        """One sender per bot token: on PostgreSQL the others wait as standbys on an
        advisory lock and take over when the holder's connection goes away."""
        while not self._stop.is_set():
            async with self.db.exclusive(SENDER_LOCK_BASE + bot_id) as mine:
                if mine:
                    log.info("sending notifications")
                    await sender.run(self._stop, tick=self.settings.sender.tick_seconds)
                    return
            log.info("another process sends for this bot; standing by")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), timeout=15)

    async def release_held(self) -> None:
        await release_held(self.store, self.clock.now())

    async def queue_briefs(self) -> int:
        notifications = self.settings.notifications
        return await queue_briefs(
            self.store,
            self.clock.now(),
            weekly_day=notifications.weekly_summary_day,
            weekly_time=notifications.weekly_summary_time,
        )

    async def _tidy(self) -> None:
        days = self.settings.notifications.retention_days
        await tidy(self.store, self.clock.now(), Retention(notifications=timedelta(days=days)))

    async def _heartbeat(self) -> None:
        if self._store is None:
            return
        now = self.clock.now()
        try:
            async with self._store.transaction() as uow:
                for role in self.roles:
                    await uow.workers.beat(worker_name(role), role, now, self._stats(role))
        except Exception:  # noqa: BLE001 - a heartbeat never stops the worker
            log.warning("heartbeat not recorded")

    def _stats(self, role: str) -> dict[str, object]:
        if role == "poller" and self._poller is not None:
            stats: dict[str, object] = dict(vars(self._poller.stats))
            if self._upstream is not None:
                until = self._upstream.breaker.open_until
                stats["breaker_open_until"] = until.isoformat() if until else None
                stats["breaker_trips"] = self._upstream.breaker.trips
            return stats
        if role == "sender" and self._sender is not None:
            return {k: v for k, v in vars(self._sender.stats).items() if k != "errors"}
        return {}

    async def schema_revision(self) -> str | None:
        """For health: the database's schema revision."""
        return await schema.current_revision(self.db)

    def liveness(self) -> Liveness:
        """For health: how this process's loops are doing."""
        now = time.monotonic()
        settings = self.settings
        live = Liveness(
            poller_limit=max(3 * settings.polling.tick_seconds, 60.0),
            sender_limit=max(10 * settings.sender.tick_seconds, 60.0),
        )
        if self._poller is not None:
            live = replace(live, poller_quiet=now - self._poller.last_tick)
        if self._sender is not None:
            task = self.task("sender")
            if task is None or task.done():
                state: str | float = "not running"
            elif self._sender.last_pass == 0.0:
                state = "standby"  # another process holds the lock
            else:
                state = now - self._sender.last_pass
            live = replace(live, sender=state)
        if "bot" in self.roles:
            task = self.task("telegram-updates")
            running = self.webhook is not None or (task is not None and not task.done())
            live = replace(live, updates_running=running)
        return live

    def task(self, name: str) -> asyncio.Task[None] | None:
        """A long-running task of this process by name (for /healthz)."""
        return next((t for t in self.tasks if t.get_name() == name), None)

    async def _start_webhook(self, bot: Bot, dp: Dispatcher) -> None:
        """Telegram posts updates to us; the secret token is checked on every request
        (aiogram answers 401 otherwise) and updates are handled in the background so
        Telegram gets its 200 at once."""
        from aiogram.webhook.aiohttp_server import SimpleRequestHandler
        from aiohttp import web

        telegram = self.settings.telegram
        if telegram.webhook_url is None or telegram.webhook_secret is None:
            raise RuntimeError("webhook mode needs telegram.webhook_url and webhook_secret")
        secret = telegram.webhook_secret.get_secret_value()
        app = web.Application()
        SimpleRequestHandler(dispatcher=dp, bot=bot, secret_token=secret).register(
            app, path=urlsplit(telegram.webhook_url).path or "/"
        )
        self.webhook = web.AppRunner(app, access_log=None)
        await self.webhook.setup()
        site = web.TCPSite(self.webhook, telegram.webhook_host, telegram.webhook_port)
        await site.start()
        await bot.set_webhook(
            telegram.webhook_url,
            secret_token=secret,
            allowed_updates=dp.resolve_used_update_types(),
            drop_pending_updates=False,
        )
        log.info("receiving updates by webhook", extra={"port": telegram.webhook_port})

    async def refresh_gauges(self) -> None:
        """The database-wide gauges (accounts by status, outbox depth and age)."""
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

    async def _poll_updates(self, bot: Bot, dp: Dispatcher) -> None:
        await dp.start_polling(
            bot, handle_signals=False, close_bot_session=False, polling_timeout=5
        )

    async def stop(self) -> None:
        self._stop.set()
        if self.health is not None:
            await self.health.stop()
        if self.calendar is not None:
            await self.calendar.stop()
        if self.webhook is not None:
            await self.webhook.cleanup()
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
        # stop_polling signals aiogram's polling loop, which then cancels its own
        # getUpdates task and waits for it; cancelling our task from outside would
        # leave that inner task running against a closed session.
        if self._dp is not None and self.tasks:
            with contextlib.suppress(RuntimeError):  # polling had not started yet
                await self._dp.stop_polling()
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
        if self._poller is not None:
            await self._poller.wait()
        if self._upstream is not None:
            await self._upstream.close()
        if self._bot is not None:
            await self._bot.session.close()
        if self._db is not None:
            await self._db.dispose()


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
