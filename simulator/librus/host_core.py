"""What the local Librus's three hosts share: the world and the clock, the accounts'
sessions, devices and failed logins, counters of what each account was asked and what
happened to it (side effects), faults to inject, and the shapes of its refusals."""

from __future__ import annotations

import asyncio
import secrets
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web

from simulator.librus.clock import SimClock
from simulator.librus.editor import WorldEditor
from simulator.librus.faults import FaultPlan, FaultRule
from simulator.librus.files import SandboxKey
from simulator.librus.generator import generate
from simulator.librus.guard import AddressGuard
from simulator.librus.login_pages import (
    ACTION_PAGES,
    LOGIN_PAGE,
    LOGIN_SHAPES,
)
from simulator.librus.tls import Certificates
from simulator.librus.world import Student, World

# Fault mode -> the answer Librus gives in that situation (status, JSON or text, type).
CANNED_FAULTS: dict[str, tuple[int, Any, str]] = {
    "maintenance": (
        503,
        {
            "Status": "Maintenance",
            "Messages": [
                {"description": "Trwa przerwa techniczna. Zapraszamy później.", "color": "2F9307"}
            ],
        },
        "application/json",
    ),
    "expired_session": (401, "Unauthorized", "text/plain"),
    "insufficient_scopes": (
        401,
        {"Status": "Error", "Code": "Unauthorized", "Message": "Insufficient scopes"},
        "application/json",
    ),
    "forbidden": (
        403,
        {"Status": "Error", "Code": "AccessDeny", "Message": "Student timetable is not public"},
        "application/json",
    ),
    "not_found": (
        404,
        {"Status": "Error", "Code": "NotFound", "Message": "Resource not found"},
        "application/json",
    ),
    "server_error": (
        500,
        {"Status": "Error", "Code": "InternalError", "Message": "Internal server error"},
        "application/json",
    ),
    "bad_gateway": (502, "Bad Gateway", "text/plain"),
    "rate_limited": (429, "Too Many Requests", "text/plain"),
    "malformed_json": (
        200,
        '{"Grades": [{"Id": 12, "Grade": "5", "Subject": {"Id"',
        "application/json",
    ),
    "html_login": (200, LOGIN_PAGE, "text/html"),
    "html_forbidden": (
        403,
        "<html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1>"
        "<p>Request blocked.</p></body></html>",
        "text/html",
    ),
}


@dataclass
class AuthFlow:
    state: str
    login: str | None = None
    stage: str = "form"  # form → 2fa → perform → grant → done
    action: str | None = None  # a page to show at the 2FA step instead of going on


@dataclass
class Session:
    login: str
    oauth_token: str
    sid: str
    ssid: str
    expires_at: datetime


@dataclass
class MessagesSession:
    login: str
    expires_at: datetime


@dataclass
class AccountCounters:
    requests: Counter[str] = field(default_factory=Counter)
    logins: int = 0
    login_attempts: int = 0
    failed_logins: int = 0
    refreshes: int = 0
    side_effects: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "requests": dict(self.requests),
            "total_requests": sum(self.requests.values()),
            "logins": self.logins,
            "login_attempts": self.login_attempts,
            "failed_logins": self.failed_logins,
            "refreshes": self.refreshes,
            "side_effects": list(self.side_effects),
        }


class SimulatorCore:
    """The state of the simulated Librus and the helpers its hosts use."""

    def __init__(
        self,
        world: World | None = None,
        *,
        seed: int = 2026,
        students: int = 6,
        clock: SimClock | None = None,
        session_lifetime: timedelta = timedelta(hours=24),
        messages_session_lifetime: timedelta = timedelta(hours=1),
        fault_seed: int = 0,
        density: str = "normal",
    ) -> None:
        self.clock = clock or SimClock()
        self.world = world or generate(seed, students, self.clock.today(), density=density)
        self.faults = FaultPlan(seed=fault_seed)
        self.guard = AddressGuard()
        self.edit = WorldEditor(self.world, self.clock)
        self.session_lifetime = session_lifetime
        self.messages_session_lifetime = messages_session_lifetime
        self.counters: dict[str, AccountCounters] = {}
        self.certificates: Certificates | None = None
        self._flows: dict[str, AuthFlow] = {}
        self._codes: dict[str, tuple[str, str]] = {}  # code -> (login, state)
        self._sessions: dict[str, Session] = {}  # oauth_token -> session
        self._by_sid: dict[str, Session] = {}
        self._handoffs: dict[str, str] = {}  # one-time messages token -> login
        self._messages: dict[str, MessagesSession] = {}
        self._sandbox_keys: dict[str, SandboxKey] = {}  # download link or single-use key
        self.send_modes: dict[str, str] = {}  # login -> how its sends are answered
        self._devices: dict[str, set[str]] = {}  # DeviceCookie -> logins seen with it
        # Failed logins per login within the OAuth host's FAILURE_WINDOW (simulated times).
        self._failures: dict[str, list[datetime]] = {}
        self._captcha_required: set[str] = set()
        self._actions: dict[str, str] = {}  # login -> the action its next login wants
        self.shapes: dict[str, str] = {kind: options[0] for kind, options in LOGIN_SHAPES.items()}
        self._runner: web.AppRunner | None = None
        self._control_runner: web.AppRunner | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self.port = 0
        self.control_port = 0

    def accounts(self) -> list[dict[str, Any]]:
        result = []
        for s in sorted(self.world.students.values(), key=lambda s: s.id):
            school = self.world.school_of(s)
            result.append(
                {
                    "login": s.login,
                    "password": s.password,
                    "student": s.name,
                    "class": self.world.class_of(s).name,
                    "school": school.name,
                    "family": s.family,
                    "register_number": s.register_number,
                    "missing_modules": sorted(school.missing_modules),
                    # The parent's own login to the same child, where the school gave one.
                    "parent_login": s.parent_login,
                    "parent_password": s.parent_password,
                    "parent": s.parent_name if s.parent_login else None,
                    # A kindergartener has no login of its own: `login` is the parent's.
                    "kindergarten": self.world.class_of(s).kindergarten,
                }
            )
        return result

    def set_password(self, login: str, password: str) -> None:
        """A new password for `login` (the school changed it); sessions stay until killed."""
        self.student(login).set_password(login, password)

    def student(self, login: str) -> Student:
        student = self.world.student_by_login(login)
        if student is None:
            raise KeyError(f"no simulated account with login {login!r}")
        return student

    # ------------------------------------------------------------------ counters

    def counter(self, login: str | None) -> AccountCounters:
        return self.counters.setdefault(login or "?", AccountCounters())

    def requests_for(self, login: str) -> Counter[str]:
        return self.counter(login).requests

    def side_effects(self, login: str | None = None) -> list[dict[str, Any]]:
        if login is not None:
            return list(self.counter(login).side_effects)
        return [e for c in self.counters.values() for e in c.side_effects]

    def reset_counters(self) -> None:
        self.counters.clear()

    def _side_effect(self, login: str | None, kind: str, **details: Any) -> None:
        self.counter(login).side_effects.append(
            {"kind": kind, "at": self.clock.now().isoformat(), **details}
        )

    def kill_sessions(self, login: str) -> None:
        """End every session of a login (as Librus does, now and then)."""
        for token, session in list(self._sessions.items()):
            if session.login == login:
                del self._sessions[token]
                self._by_sid.pop(session.sid, None)
        for key, msg in list(self._messages.items()):
            if msg.login == login:
                del self._messages[key]

    def expire_tokens(self, login: str) -> None:
        """Let a login's `oauth_token` lapse (its 600 s Max-Age ran out) while the web
        session (`DZIENNIKSID`) lives on, so `/refreshToken` can renew it."""
        for token, session in list(self._sessions.items()):
            if session.login == login:
                del self._sessions[token]
                session.oauth_token = f"expired-{secrets.token_hex(4)}"

    def clear_captcha(self, login: str) -> None:
        """The parent logged in once in a browser and solved the captcha."""
        self._captcha_required.discard(login)
        self._failures.pop(login, None)

    def require_action(self, login: str, action: str) -> None:
        """From now on this login's logins end on the page of `action` (see
        ACTION_PAGES) until `clear_action`."""
        if action not in ACTION_PAGES:
            raise ValueError(f"unknown action {action!r}; known: {sorted(ACTION_PAGES)}")
        self.student(login)
        self._actions[login] = action

    def clear_action(self, login: str, *, new_password: str | None = None) -> None:
        """The parent did it in the browser (a forced password change sets a new one)."""
        self._actions.pop(login, None)
        if new_password is not None:
            self.student(login).set_password(login, new_password)

    def set_shape(self, refusal: str, shape: str) -> None:
        if shape not in LOGIN_SHAPES.get(refusal, ()):
            raise ValueError(f"unknown shape {shape!r} of {refusal!r}; known: {LOGIN_SHAPES}")
        self.shapes[refusal] = shape

    def captcha_pending(self, login: str) -> bool:
        return login in self._captcha_required

    # ------------------------------------------------------------------ helpers

    @web.middleware
    async def _guarded(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Every request counts toward its address's hour (see `guard`)."""
        if self.guard.request(request.remote or "?", self.clock.now()):
            return blocked_page()
        response: web.StreamResponse = await handler(request)
        return response

    def _session_of(self, request: web.Request) -> Session | None:
        token = request.cookies.get("oauth_token")
        session = self._sessions.get(token) if token else None
        if session is None or session.expires_at <= self.clock.now():
            return None
        return session

    def _web_session_of(self, request: web.Request) -> Session | None:
        sid, ssid = request.cookies.get("DZIENNIKSID"), request.cookies.get("SDZIENNIKSID")
        session = self._by_sid.get(sid) if sid else None
        if session is None or session.ssid != ssid or session.expires_at <= self.clock.now():
            return None
        return session

    async def _fault(
        self,
        request: web.Request,
        login: str | None,
        endpoint: str,
        modes: frozenset[str] | None = None,
    ) -> web.StreamResponse | None:
        rule = self.faults.pick(login, endpoint, modes=modes)
        if rule is None:
            return None
        return await self._apply(request, rule, login)

    async def _apply(
        self, request: web.Request, rule: FaultRule, login: str | None
    ) -> web.StreamResponse | None:
        if rule.mode == "slow":
            await asyncio.sleep(rule.delay)
            return None
        if rule.mode == "drop":
            if request.transport is not None:
                request.transport.abort()
            return web.Response(status=500)  # never reaches the client
        if rule.mode == "expired_session" and login:
            self.kill_sessions(login)
        canned = CANNED_FAULTS.get(rule.mode)
        if canned is None:
            return None  # login-only modes are handled by the login handler
        status, body, content_type = canned
        if isinstance(body, str):
            return web.Response(status=status, text=body, content_type=content_type)
        return web.json_response(body, status=status)

    def _set_session_cookies(
        self, response: web.StreamResponse, session: Session, *, all_: bool
    ) -> None:
        response.set_cookie(
            "oauth_token", session.oauth_token, max_age=600, path="/", secure=True, httponly=True
        )
        if all_:
            response.set_cookie("DZIENNIKSID", session.sid, path="/", secure=True, httponly=True)
            response.set_cookie("SDZIENNIKSID", session.ssid, path="/", secure=True, httponly=True)


def blocked_page() -> web.Response:
    status, body, content_type = CANNED_FAULTS["html_forbidden"]
    return web.Response(status=status, text=str(body), content_type=content_type)


def redirect(location: str) -> web.Response:
    return web.Response(status=302, headers={"Location": location})


def endpoint_key(path: str) -> str:
    """`api/2.0/Users/123` → `Users/{id}`; query strings are not part of the key."""
    path = path.split("?", 1)[0].strip("/")
    if path.startswith("api/2.0/"):
        path = path[len("api/2.0/") :]
    parts = [
        ("{id}" if part.isdigit() or part.startswith("LID-") else part) for part in path.split("/")
    ]
    return "/".join(parts)


def int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def bound_port(runner: web.AppRunner) -> int:
    for site in runner.sites:
        server = getattr(site, "_server", None)
        if server is not None and server.sockets:
            return int(server.sockets[0].getsockname()[1])
    raise RuntimeError("the simulator did not bind a port")


def reshape(body: Any, *, empty: bool) -> Any:
    """The answer's first list cut to less than half of it (or emptied)."""
    if not isinstance(body, dict):
        return body
    for key, value in body.items():
        if isinstance(value, list) and value:
            keep = 0 if empty else max(0, (len(value) - 1) // 3)
            return {**body, key: value[:keep]}
    return body
