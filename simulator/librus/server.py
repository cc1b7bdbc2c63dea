"""A local Librus: synergia.librus.pl, api.librus.pl and wiadomosci.librus.pl as virtual
hosts over TLS on 127.0.0.1, so the unmodified librus-synergia library logs in and
reads data exactly as against the real service.

What it models (from `reference/librus-protocol.md`, the samples and the library):
the 2026 login flow (portalRodzina → OAuth/Authorization GET and form POST → `goTo` →
2FA → PerformLogin → Grant → back to synergia with `code` and `state`, checked against
the `oauth_state` cookie), `oauth_token` with `Max-Age=600` renewed on every answer,
`DZIENNIKSID`/`SDZIENNIKSID`, the year-long `DeviceCookie` on `/OAuth`, `/refreshToken`,
sessions that end, the Wiadomości bootstrap (`/wiadomosci3` → MultiDomainLogon → `/nowy`)
with its own shorter session, and read-on-open messages.

Assumptions where the sources are silent: a wrong password is HTTP 401 with the error
body clients parse; three failed logins within an hour from a device Librus does not
know (no DeviceCookie) demand a captcha. Where real clients saw different shapes of one
refusal, every one of them is served (`LOGIN_SHAPES`, switchable through the control
API): a captcha as a `captchaRequired` flag (our older guess), as the message alone
(librusek) or as an HTML page with a reCAPTCHA widget; a wrong password with or without
`"captchaRequired": false` (the portal's shape). An account can be made to want an
action in the browser (a forced change of the school's temporary password, new terms):
its login form is accepted and the redirect chain ends on a Librus page instead of the
session, until the action is done (`/actions/clear`).
"""

from __future__ import annotations

import asyncio
import base64
import secrets
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from aiohttp import web

from simulator.librus import control
from simulator.librus import kindergarten_view as kindergarten
from simulator.librus.clock import SimClock, local_stamp
from simulator.librus.editor import WorldEditor
from simulator.librus.faults import RESHAPING_MODES, FaultPlan, FaultRule
from simulator.librus.generator import generate
from simulator.librus.guard import AddressGuard
from simulator.librus.kindergarten_view import KindergartenView
from simulator.librus.login_pages import (
    ACTION_PAGES,
    CAPTCHA_ERROR,
    CAPTCHA_PAGE,
    EXPIRED_ERROR,
    LOGIN_ERROR,
    LOGIN_PAGE,
    LOGIN_SHAPES,
    OTHER_REFUSAL,
)
from simulator.librus.render import GatewayView, JsonObj, ModuleRefused
from simulator.librus.tls import Certificates, generate_certificates
from simulator.librus.world import MODULE_MESSAGES, Student, World

GATEWAY = "/gateway/api/2.0/"
SIDE_EFFECT = "side_effect"
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
NOT_FOUND: JsonObj = {"Status": "Error", "Code": "NotFound", "Message": "Resource not found"}
# Lists this simulator keeps empty: root key and parent resource.
EMPTY_LISTS = {
    "Grades/Types": ("Types", "Grades"),
    "BehaviourGrades/Points/Comments": ("Comments", "BehaviourGrades"),
    "BehaviourGrades/Points/Categories": ("Categories", "BehaviourGrades"),
    "DescriptiveGrades/Comments": ("Comments", "DescriptiveGrades"),
    "TextGrades/Categories": ("Categories", "TextGrades"),
    "BaseTextGrades": ("Grades", "Root"),
    "TextGrades": ("Grades", "Root"),
    "HomeWorkAssignments/Categories": ("Categories", "HomeWorkAssignments"),
    "ParentTeacherConferences": ("ParentTeacherConferences", "Root"),
    "VirtualClasses": ("VirtualClasses", "Root"),
}
# Lowercase-envelope modules, empty here.
EMPTY_MODULES: dict[str, JsonObj] = {
    "Justifications": {"status": "OK", "message": "Pobrano listę usprawiedliwień", "data": []},
    "SchoolTrips": {"Data": []},
    "SchoolFiles": {"Data": []},
    "EbiblioLendings": {"lendings": []},
}
REFUSED: dict[str, tuple[int, JsonObj | str]] = {
    **dict.fromkeys(("SchoolInfo", "Duties", "WhatsNew", "Reports"), (401, "Insufficient scopes")),
    **{
        name: (
            403,
            {
                "Status": "Error",
                "Code": "AccessDeny",
                "Message": "Account not have access to resource",
            },
        )
        for name in ("Substitutions", "TeacherFreeDays", "Grades/CategoriesAverages")
    },
}
CAPTCHA_AFTER_FAILURES = 3
# Failed logins older than this no longer count toward the captcha (assumed).
FAILURE_WINDOW = timedelta(hours=1)
LOGIN_ONLY_MODES = frozenset(
    {
        "wrong_password",
        "wrong_password_flag_false",
        "captcha",
        "captcha_message_only",
        "captcha_page",
        "account_expired",
        "login_refused_other",
        "password_change",
        "accept_terms",
    }
)


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


class LibrusSimulator:
    """The simulated Librus: world, clock, faults, counters and the HTTPS server."""

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
        self._devices: dict[str, set[str]] = {}  # DeviceCookie -> logins seen with it
        # Failed logins per login within FAILURE_WINDOW (simulated times).
        self._failures: dict[str, list[datetime]] = {}
        self._captcha_required: set[str] = set()
        self._actions: dict[str, str] = {}  # login -> the action its next login wants
        self.shapes: dict[str, str] = {kind: options[0] for kind, options in LOGIN_SHAPES.items()}
        self._runner: web.AppRunner | None = None
        self._control_runner: web.AppRunner | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self.port = 0
        self.control_port = 0

    # ------------------------------------------------------------------ lifecycle

    async def start(
        self, *, port: int = 0, control_port: int = 0, cert_dir: Path | None = None
    ) -> None:
        if cert_dir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="dzwonek-librus-")
            cert_dir = Path(self._tmp.name)
        self.certificates = generate_certificates(cert_dir)
        app = web.Application(middlewares=[self._guarded])
        app.add_domain("synergia.librus.pl", self._synergia_app())
        app.add_domain("api.librus.pl", self._api_app())
        app.add_domain("wiadomosci.librus.pl", self._messages_app())
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(
            self._runner, "127.0.0.1", port, ssl_context=self.certificates.server_context()
        )
        await site.start()
        self.port = _bound_port(self._runner)
        self._control_runner = web.AppRunner(control.build_app(self), access_log=None)
        await self._control_runner.setup()
        control_site = web.TCPSite(self._control_runner, "127.0.0.1", control_port)
        await control_site.start()
        self.control_port = _bound_port(self._control_runner)

    async def stop(self) -> None:
        for runner in (self._control_runner, self._runner):
            if runner is not None:
                await runner.cleanup()
        self._runner = self._control_runner = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    async def __aenter__(self) -> LibrusSimulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def connect_to(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def ca_file(self) -> Path:
        assert self.certificates is not None, "start() the simulator first"
        return self.certificates.ca_file

    @property
    def control_url(self) -> str:
        return f"http://127.0.0.1:{self.control_port}"

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
            return _blocked_page()
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

    # ------------------------------------------------------------------ synergia.librus.pl

    def _synergia_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/loguj/portalRodzina", self.portal_rodzina)
        app.router.add_get("/refreshToken", self.refresh_token)
        app.router.add_get("/wiadomosci3", self.messages_bootstrap)
        app.router.add_get("/uczen/index", self.landing)
        app.router.add_get("/informacja", self.student_info)
        app.router.add_route("*", "/gateway/{path:.*}", self.gateway)
        return app

    async def portal_rodzina(self, request: web.Request) -> web.StreamResponse:
        code, state = request.query.get("code"), request.query.get("state")
        if code is None:
            self.counter(None).requests["loguj/portalRodzina"] += 1
            state = secrets.token_hex(16)
            response = redirect(
                "https://api.librus.pl/OAuth/Authorization?client_id=46&response_type=code"
                f"&scope=mydata&state={state}"
            )
            response.set_cookie("oauth_state", state, path="/", secure=True, httponly=True)
            return response
        pending = self._codes.pop(code, None)
        if pending is None or state != pending[1] or request.cookies.get("oauth_state") != state:
            return web.json_response({"error": "invalid_request"}, status=400)
        login = pending[0]
        self.counter(login).requests["loguj/portalRodzina?code"] += 1
        session = Session(
            login=login,
            oauth_token=secrets.token_hex(20),
            sid=secrets.token_hex(16),
            ssid=secrets.token_hex(16),
            expires_at=self.clock.now() + self.session_lifetime,
        )
        self._sessions[session.oauth_token] = session
        self._by_sid[session.sid] = session
        self.counter(login).logins += 1
        response = redirect("/uczen/index")
        self._set_session_cookies(response, session, all_=True)
        response.del_cookie("oauth_state", path="/")
        return response

    async def refresh_token(self, request: web.Request) -> web.StreamResponse:
        session = self._web_session_of(request)
        login = session.login if session else None
        self.counter(login).requests["refreshToken"] += 1
        fault = await self._fault(request, login, "refreshToken")
        if fault is not None:
            return fault
        if session is None:
            return redirect("https://synergia.librus.pl/loguj/portalRodzina")
        old = session.oauth_token
        self._sessions.pop(old, None)
        session.oauth_token = secrets.token_hex(20)
        session.expires_at = self.clock.now() + self.session_lifetime
        self._sessions[session.oauth_token] = session
        self.counter(login).refreshes += 1
        response = web.Response(status=200, body=b"")
        self._set_session_cookies(response, session, all_=False)
        return response

    async def landing(self, request: web.Request) -> web.StreamResponse:
        session = self._session_of(request)
        if session is None:
            return web.Response(status=200, content_type="text/html", text=LOGIN_PAGE)
        return web.Response(
            status=200,
            content_type="text/html",
            text="<html><body><h1>Librus Synergia</h1><p>Witamy!</p></body></html>",
        )

    async def student_info(self, request: web.Request) -> web.StreamResponse:
        session = self._session_of(request)
        if session is None:
            return redirect("https://synergia.librus.pl/loguj/portalRodzina")
        self.counter(session.login).requests["informacja"] += 1
        student = self.student(session.login)
        page = (
            "<html><body><table><tr><th></th><td></td></tr>"
            f"<tr><th>Imię i nazwisko</th><td>{student.name}</td></tr>"
            f"<tr><th>Klasa</th><td>{self.world.class_of(student).name}</td></tr>"
            f"<tr><th>Nr w dzienniku</th><td>{student.register_number}</td></tr>"
            "</table></body></html>"
        )
        return web.Response(status=200, content_type="text/html", text=page)

    async def messages_bootstrap(self, request: web.Request) -> web.StreamResponse:
        session = self._session_of(request) or self._web_session_of(request)
        login = session.login if session else None
        self.counter(login).requests["wiadomosci3"] += 1
        fault = await self._fault(request, login, "wiadomosci3")
        if fault is not None:
            return fault
        if session is None:
            return redirect("https://synergia.librus.pl/loguj/portalRodzina")
        school = self.world.school_of(self.student(session.login))
        if not school.has(MODULE_MESSAGES):
            return web.Response(
                status=200,
                content_type="text/html",
                text='<html><body><h2 class="inside">Brak dostępu</h2></body></html>',
            )
        token = secrets.token_hex(32)
        self._handoffs[token] = session.login
        login64 = base64.b64encode(session.login.encode()).decode().rstrip("=")
        return redirect(
            f"https://wiadomosci.librus.pl/pobierz/MultiDomainLogon/token/{token}"
            f"/login/{login64}/target/L25vd3k/from/c3luZXJnaWE"
        )

    async def gateway(self, request: web.Request) -> web.StreamResponse:
        path = request.match_info["path"]
        session = self._session_of(request)
        login = session.login if session else None
        endpoint = _endpoint_key(path)
        self.counter(login).requests[endpoint] += 1
        rule = self.faults.pick(login, endpoint)
        if rule is not None and rule.mode not in RESHAPING_MODES:
            fault = await self._apply(request, rule, login)
            if fault is not None:
                return fault
        if session is None:
            return web.Response(status=401, text="Unauthorized")
        view = GatewayView(self.world, self.student(session.login), self.clock.now(), session.login)
        try:
            status, body = self._route(request, path, view, session)
        except ModuleRefused as refused:
            status, body = refused.status, refused.body
        if rule is not None and rule.mode in RESHAPING_MODES and status == 200:
            body = _reshape(body, empty=rule.mode == "empty_list")
        response = (
            web.json_response(body, status=status)
            if not isinstance(body, str)
            else web.Response(status=status, text=body)
        )
        response.headers["Cache-Control"] = "no-store"
        self._set_session_cookies(response, session, all_=False)
        return response

    def _route(
        self, request: web.Request, path: str, view: GatewayView, session: Session
    ) -> tuple[int, JsonObj | str]:
        if path.startswith(kindergarten.PREFIX) and request.method == "GET":
            return KindergartenView(view).service(path[len(kindergarten.PREFIX) :], request.query)
        if not path.startswith("api/2.0/"):
            return 404, NOT_FOUND
        resource = path[len("api/2.0/") :].strip("/")
        if request.method == "POST":
            return self._post(resource, view, session)
        if request.method != "GET":
            return 405, {"Status": "Error", "Code": "MethodNotAllowed", "Message": "Not allowed"}
        refused = kindergarten.refusal(view.klass, resource)
        if refused is not None:
            return refused
        handler = self._listings(view).get(resource)
        if handler is not None:
            return 200, handler()
        if resource in EMPTY_LISTS:
            root, parent = EMPTY_LISTS[resource]
            return 200, {
                root: [],
                "Resources": {"..": {"Url": f"https://api.librus.pl/2.0/{parent}"}},
                "Url": f"https://api.librus.pl/2.0/{resource}",
            }
        if resource in EMPTY_MODULES:
            return 200, EMPTY_MODULES[resource]
        if resource in REFUSED:
            return REFUSED[resource]
        return self._with_argument(request, resource, view)

    def _listings(self, view: GatewayView) -> dict[str, Callable[[], JsonObj]]:
        w = self.world
        return {
            "Me": view.me,
            "Grades": view.grades,
            "Grades/Categories": view.grade_categories,
            "Grades/Comments": view.grade_comments,
            "GradingSystem": view.grading_system,
            "Attendances": view.attendances,
            "Attendances/Types": view.attendance_types,
            "TimetableEntries": view.timetable_entries,
            "Calendars/Substitutions": view.plan_changes,
            "Subjects": view.subjects,
            "Auth/Subjects": view.auth_subjects,
            "Users": view.users,
            "Lessons": view.lessons,
            "Classes": view.classes,
            "Classrooms": view.classrooms,
            "Schools": view.schools,
            "Units": view.units,
            "HomeWorks": view.agenda,
            "HomeWorkAssignments": view.homework,
            "SchoolNotices": view.notices,
            "LuckyNumbers": view.lucky_number,
            "Notes": view.notes,
            "Realizations": view.realizations,
            "PointGrades": view.point_grades,
            "PointGrades/Categories": view.point_categories,
            "DescriptiveGrades": view.descriptive_grades,
            "DescriptiveGrades/Skills": view.skills,
            "BehaviourGrades/Points": view.behaviour_grades,
            "Auth/TokenInfo": view.token_info,
            "HomeWorks/Categories": lambda: view.named(
                "Categories", w.agenda_categories, "HomeWorks/Categories"
            ),
            "Notes/Categories": lambda: view.named(
                "Categories", w.note_categories, "Notes/Categories", key="CategoryName"
            ),
            "Calendars/ClassFreeDays/Types": lambda: view.named(
                "Types", w.free_day_types, "Calendars/ClassFreeDays/Types"
            ),
            "SchoolFreeDays": lambda: view.free_days("SchoolFreeDays"),
            "ClassFreeDays": lambda: view.free_days("ClassFreeDays"),
        }

    def _with_argument(
        self, request: web.Request, resource: str, view: GatewayView
    ) -> tuple[int, JsonObj | str]:
        if resource == "Timetables":
            week = request.query.get("weekStart") or request.query.get("day")
            try:
                start = date.fromisoformat(week) if week else view.today
            except ValueError:
                return 400, {
                    "Status": "Error",
                    "Code": "InvalidRequest",
                    "Message": "[212] Invalid request params",
                }
            return 200, view.timetable(start)
        found: JsonObj | None = None
        if resource.startswith("Users/"):
            user = _int(resource[len("Users/") :])
            found = view.user(user) if user is not None else None
        elif resource.startswith("Auth/UserInfo/"):
            found = view.user_info(resource[len("Auth/UserInfo/") :])
        elif resource.startswith("Auth/Users/Kindergarteners/"):
            found = KindergartenView(view).kindergartener(resource.rsplit("/", 1)[1])
        elif resource == "Auth/Classrooms":
            found = KindergartenView(view).classrooms()
        return (200, found) if found is not None else (404, NOT_FOUND)

    def _post(
        self, resource: str, view: GatewayView, session: Session
    ) -> tuple[int, JsonObj | str]:
        partial = "Auth/DescriptiveGradingSystem/PartialGrades/Student/"
        if resource.startswith(partial):
            return 200, view.partial_grades(resource[len(partial) :])
        if resource.startswith("SchoolNotices/MarkAsRead/"):
            notice_id = resource.rsplit("/", 1)[1]
            notice = self.world.notices.get(notice_id)
            self._side_effect(session.login, "mark_notice_read", notice=notice_id)
            if notice is None or view.s.id in notice.read_by:
                return 400, {"Code": "InvalidRequest", "Message": "[212] Invalid request params"}
            notice.read_by.add(view.s.id)
            return 200, {}
        if resource in ("ChangeRegister", "PushDevices", "Justifications"):
            self._side_effect(session.login, f"post_{resource}")
            return 400, {
                "Status": "Error",
                "Code": "InvalidRequest",
                "Message": "[212] Invalid request params",
            }
        self._side_effect(session.login, "post_gateway", resource=resource)
        return 404, {"Status": "Error", "Code": "NotFound", "Message": "Resource not found"}

    # ------------------------------------------------------------------ api.librus.pl

    def _api_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/OAuth/Authorization", self.authorization_page)
        app.router.add_post("/OAuth/Authorization", self.authorization_post)
        app.router.add_get("/OAuth/Authorization/2FA", self.step_2fa)
        app.router.add_get("/OAuth/Authorization/PerformLogin", self.step_perform)
        app.router.add_get("/OAuth/Authorization/Grant", self.step_grant)
        app.router.add_post("/OAuth/Token", self.legacy_token)
        return app

    def _flow(self, request: web.Request) -> AuthFlow | None:
        sid = request.cookies.get("DZIENNIKSID")
        return self._flows.get(sid) if sid else None

    async def authorization_page(self, request: web.Request) -> web.StreamResponse:
        self.counter(None).requests["OAuth/Authorization GET"] += 1
        state = request.query.get("state", "")
        old = request.cookies.get("DZIENNIKSID")
        if old:
            self._flows.pop(old, None)  # a second GET starts a new OAuth session
        sid = secrets.token_hex(16)
        self._flows[sid] = AuthFlow(state=state)
        response = web.Response(status=200, content_type="text/html", text=LOGIN_PAGE)
        response.set_cookie("DZIENNIKSID", sid, path="/", secure=True, httponly=True)
        response.set_cookie(
            "SDZIENNIKSID", secrets.token_hex(8), path="/", secure=True, httponly=True
        )
        return response

    async def authorization_post(self, request: web.Request) -> web.StreamResponse:
        form = await request.post()
        login = str(form.get("login", ""))
        password = str(form.get("pass", ""))
        known = self.world.student_by_login(login)
        counted = login if known else None
        counters = self.counter(counted)
        counters.requests["login"] += 1
        counters.login_attempts += 1
        if self.guard.login(request.remote or "?", self.clock.now()):
            counters.failed_logins += 1
            if self.guard.answer == "captcha":
                return self._captcha_answer("captcha")
            return _blocked_page()
        fault = self.faults.pick(counted, "login")
        if fault is not None and fault.mode not in LOGIN_ONLY_MODES:
            answer = await self._apply(request, fault, counted)
            if answer is not None:
                return answer
            fault = None
        flow = self._flow(request)
        if flow is None or request.query.get("client_id") != "46" or form.get("action") != "login":
            return web.json_response(
                {"status": "error", "errors": [{"message": "invalid_request"}]}, status=400
            )
        device = request.cookies.get("DeviceCookie")
        known_device = device is not None and login in self._devices.get(device, set())
        mode = fault.mode if fault is not None else None
        if mode is None and login in self._captcha_required:
            mode = "captcha"
        if mode is None and (known is None or known.password_of(login) != password):
            mode = "wrong_password"
        if mode is not None and mode.startswith("captcha"):
            counters.failed_logins += 1
            return self._captcha_answer(mode)
        if mode in ("wrong_password", "wrong_password_flag_false", "account_expired"):
            counters.failed_logins += 1
            if known is not None:
                self._count_failure(login, known_device)
            return self._refusal(mode)
        if mode == "login_refused_other":
            counters.failed_logins += 1
            return web.json_response(
                {"status": "error", "errors": [{"message": OTHER_REFUSAL}]}, status=401
            )
        self._failures.pop(login, None)
        flow.login, flow.stage = login, "2fa"
        flow.action = mode if mode in ACTION_PAGES else self._actions.get(login)
        response = web.json_response(
            {"status": "ok", "goTo": "/OAuth/Authorization/2FA?client_id=46"}
        )
        if device is None:
            device = secrets.token_hex(24)
            response.set_cookie(
                "DeviceCookie",
                device,
                max_age=31_536_000,
                path="/OAuth",
                secure=True,
                httponly=True,
            )
        self._devices.setdefault(device, set()).add(login)
        return response

    def _count_failure(self, login: str, known_device: bool) -> None:
        """A failed login; enough of them within the window from an unknown device
        make Librus ask for a captcha."""
        now = self.clock.now()
        recent = [t for t in self._failures.get(login, []) if now - t < FAILURE_WINDOW]
        recent.append(now)
        self._failures[login] = recent
        if not known_device and len(recent) >= CAPTCHA_AFTER_FAILURES:
            self._captcha_required.add(login)

    def _captcha_answer(self, mode: str) -> web.Response:
        shape = {
            "captcha_message_only": "message_only",
            "captcha_page": "page",
        }.get(mode, self.shapes["captcha"])
        if shape == "page":
            return web.Response(status=403, content_type="text/html", text=CAPTCHA_PAGE)
        body: dict[str, Any] = {"status": "error", "errors": [{"message": CAPTCHA_ERROR}]}
        if shape == "flag":
            body["captchaRequired"] = True
        return web.json_response(body, status=401)

    def _refusal(self, mode: str) -> web.Response:
        message = EXPIRED_ERROR if mode == "account_expired" else LOGIN_ERROR
        body: dict[str, Any] = {"status": "error", "errors": [{"message": message}]}
        shape = self.shapes["wrong_password"]
        flag_false = shape == "flag_false"
        if mode == "wrong_password_flag_false" or (mode == "wrong_password" and flag_false):
            body["captchaRequired"] = False
        return web.json_response(body, status=401)

    async def _step(
        self, request: web.Request, expected: str, following: str, location: str
    ) -> web.StreamResponse:
        flow = self._flow(request)
        login = flow.login if flow else None
        self.counter(login).requests[f"OAuth/{expected}"] += 1
        if flow is None or flow.stage != expected:
            return web.json_response({"error": "invalid_request"}, status=400)
        flow.stage = following
        return redirect(location)

    async def step_2fa(self, request: web.Request) -> web.StreamResponse:
        flow = self._flow(request)
        if flow is not None and flow.stage == "2fa" and flow.action is not None:
            # The account wants something done first: a page, and no session.
            self.counter(flow.login).requests["OAuth/2fa"] += 1
            flow.stage = "action"
            return web.Response(
                status=200, content_type="text/html", text=ACTION_PAGES[flow.action]
            )
        return await self._step(
            request, "2fa", "perform", "/OAuth/Authorization/PerformLogin?client_id=46"
        )

    async def step_perform(self, request: web.Request) -> web.StreamResponse:
        return await self._step(
            request, "perform", "grant", "/OAuth/Authorization/Grant?client_id=46"
        )

    async def step_grant(self, request: web.Request) -> web.StreamResponse:
        flow = self._flow(request)
        login = flow.login if flow else None
        self.counter(login).requests["OAuth/grant"] += 1
        if flow is None or flow.stage != "grant" or flow.login is None:
            return web.json_response({"error": "invalid_request"}, status=400)
        flow.stage = "done"
        code = secrets.token_hex(16)
        self._codes[code] = (flow.login, flow.state)
        return redirect(
            f"https://synergia.librus.pl/loguj/portalRodzina?code={code}&state={quote(flow.state)}"
        )

    async def legacy_token(self, _request: web.Request) -> web.StreamResponse:
        self.counter(None).requests["OAuth/Token"] += 1
        return web.json_response(
            {
                "error": "unsupported_grant_type",
                "message": "The authorization grant type is not supported",
            },
            status=400,
        )

    # ------------------------------------------------------------------ wiadomosci.librus.pl

    def _messages_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get(
            "/pobierz/MultiDomainLogon/token/{token}/login/{login}/target/{target}/from/{source}",
            self.messages_handoff,
        )
        app.router.add_get("/nowy", self.messages_home)
        app.router.add_route("*", "/api/{path:.*}", self.messages_api)
        return app

    async def messages_handoff(self, request: web.Request) -> web.StreamResponse:
        login = self._handoffs.pop(request.match_info["token"], None)
        self.counter(login).requests["messages/handoff"] += 1
        if login is None:
            return redirect("https://synergia.librus.pl/loguj/portalRodzina")
        key = secrets.token_hex(20)
        self._messages[key] = MessagesSession(
            login, self.clock.now() + self.messages_session_lifetime
        )
        response = redirect("/nowy")
        response.set_cookie("wiadomosci_sid", key, path="/", secure=True, httponly=True)
        return response

    async def messages_home(self, _request: web.Request) -> web.StreamResponse:
        return web.Response(
            status=200,
            content_type="text/html",
            text='<html><body><div id="app">Wiadomości</div></body></html>',
        )

    async def messages_api(self, request: web.Request) -> web.StreamResponse:
        path = request.match_info["path"].strip("/")
        key = request.cookies.get("wiadomosci_sid")
        session = self._messages.get(key) if key else None
        if session is not None and session.expires_at <= self.clock.now():
            session = None
        login = session.login if session else None
        endpoint = "messages/" + _endpoint_key(path)
        self.counter(login).requests[endpoint] += 1
        fault = await self._fault(request, login, endpoint)
        if fault is not None:
            return fault
        if session is None:
            return web.json_response({"error": "unauthorized"}, status=401)
        view = GatewayView(self.world, self.student(session.login), self.clock.now(), session.login)
        parts = path.split("/")
        if request.method == "GET":
            if path == "inbox/unreadMessagesCount":
                unread = sum(1 for m in view.inbox() if m.read_at is None or m.read_at > view.now)
                counts = {
                    "inbox": unread,
                    "notes": 0,
                    "alerts": 0,
                    "substitutions": 0,
                    "absences": 0,
                    "justifications": 0,
                    "trash": 0,
                }
                counts.update({f"archive{box[:1].upper()}{box[1:]}": 0 for box in list(counts)})
                return web.json_response({"data": counts})
            if path == "me":
                s = view.s
                return web.json_response(
                    {
                        "data": {
                            "firstName": s.parent_first_name,
                            "lastName": s.last_name,
                            "groupName": "rodzic",
                            "accountId": s.parent_messages_id,
                            "accessToAttachments": True,
                        }
                    }
                )
            if len(parts) == 2 and parts[1] == "messages":
                return self._message_list(request, view, parts[0])
            if len(parts) == 3 and parts[0] == "inbox" and parts[1] == "messages":
                return self._open_message(view, parts[2])
            return web.json_response({"error": "not found"}, status=404)
        self._side_effect(login, "messages_write", path=path, method=request.method)
        return web.json_response(
            {"data": {"messageId": self.world.new_id(), "status": "sent"}}, status=201
        )

    def _message_list(
        self, request: web.Request, view: GatewayView, mailbox: str
    ) -> web.StreamResponse:
        if mailbox in ("substitutions", "alerts"):
            return web.json_response([])
        if mailbox != "inbox":
            return web.json_response({"data": [], "total": 0})
        limit = _int(request.query.get("limit")) or 10
        page = max(_int(request.query.get("page")) or 1, 1)
        items = view.inbox()
        if request.query.get("unreadOnly") == "1":
            items = [m for m in items if m.read_at is None or m.read_at > view.now]
        chunk = items[(page - 1) * limit : page * limit]
        return web.json_response(
            {"data": [view.message_item(m) for m in chunk], "total": len(items)}
        )

    def _open_message(self, view: GatewayView, message_id: str) -> web.StreamResponse:
        message = self.world.messages.get(message_id)
        if (
            message is None
            or message.student_id != view.s.id
            or not view.visible(message.visible_from)
        ):
            return web.json_response({"error": "Nie odnaleziono wiadomości."}, status=404)
        if message.read_at is None or message.read_at > view.now:
            message.read_at = view.now
            self._side_effect(
                view.s.login, "message_opened", message=message_id, read_at=local_stamp(view.now)
            )
        return web.json_response(view.message_full(message))


def _blocked_page() -> web.Response:
    status, body, content_type = CANNED_FAULTS["html_forbidden"]
    return web.Response(status=status, text=str(body), content_type=content_type)


def redirect(location: str) -> web.Response:
    return web.Response(status=302, headers={"Location": location})


def _endpoint_key(path: str) -> str:
    """`api/2.0/Users/123` → `Users/{id}`; query strings are not part of the key."""
    path = path.split("?", 1)[0].strip("/")
    if path.startswith("api/2.0/"):
        path = path[len("api/2.0/") :]
    parts = [
        ("{id}" if part.isdigit() or part.startswith("LID-") else part) for part in path.split("/")
    ]
    return "/".join(parts)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _bound_port(runner: web.AppRunner) -> int:
    for site in runner.sites:
        server = getattr(site, "_server", None)
        if server is not None and server.sockets:
            return int(server.sockets[0].getsockname()[1])
    raise RuntimeError("the simulator did not bind a port")


def _reshape(body: Any, *, empty: bool) -> Any:
    """The answer's first list cut to less than half of it (or emptied)."""
    if not isinstance(body, dict):
        return body
    for key, value in body.items():
        if isinstance(value, list) and value:
            keep = 0 if empty else max(0, (len(value) - 1) // 3)
            return {**body, key: value[:keep]}
    return body
