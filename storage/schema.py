"""Schema migrations (Alembic) run from code: `dzwonek migrate` and the start-up check."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from storage.db import Database

MIGRATIONS = Path(__file__).with_name("migrations")


class SchemaBehindError(Exception):
    """The database is older (or newer) than this code expects."""

    def __init__(self, current: str | None, head: str) -> None:
        self.current = current
        self.head = head
        super().__init__(f"database schema is at {current or 'nothing'}, this code needs {head}")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


async def current_revision(db: Database) -> str | None:
    async with db.engine.connect() as conn:
        return await conn.run_sync(_current)


async def upgrade(db: Database, revision: str = "head") -> tuple[str | None, str | None]:
    """Migrate to `revision`; returns the revision before and after."""

    def run(connection: Connection) -> tuple[str | None, str | None]:
        before = _current(connection)
        command.upgrade(alembic_config(connection), revision)
        return before, _current(connection)

    async with db.engine.begin() as conn:
        return await conn.run_sync(run)


async def downgrade(db: Database, revision: str) -> None:
    def run(connection: Connection) -> Any:
        command.downgrade(alembic_config(connection), revision)

    async with db.engine.begin() as conn:
        await conn.run_sync(run)


async def ensure_current(db: Database) -> None:
    """Refuse to run against a schema that is not exactly what this code expects."""
    current = await current_revision(db)
    head = head_revision()
    if current != head:
        raise SchemaBehindError(current, head)
