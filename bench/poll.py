"""One poll cycle over N accounts: how much the bot spends per account poll.

The Librus simulator runs in its own process (`dzwonek simulator`), so the CPU time
measured here is the bot's alone: the adapter, the diff, SQLite, the outbox. Caps are
raised so the bot is the bottleneck. Two cycles: the first is the cold one (a password
login per account, the reference data, every kind, the silent baseline); the second is
the steady state (stored sessions, a diff against what was seen) for the kinds
librus-synergia's `fetch_changes()` reads (`sync.kinds.CORE_KINDS`).
Then the floor: the library alone (`fetch_changes()`, twice per account) on the same
simulator, and the bot's CPU per poll as a multiple of it.

    python -m bench.poll --size smoke|full      (smoke: 200 accounts, full: 10,000)

The last line of stdout is one JSON object with the figures.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from librus_synergia import Librus, LibrusError
from sqlalchemy import event, func, or_, select, update

from bench.common import (
    arguments,
    cpu_seconds,
    current_rss_mb,
    link_accounts,
    polling_stack,
    report,
    rss_mb,
    scratch,
    settings_for,
)
from storage.db import Database
from storage.models import KindState, SyncState
from sync import kinds as K
from sync.clock import SystemClock
from sync.upstream.transport import LibrusTransport

SIZES = {"smoke": 200, "full": 10_000}
TARGET_CPU_MS = 15.0
#: The bot's CPU per poll against the library alone doing fetch_changes() (see
#: `library_pass`): it does more (the diff, the database, the outbox), not 6x more.
TARGET_WARM_RATIO, TARGET_COLD_RATIO = 1.5, 6.0
TARGET_RSS_MB = 150.0
TARGET_RSS_KB_PER_ACCOUNT = 10.0
#: How long a cycle waits for the retries of polls Librus could not serve (the backoff
#: after a first failure is at most a minute).
RETRY_WINDOW_S = 300.0


def start_simulator(students: int) -> tuple[subprocess.Popen[str], dict[str, Any]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "dzwonek", "simulator", "--students", str(students), "--seed", "7"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "DZWONEK_LOGGING__LEVEL": "WARNING"},
    )
    assert process.stdout is not None
    try:
        line = process.stdout.readline()
        if not line:
            raise RuntimeError("the simulator did not start")
        return process, json.loads(line)
    except BaseException:
        process.kill()  # not left serving after the benchmark gave up
        process.wait(timeout=30)
        raise


async def cycle(
    stack: Any, ids: list[int], simulator_pid: int, only: tuple[str, ...] | None = None
) -> dict[str, Any]:
    """Every account due now, polled until it has gone through once: wall time, and the
    CPU time of this process and, beside it, of the simulator (the two share the
    machine's cores). `only`: only those kinds due (the others a day away), else every kind.
    A poll that Librus could not serve (a timeout on a slow machine) is retried after
    the bot's own backoff, as in production; such retries are counted and their
    reasons reported, not hidden."""
    now = datetime.now(UTC)
    async with stack.store.transaction() as uow:
        for account_id in ids:
            await uow.sync.poll_soon(account_id, now)
        if only is not None:
            # The other kinds a day away, those never fetched yet too (lesson topics
            # are first wanted once the cold poll has stored a test to revise for).
            later = now + timedelta(days=1)
            await uow.session.execute(
                update(KindState)
                .where(KindState.account_id.in_(ids), KindState.kind.not_in(only))
                .values(next_due_at=later)
            )
            have = set(
                (await uow.session.execute(select(KindState.account_id, KindState.kind))).all()
            )
            uow.session.add_all(
                KindState(account_id=a, kind=k, next_due_at=later)
                for a in ids
                for k in K.ALL_KINDS
                if k not in only and (a, k) not in have
            )
    stats = stack.poller.stats
    failed, outcomes, kinds = stats.failed, Counter(stats.outcomes), Counter(stats.kind_failures)
    wall, cpu = time.perf_counter(), time.process_time()
    simulated = cpu_seconds([simulator_pid])
    polled, checks = 0, 0
    deadline = time.monotonic() + RETRY_WINDOW_S
    with counted_statements(stack.db) as statements:
        while True:
            polled += await stack.poller.run_until_idle()
            waiting = await not_through_since(stack.db, now)
            checks += 1
            if not waiting or time.monotonic() > deadline:
                break
            await asyncio.sleep(1.0)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    simulated = cpu_seconds([simulator_pid]) - simulated
    return {
        "polled": polled,
        "through": len(ids) - waiting,
        "retries": polled - (len(ids) - waiting),
        "failed": stats.failed - failed,
        "outcomes": dict(Counter(stats.outcomes) - outcomes),
        "kind_failures": dict(Counter(stats.kind_failures) - kinds),
        "wall_s": round(wall, 2),
        "accounts_per_s": round(polled / wall, 1) if wall else 0.0,
        "cpu_ms_per_poll": round(1000 * cpu / max(polled, 1), 2),
        "simulator_cpu_ms_per_poll": round(1000 * simulated / max(polled, 1), 2),
        # SQL statements (BEGIN included), the benchmark's own checks left out: each is
        # a hop to aiosqlite's thread and back.
        "statements_per_poll": round((statements[0] - 2 * checks) / max(polled, 1), 2),
    }


@contextmanager
def counted_statements(db: Database) -> Iterator[list[int]]:
    """How many statements the engine sends to the database meanwhile."""
    count = [0]

    def one(*_: Any) -> None:
        count[0] += 1

    event.listen(db.engine.sync_engine, "before_cursor_execute", one)
    try:
        yield count
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", one)


async def library_pass(accounts: list[dict[str, Any]], librus: dict[str, Any]) -> dict[str, Any]:
    """The floor: librus-synergia alone, `fetch_changes()` for every account twice (cold:
    a password login first; warm: the session kept), on the same simulator in the same
    run, through the same connector settings. CPU per fetch of this process, as for the
    bot's cycles."""
    transport = LibrusTransport(
        connect_to=librus["connect_to"],
        ca_file=Path(librus["ca_file"]),
        requests_per_second=10_000,
        max_concurrency=64,
    )
    sessions = [transport.new_session() for _ in accounts]
    clients = [
        Librus(a["login"], a["password"], session=http, cache_reference_data=True)
        for a, http in zip(accounts, sessions, strict=True)
    ]
    gate = asyncio.Semaphore(64)
    failures = 0

    async def fetch(client: Librus) -> None:
        nonlocal failures
        async with gate:
            try:
                await client.fetch_changes()
            except LibrusError:
                failures += 1

    figures: dict[str, Any] = {}
    try:
        for name in ("cold", "warm"):
            wall, cpu = time.perf_counter(), time.process_time()
            await asyncio.gather(*(fetch(c) for c in clients))
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            figures[name] = {
                "cpu_ms_per_fetch": round(1000 * cpu / len(clients), 2),
                "wall_s": round(wall, 2),
            }
    finally:
        for client, http in zip(clients, sessions, strict=True):
            await client.close()
            await http.close()
        await transport.close()
    figures["failures"] = failures
    return figures


async def not_through_since(db: Database, since: datetime) -> int:
    """Accounts with no successful poll since `since`."""
    query = select(func.count()).where(
        or_(SyncState.last_success_at.is_(None), SyncState.last_success_at < since)
    )
    async with db.reading() as session:
        return int((await session.execute(query)).scalar_one())


async def main() -> None:
    args = arguments(__doc__ or "")
    count = args.accounts or SIZES[args.size]
    simulator, info = start_simulator(count)
    folder = scratch()
    try:
        librus = info["librus"]
        settings = settings_for(librus["connect_to"], librus["ca_file"], folder)
        stack = await polling_stack(settings, SystemClock())
        ids = await link_accounts(stack.store, info["accounts"], datetime.now(UTC))
        rss_before = current_rss_mb()
        cold = await cycle(stack, ids, simulator.pid)
        # What fetch_changes() reads, so that the library's pass below is the floor of
        # the same work (the other kinds come hours apart, see sync/cadence.py).
        warm = await cycle(stack, ids, simulator.pid, K.CORE_KINDS)
        rss_after = current_rss_mb()
        # The bot's peak, before the library's pass adds its own clients. The kernel's
        # high-water mark is only brought up to date now and then: a sample taken
        # earlier may stand above it.
        peak = max(rss_mb(), rss_after)
        await stack.close()
        library = await library_pass(info["accounts"][:count], librus)
    finally:
        simulator.terminate()
        simulator.wait(timeout=30)
    per_account_kb = max(0.0, (rss_after - rss_before) * 1024 / count)
    budget = TARGET_RSS_MB + TARGET_RSS_KB_PER_ACCOUNT * count / 1024
    report(
        {
            "benchmark": "poll",
            "size": args.size,
            "accounts": count,
            "cold": cold,
            "warm": warm,
            "peak_rss_mb": round(peak, 1),
            "rss_mb_before_polls": round(rss_before, 1),
            "rss_mb_after_polls": round(rss_after, 1),
            "rss_kb_per_account": round(per_account_kb, 2),
            "library": library,
            "warm_ratio_to_library": _ratio(warm["cpu_ms_per_poll"], library["warm"]),
            "cold_ratio_to_library": _ratio(cold["cpu_ms_per_poll"], library["cold"]),
            "target_warm_ratio": TARGET_WARM_RATIO,
            "target_cold_ratio": TARGET_COLD_RATIO,
            "target_cpu_ms_per_poll": TARGET_CPU_MS,
            "target_rss_mb": round(budget, 1),
            "cpu_target_met": warm["cpu_ms_per_poll"] <= TARGET_CPU_MS,
            "ratio_targets_met": (
                _ratio(warm["cpu_ms_per_poll"], library["warm"]) <= TARGET_WARM_RATIO
                and _ratio(cold["cpu_ms_per_poll"], library["cold"]) <= TARGET_COLD_RATIO
            ),
            "rss_target_met": peak <= budget,
        }
    )


def _ratio(bot_ms: float, library: dict[str, Any]) -> float:
    floor = float(library["cpu_ms_per_fetch"])
    return round(bot_ms / floor, 2) if floor else 0.0


if __name__ == "__main__":
    asyncio.run(main())
