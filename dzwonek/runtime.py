"""Turning settings into the long-lived objects every command needs."""

from __future__ import annotations

from bot.config import ConfigError, Settings
from storage.crypto import Cipher, KeyRing, KeyRingError
from storage.db import Database


def load_keyring(settings: Settings) -> KeyRing:
    """The key ring from its file (or, in development, inline). Never generated here."""
    crypto = settings.crypto
    try:
        if crypto.keyring is not None:
            return KeyRing.from_json(crypto.keyring.get_secret_value())
        return KeyRing.load(crypto.keyring_file)
    except KeyRingError as err:
        hint = ""
        if not crypto.keyring_file.exists() and crypto.keyring is None:
            hint = f"\n  Create one with: dzwonek keys generate --out {crypto.keyring_file}"
        raise ConfigError(
            f"Configuration error:\n  crypto.keyring_file: {err}; expected a key ring "
            f"(JSON with a primary key id and 32-byte base64 keys).{hint}"
        ) from None


def load_cipher(settings: Settings) -> Cipher:
    return Cipher(load_keyring(settings))


def open_database(settings: Settings) -> Database:
    return Database(
        settings.database.url,
        password=settings.database_password,
        echo=settings.database.echo,
    )
