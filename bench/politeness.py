"""A simulated school week: how many requests Librus gets per account, and how soon
a change in the gradebook becomes an event.

The simulator, the bot's pollers, librus-synergia's session clock and aiohttp's cookie
jars share one fake clock that jumps from one due poll to the next (nothing else
happens between them), so a week takes minutes, and a cookie or a session ages as
Librus's does (`bench.common.on_clock`). Changes are
scheduled at random school-day times (07:00-17:00 Warsaw, Monday to Friday) with
`visible_from`, so the simulator shows each one only from its moment on. Requests are
counted by the simulator per account and per day; detection latency is the event's
creation time minus the change's. The simulator's per-address guard runs with its
assumed thresholds (`simulator.librus.guard.ASSUMED`: password logins and requests per
hour from one address); the run reports the peak hour against them, and any refusal,
the detection latency per kind of change, and where the requests went (per account
and day, by endpoint).

A second pass runs the peer (`bench/peer.py`: librus-synergia's `fetch_changes()` for
every account every 20 minutes, as a Home Assistant-style integration does) on its own
simulator with the same world, changes and days, and the run reports the bot's
requests as a share of the peer's (target: at most a quarter).

    python -m bench.politeness --size smoke|full   (smoke: 5 accounts, Monday and
                                                    Saturday; full: 100, a whole week)

The last line of stdout is one JSON object with the figures.
"""

from __future__ import annotations

import asyncio
import random
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from bench.common import (
    arguments,
    link_accounts,
    on_clock,
    polling_stack,
    report,
    scratch,
    settings_for,
)
from bench.peer import PeerWeek, peer_week
from simulator.librus.clock import SimClock
from simulator.librus.guard import ASSUMED
from simulator.librus.server import LibrusSimulator
from storage.models import SyncState
from sync import events as E
from sync.clock import WARSAW, ManualClock

MONDAY = date(2026, 11, 30)
SIZES = {"smoke": (5, [0, 5]), "full": (100, list(range(7)))}  # accounts, days from Monday
CHANGES_PER_SCHOOL_DAY = 3  # per account
WORLD_SEED, CHANGES_SEED = 11, 5
URGENT = {"grade": E.GRADE_NEW, "absence": E.ABSENCE_NEW, "message": E.MESSAGE_NEW}
OTHER = {"homework": E.HOMEWORK_NEW, "test": E.AGENDA_NEW}
REST = {"note": E.NOTE_NEW, "announcement": E.ANNOUNCEMENT_NEW}
EVENT_OF = {**URGENT, **OTHER, **REST}
TARGETS = {
    "requests_per_school_day": 300,
    "requests_per_weekend_day": 60,
    "urgent_p95_minutes": 10,
    "tests_homework_p95_minutes": 30,
    "other_p95_minutes": 60,
    "peer_ratio_school_day": 0.25,
    "peer_ratio_weekend_day": 0.25,
}
#: The kinds the 30-minute target is about (tests are the agenda's entries).
TESTS_HOMEWORK = ("test", "homework")


@dataclass
class Change:
    login: str
    kind: str
    event_type: str
    item_id: str
    at: datetime


def local(day: date, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=WARSAW)


def schedule(
    librus: LibrusSimulator, accounts: list[dict[str, Any]], days: list[date], seed: int
) -> list[Change]:
    """Random changes on the school days among `days`, each visible from its moment;
    no messages where the school does not use Librus's messages."""
    rng = random.Random(seed)
    changes = []
    for day in days:
        if day.weekday() >= 5:
            continue
        for account in accounts:
            login = account["login"]
            kinds = [*URGENT, *URGENT, *OTHER, *REST]  # urgent twice as often
            if "messages" in account["missing_modules"]:
                kinds = [k for k in kinds if k != "message"]
            for _ in range(CHANGES_PER_SCHOOL_DAY):
                at = local(day, rng.randrange(7 * 60, 17 * 60)).astimezone(UTC)
                kind = rng.choice(kinds)
                item = _make(librus, login, kind, at, day, rng)
                changes.append(Change(login, kind, EVENT_OF[kind], str(item), at))
    return changes


def _make(
    librus: LibrusSimulator, login: str, kind: str, at: datetime, day: date, rng: random.Random
) -> Any:
    edit = librus.edit
    if kind == "grade":
        return edit.add_grade(login, value=rng.choice(["2", "3+", "5"]), visible_from=at)
    if kind == "absence":
        return edit.add_attendance(login, day=day, lesson_no=rng.randint(1, 5), visible_from=at)
    if kind == "message":
        return edit.add_message(login, topic="Informacja", body="Treść.", visible_from=at)
    if kind == "note":
        return edit.add_note(login, text="Pochwała za udział w konkursie.", visible_from=at)
    if kind == "announcement":
        return edit.add_notice(
            login, subject="Wywiadówka", content="Zebranie z rodzicami.", visible_from=at
        )
    if kind == "homework":
        return edit.add_homework(
            login, topic="Zadanie", due=day + timedelta(days=7), visible_from=at
        )
    return edit.add_agenda(login, content="Kartkówka", day=day + timedelta(days=6), visible_from=at)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@dataclass
class Week:
    changes: list[Change]
    requests: dict[date, float]  # per account, per day
    endpoints: dict[date, Counter[str]]  # per day, all accounts
    polls: int
    detected: dict[tuple[str, str], datetime]
    guard: dict[str, Any]  # the simulator's per-address counts, for 127.0.0.1


async def simulate(count: int, days: list[date]) -> Week:
    start = local(days[0], 0).astimezone(UTC)
    sim_clock = SimClock(start, frozen=True)
    librus = LibrusSimulator(seed=WORLD_SEED, students=count, clock=sim_clock)
    librus.guard.configure({**ASSUMED, "answer": "captcha"})
    await librus.start()
    clock = ManualClock(start)

    def move(moment: datetime) -> None:
        clock.set(moment)
        sim_clock.set(moment, frozen=True)

    with on_clock(clock):
        return await _week(librus, clock, count, days, start, move)


def _world(librus: LibrusSimulator, accounts: list[dict[str, Any]], days: list[date]) -> None:
    """The bot's pass's changes, for the peer's simulator (same seed, same world)."""
    schedule(librus, accounts, days, seed=CHANGES_SEED)


async def _week(
    librus: LibrusSimulator,
    clock: ManualClock,
    count: int,
    days: list[date],
    start: datetime,
    move: Callable[[datetime], None],
) -> Week:
    try:
        settings = settings_for(
            librus.connect_to, str(librus.ca_file), scratch(), password_logins_per_hour=None
        )
        stack = await polling_stack(settings, clock)
        accounts = list(librus.accounts())[:count]
        ids = await link_accounts(stack.store, accounts, start - timedelta(days=1))
        await stack.poller.run_until_idle()  # the silent baselines, the night before
        changes = schedule(librus, accounts, days, seed=CHANGES_SEED)
        requests: dict[date, float] = {}
        endpoints: dict[date, Counter[str]] = {}
        polls = 0
        for day in days:
            begin = local(day, 0).astimezone(UTC)
            end = local(day + timedelta(days=1), 0).astimezone(UTC)
            if clock.now() < begin:
                # Days need not follow each other (smoke: Monday, then Saturday): what
                # fell due in between is polled at the day's start, counted for no day.
                move(begin)
                await stack.poller.run_until_idle()
            before, by_endpoint = _requests(librus), _endpoints(librus)
            while (due := await _next_due(stack, ids)) is not None and due < end:
                move(max(due, clock.now()))
                polls += await stack.poller.run_until_idle()
            move(end)
            requests[day] = (_requests(librus) - before) / count
            endpoints[day] = _endpoints(librus) - by_endpoint
        detected = await _detections(stack, ids)
        await stack.close()
        guard: dict[str, Any] = next(iter(librus.guard.to_json()["addresses"].values()), {})
    finally:
        await librus.stop()
    return Week(changes, requests, endpoints, polls, detected, guard)


def summarise(week: Week, peer: PeerWeek, size: str, count: int) -> dict[str, Any]:
    latencies: dict[str, list[float]] = {"urgent": [], "tests_homework": [], "other": []}
    by_kind: dict[str, list[float]] = {}
    missed: list[str] = []
    for change in week.changes:
        found = week.detected.get((change.event_type, change.item_id))
        if found is None:
            missed.append(change.kind)
            continue
        minutes = (found - change.at).total_seconds() / 60
        if change.kind in URGENT:
            latencies["urgent"].append(minutes)
        else:  # the 60-minute target holds for every kind that is not urgent
            latencies["other"].append(minutes)
            if change.kind in TESTS_HOMEWORK:
                latencies["tests_homework"].append(minutes)
        by_kind.setdefault(change.kind, []).append(minutes)
    days = list(peer.requests)
    school, weekend = _by_day_type(week.requests)
    peer_school, peer_weekend = _by_day_type(peer.requests)
    figures: dict[str, Any] = {
        "benchmark": "politeness",
        "size": size,
        "accounts": count,
        "days": [d.isoformat() for d in week.requests],
        "polls": week.polls,
        "changes": len(week.changes),
        "undetected": len(missed),
        "undetected_kinds": sorted(missed),
        "requests_per_school_day": school,
        "requests_per_weekend_day": weekend,
        "peer_requests_per_school_day": peer_school,
        "peer_requests_per_weekend_day": peer_weekend,
        "peer_ratio_school_day": round(school / peer_school, 3) if peer_school else 0.0,
        "peer_ratio_weekend_day": round(weekend / peer_weekend, 3) if peer_weekend else 0.0,
        # The library lets the 10-minute oauth_token lapse between fetches 20 minutes
        # apart and logs in with the password again (no /refreshToken before 2 hours):
        # the peer's count with and without those logins, so the ratio is not flattered.
        "peer_password_logins_per_day": round(
            sum(day["OAuth/grant"] for day in peer.endpoints.values()) / count / len(days), 1
        ),
        "peer_data_requests_per_school_day": _without_logins(peer.endpoints, count),
        "peer_fetches": peer.fetches,
        "peer_failures": peer.failures,
        "peer_school_day_by_endpoint": _where(peer.endpoints, count, weekend=False),
        "urgent_p50_minutes": round(percentile(latencies["urgent"], 0.5), 1),
        "urgent_p95_minutes": round(percentile(latencies["urgent"], 0.95), 1),
        "tests_homework_p95_minutes": round(percentile(latencies["tests_homework"], 0.95), 1),
        "other_p50_minutes": round(percentile(latencies["other"], 0.5), 1),
        "other_p95_minutes": round(percentile(latencies["other"], 0.95), 1),
        "per_kind_minutes": {
            kind: {
                "changes": len(values),
                "p50": round(percentile(values, 0.5), 1),
                "p95": round(percentile(values, 0.95), 1),
            }
            for kind, values in sorted(by_kind.items())
        },
        # One OAuth grant per password login: how often the bot needed the password.
        "password_logins_per_account": round(
            sum(day["OAuth/grant"] for day in week.endpoints.values()) / count, 2
        ),
        "school_day_by_endpoint": _where(week.endpoints, count, weekend=False),
        "weekend_day_by_endpoint": _where(week.endpoints, count, weekend=True),
        "targets": TARGETS,
        "guard": _headroom(week.guard),
    }
    figures["targets_met"] = (
        not missed
        and all(figures[name] <= limit for name, limit in TARGETS.items())
        and figures["guard"]["refused"] == 0
        and peer.failures == 0
    )
    return figures


async def main() -> None:
    args = arguments(__doc__ or "")
    count, offsets = SIZES[args.size]
    count = args.accounts or count
    days = [MONDAY + timedelta(days=n) for n in offsets]
    week = await simulate(count, days)
    peer = await peer_week(
        count, days, seed=WORLD_SEED, world=lambda librus, accounts: _world(librus, accounts, days)
    )
    report(summarise(week, peer, args.size, count))


def _headroom(counts: dict[str, Any]) -> dict[str, Any]:
    """The peak hour from one address against the simulator's assumed thresholds."""
    logins, requests = ASSUMED["logins_per_hour"], ASSUMED["requests_per_hour"]
    peak_logins = int(counts.get("peak_logins_per_hour", 0))
    peak_requests = int(counts.get("peak_requests_per_hour", 0))
    return {
        "logins_per_hour_threshold": logins,
        "peak_logins_per_hour": peak_logins,
        "logins_headroom": round(1 - peak_logins / logins, 3),
        "requests_per_hour_threshold": requests,
        "peak_requests_per_hour": peak_requests,
        "requests_headroom": round(1 - peak_requests / requests, 3),
        "refused": int(counts.get("refused", 0)),
    }


def _requests(librus: LibrusSimulator) -> int:
    return sum(sum(c.requests.values()) for c in librus.counters.values())


def _endpoints(librus: LibrusSimulator) -> Counter[str]:
    total: Counter[str] = Counter()
    for counter in librus.counters.values():
        total.update(counter.requests)
    return total


#: The password login's requests (the OAuth pages, the portal hand-off, the login).
LOGIN_FLOW = ("login", "OAuth/", "loguj/")


def _without_logins(endpoints: dict[date, Counter[str]], count: int) -> float:
    """Requests per account and school day, the password logins' left out."""
    school = [d for d in endpoints if d.weekday() < 5]
    if not school:
        return 0.0
    data = sum(
        n for day in school for name, n in endpoints[day].items() if not name.startswith(LOGIN_FLOW)
    )
    return round(data / count / len(school), 1)


def _by_day_type(requests: dict[date, float]) -> tuple[float, float]:
    """Mean requests per account on the school days and on the weekend days."""
    school = [v for d, v in requests.items() if d.weekday() < 5]
    weekend = [v for d, v in requests.items() if d.weekday() >= 5]
    return (
        round(statistics.mean(school), 1) if school else 0.0,
        round(statistics.mean(weekend), 1) if weekend else 0.0,
    )


def _where(endpoints: dict[date, Counter[str]], count: int, weekend: bool) -> dict[str, float]:
    """Requests per account and day by endpoint (the 15 largest), school days or the
    weekend's."""
    days = [d for d in endpoints if (d.weekday() >= 5) == weekend]
    if not days:
        return {}
    total: Counter[str] = Counter()
    for day in days:
        total.update(endpoints[day])
    return {k: round(v / count / len(days), 1) for k, v in total.most_common(15)}


async def _next_due(stack: Any, ids: list[int]) -> datetime | None:
    """The earliest next poll of the week's accounts (one query: the loop asks this
    before every jump of the clock)."""
    async with stack.store.reading() as uow:
        due: datetime | None = await uow.session.scalar(
            select(func.min(SyncState.next_poll_at)).where(SyncState.account_id.in_(ids))
        )
    if due is None:
        return None
    return due if due.tzinfo is not None else due.replace(tzinfo=UTC)


async def _detections(stack: Any, ids: list[int]) -> dict[tuple[str, str], datetime]:
    """(event type, item id) -> when the first outbox row for it was created."""
    found: dict[tuple[str, str], datetime] = {}
    async with stack.store.reading() as uow:
        for chat in range(10_000_000, 10_000_000 + len(ids)):
            rows = await uow.outbox.for_chat_since(chat, datetime(2000, 1, 1, tzinfo=UTC))
            for row in rows:
                key = (str(row.payload.get("type")), str(row.payload.get("item_id")))
                if key not in found or row.created_at < found[key]:
                    found[key] = row.created_at
    return found


if __name__ == "__main__":
    asyncio.run(main())
