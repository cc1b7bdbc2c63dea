"""Checks before serving: key ring present, database schema current, and every stored
secret sealed with a key the ring has (a wrong ring would start, report healthy, and
fail every poll)."""

from __future__ import annotations

from bot.config import ConfigError, Settings
from dzwonek.runtime import load_cipher, open_database
from storage.crypto import Cipher
from storage.db import Database
from storage.key_rotation import key_usage
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
    try:
        await ensure_keys_known(db, cipher, settings)
    except ConfigError:
        await db.dispose()
        raise
    return db, cipher


async def ensure_keys_known(db: Database, cipher: Cipher, settings: Settings) -> None:
    """A `ConfigError` when stored secrets name keys the loaded ring lacks."""
    usage = await key_usage(db)
    missing = sorted(usage.keys() - set(cipher.keyring.keys))
    if not missing:
        return
    rows = sum(usage.rows_for(key_id) for key_id in missing)
    where = (
        "crypto.keyring (inline)"
        if settings.crypto.keyring is not None
        else str(settings.crypto.keyring_file)
    )
    raise ConfigError(
        f"Key ring error: {rows} stored secret(s) are sealed with key(s) "
        f"{', '.join(missing)} that the key ring in {where} does not have "
        f"(it has {', '.join(sorted(cipher.keyring.keys)) or 'none'}).\n"
        "  Point crypto.keyring_file at the ring they were sealed with (restore it from "
        "its backup); `dzwonek keys status` lists what each key seals."
    )
