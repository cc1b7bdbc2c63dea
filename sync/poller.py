"""The claim loop: take due accounts (a lease in the database) and poll them.

Each tick claims at most as many accounts as this process has free poll slots, so a
busy worker never sits on leases it cannot serve, and several workers on one
PostgreSQL share the load without polling one account twice (claims are one
`UPDATE … FOR UPDATE SKIP LOCKED … RETURNING`). A worker that dies keeps its accounts
only until their lease runs out.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from storage.uow import Store
from sync.account_sync import AccountSyncer, PollContext, SyncReport
from sync.cadence import Cadence
from sync.clock import Clock
from sync.metrics import (
    EVENTS,
    EVENTS_SUMMARISED,
    PASSWORD_LOGINS,
    POLL_SECONDS,
    POLLS,
    UPSTREAM_FETCHES,
)

log = logging.getLogger("sync.poller")


@dataclass
class PollerStats:
    claimed: int = 0
    polled: int = 0
    failed: int = 0
    events: int = 0
    queued: int = 0
    last_claim_at: str | None = None
    #: Finished polls by outcome ("ok", "unavailable timeout", ...), and the kinds that
    #: failed inside polls that otherwise went through: what a re-poll was for.
    outcomes: Counter[str] = field(default_factory=Counter)
    kind_failures: Counter[str] = field(default_factory=Counter)


class Poller:
    def __init__(
        self,
        store: Store,
        syncer: AccountSyncer,
        clock: Clock,
        *,
        owner: str,
        batch: int = 10,
        concurrency: int = 8,
        lease: timedelta = timedelta(minutes=5),
        on_news: Callable[[], None] | None = None,
    ) -> None:
        self.store = store
        self.syncer = syncer
        self.cadence: Cadence = syncer.cadence
        self.clock = clock
        self.owner = owner
        self.batch = batch
        self.concurrency = concurrency
        self.lease = lease
        self.on_news = on_news
        self.stats = PollerStats()
        self._running: set[asyncio.Task[None]] = set()
        self.reports: list[SyncReport] = []  # the latest few, for tests and /admin
        self.last_tick = time.monotonic()  # for /healthz: the claim loop is alive

    @property
    def busy(self) -> int:
        return len(self._running)

    async def tick(self) -> int:
        """Claim due accounts for the free slots and start polling them."""
        self.last_tick = time.monotonic()
        free = self.concurrency - len(self._running)
        if free <= 0:
            return 0
        now = self.clock.now()
        async with self.store.transaction() as uow:
            claimed = await uow.sync.claim_due(
                self.owner, now, limit=min(self.batch, free), lease=self.lease
            )
        self.stats.claimed += len(claimed)
        self.stats.last_claim_at = now.isoformat()
        contexts = await self.syncer.contexts(claimed) if claimed else {}
        for account_id in claimed:
            task = asyncio.create_task(
                self._poll(account_id, contexts[account_id]), name=f"poll-{account_id}"
            )
            self._running.add(task)
            task.add_done_callback(self._running.discard)
        return len(claimed)

    async def wait(self) -> None:
        """Until every poll started so far has ended."""
        while self._running:
            await asyncio.gather(*list(self._running), return_exceptions=True)

    async def run_until_idle(self, *, max_ticks: int = 10_000) -> int:
        """Poll everything due now, then return (tests, the demo, benchmarks)."""
        polled = 0
        for _ in range(max_ticks):
            claimed = await self.tick()
            polled += claimed
            if not claimed and not self._running:
                return polled
            if self._running:
                await asyncio.wait(set(self._running), return_when=asyncio.FIRST_COMPLETED)
        return polled

    async def _poll(self, account_id: int, context: PollContext | None = None) -> None:
        now = self.clock.now()
        try:
            started = time.monotonic()
            report = await self.syncer.run(account_id, self.owner, now=now, context=context)
            POLL_SECONDS.observe(time.monotonic() - started)
        except Exception as err:
            POLLS.labels("failed", type(err).__name__).inc()
            self.stats.failed += 1
            self.stats.outcomes[f"failed {type(err).__name__}"] += 1
            log.exception("poll failed", extra={"account": account_id})
            await self._release(account_id)
            return
        _count(report)
        self.stats.outcomes[" ".join(filter(None, (report.status, report.error)))] += 1
        if report.outcome is not None:
            for kind, result in report.outcome.results.items():
                if result.status == "failed":
                    self.stats.kind_failures[f"{kind} {result.error or ''}".strip()] += 1
        self.stats.polled += 1
        self.stats.events += len(report.events)
        self.stats.queued += report.queued
        self.reports = [*self.reports[-49:], report]
        if report.queued and self.on_news is not None:
            self.on_news()

    async def _release(self, account_id: int) -> None:
        """A poll that broke on our side: try again after a while, not in a loop."""
        retry = self.clock.now() + timedelta(minutes=5)
        try:
            async with self.store.transaction() as uow:
                state = await uow.sync.get(account_id)
                await uow.sync.finish(
                    account_id,
                    self.owner,
                    next_poll_at=retry,
                    success_at=None,
                    error_class="internal",
                    failures=(state.consecutive_failures if state else 0) + 1,
                )
        except Exception:
            log.exception("could not release an account", extra={"account": account_id})


def _count(report: SyncReport) -> None:
    """A finished poll in the metrics: its outcome, what Librus gave, what was new."""
    POLLS.labels(report.status, report.error or "").inc()
    if report.summarised:
        EVENTS_SUMMARISED.inc(report.summarised)
    for event in report.events:
        EVENTS.labels(event.type).inc()
    if report.outcome is not None:
        for kind, result in report.outcome.results.items():
            UPSTREAM_FETCHES.labels(kind, result.status).inc()
        if report.outcome.password_logins:
            PASSWORD_LOGINS.inc(report.outcome.password_logins)
