"""What can go wrong talking to Librus, in the bot's terms (no library types leak out).

Each class says what the caller should do: pause the account and tell its owner, try
again later, or skip one kind of data.
"""

from __future__ import annotations

from datetime import datetime


class UpstreamError(Exception):
    """Base of every Librus-side failure. Messages never contain personal data."""

    #: stored as the account's last error class
    code = "upstream_error"


class AuthProblem(UpstreamError):
    """Signing in cannot work until the parent acts: pause, tell the owner once.

    `words` is Librus's own sentence when it gave one (plain text, to be escaped where
    it is shown): a parent reads what Librus said rather than our guess of it."""

    code = "auth_problem"

    def __init__(self, message: str = "", *, words: str | None = None) -> None:
        super().__init__(message)
        self.words = words
        #: Set by a parent's login check when this refusal used up the login's
        #: allowance of failed checks: none is made again before this moment.
        self.locked_until: datetime | None = None


class InvalidCredentials(AuthProblem):
    code = "invalid_credentials"


class CaptchaRequired(AuthProblem):
    code = "captcha"


class AccountActionRequired(AuthProblem):
    """Librus wants something done in a browser (new terms, password change, expired account)."""

    code = "account_action"


class LoginRefused(AuthProblem):
    """Librus refused the login in words we do not recognise. Not retried (it may be a
    wrong password); the parent is shown Librus's sentence."""

    code = "login_refused"


class UpstreamUnavailable(UpstreamError):
    """Maintenance, network trouble, 5xx, timeouts: try again later with backoff."""

    code = "unavailable"

    def __init__(
        self,
        message: str = "",
        *,
        maintenance: bool = False,
        blocked: bool = False,
        retry_at: datetime | None = None,
    ) -> None:
        super().__init__(message)
        self.maintenance = maintenance
        #: Librus refuses this server (an HTML 403, every module refused at once, or
        #: the circuit breaker is open after many such answers).
        self.blocked = blocked
        #: Not before this moment (the breaker's next trial), when known.
        self.retry_at = retry_at


class LoginsLimited(UpstreamError):
    """Too many failed login checks for this Synergia login or this Telegram user:
    no check is sent to Librus until `until` (the child's account is never put at
    risk of a captcha or a lock by guesses made through the bot)."""

    code = "logins_limited"

    def __init__(self, message: str, *, until: datetime, scope: str) -> None:
        super().__init__(message)
        self.until = until
        self.scope = scope  # "login" | "user"


class MessageNotFound(UpstreamError):
    code = "message_not_found"


class FileNotFound(UpstreamError):
    """Librus no longer has the file (removed by the teacher, or archived)."""

    code = "file_not_found"


class SendFailed(UpstreamError):
    """A reply to a teacher did not get Librus's confirmation. `sent` is what is known:
    False, nothing went out (safe to write again); None, it may have gone out (never
    sent again by the bot: the parent checks Librus's sent messages first). `reason`:
    no_reply (Librus marks the message as not accepting replies), no_module (the
    school has no Wiadomości), not_found, refused (Librus said no, in `words` when it
    gave a sentence), unavailable (Librus could not be asked) or unknown."""

    code = "send_failed"

    def __init__(
        self, message: str, *, sent: bool | None, reason: str, words: str | None = None
    ) -> None:
        super().__init__(message)
        self.sent = sent
        self.reason = reason
        self.words = words
