"""A Librus session as the bot stores it (encrypted, with the account): the library's
cookies and login time, and the Wiadomości session beside them."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from librus_synergia import LibrusSessionData

from sync.upstream.seam import MessagesSession


def session_to_bytes(data: LibrusSessionData, messages: MessagesSession | None = None) -> bytes:
    raw: dict[str, Any] = {"cookies": data.cookies, "logged_in_at": data.logged_in_at}
    if messages is not None:
        raw["messages"] = {"cookies": messages.cookies, "set_at": messages.set_at.isoformat()}
    return json.dumps(raw).encode()


def messages_from_bytes(blob: bytes | None) -> MessagesSession | None:
    """The Wiadomości session stored with a Librus session, if any (and well formed)."""
    if not blob:
        return None
    try:
        raw = json.loads(blob).get("messages")
        if not isinstance(raw, dict) or not isinstance(raw.get("cookies"), dict):
            return None
        cookies = {str(k): str(v) for k, v in raw["cookies"].items()}
        set_at = datetime.fromisoformat(str(raw["set_at"]))
    except (ValueError, TypeError, AttributeError, KeyError):
        return None
    if not cookies or set_at.tzinfo is None:
        return None
    return MessagesSession(cookies, set_at)


def session_from_bytes(blob: bytes | None) -> LibrusSessionData | None:
    if not blob:
        return None
    try:
        raw = json.loads(blob)
        cookies = [dict(c) for c in raw.get("cookies", []) if isinstance(c, dict)]
        return LibrusSessionData(cookies=cookies, logged_in_at=float(raw.get("logged_in_at", 0)))
    except (ValueError, TypeError, AttributeError):
        return None
