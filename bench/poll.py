"""One poll cycle over N accounts: how much the bot spends per account poll.

The Librus simulator runs in its own process (`dzwonek simulator`), so the CPU time
measured here is the bot's alone: the adapter, the diff, SQLite, the outbox. Caps are
raised so the bot is the bottleneck. Two cycles: the first is the cold one (a password
login per account, the reference data, every kind, the silent baseline); the second is
the steady state (stored sessions, every kind due again, a diff against what was seen).

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
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select

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
from storage.models import SyncState
from sync.clock import SystemClock

SIZES = {"smoke": 200, "full": 10_000}
TARGET_CPU_MS = 15.0
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


async def cycle(stack: Any, ids: list[int], simulator_pid: int) -> dict[str, Any]:
    """Every account due now, polled until it has gone through once: wall time, and the
    CPU time of this process and, beside it, of the simulator (the two share the
    machine's cores). A poll that Librus could not serve (a timeout on a slow machine)
    is retried after the bot's own backoff, as in production; such retries are counted
    and their reasons reported, not hidden."""
    now = datetime.now(UTC)
    async with stack.store.transaction() as uow:
        for account_id in ids:
            await uow.sync.poll_soon(account_id, now)
    stats = stack.poller.stats
    failed, outcomes, kinds = stats.failed, Counter(stats.outcomes), Counter(stats.kind_failures)
    wall, cpu = time.perf_counter(), time.process_time()
    simulated = cpu_seconds([simulator_pid])
    polled = 0
    deadline = time.monotonic() + RETRY_WINDOW_S
    while True:
        polled += await stack.poller.run_until_idle()
        waiting = await not_through_since(stack.db, now)
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
    }


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
        warm = await cycle(stack, ids, simulator.pid)
        rss_after = current_rss_mb()
        await stack.close()
    finally:
        simulator.terminate()
        simulator.wait(timeout=30)
    # The kernel's high-water mark is only brought up to date now and then: a sample
    # taken earlier may stand above it.
    peak = max(rss_mb(), rss_after)
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
            "target_cpu_ms_per_poll": TARGET_CPU_MS,
            "target_rss_mb": round(budget, 1),
            "cpu_target_met": warm["cpu_ms_per_poll"] <= TARGET_CPU_MS,
            "rss_target_met": peak <= budget,
        }
    )


if __name__ == "__main__":
    asyncio.run(main())
