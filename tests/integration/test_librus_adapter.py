"""sync.upstream against the simulator: sessions, secrets, error → account state, politeness."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from simulator.librus.faults import FaultRule
from simulator.librus.server import LibrusSimulator
from simulator.librus.world import Subject
from storage.uow import Store
from sync import kinds as K
from sync.account_sync import AccountSyncer
from sync.clock import ManualClock
from sync.errors import CaptchaRequired, InvalidCredentials
from tests.conftest import SIM_NOW
from tests.librus_helpers import library_for, link_account, sync_once, transport_for, upstream_for

NOW = SIM_NOW


def full_account(sim: LibrusSimulator) -> dict[str, object]:
    return next(a for a in sim.accounts() if not a["missing_modules"])


async def test_linking_checks_live_and_reads_the_child(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    upstream, _ = upstream_for(librus, sqlite_store)
    account = full_account(librus)
    try:
        check = await upstream.check_login(str(account["login"]), str(account["password"]))
        assert check.profile.student_name == account["student"]
        assert check.profile.class_name == account["class"]
        assert check.profile.register_number == account["register_number"]
        assert b"DeviceCookie" in check.session
        with pytest.raises(InvalidCredentials):
            await upstream.check_login(str(account["login"]), "not-the-password")
        librus.faults.add(FaultRule(mode="captcha", endpoint="login"))
        with pytest.raises(CaptchaRequired):
            await upstream.check_login(str(account["login"]), str(account["password"]))
    finally:
        await upstream.close()


async def test_restart_reuses_the_stored_session_without_the_password(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    account = full_account(librus)
    login = str(account["login"])
    upstream, access = upstream_for(librus, sqlite_store)
    account_id = await link_account(sqlite_store, upstream, login, str(account["password"]))
    logins_after_link = librus.counter(login).logins
    report = await sync_once(
        sqlite_store, AccountSyncer(sqlite_store, upstream), account_id, K.ALL_KINDS, NOW
    )
    assert report.status == "ok" and sorted(report.ok) == sorted(K.ALL_KINDS)
    await upstream.close()
    # A new process: the session comes back from storage, no password login.
    restarted, access2 = upstream_for(librus, sqlite_store)
    report = await sync_once(
        sqlite_store,
        AccountSyncer(sqlite_store, restarted),
        account_id,
        K.CORE_KINDS,
        NOW + timedelta(minutes=11),
    )
    await restarted.close()
    assert report.status == "ok"
    assert access.password_openings == 0 and access2.password_openings == 0
    assert librus.counter(login).logins == logins_after_link


async def test_lapsed_token_is_renewed_with_refresh_token(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    account = full_account(librus)
    login = str(account["login"])
    upstream, access = upstream_for(librus, sqlite_store)
    account_id = await link_account(sqlite_store, upstream, login, str(account["password"]))
    syncer = AccountSyncer(sqlite_store, upstream)
    await sync_once(sqlite_store, syncer, account_id, K.CORE_KINDS, NOW)
    librus.expire_tokens(login)
    logins = librus.counter(login).logins
    report = await sync_once(
        sqlite_store, syncer, account_id, K.CORE_KINDS, NOW + timedelta(minutes=20)
    )
    await upstream.close()
    assert report.status == "ok"
    assert librus.counter(login).refreshes == 1
    assert librus.counter(login).logins == logins
    assert access.password_openings == 0


async def test_password_is_opened_only_when_the_session_is_gone(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    account = full_account(librus)
    login = str(account["login"])
    upstream, access = upstream_for(librus, sqlite_store)
    account_id = await link_account(sqlite_store, upstream, login, str(account["password"]))
    syncer = AccountSyncer(sqlite_store, upstream)
    await sync_once(sqlite_store, syncer, account_id, K.CORE_KINDS, NOW)
    librus.kill_sessions(login)
    report = await sync_once(
        sqlite_store, syncer, account_id, K.CORE_KINDS, NOW + timedelta(minutes=20)
    )
    await upstream.close()
    assert report.status == "ok"
    assert access.password_openings == 1


@pytest.mark.parametrize(
    ("mode", "endpoint", "status", "kind", "kind_state"),
    [
        ("maintenance", "*", "unavailable", None, None),
        ("drop", "*", "unavailable", None, None),
        ("bad_gateway", "*", "unavailable", None, None),
        ("insufficient_scopes", "Notes", "ok", K.NOTES, "absent"),
        ("forbidden", "HomeWorkAssignments", "ok", K.HOMEWORK, "absent"),
        ("forbidden", "Timetables", "ok", K.TIMETABLE, "absent"),
        ("not_found", "LuckyNumbers", "ok", K.LUCKY_NUMBER, "absent"),
        ("malformed_json", "Grades", "ok", K.GRADES, "failed"),
        ("html_login", "SchoolNotices", "ok", K.ANNOUNCEMENTS, "failed"),
        ("server_error", "HomeWorks", "ok", K.AGENDA, "failed"),
        ("expired_session", "Grades", "ok", K.GRADES, "ok"),
        # Blocks are not missing modules: an HTML 403 anywhere, or a 403 on every kind.
        ("html_forbidden", "Notes", "unavailable", None, None),
        ("html_forbidden", "*", "unavailable", None, None),
        ("forbidden", "*", "unavailable", None, None),
        # Grades and attendance are never taken as absent from a 403 alone.
        ("forbidden", "Grades", "ok", K.GRADES, "failed"),
        ("forbidden", "Attendances", "ok", K.ATTENDANCE, "failed"),
    ],
)
async def test_error_modes_map_to_account_state(
    librus: LibrusSimulator,
    sqlite_store: Store,
    mode: str,
    endpoint: str,
    status: str,
    kind: str | None,
    kind_state: str | None,
) -> None:
    account = full_account(librus)
    login = str(account["login"])
    upstream, _ = upstream_for(librus, sqlite_store)
    account_id = await link_account(sqlite_store, upstream, login, str(account["password"]))
    syncer = AccountSyncer(sqlite_store, upstream)
    await sync_once(sqlite_store, syncer, account_id, K.ALL_KINDS, NOW)  # warm reference
    count = None if endpoint == "*" else 1
    librus.faults.add(FaultRule(mode=mode, endpoint=endpoint, login=login, count=count))
    later = NOW + timedelta(minutes=15)
    report = await sync_once(sqlite_store, syncer, account_id, K.ALL_KINDS, later)
    librus.faults.clear()
    await upstream.close()
    assert report.status == status
    async with sqlite_store.reading() as uow:
        state = await uow.sync.get(account_id)
        kinds = await uow.sync.kinds(account_id)
        account_row = await uow.accounts.get(account_id)
    assert state is not None and account_row is not None
    assert account_row.status == "active"
    if status == "unavailable":
        assert state.consecutive_failures == 1 and state.last_error_class == "unavailable"
        assert state.next_poll_at > later
        assert [k for k, s in kinds.items() if s.absent_until is not None] == []
        return
    assert state.consecutive_failures == 0
    if kind_state == "absent":
        assert kind in report.absent
        absent_until = kinds[kind].absent_until
        assert absent_until is not None and absent_until >= later + timedelta(hours=23)
    elif kind_state == "failed":
        assert kind in report.failed and kinds[kind].consecutive_failures == 1
        assert len(report.ok) == len(K.ALL_KINDS) - 1
    else:
        assert kind in report.ok


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("wrong_password", "invalid_credentials"),
        ("captcha", "captcha"),
        ("account_expired", "account_action"),
    ],
)
async def test_auth_problems_pause_the_account_once(
    librus: LibrusSimulator, sqlite_store: Store, mode: str, reason: str
) -> None:
    account = full_account(librus)
    login = str(account["login"])
    upstream, access = upstream_for(librus, sqlite_store)
    account_id = await link_account(sqlite_store, upstream, login, str(account["password"]))
    librus.kill_sessions(login)
    librus.faults.add(FaultRule(mode=mode, endpoint="login", login=login, count=None))
    syncer = AccountSyncer(sqlite_store, upstream)
    report = await sync_once(sqlite_store, syncer, account_id, K.CORE_KINDS, NOW)
    assert report.status == "paused" and report.error == reason and report.newly_paused
    attempts = librus.counter(login).login_attempts
    # Paused: never claimed again, so never retried, until the owner acts.
    async with sqlite_store.transaction() as uow:
        assert (
            await uow.sync.claim_due(
                "w", NOW + timedelta(days=2), limit=10, lease=timedelta(minutes=5)
            )
            == []
        )
        account_row = await uow.accounts.get(account_id)
    assert account_row is not None and account_row.pause_reason == reason
    skipped = await syncer.run(account_id, "w", K.CORE_KINDS, now=NOW)
    await upstream.close()
    assert skipped.status == "skipped"
    assert librus.counter(login).login_attempts == attempts
    assert access.password_openings == 1


@pytest.mark.parametrize(
    "mode", ["server_error", "bad_gateway", "maintenance", "drop", "malformed_json", "html_login"]
)
async def test_a_failing_login_form_is_not_a_wrong_password(
    librus: LibrusSimulator, sqlite_store: Store, mode: str
) -> None:
    """A 500 (or any answer that is not Librus's refusal) while logging in leaves the
    account active, and the very next poll logs in: the failure is not remembered."""
    account = full_account(librus)
    login = str(account["login"])
    upstream, _ = upstream_for(librus, sqlite_store)
    account_id = await link_account(sqlite_store, upstream, login, str(account["password"]))
    librus.kill_sessions(login)
    librus.faults.add(FaultRule(mode=mode, endpoint="login", login=login, count=1))
    syncer = AccountSyncer(sqlite_store, upstream)
    first = await sync_once(sqlite_store, syncer, account_id, K.CORE_KINDS, NOW)
    assert first.status in ("ok", "unavailable") and not first.newly_paused
    second = await sync_once(sqlite_store, syncer, account_id, K.CORE_KINDS, NOW)
    await upstream.close()
    assert second.status == "ok" and second.failed == [], second
    async with sqlite_store.reading() as uow:
        row = await uow.accounts.get(account_id)
    assert row is not None and row.status == "active"


async def test_two_accounts_on_one_transport_keep_their_own_data(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    accounts = [a for a in librus.accounts() if not a["missing_modules"]][:2]
    upstream, _ = upstream_for(librus, sqlite_store)
    ids = [
        await link_account(sqlite_store, upstream, str(a["login"]), str(a["password"]), 1000 + n)
        for n, a in enumerate(accounts)
    ]
    syncer = AccountSyncer(sqlite_store, upstream)
    await asyncio.gather(*(sync_once(sqlite_store, syncer, i, K.CORE_KINDS, NOW) for i in ids))
    await upstream.close()
    for account_id, account in zip(ids, accounts, strict=True):
        student = librus.world.student_by_login(str(account["login"]))
        assert student is not None
        expected = {
            str(g.id)
            for g in librus.world.grades.values()
            if g.student_id == student.id and g.visible_from <= NOW
        }
        async with sqlite_store.reading() as uow:
            snap = await uow.snapshots.get(account_id, K.GRADES)
            reference = await uow.snapshots.get(account_id, K.REFERENCE)
        assert snap is not None and reference is not None
        got = {g["id"] for g in snap.data["items"] if g["scale"] == "standard"}
        assert got == expected
        assert reference.data["student"]["name"] == account["student"]


async def test_unknown_id_refetches_its_lookup_once(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    account = full_account(librus)
    login = str(account["login"])
    upstream, _ = upstream_for(librus, sqlite_store)
    account_id = await link_account(sqlite_store, upstream, login, str(account["password"]))
    syncer = AccountSyncer(sqlite_store, upstream)
    await sync_once(sqlite_store, syncer, account_id, K.CORE_KINDS, NOW)
    student = librus.world.student_by_login(login)
    assert student is not None
    school_id = librus.world.classes[student.class_id].school_id
    subject = Subject(librus.world.new_id(), "Edukacja dla bezpieczeństwa", "edb", 99, school_id)
    librus.world.subjects[subject.id] = subject
    grade_id = librus.edit.add_grade(login, value="4", subject=subject.id)
    librus.reset_counters()
    await sync_once(sqlite_store, syncer, account_id, K.CORE_KINDS, NOW + timedelta(minutes=11))
    await upstream.close()
    assert librus.requests_for(login)["Subjects"] == 1
    assert librus.requests_for(login)["Teachers"] == 0
    async with sqlite_store.reading() as uow:
        snap = await uow.snapshots.get(account_id, K.GRADES)
    assert snap is not None
    grade = next(g for g in snap.data["items"] if g["id"] == str(grade_id))
    assert grade["subject"] == "Edukacja dla bezpieczeństwa"


async def test_poll_is_no_costlier_than_fetch_changes_and_has_no_side_effects(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    upstream, _ = upstream_for(librus, sqlite_store)
    transport = transport_for(librus)
    syncer = AccountSyncer(sqlite_store, upstream)
    ours_total = theirs_total = 0
    try:
        for n, account in enumerate(librus.accounts()):
            login, password = str(account["login"]), str(account["password"])
            # librus-synergia's own change poll, reference data cached, warm session.
            lib, session = library_for(transport, login, password, cache_reference_data=True)
            await lib.fetch_changes()
            librus.reset_counters()
            await lib.fetch_changes()
            theirs = sum(librus.requests_for(login).values())
            await session.close()
            # Ours: every kind fetch_changes() covers, reference data cached, warm session.
            account_id = await link_account(sqlite_store, upstream, login, password, 2000 + n)
            await sync_once(sqlite_store, syncer, account_id, K.CORE_KINDS, NOW)
            librus.reset_counters()
            report = await sync_once(
                sqlite_store, syncer, account_id, K.CORE_KINDS, NOW + timedelta(minutes=11)
            )
            ours = sum(librus.requests_for(login).values())
            assert report.status == "ok"
            assert ours <= theirs, (login, sorted(librus.requests_for(login).items()))
            ours_total += ours
            theirs_total += theirs
    finally:
        await upstream.close()
        await transport.close()
    assert librus.side_effects() == []
    print(
        f"\npoliteness: {ours_total} requests for our polls vs {theirs_total} for "
        f"fetch_changes() over {len(librus.accounts())} accounts"
    )


async def test_opening_a_message_is_the_only_side_effect(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    account = full_account(librus)
    login = str(account["login"])
    upstream, _ = upstream_for(librus, sqlite_store)
    account_id = await link_account(sqlite_store, upstream, login, str(account["password"]))
    syncer = AccountSyncer(sqlite_store, upstream)
    await sync_once(sqlite_store, syncer, account_id, K.ALL_KINDS, NOW)
    assert librus.side_effects(login) == []
    async with sqlite_store.reading() as uow:
        snap = await uow.snapshots.get(account_id, K.MESSAGES)
    assert snap is not None
    unread = next(m for m in snap.data["items"] if not m["read"])
    body = await upstream.open_message(account_id, login, unread["id"])
    await upstream.close()
    assert body.content and body.topic == unread["topic"]
    assert [e["kind"] for e in librus.side_effects(login)] == ["message_opened"]


async def test_reference_is_checked_daily_and_read_whole_weekly(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    """The daily check asks for free days, the class and the flags, not every lookup;
    a week on, every lookup is asked for again."""
    upstream, _ = upstream_for(librus, sqlite_store)
    syncer = AccountSyncer(sqlite_store, upstream)
    account = full_account(librus)
    login = str(account["login"])
    try:
        account_id = await link_account(sqlite_store, upstream, login, str(account["password"]))
        await sync_once(sqlite_store, syncer, account_id, (K.GRADES,), NOW)
        asked = librus.requests_for(login)
        assert asked["Subjects"] >= 1 and asked["Classes"] >= 1
        librus.reset_counters()
        await sync_once(sqlite_store, syncer, account_id, (K.GRADES,), NOW + timedelta(hours=2))
        assert "Subjects" not in librus.requests_for(login)
        assert "Classes" not in librus.requests_for(login)  # fresh: nothing asked
        librus.reset_counters()
        await sync_once(sqlite_store, syncer, account_id, (K.GRADES,), NOW + timedelta(hours=25))
        daily = librus.requests_for(login)
        assert daily["SchoolFreeDays"] == 1 and daily["Units"] == 1
        assert not {"Subjects", "Users", "Me", "Lessons"} & set(daily), sorted(daily.items())
        librus.reset_counters()
        await sync_once(sqlite_store, syncer, account_id, (K.GRADES,), NOW + timedelta(days=8))
        assert librus.requests_for(login)["Subjects"] == 1
        async with sqlite_store.reading() as uow:
            reference = await uow.snapshots.get(account_id, K.REFERENCE)
        assert reference is not None and reference.data["subjects"]
        assert reference.data["full_at"].startswith((NOW + timedelta(days=8)).date().isoformat())
    finally:
        await upstream.close()


async def test_reference_work_waits_for_a_school_day(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    """The weekend's request budget is the tighter one: a reference check that falls
    due on Saturday is made on Monday."""
    upstream, _ = upstream_for(librus, sqlite_store)
    syncer = AccountSyncer(sqlite_store, upstream)
    account = full_account(librus)
    login = str(account["login"])
    try:
        account_id = await link_account(sqlite_store, upstream, login, str(account["password"]))
        friday = NOW + timedelta(days=2)  # SIM_NOW is a Wednesday
        await sync_once(sqlite_store, syncer, account_id, (K.GRADES,), friday)
        librus.reset_counters()
        await sync_once(sqlite_store, syncer, account_id, (K.GRADES,), friday + timedelta(days=1))
        assert "SchoolFreeDays" not in librus.requests_for(login)
        librus.reset_counters()
        await sync_once(sqlite_store, syncer, account_id, (K.GRADES,), friday + timedelta(days=3))
        assert librus.requests_for(login)["SchoolFreeDays"] == 1
    finally:
        await upstream.close()


async def _messages_polls(
    librus: LibrusSimulator, sqlite_store: Store, renew_after: timedelta | None, minutes: range
) -> list[tuple[int, int, int]]:
    """Messages polled at these minutes past NOW, the simulator's clock moved along:
    per poll, the lists answered, the lists refused (an expired session has no login,
    so the simulator counts it under "?") and the Wiadomości bootstraps."""
    clock = ManualClock(NOW)
    upstream, _ = upstream_for(librus, sqlite_store, clock=clock, messages_renew_after=renew_after)
    syncer = AccountSyncer(sqlite_store, upstream)
    account = full_account(librus)
    login = str(account["login"])
    seen: list[tuple[int, int, int]] = []
    try:
        account_id = await link_account(sqlite_store, upstream, login, str(account["password"]))
        for minute in minutes:
            at = NOW + timedelta(minutes=minute)
            clock.set(at)
            librus.clock.set(at, frozen=True)
            librus.reset_counters()
            report = await sync_once(sqlite_store, syncer, account_id, (K.MESSAGES,), at)
            assert report.status == "ok" and report.outcome is not None
            assert report.outcome.ok(K.MESSAGES), report.outcome.results
            mine, refused = librus.requests_for(login), librus.requests_for("?")
            seen.append(
                (
                    mine["messages/inbox/messages"],
                    refused["messages/inbox/messages"],
                    mine["wiadomosci3"],
                )
            )
    finally:
        await upstream.close()
    return seen


async def test_messages_session_is_set_up_again_before_it_lapses(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    """The Wiadomości session lives an hour here. Polled every 10 minutes for two
    hours, a session 50 minutes old is renewed before the list: no list is refused.
    Without the renewal the list is refused once an hour, for nothing."""
    minutes = range(0, 130, 10)
    renewed = await _messages_polls(librus, sqlite_store, timedelta(minutes=50), minutes)
    assert [refused for _, refused, _ in renewed] == [0] * len(minutes), renewed
    assert all(answered == 1 for answered, _, _ in renewed), renewed
    assert [at for at, (_, _, boot) in zip(minutes, renewed, strict=True) if boot] == [0, 50, 100]

    lapsing = await _messages_polls(librus, sqlite_store, None, minutes)
    assert sum(refused for _, refused, _ in lapsing) == 2, lapsing  # at 60 and at 120
    assert sum(boot for _, _, boot in lapsing) == 3


async def test_a_messages_session_that_dies_early_is_still_caught_by_the_refusal(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    """Librus may end the session sooner than the renewal expects: the refused list
    sets it up again within the same poll, and the messages arrive."""
    librus.messages_session_lifetime = timedelta(minutes=25)
    seen = await _messages_polls(librus, sqlite_store, timedelta(minutes=50), range(0, 70, 10))
    assert [refused for _, refused, _ in seen] == [0, 0, 0, 1, 0, 0, 1], seen
    assert all(answered == 1 for answered, _, _ in seen), seen


async def test_a_rebuilt_client_takes_up_the_stored_messages_session(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    """A poller drops clients beyond its cache and rebuilds them from the stored
    session. The Wiadomości session is stored too (sealed with the rest), so a rebuilt
    client lists messages without setting up a new one; once it is old, it is renewed
    as ever."""
    clock = ManualClock(NOW)
    first, _ = upstream_for(librus, sqlite_store, clock=clock)
    account = full_account(librus)
    login = str(account["login"])
    account_id = await link_account(sqlite_store, first, login, str(account["password"]))
    try:
        await sync_once(
            sqlite_store, AccountSyncer(sqlite_store, first), account_id, (K.MESSAGES,), NOW
        )
        assert librus.requests_for(login)["wiadomosci3"] == 1
    finally:
        await first.close()
    async with sqlite_store.reading() as uow:
        stored = await uow.accounts.load_session(account_id)
    assert stored is not None and b'"messages"' in stored

    for minutes, bootstraps in ((20, 0), (55, 1)):
        at = NOW + timedelta(minutes=minutes)
        clock.set(at)
        librus.clock.set(at, frozen=True)
        librus.reset_counters()
        rebuilt, _ = upstream_for(librus, sqlite_store, clock=clock)
        try:
            report = await sync_once(
                sqlite_store, AccountSyncer(sqlite_store, rebuilt), account_id, (K.MESSAGES,), at
            )
        finally:
            await rebuilt.close()
        assert report.outcome is not None and report.outcome.ok(K.MESSAGES)
        assert librus.requests_for(login)["wiadomosci3"] == bootstraps, minutes
        assert librus.requests_for("?")["messages/inbox/messages"] == 0  # none refused


async def test_modules_the_school_lacks_refused_again_are_no_block(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    """A school without notes, the lucky number and teacher absences: their daily
    recheck is all three refused at once, which is what they were, not a block."""
    account = full_account(librus)
    login = str(account["login"])
    upstream, _ = upstream_for(librus, sqlite_store)
    account_id = await link_account(sqlite_store, upstream, login, str(account["password"]))
    syncer = AccountSyncer(sqlite_store, upstream)
    for endpoint in ("Notes", "LuckyNumbers", "*TeacherFreeDays"):
        librus.faults.add(FaultRule(mode="forbidden", endpoint=endpoint, login=login, count=None))
    lacking = (K.NOTES, K.LUCKY_NUMBER, K.TEACHER_ABSENCES)
    first = await sync_once(sqlite_store, syncer, account_id, K.ALL_KINDS, NOW)
    assert sorted(first.absent) == sorted(lacking)
    recheck = await sync_once(sqlite_store, syncer, account_id, lacking, NOW + timedelta(days=1))
    # Refused again: no outage (a block would be one, and evidence for the breaker).
    assert recheck.status == "ok" and sorted(recheck.absent) == sorted(lacking)
    # The same three refused when they were given before is a block.
    librus.faults.clear()
    await sync_once(sqlite_store, syncer, account_id, K.ALL_KINDS, NOW + timedelta(days=3))
    for endpoint in ("Notes", "LuckyNumbers", "*TeacherFreeDays"):
        librus.faults.add(FaultRule(mode="forbidden", endpoint=endpoint, login=login, count=None))
    blocked = await sync_once(sqlite_store, syncer, account_id, lacking, NOW + timedelta(days=4))
    await upstream.close()
    assert blocked.status == "unavailable" and not blocked.absent
