"""Who holds a Synergia login: the parent, or the pupil, read from Librus's `Me`.

`Me.Account` is the login's owner and `Me.User` the child, on both kinds of login
(librus-synergia reads the child from `User` for this reason: on a parent's login,
`Account` carried the parent's name, confirmed live there). `Account.GroupId` tells
the kind: 5 or 6 a parent (as szkolny-android reads it), 8 a pupil (the 2017 recorded
`Me`). When the group is missing or unknown, differing names mean a parent's login.
The child's `Users` id comes from `Me.User.Id` where Librus gives it (the independent
librus-python-api reads Account and User each with an Id, first and last name), else
from `Account.UserId`, which names the child's record on a pupil's login (the 2017
fixture) and, assumed as librus-synergia assumes when it reads the register number
through it, on a parent's. So one child reached through two logins is one child.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Literal

PARENT_GROUPS = frozenset({5, 6})
PUPIL_GROUPS = frozenset({8})

Kind = Literal["parent", "pupil", "unknown"]


@dataclass(frozen=True)
class LoginHolder:
    kind: Kind
    name: str | None  # the parent's name on a parent's login; None otherwise
    child_id: str | None  # the child's Users id, as text


def read_holder(payload: dict[str, Any]) -> LoginHolder:
    """The holder of the login whose `Me` answer this is (never raises)."""
    me = _obj(payload.get("Me") if isinstance(payload, dict) else None)
    account = _obj(me.get("Account"))
    user = _obj(me.get("User"))
    holder = _name(account)
    child = _name(user)
    group = account.get("GroupId")
    kind: Kind
    if isinstance(group, int) and group in PARENT_GROUPS:
        kind = "parent"
    elif isinstance(group, int) and group in PUPIL_GROUPS:
        kind = "pupil"
    elif holder and child:
        kind = "parent" if holder != child else "pupil"
    else:
        kind = "unknown"
    raw_id = user.get("Id") if user.get("Id") not in (None, "") else account.get("UserId")
    child_id = str(raw_id) if isinstance(raw_id, (int, str)) and str(raw_id).strip() else None
    return LoginHolder(kind=kind, name=holder if kind == "parent" else None, child_id=child_id)


def child_key(child_id: str | None, school_name: str | None) -> str | None:
    """One child's identity across its logins: its Users id within its school (ids
    are a school's own, so the school is part of the key). None when Librus did not
    say which record the login belongs to."""
    if not child_id:
        return None
    basis = f"{(school_name or '').strip().casefold()}|{child_id}"
    return hashlib.sha256(basis.encode()).hexdigest()[:32]


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _name(record: dict[str, Any]) -> str:
    first = record.get("FirstName")
    last = record.get("LastName")
    parts = [p.strip() for p in (first, last) if isinstance(p, str) and p.strip()]
    return " ".join(parts)
