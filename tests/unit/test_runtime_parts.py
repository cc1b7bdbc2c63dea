"""The running process's parts: a role that was not asked for is said, not a None."""

from __future__ import annotations

import pytest

from bot.config import Settings
from dzwonek.app import Runtime


def test_a_part_of_a_role_not_run_says_which_role_it_needs() -> None:
    runtime = Runtime(Settings(), roles=("poller",), scheduled=False)
    with pytest.raises(RuntimeError, match="the sender needs the sender role") as raised:
        _ = runtime.sender
    assert "this process: poller" in str(raised.value)
    with pytest.raises(RuntimeError, match="the dispatcher needs the bot role"):
        _ = runtime.dp


def test_the_store_before_start_says_start_is_missing() -> None:
    runtime = Runtime(Settings(), scheduled=False)
    with pytest.raises(RuntimeError, match=r"the store needs start\(\)"):
        _ = runtime.store


def test_unknown_roles_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown roles"):
        Runtime(Settings(), roles=("bot", "mailer"))
