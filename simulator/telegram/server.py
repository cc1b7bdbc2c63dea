"""A fake Telegram Bot API on 127.0.0.1, for tests, benchmarks and the demo.

Three parts, one job each: `bot_api` serves `/bot<token>/<method>` like
api.telegram.org (validated against the official spec, HTML and lengths checked, flood
limits, a transcript per chat); `driver` acts as any user in any chat, in Python;
`http_driver` offers the same as JSON over HTTP (`/driver/...`). `FakeTelegram` is all
of them on one port.
"""

from __future__ import annotations

from aiohttp import web

from simulator.telegram.driver import Driver
from simulator.telegram.http_driver import add_driver_routes
from simulator.telegram.model import BOT_ID, Entry, FakeChat, FakeUser, TelegramFault


class FakeTelegram(Driver):
    """The fake Bot API server and its driver."""

    async def start(self, port: int = 0) -> None:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        add_driver_routes(app, self)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        for item in self._runner.sites:
            server = getattr(item, "_server", None)
            if server is not None and server.sockets:
                self.port = int(server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        for waiter in list(self._waiters):  # end long polls now, not at their timeout
            if not waiter.done():
                waiter.set_result(None)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


__all__ = ["BOT_ID", "Entry", "FakeChat", "FakeTelegram", "FakeUser", "TelegramFault"]
