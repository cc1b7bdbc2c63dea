"""Engine and transactions for SQLite (default) and PostgreSQL, with one code path.

SQLite runs in WAL mode with foreign keys on. Write transactions start with
`BEGIN IMMEDIATE`, so two writers queue on the busy timeout instead of failing when a
read lock would have to be upgraded; read-only work uses a deferred transaction and
runs beside the writer.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

SQLITE_BUSY_TIMEOUT_MS = 15_000


def prepare_url(url: str, password: str | None = None) -> URL:
    """Parse the configured URL, add a password kept apart from it, create SQLite's folder."""
    parsed = make_url(url)
    if password and parsed.password is None and not parsed.drivername.startswith("sqlite"):
        parsed = parsed.set(password=password)
    if parsed.drivername.startswith("sqlite") and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    return parsed


def _install_sqlite_pragmas(engine: AsyncEngine) -> None:
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy emit BEGIN itself (below) instead of the driver's implicit one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """Owns the engine; hands out transactions."""

    def __init__(self, url: str | URL, *, password: str | None = None, echo: bool = False) -> None:
        parsed = url if isinstance(url, URL) else prepare_url(url, password)
        self.url = parsed
        self.is_sqlite = parsed.drivername.startswith("sqlite")
        kwargs: dict[str, Any] = {"echo": echo}
        if not self.is_sqlite:
            kwargs.update(pool_pre_ping=True, pool_size=10, max_overflow=10)
        self.engine = create_async_engine(parsed, **kwargs)
        if self.is_sqlite:
            _install_sqlite_pragmas(self.engine)
            read_engine = self.engine.execution_options(sqlite_begin="DEFERRED")
        else:
            read_engine = self.engine
        self._writer = async_sessionmaker(self.engine, expire_on_commit=False)
        self._write_lock = asyncio.Lock() if self.is_sqlite else None
        self._reader = async_sessionmaker(read_engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One read-write transaction: committed on success, rolled back on error.

        On SQLite, writers of this process queue on an asyncio lock before `BEGIN
        IMMEDIATE`: SQLite takes one writer at a time anyway, and a writer slowed by a
        busy event loop would otherwise keep the others in SQLite's busy handler until
        its timeout ran out ("database is locked"). Other processes still queue on the
        busy timeout."""
        if self._write_lock is None:
            async with self._writer() as session, session.begin():
                yield session
            return
        async with self._write_lock, self._writer() as session, session.begin():
            yield session

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A read-only transaction that never waits for the writer on SQLite."""
        async with self._reader() as session, session.begin():
            yield session

    async def dispose(self) -> None:
        await self.engine.dispose()

    @asynccontextmanager
    async def exclusive(self, key: int) -> AsyncIterator[bool]:
        """Hold a PostgreSQL session advisory lock while inside (True if this process got
        it). It is released when the block ends or the connection dies, so a standby
        takes over from a crashed holder. SQLite runs one process: always True."""
        if self.is_sqlite:
            yield True
            return
        async with self.engine.connect() as conn:
            got = bool(await conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}))
            await conn.commit()
            try:
                yield got
            finally:
                if got:
                    await conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                    await conn.commit()
