"""What can go wrong talking to Librus, in the bot's terms (no library types leak out).

Each class says what the caller should do: pause the account and tell its owner, try
again later, or skip one kind of data.
"""

from __future__ import annotations


class UpstreamError(Exception):
    """Base of every Librus-side failure. Messages never contain personal data."""

    #: stored as the account's last error class
    code = "upstream_error"


class AuthProblem(UpstreamError):
    """Signing in cannot work until the parent acts: pause, tell the owner once."""

    code = "auth_problem"


class InvalidCredentials(AuthProblem):
    code = "invalid_credentials"


class CaptchaRequired(AuthProblem):
    code = "captcha"


class AccountActionRequired(AuthProblem):
    """Librus wants something done in a browser (new terms, password change, expired account)."""

    code = "account_action"


class UpstreamUnavailable(UpstreamError):
    """Maintenance, network trouble, 5xx, timeouts: try again later with backoff."""

    code = "unavailable"

    def __init__(self, message: str = "", *, maintenance: bool = False) -> None:
        super().__init__(message)
        self.maintenance = maintenance


class MessageNotFound(UpstreamError):
    code = "message_not_found"


class ModuleMissing(UpstreamError):
    """The school does not give this module to this account."""

    code = "module_missing"
