"""Passwords waiting for the parent's consent, sealed in memory only.

Between the live login check and "Zgadzam się" the password has to wait somewhere.
It never goes to the conversation state or the database: it is sealed here with a key
that exists only in this process (a fresh one at every start) and kept at most
`ttl`. The conversation holds just an opaque ticket. A restart loses pending
passwords on purpose; the parent is asked again.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


@dataclass
class _Sealed:
    nonce: bytes
    blob: bytes
    owner: int
    expires: float


class PendingCredentials:
    def __init__(self, ttl_seconds: float = 900.0) -> None:
        self._aead = AESGCM(AESGCM.generate_key(bit_length=256))
        self._items: dict[str, _Sealed] = {}
        self.ttl = ttl_seconds

    def put(self, owner: int, password: str, session: bytes = b"") -> str:
        """Seal a password (and the Librus session of the check) for one parent."""
        self._sweep()
        ticket = secrets.token_urlsafe(16)
        return self._seal(ticket, owner, password, session)

    def _seal(self, ticket: str, owner: int, password: str, session: bytes) -> str:
        nonce = os.urandom(12)
        plain = json.dumps({"p": password, "s": session.decode("utf-8")}).encode()
        blob = self._aead.encrypt(nonce, plain, ticket.encode() + str(owner).encode())
        self._items[ticket] = _Sealed(nonce, blob, owner, time.monotonic() + self.ttl)
        return ticket

    def add_session(self, owner: int, ticket: str | None, session: bytes) -> None:
        """Keep the session the live check produced beside the password."""
        found = self.take(owner, ticket, keep=True)
        if found is not None and ticket:
            self._seal(ticket, owner, found[0], session)

    def take(
        self, owner: int, ticket: str | None, *, keep: bool = False
    ) -> tuple[str, bytes] | None:
        """(password, session) behind a ticket, for its owner only; gone unless `keep`."""
        self._sweep()
        if not ticket:
            return None
        item = self._items.get(ticket)
        if item is None or item.owner != owner:
            return None
        if not keep:
            del self._items[ticket]
        plain = self._aead.decrypt(item.nonce, item.blob, ticket.encode() + str(owner).encode())
        data = json.loads(plain)
        return str(data["p"]), str(data["s"]).encode("utf-8")

    def drop(self, ticket: str | None) -> None:
        if ticket:
            self._items.pop(ticket, None)

    def __len__(self) -> int:
        self._sweep()
        return len(self._items)

    def _sweep(self) -> None:
        now = time.monotonic()
        for ticket in [t for t, item in self._items.items() if item.expires < now]:
            del self._items[ticket]
