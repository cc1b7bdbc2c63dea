"""The password login, with Librus's answers read by value (see `login_answer`).

librus-synergia runs the login handshake; this subclass of its low-level client only
changes how the answers are read. The library hands every login answer it reads to
`_raise_if_captcha(text, where)` before it interprets it (the form's JSON, each hop of
the redirect chain); that hook is where we read them instead, and the handshake's
"no session cookie at the end" is turned into "action needed in the browser" when the
chain ended on a Librus page. Both rely on names private to the pinned version
(0.3.29): `_raise_if_captcha`, its `where` strings, `_async_login_handshake`, the
wording of its missing-cookie error and its `_session`;
tests/integration/test_librus_login_refusals.py fails loudly if any of them changes.
"""

from __future__ import annotations

from typing import Any

from librus_synergia import LibrusUnexpectedResponseError
from librus_synergia.client import LibrusApiClient
from librus_synergia.const import OAUTH_TOKEN_COOKIE, SYNERGIA_DOMAIN
from librus_synergia.exceptions import LibrusAuthError
from yarl import URL

from sync.upstream.login_answer import Reading, Verdict, read_chain_end, read_form_answer

FORM_ANSWER = "login form response"
CHAIN_HOP = "OAuth redirect chain"
_NO_SESSION = "no oauth_token"


class RefusedByLibrus(LibrusAuthError):
    """A login Librus refused (or wants finished in the browser), with its words."""

    def __init__(self, reading: Reading) -> None:
        super().__init__(f"login refused: {reading.verdict.value}")
        self.reading = reading


class LoginNotUnderstood(LibrusUnexpectedResponseError):
    """A login answer that is not Librus's refusal (an error page, an empty answer):
    a passing failure, tried again later like an outage."""

    def __init__(self, reading: Reading) -> None:
        super().__init__(f"login answer not understood: {reading.verdict.value}")
        self.reading = reading


class ReadingApiClient(LibrusApiClient):
    """`LibrusApiClient` whose login reads what Librus said instead of guessing it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._last_hop: str | None = None

    def _raise_if_captcha(self, text: str, where: str) -> None:  # type: ignore[override]
        if where == FORM_ANSWER:
            self._last_hop = None
            reading = read_form_answer(text)
            if reading.verdict is Verdict.OK:
                return
            if reading.verdict in (Verdict.UNREADABLE, Verdict.MAINTENANCE):
                raise LoginNotUnderstood(reading)
            raise RefusedByLibrus(reading)
        if where == CHAIN_HOP:
            self._last_hop = text
            reading = read_chain_end(text)
            if reading.verdict is Verdict.CAPTCHA:
                raise RefusedByLibrus(reading)
            return
        LibrusApiClient._raise_if_captcha(text, where)

    def _token(self) -> str | None:
        cookie = self._session.cookie_jar.filter_cookies(URL(f"https://{SYNERGIA_DOMAIN}/")).get(
            OAUTH_TOKEN_COOKIE
        )
        return cookie.value if cookie is not None else None

    async def _async_login_handshake(self, password: str) -> None:
        self._last_hop = None
        # The library counts a login as done when an oauth_token cookie is in the jar;
        # a dead one from the last session would pass for it. A login gives a new one.
        before = self._token()
        try:
            await super()._async_login_handshake(password)
            if before is not None and self._token() == before:
                raise LibrusUnexpectedResponseError(
                    f"Login appeared to finish but {_NO_SESSION} session cookie was set anew."
                )
        except LibrusUnexpectedResponseError as err:
            if isinstance(err, LoginNotUnderstood) or _NO_SESSION not in str(err):
                raise
            # The chain ended on a page instead of a session: read that page.
            reading = read_chain_end(self._last_hop or "")
            if reading.verdict in (Verdict.ACTION, Verdict.CAPTCHA):
                raise RefusedByLibrus(reading) from None
            if reading.verdict is Verdict.MAINTENANCE:
                raise LoginNotUnderstood(reading) from None
            raise
        finally:
            self._last_hop = None
