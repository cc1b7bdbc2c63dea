"""At most so many password logins per hour from this process.

Librus captchas or blocks an address that logs in too often (assumed; the threshold
is unknown: the simulator assumes 120 an hour, the default budget is 100). Accounts
linked at about the same time log in with the password at about the same time again,
a daily burst; and a poller
restarted without its stored sessions would log in every account at once. A poll that
needs a password login while the hour's budget is spent is put off until a slot frees
(`UpstreamUnavailable` with `retry_at`), instead of spending one. A parent's live
check is counted but never put off: a person is waiting, and the per-login limits
bound it.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta

from sync.errors import UpstreamUnavailable

WINDOW = timedelta(hours=1)


class LoginBudget:
    def __init__(self, per_hour: int | None, now: Callable[[], datetime]) -> None:
        self.per_hour = per_hour
        self._now = now
        self._spent: deque[datetime] = deque()
        self.deferred = 0

    def _slide(self, now: datetime) -> None:
        while self._spent and now - self._spent[0] >= WINDOW:
            self._spent.popleft()

    def take(self) -> None:
        """Spend one password login, or raise `UpstreamUnavailable` (retry_at: when
        one frees) when the hour's budget is spent."""
        now = self._now()
        self._slide(now)
        if self.per_hour is not None and len(self._spent) >= self.per_hour:
            self.deferred += 1
            raise UpstreamUnavailable(
                "the password logins of this hour are spent", retry_at=self._spent[0] + WINDOW
            )
        self._spent.append(now)

    def count(self) -> None:
        """A password login that is not put off (a parent's live check)."""
        now = self._now()
        self._slide(now)
        self._spent.append(now)

    @property
    def spent(self) -> int:
        self._slide(self._now())
        return len(self._spent)
