"""The simulator's JSON control API and the `dzwonek simulator` command."""

from __future__ import annotations

import json
import subprocess
import sys

import aiohttp

from simulator.librus.server import LibrusSimulator
from simulator.standalone import ACCOUNT_FIELDS
from tests.conftest import SIM_NOW
from tests.librus_helpers import library_for, transport_for


async def test_control_api_round_trip(librus: LibrusSimulator) -> None:
    login = librus.accounts()[0]["login"]
    async with aiohttp.ClientSession(base_url=librus.control_url) as http:
        async with http.get("/accounts") as resp:
            accounts = (await resp.json())["accounts"]
        assert [a["login"] for a in accounts] == [a["login"] for a in librus.accounts()]
        async with http.post(
            "/items/grade", json={"login": login, "value": "4+", "subject": "Matematyka"}
        ) as resp:
            assert resp.status == 201
            grade_id = (await resp.json())["id"]
        async with http.patch(f"/items/grade/{grade_id}", json={"value": "5"}) as resp:
            assert resp.status == 200
        async with http.post("/items/grade", json={"login": "nobody"}) as resp:
            assert resp.status == 400 and "nobody" in (await resp.json())["error"]
        async with http.post("/clock", json={"advance_seconds": 3600}) as resp:
            assert (await resp.json())["now"].startswith("2026-11-25T10:30")
        async with http.post(
            "/faults",
            json={"mode": "maintenance", "endpoint": "Grades", "login": login, "count": 1},
        ) as resp:
            assert resp.status == 201
        async with http.post("/faults", json={"mode": "volcano"}) as resp:
            assert resp.status == 400
        transport = transport_for(librus)
        lib, session = library_for(transport, login, librus.accounts()[0]["password"])
        try:
            await lib.login()
            assert await lib.client.async_get_me()
        finally:
            await session.close()
            await transport.close()
        async with http.get("/counters", params={"login": login}) as resp:
            counters = await resp.json()
        assert counters["logins"] == 1 and counters["requests"]["Me"] == 1
        async with http.delete(f"/items/grade/{grade_id}") as resp:
            assert resp.status == 200
        async with http.get("/items/grade", params={"login": login}) as resp:
            assert grade_id not in [g["id"] for g in (await resp.json())["items"]]
    assert librus.world.grades.get(grade_id) is None
    assert librus.clock.now() > SIM_NOW


def test_simulator_command_prints_addresses_first() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "dzwonek", "simulator", "--students", "3", "--seed", "9"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        info = json.loads(line)
        assert info["librus"]["connect_to"].startswith("127.0.0.1:")
        assert info["librus"]["ca_file"].endswith(".pem")
        assert info["librus"]["control_url"].startswith("http://127.0.0.1:")
        assert len(info["accounts"]) == 3
        assert set(info["accounts"][0]) == set(ACCOUNT_FIELDS)
        assert any(a["parent_login"] and a["parent_login"].isdigit() for a in info["accounts"])
    finally:
        proc.terminate()
        assert proc.wait(timeout=20) == 0
