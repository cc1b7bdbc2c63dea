"""Helpers for tests that talk to the Librus simulator through the real library."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta

import aiohttp
from librus_synergia import Librus

from simulator.librus.server import LibrusSimulator
from storage.uow import Store
from sync.account_sync import AccountSyncer, SyncReport
from sync.clock import WARSAW, Clock, ManualClock
from sync.credentials import StoredAccountAccess
from sync.upstream import Upstream, UpstreamSettings
from sync.upstream.transport import LibrusTransport


def transport_for(sim: LibrusSimulator, rps: float = 200.0) -> LibrusTransport:
    return LibrusTransport(
        connect_to=sim.connect_to, ca_file=sim.ca_file, requests_per_second=rps, max_concurrency=8
    )


def library_for(
    transport: LibrusTransport, login: str, password: str, **kwargs: object
) -> tuple[Librus, aiohttp.ClientSession]:
    session = transport.new_session()
    return Librus(login, password, session=session, **kwargs), session  # type: ignore[arg-type]


def upstream_for(
    sim: LibrusSimulator,
    store: Store,
    *,
    timeout: float = 10.0,
    rps: float = 200.0,
    clock: Clock | None = None,
    messages_renew_after: timedelta | None = timedelta(minutes=50),
) -> tuple[Upstream, StoredAccountAccess]:
    access = StoredAccountAccess(store)
    settings = UpstreamSettings(
        connect_to=sim.connect_to,
        ca_file=sim.ca_file,
        requests_per_second=rps,
        max_concurrency=8,
        request_timeout=timeout,
        messages_renew_after=messages_renew_after,
    )
    return Upstream(settings, access, clock), access


async def link_account(
    store: Store, upstream: Upstream, login: str, password: str, user_id: int = 1001
) -> int:
    """What the linking conversation stores after a successful live check."""
    check = await upstream.check_login(login, password)
    async with store.transaction() as uow:
        await uow.users.ensure(user_id, "pl")
        await uow.chats.ensure(user_id, "private")
        account, _ = await uow.accounts.create_or_refresh(
            login,
            password,
            student_name=check.profile.student_name,
            class_name=check.profile.class_name,
            session_blob_plain=check.session,
        )
        link, _ = await uow.links.link(user_id, account.id, check.profile.student_name.split()[0])
        await uow.subscriptions.subscribe(user_id, account.id, link.id)
    return account.id


async def sync_once(
    store: Store, syncer: AccountSyncer, account_id: int, kinds: tuple[str, ...], now: datetime
) -> SyncReport:
    async with store.transaction() as uow:
        await uow.sync.poll_soon(account_id, now)
        claimed = await uow.sync.claim_due("test", now, limit=100, lease=timedelta(minutes=5))
    assert account_id in claimed
    return await syncer.run(account_id, "test", kinds, now=now)


async def poll_due_until(
    store: Store,
    syncer: AccountSyncer,
    sim: LibrusSimulator,
    clock: ManualClock,
    account_id: int,
    until: datetime,
    on_step: Callable[[datetime], None] | None = None,
    endpoint: str = "Grades",
) -> Counter[date]:
    """Every due poll of the account until `until`, the clocks jumping from one to the
    next (as the claim loop would run them); `endpoint`'s requests counted per local
    day."""
    per_day: Counter[date] = Counter()
    async with store.reading() as uow:
        account = await uow.accounts.get(account_id)
    assert account is not None
    login = account.login
    while True:
        async with store.reading() as uow:
            state = await uow.sync.get(account_id)
        assert state is not None
        now = max(clock.now(), state.next_poll_at)
        if now >= until:
            return per_day
        clock.set(now)
        sim.clock.set(now, frozen=True)
        if on_step is not None:
            on_step(now)
        before = sim.counter(login).requests[endpoint]
        async with store.transaction() as uow:
            claimed = await uow.sync.claim_due("test", now, limit=10, lease=timedelta(minutes=5))
        assert account_id in claimed
        await syncer.run(account_id, "test", now=now)
        per_day[now.astimezone(WARSAW).date()] += sim.counter(login).requests[endpoint] - before
        clock.set(now + timedelta(seconds=1))
