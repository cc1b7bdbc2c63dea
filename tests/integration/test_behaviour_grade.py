"""The behaviour grade through the real library and polling: asked for only in the
weeks before a semester ends, stored in the shape the forecast's honours line reads,
whichever shape (classic scale or points) the school gives."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, time, timedelta

import pytest

from bot.config import Settings
from bot.policies import cadence_policy
from simulator.librus.clock import SimClock
from simulator.librus.server import LibrusSimulator
from storage.uow import Store
from sync import kinds as K
from sync import payloads as P
from sync.account_sync import AccountSyncer
from sync.cadence import Cadence
from sync.clock import WARSAW, ManualClock
from sync.forecast import behaviour_of
from tests.librus_helpers import link_account, poll_due_until, sync_once, upstream_for

DECEMBER = datetime(2026, 12, 2, 6, 0, tzinfo=UTC)  # a Wednesday, weeks from the end
ENDPOINT = "BehaviourGrades/Points"


@pytest.fixture
async def december() -> AsyncIterator[LibrusSimulator]:
    sim = LibrusSimulator(seed=2026, students=2, clock=SimClock(DECEMBER, frozen=True))
    await sim.start()
    try:
        yield sim
    finally:
        await sim.stop()


async def _stored(store: Store, account_id: int, kind: str) -> dict[str, object] | None:
    async with store.reading() as uow:
        snap = await uow.snapshots.get(account_id, kind)
    return snap.data if snap else None


async def test_asked_for_only_before_the_semester_ends(
    december: LibrusSimulator, sqlite_store: Store
) -> None:
    clock = ManualClock(DECEMBER)
    upstream, _ = upstream_for(december, sqlite_store, clock=clock)
    # the cadence a bot with the default configuration polls on
    syncer = AccountSyncer(sqlite_store, upstream, cadence=Cadence(cadence_policy(Settings())))
    account = december.accounts()[0]
    login = str(account["login"])
    student = december.edit.student(login)
    end = december.world.classes[student.class_id].end_first_semester
    account_id = await link_account(sqlite_store, upstream, login, str(account["password"]))
    try:
        async with sqlite_store.transaction() as uow:
            await uow.sync.poll_soon(account_id, DECEMBER)
        day = timedelta(days=1)
        outside = await poll_due_until(
            sqlite_store, syncer, december, clock, account_id, DECEMBER + day, endpoint=ENDPOINT
        )
        assert sum(outside.values()) == 0, outside
        assert await _stored(sqlite_store, account_id, K.BEHAVIOUR) is None
        # Ten days before the end: the teacher's grade is in Librus, and it is read.
        inside = datetime.combine(_weekday(end - timedelta(days=10)), time(7), WARSAW)
        clock.set(inside)
        december.clock.set(inside, frozen=True)
        async with sqlite_store.transaction() as uow:
            await uow.sync.poll_soon(account_id, inside)
        asked = await poll_due_until(
            sqlite_store, syncer, december, clock, account_id, inside + day, endpoint=ENDPOINT
        )
        # at the default cadence's 720 minutes: twice in the school day and once at
        # night, and the next morning's first poll can fall within the same 24 hours
        # (the jitter decides) - never on each of the day's 30-odd polls
        assert 1 <= sum(asked.values()) <= 4, asked
        items = P.behaviour_in(await _stored(sqlite_store, account_id, K.BEHAVIOUR))
        scale = 1 if student.id % 7 == 0 else 3 if student.id % 5 == 0 else 2
        assert behaviour_of(items, 1) == scale
        # A points school's entry beside it changes nothing: it has no classic grade.
        december.edit.add_behaviour_grade(login, scale=None, value=5, short_name="+5")
        await sync_once(sqlite_store, syncer, account_id, (K.BEHAVIOUR,), clock.now())
        fresh = P.behaviour_in(await _stored(sqlite_store, account_id, K.BEHAVIOUR))
        assert {b["shown"] for b in fresh if b["scale"] is None} == {"+5"}
        assert behaviour_of(fresh, 1) == scale
    finally:
        await upstream.close()


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return day
