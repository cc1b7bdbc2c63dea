"""Shared fixtures: databases (SQLite always, PostgreSQL when reachable), key rings, paths."""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from simulator.librus.clock import SimClock
from simulator.librus.server import LibrusSimulator
from storage import schema
from storage.crypto import Cipher, KeyRing, new_key
from storage.db import Database
from storage.uow import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DZWONEK_SHARED", ROOT.parent / "shared"))
PG_ADMIN_DSN = os.environ.get("DZWONEK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def run_blocking[T](coro_factory: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run a coroutine to completion from sync code, even inside a running event loop
    (session fixtures are first requested from async tests)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(coro_factory())).result()


def shared_path(*parts: str) -> Path:
    """A file under ../shared, or a skip with the reason when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared is only beside the repository in CI)")
    return path


def _pg_reachable() -> str | None:
    import asyncpg

    async def probe() -> None:
        conn = await asyncpg.connect(PG_ADMIN_DSN, timeout=3)
        await conn.close()

    try:
        run_blocking(probe)
    except (OSError, asyncpg.PostgresError, TimeoutError) as err:
        return f"PostgreSQL at {PG_ADMIN_DSN} is not reachable: {err}"
    return None


@pytest.fixture(scope="session")
def pg_server() -> str:
    """Admin DSN of a reachable PostgreSQL server (skips with the reason otherwise)."""
    reason = _pg_reachable()
    if reason:
        print(f"\nSKIPPING PostgreSQL tests: {reason}")
        pytest.skip(reason)
    return PG_ADMIN_DSN


def create_pg_database(admin_dsn: str) -> str:
    import asyncpg

    name = f"dzwonek_test_{secrets.token_hex(6)}"

    async def create() -> None:
        conn = await asyncpg.connect(admin_dsn)
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    run_blocking(create)
    return name


def drop_pg_database(admin_dsn: str, name: str) -> None:
    import asyncpg

    async def drop() -> None:
        conn = await asyncpg.connect(admin_dsn)
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()

    run_blocking(drop)


def pg_url(name: str) -> str:
    return f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"


@pytest.fixture(scope="session")
def pg_database(pg_server: str) -> Iterator[str]:
    """A throwaway, migrated PostgreSQL database for this test run; dropped at the end."""
    name = create_pg_database(pg_server)

    async def migrate() -> None:
        db = Database(pg_url(name))
        await schema.upgrade(db)
        await db.dispose()

    run_blocking(migrate)
    try:
        yield pg_url(name)
    finally:
        drop_pg_database(pg_server, name)


@pytest.fixture
def keyring() -> KeyRing:
    return KeyRing(keys={"test1": new_key()}, primary="test1")


@pytest.fixture
def cipher(keyring: KeyRing) -> Cipher:
    return Cipher(keyring)


async def _truncate_all(db: Database) -> None:
    from sqlalchemy import text

    from storage.models import Base

    async with db.engine.begin() as conn:
        names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        await conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated, empty database on each backend."""
    if request.param == "sqlite":
        db = Database(f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}")
        await schema.upgrade(db)
    else:
        url = request.getfixturevalue("pg_database")
        db = Database(url)
        await _truncate_all(db)
    try:
        yield db
    finally:
        await db.dispose()


@pytest.fixture
async def store(database: Database, cipher: Cipher) -> Store:
    return Store(database, cipher)


# ----------------------------------------------------------------------------- Librus

#: A Wednesday of the school year, mid-morning in Warsaw.
SIM_NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@pytest.fixture
async def librus() -> AsyncIterator[LibrusSimulator]:
    """A simulated Librus (seed 2026, 6 students, 2 schools) on a frozen clock."""
    sim = LibrusSimulator(seed=2026, students=6, clock=SimClock(SIM_NOW, frozen=True))
    await sim.start()
    try:
        yield sim
    finally:
        await sim.stop()


@pytest.fixture
async def sqlite_store(tmp_path: Path, cipher: Cipher) -> AsyncIterator[Store]:
    db = Database(f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}")
    await schema.upgrade(db)
    try:
        yield Store(db, cipher)
    finally:
        await db.dispose()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The reliability figures measured by this run (runs, faults, lost, duplicates...)."""
    from tests.figures import lines

    figures = lines()
    if figures:
        terminalreporter.section("figures")
        for line in figures:
            terminalreporter.write_line(line)
