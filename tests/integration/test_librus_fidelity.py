"""The unmodified librus-synergia library against the simulator, over TLS.

Every generated account logs in and `fetch_all()` / `fetch_changes()` complete with no
failed section, except the sections a school's missing module explains. Each error mode
raises the library's matching exception.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from librus_synergia import (
    LibrusCaptchaRequiredError,
    LibrusConnectionError,
    LibrusInvalidCredentialsError,
    LibrusServerMaintenanceError,
    LibrusSessionExpiredError,
    LibrusUnexpectedResponseError,
)

from simulator.librus.clock import SimClock
from simulator.librus.faults import FaultRule
from simulator.librus.server import LibrusSimulator
from tests.conftest import SIM_NOW
from tests.librus_helpers import library_for, transport_for

# Sections librus-synergia reports as failed when a school lacks a module.
EXPLAINED = {
    "messages": {"messages", "unread_messages_by_mailbox"},
    "lucky_number": {"lucky_number"},
    "timetable": set(),  # a 403 makes the library look for a kindergarten, then return {}
}


@pytest.fixture
async def big_librus() -> AsyncIterator[LibrusSimulator]:
    """Twelve accounts in three schools, two of them missing modules."""
    sim = LibrusSimulator(seed=77, students=12, clock=SimClock(SIM_NOW, frozen=True))
    await sim.start()
    try:
        yield sim
    finally:
        await sim.stop()


async def test_fetch_all_and_fetch_changes_for_every_account(big_librus: LibrusSimulator) -> None:
    transport = transport_for(big_librus)
    accounts = big_librus.accounts()
    assert len(accounts) == 12
    assert any(a["missing_modules"] for a in accounts), "the world should lack some modules"
    checked_full = 0
    try:
        for account in accounts:
            lib, session = library_for(transport, account["login"], account["password"])
            try:
                everything = await lib.fetch_all()
                changes = await lib.fetch_changes()
            finally:
                await session.close()
            allowed = set().union(*(EXPLAINED[m] for m in account["missing_modules"]))
            assert everything.failed_sections <= allowed, (
                account["login"],
                everything.failed_sections,
            )
            assert changes.failed_sections <= allowed, (account["login"], changes.failed_sections)
            assert everything.me.display_name == account["student"]
            assert everything.grades and everything.attendances and everything.subjects
            if "timetable" not in account["missing_modules"]:
                assert len(everything.timetable) == 14
            if not account["missing_modules"]:
                assert everything.failed_sections == set()
                assert everything.messages and everything.lucky_number is not None
                checked_full += 1
    finally:
        await transport.close()
    assert checked_full >= 4
    assert big_librus.side_effects() == []


async def _lib(sim: LibrusSimulator, **kwargs: object):  # type: ignore[no-untyped-def]
    account = sim.accounts()[0]
    transport = transport_for(sim)
    lib, session = library_for(transport, account["login"], account["password"], **kwargs)
    return account["login"], lib, session, transport


@pytest.mark.parametrize(
    ("mode", "endpoint", "expected", "status"),
    [
        ("wrong_password", "login", LibrusInvalidCredentialsError, None),
        ("account_expired", "login", LibrusInvalidCredentialsError, None),
        ("captcha", "login", LibrusCaptchaRequiredError, None),
        ("maintenance", "Grades", LibrusServerMaintenanceError, 503),
        ("expired_session", "Grades", LibrusSessionExpiredError, 401),
        ("insufficient_scopes", "Grades", LibrusUnexpectedResponseError, 401),
        ("forbidden", "Grades", LibrusSessionExpiredError, 403),
        ("not_found", "Grades", LibrusUnexpectedResponseError, 404),
        ("server_error", "Grades", LibrusUnexpectedResponseError, 500),
        ("bad_gateway", "Grades", LibrusConnectionError, 502),
        ("rate_limited", "Grades", LibrusConnectionError, 429),
        ("drop", "Grades", LibrusConnectionError, None),
        ("malformed_json", "Grades", LibrusUnexpectedResponseError, None),
        ("html_login", "Grades", LibrusUnexpectedResponseError, None),
    ],
)
async def test_each_error_mode_raises_the_library_exception(
    librus: LibrusSimulator, mode: str, endpoint: str, expected: type[Exception], status: int | None
) -> None:
    login, lib, session, transport = await _lib(librus)
    try:
        if endpoint != "login":
            await lib.login()
        # aiohttp retries a request once when a kept-alive connection drops: drop both.
        count = 2 if mode == "drop" else 1
        librus.faults.add(FaultRule(mode=mode, endpoint=endpoint, login=login, count=count))
        with pytest.raises(expected) as caught:
            if endpoint == "login":
                await lib.login()
            else:
                await lib.client.async_get_grades()
        if status is not None:
            assert getattr(caught.value, "status_code", None) == status
    finally:
        await session.close()
        await transport.close()


async def test_slow_answer_times_out_as_a_connection_error(librus: LibrusSimulator) -> None:
    import aiohttp

    login, lib, session, transport = await _lib(
        librus, request_timeout=aiohttp.ClientTimeout(total=0.3)
    )
    try:
        await lib.login()
        librus.faults.add(FaultRule(mode="slow", endpoint="Grades", login=login, delay=1.0))
        with pytest.raises(LibrusConnectionError):
            await lib.client.async_get_grades()
    finally:
        await session.close()
        await transport.close()


async def test_expired_session_is_renewed_by_the_library(librus: LibrusSimulator) -> None:
    login, lib, session, transport = await _lib(librus)
    try:
        await lib.login()
        librus.faults.add(FaultRule(mode="expired_session", endpoint="Grades", login=login))
        grades = await lib.grades()
        assert grades
        assert librus.counter(login).logins == 2  # one more login, then the retry worked
    finally:
        await session.close()
        await transport.close()


async def test_repeated_wrong_passwords_bring_a_captcha(librus: LibrusSimulator) -> None:
    account = librus.accounts()[0]
    transport = transport_for(librus)
    try:
        for _ in range(3):
            lib, session = library_for(transport, account["login"], "wrong-password")
            with pytest.raises(LibrusInvalidCredentialsError):
                await lib.login()
            await session.close()
        lib, session = library_for(transport, account["login"], account["password"])
        with pytest.raises(LibrusCaptchaRequiredError):
            await lib.login()
        await session.close()
        librus.clear_captcha(account["login"])
        lib, session = library_for(transport, account["login"], account["password"])
        await lib.login()
        await session.close()
    finally:
        await transport.close()


async def test_message_body_is_read_on_open_and_counted(librus: LibrusSimulator) -> None:
    login, lib, session, transport = await _lib(librus)
    try:
        messages = await lib.messages()
        unread = [m for m in messages if m.read_date is None]
        assert unread, "the generated inbox should hold an unread message"
        assert librus.side_effects(login) == []
        body = await lib.message(unread[0].id)
        assert body is not None and body.content
        again = {m.id: m for m in await lib.messages()}
        assert again[unread[0].id].read_date is not None
        effects = librus.side_effects(login)
        assert [e["kind"] for e in effects] == ["message_opened"]
    finally:
        await session.close()
        await transport.close()


async def test_a_kindergarten_account_is_read_by_the_library_as_a_kindergarten(
    librus: LibrusSimulator,
) -> None:
    """The kindergarten service as the library reads it: the child found by its
    search, blocks without numbers named by activity, a split substitution as two
    replacements of one block, and only the modules a kindergarten lacks failed."""
    (login,) = librus.edit.add_kindergarten(1)
    account = next(a for a in librus.accounts() if a["login"] == login)
    student = librus.world.student_by_login(login)
    assert student is not None
    day = librus.clock.today() + timedelta(days=1)
    while not librus.world.is_school_day(
        librus.world.class_of(student).school_id, student.class_id, day
    ):
        day += timedelta(days=1)
    librus.edit.add_plan_change(login, day=day, lesson_no=4, kind="split")
    transport = transport_for(librus)
    lib, session = library_for(transport, login, account["password"])
    try:
        everything = await lib.fetch_all()
        refused = librus.requests_for(login)["Timetables"]  # the 403s that began the search
        week = await lib.timetable(day)
    finally:
        await session.close()
        await transport.close()
    assert everything.failed_sections <= {
        "grades",
        "attendances",
        "homework_assignments",
        "notes",
        "lucky_number",
        "lesson_topics",
    }, everything.failed_sections
    assert everything.school_class is not None
    assert everything.school_class.display_name == account["class"]
    blocks = week[day]
    assert blocks and all(b.lesson_no is None for b in blocks)
    names = {everything.subjects.get(b.subject_id or "") for b in blocks}
    assert "Zajęcia dydaktyczne" in names and None not in names
    replacements = [b for b in blocks if b.is_substitution]
    assert [(b.hour_from, b.hour_to) for b in replacements] == [
        ("10:30", "11:30"),
        ("11:30", "13:00"),
    ]
    assert {b.original.hour_from for b in replacements if b.original} == {"10:30"}
    assert len({b.teacher_id for b in replacements}) == 2
    assert librus.requests_for(login)["Timetables"] == refused  # found: not asked again
