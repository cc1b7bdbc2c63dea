"""From a change in the gradebook to the parent's phone: real time, the whole pipeline.

The Librus simulator runs in real time from a school-day morning, and the bot runs as
`dzwonek run --role poller,sender` would (scheduled claim ticks, the sender loop, the
real flood limits at the fake Bot API) on a clock in step with the simulator's. Once
every account has its silent baseline, grades, absences and messages are added at
random moments, each account's changes at least one cadence apart so that the next
message in the parent's chat is the one for that change. Latency is the moment the
fake Bot API took the message minus the moment the change was made.

    python -m bench.latency --size smoke|full   (smoke: 12 accounts, one change each,
                                                 a 30-second cadence; full: 60 accounts,
                                                 three changes each, the 10-minute
                                                 cadence, about 40 minutes)

The last line of stdout is one JSON object with the figures.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.common import arguments, link_accounts, report, scratch, started_runtime
from bench.politeness import percentile
from bot.config import Settings
from simulator.librus.clock import SimClock
from simulator.librus.server import LibrusSimulator
from simulator.telegram.server import FakeTelegram
from storage.crypto import KeyRing, new_key
from sync.clock import WARSAW

# accounts, cadence in minutes, changes per account, window for the changes in seconds
SIZES = {"smoke": (12, 0.5, 1, 30.0), "full": (60, 10.0, 3, 26 * 60.0)}
TUESDAY_MORNING = datetime(2026, 12, 1, 8, 0, tzinfo=WARSAW)
SLACK_SECONDS = 5.0  # the target: p99 <= cadence + this
PARENT_BASE = 10_000_000  # link_accounts gives account n the parent (and chat) base + n


@dataclass
class Change:
    chat: int
    kind: str
    made_at: float  # time.time()


def settings_for(
    telegram: FakeTelegram, librus: LibrusSimulator, folder: Path, cadence: float
) -> Settings:
    return Settings.model_validate(
        {
            "telegram": {"token": telegram.token, "api_base": telegram.api_base},
            "database": {"url": f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}"},
            "crypto": {"keyring": KeyRing(keys={"b": new_key()}, primary="b").to_json()},
            "librus": {
                "connect_to": librus.connect_to,
                "ca_file": str(librus.ca_file),
                "requests_per_second": 200,
                "max_concurrency": 16,
            },
            # The claim tick as configured by default; the urgent cadence as set here.
            "polling": {"urgent_school_minutes": cadence, "concurrency": 16},
            "logging": {"level": "WARNING"},
            "health": {"enabled": False},
        }
    )


def plan(
    accounts: list[dict[str, Any]], per_account: int, window: float, gap: float, seed: int
) -> list[tuple[float, int, str, str]]:
    """(seconds from the start, chat, login, kind), each account's changes `gap` apart."""
    rng = random.Random(seed)
    moments = []
    for n, account in enumerate(accounts):
        kinds = ["grade", "absence"] + (
            [] if "messages" in account["missing_modules"] else ["message"]
        )
        span = window - gap * (per_account - 1)
        offsets = sorted(rng.uniform(0, span) for _ in range(per_account))
        for k, offset in enumerate(offsets):
            moments.append((offset + k * gap, PARENT_BASE + n, account["login"], rng.choice(kinds)))
    return sorted(moments)


def make(librus: LibrusSimulator, login: str, kind: str, n: int) -> None:
    edit = librus.edit
    if kind == "grade":
        edit.add_grade(login, value="4")
    elif kind == "absence":
        edit.add_attendance(login, lesson_no=1 + n % 6)
    else:
        edit.add_message(login, topic=f"Informacja {n}", body="Treść.")


async def main() -> None:
    args = arguments(__doc__ or "")
    count, cadence, per_account, window = SIZES[args.size]
    count = args.accounts or count
    gap = cadence * 60 + 20
    clock = SimClock(TUESDAY_MORNING)
    telegram = FakeTelegram()
    await telegram.start()
    librus = LibrusSimulator(seed=17, students=count, clock=clock)
    await librus.start()
    folder = scratch()
    settings = settings_for(telegram, librus, folder, cadence)
    runtime = await started_runtime(
        settings, roles=("poller", "sender"), clock=clock, scheduled=True
    )
    accounts = list(librus.accounts())[:count]
    for n in range(len(accounts)):
        telegram.user(PARENT_BASE + n, "Anna")
    await link_accounts(runtime.store, accounts, clock.now())
    for _ in range(1200):  # the silent baselines, within 10 minutes
        if runtime.poller.stats.polled >= len(accounts):
            break
        await asyncio.sleep(0.5)
    changes: list[Change] = []
    started = time.time()
    for n, (offset, chat, login, kind) in enumerate(plan(accounts, per_account, window, gap, 3)):
        await asyncio.sleep(max(0.0, started + offset - time.time()))
        make(librus, login, kind, n)
        changes.append(Change(chat, kind, time.time()))
    deadline = time.time() + cadence * 60 + 30
    latencies: list[float] = []
    while time.time() < deadline:
        latencies = seen(telegram, changes)
        if len(latencies) == len(changes):
            break
        await asyncio.sleep(0.5)
    latencies = seen(telegram, changes)
    await runtime.stop()
    await librus.stop()
    await telegram.stop()
    target = cadence * 60 + SLACK_SECONDS
    figures: dict[str, Any] = {
        "benchmark": "latency",
        "size": args.size,
        "accounts": count,
        "cadence_s": cadence * 60,
        "changes": len(changes),
        "delivered": len(latencies),
        "p50_s": round(percentile(latencies, 0.5), 1),
        "p99_s": round(percentile(latencies, 0.99), 1),
        "max_s": round(max(latencies, default=0.0), 1),
        "mean_s": round(statistics.mean(latencies), 1) if latencies else 0.0,
        "polls": runtime.poller.stats.polled,
        "violations": len(telegram.flood.violations),
        "target_p99_s": target,
    }
    figures["target_met"] = len(latencies) == len(changes) and figures["p99_s"] <= target
    report(figures)


def seen(telegram: FakeTelegram, changes: list[Change]) -> list[float]:
    """Per change, the first bot message in its chat after it was made."""
    found = []
    for change in changes:
        after = [e.at for e in telegram.bot_messages(change.chat) if e.at >= change.made_at]
        if after:
            found.append(min(after) - change.made_at)
    return found


if __name__ == "__main__":
    asyncio.run(main())
