"""Authenticated encryption of secrets at rest (Synergia passwords, Librus sessions).

AES-256-GCM with a fresh random 96-bit nonce per encryption. Every blob carries a
versioned header naming the key it was sealed with, so rotation is a lookup and not
trial decryption, and associated data binds it to the table, row and purpose it was
written for: a blob copied into another row (another family's account) fails to open.

Blob layout (version 1)::

    0x01 | len(key_id) (1 byte) | key_id (ASCII) | nonce (12 bytes) | ciphertext + tag (16 bytes)

The header is part of the associated data as well, so it cannot be swapped either.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

BLOB_VERSION = 1
NONCE_BYTES = 12
KEY_BYTES = 32
_AAD_PREFIX = b"dzwonek/blob/v1|"
_KEY_ID_RE = re.compile(r"^[A-Za-z0-9_.-]{1,32}$")


class CryptoError(Exception):
    """Base for every failure of this module; messages never contain key material."""


class KeyRingError(CryptoError):
    """The key ring is missing, malformed or inconsistent."""


class UnknownKeyError(CryptoError):
    """A blob names a key that is not in the key ring (retired, or from another ring)."""


class DecryptionError(CryptoError):
    """The blob was tampered with, truncated, or belongs to another row or purpose."""


@dataclass(frozen=True, slots=True)
class BlobContext:
    """Where a blob lives: it opens only in the same table, row and purpose."""

    table: str
    row: str
    purpose: str

    def associated_data(self, header: bytes) -> bytes:
        return _AAD_PREFIX + header + b"|" + f"{self.table}|{self.row}|{self.purpose}".encode()


def validate_key_id(key_id: str) -> str:
    if not _KEY_ID_RE.fullmatch(key_id):
        raise KeyRingError(
            f"key id {key_id!r} is not valid: use 1-32 characters of letters, digits, '.', '_' "
            "or '-'"
        )
    return key_id


def key_fingerprint(key: bytes) -> str:
    """First 8 hex digits of SHA-256: safe to log, enough to tell keys apart."""
    return hashlib.sha256(key).hexdigest()[:8]


@dataclass(frozen=True, slots=True)
class KeyRing:
    """Key id -> 32-byte key, with one primary used for every new encryption."""

    keys: Mapping[str, bytes]
    primary: str

    def __post_init__(self) -> None:
        if not self.keys:
            raise KeyRingError("the key ring holds no keys")
        for key_id, key in self.keys.items():
            validate_key_id(key_id)
            if len(key) != KEY_BYTES:
                raise KeyRingError(f"key {key_id!r} is {len(key)} bytes long, expected 32")
        if self.primary not in self.keys:
            raise KeyRingError(f"the primary key {self.primary!r} is not in the key ring")

    def __repr__(self) -> str:
        return f"KeyRing(primary={self.primary!r}, keys={sorted(self.keys)!r})"

    @classmethod
    def from_json(cls, text: str) -> KeyRing:
        try:
            raw = json.loads(text)
        except ValueError as err:
            raise KeyRingError("the key ring is not valid JSON") from err
        if not isinstance(raw, dict) or not isinstance(raw.get("keys"), dict):
            raise KeyRingError('the key ring must be a JSON object with "primary" and "keys"')
        keys: dict[str, bytes] = {}
        for key_id, encoded in raw["keys"].items():
            if not isinstance(encoded, str):
                raise KeyRingError(f"key {key_id!r} must be a base64 string")
            try:
                keys[str(key_id)] = base64.b64decode(encoded, validate=True)
            except ValueError as err:
                raise KeyRingError(f"key {key_id!r} is not valid base64") from err
        primary = raw.get("primary")
        if not isinstance(primary, str):
            raise KeyRingError('the key ring has no "primary" key id')
        return cls(keys=keys, primary=primary)

    @classmethod
    def load(cls, path: Path) -> KeyRing:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError as err:
            raise KeyRingError(f"key ring file {path} does not exist") from err
        except OSError as err:
            raise KeyRingError(f"key ring file {path} cannot be read: {err.strerror}") from err
        return cls.from_json(text)

    def to_json(self) -> str:
        return json.dumps(
            {
                "primary": self.primary,
                "keys": {k: base64.b64encode(v).decode("ascii") for k, v in self.keys.items()},
            },
            indent=2,
            sort_keys=True,
        )

    def save(self, path: Path) -> None:
        """Write atomically with owner-only permissions."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(self.to_json() + "\n")
        os.replace(tmp, path)

    def with_key(self, key_id: str, key: bytes, *, primary: bool = False) -> KeyRing:
        if key_id in self.keys:
            raise KeyRingError(f"key {key_id!r} is already in the key ring")
        keys = {**self.keys, validate_key_id(key_id): key}
        return KeyRing(keys=keys, primary=key_id if primary else self.primary)

    def with_primary(self, key_id: str) -> KeyRing:
        if key_id not in self.keys:
            raise KeyRingError(f"key {key_id!r} is not in the key ring")
        return KeyRing(keys=self.keys, primary=key_id)

    def without(self, key_id: str) -> KeyRing:
        if key_id == self.primary:
            raise KeyRingError(f"key {key_id!r} is the primary key; rotate to another one first")
        if key_id not in self.keys:
            raise KeyRingError(f"key {key_id!r} is not in the key ring")
        return KeyRing(
            keys={k: v for k, v in self.keys.items() if k != key_id}, primary=self.primary
        )


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def blob_key_id(blob: bytes) -> str:
    """The key id in a blob's header (no decryption)."""
    return _split(blob)[1]


def _split(blob: bytes) -> tuple[bytes, str, bytes, bytes]:
    if len(blob) < 2 or blob[0] != BLOB_VERSION:
        raise DecryptionError("unknown blob format")
    id_len = blob[1]
    header_end = 2 + id_len
    if id_len == 0 or len(blob) < header_end + NONCE_BYTES + 16:
        raise DecryptionError("truncated blob")
    try:
        key_id = blob[2:header_end].decode("ascii")
    except UnicodeDecodeError as err:
        raise DecryptionError("corrupt blob header") from err
    nonce = blob[header_end : header_end + NONCE_BYTES]
    return blob[:header_end], key_id, nonce, blob[header_end + NONCE_BYTES :]


class Cipher:
    """Seals and opens blobs with a key ring. Thread- and task-safe (stateless)."""

    def __init__(self, keyring: KeyRing) -> None:
        self._keyring = keyring
        self._aeads = {key_id: AESGCM(key) for key_id, key in keyring.keys.items()}

    @property
    def keyring(self) -> KeyRing:
        return self._keyring

    @property
    def primary_key_id(self) -> str:
        return self._keyring.primary

    def encrypt(self, plaintext: bytes, context: BlobContext) -> bytes:
        key_id = self._keyring.primary
        encoded = key_id.encode("ascii")
        header = bytes([BLOB_VERSION, len(encoded)]) + encoded
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aeads[key_id].encrypt(nonce, plaintext, context.associated_data(header))
        return header + nonce + sealed

    def decrypt(self, blob: bytes, context: BlobContext) -> bytes:
        header, key_id, nonce, sealed = _split(blob)
        aead = self._aeads.get(key_id)
        if aead is None:
            raise UnknownKeyError(f"blob sealed with key {key_id!r}, which is not in the key ring")
        try:
            return aead.decrypt(nonce, sealed, context.associated_data(header))
        except InvalidTag as err:
            raise DecryptionError(
                f"blob does not open for {context.table}/{context.row}/{context.purpose}"
            ) from err

    def encrypt_text(self, text: str, context: BlobContext) -> bytes:
        return self.encrypt(text.encode("utf-8"), context)

    def decrypt_text(self, blob: bytes, context: BlobContext) -> str:
        return self.decrypt(blob, context).decode("utf-8")

    def reencrypt(self, blob: bytes, context: BlobContext) -> bytes:
        """Open with whatever key sealed it, seal again under the primary key."""
        return self.encrypt(self.decrypt(blob, context), context)
