"""The poll cycle of bench/poll.py on PostgreSQL, with one and with two worker processes.

The accounts are linked into a fresh database on the PostgreSQL at 127.0.0.1:5432 (or
`DZWONEK_BENCH_PG`) and polled once (the cold cycle, not measured). Then the same
steady-state cycle runs twice: every account due, polled by one worker process, then
by two started together. Each worker notes the polls it made; an account polled by
both, or twice by one, counts as polled twice, unless the later poll is a retry of one
that did not go through whole (counted as a retry, with the outcomes beside it). The
machine has two cores, shared
with the Librus simulator (its own process) and PostgreSQL, so their CPU seconds over
each cycle are reported beside the speed-up.

    python -m bench.scaleout --size smoke|full    (smoke: 200 accounts, full: 2,000)

The last line of stdout is one JSON object with the figures.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import asyncpg

from bench.common import (
    arguments,
    cpu_seconds,
    link_accounts,
    polling_stack,
    report,
    scratch,
    settings_for,
)
from bench.poll import start_simulator
from storage.crypto import KeyRing, new_key
from sync.clock import SystemClock

SIZES = {"smoke": 200, "full": 2_000}
ADMIN_DSN = os.environ.get("DZWONEK_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
TARGET_SPEEDUP = 1.5


def postgres_pids() -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip().startswith("postgres"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


async def create_database() -> tuple[str, str]:
    name = f"dzwonek_bench_{secrets.token_hex(4)}"
    conn = await asyncpg.connect(ADMIN_DSN)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    base = ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
    return name, f"{base}/{name}"


async def drop_database(name: str) -> None:
    conn = await asyncpg.connect(ADMIN_DSN)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


async def make_due(stack: Any, ids: list[int]) -> None:
    now = datetime.now(UTC)
    async with stack.store.transaction() as uow:
        for account_id in ids:
            await uow.sync.poll_soon(account_id, now)


def cycle(workers: int, settings_file: Path, simulator_pid: int) -> dict[str, Any]:
    """Start the workers, let them connect, then poll; wall time from the go."""
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bench.scaleout_worker", str(settings_file)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(workers)
    ]
    for proc in procs:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    sim_cpu, pg_cpu = cpu_seconds([simulator_pid]), cpu_seconds(postgres_pids())
    started = time.perf_counter()
    for proc in procs:
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    results = []
    for proc in procs:
        out, _ = proc.communicate(timeout=3600)
        results.append(json.loads(out.strip().splitlines()[-1]))
    wall = time.perf_counter() - started
    polls = [p for r in results for p in r["polled"]]
    twice, retries = repeats(polls)
    return {
        "workers": workers,
        "wall_s": round(wall, 2),
        "polled": len(polls),
        "through": len({p["account"] for p in polls if p["status"] == "ok"}),
        "retries": retries,
        "outcomes": dict(Counter(p["status"] for p in polls)),
        "failed": sum(r["failed"] for r in results),
        "per_worker": [len(r["polled"]) for r in results],
        "accounts_per_s": round(len(polls) / wall, 1),
        "polled_twice": twice,
        "worker_cpu_s": round(sum(r["cpu_s"] for r in results), 1),
        "simulator_cpu_s": round(cpu_seconds([simulator_pid]) - sim_cpu, 1),
        "postgres_cpu_s": round(cpu_seconds(postgres_pids()) - pg_cpu, 1),
    }


def repeats(polls: list[dict[str, Any]]) -> tuple[int, int]:
    """Accounts polled twice, and retries. A second poll of an account is a retry when
    the one before it did not go through whole (Librus did not answer in time, or a
    kind failed): the bot's backoff brought it back, as it should. It is a poll twice
    when it overlapped the one before, or followed one that went through whole."""
    by_account: dict[int, list[dict[str, Any]]] = {}
    for poll in sorted(polls, key=lambda p: p["started"]):
        by_account.setdefault(poll["account"], []).append(poll)
    twice = retries = 0
    for seen in by_account.values():
        doubled = False
        for before, after in pairwise(seen):
            whole = before["status"] == "ok" and before["failed_kinds"] == 0
            if after["started"] < before["ended"] or whole:
                doubled = True
            else:
                retries += 1
        twice += doubled
    return twice, retries


async def main() -> None:
    args = arguments(__doc__ or "")
    count = args.accounts or SIZES[args.size]
    simulator, info = start_simulator(count)
    name, url = await create_database()
    folder = scratch()
    try:
        librus = info["librus"]
        keyring = KeyRing(keys={"b": new_key()}, primary="b").to_json()
        settings = settings_for(
            librus["connect_to"], librus["ca_file"], folder, database_url=url, keyring=keyring
        )
        settings_file = folder / "world.json"
        settings_file.touch(mode=0o600)
        given = {"database_url": url, "keyring": keyring, **librus}
        settings_file.write_text(json.dumps(given), encoding="utf-8")
        stack = await polling_stack(settings, SystemClock())
        ids = await link_accounts(stack.store, info["accounts"], datetime.now(UTC))
        await stack.poller.run_until_idle()  # the cold cycle: logins and baselines
        results = []
        for workers in (1, 2):
            await make_due(stack, ids)
            results.append(await asyncio.to_thread(cycle, workers, settings_file, simulator.pid))
        await stack.close()
    finally:
        simulator.terminate()
        simulator.wait(timeout=30)
        await drop_database(name)
    one, two = results
    speedup = one["wall_s"] / two["wall_s"] if two["wall_s"] else 0.0
    figures: dict[str, Any] = {
        "benchmark": "scaleout",
        "size": args.size,
        "accounts": count,
        "cores": os.cpu_count(),
        "one_worker": one,
        "two_workers": two,
        "speedup": round(speedup, 2),
        "polled_twice": two["polled_twice"] + one["polled_twice"],
        "target_speedup": TARGET_SPEEDUP,
    }
    figures["target_met"] = speedup >= TARGET_SPEEDUP and figures["polled_twice"] == 0
    report(figures)


if __name__ == "__main__":
    asyncio.run(main())
