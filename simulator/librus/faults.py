"""Error modes as Librus gives them, switchable per account and endpoint.

A rule matches requests by account login (or any account) and endpoint (an fnmatch
pattern over keys such as `login`, `Grades`, `Timetables`, `refreshToken`,
`wiadomosci3`, `messages/inbox/messages`), and fires for the next N matching requests
or at random with a seeded probability.
"""

from __future__ import annotations

import fnmatch
import random
from dataclasses import dataclass, field
from typing import Any

# What each mode does (see `simulator.librus.server`):
FAULT_MODES = {
    "wrong_password": "the login POST answers the wrong-password error body",
    "wrong_password_flag_false": "the wrong-password body with `captchaRequired: false`",
    "captcha": "the login POST answers a captcha in the current shape (see /login-shapes)",
    "captcha_message_only": "the captcha message alone, no `captchaRequired` key (librusek)",
    "captcha_page": "HTTP 403 with an HTML page carrying a reCAPTCHA widget",
    "account_expired": "the login POST says the account has expired",
    "login_refused_other": "the login POST refuses in words no client has recorded",
    "password_change": "the login ends on the forced password change page, no session",
    "accept_terms": "the login ends on the new terms page, no session",
    "html_forbidden": "HTTP 403 with an HTML page (a firewall's, not Librus's JSON)",
    "maintenance": "HTTP 503 with the maintenance JSON",
    "expired_session": "HTTP 401 and the server-side session is dropped",
    "insufficient_scopes": "HTTP 401 with an 'Insufficient scopes' body",
    "forbidden": "HTTP 403 (e.g. an unpublished timetable)",
    "not_found": "HTTP 404",
    "server_error": "HTTP 500",
    "bad_gateway": "HTTP 502",
    "slow": "answers after `delay` seconds",
    "drop": "closes the connection without an answer",
    "malformed_json": "HTTP 200 with a JSON body cut in the middle",
    "html_login": "HTTP 200 with Synergia's HTML login page instead of JSON",
    "rate_limited": "HTTP 429",
    "truncated": "HTTP 200 with the answer's list cut to less than half (a partial answer)",
    "empty_list": "HTTP 200 with the answer's list empty",
}
#: Modes applied to a real answer after it was computed (the others replace it).
RESHAPING_MODES = frozenset({"truncated", "empty_list"})


@dataclass
class FaultRule:
    mode: str
    endpoint: str = "*"
    login: str | None = None
    count: int | None = 1
    probability: float | None = None
    delay: float = 5.0
    id: int = 0
    fired: int = 0

    def matches(self, login: str | None, endpoint: str) -> bool:
        if self.login is not None and self.login != login:
            return False
        return fnmatch.fnmatchcase(endpoint, self.endpoint)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "mode": self.mode,
            "endpoint": self.endpoint,
            "login": self.login,
            "count": self.count,
            "probability": self.probability,
            "delay": self.delay,
            "fired": self.fired,
        }


@dataclass
class FaultPlan:
    """The active rules; `pick` decides, per request, which one (if any) fires."""

    seed: int = 0
    rules: list[FaultRule] = field(default_factory=list)
    _next_id: int = 1

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def add(self, rule: FaultRule) -> FaultRule:
        if rule.mode not in FAULT_MODES:
            raise ValueError(f"unknown fault mode {rule.mode!r}; known: {sorted(FAULT_MODES)}")
        if rule.probability is not None and not 0 <= rule.probability <= 1:
            raise ValueError("probability must be between 0 and 1")
        rule.id = self._next_id
        self._next_id += 1
        self.rules.append(rule)
        return rule

    def clear(self, *, login: str | None = None) -> None:
        self.rules = [r for r in self.rules if login is not None and r.login != login]

    def pick(
        self, login: str | None, endpoint: str, *, modes: frozenset[str] | None = None
    ) -> FaultRule | None:
        for rule in self.rules:
            if modes is not None and rule.mode not in modes:
                continue
            if not rule.matches(login, endpoint):
                continue
            if rule.count is not None and rule.fired >= rule.count:
                continue
            if rule.probability is not None and self._rng.random() >= rule.probability:
                continue
            rule.fired += 1
            return rule
        return None
