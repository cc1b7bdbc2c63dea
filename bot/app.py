"""Composition root: wires storage, Librus, Telegram and the pipeline into one process."""

from __future__ import annotations

import logging

from bot.config import Settings
from bot.preflight import open_storage

log = logging.getLogger("dzwonek.app")


async def run_app(settings: Settings, *, role: str = "all") -> int:
    db, cipher = await open_storage(settings)
    try:
        log.info("storage ready", extra={"role": role, "key": cipher.primary_key_id})
        print(
            "Configuration, key ring and database are ready; this version has no Telegram "
            "front end yet."
        )
        return 1
    finally:
        await db.dispose()
