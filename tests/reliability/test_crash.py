"""Crash consistency: the pipeline SIGKILLed at its crash points, and at random
moments, run after run.

Each run makes one or two changes in the simulated Librus, then starts worker
processes (the real pollers and sender) with a random crash point armed, restarting
them after every kill, until one finishes cleanly. After each run every change must
have reached every chat that follows the child, and none twice, except in the one
window no bot can close: Telegram accepted a message and the process died before
recording it. The sender sends to several chats at once, so a kill anywhere can
catch another chat's send in that window; every duplicate must be of a row the
database marks in doubt. Those are counted and reported.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import random
import signal
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sync.crashpoints import POINTS
from tests.conftest import SIM_NOW
from tests.figures import record_figure
from tests.reliability.worker import work
from tests.reliability.world import pipeline_world, settings_json

RUNS = int(os.environ.get("DZWONEK_CRASH_RUNS", "200"))
SEED = int(os.environ.get("DZWONEK_CRASH_SEED", "5"))


async def _run_worker(
    context: multiprocessing.context.ForkServerContext,
    conf: str,
    start: str,
    crash: tuple[str, int] | None,
    kill_after: float | None = None,
) -> int | None:
    """One worker; with `kill_after`, SIGKILLed after that many seconds wherever it is
    (not at a named point) unless it finished first."""
    process = context.Process(target=work, args=(conf, start, crash))
    process.start()
    # The simulators answer from this loop meanwhile.
    await asyncio.to_thread(process.join, kill_after)
    if process.exitcode is None:
        process.kill()
        await asyncio.to_thread(process.join)
    return process.exitcode


async def test_kills_lose_nothing_and_duplicate_only_in_doubt(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["tests.reliability.worker"])
    kills: Counter[str] = Counter()
    workers = 0
    async with pipeline_world(tmp_path, students=4) as world:
        conf = settings_json(world.settings)
        accounts = sorted(world.logins)
        for run in range(RUNS):
            changed = rng.sample(accounts, rng.choice([1, 1, 2]))
            for n, account in enumerate(changed):
                world.change(rng, f"⟦r{run}c{n}⟧", account)
            start = SIM_NOW + timedelta(hours=run + 1)
            await world.make_due(changed, start)
            for attempt in range(4):
                armed = attempt < 3 and rng.random() < 0.85
                # A fifth of the armed runs are killed at a random moment instead.
                anywhere = armed and rng.random() < 0.2
                crash = (rng.choice(POINTS), rng.randint(1, 2)) if armed and not anywhere else None
                kill_after = rng.uniform(0.2, 3.0) if anywhere else None
                at = (start + timedelta(minutes=10 * attempt)).isoformat()
                code = await _run_worker(context, conf, at, crash, kill_after)
                workers += 1
                if code == -signal.SIGKILL:
                    assert crash is not None or kill_after is not None
                    kills[crash[0] if crash else "anywhere"] += 1
                    continue
                assert code == 0, f"run {run}: worker exited with {code}"
                break
            expected, lost, duplicates = await world.tally()
            assert lost == 0, f"run {run}: {lost} notifications lost: {world.lost}"
            unexplained = await world.unexplained_duplicates()
            assert unexplained == [], f"run {run}: duplicates outside the in-doubt window"
        async with world.store.reading() as uow:
            in_doubt = await uow.outbox.in_doubt_count()
        expected, lost, duplicates = await world.tally()
    record_figure(
        "crash consistency",
        runs=RUNS,
        kills=sum(kills.values()),
        worker_processes=workers,
        notifications=expected,
        lost=lost,
        duplicates=duplicates,
        in_doubt_rows=in_doubt,
        kills_in_send_window=kills["send.sent"],
        kills_by_point=dict(sorted(kills.items())),
    )
    assert sum(kills.values()) >= RUNS // 2
