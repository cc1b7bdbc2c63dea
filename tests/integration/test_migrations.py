"""Migrations build exactly the models' schema on both backends; the bot refuses an old schema."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection

from storage import schema
from storage.db import Database
from storage.models import Base
from tests.conftest import create_pg_database, drop_pg_database, pg_url

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghij"


def _diff(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def _check_round_trip(db: Database) -> None:
    assert await schema.current_revision(db) is None
    with pytest.raises(schema.SchemaBehindError):
        await schema.ensure_current(db)
    before, after = await schema.upgrade(db)
    assert (before, after) == (None, schema.head_revision())
    await schema.ensure_current(db)
    async with db.engine.connect() as conn:
        assert await conn.run_sync(_diff) == []
    await schema.downgrade(db, "base")
    assert await schema.current_revision(db) is None
    await schema.upgrade(db)
    assert await schema.current_revision(db) == schema.head_revision()


async def test_sqlite_round_trip(tmp_path: Path) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'm.sqlite3'}")
    try:
        await _check_round_trip(db)
    finally:
        await db.dispose()


@pytest.mark.postgres
async def test_postgres_round_trip(pg_server: str) -> None:
    name = await asyncio.to_thread(create_pg_database, pg_server)
    db = Database(pg_url(name))
    try:
        await _check_round_trip(db)
    finally:
        await db.dispose()
        await asyncio.to_thread(drop_pg_database, pg_server, name)


def test_bot_refuses_a_schema_that_is_behind(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[telegram]\ntoken = "{TOKEN}"\n'
        f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path / "db.sqlite3"}"\n'
        f'[crypto]\nkeyring_file = "{tmp_path / "ring.json"}"\n'
    )
    env_cmd = [sys.executable, "-m", "dzwonek", "--config", str(config)]
    subprocess.run([*env_cmd, "keys", "generate"], check=True, capture_output=True, timeout=60)
    refused = subprocess.run(
        [*env_cmd, "run"], capture_output=True, text=True, timeout=60, check=False
    )
    assert refused.returncode == 2
    assert "dzwonek migrate" in refused.stderr and "Traceback" not in refused.stderr
    migrated = subprocess.run(
        [*env_cmd, "migrate"], capture_output=True, text=True, timeout=60, check=False
    )
    assert migrated.returncode == 0, migrated.stderr
    assert "Migrated the database schema from empty to" in migrated.stdout
    again = subprocess.run(
        [*env_cmd, "migrate"], capture_output=True, text=True, timeout=60, check=False
    )
    assert "up to date" in again.stdout
    health = subprocess.run(
        [*env_cmd, "health"], capture_output=True, text=True, timeout=60, check=False
    )
    assert health.returncode == 0 and health.stdout.strip() == "ok"
