"""api.librus.pl: the OAuth login (the form, 2FA, PerformLogin, Grant), every refusal
shape real clients saw (wrong password, captcha, an action wanted in the browser),
and the captcha after repeated failures from an unknown device."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from aiohttp import web

from simulator.librus.host_core import (
    AuthFlow,
    SimulatorCore,
    blocked_page,
    redirect,
)
from simulator.librus.login_pages import (
    ACTION_PAGES,
    CAPTCHA_ERROR,
    CAPTCHA_PAGE,
    EXPIRED_ERROR,
    LOGIN_ERROR,
    LOGIN_PAGE,
    OTHER_REFUSAL,
)

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


class OAuthHost(SimulatorCore):
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
            return blocked_page()
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
