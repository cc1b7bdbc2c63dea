"""One worker process of bench/scaleout.py: the pollers as `dzwonek run --role poller`
builds them, polling what is due until nothing is, after a go from the parent.

    python -m bench.scaleout_worker WORLD_JSON_FILE   (Librus address, CA file, database
                                                       URL and key ring, from the parent)

Prints `ready` once connected; on a line on stdin, polls; then prints one JSON line:
each poll it made (account, start and end on the machine's monotonic clock, outcome,
kinds that failed), its CPU seconds and wall time of the cycle.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import polling_stack, settings_for
from bot.config import Settings
from sync.clock import SystemClock


async def main(settings: Settings) -> None:
    stack = await polling_stack(settings, SystemClock(), migrate=False)
    polled: list[dict[str, Any]] = []
    syncer = stack.poller.syncer
    run = syncer.run

    async def noted(account_id: int, *args: Any, **kwargs: Any) -> Any:
        # CLOCK_MONOTONIC is the machine's: the parent compares the workers' polls.
        poll: dict[str, Any] = {"account": account_id, "started": time.monotonic()}
        polled.append(poll)
        try:
            result = await run(account_id, *args, **kwargs)
        except BaseException:
            poll.update(ended=time.monotonic(), status="failed", failed_kinds=0)
            raise
        failed_kinds = 0
        if result.outcome is not None:
            failed_kinds = sum(r.status == "failed" for r in result.outcome.results.values())
        poll.update(ended=time.monotonic(), status=result.status, failed_kinds=failed_kinds)
        return result

    syncer.run = noted  # type: ignore[method-assign]
    async with stack.store.reading() as uow:  # the pool warmed before the clock starts
        await uow.sync.get(0)
    print("ready", flush=True)
    await asyncio.to_thread(sys.stdin.readline)
    wall, cpu = time.perf_counter(), time.process_time()
    await stack.poller.run_until_idle()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    failed = stack.poller.stats.failed
    await stack.close()
    print(
        json.dumps({"polled": polled, "failed": failed, "cpu_s": cpu, "wall_s": wall}), flush=True
    )


if __name__ == "__main__":
    given = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    asyncio.run(
        main(
            settings_for(
                given["connect_to"],
                given["ca_file"],
                Path(sys.argv[1]).parent,
                database_url=given["database_url"],
                keyring=given["keyring"],
            )
        )
    )
