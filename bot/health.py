"""The operator's port: `/healthz` and `/metrics` (Prometheus) on a local address.

`/healthz` answers 200 only when everything this process is meant to do is being done:
the database answers, its schema is the one this code expects, the claim loop has
ticked lately (poller role), the sender is alive — sending, or standing by behind
another process's lock — (sender role), and the update loop runs (bot role).
Otherwise 503, with the failing checks and a reason in JSON, so an orchestrator
restarts what is stuck and an operator sees why.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from storage import schema
from sync.metrics import render

if TYPE_CHECKING:
    from bot.app import Runtime

log = logging.getLogger("dzwonek.health")


@dataclass(frozen=True)
class Verdict:
    healthy: bool
    checks: dict[str, str]

    def to_json(self) -> dict[str, Any]:
        failing = {name: state for name, state in self.checks.items() if state != "ok"}
        body: dict[str, Any] = {"status": "ok" if self.healthy else "unhealthy"}
        body["checks"] = self.checks
        if failing:
            body["reason"] = "; ".join(f"{name}: {state}" for name, state in failing.items())
        return body


async def check(runtime: Runtime) -> Verdict:
    checks: dict[str, str] = {}
    try:
        assert runtime.db is not None
        current = await schema.current_revision(runtime.db)
        checks["database"] = "ok"
        checks["schema"] = (
            "ok" if current == schema.head_revision() else f"at {current}, not the current one"
        )
    except Exception as err:  # noqa: BLE001 - whatever it is, the database is not usable
        checks["database"] = f"unreachable ({type(err).__name__})"
    now = time.monotonic()
    settings = runtime.settings
    if runtime.poller is not None:
        quiet = now - runtime.poller.last_tick
        limit = max(3 * settings.polling.tick_seconds, 60.0)
        checks["poller"] = "ok" if quiet <= limit else f"no claim for {quiet:.0f} s"
    if runtime.sender is not None:
        task = runtime.task("sender")
        if task is None or task.done():
            checks["sender"] = "not running"
        elif runtime.sender.last_pass == 0.0:
            checks["sender"] = "ok"  # standing by: another process holds the lock
        else:
            quiet = now - runtime.sender.last_pass
            limit = max(10 * settings.sender.tick_seconds, 60.0)
            checks["sender"] = "ok" if quiet <= limit else f"no send pass for {quiet:.0f} s"
    if "bot" in runtime.roles:
        task = runtime.task("telegram-updates")
        running = runtime.webhook is not None or (task is not None and not task.done())
        checks["updates"] = "ok" if running else "not running"
    return Verdict(all(state == "ok" for state in checks.values()), checks)


class HealthServer:
    def __init__(self, runtime: Runtime, host: str, port: int) -> None:
        self.runtime = runtime
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/metrics", self.metrics)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        if self.port == 0:  # tests ask for any free port
            self.port = int(self._runner.addresses[0][1])
        log.info("health and metrics listening", extra={"host": self.host, "port": self.port})

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def healthz(self, _: web.Request) -> web.Response:
        verdict = await check(self.runtime)
        return web.json_response(verdict.to_json(), status=200 if verdict.healthy else 503)

    async def metrics(self, _: web.Request) -> web.Response:
        await self.runtime.refresh_gauges()
        response = web.Response(body=render())
        response.headers["Content-Type"] = CONTENT_TYPE_LATEST
        return response
