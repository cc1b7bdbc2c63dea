"""What a failed live login means for the parent, for linking and for a new password.

Where Librus gave a reason, the parent reads Librus's own sentence (escaped) beside
ours; where we could not tell what it meant, we say so instead of guessing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum

from bot.i18n import Translator
from bot.render.text import esc
from sync.clock import WARSAW
from sync.errors import (
    AccountActionRequired,
    AuthProblem,
    CaptchaRequired,
    InvalidCredentials,
    LoginsLimited,
    UpstreamError,
    UpstreamUnavailable,
)


class Failure(Enum):
    REJECTED = "rejected"  # a wrong password: the parent may type it again
    STOP = "stop"  # only the parent can fix it in Librus, or our limit says wait
    ACTION = "action"  # done in the browser, then 'Spróbuj ponownie' (or a new password)
    LATER = "later"  # Librus is down or unreachable: the same password may work later


def explain(t: Translator, err: UpstreamError, now: datetime) -> tuple[Failure, str]:
    """The kind of failure and the text that explains it (linking wording)."""
    if isinstance(err, LoginsLimited):
        key = "link-limited-login" if err.scope == "login" else "link-limited-user"
        return Failure.STOP, t(key, until=_clock(err.until, now))
    if isinstance(err, AuthProblem):
        return _refused(t, err, now)
    if isinstance(err, UpstreamUnavailable) and err.blocked:
        return Failure.LATER, t("link-blocked")
    if isinstance(err, UpstreamUnavailable) and err.maintenance:
        return Failure.LATER, t("link-maintenance")
    return Failure.LATER, t("link-unreachable")


def _refused(t: Translator, err: AuthProblem, now: datetime) -> tuple[Failure, str]:
    # Librus's sentence where it says more than ours (its wrong-password one does not).
    quoted = err.words and not isinstance(err, InvalidCredentials)
    said = t("link-librus-said", words=esc(err.words)) if quoted and err.words else ""
    if isinstance(err, InvalidCredentials):
        failure, text = Failure.REJECTED, t("link-wrong-password")
    elif isinstance(err, CaptchaRequired):
        failure, text = Failure.STOP, t("link-captcha")
    elif isinstance(err, AccountActionRequired):
        failure, text = Failure.ACTION, t("link-account-action")
    else:  # LoginRefused, or a refusal of a kind this bot does not know yet
        failure, text = Failure.STOP, t("link-refused")
    parts = [said, text] if said else [text]
    if err.locked_until is not None and failure is not Failure.ACTION:
        failure = Failure.STOP
        parts.append(t("link-locked", until=_clock(err.locked_until, now)))
    return failure, "\n\n".join(parts)


def _clock(moment: datetime, now: datetime | None = None) -> str:
    """'14:35' today, '02.12 14:35' on another day (Polish time)."""
    local = moment.astimezone(WARSAW)
    today = (now or datetime.now(UTC)).astimezone(WARSAW).date()
    return local.strftime("%H:%M") if local.date() == today else local.strftime("%d.%m %H:%M")
