"""Figures the reliability tests measure, printed together at the end of the test run.

A test calls `record_figure("crash consistency", runs=200, lost=0, ...)`; the session's
terminal summary (tests/conftest.py) prints one line per figure, so CI logs carry them.
"""

from __future__ import annotations

FIGURES: list[tuple[str, dict[str, object]]] = []


def record_figure(name: str, **values: object) -> None:
    FIGURES.append((name, values))


def lines() -> list[str]:
    return [
        f"{name}: " + ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in values.items())
        for name, values in FIGURES
    ]
