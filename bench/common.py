"""What the benchmarks share: the real polling stack (no Telegram needed), accounts
linked straight into the database, and the one-JSON-line report."""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

from bot.config import Settings
from bot.policies import cadence_policy, sync_policy, upstream_settings
from dzwonek.app import Runtime
from storage import schema
from storage.crypto import Cipher, KeyRing, new_key
from storage.db import Database
from storage.uow import Store
from sync.account_sync import AccountSyncer
from sync.cadence import Cadence
from sync.clock import Clock
from sync.credentials import StoredAccountAccess
from sync.poller import Poller
from sync.upstream import Upstream


class ClockTime:
    """The `time` module as seen by code that reads it directly, on a benchmark's clock:
    `time()` and `monotonic()` both read `clock` (a simulated week only moves
    forward), everything else is the real module's."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def time(self) -> float:
        return self._clock.now().timestamp()

    def monotonic(self) -> float:
        return self._clock.now().timestamp()

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


def _clock_readers() -> list[ModuleType]:
    """The modules whose `time` decides how Librus is asked: librus-synergia's session
    age (`/refreshToken` after 2 h, a password login after 20 h) and its caches and
    rechecks, and aiohttp's cookie jar, which drops an expired `oauth_token`. The
    transport's pacing (`sync/upstream/transport.py`) stays on real time: it sleeps."""
    import aiohttp.cookiejar
    import librus_synergia.client
    import librus_synergia.librus

    return [aiohttp.cookiejar, librus_synergia.client, librus_synergia.librus]


@contextmanager
def on_clock(clock: Clock) -> Iterator[None]:
    """Every clock the bot's Librus clients read, on `clock`, for a benchmark that
    fast-forwards a week: without it the library's sessions and aiohttp's cookies
    would age by real minutes while Librus's age by simulated days."""
    shim = ClockTime(clock)
    readers = _clock_readers()
    saved = [(module, module.time) for module in readers]
    for module in readers:
        module.time = shim  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for module, original in saved:
            module.time = original  # type: ignore[attr-defined]


def arguments(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--size", choices=("smoke", "full"), default="smoke")
    parser.add_argument("--accounts", type=int, default=None, help="override the size's count")
    return parser.parse_args()


def machine_load() -> list[float]:
    """The machine's load average over 1, 5 and 15 minutes: printed beside every
    timing, since a figure taken on a busy machine (a test suite beside it) is not
    the bot's."""
    return [round(n, 2) for n in os.getloadavg()]


def report(figures: dict[str, Any]) -> None:
    """The figures as one JSON object on the last line of stdout, with the machine's
    load when they were taken (`machine_load`) and its cores."""
    figures = {**figures, "load_average": machine_load(), "cores": os.cpu_count()}
    sys.stdout.write(json.dumps(figures, ensure_ascii=False, sort_keys=True) + "\n")
    sys.stdout.flush()


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB: the kernel's high-water
    mark of this process's own memory (VmHWM). Not getrusage's ru_maxrss, which a
    process started by a large one (the test runner) inherits across fork and exec:
    it reported 491 MB for a 160 MB benchmark run from pytest."""
    return _status_mb("VmHWM:")


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU of these processes so far, with that of their children that
    have exited (PostgreSQL's backends end with their connections; the postmaster
    collects their time), from /proc."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
    return total / os.sysconf("SC_CLK_TCK")


def current_rss_mb() -> float:
    """Resident set size of this process now, in MB."""
    return _status_mb("VmRSS:")


def _status_mb(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1]) / 1024  # reported in kB
    return 0.0


def settings_for(
    connect_to: str,
    ca_file: str,
    folder: Path,
    *,
    database_url: str | None = None,
    keyring: str | None = None,
    password_logins_per_hour: int | None = 1_000_000,
    **polling: Any,
) -> Settings:
    """Caps raised so the bot, not the politeness limit, is what is measured (the
    politeness benchmark keeps the default password-login budget: None)."""
    logins = (
        {}
        if password_logins_per_hour is None
        else {"password_logins_per_hour": password_logins_per_hour}
    )
    return Settings.model_validate(
        {
            "database": {"url": database_url or f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}"},
            "crypto": {"keyring": keyring or KeyRing(keys={"b": new_key()}, primary="b").to_json()},
            "librus": {
                "connect_to": connect_to,
                "ca_file": ca_file,
                "requests_per_second": 10_000,
                "max_concurrency": 64,
                **logins,
            },
            "polling": {"concurrency": 64, "claim_batch": 64, **polling},
            "logging": {"level": "WARNING"},
            "health": {"enabled": False},
        }
    )


@dataclass
class Stack:
    """The pollers as `dzwonek run --role poller` builds them."""

    db: Database
    store: Store
    upstream: Upstream
    poller: Poller

    async def close(self) -> None:
        await self.upstream.close()
        await self.db.dispose()


async def polling_stack(settings: Settings, clock: Clock, *, migrate: bool = True) -> Stack:
    db = Database(settings.database.url)
    if migrate:
        await schema.upgrade(db)
    assert settings.crypto.keyring is not None
    cipher = Cipher(KeyRing.from_json(settings.crypto.keyring.get_secret_value()))
    store = Store(db, cipher)
    upstream = Upstream(upstream_settings(settings), StoredAccountAccess(store), clock)
    syncer = AccountSyncer(
        store, upstream, policy=sync_policy(settings), cadence=Cadence(cadence_policy(settings))
    )
    polling = settings.polling
    poller = Poller(
        store,
        syncer,
        clock,
        owner=f"bench@{os.getpid()}",  # unique per process: leases are by owner
        batch=polling.claim_batch,
        concurrency=polling.concurrency,
        lease=timedelta(seconds=polling.lease_seconds),
    )
    return Stack(db, store, upstream, poller)


async def link_accounts(
    store: Store, accounts: list[dict[str, Any]], when: Any, *, per_transaction: int = 500
) -> list[int]:
    """One parent per account, linked and subscribed, as the dialogue would leave it."""
    ids: list[int] = []
    for start in range(0, len(accounts), per_transaction):
        async with store.transaction() as uow:
            for n, account in enumerate(accounts[start : start + per_transaction], start=start):
                parent = 10_000_000 + n
                record, _ = await uow.accounts.create_or_refresh(
                    account["login"], account["password"], student_name=account["student"]
                )
                await uow.users.ensure(parent, "pl")
                await uow.chats.ensure(parent, "private", quiet_start=None, quiet_end=None)
                link, _ = await uow.links.link(parent, record.id, account["student"].split()[0])
                await uow.subscriptions.subscribe(parent, record.id, link.id)
                await uow.sync.ensure(record.id, when)
                # Linking leaves the first poll due at the wall clock's now; a benchmark
                # on a clock of its own (a simulated week, maybe in the past) wants it
                # due at its own `when`.
                await uow.sync.poll_soon(record.id, when)
                ids.append(record.id)
    return ids


async def started_runtime(
    settings: Settings, *, roles: tuple[str, ...], clock: Clock | None = None, scheduled: bool
) -> Runtime:
    """The bot's own `Runtime` with the given roles, on a freshly migrated database."""
    db = Database(settings.database.url)
    await schema.upgrade(db)
    await db.dispose()
    runtime = Runtime(settings, clock=clock, roles=roles, scheduled=scheduled)
    await runtime.start()
    return runtime


def scratch() -> Path:
    """A folder for the run's database, removed when the run ends."""
    folder = Path(tempfile.mkdtemp(prefix="dzwonek-bench-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder
