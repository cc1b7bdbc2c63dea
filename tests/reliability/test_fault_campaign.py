"""A scripted school week under fire: Librus and Telegram misbehave at random, the
pipeline runs on a fake clock, and at the end every change has reached every chat
that follows the child exactly once, nothing was deleted that was not, and the fake
Bot API saw no flood-limit violation.

Librus faults (per request, seeded): 5xx, 502, maintenance 503, timeouts, dropped
connections, expired sessions, malformed JSON, the HTML login page instead of JSON,
answers cut to less than half, empty lists. Telegram faults (per send): 429 with
retry_after, 5xx, dropped connections. They stop two hours before the week ends, so
what failed last has time to go through.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dzwonek.app import Runtime
from simulator.librus.faults import FaultRule
from simulator.telegram.server import TelegramFault
from sync.clock import WARSAW, ManualClock
from tests.figures import record_figure
from tests.reliability.world import GROUP, pipeline_world

SEED = 11
STEP = timedelta(minutes=5)
MONDAY = datetime(2026, 11, 30, 6, 0, tzinfo=WARSAW).astimezone(UTC)
FAULTS_END = datetime(2026, 12, 4, 19, 0, tzinfo=WARSAW).astimezone(UTC)
WEEK_END = datetime(2026, 12, 4, 22, 0, tzinfo=WARSAW).astimezone(UTC)
CHANGES = 60

LIBRUS_FAULTS = {
    "server_error": 0.03,
    "bad_gateway": 0.01,
    "maintenance": 0.01,
    "slow": 0.002,
    "drop": 0.01,
    "expired_session": 0.01,
    "malformed_json": 0.01,
    "html_login": 0.005,
    "truncated": 0.01,
    "empty_list": 0.01,
}
# drop: the connection breaks before Telegram took the message; drop_after: Telegram
# delivered it and the answer was lost, which a bot can only count as in doubt.
TELEGRAM_FAULTS = {"rate_limited": 0.08, "server_error": 0.05, "drop": 0.03, "drop_after": 0.02}


async def _until_delivered(runtime: Runtime, timeout: float = 120) -> None:
    """Until the outbox holds nothing that is due."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        async with runtime.store.reading() as uow:
            due = await uow.outbox.due_chats(runtime.clock.now(), limit=1)
        if not due:
            return
        runtime.sender.wake.set()
        await asyncio.sleep(0.1)
    raise TimeoutError("the outbox did not drain")


def school_moments(rng: random.Random, count: int) -> list[datetime]:
    """Random moments of the school days (7:00-17:00 in Warsaw), Monday to Friday."""
    moments = []
    for _ in range(count):
        day = MONDAY.astimezone(WARSAW).date() + timedelta(days=rng.randrange(5))
        minute = rng.randrange(7 * 60, 17 * 60)
        local = datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=WARSAW)
        moments.append(local.astimezone(UTC))
    return sorted(moments)


async def test_a_school_week_of_faults(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    librus_settings = {"request_timeout_seconds": 0.4, "requests_per_second": 2000}
    # The week runs thousands of times faster than real time while the sender keeps
    # Telegram's real-time limits, so a notification's age in simulated hours says how
    # slow this machine is, not how long a parent waited: giving up after 24 simulated
    # hours (tested on its own in test_sender) would make the outcome depend on speed.
    sender_settings = {"give_up_after_hours": 24 * 14}
    async with pipeline_world(
        tmp_path,
        students=3,
        seed=SEED,
        real_limits=True,
        librus=librus_settings,
        sender=sender_settings,
    ) as world:
        async with world.store.transaction() as uow:  # the group keeps quiet at night
            await uow.chats.update_settings(GROUP, quiet_start="21:00", quiet_end="07:00")
        librus_rules = [
            world.librus.faults.add(FaultRule(mode, count=None, probability=p, delay=0.6))
            for mode, p in LIBRUS_FAULTS.items()
        ]
        for mode, p in TELEGRAM_FAULTS.items():
            world.telegram.faults.append(
                TelegramFault(mode, "sendMessage", count=None, probability=p, retry_after=1)
            )
        clock = ManualClock(MONDAY)
        runtime = Runtime(world.settings, roles=("poller", "sender"), clock=clock, scheduled=False)
        await runtime.start()
        moments = school_moments(rng, CHANGES)
        made = 0
        stop = asyncio.Event()
        # The sender works in real time beside the week (Telegram's limits are real
        # time), so the simulated days do not wait for each second between messages.
        sending = asyncio.create_task(runtime.sender.run(stop, tick=0.05))
        try:
            while clock.now() < WEEK_END:
                now = clock.advance(STEP)
                world.librus.clock.set(now, frozen=True)
                while made < len(moments) and moments[made] <= now:
                    world.change(rng, f"⟦c{made}⟧")
                    made += 1
                if now >= FAULTS_END and world.librus.faults.rules:
                    world.librus.faults.clear()
                    world.telegram.faults.clear()
                if now.minute % 30 == 0:
                    await runtime.release_held()
                await runtime.poller.run_until_idle()
            clock.set(WEEK_END + timedelta(hours=10))  # Saturday morning: quiet hours are over
            await runtime.release_held()
            await _until_delivered(runtime)
            poller, sender = runtime.poller.stats, runtime.sender.stats
        finally:
            stop.set()
            await sending
            await runtime.stop()
        expected, lost, duplicates = await world.tally()
        async with world.store.reading() as uow:
            deletions = await uow.outbox.count_of_type("grade_deleted")
            in_doubt = await uow.outbox.in_doubt_count()
        librus_fired = Counter({r.mode: r.fired for r in librus_rules})
        telegram_fired = Counter(mode for mode, _, _ in world.telegram.injected)
        record_figure(
            "fault campaign",
            changes=made,
            polls=poller.polled,
            librus_faults=sum(librus_fired.values()),
            telegram_faults=sum(telegram_fired.values()),
            notifications=expected,
            lost=lost,
            duplicates=duplicates,
            false_deletions=deletions,
            in_doubt_rows=in_doubt,
            delivered_unanswered=world.telegram.delivered_unanswered,
            limit_violations=len(world.telegram.flood.violations),
            retried_sends=sender.retried,
        )
        assert made == CHANGES
        assert lost == 0 and deletions == 0
        # The only duplicates are messages Telegram delivered whose answer was lost:
        # each on a row marked in doubt.
        assert duplicates <= in_doubt, (duplicates, in_doubt)
        assert world.telegram.delivered_unanswered > 0
        assert world.telegram.flood.violations == []
        assert sum(librus_fired.values()) > 300 and sum(telegram_fired.values()) > 10
        # Every poll is on record with its outcome, and the faults show there as what
        # they were: whole polls Librus could not serve, and kinds that failed alone.
        assert sum(poller.outcomes.values()) == poller.polled + poller.failed
        assert poller.outcomes["ok"] > 0 and any(
            k.startswith("unavailable") for k in poller.outcomes
        )
        assert sum(poller.kind_failures.values()) > 0, poller.outcomes
