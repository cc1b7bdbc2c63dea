"""The benchmarks, in their smoke size, so they keep working. Not timed: the figures
are printed for the record; what is asserted is that each ran through and reported
what it promises (one JSON object on the last line, every account polled, every
change found)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

from tests.conftest import ROOT
from tests.figures import record_figure


def run(module: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", module, "--size", "smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "DZWONEK_LOGGING__LEVEL": "WARNING"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def test_poll_benchmark_smoke() -> None:
    figures = run("bench.poll")
    assert figures["benchmark"] == "poll" and figures["accounts"] == 200
    for cycle in ("cold", "warm"):
        assert figures[cycle]["polled"] == 200 and figures[cycle]["failed"] == 0, figures
        assert figures[cycle]["cpu_ms_per_poll"] > 0
    assert figures["peak_rss_mb"] > 0
    record_figure(
        "bench poll (smoke)",
        accounts=200,
        warm_cpu_ms_per_poll=figures["warm"]["cpu_ms_per_poll"],
        cold_cpu_ms_per_poll=figures["cold"]["cpu_ms_per_poll"],
        peak_rss_mb=figures["peak_rss_mb"],
    )


def test_politeness_benchmark_smoke() -> None:
    figures = run("bench.politeness")
    assert figures["benchmark"] == "politeness" and figures["changes"] > 0
    assert figures["undetected"] == 0, figures["undetected_kinds"]
    assert figures["requests_per_school_day"] > 0 and figures["requests_per_weekend_day"] > 0
    record_figure(
        "bench politeness (smoke)",
        requests_per_school_day=figures["requests_per_school_day"],
        requests_per_weekend_day=figures["requests_per_weekend_day"],
        urgent_p95_minutes=figures["urgent_p95_minutes"],
        other_p95_minutes=figures["other_p95_minutes"],
    )
