"""A process-wide circuit breaker for Librus: when it refuses many accounts at once,
stop asking, as a whole, instead of burning a password login per account.

Librus blocks or captchas clients that ask too much from one address (librus-apix#68;
librus2mail tells its users to space accounts on one IP). One account's captcha is
that account's; captchas or foreign 403s for several accounts within minutes are this
server's. Then every Librus call of this process (polls, refreshes, opening a message,
a parent's login check) is refused without a request until the breaker's cool-off
ends; the first poll after it is a trial: success closes the breaker, another refusal
opens it again for twice as long (up to `max_cooldown`).

Only polls of linked accounts count as evidence: a stranger's failed login checks
must not be able to stop the bot for everyone.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sync.errors import UpstreamUnavailable
from sync.metrics import BREAKER_OPEN, BREAKER_TRIPS

log = logging.getLogger("sync.upstream.breaker")


@dataclass(frozen=True)
class BreakerPolicy:
    #: distinct accounts refused (captcha, foreign 403) within `window` that trip it
    accounts: int = 3
    window: timedelta = timedelta(minutes=10)
    cooldown: timedelta = timedelta(minutes=15)
    max_cooldown: timedelta = timedelta(hours=2)


class CircuitBreaker:
    def __init__(self, now: Callable[[], datetime], policy: BreakerPolicy | None = None) -> None:
        self._now = now
        self.policy = policy or BreakerPolicy()
        self._refusals: deque[tuple[datetime, int]] = deque()
        self._open_until: datetime | None = None
        self._cooldown = self.policy.cooldown
        self._trial = False  # the cool-off ended: the next outcome decides
        self.trips = 0

    @property
    def open_until(self) -> datetime | None:
        """Until when Librus is not asked (None: the breaker is closed)."""
        if self._open_until is not None and self._now() >= self._open_until:
            self._open_until, self._trial = None, True
            BREAKER_OPEN.set(0)
            log.warning("Librus circuit breaker half-open: trying again")
        return self._open_until

    def check(self) -> None:
        """Raises `UpstreamUnavailable(blocked=True)` while the breaker is open."""
        until = self.open_until
        if until is not None:
            raise UpstreamUnavailable("Librus refuses this server", blocked=True, retry_at=until)

    def refused(self, account_id: int) -> None:
        """A poll of this account met a captcha or a block."""
        now = self._now()
        if self._trial:
            self._trip(now, longer=True)
            return
        self._refusals.append((now, account_id))
        while self._refusals and now - self._refusals[0][0] > self.policy.window:
            self._refusals.popleft()
        if len({account for _, account in self._refusals}) >= self.policy.accounts:
            self._trip(now, longer=False)

    def succeeded(self) -> None:
        """A poll went through: a trial closes the breaker."""
        if self._trial:
            self._trial = False
            self._cooldown = self.policy.cooldown
            log.warning("Librus circuit breaker closed")

    def _trip(self, now: datetime, *, longer: bool) -> None:
        if longer:
            self._cooldown = min(self._cooldown * 2, self.policy.max_cooldown)
        self._open_until = now + self._cooldown
        self._trial = False
        self._refusals.clear()
        self.trips += 1
        BREAKER_TRIPS.inc()
        BREAKER_OPEN.set(1)
        log.warning(
            "Librus circuit breaker open: Librus refuses many accounts at once",
            extra={
                "until": self._open_until.isoformat(),
                "cooldown_s": int(self._cooldown.total_seconds()),
            },
        )
