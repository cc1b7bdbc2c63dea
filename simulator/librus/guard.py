"""Librus's defence against clients that ask too much from one address, as simulated.

Real clients report it (librus-apix#68: Librus "seems to block popular VPS and VPN
ranges at random times"; librus2mail tells its users to space accounts on one IP), but
nobody has measured its thresholds, so they are assumed and configurable: past
`logins_per_hour` password logins or `requests_per_hour` requests from one client
address within an hour (on the simulated clock), Librus answers: too many requests,
every request with an HTML 403 page; too many logins, every login with a captcha
(`answer = "captcha"`) or an HTML 403 page (`"html_403"`); until the address's last
hour is below the threshold again. Requests made while
refused still count, as a firewall counts them: a client that keeps knocking stays out.

Off by default (the tests run many accounts from 127.0.0.1 in compressed time);
`ASSUMED` holds the thresholds the politeness benchmark runs against.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

ANSWERS = ("captcha", "html_403")
WINDOW = timedelta(hours=1)
#: Assumed thresholds (never measured on the real service).
ASSUMED = {"logins_per_hour": 120, "requests_per_hour": 20_000}


@dataclass
class _Address:
    requests: deque[datetime] = field(default_factory=deque)
    logins: deque[datetime] = field(default_factory=deque)
    peak_requests: int = 0
    peak_logins: int = 0
    refused: int = 0


@dataclass
class AddressGuard:
    logins_per_hour: int | None = None
    requests_per_hour: int | None = None
    answer: str = "html_403"
    _addresses: dict[str, _Address] = field(default_factory=dict)

    def configure(self, settings: dict[str, Any]) -> None:
        for key in ("logins_per_hour", "requests_per_hour"):
            if key in settings:
                value = settings[key]
                if value is not None and (not isinstance(value, int) or value < 1):
                    raise ValueError(f"{key}: a whole number of at least 1, or null (off)")
                setattr(self, key, value)
        if "answer" in settings:
            if settings["answer"] not in ANSWERS:
                raise ValueError(f"answer: one of {ANSWERS}")
            self.answer = str(settings["answer"])

    def _address(self, address: str) -> _Address:
        return self._addresses.setdefault(address, _Address())

    def request(self, address: str, now: datetime) -> bool:
        """Count one request; whether this address is refused now."""
        entry = self._address(address)
        entry.peak_requests = max(entry.peak_requests, _add(entry.requests, now))
        return self._over(entry, len(entry.requests), self.requests_per_hour)

    def login(self, address: str, now: datetime) -> bool:
        """Count one password login (the form POST); whether it is refused."""
        entry = self._address(address)
        entry.peak_logins = max(entry.peak_logins, _add(entry.logins, now))
        return self._over(entry, len(entry.logins), self.logins_per_hour)

    @staticmethod
    def _over(entry: _Address, count: int, threshold: int | None) -> bool:
        over = threshold is not None and count > threshold
        entry.refused += over
        return over

    def to_json(self) -> dict[str, Any]:
        return {
            "logins_per_hour": self.logins_per_hour,
            "requests_per_hour": self.requests_per_hour,
            "answer": self.answer,
            "addresses": {
                address: {
                    "requests_last_hour": len(entry.requests),
                    "logins_last_hour": len(entry.logins),
                    "peak_requests_per_hour": entry.peak_requests,
                    "peak_logins_per_hour": entry.peak_logins,
                    "refused": entry.refused,
                }
                for address, entry in self._addresses.items()
            },
        }

    def reset(self) -> None:
        self._addresses.clear()


def _add(times: deque[datetime], now: datetime) -> int:
    """Add `now` to an address's last hour; how many it holds."""
    while times and now - times[0] >= WINDOW:
        times.popleft()
    times.append(now)
    return len(times)
