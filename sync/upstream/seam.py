"""Every use of librus-synergia's private API (pinned 0.3.29), in one place.

Two subclasses of the library: its low-level client, whose login answers are read by
value, and its `Librus`, which holds no password and keeps the Wiadomości session.
Everything else in the project uses the library's public names, or the named methods
at the end of `AccountLibrus`; ruff's SLF rule keeps it so (this module is its one
exception), and tests/integration/test_librus_seam.py checks each private name this
module relies on, so a new library version that moves one fails there, loudly.

The password login, with Librus's answers read by value (see `login_answer`).

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

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from librus_synergia import Librus, LibrusError, LibrusUnexpectedResponseError
from librus_synergia.client import LibrusApiClient
from librus_synergia.const import MESSAGES_DOMAIN, OAUTH_TOKEN_COOKIE, SYNERGIA_DOMAIN
from librus_synergia.exceptions import LibrusAuthError
from librus_synergia.librus import LOGIN_FAILURE_BACKOFF_SECONDS, _fresh, _now
from yarl import URL

from sync.redaction import SECRETS
from sync.upstream.login_answer import Reading, Verdict, read_chain_end, read_form_answer

PasswordSource = Callable[[], Awaitable[str]]
# Called before every password login: raises to put the login off (see login_budget).
LoginGate = Callable[[], None]
Now = Callable[[], datetime]

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


@dataclass(frozen=True)
class MessagesSession:
    """A Wiadomości session as stored with the account's Librus session: its cookies
    (librus-synergia persists only the synergia and api ones) and when it was set up."""

    cookies: dict[str, str]
    set_at: datetime


class AccountLibrus(Librus):
    """`Librus` that asks for the password only when it must log in with it, and tries
    `/refreshToken` first whenever a session existed (a dead `oauth_token` is usually
    renewable from the web session cookies, at the cost of one request)."""

    def __init__(
        self,
        username: str,
        password_source: PasswordSource,
        *,
        now: Now | None = None,
        messages_renew_after: timedelta | None = None,
        login_gate: LoginGate | None = None,
        refusal: Callable[[BaseException], bool] = lambda _: False,
        **kwargs: Any,
    ) -> None:
        super().__init__(username, "", **kwargs)
        self._password_source = password_source
        # Whether a failed login was Librus refusing it (remembered, not retried soon).
        self._refusal = refusal
        self._login_gate = login_gate
        self.password_logins = 0
        self.refreshes = 0
        self._refreshed_at: float | None = None
        self._refresh_failed_at: float | None = None
        # The bot's clock, not the library's monotonic one: the simulated weeks of the
        # tests and benchmarks move it, and Librus's own session clock with it.
        self._clock = now or (lambda: datetime.now(UTC))
        self._messages_renew_after = messages_renew_after
        self._messages_set_at: datetime | None = None

    @property
    def client(self) -> ReadingApiClient:
        """The library's low-level client, with the login answers read by value
        (above); built as the library builds its own."""
        if self._client is None:
            assert self._session is not None, "an account client always has its session"
            self._client = ReadingApiClient(
                self._session,
                self._username,
                on_session_update=self._on_session_update,
                request_timeout=self._request_timeout,
            )
            self._client.import_session(self._session_data)
        assert isinstance(self._client, ReadingApiClient)
        return self._client

    async def try_refresh(self) -> bool:
        """One `/refreshToken` (not repeated within a minute of a failed one)."""
        if self.client.session_age_seconds is None or _fresh(self._refresh_failed_at, 60):
            return False
        if await self.client.async_refresh_session():
            self._refreshed_at, self._refresh_failed_at = _now(), None
            self.refreshes += 1
            return True
        self._refresh_failed_at = _now()
        return False

    async def _sign_in(self, *, force: bool, since: int | None = None) -> None:
        client = self.client
        async with self._login_lock:
            if since is not None and client.login_count != since:
                return
            if force and _fresh(self._refreshed_at, 5):
                return  # another request renewed the session a moment ago
            needs_password = force or not client.is_session_valid()
            if not needs_password:
                # A valid session may still want /refreshToken (after two hours);
                # that needs no password and never falls back to one here.
                await client.async_ensure_session_valid("", force=False)
                return
            failure = self._login_failure
            if (
                failure is not None
                and self._refusal(failure)
                and _fresh(self._login_failed_at, LOGIN_FAILURE_BACKOFF_SECONDS)
            ):
                # Only a refusal is remembered: after a passing failure (5xx, timeout)
                # the poller's own backoff decides when to try again, not this cache.
                raise failure
            if await self.try_refresh():
                self._login_failure = None
                return
            if self._login_gate is not None:
                self._login_gate()
            password = await self._password_source()
            SECRETS.add(password)  # no log line may carry it while it exists
            try:
                await client.async_login(password)
                self.password_logins += 1
            except LibrusError as err:
                self._login_failure, self._login_failed_at = err, _now()
                raise
            finally:
                SECRETS.discard(password)
                del password
            self._login_failure = None

    @property
    def messages_module(self) -> bool | None:
        """Whether the school has Wiadomości (None until the first bootstrap)."""
        return self._messages_available

    async def _bootstrap_messages_locked(self) -> None:
        started = self._clock()
        await super()._bootstrap_messages_locked()
        self._messages_set_at = started if self._messages_available else None

    def _messages_aging(self) -> bool:
        """Whether the Wiadomości session is old enough to be set up again now."""
        return (
            self._messages_renew_after is not None
            and bool(self._messages_available)
            and self._messages_set_at is not None
            and self._clock() - self._messages_set_at >= self._messages_renew_after
        )

    def messages_session(self) -> MessagesSession | None:
        """The live Wiadomości session, to store with the Librus session."""
        if not self._messages_available or self._messages_set_at is None:
            return None
        jar = self._session.cookie_jar if self._session is not None else ()
        cookies = {m.key: m.value for m in jar if m["domain"].lstrip(".") == MESSAGES_DOMAIN}
        return MessagesSession(cookies, self._messages_set_at) if cookies else None

    def resume_messages(self, saved: MessagesSession) -> None:
        """Take up the Wiadomości session a dropped client of this account had, instead
        of setting up a new one (two requests) on its first list. If Librus has ended
        it meanwhile, the refused list sets one up as usual."""
        if self._session is None or not saved.cookies:
            return
        self._session.cookie_jar.update_cookies(saved.cookies, URL(f"https://{MESSAGES_DOMAIN}/"))
        self._messages_available = True
        self._messages_login = self.client.login_count
        self._messages_set_at = saved.set_at

    async def _messages_ready(self) -> bool:
        if self._messages_aging():
            async with self._messages_lock:
                if self._messages_aging():  # not renewed meanwhile by another call
                    await self._bootstrap_messages_locked()
        return await super()._messages_ready()

    # ------------------------------------------------------------ the private API, named

    async def call(self, fetch: Callable[[], Awaitable[Any]]) -> Any:
        """One request through the library's own path (login on need, retries, limits):
        its `_call`, for the endpoints it has no public reader of."""
        return await self._call(fetch)

    async def gateway(self, endpoint: str) -> dict[str, Any]:
        """A GET of a gateway endpoint the library has no reader of, through its own
        path (its `_async_request`, inside `_call`)."""
        result: dict[str, Any] = await self._call(lambda: self.client._async_request(endpoint))
        return result

    async def sign_in(self, *, force: bool) -> None:
        """A login now (`force`: with the password, unless a refresh renews it)."""
        await self._sign_in(force=force)

    @property
    def login_lock(self) -> asyncio.Lock:
        """The library's lock around logins, held while the session is renewed."""
        return self._login_lock

    @property
    def kindergarten(self) -> tuple[str, str | None] | None:
        """The kindergarten child's LID and group LID, once the library's search found
        them (its `_kindergarten_lid` and `_kindergarten_group_id`)."""
        if self._kindergarten_lid is None:
            return None
        return self._kindergarten_lid, self._kindergarten_group_id

    def adopt_kindergarten(self, child: str, group: str | None) -> None:
        """Take up a kindergarten child found before, set as the library's own search
        sets it (the cached names made without it are forgotten, as it does)."""
        self._kindergarten_lid, self._kindergarten_group_id = child, group
        self._forget_references("subjects", "teachers", "classrooms", "school_class")
