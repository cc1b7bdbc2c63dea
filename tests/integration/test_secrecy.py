"""The password is stored only as ciphertext: a canary never shows up in the database
file, a PostgreSQL dump, or the logs (plain, base64 or hex)."""

from __future__ import annotations

import asyncio
import base64
import io
import logging
import secrets
import subprocess
from pathlib import Path

import pytest

from dzwonek.logs import setup_logging
from storage import schema
from storage.crypto import Cipher
from storage.db import Database
from storage.uow import Store
from tests.conftest import create_pg_database, drop_pg_database, pg_url


def encodings(canary: str) -> list[bytes]:
    raw = canary.encode()
    return [
        raw,
        base64.b64encode(raw),
        base64.urlsafe_b64encode(raw),
        base64.b64encode(raw).rstrip(b"="),
        raw.hex().encode(),
        raw.hex().upper().encode(),
    ]


def assert_absent(canary: str, data: bytes, where: str) -> None:
    for form in encodings(canary):
        assert form not in data, f"the canary ({form[:12]!r}...) is in {where}"


async def _store_canary(db: Database, cipher: Cipher, canary: str) -> None:
    store = Store(db, cipher)
    async with store.transaction() as uow:
        await uow.users.ensure(42, "pl")
        await uow.chats.ensure(42, "private")
        account, _ = await uow.accounts.create_or_refresh(
            "9988776u", canary, student_name="Jan Kowalski"
        )
        await uow.accounts.store_session(account.id, f'{{"DeviceCookie": "{canary}"}}'.encode())
        link, _ = await uow.links.link(42, account.id, "Jaś")
        await uow.subscriptions.subscribe(42, account.id, link.id)
    async with store.reading() as uow:
        assert await uow.accounts.open_password(account.id) == canary


def _capture_logs() -> io.StringIO:
    buffer = io.StringIO()
    setup_logging("DEBUG", "kv", stream=buffer)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)  # SQL and its parameters
    return buffer


async def test_sqlite_file_and_logs_hold_no_plaintext(tmp_path: Path, cipher: Cipher) -> None:
    canary = f"canary-{secrets.token_urlsafe(18)}"
    logs = _capture_logs()
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'secret.sqlite3'}")
    await schema.upgrade(db)
    await _store_canary(db, cipher, canary)
    await db.dispose()
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
    files = sorted(tmp_path.glob("secret.sqlite3*"))
    assert files, "the database file was not written"
    for path in files:  # the database, its WAL and shared-memory files
        assert_absent(canary, path.read_bytes(), str(path.name))
    text = logs.getvalue()
    assert "INSERT INTO accounts" in text  # the SQL log really was captured
    assert_absent(canary, text.encode(), "the log output")


@pytest.mark.postgres
async def test_postgres_dump_and_logs_hold_no_plaintext(pg_server: str, cipher: Cipher) -> None:
    canary = f"canary-{secrets.token_urlsafe(18)}"
    name = await asyncio.to_thread(create_pg_database, pg_server)
    logs = _capture_logs()
    try:
        db = Database(pg_url(name))
        await schema.upgrade(db)
        await _store_canary(db, cipher, canary)
        await db.dispose()
        logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
        dump = subprocess.run(
            ["pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--data-only", name],
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout
        assert b"COPY public.accounts" in dump and b"9988776u" in dump
        assert_absent(canary, dump, "the PostgreSQL dump")
        assert_absent(canary, logs.getvalue().encode(), "the log output")
    finally:
        await asyncio.to_thread(drop_pg_database, pg_server, name)
