"""An answer identical to the last one is not diffed or rewritten, and that shortcut
never hides news: a deletion still waits for its confirming fetch, and a new day
still brings timetable changes into view."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta

import pytest

from simulator.librus.editor import EditError
from simulator.librus.faults import FaultRule
from simulator.librus.server import LibrusSimulator
from storage.uow import Store
from sync import events as E
from sync import kinds as K
from sync.account_sync import AccountSyncer
from sync.upstream import Upstream
from tests.conftest import SIM_NOW
from tests.librus_helpers import link_account, sync_once, upstream_for


@pytest.fixture
async def upstream(librus: LibrusSimulator, sqlite_store: Store) -> AsyncIterator[Upstream]:
    instance, _ = upstream_for(librus, sqlite_store)
    try:
        yield instance
    finally:
        await instance.close()


async def linked(librus: LibrusSimulator, store: Store, upstream: Upstream) -> tuple[str, int]:
    account = next(a for a in librus.accounts() if not a["missing_modules"])
    login = str(account["login"])
    return login, await link_account(store, upstream, login, str(account["password"]))


async def test_the_same_answer_again_only_moves_the_snapshot_time(
    librus: LibrusSimulator, sqlite_store: Store, upstream: Upstream
) -> None:
    login, account_id = await linked(librus, sqlite_store, upstream)
    syncer = AccountSyncer(sqlite_store, upstream)
    await sync_once(sqlite_store, syncer, account_id, (K.GRADES,), SIM_NOW)
    async with sqlite_store.reading() as uow:
        first = await uow.snapshots.get(account_id, K.GRADES)
        state = (await uow.sync.kinds(account_id))[K.GRADES]
    assert first is not None and state.data_hash is not None
    later = SIM_NOW + timedelta(minutes=10)
    report = await sync_once(sqlite_store, syncer, account_id, (K.GRADES,), later)
    assert report.ok == [K.GRADES] and report.events == []
    async with sqlite_store.reading() as uow:
        second = await uow.snapshots.get(account_id, K.GRADES)
    assert second is not None
    assert second.data == first.data and second.fetched_at == later
    librus.edit.add_grade(login, value="3+")
    report = await sync_once(sqlite_store, syncer, account_id, (K.GRADES,), later + timedelta(1))
    assert [e.type for e in report.events] == [E.GRADE_NEW]


async def test_a_deletion_is_confirmed_even_when_the_answers_are_the_same(
    librus: LibrusSimulator, sqlite_store: Store, upstream: Upstream
) -> None:
    login, account_id = await linked(librus, sqlite_store, upstream)
    syncer = AccountSyncer(sqlite_store, upstream)
    await sync_once(sqlite_store, syncer, account_id, (K.GRADES,), SIM_NOW)
    grade = librus.edit.add_grade(login, value="2")
    step = timedelta(minutes=10)
    report = await sync_once(sqlite_store, syncer, account_id, (K.GRADES,), SIM_NOW + step)
    assert [e.type for e in report.events] == [E.GRADE_NEW]
    librus.edit.delete("grade", grade)
    # Missing once: not gone yet, and the next identical answer must still be diffed.
    report = await sync_once(sqlite_store, syncer, account_id, (K.GRADES,), SIM_NOW + 2 * step)
    assert report.events == []
    async with sqlite_store.reading() as uow:
        assert (await uow.sync.kinds(account_id))[K.GRADES].data_hash is None
    report = await sync_once(sqlite_store, syncer, account_id, (K.GRADES,), SIM_NOW + 3 * step)
    assert [e.type for e in report.events] == [E.GRADE_DELETED]


async def test_an_empty_descriptive_answer_carried_between_checks_deletes_nothing(
    librus: LibrusSimulator, sqlite_store: Store, upstream: Upstream
) -> None:
    """Descriptive grades are asked hourly and carried over from the snapshot between.
    One answer of them coming back empty must not turn the polls that carry that empty
    copy into the confirmations a deletion waits for."""
    student = next(
        s
        for s in librus.world.students.values()
        if any(g.student_id == s.id for g in librus.world.descriptive_grades.values())
    )
    account_id = await link_account(sqlite_store, upstream, student.login, student.password)
    syncer = AccountSyncer(sqlite_store, upstream)
    await sync_once(sqlite_store, syncer, account_id, (K.GRADES,), SIM_NOW)
    fault = librus.faults.add(FaultRule("empty_list", endpoint="DescriptiveGrades", count=1))
    step = timedelta(minutes=10)
    for n in range(1, 13):  # two hours: two hourly checks, the first of them cut empty
        report = await sync_once(sqlite_store, syncer, account_id, (K.GRADES,), SIM_NOW + n * step)
        assert report.ok == [K.GRADES] and report.events == [], n
    assert fault.fired == 1
    async with sqlite_store.reading() as uow:
        seen = await uow.seen.for_kind(account_id, K.GRADES)
        snapshot = await uow.snapshots.get(account_id, K.GRADES)
    described = [i for i, r in seen.items() if r.data.get("scale") == "descriptive"]
    assert described and all(seen[i].missing_fetches == 0 for i in described)
    assert snapshot is not None
    assert {i["id"] for i in snapshot.data["items"] if i.get("scale") == "descriptive"} == set(
        described
    )


async def test_a_new_day_brings_an_unchanged_timetable_change_into_view(
    librus: LibrusSimulator, sqlite_store: Store, upstream: Upstream
) -> None:
    """Wednesday: a lesson cancelled eight days ahead is fetched but not yet news.
    Thursday: the answer is the same, but the change is now within the week shown."""
    login, account_id = await linked(librus, sqlite_store, upstream)
    syncer = AccountSyncer(sqlite_store, upstream)
    wednesday = SIM_NOW
    assert wednesday.date() == date(2026, 11, 25)
    await sync_once(sqlite_store, syncer, account_id, (K.TIMETABLE,), wednesday)
    ahead = date(2026, 12, 3)
    for lesson in range(1, 8):
        try:
            librus.edit.add_plan_change(login, day=ahead, lesson_no=lesson, kind="cancelled")
            break
        except EditError:
            continue
    report = await sync_once(
        sqlite_store, syncer, account_id, (K.TIMETABLE,), wednesday + timedelta(hours=1)
    )
    assert report.events == []
    report = await sync_once(
        sqlite_store, syncer, account_id, (K.TIMETABLE,), wednesday + timedelta(hours=2)
    )
    assert report.events == []  # the same answer, the same day: skipped
    report = await sync_once(
        sqlite_store, syncer, account_id, (K.TIMETABLE,), wednesday + timedelta(days=1)
    )
    assert [e.type for e in report.events] == [E.TIMETABLE_CHANGE]
