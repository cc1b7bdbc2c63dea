"""The fake Bot API in a process of its own, for bench/delivery: a sender measured
against a fake that shares its event loop starves it when the machine is busy (11.5
messages a second and nine 429s on a machine loaded four times over), and the figure
is then the fake's, not the sender's.

    python -m bench.telegram_process --private N --groups M

The first line on stdout is one JSON object: the token, the API base and this
process's pid. Then each line read from stdin is answered with one line: "stats"
with the fake's counts (messages sent, 429s, limit violations by limit); end of
input stops it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections import Counter
from typing import Any

from simulator.telegram.server import FakeTelegram

#: The fake's own chat ids for the groups (negative, as Telegram's are).
GROUP_BASE = -1_000_000_000_000
PRIVATE_BASE = 20_000_000


def chat_ids(private: int, groups: int) -> tuple[list[int], list[int]]:
    return (
        [PRIVATE_BASE + n for n in range(private)],
        [GROUP_BASE - n for n in range(groups)],
    )


def counts(telegram: FakeTelegram) -> dict[str, Any]:
    return {
        "sent": telegram.stats()["sent"],
        "rate_limited": sum(1 for _, status in telegram.requests if status == 429),
        "violations": len(telegram.flood.violations),
        "violations_by_limit": dict(Counter(which for _, which in telegram.flood.violations)),
    }


def _write(figures: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(figures) + "\n")
    sys.stdout.flush()


async def serve(private: int, groups: int) -> None:
    telegram = FakeTelegram()
    await telegram.start()
    users, chats = chat_ids(private, groups)
    for chat in users:
        telegram.user(chat, "Anna")
    for chat in chats:
        telegram.group(chat, members={users[0]: "creator"})
        telegram.chats[chat].bot_status = "member"
    _write({"token": telegram.token, "api_base": telegram.api_base})
    loop = asyncio.get_running_loop()
    try:
        while line := await loop.run_in_executor(None, sys.stdin.readline):
            if line.strip() == "stats":
                _write(counts(telegram))
    finally:
        await telegram.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--private", type=int, required=True)
    parser.add_argument("--groups", type=int, required=True)
    args = parser.parse_args()
    asyncio.run(serve(args.private, args.groups))


if __name__ == "__main__":
    main()
