"""`dzwonek simulator`: the stand-ins on their own, for manual runs and other tools.

The first line on stdout is one JSON object with the addresses and demo accounts;
then it serves until interrupted.
"""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from typing import Any

from simulator.librus.server import LibrusSimulator

# What the first line tells of each account: the pupil's login and, where the school
# gave one, the parent's own login to the same child.
ACCOUNT_FIELDS = ("login", "password", "student", "parent_login", "parent_password", "parent")


async def run_standalone(*, students: int, seed: int, port: int = 0) -> int:
    librus = LibrusSimulator(seed=seed, students=students)
    await librus.start(port=port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    info: dict[str, Any] = {
        "librus": {
            "connect_to": librus.connect_to,
            "ca_file": str(librus.ca_file),
            "control_url": librus.control_url,
        },
        "accounts": [{key: a[key] for key in ACCOUNT_FIELDS} for a in librus.accounts()],
    }
    sys.stdout.write(json.dumps(info, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    try:
        await stop.wait()
    finally:
        await librus.stop()
    return 0
