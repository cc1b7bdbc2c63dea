"""The peer the politeness benchmark compares the bot with: a Home Assistant-style
integration built on librus-synergia, calling `fetch_changes()` for every account
every 20 minutes around the clock, each account keeping one `Librus` client (its
session and cookie jar in memory, reference data cached as the library's own
`--watch` does). It runs against its own simulator with the same world, seed and
days as the bot's pass, on the same kind of fast-forward clock, so the two request
counts come from one run and can be divided.

Only requests are compared: the peer's detection latency is its 20-minute interval by
construction, and it has no quiet hours, cadence or budget to measure.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from librus_synergia import Librus, LibrusError

from bench.common import on_clock
from simulator.librus.clock import SimClock
from simulator.librus.guard import ASSUMED
from simulator.librus.server import LibrusSimulator
from sync.clock import WARSAW, ManualClock
from sync.upstream.transport import LibrusTransport

INTERVAL = timedelta(minutes=20)
#: Accounts polled at once: the peer is one integration per family, so in reality
#: they are not synchronised at all; spreading them changes no request count.
AT_ONCE = 16


@dataclass
class PeerWeek:
    requests: dict[date, float]  # per account, per day
    endpoints: dict[date, Counter[str]]  # per day, all accounts
    fetches: int
    failures: int  # fetch_changes() calls that raised (none expected)


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=WARSAW).astimezone(UTC)


def _counts(librus: LibrusSimulator) -> Counter[str]:
    total: Counter[str] = Counter()
    for counter in librus.counters.values():
        total.update(counter.requests)
    return total


async def peer_week(count: int, days: list[date], *, seed: int, world: Any) -> PeerWeek:
    """`world(librus, accounts)` puts the week's changes into the simulator (the bot's
    pass's own schedule), so both passes see the same gradebooks."""
    start = _midnight(days[0])
    sim_clock = SimClock(start, frozen=True)
    librus = LibrusSimulator(seed=seed, students=count, clock=sim_clock)
    librus.guard.configure({**ASSUMED, "answer": "captcha"})
    await librus.start()
    clock = ManualClock(start)
    transport = LibrusTransport(
        connect_to=librus.connect_to,
        ca_file=librus.ca_file,
        requests_per_second=10_000,
        max_concurrency=64,
    )
    accounts = list(librus.accounts())[:count]
    world(librus, accounts)
    sessions = [transport.new_session() for _ in accounts]
    clients = [
        Librus(a["login"], a["password"], session=s, cache_reference_data=True)
        for a, s in zip(accounts, sessions, strict=True)
    ]
    gate = asyncio.Semaphore(AT_ONCE)
    week = PeerWeek({}, {}, 0, 0)

    async def fetch(client: Librus) -> None:
        async with gate:
            try:
                await client.fetch_changes()
            except LibrusError:
                week.failures += 1
            week.fetches += 1

    try:
        with on_clock(clock):
            for day in days:
                moment, end = _midnight(day), _midnight(day + timedelta(days=1))
                before = _counts(librus)
                while moment < end:
                    clock.set(moment)
                    sim_clock.set(moment, frozen=True)
                    await asyncio.gather(*(fetch(c) for c in clients))
                    moment += INTERVAL
                spent = _counts(librus) - before
                week.endpoints[day] = spent
                week.requests[day] = sum(spent.values()) / count
    finally:
        for client, session in zip(clients, sessions, strict=True):
            await client.close()
            await session.close()
        await transport.close()
        await librus.stop()
    return week
