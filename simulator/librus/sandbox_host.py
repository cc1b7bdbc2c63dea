"""sandbox.librus.pl: where both kinds of attachment are finally downloaded (see
`files` for what of it is confirmed). A key is good for its one file; a file is
counted in `SimFile.downloads` when its bytes go out. Nothing here marks anything
read: the tests that prove the bot reads no message check `side_effects` stays empty.
"""

from __future__ import annotations

from urllib.parse import quote

from aiohttp import web

from simulator.librus.files import SandboxKey
from simulator.librus.host_core import SimulatorCore

WAIT_PAGE = (
    "<html><head><title>Librus – pobieranie pliku</title></head><body>"
    "<p>Trwa przygotowywanie pliku do pobrania…</p></body></html>"
)


class SandboxHost(SimulatorCore):
    # ------------------------------------------------------------------ sandbox.librus.pl

    def _sandbox_app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/GetFile/{key}", self.sandbox_wait_page)
        app.router.add_get("/GetFile/{key}/get", self.sandbox_get_file)
        app.router.add_route("*", "/index.php", self.sandbox_index)
        return app

    def _key(self, key: str | None, endpoint: str) -> SandboxKey | None:
        found = self._sandbox_keys.get(key or "")
        self.counter(found.login if found else None).requests[f"sandbox/{endpoint}"] += 1
        return found

    async def sandbox_wait_page(self, request: web.Request) -> web.StreamResponse:
        found = self._key(request.match_info["key"], "GetFile")
        if found is None:
            return web.Response(status=404, text="Plik nie istnieje.", content_type="text/html")
        return web.Response(status=200, text=WAIT_PAGE, content_type="text/html")

    async def sandbox_get_file(self, request: web.Request) -> web.StreamResponse:
        found = self._key(request.match_info["key"], "GetFile/get")
        if found is None:
            return web.Response(status=404, text="Plik nie istnieje.", content_type="text/html")
        fault = await self._fault(request, found.login, "sandbox/GetFile/get")
        if fault is not None:
            return fault
        shaped = self.world.file(found.file_id, found.name)
        if found.checks < shaped.waits:
            found.checks += 1
            return web.Response(status=200, text=WAIT_PAGE, content_type="text/html")
        return self._file(found)

    async def sandbox_index(self, request: web.Request) -> web.StreamResponse:
        action = request.query.get("action", "")
        if action == "CSDownloadFailed":
            self.counter(None).requests["sandbox/CSDownloadFailed"] += 1
            return web.Response(status=200, text="Nie udało się pobrać pliku.")
        if request.method == "POST" and action == "CSCheckKey":
            form = await request.post()
            key = form.get("singleUseKey")
            found = self._key(key if isinstance(key, str) else None, action)
            if found is None or found.failing:
                return web.json_response({"status": "download_failed"})
            fault = await self._fault(request, found.login, "sandbox/CSCheckKey")
            if fault is not None:
                return fault
            if found.checks < self.world.file(found.file_id, found.name).waits:
                found.checks += 1
                return web.json_response({"status": "not_downloaded_yet"})
            return web.json_response({"status": "ready"})
        found = self._key(request.query.get("singleUseKey"), action or "index")
        if found is None:
            return web.Response(status=404, text="Plik nie istnieje.", content_type="text/html")
        if action == "CSTryToDownload":
            return web.Response(status=200, text=WAIT_PAGE, content_type="text/html")
        if action == "CSDownload" and not found.failing:
            self._sandbox_keys.pop(request.query.get("singleUseKey", ""), None)  # single use
            return self._file(found)
        return web.Response(status=404, text="Plik nie istnieje.", content_type="text/html")

    def _file(self, found: SandboxKey) -> web.Response:
        shaped = self.world.file(found.file_id, found.name)
        shaped.downloads += 1
        return web.Response(
            status=200,
            body=shaped.content(),
            headers={
                "Content-Type": shaped.content_type,
                "Content-Disposition": f"attachment; filename*=UTF-8''{quote(shaped.name)}",
            },
        )
