"""Two worker processes on the real PostgreSQL: each account polled by one at a time,
each notification sent once.

Both processes run the pollers and the sender as `dzwonek run --role poller,sender`
would, scheduled ticks and all. Meanwhile the test keeps making every account due
again and adds grades and messages in the simulated Librus, so the two pollers race
for the same accounts over and over. Each process notes every poll's span; no two
spans of one account may overlap. Only one process may send (the advisory lock); the
other stands by. At the end every change has reached every chat that follows the
child, once.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import random
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from simulator.librus.faults import FaultRule
from tests.conftest import SIM_NOW, create_pg_database, drop_pg_database, pg_url
from tests.figures import record_figure
from tests.reliability.worker import serve
from tests.reliability.world import World, pipeline_world, settings_json

pytestmark = pytest.mark.postgres

SEED = 23
CHURN_SECONDS = 6.0  # the test makes accounts due and changes things this long
SETTLE_SECONDS = 300.0  # at most, for every change to be delivered once both polled
STOP_SECONDS = 120.0  # at most, for a worker to end once told
LATENCY = 0.02  # seconds per Librus request, so polls overlap in time


def _overlaps(spans: list[tuple[float, float, int]]) -> int:
    """Pairs of polls of one account that ran at the same time (by any processes)."""
    ordered = sorted(spans)
    return sum(
        later[0] < earlier[1] for n, earlier in enumerate(ordered) for later in ordered[n + 1 :]
    )


async def test_two_workers_share_accounts_without_overlap(tmp_path: Path, pg_server: str) -> None:
    name = create_pg_database(pg_server)
    rng = random.Random(SEED)
    journal = tmp_path / "journal.jsonl"
    polling = {"tick_seconds": 0.2, "claim_batch": 2, "concurrency": 2, "lease_seconds": 60}
    try:
        async with pipeline_world(
            tmp_path, students=8, seed=SEED, database_url=pg_url(name), polling=polling
        ) as world:
            world.librus.faults.add(FaultRule("slow", count=None, probability=1.0, delay=LATENCY))
            conf = settings_json(world.settings)
            start = SIM_NOW + timedelta(hours=1)
            accounts = sorted(world.logins)
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["tests.reliability.worker"])
            stop = tmp_path / "stop"
            workers = [
                context.Process(
                    target=serve, args=(conf, start.isoformat(), str(stop), str(journal))
                )
                for _ in range(2)
            ]
            for worker in workers:
                worker.start()
            try:
                changes = await _churn(world, rng, accounts, start, journal)
            finally:
                # However the churn ended, the workers end before their database goes:
                # on the test's word, or killed if they do not (and that fails below).
                stop.touch()
                for worker in workers:
                    await asyncio.to_thread(worker.join, STOP_SECONDS)
                for worker in workers:
                    if worker.is_alive():
                        worker.kill()
                        await asyncio.to_thread(worker.join, 10)
            assert [w.exitcode for w in workers] == [0, 0], "a worker did not stop on its word"
            expected, lost, duplicates = await world.tally()
    finally:
        drop_pg_database(pg_server, name)

    entries = [json.loads(line) for line in journal.read_text().splitlines()]
    spans: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    polls_by_pid: Counter[int] = Counter()
    for entry in entries:
        if "poll" in entry:
            spans[entry["poll"]].append((entry["begin"], entry["end"], entry["pid"]))
            polls_by_pid[entry["pid"]] += 1
    senders = {entry["pid"] for entry in entries if "sender" in entry}
    overlapping = sum(_overlaps(s) for s in spans.values())
    record_figure(
        "two workers on PostgreSQL",
        workers=2,
        polls=sum(polls_by_pid.values()),
        polls_per_worker=sorted(polls_by_pid.values()),
        concurrent_polls_of_one_account=overlapping,
        sending_processes=len(senders),
        notifications=expected,
        lost=lost,
        duplicates=duplicates,
    )
    assert changes >= 5 and expected >= changes
    assert len(polls_by_pid) == 2, "both workers should have polled"
    assert overlapping == 0
    assert len(senders) == 1
    assert lost == 0 and duplicates == 0


async def _churn(
    world: World, rng: random.Random, accounts: list[int], start: datetime, journal: Path
) -> int:
    """Keep every account due while changing things in Librus, then wait until every
    change reached every chat and both workers have polled (on a slow machine that
    takes longer; nothing here depends on how long). Returns the changes made."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + CHURN_SECONDS
    changes = 0
    while loop.time() < deadline:
        if rng.random() < 0.5:
            world.change(rng, f"⟦w{changes}⟧")
            changes += 1
        await world.make_due(accounts, start)
        await asyncio.sleep(0.25)
    await world.make_due(accounts, start)
    settle = loop.time() + SETTLE_SECONDS
    while loop.time() < settle:
        _, lost, _ = await world.tally()
        if lost == 0 and len(_pids(journal)) == 2:
            break
        await world.make_due(accounts, start)
        await asyncio.sleep(0.5)
    return changes


def _pids(journal: Path) -> set[int]:
    """The processes that have polled so far."""
    if not journal.exists():
        return set()
    return {json.loads(line)["pid"] for line in journal.read_text().splitlines() if "poll" in line}


def test_overlap_counting() -> None:
    """The overlap check itself, on spans (begin, end, process)."""
    assert _overlaps([(0.0, 1.0, 1), (1.5, 2.0, 2)]) == 0
    assert _overlaps([(0.0, 1.0, 1), (0.5, 2.0, 2)]) == 1
    assert _overlaps([(0.0, 9.0, 1), (1.0, 2.0, 1), (3.0, 4.0, 2)]) == 2
