"""Quick commands over a whole school year of data: how long the bot takes to answer.

The Librus simulator's clock stands at a June morning, so the student's gradebook holds
the whole school year (grades of both semesters, the attendance of ten months, the
messages, the plan), on the dense seed (`density="dense"`: a real school's volume of
grades, three times the default's, and long messages; the demo's). The account is
polled once, which stores the snapshots the commands read. Then `/oceny`,
`/plan tydzień` and `/jutro` are fed to the bot's dispatcher as Telegram updates, in
turns; the time measured is from the update entering the dispatcher to the reply
having been accepted by the fake Bot API on loopback (its flood limits loosened, so no
reply waits for the per-chat second).

    python -m bench.commands --size smoke|full    (smoke: 20 rounds, full: 300)

The grade-trend charts of both semesters and the attendance chart of the year are
then drawn from the same snapshots, in turns (`charts_ms`: the median per chart, the
first, cold drawing, which imports matplotlib, apart), against a target of one second.

The last line of stdout is one JSON object with the figures.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from aiogram.types import Update

from bench.common import arguments, link_accounts, report, scratch, started_runtime
from bench.politeness import percentile
from bot.config import Settings
from bot.i18n import Translator
from dzwonek.app import Runtime
from simulator.librus.clock import SimClock
from simulator.librus.server import LibrusSimulator
from simulator.telegram.limits import FloodControl
from simulator.telegram.server import FakeTelegram
from storage.crypto import KeyRing, new_key
from sync import kinds as K
from sync.clock import WARSAW
from sync.payloads import GradeItem

SIZES = {"smoke": 20, "full": 300}
JUNE_MORNING = datetime(2027, 6, 17, 10, 0, tzinfo=WARSAW)  # a Thursday, a week before the end
COMMANDS = ("/oceny", "/plan tydzień", "/jutro")
TARGET_P95_MS = 50.0
CHART_TARGET_MS = 1000.0
CHART_ROUNDS = {"smoke": 3, "full": 10}
PARENT = 10_000_000  # link_accounts gives the first account this parent


def settings_for(telegram: FakeTelegram, librus: LibrusSimulator, folder: Path) -> Settings:
    return Settings.model_validate(
        {
            "telegram": {"token": telegram.token, "api_base": telegram.api_base},
            "database": {"url": f"sqlite+aiosqlite:///{folder / 'bench.sqlite3'}"},
            "crypto": {"keyring": KeyRing(keys={"b": new_key()}, primary="b").to_json()},
            "librus": {"connect_to": librus.connect_to, "ca_file": str(librus.ca_file)},
            "sender": {
                "messages_per_second": 1000,
                "per_chat_interval_seconds": 0.001,
                "group_messages_per_minute": 6000,
            },
            "logging": {"level": "WARNING"},
            "health": {"enabled": False},
        }
    )


def update(update_id: int, text: str) -> dict[str, Any]:
    command = text.split(maxsplit=1)[0]
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": {"id": PARENT, "type": "private", "first_name": "Anna"},
            "from": {"id": PARENT, "is_bot": False, "first_name": "Anna", "language_code": "pl"},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": len(command)}],
        },
    }


async def year_size(runtime: Runtime, account_id: int) -> dict[str, int]:
    async with runtime.store.reading() as uow:
        snaps = await uow.snapshots.get_many(
            [(account_id, k) for k in (K.GRADES, K.ATTENDANCE, K.TIMETABLE)]
        )
    data = {kind: snap.data or {} for (_, kind), snap in snaps.items()}
    attendance = data.get(K.ATTENDANCE, {})
    return {
        "grades": len(data.get(K.GRADES, {}).get("items", [])),
        "absences_and_lates": len(attendance.get("items", [])),
        "attendance_records": sum(b.get("total", 0) for b in attendance.get("stats", {}).values()),
        "timetable_days": len(data.get(K.TIMETABLE, {}).get("days", {})),
    }


def _grades(t: Translator, items: list[GradeItem], semester: int) -> bytes:
    from bot.render import charts
    from sync.averages import Grading

    return charts.grades_png(t, "Ola", charts.trends(items, Grading(), semester), semester)


async def chart_times(runtime: Runtime, account_id: int, rounds: int) -> dict[str, Any]:
    """Milliseconds to draw each chart from the year's snapshots (median of `rounds`)."""
    from bot.i18n import translator
    from bot.render import charts
    from sync import payloads as P

    async with runtime.store.reading() as uow:
        grades = await uow.snapshots.get(account_id, K.GRADES)
        attendance = await uow.snapshots.get(account_id, K.ATTENDANCE)
    t = translator("pl")
    items = P.grades_in(grades.data if grades else None)
    weeks = charts.weeks(attendance.data if attendance else None)
    draws: dict[str, Callable[[], bytes]] = {
        "grades_semester_1": partial(_grades, t, items, 1),
        "grades_semester_2": partial(_grades, t, items, 2),
        "attendance_year": partial(charts.attendance_png, t, "Ola", weeks),
    }
    started = time.perf_counter()
    draws["grades_semester_1"]()
    cold = (time.perf_counter() - started) * 1000
    medians: dict[str, float] = {}
    for name, draw in draws.items():
        spent = []
        for _ in range(rounds):
            started = time.perf_counter()
            draw()
            spent.append((time.perf_counter() - started) * 1000)
        medians[name] = round(percentile(spent, 0.5), 1)
    return {"first_ms": round(cold, 1), "median_ms": medians}


async def main() -> None:
    args = arguments(__doc__ or "")
    rounds = args.accounts or SIZES[args.size]
    clock = SimClock(JUNE_MORNING, frozen=True)
    telegram = FakeTelegram()
    telegram.flood = FloodControl(
        global_per_second=10_000, chat_per_second=1000, chat_burst=1000, group_per_minute=6000
    )
    await telegram.start()
    librus = LibrusSimulator(seed=2026, students=6, clock=clock, density="dense")
    await librus.start()
    settings = settings_for(telegram, librus, scratch())
    runtime = await started_runtime(settings, roles=("bot", "poller"), clock=clock, scheduled=False)
    account = next(a for a in librus.accounts() if not a["missing_modules"])
    telegram.user(PARENT, "Anna")
    [account_id] = await link_accounts(runtime.store, [account], clock.now())
    await runtime.poller.run_until_idle()
    sizes = await year_size(runtime, account_id)
    timings: dict[str, list[float]] = {c: [] for c in COMMANDS}
    ids = itertools.count(1)
    for _ in range(rounds + 1):  # the first round warms the caches and is not counted
        for text in COMMANDS:
            before = len(telegram.bot_messages(PARENT))
            incoming = Update.model_validate(update(next(ids), text), context={"bot": runtime.bot})
            started = time.perf_counter()
            await runtime.dp.feed_update(runtime.bot, incoming)
            elapsed = (time.perf_counter() - started) * 1000
            if len(telegram.bot_messages(PARENT)) <= before:
                raise RuntimeError(f"{text} got no reply")
            timings[text].append(elapsed)
    replies = {c: telegram.bot_messages(PARENT)[-3 + n].text[:60] for n, c in enumerate(COMMANDS)}
    drawn = await chart_times(runtime, account_id, CHART_ROUNDS[args.size])
    await runtime.stop()
    await librus.stop()
    await telegram.stop()
    every = [ms for values in timings.values() for ms in values[1:]]
    figures: dict[str, Any] = {
        "benchmark": "commands",
        "size": args.size,
        "rounds": rounds,
        "snapshot_items": sizes,
        "replies": replies,
        "per_command_ms": {
            c: {
                "p50": round(percentile(v[1:], 0.5), 1),
                "p95": round(percentile(v[1:], 0.95), 1),
            }
            for c, v in timings.items()
        },
        "p50_ms": round(percentile(every, 0.5), 1),
        "p95_ms": round(percentile(every, 0.95), 1),
        "target_p95_ms": TARGET_P95_MS,
    }
    figures["target_met"] = figures["p95_ms"] <= TARGET_P95_MS
    figures["charts_ms"] = drawn
    figures["chart_target_ms"] = CHART_TARGET_MS
    figures["chart_target_met"] = max(drawn["median_ms"].values()) <= CHART_TARGET_MS
    report(figures)


if __name__ == "__main__":
    asyncio.run(main())
