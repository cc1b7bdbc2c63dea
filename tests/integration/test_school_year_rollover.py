"""1 September through the real pipeline: the cadence is a school day's at once, even
while Librus still describes last year, and the reference follows the school's own
change of year as soon as Librus shows it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest

from simulator.librus.clock import SimClock
from simulator.librus.server import LibrusSimulator
from storage.uow import Store
from sync import kinds as K
from sync.account_sync import AccountSyncer
from sync.clock import ManualClock
from tests.figures import record_figure
from tests.librus_helpers import link_account, poll_due_until, upstream_for

JUNE = datetime(2026, 6, 15, 8, 0, tzinfo=UTC)


@pytest.fixture
async def june() -> AsyncIterator[LibrusSimulator]:
    sim = LibrusSimulator(seed=2026, students=2, clock=SimClock(JUNE, frozen=True))
    await sim.start()
    try:
        yield sim
    finally:
        await sim.stop()


async def _class(store: Store, account_id: int) -> dict[str, object]:
    async with store.reading() as uow:
        reference = await uow.snapshots.get(account_id, K.REFERENCE)
    assert reference is not None
    return dict(reference.data.get("class") or {})


async def test_the_first_week_of_september(june: LibrusSimulator, sqlite_store: Store) -> None:
    clock = ManualClock(JUNE)
    upstream, _ = upstream_for(june, sqlite_store, clock=clock)
    syncer = AccountSyncer(sqlite_store, upstream)
    account = june.accounts()[0]
    account_id = await link_account(
        sqlite_store, upstream, str(account["login"]), str(account["password"])
    )
    try:
        async with sqlite_store.transaction() as uow:
            await uow.sync.poll_soon(account_id, JUNE)
        await poll_due_until(
            sqlite_store, syncer, june, clock, account_id, JUNE + timedelta(hours=2)
        )
        assert (await _class(sqlite_store, account_id))["end"] == "2026-06-26"
        # The summer passes; the school changes the year in Librus only on 2 September.
        clock.set(datetime(2026, 8, 31, 18, 0, tzinfo=UTC))
        rolled: list[datetime] = []

        def school_admin(now: datetime) -> None:
            if not rolled and now >= datetime(2026, 9, 2, 6, 0, tzinfo=UTC):
                june.edit.new_school_year()
                rolled.append(now)

        per_day = await poll_due_until(
            sqlite_store,
            syncer,
            june,
            clock,
            account_id,
            datetime(2026, 9, 5, 0, 0, tzinfo=UTC),
            on_step=school_admin,
        )
        first, second = date(2026, 9, 1), date(2026, 9, 2)
        # A school day's cadence from the first day: every 10 minutes 07:00-17:00,
        # every 30 until 22:00 (about 70 Grades requests), not every 3 hours (about 6).
        assert per_day[first] >= 55, per_day
        assert per_day[second] >= 55 and per_day[date(2026, 9, 4)] >= 55, per_day
        assert per_day[date(2026, 8, 31)] <= 8, per_day  # still the holidays
        klass = await _class(sqlite_store, account_id)
        assert klass["begin"] == "2026-09-01" and klass["end"] == "2027-06-25"
        record_figure(
            "school-year rollover",
            grades_polls_aug_31=per_day[date(2026, 8, 31)],
            sept_1=per_day[first],
            sept_2=per_day[second],
            sept_4=per_day[date(2026, 9, 4)],
        )
    finally:
        await upstream.close()
