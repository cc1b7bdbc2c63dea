"""The calendar feed over HTTP, from the simulator through polling to two real
iCalendar parsers (icalendar, and vobject as a second calendar client's): a moved
test keeps its UID with a new DTSTART and a higher SEQUENCE, a deleted one vanishes,
an unchanged feed answers 304, a revoked or unknown link 404, a child out of scope
leaves the feed, requests are limited, and the token never reaches a log."""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import aiohttp
import icalendar
import pytest
import vobject
from multidict import CIMultiDict

from bot.config import CalendarConfig
from bot.render.calendar import feed_url
from dzwonek.calendar_server import CalendarServer
from simulator.librus.clock import SimClock
from simulator.librus.server import LibrusSimulator
from storage.uow import Store
from sync import kinds as K
from sync.account_sync import AccountSyncer
from sync.clock import ManualClock
from tests.librus_helpers import link_account, sync_once, upstream_for

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # a Wednesday
PARENT = 1001
GROUP = -100777
FEED_KINDS = (K.AGENDA, K.HOMEWORK, K.TIMETABLE)


@pytest.fixture
async def school() -> AsyncIterator[LibrusSimulator]:
    sim = LibrusSimulator(seed=2026, students=2, clock=SimClock(NOW, frozen=True))
    await sim.start()
    try:
        yield sim
    finally:
        await sim.stop()


class Feeds:
    """A calendar server on a free port and a way to fetch a link."""

    def __init__(self, server: CalendarServer, session: aiohttp.ClientSession) -> None:
        self.server = server
        self.session = session

    def url(self, token: str) -> str:
        return feed_url(f"http://127.0.0.1:{self.server.port}", token)

    async def get(self, token: str, **headers: str) -> tuple[int, CIMultiDict[str], bytes]:
        async with self.session.get(self.url(token), headers=headers) as response:
            return response.status, CIMultiDict(response.headers), await response.read()


async def _feeds(store: Store, clock: ManualClock, per_hour: int = 60) -> Feeds:
    config = CalendarConfig(
        enabled=True, port=0, public_url="http://127.0.0.1", requests_per_hour=per_hour
    )
    server = CalendarServer(store, clock, config)
    await server.start()
    return Feeds(server, aiohttp.ClientSession())


async def _close(feeds: Feeds) -> None:
    await feeds.session.close()
    await feeds.server.stop()


def _events(body: bytes) -> dict[str, Any]:
    """UID → the event, parsed by icalendar; vobject must read the same UIDs."""
    parsed = icalendar.Calendar.from_ical(body)
    events = {str(e["UID"]): e for e in parsed.walk("VEVENT")}
    other = vobject.readOne(body.decode("utf-8"))
    assert {str(e.uid.value) for e in getattr(other, "vevent_list", [])} == set(events)
    assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == ["Europe/Warsaw"]
    return events


async def _make(store: Store, chat_id: int, account_id: int | None, **options: bool) -> str:
    token = secrets.token_urlsafe(16)
    async with store.transaction() as uow:
        await uow.calendar.create(
            token,
            chat_id,
            account_id,
            NOW,
            homework=options.get("homework", False),
            changes=options.get("changes", True),
        )
    return token


async def test_a_moved_test_moves_and_a_deleted_one_vanishes(
    school: LibrusSimulator, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    clock = ManualClock(NOW)
    upstream, _ = upstream_for(school, store, clock=clock)
    syncer = AccountSyncer(store, upstream)
    account = school.accounts()[0]
    login = str(account["login"])
    account_id = await link_account(store, upstream, login, str(account["password"]), PARENT)
    test_day = date(2026, 12, 9)
    test_id = school.edit.add_agenda(
        login, content="Ułamki zwykłe", day=test_day, category="sprawdzian"
    )
    trip_id = school.edit.add_agenda(
        login, content="Wyjście do teatru", day=date(2026, 12, 11), category="wycieczka"
    )
    feeds = await _feeds(store, clock)
    try:
        await sync_once(store, syncer, account_id, FEED_KINDS, NOW)
        token = await _make(store, PARENT, account_id)
        status, headers, body = await feeds.get(token)
        assert status == 200
        assert headers["Content-Type"].startswith("text/calendar")
        events = _events(body)
        uid = f"agenda-{test_id}-{account_id}@dzwonek"
        trip = f"agenda-{trip_id}-{account_id}@dzwonek"
        assert uid in events and trip in events
        assert events[uid].decoded("DTSTART") == test_day
        assert int(events[uid]["SEQUENCE"]) == 0
        assert "Sprawdzian" in str(events[uid]["SUMMARY"])
        assert "Ułamki zwykłe" in str(events[uid]["DESCRIPTION"])
        # nothing changed: the calendar's conditional request is answered 304, twice
        etag = headers["ETag"]
        for _ in range(2):
            status, again, _ = await feeds.get(token, **{"If-None-Match": etag})
            assert status == 304 and again["ETag"] == etag
        since = headers["Last-Modified"]
        assert (await feeds.get(token, **{"If-Modified-Since": since}))[0] == 304

        # The teacher moves the test by two days: the same event moves.
        school.edit.edit("agenda", test_id, {"day": "2026-12-11"})
        later = NOW + timedelta(hours=1)
        clock.set(later)
        await sync_once(store, syncer, account_id, FEED_KINDS, later)
        status, headers, body = await feeds.get(token, **{"If-None-Match": etag})
        assert status == 200 and headers["ETag"] != etag
        events = _events(body)
        assert events[uid].decoded("DTSTART") == date(2026, 12, 11)
        assert int(events[uid]["SEQUENCE"]) == 1
        assert int(events[trip]["SEQUENCE"]) == 0  # the trip did not change
        assert events[uid].decoded("LAST-MODIFIED") == later

        # The trip is deleted in Librus: it is no longer served; the test stays.
        school.edit.delete("agenda", trip_id)
        latest = later + timedelta(hours=1)
        clock.set(latest)
        await sync_once(store, syncer, account_id, FEED_KINDS, latest)
        events = _events((await feeds.get(token))[2])
        assert trip not in events and uid in events

        # Revoked: 404, like a token nobody made and one that is not a token at all.
        async with store.transaction() as uow:
            assert await uow.calendar.revoke_scope(PARENT, account_id, latest) == 1
        assert (await feeds.get(token))[0] == 404
        assert (await feeds.get(secrets.token_urlsafe(16)))[0] == 404
        async with feeds.session.get(feeds.url("x/../../etc")) as response:
            assert response.status == 404
    finally:
        await _close(feeds)
    leaked = [r.name for r in caplog.records if token in f"{r.getMessage()} {r.__dict__}"]
    assert leaked == []


async def test_the_feed_shows_what_its_chat_sees_now(school: LibrusSimulator, store: Store) -> None:
    clock = ManualClock(NOW)
    upstream, _ = upstream_for(school, store, clock=clock)
    syncer = AccountSyncer(store, upstream)
    first, second = school.accounts()[:2]
    ids = []
    for account in (first, second):
        login = str(account["login"])
        ids.append(await link_account(store, upstream, login, str(account["password"]), PARENT))
        school.edit.add_agenda(login, content="Kartkówka", day=date(2026, 12, 8))
        await sync_once(store, syncer, ids[-1], FEED_KINDS, NOW)
    async with store.transaction() as uow:
        await uow.chats.ensure(GROUP, "group", title="Rodzina")
        link = await uow.links.get(PARENT, ids[0])
        assert link is not None
        await uow.subscriptions.subscribe(GROUP, ids[0], link.id)
        children = {c.account_id: c.child_name for c in await uow.links.children(PARENT)}
    family = await _make(store, PARENT, None)
    group = await _make(store, GROUP, None)
    own = await _make(store, PARENT, ids[1])
    feeds = await _feeds(store, clock)
    try:
        events = _events((await feeds.get(family))[2])
        owners = {uid.rsplit("-", 1)[1].split("@")[0] for uid in events}
        assert owners == {str(ids[0]), str(ids[1])}
        # several children: each event says whose it is
        for event in events.values():
            owner = int(str(event["UID"]).rsplit("-", 1)[1].split("@")[0])
            assert str(event["SUMMARY"]).startswith(f"{children[owner]}: ")
        # the group sees only the child shared there
        in_group = _events((await feeds.get(group))[2])
        assert in_group and all(f"-{ids[0]}@" in uid for uid in in_group)
        # Unshared from the group: the group's feed is empty at once.
        async with store.transaction() as uow:
            await uow.subscriptions.unsubscribe(GROUP, ids[0])
        assert _events((await feeds.get(group))[2]) == {}
        # The parent unlinks the second child: its own link is gone with it.
        async with store.transaction() as uow:
            await uow.links.unlink(PARENT, ids[1])
        assert (await feeds.get(own))[0] == 404
        remaining = _events((await feeds.get(family))[2])
        assert remaining and all(f"-{ids[0]}@" in uid for uid in remaining)
    finally:
        await _close(feeds)


async def test_requests_per_link_are_limited(school: LibrusSimulator, store: Store) -> None:
    clock = ManualClock(NOW)
    upstream, _ = upstream_for(school, store, clock=clock)
    account = school.accounts()[0]
    account_id = await link_account(
        store, upstream, str(account["login"]), str(account["password"]), PARENT
    )
    token = await _make(store, PARENT, account_id)
    other = await _make(store, PARENT, None)
    feeds = await _feeds(store, clock, per_hour=3)
    try:
        assert [(await feeds.get(token))[0] for _ in range(3)] == [200, 200, 200]
        status, headers, _ = await feeds.get(token)
        assert status == 429 and int(headers["Retry-After"]) > 0
        assert (await feeds.get(other))[0] == 200  # another link is not held back
        clock.set(NOW + timedelta(hours=1, seconds=1))
        assert (await feeds.get(token))[0] == 200
    finally:
        await _close(feeds)
