"""What a failed live login means for the parent, for linking and for a new password."""

from __future__ import annotations

from enum import Enum

from sync.errors import (
    AccountActionRequired,
    AuthProblem,
    CaptchaRequired,
    InvalidCredentials,
    UpstreamError,
    UpstreamUnavailable,
)

MAX_ATTEMPTS = 3  # wrong passwords in one dialogue, stopping before Librus asks for a captcha


class Failure(Enum):
    REJECTED = "rejected"  # a wrong password: may try again, up to MAX_ATTEMPTS
    STOP = "stop"  # only the parent can fix it in Librus (captcha, an action in the account)
    LATER = "later"  # Librus is down or unreachable: the same password may work later


def classify(err: UpstreamError) -> tuple[Failure, str]:
    """The kind of failure and the text key that explains it (linking wording)."""
    if isinstance(err, InvalidCredentials):
        return Failure.REJECTED, "link-wrong-password"
    if isinstance(err, CaptchaRequired):
        return Failure.STOP, "link-captcha"
    if isinstance(err, AccountActionRequired | AuthProblem):
        return Failure.STOP, "link-account-action"
    if isinstance(err, UpstreamUnavailable) and err.maintenance:
        return Failure.LATER, "link-maintenance"
    return Failure.LATER, "link-unreachable"
