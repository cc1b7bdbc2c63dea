"""How bench/scaleout.py tells a retry from an account polled twice: the figure its
"0 polled twice" target rests on."""

from __future__ import annotations

from typing import Any

from bench.scaleout import repeats


def poll(account: int, started: float, ended: float, status: str = "ok", failed: int = 0) -> Any:
    return {
        "account": account,
        "started": started,
        "ended": ended,
        "status": status,
        "failed_kinds": failed,
    }


def test_one_poll_each_is_neither() -> None:
    assert repeats([poll(1, 0, 1), poll(2, 0, 2), poll(3, 1, 3)]) == (0, 0)


def test_a_second_poll_after_a_whole_one_is_twice() -> None:
    assert repeats([poll(1, 5, 6), poll(1, 0, 1)]) == (1, 0)  # order of the notes is no matter


def test_overlapping_polls_are_twice_whatever_the_outcome() -> None:
    assert repeats([poll(1, 0, 4, "unavailable"), poll(1, 2, 3)]) == (1, 0)


def test_retries_after_an_unserved_poll_or_a_failed_kind() -> None:
    polls = [
        poll(1, 0, 1, "unavailable"),
        poll(1, 20, 21),
        poll(2, 0, 1, "ok", failed=1),
        poll(2, 40, 41),
        poll(3, 0, 1, "unavailable"),
        poll(3, 20, 21, "unavailable"),
        poll(3, 60, 61),
    ]
    assert repeats(polls) == (0, 4)


def test_an_account_is_counted_twice_once() -> None:
    assert repeats([poll(1, 0, 1), poll(1, 2, 3), poll(1, 4, 5)]) == (1, 0)
