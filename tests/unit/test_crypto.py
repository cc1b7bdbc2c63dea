"""AES-GCM blobs: round trip, tamper detection, binding to row and purpose, key ring."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.crypto import (
    BlobContext,
    Cipher,
    DecryptionError,
    KeyRing,
    KeyRingError,
    UnknownKeyError,
    blob_key_id,
    key_fingerprint,
    new_key,
)

CTX = BlobContext(table="accounts", row="7", purpose="password:1234567u")


def test_round_trip_and_header(cipher: Cipher) -> None:
    blob = cipher.encrypt_text("zażółć gęślą jaźń", CTX)
    assert cipher.decrypt_text(blob, CTX) == "zażółć gęślą jaźń"
    assert blob_key_id(blob) == "test1"
    assert blob[0] == 1
    assert b"gesla" not in blob and "zażółć".encode() not in blob


def test_every_encryption_uses_a_fresh_nonce(cipher: Cipher) -> None:
    blobs = {cipher.encrypt_text("same password", CTX) for _ in range(200)}
    assert len(blobs) == 200


@pytest.mark.parametrize(
    "other",
    [
        BlobContext(table="accounts", row="8", purpose="password:1234567u"),
        BlobContext(table="accounts", row="7", purpose="session:1234567u"),
        BlobContext(table="accounts", row="7", purpose="password:7654321u"),
        BlobContext(table="links", row="7", purpose="password:1234567u"),
    ],
)
def test_blob_opens_only_where_it_was_sealed(cipher: Cipher, other: BlobContext) -> None:
    blob = cipher.encrypt_text("secret", CTX)
    with pytest.raises(DecryptionError):
        cipher.decrypt(blob, other)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_single_bit_flip_is_rejected(data: st.DataObject) -> None:
    cipher = Cipher(KeyRing(keys={"a": bytes(32), "b": bytes(range(32))}, primary="a"))
    blob = cipher.encrypt_text("hunter2-password", CTX)
    position = data.draw(st.integers(min_value=0, max_value=len(blob) - 1))
    bit = data.draw(st.integers(min_value=0, max_value=7))
    tampered = bytearray(blob)
    tampered[position] ^= 1 << bit
    with pytest.raises((DecryptionError, UnknownKeyError)):
        cipher.decrypt(bytes(tampered), CTX)


@pytest.mark.parametrize("cut", [0, 1, 3, 10, 20])
def test_truncated_blob_is_rejected(cipher: Cipher, cut: int) -> None:
    blob = cipher.encrypt_text("secret", CTX)
    with pytest.raises(DecryptionError):
        cipher.decrypt(blob[:cut], CTX)


def test_unknown_key_id(cipher: Cipher) -> None:
    other = Cipher(KeyRing(keys={"elsewhere": new_key()}, primary="elsewhere"))
    blob = other.encrypt_text("secret", CTX)
    with pytest.raises(UnknownKeyError, match="elsewhere"):
        cipher.decrypt(blob, CTX)


def test_rotation_keeps_old_blobs_readable_and_reencrypts() -> None:
    old = KeyRing(keys={"old": new_key()}, primary="old")
    blob = Cipher(old).encrypt_text("secret", CTX)
    rotated = old.with_key("new", new_key(), primary=True)
    cipher = Cipher(rotated)
    assert cipher.decrypt_text(blob, CTX) == "secret"
    moved = cipher.reencrypt(blob, CTX)
    assert blob_key_id(moved) == "new"
    retired = Cipher(rotated.without("old"))
    assert retired.decrypt_text(moved, CTX) == "secret"
    with pytest.raises(UnknownKeyError):
        retired.decrypt(blob, CTX)


def test_primary_cannot_be_retired() -> None:
    ring = KeyRing(keys={"a": new_key(), "b": new_key()}, primary="a")
    with pytest.raises(KeyRingError, match="primary"):
        ring.without("a")


def test_keyring_file_round_trip_with_owner_only_mode(tmp_path: Path) -> None:
    ring = KeyRing(keys={"k1": new_key(), "k2": new_key()}, primary="k2")
    path = tmp_path / "ring.json"
    ring.save(path)
    assert path.stat().st_mode & 0o777 == 0o600
    loaded = KeyRing.load(path)
    assert loaded.primary == "k2"
    assert dict(loaded.keys) == dict(ring.keys)
    assert "k1" in repr(loaded) and base64.b64encode(ring.keys["k1"]).decode() not in repr(loaded)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("not json", "not valid JSON"),
        ("[]", "JSON object"),
        ('{"primary": "a", "keys": {}}', "no keys"),
        ('{"primary": "a", "keys": {"a": "!!"}}', "not valid base64"),
        (
            json.dumps({"primary": "a", "keys": {"a": base64.b64encode(b"x" * 16).decode()}}),
            "16 bytes",
        ),
        (
            json.dumps({"primary": "b", "keys": {"a": base64.b64encode(b"x" * 32).decode()}}),
            "not in the key ring",
        ),
        (
            json.dumps({"primary": "a b", "keys": {"a b": base64.b64encode(b"x" * 32).decode()}}),
            "not valid",
        ),
    ],
)
def test_malformed_keyrings_are_refused(text: str, problem: str) -> None:
    with pytest.raises(KeyRingError, match=problem):
        KeyRing.from_json(text)


def test_missing_keyring_file(tmp_path: Path) -> None:
    with pytest.raises(KeyRingError, match="does not exist"):
        KeyRing.load(tmp_path / "nope.json")


def test_fingerprint_is_short_and_stable() -> None:
    key = bytes(range(32))
    assert key_fingerprint(key) == key_fingerprint(bytes(range(32)))
    assert len(key_fingerprint(key)) == 8
