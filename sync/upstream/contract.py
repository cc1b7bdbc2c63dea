"""What the door to Librus promises: its settings, what it needs from storage, and the
shapes of its answers (a checked login, a poll's outcome, an opened message)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, Literal, Protocol

from sync.upstream.breaker import BreakerPolicy
from sync.upstream.holder import Kind


class AccountAccess(Protocol):
    """How the upstream layer reaches an account's sealed secrets (storage provides it)."""

    async def open_password(self, account_id: int) -> str: ...

    async def load_session(self, account_id: int) -> bytes | None: ...

    async def store_session(self, account_id: int, blob: bytes) -> None: ...


@dataclass(frozen=True)
class UpstreamSettings:
    connect_to: str | None = None
    ca_file: Path | None = None
    requests_per_second: float = 5.0
    max_concurrency: int = 4
    request_timeout: float = 30.0
    reference_ttl: timedelta = timedelta(hours=24)  # the daily check (free days, flags)
    reference_full_ttl: timedelta = timedelta(days=7)  # every lookup again
    # Descriptive grades (long texts, written at a slower pace than marks) are asked
    # for at most this often; between, the grades poll keeps what it knew of them.
    descriptive_every: timedelta = timedelta(minutes=60)
    # Clients (cookie jar, tokens, grade comment texts) kept in memory between polls;
    # others are rebuilt from the stored session, messages session included. A rebuilt
    # client asks Librus for the grade comments again, one request more per poll: the
    # cache should hold every account the process polls (`librus.max_clients`), at
    # about 23 KB each.
    max_clients: int = 256
    # The Wiadomości session lives about an hour, sometimes less (SZK assumed 45
    # minutes); one older than this is set up again before a list rather than after a
    # refused one. A session that dies sooner is still caught by the refusal.
    messages_renew_after: timedelta | None = timedelta(minutes=50)
    breaker: BreakerPolicy = field(default_factory=BreakerPolicy)
    # Password logins per hour from this process (None: no limit); see login_budget.
    password_logins_per_hour: int | None = 100


@dataclass(frozen=True)
class StudentProfile:
    login: str
    student_name: str
    class_name: str | None
    school_name: str | None
    register_number: int | None
    # Whose login it is (see holder.py): a parent's names the parent too.
    holder: Kind = "unknown"
    holder_name: str | None = None
    # The child's identity across its logins (a parent's and the pupil's own).
    child_key: str | None = None
    # A kindergarten account: `class_name` is its group's name.
    kindergarten: bool = False


@dataclass(frozen=True)
class LoginCheck:
    profile: StudentProfile
    session: bytes


@dataclass
class KindResult:
    kind: str
    status: Literal["ok", "absent", "failed"]
    data: dict[str, Any] | None = None
    error: str | None = None
    # Parts of the kind not asked for this time (their items are as last stored).
    carried: tuple[str, ...] = ()


@dataclass
class PollOutcome:
    results: dict[str, KindResult] = field(default_factory=dict)
    reference: dict[str, Any] | None = None  # set when it was (re)fetched this poll
    password_logins: int = 0

    def ok(self, kind: str) -> bool:
        result = self.results.get(kind)
        return result is not None and result.status == "ok"


@dataclass(frozen=True)
class Attachment:
    """A file on a message or a homework: Librus's id for it and its name."""

    id: str
    name: str


@dataclass(frozen=True)
class MessageBody:
    id: str
    sender: str
    topic: str
    content: str
    sent: str | None
    attachments: tuple[Attachment, ...]
    #: Librus marks some messages (its own group senders) as not accepting replies
    no_reply: bool = False


@dataclass(frozen=True)
class DownloadedFile:
    """A file's bytes as Librus gave them, with the name it gave."""

    name: str
    content_type: str
    content: bytes
