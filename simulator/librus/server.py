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

One module per host (`synergia_host`, `oauth_host`, `messages_host`, `sandbox_host`) on
the state they share (`host_core`); `LibrusSimulator` serves all four over one TLS port.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from aiohttp import web

from simulator.librus import control
from simulator.librus.host_core import bound_port
from simulator.librus.messages_host import MessagesHost
from simulator.librus.oauth_host import OAuthHost
from simulator.librus.sandbox_host import SandboxHost
from simulator.librus.synergia_host import SynergiaHost
from simulator.librus.tls import generate_certificates


class LibrusSimulator(SynergiaHost, OAuthHost, MessagesHost, SandboxHost):
    """The four hosts on one TLS port, and the control API on another."""

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
        app.add_domain("sandbox.librus.pl", self._sandbox_app())
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(
            self._runner, "127.0.0.1", port, ssl_context=self.certificates.server_context()
        )
        await site.start()
        self.port = bound_port(self._runner)
        self._control_runner = web.AppRunner(control.build_app(self), access_log=None)
        await self._control_runner.setup()
        control_site = web.TCPSite(self._control_runner, "127.0.0.1", control_port)
        await control_site.start()
        self.control_port = bound_port(self._control_runner)

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


__all__ = ["LibrusSimulator"]
