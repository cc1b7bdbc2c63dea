"""Running it in production: /healthz in each state, /metrics moving with the work,
webhook mode with its secret, /admin, and logs that name nobody."""

from __future__ import annotations

import logging
import re
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from storage import schema
from sync import metrics
from tests.e2e.harness import Harness, running_bot

PARENT = 601
ADMIN = 4242
PIPELINE = ("bot", "poller", "sender")
HEALTH = {"enabled": True, "port": 0}


def base(h: Harness) -> str:
    assert h.runtime.health is not None
    return f"http://127.0.0.1:{h.runtime.health.port}"


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


def metric(text: str, name: str, **labels: str) -> float:
    """One sample's value from the exposition text (0 when absent)."""
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        sample, _, value = line.rpartition(" ")
        sample_name, _, rest = sample.partition("{")
        found = ",".join(sorted(rest.rstrip("}").split(","))) if rest else ""
        if sample_name == name and found == want:
            return float(value)
    return 0.0


async def test_health_in_each_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_bot(tmp_path, roles=PIPELINE, scheduled=True, health=HEALTH) as h:
        status, body = await get(base(h) + "/healthz")
        assert status == 200, body
        assert '"status": "ok"' in body and '"sender": "ok"' in body

        assert h.runtime.scheduler is not None
        h.runtime.scheduler.pause()  # the claim loop is stuck
        h.runtime.poller.last_tick = time.monotonic() - 1000
        status, body = await get(base(h) + "/healthz")
        assert status == 503 and "poller: no claim for" in body
        h.runtime.poller.last_tick = time.monotonic()

        monkeypatch.setattr(schema, "head_revision", lambda: "9999_future")
        status, body = await get(base(h) + "/healthz")
        assert status == 503 and "schema" in body and "not the current one" in body
        monkeypatch.undo()

        async def unreachable(_: Any) -> str:
            raise OSError("connection refused")

        monkeypatch.setattr(schema, "current_revision", unreachable)
        status, body = await get(base(h) + "/healthz")
        assert status == 503 and "database: unreachable (OSError)" in body
        monkeypatch.undo()

        sender = h.runtime.task("sender")
        assert sender is not None
        sender.cancel()
        status, body = await get(base(h) + "/healthz")
        assert status == 503 and "sender: not running" in body


async def test_metrics_move_with_polls_and_sends(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE, health=HEALTH) as h:
        account = h.account()
        await h.link(PARENT, account)
        _, before = await get(base(h) + "/metrics")
        h.librus.edit.add_grade(str(account["login"]), value="3", subject="Historia")
        h.clock.advance(timedelta(minutes=15))
        await h.deliver()
        _, after = await get(base(h) + "/metrics")
        for name, labels in [
            ("dzwonek_polls_total", {"outcome": "ok", "error_class": ""}),
            ("dzwonek_events_total", {"type": "grade_new"}),
            ("dzwonek_sends_total", {"outcome": "sent"}),
            ("dzwonek_send_latency_seconds_count", {}),
            ("dzwonek_upstream_fetches_total", {"kind": "grades", "status": "ok"}),
        ]:
            assert metric(after, name, **labels) > metric(before, name, **labels), name
        assert metric(after, "dzwonek_accounts", status="active") == 1
        assert metric(after, "dzwonek_outbox_due") == 0
        requests = [
            line for line in after.splitlines() if line.startswith("dzwonek_upstream_requests_")
        ]
        assert requests and not any(re.search(r"/\d{3,}", line) for line in requests)
        for secret in (str(account["login"]), str(account["student"]), "Anna"):
            assert secret not in after


async def test_webhook_mode_checks_the_secret(tmp_path: Path) -> None:
    secret = "s3cret-token_for-the-webhook"
    telegram = {
        "mode": "webhook",
        "webhook_url": "https://dzwonek.example/tg/hook",
        "webhook_secret": secret,
        "webhook_port": 0,
    }
    async with running_bot(tmp_path, telegram=telegram) as h:
        assert h.telegram.webhook == {"url": telegram["webhook_url"], "secret_token": secret}
        runner = h.runtime.webhook
        assert runner is not None
        port = runner.addresses[0][1]
        h.telegram.webhook_address = f"http://127.0.0.1:{port}/tg/hook"
        h.telegram.user(PARENT, "Anna")
        answer = await h.say(PARENT, "/pomoc")
        assert "Co potrafię" in answer.text
        assert h.telegram.webhook_deliveries[-1][1] == 200

        update = {
            "update_id": 99,
            "message": {
                "message_id": 1,
                "date": 0,
                "text": "/pomoc",
                "chat": {"id": PARENT, "type": "private"},
                "from": {"id": PARENT, "is_bot": False, "first_name": "X"},
            },
        }
        async with aiohttp.ClientSession() as session:
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "not-the-secret"}
            async with session.post(h.telegram.webhook_address, json=update, headers=wrong) as r:
                assert r.status == 401
            async with session.post(h.telegram.webhook_address, json=update) as r:
                assert r.status == 401


async def test_admin_sees_counts_and_nobody_else_does(tmp_path: Path) -> None:
    async with running_bot(tmp_path, admin={"user_ids": [ADMIN]}) as h:
        account = h.account()
        await h.link(PARENT, account)
        refused = await h.say(PARENT, "/admin")
        assert "Nie znam polecenia /admin" in refused.text
        h.telegram.user(ADMIN, "Operator")
        view = await h.say(ADMIN, "/admin")
        assert "Stan Dzwonka" in view.text
        assert re.search(r"Rodzice: 1 · dzieci \(konta\): 1", view.text)
        assert "Konta: active 1" in view.text
        assert "Librus: pytamy normalnie" in view.text
        for secret in (str(account["login"]), str(account["student"]), "Anna"):
            assert secret not in view.text


async def test_admin_and_metrics_tell_when_librus_refuses_this_server(tmp_path: Path) -> None:
    async with running_bot(tmp_path, roles=PIPELINE, admin={"user_ids": [ADMIN]}) as h:
        breaker = h.runtime.upstream.breaker
        for account_id in (1, 2, 3):  # captchas for three accounts within minutes
            breaker.refused(account_id)
        assert breaker.open_until is not None
        await h.runtime._heartbeat()
        h.telegram.user(ADMIN, "Operator")
        view = await h.say(ADMIN, "/admin")
        assert "Librus odmawia wielu kontom naraz" in view.text and "1 raz" in view.text
        exposition = metrics.render().decode()
        assert "dzwonek_librus_breaker_open 1.0" in exposition


async def test_logs_of_a_whole_run_name_nobody(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with running_bot(tmp_path, roles=PIPELINE) as h:
        account = h.account()
        await h.link(PARENT, account)
        h.librus.edit.add_grade(str(account["login"]), value="4", subject="Fizyka")
        h.librus.edit.add_message(str(account["login"]), topic="Zebranie", body="Treść.")
        h.clock.advance(timedelta(minutes=15))
        await h.deliver()
        async with h.store.reading() as uow:
            child = (await uow.links.children(PARENT))[0]
        token = h.telegram.token
    logged = "\n".join(
        record.getMessage() + " " + " ".join(map(str, vars(record).values()))
        for record in caplog.records
    )
    assert "poll found news" in logged  # the run was logged at all
    for secret in (
        str(account["login"]),
        str(account["password"]),
        token,
        token.split(":")[1],
        child.child_name,
        child.student_name,
        "Zebranie",
    ):
        assert secret not in logged, secret
