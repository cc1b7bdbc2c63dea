"""Librus refusing this server: a block is an outage, and many refusals at once stop
the whole process (circuit breaker) until a trial poll goes through."""

from __future__ import annotations

from datetime import timedelta

import pytest

from simulator.librus.server import LibrusSimulator
from storage.uow import Store
from sync import kinds as K
from sync.account_sync import AccountSyncer
from sync.clock import ManualClock
from sync.errors import UpstreamUnavailable
from sync.upstream import Upstream
from tests.conftest import SIM_NOW
from tests.figures import record_figure
from tests.librus_helpers import link_account, sync_once, upstream_for


def _open(upstream: Upstream) -> bool:
    return upstream.breaker.open_until is not None


def _attempts(sim: LibrusSimulator, logins: list[str]) -> int:
    return sum(sim.counter(login).login_attempts for login in logins)


@pytest.mark.parametrize("answer", ["captcha", "html_403"])
async def test_the_breaker_trips_holds_and_recovers(
    librus: LibrusSimulator, sqlite_store: Store, answer: str
) -> None:
    clock = ManualClock(SIM_NOW)
    upstream, _ = upstream_for(librus, sqlite_store, clock=clock)
    syncer = AccountSyncer(sqlite_store, upstream)
    accounts = librus.accounts()
    logins = [str(a["login"]) for a in accounts]
    ids = [
        await link_account(sqlite_store, upstream, str(a["login"]), str(a["password"]), 1001 + n)
        for n, a in enumerate(accounts)
    ]
    try:
        # Every session ends; the address has used up its password logins for the hour.
        for login in logins:
            librus.kill_sessions(login)
        librus.guard.configure({"logins_per_hour": len(logins), "answer": answer})
        statuses = []
        now = SIM_NOW + timedelta(minutes=5)
        clock.set(now)
        for account_id in ids:
            report = await sync_once(sqlite_store, syncer, account_id, K.CORE_KINDS, now)
            statuses.append(report.status)
        assert _open(upstream)
        tripped_after = upstream.breaker.policy.accounts
        attempts_at_trip = _attempts(librus, logins)
        # While open: more polls, a parent's check, nothing reaches Librus.
        for account_id in ids[tripped_after:]:
            report = await sync_once(sqlite_store, syncer, account_id, K.CORE_KINDS, now)
            assert report.status in ("unavailable", "skipped")
        with pytest.raises(UpstreamUnavailable) as caught:
            await upstream.check_login(logins[-1], str(accounts[-1]["password"]))
        assert caught.value.blocked
        while_open = _attempts(librus, logins) - attempts_at_trip
        assert while_open == 0
        # The address's hour passes and the cool-off ends: a trial poll closes it.
        librus.guard.configure({"logins_per_hour": None})
        clock.set(now + timedelta(minutes=61))
        last = ids[-1]
        report = await sync_once(sqlite_store, syncer, last, K.CORE_KINDS, clock.now())
        assert report.status == "ok"
        assert not _open(upstream)
        record_figure(
            f"circuit breaker ({answer})",
            accounts=len(ids),
            refused_before_trip=statuses[:tripped_after].count("paused")
            + statuses[:tripped_after].count("unavailable"),
            logins_while_open=while_open,
            recovered=report.status == "ok",
        )
    finally:
        await upstream.close()


async def test_a_block_marks_no_kind_absent_and_says_blocked(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    upstream, _ = upstream_for(librus, sqlite_store)
    syncer = AccountSyncer(sqlite_store, upstream)
    account = next(a for a in librus.accounts() if not a["missing_modules"])
    account_id = await link_account(
        sqlite_store, upstream, str(account["login"]), str(account["password"])
    )
    try:
        await sync_once(sqlite_store, syncer, account_id, K.ALL_KINDS, SIM_NOW)
        librus.guard.configure({"requests_per_hour": 1})
        later = SIM_NOW + timedelta(minutes=15)
        report = await sync_once(sqlite_store, syncer, account_id, K.ALL_KINDS, later)
        assert report.status == "unavailable"
        async with sqlite_store.reading() as uow:
            kinds = await uow.sync.kinds(account_id)
        assert [k for k, s in kinds.items() if s.absent_until is not None] == []
    finally:
        await upstream.close()


async def test_password_logins_beyond_the_hours_budget_wait_for_a_slot(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    clock = ManualClock(SIM_NOW)
    upstream, _ = upstream_for(librus, sqlite_store, clock=clock)
    upstream.login_budget.per_hour = 2
    syncer = AccountSyncer(sqlite_store, upstream)
    accounts = librus.accounts()[:4]
    ids = [
        await link_account(sqlite_store, upstream, str(a["login"]), str(a["password"]), 1001 + n)
        for n, a in enumerate(accounts)
    ]
    try:
        for account in accounts:
            librus.kill_sessions(str(account["login"]))
        later = SIM_NOW + timedelta(hours=1, minutes=5)  # the linking checks' hour is over
        clock.set(later)
        reports = [await sync_once(sqlite_store, syncer, i, K.CORE_KINDS, later) for i in ids]
        assert [r.status for r in reports] == ["ok", "ok", "unavailable", "unavailable"]
        assert all(r.next_poll_at is not None for r in reports[2:])
        waits = [r.next_poll_at - later for r in reports[2:] if r.next_poll_at is not None]
        assert all(timedelta(minutes=55) <= w <= timedelta(minutes=66) for w in waits), waits
        logins = sum(librus.counter(str(a["login"])).login_attempts for a in accounts)
        assert logins == 4 + 2  # the linking checks, then the two the budget allowed
        clock.set(later + timedelta(hours=1))
        for account_id in ids[2:]:
            report = await sync_once(sqlite_store, syncer, account_id, K.CORE_KINDS, clock.now())
            assert report.status == "ok"
        record_figure(
            "password-login budget", budget_per_hour=2, polls=4, deferred=2, deferred_by_minutes=60
        )
    finally:
        await upstream.close()
