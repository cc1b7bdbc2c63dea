"""Health judged from what a process reports (`Watched`), without starting one."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from dzwonek.health import Liveness, check
from storage import schema


@dataclass
class Process:
    revision: str | None = field(default_factory=schema.head_revision)
    live: Liveness = field(default_factory=Liveness)
    database_up: bool = True

    async def schema_revision(self) -> str | None:
        if not self.database_up:
            raise ConnectionRefusedError("no database")
        return self.revision

    def liveness(self) -> Liveness:
        return self.live

    async def refresh_gauges(self) -> None:
        return None


async def test_a_process_whose_loops_run_is_healthy() -> None:
    live = Liveness(poller_quiet=5.0, sender="standby", updates_running=True)
    verdict = await check(Process(live=live))
    assert verdict.healthy
    assert verdict.checks == {
        "database": "ok",
        "schema": "ok",
        "poller": "ok",
        "sender": "ok",
        "updates": "ok",
    }


@pytest.mark.parametrize(
    ("process", "failing", "says"),
    [
        (Process(database_up=False), "database", "unreachable (ConnectionRefusedError)"),
        (Process(revision="0001"), "schema", "at 0001, not the current one"),
        (Process(live=Liveness(poller_quiet=200.0, poller_limit=60.0)), "poller", "no claim"),
        (Process(live=Liveness(sender="not running")), "sender", "not running"),
        (Process(live=Liveness(sender=90.0, sender_limit=60.0)), "sender", "no send pass"),
        (Process(live=Liveness(updates_running=False)), "updates", "not running"),
    ],
)
async def test_each_stuck_part_is_named(process: Process, failing: str, says: str) -> None:
    verdict = await check(process)
    assert not verdict.healthy
    assert verdict.checks[failing].startswith(says)
    assert failing in verdict.to_json()["reason"]


async def test_a_role_this_process_does_not_have_is_not_checked() -> None:
    verdict = await check(Process())
    assert set(verdict.checks) == {"database", "schema"}
