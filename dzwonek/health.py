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
from dataclasses import dataclass
from typing import Any, Protocol

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from storage import schema
from sync.metrics import render

log = logging.getLogger("dzwonek.health")


@dataclass(frozen=True)
class Liveness:
    """How the loops of this process are doing, as health judges them. A loop this
    process does not run is None."""

    # Seconds since the claim loop last ticked, and how long is too long.
    poller_quiet: float | None = None
    poller_limit: float = 60.0
    # "not running", "standby" (another process holds the sender's lock), or the
    # seconds since the last send pass.
    sender: str | float | None = None
    sender_limit: float = 60.0
    updates_running: bool | None = None


class Watched(Protocol):
    """What health reads of a running process (the `Runtime` gives it)."""

    async def schema_revision(self) -> str | None:
        """The database's schema revision (raises when the database does not answer)."""
        ...

    def liveness(self) -> Liveness: ...

    async def refresh_gauges(self) -> None: ...


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


async def check(watched: Watched) -> Verdict:
    checks: dict[str, str] = {}
    try:
        current = await watched.schema_revision()
        checks["database"] = "ok"
        checks["schema"] = (
            "ok" if current == schema.head_revision() else f"at {current}, not the current one"
        )
    except Exception as err:  # noqa: BLE001 - whatever it is, the database is not usable
        checks["database"] = f"unreachable ({type(err).__name__})"
    live = watched.liveness()
    if live.poller_quiet is not None:
        quiet = live.poller_quiet
        checks["poller"] = "ok" if quiet <= live.poller_limit else f"no claim for {quiet:.0f} s"
    if isinstance(live.sender, str):
        checks["sender"] = "ok" if live.sender == "standby" else live.sender
    elif live.sender is not None:
        quiet = live.sender
        checks["sender"] = "ok" if quiet <= live.sender_limit else f"no send pass for {quiet:.0f} s"
    if live.updates_running is not None:
        checks["updates"] = "ok" if live.updates_running else "not running"
    return Verdict(all(state == "ok" for state in checks.values()), checks)


class HealthServer:
    def __init__(self, runtime: Watched, host: str, port: int) -> None:
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
