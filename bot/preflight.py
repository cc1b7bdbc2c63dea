"""Checks before serving: key ring present, database schema current."""

from __future__ import annotations

from bot.config import ConfigError, Settings
from bot.runtime import load_cipher, open_database
from storage.crypto import Cipher
from storage.db import Database
from storage.schema import SchemaBehindError, ensure_current


async def open_storage(settings: Settings) -> tuple[Database, Cipher]:
    """The database and cipher, or a `ConfigError` that says what to do."""
    cipher = load_cipher(settings)
    db = open_database(settings)
    try:
        await ensure_current(db)
    except SchemaBehindError as err:
        await db.dispose()
        raise ConfigError(
            f"Database error: the schema is at {err.current or 'nothing (empty database)'}, "
            f"this version needs {err.head}.\n  Run: dzwonek migrate"
        ) from None
    except OSError as err:
        await db.dispose()
        raise ConfigError(
            f"Database error: cannot connect to {db.url.render_as_string(hide_password=True)}: "
            f"{err}"
        ) from None
    return db, cipher
