"""The benchmarks, in their smoke size, so they keep working. Not timed: the figures
are printed for the record; what is asserted is that each ran through and reported
what it promises (one JSON object on the last line, every account polled, every
change found, every notification delivered within the limits). The scale-out one runs
on the PostgreSQL at 127.0.0.1:5432."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.figures import record_figure


def run(module: str, **env: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", module, "--size", "smoke"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={**os.environ, "DZWONEK_LOGGING__LEVEL": "WARNING", **env},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def test_poll_benchmark_smoke() -> None:
    figures = run("bench.poll")
    assert figures["benchmark"] == "poll" and figures["accounts"] == 200
    for cycle in ("cold", "warm"):
        # Every account went through once. A poll beyond the 200 is a retry, and a retry
        # has a cause on record: a poll or a kind Librus could not serve in time (on a
        # slow machine a request can outlast its timeout; CI once saw 202 polls).
        figures_of = figures[cycle]
        assert figures_of["through"] == 200 and figures_of["failed"] == 0, figures
        outcomes = figures_of["outcomes"]
        assert sum(outcomes.values()) == figures_of["polled"] >= 200, figures
        causes = figures_of["polled"] - outcomes.get("ok", 0)
        causes += sum(figures_of["kind_failures"].values())
        assert figures_of["retries"] <= causes, figures
        assert figures[cycle]["cpu_ms_per_poll"] > 0
        assert figures[cycle]["simulator_cpu_ms_per_poll"] > 0
    # The peak is this process's own: at least what it held, and not a high-water mark
    # inherited from the test runner that started it (that read 3x what it held).
    peak, after = figures["peak_rss_mb"], figures["rss_mb_after_polls"]
    assert figures["rss_mb_before_polls"] <= peak and after <= peak < 2 * after, figures
    record_figure(
        "bench poll (smoke)",
        accounts=200,
        warm_cpu_ms_per_poll=figures["warm"]["cpu_ms_per_poll"],
        cold_cpu_ms_per_poll=figures["cold"]["cpu_ms_per_poll"],
        retries=figures["cold"]["retries"] + figures["warm"]["retries"],
        warm_simulator_cpu_ms_per_poll=figures["warm"]["simulator_cpu_ms_per_poll"],
        peak_rss_mb=figures["peak_rss_mb"],
    )


def test_politeness_benchmark_smoke() -> None:
    figures = run("bench.politeness")
    assert figures["benchmark"] == "politeness" and figures["changes"] > 0
    assert figures["undetected"] == 0, figures["undetected_kinds"]
    assert figures["requests_per_school_day"] > 0 and figures["requests_per_weekend_day"] > 0
    guard = figures["guard"]
    assert guard["refused"] == 0 and guard["peak_requests_per_hour"] > 0, guard
    assert guard["peak_logins_per_hour"] < guard["logins_per_hour_threshold"], guard
    kinds = {"grade", "absence", "message", "homework", "test", "note", "announcement"}
    assert set(figures["per_kind_minutes"]) <= kinds
    where = figures["school_day_by_endpoint"]
    assert sum(where.values()) <= figures["requests_per_school_day"] + 0.5, where
    # The peer pass ran on the same accounts and days, every fetch answered.
    assert figures["peer_fetches"] > 0 and figures["peer_failures"] == 0, figures
    assert figures["peer_requests_per_school_day"] > 0, figures
    assert figures["peer_ratio_school_day"] == pytest.approx(
        figures["requests_per_school_day"] / figures["peer_requests_per_school_day"], abs=0.01
    )
    record_figure(
        "bench politeness (smoke)",
        requests_per_school_day=figures["requests_per_school_day"],
        requests_per_weekend_day=figures["requests_per_weekend_day"],
        urgent_p95_minutes=figures["urgent_p95_minutes"],
        tests_homework_p95_minutes=figures["tests_homework_p95_minutes"],
        other_p95_minutes=figures["other_p95_minutes"],
        peer_ratio_school_day=figures["peer_ratio_school_day"],
        peer_ratio_weekend_day=figures["peer_ratio_weekend_day"],
        peak_logins_per_hour=(
            f"{guard['peak_logins_per_hour']} of {guard['logins_per_hour_threshold']}"
        ),
        peak_requests_per_hour=(
            f"{guard['peak_requests_per_hour']} of {guard['requests_per_hour_threshold']}"
        ),
    )


def test_delivery_benchmark_smoke() -> None:
    figures = run("bench.delivery")
    assert figures["benchmark"] == "delivery"
    assert figures["messages"] == figures["notifications"] == 600, figures
    assert figures["delivered_at_the_fake"] == 600
    assert figures["violations"] == 0 and figures["rate_limited"] == 0, figures
    record_figure(
        "bench delivery (smoke)",
        messages=figures["messages"],
        messages_per_second=figures["messages_per_second"],
        rate_limited=figures["rate_limited"],
        violations=figures["violations"],
    )


def test_latency_benchmark_smoke() -> None:
    figures = run("bench.latency")
    assert figures["benchmark"] == "latency" and figures["changes"] > 0
    assert figures["delivered"] == figures["changes"], figures
    assert 0 < figures["p50_s"] <= figures["p99_s"] <= figures["max_s"]
    record_figure(
        "bench latency (smoke)",
        cadence_s=figures["cadence_s"],
        p50_s=figures["p50_s"],
        p99_s=figures["p99_s"],
        target_p99_s=figures["target_p99_s"],
    )


def test_commands_benchmark_smoke() -> None:
    figures = run("bench.commands")
    assert figures["benchmark"] == "commands" and figures["rounds"] == 20
    assert figures["snapshot_items"]["grades"] > 50, figures["snapshot_items"]
    assert set(figures["per_command_ms"]) == {"/oceny", "/plan tydzień", "/jutro"}
    assert "Oceny" in figures["replies"]["/oceny"] and "Jutro" in figures["replies"]["/jutro"]
    charts = figures["charts_ms"]["median_ms"]
    assert set(charts) == {"grades_semester_1", "grades_semester_2", "attendance_year"}
    record_figure(
        "bench commands (smoke)",
        p50_ms=figures["p50_ms"],
        p95_ms=figures["p95_ms"],
        grades_in_snapshot=figures["snapshot_items"]["grades"],
        chart_ms=max(charts.values()),
    )


@pytest.mark.postgres
def test_scaleout_benchmark_smoke(pg_server: str) -> None:
    figures = run("bench.scaleout", DZWONEK_BENCH_PG=pg_server)
    assert figures["benchmark"] == "scaleout"
    for workers in ("one_worker", "two_workers"):
        cycle = figures[workers]
        assert cycle["through"] == 200 and cycle["failed"] == 0, figures
        assert cycle["polled"] == 200 + cycle["retries"] == sum(cycle["outcomes"].values())
    assert len(figures["two_workers"]["per_worker"]) == 2
    assert figures["polled_twice"] == 0
    record_figure(
        "bench scaleout (smoke)",
        speedup=figures["speedup"],
        one_worker_per_s=figures["one_worker"]["accounts_per_s"],
        two_workers_per_s=figures["two_workers"]["accounts_per_s"],
        polled_twice=figures["polled_twice"],
    )
