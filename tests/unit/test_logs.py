"""Log lines are structured and never carry the bot token or registered secrets."""

from __future__ import annotations

import io
import json
import logging

import pytest

from dzwonek.logs import setup_logging
from sync.redaction import SECRETS

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


@pytest.fixture
def capture() -> io.StringIO:
    return io.StringIO()


def test_token_is_redacted_in_messages_and_tracebacks(capture: io.StringIO) -> None:
    setup_logging("DEBUG", "kv", stream=capture)
    log = logging.getLogger("aiohttp.client")
    log.warning("GET https://api.telegram.org/bot%s/getUpdates failed", TOKEN)
    try:
        raise RuntimeError(f"Cannot connect to https://api.telegram.org/bot{TOKEN}/sendMessage")
    except RuntimeError:
        logging.getLogger("dzwonek").exception("send failed")
    out = capture.getvalue()
    assert TOKEN not in out
    assert TOKEN.split(":")[1] not in out
    assert "***" in out and "send failed" in out


def test_registered_secret_is_redacted(capture: io.StringIO) -> None:
    setup_logging("INFO", "json", secrets=["canary-Zx81-pass"], stream=capture)
    logging.getLogger("dzwonek").info("login with canary-Zx81-pass", extra={"account": 3})
    line = json.loads(capture.getvalue().strip())
    assert line["msg"] == "login with ***"
    assert line["account"] == 3
    SECRETS.discard("canary-Zx81-pass")


def test_key_value_format_quotes_values(capture: io.StringIO) -> None:
    setup_logging("INFO", "kv", stream=capture)
    logging.getLogger("sync.polling").info("poll done", extra={"kinds": "grades notes", "n": 2})
    line = capture.getvalue().strip()
    assert 'msg="poll done"' in line
    assert 'kinds="grades notes"' in line and "n=2" in line
    assert "logger=sync.polling" in line
