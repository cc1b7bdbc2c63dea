"""The only part of Dzwonek that knows librus-synergia."""

from sync.upstream.service import (
    AccountAccess,
    KindResult,
    LoginCheck,
    MessageBody,
    PollOutcome,
    StudentProfile,
    Upstream,
    UpstreamSettings,
)

__all__ = [
    "AccountAccess",
    "KindResult",
    "LoginCheck",
    "MessageBody",
    "PollOutcome",
    "StudentProfile",
    "Upstream",
    "UpstreamSettings",
]
