"""Replies typed but not yet confirmed: kept in memory only, never in the database (the
text of a parent's letter to a teacher is theirs; once sent it lives in Librus). A
draft lasts half an hour; a restart loses it, and the confirmation then says so.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field

TTL = 30 * 60.0  # seconds


@dataclass(frozen=True)
class Draft:
    user_id: int
    account_id: int
    message_id: str
    text: str
    to: str  # the sender as the confirmation named them
    topic: str  # "Re: …"
    made: float = field(default_factory=time.monotonic)


class Drafts:
    def __init__(self) -> None:
        self._drafts: dict[str, Draft] = {}

    def put(self, draft: Draft) -> str:
        """Keep the draft; returns its nonce (for the confirmation's button)."""
        self._expire()
        nonce = secrets.token_urlsafe(12)
        self._drafts[nonce] = draft
        return nonce

    def get(self, nonce: str) -> Draft | None:
        self._expire()
        return self._drafts.get(nonce)

    def drop(self, nonce: str) -> Draft | None:
        return self._drafts.pop(nonce, None)

    def _expire(self) -> None:
        oldest = time.monotonic() - TTL
        for nonce in [n for n, d in self._drafts.items() if d.made < oldest]:
            del self._drafts[nonce]
