"""The simulator's control API as JSON over HTTP (plain HTTP on 127.0.0.1).

GET    /accounts                       the generated logins
GET    /counters[?login=]              requests by endpoint, logins, side effects
POST   /counters/reset
GET    /clock                          {"now": iso, "frozen": bool}
POST   /clock                          {"set": iso} | {"advance_seconds": n} [, "frozen": bool]
GET    /faults                         active rules
POST   /faults                         {"mode", "endpoint", "login", "count", "probability",
                                        "delay"}
DELETE /faults[?login=]
POST   /sessions/kill                  {"login"}
POST   /captcha/clear                  {"login"}
GET    /login-shapes                   how refusals are shaped now, and the choices
POST   /login-shapes                   {"captcha": "flag"|"message_only"|"page",
                                        "wrong_password": "plain"|"flag_false"}
POST   /actions                        {"login", "action": "password_change"|"accept_terms"}
POST   /actions/clear                  {"login", "new_password"?}
POST   /school-year                    the school moves to the year the clock is in
GET    /guard                          per-address thresholds, counts and peaks
POST   /guard                          {"logins_per_hour", "requests_per_hour": n|null,
                                        "answer": "captcha"|"html_403", "reset": bool}
GET    /items/{kind}[?login=]          records (grade, message, attendance, plan_change, agenda,
                                       homework, notice, note)
POST   /items/{kind}                   {"login", ...fields} -> {"id"}
PATCH  /items/{kind}/{id}              {...changes}
DELETE /items/{kind}/{id}
POST   /attendance/{id}/excuse         {"at": iso?}
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from aiohttp import web

from simulator.librus.editor import EditError, WorldEditor
from simulator.librus.faults import FaultRule
from simulator.librus.login_pages import LOGIN_SHAPES

if TYPE_CHECKING:
    from simulator.librus.host_core import SimulatorCore


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


async def _body(request: web.Request) -> dict[str, Any]:
    if not request.can_read_body:
        return {}
    try:
        body = await request.json()
    except json.JSONDecodeError as err:
        raise web.HTTPBadRequest(
            text=json.dumps({"error": f"not JSON: {err}"}), content_type="application/json"
        ) from err
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(
            text='{"error": "expected a JSON object"}', content_type="application/json"
        )
    return body


class ControlApi:
    """Handlers of the control API, one method per route."""

    def __init__(self, sim: SimulatorCore) -> None:
        self.sim = sim
        self.editor = WorldEditor(sim.world, sim.clock)

    async def accounts(self, _: web.Request) -> web.Response:
        return web.json_response({"accounts": self.sim.accounts()})

    async def counters(self, request: web.Request) -> web.Response:
        login = request.query.get("login")
        if login:
            return web.json_response(self.sim.counter(login).to_json())
        return web.json_response({key: c.to_json() for key, c in self.sim.counters.items()})

    async def reset_counters(self, _: web.Request) -> web.Response:
        self.sim.reset_counters()
        return web.json_response({"ok": True})

    def _clock(self) -> web.Response:
        clock = self.sim.clock
        return web.json_response({"now": clock.now().isoformat(), "frozen": clock.frozen})

    async def get_clock(self, _: web.Request) -> web.Response:
        return self._clock()

    async def set_clock(self, request: web.Request) -> web.Response:
        body = await _body(request)
        frozen = body.get("frozen")
        if "set" in body:
            try:
                when = datetime.fromisoformat(str(body["set"]))
            except ValueError:
                return _error(400, "set: expected an ISO 8601 time with a zone")
            if when.tzinfo is None:
                return _error(400, "set: the time needs a zone, e.g. +01:00")
            self.sim.clock.set(when, frozen=frozen if isinstance(frozen, bool) else None)
        elif "advance_seconds" in body:
            self.sim.clock.advance(timedelta(seconds=float(body["advance_seconds"])))
        else:
            return _error(400, 'expected "set" or "advance_seconds"')
        return self._clock()

    async def faults(self, _: web.Request) -> web.Response:
        return web.json_response({"faults": [r.to_json() for r in self.sim.faults.rules]})

    async def add_fault(self, request: web.Request) -> web.Response:
        body = await _body(request)
        try:
            rule = self.sim.faults.add(
                FaultRule(
                    mode=str(body.get("mode")),
                    endpoint=str(body.get("endpoint", "*")),
                    login=body.get("login"),
                    count=body.get("count", 1),
                    probability=body.get("probability"),
                    delay=float(body.get("delay", 5.0)),
                )
            )
        except (ValueError, TypeError) as err:
            return _error(400, str(err))
        return web.json_response(rule.to_json(), status=201)

    async def clear_faults(self, request: web.Request) -> web.Response:
        self.sim.faults.clear(login=request.query.get("login"))
        return web.json_response({"ok": True})

    async def kill_sessions(self, request: web.Request) -> web.Response:
        self.sim.kill_sessions(str((await _body(request)).get("login")))
        return web.json_response({"ok": True})

    async def clear_captcha(self, request: web.Request) -> web.Response:
        self.sim.clear_captcha(str((await _body(request)).get("login")))
        return web.json_response({"ok": True})

    async def login_shapes(self, _: web.Request) -> web.Response:
        return web.json_response({"shapes": self.sim.shapes, "choices": LOGIN_SHAPES})

    async def set_login_shapes(self, request: web.Request) -> web.Response:
        body = await _body(request)
        try:
            for refusal, shape in body.items():
                self.sim.set_shape(str(refusal), str(shape))
        except ValueError as err:
            return _error(400, str(err))
        return web.json_response({"shapes": self.sim.shapes})

    async def require_action(self, request: web.Request) -> web.Response:
        body = await _body(request)
        try:
            self.sim.require_action(str(body.get("login")), str(body.get("action")))
        except (KeyError, ValueError) as err:
            return _error(400, str(err))
        return web.json_response({"ok": True})

    async def clear_action(self, request: web.Request) -> web.Response:
        body = await _body(request)
        new_password = body.get("new_password")
        try:
            self.sim.clear_action(
                str(body.get("login")),
                new_password=new_password if isinstance(new_password, str) else None,
            )
        except KeyError as err:
            return _error(400, str(err))
        return web.json_response({"ok": True})

    async def new_school_year(self, _: web.Request) -> web.Response:
        return web.json_response({"start": self.editor.new_school_year().isoformat()})

    async def guard(self, _: web.Request) -> web.Response:
        return web.json_response(self.sim.guard.to_json())

    async def set_guard(self, request: web.Request) -> web.Response:
        body = await _body(request)
        try:
            self.sim.guard.configure(body)
        except ValueError as err:
            return _error(400, str(err))
        if body.get("reset"):
            self.sim.guard.reset()
        return web.json_response(self.sim.guard.to_json())

    async def list_items(self, request: web.Request) -> web.Response:
        try:
            items = self.editor.list(request.match_info["kind"], request.query.get("login"))
        except EditError as err:
            return _error(404, str(err))
        return web.json_response({"items": items})

    async def add_item(self, request: web.Request) -> web.Response:
        body = await _body(request)
        login = body.pop("login", None)
        if not isinstance(login, str):
            return _error(400, 'expected "login"')
        try:
            item_id = self.editor.add(request.match_info["kind"], login, body)
        except (EditError, ValueError) as err:
            return _error(400, str(err))
        return web.json_response({"id": item_id}, status=201)

    async def edit_item(self, request: web.Request) -> web.Response:
        body = await _body(request)
        try:
            self.editor.edit(request.match_info["kind"], request.match_info["id"], body)
        except (EditError, ValueError) as err:
            return _error(400, str(err))
        return web.json_response({"ok": True})

    async def delete_item(self, request: web.Request) -> web.Response:
        try:
            self.editor.delete(request.match_info["kind"], request.match_info["id"])
        except (EditError, ValueError) as err:
            return _error(404, str(err))
        return web.json_response({"ok": True})

    async def excuse(self, request: web.Request) -> web.Response:
        body = await _body(request)
        at = datetime.fromisoformat(body["at"]) if isinstance(body.get("at"), str) else None
        try:
            self.editor.excuse(request.match_info["id"], at=at)
        except EditError as err:
            return _error(404, str(err))
        return web.json_response({"ok": True})


def build_app(sim: SimulatorCore) -> web.Application:
    api = ControlApi(sim)
    app = web.Application()
    app.router.add_get("/accounts", api.accounts)
    app.router.add_get("/counters", api.counters)
    app.router.add_post("/counters/reset", api.reset_counters)
    app.router.add_get("/clock", api.get_clock)
    app.router.add_post("/clock", api.set_clock)
    app.router.add_get("/faults", api.faults)
    app.router.add_post("/faults", api.add_fault)
    app.router.add_delete("/faults", api.clear_faults)
    app.router.add_post("/sessions/kill", api.kill_sessions)
    app.router.add_post("/captcha/clear", api.clear_captcha)
    app.router.add_get("/login-shapes", api.login_shapes)
    app.router.add_post("/login-shapes", api.set_login_shapes)
    app.router.add_post("/actions", api.require_action)
    app.router.add_post("/actions/clear", api.clear_action)
    app.router.add_post("/school-year", api.new_school_year)
    app.router.add_get("/guard", api.guard)
    app.router.add_post("/guard", api.set_guard)
    app.router.add_get("/items/{kind}", api.list_items)
    app.router.add_post("/items/{kind}", api.add_item)
    app.router.add_patch("/items/{kind}/{id}", api.edit_item)
    app.router.add_delete("/items/{kind}/{id}", api.delete_item)
    app.router.add_post("/attendance/{id}/excuse", api.excuse)
    return app
