"""The library's errors as the bot's: what Librus refused, what was a passing failure,
and Librus's own words where it gave them (see sync.errors)."""

from __future__ import annotations

import aiohttp
from librus_synergia import (
    LibrusAccountActionRequiredError,
    LibrusCaptchaRequiredError,
    LibrusConnectionError,
    LibrusInvalidCredentialsError,
    LibrusServerMaintenanceError,
    LibrusSessionExpiredError,
    LibrusUnexpectedResponseError,
)

from sync.errors import (
    AccountActionRequired,
    CaptchaRequired,
    InvalidCredentials,
    LoginRefused,
    UpstreamError,
    UpstreamUnavailable,
)
from sync.upstream.login_answer import Verdict
from sync.upstream.seam import LoginNotUnderstood, RefusedByLibrus

_EXPIRED_MARKERS = ("minął termin ważności konta", "termin ważności")
# What a real refusal of the login form looks like: Librus answers
# {"status":"error","errors":[{"message":"Nieprawidłowy login i/lub hasło."}]}. The
# library calls any answer without `goTo` a rejection, a 500 error page included.
_REJECTION_MARKERS = ("'errors'", '"errors"', "nieprawidłow", "invalid_grant", "hasło")


def translate(err: BaseException) -> UpstreamError:
    """A library error as the bot's error (messages carry no personal data; Librus's
    own words travel apart, in `words`)."""
    if isinstance(err, RefusedByLibrus | LoginNotUnderstood):
        return _login_answer(err)
    if isinstance(err, LibrusCaptchaRequiredError):
        return CaptchaRequired("Librus asks for a captcha")
    if isinstance(err, LibrusAccountActionRequiredError):
        return AccountActionRequired("Librus wants an action in the browser")
    if isinstance(err, LibrusInvalidCredentialsError):
        return _rejected(str(err).lower())
    if isinstance(err, LibrusServerMaintenanceError):
        return UpstreamUnavailable("Librus maintenance (503)", maintenance=True)
    if isinstance(err, LibrusConnectionError):
        status = getattr(err, "status_code", None)
        return UpstreamUnavailable(f"Librus unreachable ({status or type(err.__cause__).__name__})")
    if isinstance(err, LibrusSessionExpiredError):
        return UpstreamUnavailable(f"session rejected (HTTP {err.status_code})")
    if isinstance(err, LibrusUnexpectedResponseError):
        return UpstreamUnavailable(f"unexpected answer (HTTP {err.status_code})")
    if isinstance(err, TimeoutError | aiohttp.ClientError):
        return UpstreamUnavailable(f"network: {type(err).__name__}")
    return UpstreamError(type(err).__name__)


def _login_answer(err: RefusedByLibrus | LoginNotUnderstood) -> UpstreamError:
    """A login answer read by `sync.upstream.login_answer`, as the bot's error."""
    verdict, words = err.reading.verdict, err.reading.words
    if isinstance(err, LoginNotUnderstood):
        maintenance = verdict is Verdict.MAINTENANCE
        return UpstreamUnavailable("the login answer was not understood", maintenance=maintenance)
    if verdict is Verdict.WRONG_CREDENTIALS:
        return InvalidCredentials("Librus rejected the login or password", words=words)
    if verdict is Verdict.CAPTCHA:
        return CaptchaRequired("Librus asks for a captcha", words=words)
    if verdict is Verdict.ACTION:
        return AccountActionRequired("Librus wants an action in the browser", words=words)
    return LoginRefused("Librus refused the login in words not recognised", words=words)


def _rejected(text: str) -> UpstreamError:
    """What the library calls a rejected login form, as it really is."""
    if any(marker in text for marker in _EXPIRED_MARKERS):
        return AccountActionRequired("the Synergia account has expired")
    if not any(marker in text for marker in _REJECTION_MARKERS):
        # Not Librus's refusal (an error page, an empty answer): pausing the account
        # for a wrong password would be wrong; back off and try again instead.
        return UpstreamUnavailable("the login form's answer was not understood")
    return InvalidCredentials("Librus rejected the login or password")


def is_refusal(err: BaseException) -> bool:
    """Librus definitely refuses this module to this account (not a passing failure)."""
    if isinstance(err, LibrusSessionExpiredError):
        return err.status_code == 403
    if isinstance(err, LibrusUnexpectedResponseError):
        if err.status_code in (401, 403, 404, 405):
            return True
        return "isnotactive" in str(err).lower()
    return False


def blocked_by_foreign_page() -> UpstreamUnavailable:
    """A 403 that is not Librus's JSON error: Librus (or what stands before it) refused
    this server with a page of its own. Nothing it refused is missing from the school,
    so the poll is an outage, never "data gone"."""
    return UpstreamUnavailable("a 403 without Librus's error body", blocked=True)
