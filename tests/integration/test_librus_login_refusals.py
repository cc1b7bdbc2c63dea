"""Every login refusal shape the simulator serves, read by the real library + our reading.

Also the assumptions `sync.upstream.seam` makes about librus-synergia's private login
internals: each fails loudly when the pinned version changes them.
"""

from __future__ import annotations

import inspect

import pytest
from librus_synergia.client import LibrusApiClient
from yarl import URL

from simulator.librus.faults import FaultRule
from simulator.librus.login_pages import CAPTCHA_ERROR, LOGIN_ERROR, OTHER_REFUSAL
from simulator.librus.server import LibrusSimulator
from storage.uow import Store
from sync.errors import (
    AccountActionRequired,
    AuthProblem,
    CaptchaRequired,
    InvalidCredentials,
    LoginRefused,
    UpstreamUnavailable,
)
from sync.upstream import seam as login_module
from tests.librus_helpers import upstream_for

# fault mode (or shape) -> the error the bot must read, and Librus's words it must keep
CASES: list[tuple[str, type[Exception], str | None]] = [
    ("wrong_password", InvalidCredentials, LOGIN_ERROR),
    ("wrong_password_flag_false", InvalidCredentials, LOGIN_ERROR),
    ("captcha", CaptchaRequired, CAPTCHA_ERROR),
    ("captcha_message_only", CaptchaRequired, CAPTCHA_ERROR),
    ("captcha_page", CaptchaRequired, "Potwierdź, że nie jesteś robotem"),
    ("account_expired", AccountActionRequired, "Minął termin ważności konta"),
    ("login_refused_other", LoginRefused, OTHER_REFUSAL),
    ("password_change", AccountActionRequired, "Zmiana hasła"),
    ("accept_terms", AccountActionRequired, "Akceptacja regulaminu"),
    ("maintenance", UpstreamUnavailable, None),
    ("server_error", UpstreamUnavailable, None),
    ("html_login", UpstreamUnavailable, None),
    ("html_forbidden", UpstreamUnavailable, None),
]


def _account(sim: LibrusSimulator) -> tuple[str, str]:
    account = next(a for a in sim.accounts() if not a["missing_modules"])
    return str(account["login"]), str(account["password"])


@pytest.mark.parametrize(("mode", "expected", "words"), CASES)
async def test_each_refusal_is_read_by_what_librus_said(
    librus: LibrusSimulator,
    sqlite_store: Store,
    mode: str,
    expected: type[Exception],
    words: str | None,
) -> None:
    login, password = _account(librus)
    upstream, _ = upstream_for(librus, sqlite_store)
    librus.faults.add(FaultRule(mode=mode, endpoint="login", login=login))
    try:
        with pytest.raises(expected) as caught:
            await upstream.check_login(login, password)
    finally:
        await upstream.close()
    if words is not None:
        assert isinstance(caught.value, AuthProblem)
        assert caught.value.words is not None and words in caught.value.words
    if mode == "maintenance":
        assert isinstance(caught.value, UpstreamUnavailable) and caught.value.maintenance
    if isinstance(caught.value, UpstreamUnavailable):
        # A firewall's page is a block of this server; other outages are not.
        assert caught.value.blocked == (mode == "html_forbidden")
    # Librus's words never go into the error's message (it reaches logs).
    assert OTHER_REFUSAL not in str(caught.value) and LOGIN_ERROR not in str(caught.value)


@pytest.mark.parametrize("shape", ["flag", "message_only", "page"])
async def test_the_captcha_after_failures_in_every_shape(
    librus: LibrusSimulator, sqlite_store: Store, shape: str
) -> None:
    login, password = _account(librus)
    librus.set_shape("captcha", shape)
    upstream, _ = upstream_for(librus, sqlite_store)
    try:
        for _ in range(3):
            with pytest.raises(InvalidCredentials):
                await upstream.check_login(login, "not-the-password")
        assert librus.captcha_pending(login)
        with pytest.raises(CaptchaRequired):
            await upstream.check_login(login, password)
    finally:
        await upstream.close()


async def test_a_wrong_password_saying_no_captcha_is_a_wrong_password(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    login, _ = _account(librus)
    librus.set_shape("wrong_password", "flag_false")
    upstream, _ = upstream_for(librus, sqlite_store)
    try:
        with pytest.raises(InvalidCredentials):
            await upstream.check_login(login, "not-the-password")
    finally:
        await upstream.close()


async def test_an_action_lasts_until_done_in_the_browser(
    librus: LibrusSimulator, sqlite_store: Store
) -> None:
    login, password = _account(librus)
    librus.require_action(login, "password_change")
    upstream, _ = upstream_for(librus, sqlite_store)
    try:
        for _ in range(2):
            with pytest.raises(AccountActionRequired):
                await upstream.check_login(login, password)
        # The parent set a new password in the browser: the old one is now wrong.
        librus.clear_action(login, new_password="Nowe-Haslo-1")
        with pytest.raises(InvalidCredentials):
            await upstream.check_login(login, password)
        check = await upstream.check_login(login, "Nowe-Haslo-1")
        assert check.profile.student_name
    finally:
        await upstream.close()


def test_the_library_internals_the_login_reading_relies_on() -> None:
    """librus-synergia 0.3.29: the hook, its `where` strings, the handshake and the
    wording of its missing-session error. A new version that changes any of them
    must fail here, not in a parent's chat."""
    source = inspect.getsource(LibrusApiClient._async_login_handshake)
    assert f'self._raise_if_captcha(text, "{login_module.FORM_ANSWER}")' in source
    assert f'self._raise_if_captcha(text, "{login_module.CHAIN_HOP}")' in source
    assert login_module._NO_SESSION in source
    assert source.index(login_module.FORM_ANSWER) < source.index("json.loads")
    assert isinstance(inspect.getattr_static(LibrusApiClient, "_raise_if_captcha"), staticmethod)
    assert "self._session = session" in inspect.getsource(LibrusApiClient.__init__)


async def test_the_password_and_the_session_cookies_never_reach_a_log_line(
    librus: LibrusSimulator, sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever logs during a login (our code, the library, aiohttp) has the password
    and the session cookies redacted from the finished line; nothing stays registered
    after the client is gone."""
    import io
    import logging

    from dzwonek.logs import KeyValueFormatter
    from sync.redaction import SECRETS

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(KeyValueFormatter())
    chatty = logging.getLogger("tests.chatty")
    chatty.addHandler(handler)
    seen: dict[str, str] = {}
    real_login = LibrusApiClient.async_login

    async def login(self: LibrusApiClient, password: str) -> object:
        chatty.warning("logging in with %s", password)  # a careless line, anywhere
        result = await real_login(self, password)
        jar = self._session.cookie_jar.filter_cookies(URL("https://synergia.librus.pl/"))
        seen["token"] = jar["oauth_token"].value
        chatty.warning("session %s", seen["token"])  # and another, with the cookie
        return result

    monkeypatch.setattr(LibrusApiClient, "async_login", login)
    login_name, password = _account(librus)
    upstream, _ = upstream_for(librus, sqlite_store)
    try:
        check = await upstream.check_login(login_name, password)
        assert check.profile.student_name
    finally:
        await upstream.close()
        chatty.removeHandler(handler)
    chatty.warning("after: %s %s", password, seen["token"])  # nothing registered now
    text = stream.getvalue()
    assert password not in text and seen["token"] not in text and text.count("***") == 2
    assert not SECRETS.redact(f"{password} {seen['token']}").count("***")
