"""A live login check on a parent's behalf (linking a child, a new password), limited so
that the bot can never be used to guess a child's password or to get it locked.

Failed checks are counted per Synergia login and per Telegram user, in the database, so
a new dialogue or a restart does not reset them. The login's limit stops before the
captcha Librus shows after repeated failures (the simulator: 3 within an hour from an
unknown device; the real threshold is unknown, so ours is lower and its window longer).
When a linked child's login reaches its limit, the parents who linked it are told once.

A check never carries another user's stored session or DeviceCookie: the device cookie
that keeps a parent's logins captcha-free must not shield a stranger's guesses.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.uow import Store, UnitOfWork
from sync.clock import Clock
from sync.errors import AccountActionRequired, AuthProblem, LoginsLimited
from sync.metrics import LOGIN_CHECKS
from sync.notices import tell_failed_checks
from sync.upstream import LoginCheck, Upstream

log = logging.getLogger("sync.login_checks")

LOGIN = "login"
USER = "user"


@dataclass(frozen=True)
class LoginLimits:
    #: failed checks of one Synergia login through the bot, within `login_window`
    login_failures: int = 2
    login_window: timedelta = timedelta(hours=3)
    #: failed checks by one Telegram user, whatever the login, within `user_window`
    user_failures: int = 5
    user_window: timedelta = timedelta(hours=24)


class LoginChecks:
    def __init__(
        self, store: Store, upstream: Upstream, clock: Clock, limits: LoginLimits | None = None
    ) -> None:
        self.store = store
        self.upstream = upstream
        self.clock = clock
        self.limits = limits or LoginLimits()

    async def allowed(self, user_id: int, login: str) -> None:
        """Raises `LoginsLimited` when a check may not be made now."""
        now = self.clock.now()
        async with self.store.reading() as uow:
            by_login = await uow.login_attempts.recent(LOGIN, login, now, self.limits.login_window)
            by_user = await uow.login_attempts.recent(
                USER, str(user_id), now, self.limits.user_window
            )
        if len(by_login) >= self.limits.login_failures:
            until = by_login[-self.limits.login_failures] + self.limits.login_window
            raise LoginsLimited("too many failed checks of this login", until=until, scope=LOGIN)
        if len(by_user) >= self.limits.user_failures:
            until = by_user[-self.limits.user_failures] + self.limits.user_window
            raise LoginsLimited("too many failed checks by this user", until=until, scope=USER)

    async def check(
        self, user_id: int, login: str, password: str, *, own_account_id: int | None = None
    ) -> LoginCheck:
        """Log in live with what the parent typed. `own_account_id`: the account this
        user already linked (a new password), whose stored DeviceCookie may go along;
        any other user's session never does. Raises `LoginsLimited` before asking
        Librus when the limits are reached, and the upstream errors otherwise; a
        refusal that used up the login's allowance carries `locked_until`."""
        try:
            await self.allowed(user_id, login)
        except LoginsLimited:
            LOGIN_CHECKS.labels("limited").inc()
            raise
        session: bytes | None = None
        if own_account_id is not None:
            async with self.store.reading() as uow:
                if await uow.links.get(user_id, own_account_id) is not None:
                    session = await uow.accounts.load_session(own_account_id)
        try:
            result = await self.upstream.check_login(login, password, session=session)
        except AccountActionRequired:
            LOGIN_CHECKS.labels("action").inc()
            raise  # the password was accepted: not a failure
        except AuthProblem as err:
            LOGIN_CHECKS.labels("refused").inc()
            err.locked_until = await self._failed(user_id, login)
            raise
        LOGIN_CHECKS.labels("ok").inc()
        async with self.store.transaction() as uow:
            await uow.login_attempts.clear(LOGIN, login)
        return result

    async def _failed(self, user_id: int, login: str) -> datetime | None:
        now, limits = self.clock.now(), self.limits
        async with self.store.transaction() as uow:
            by_login = await uow.login_attempts.fail(LOGIN, login, now, limits.login_window)
            await uow.login_attempts.fail(USER, str(user_id), now, limits.user_window)
            locked = None
            if len(by_login) >= limits.login_failures:
                locked = by_login[-limits.login_failures] + limits.login_window
                await self._tell_owners(uow, user_id, login, locked, now)
        return locked

    async def _tell_owners(
        self,
        uow: UnitOfWork,
        user_id: int,
        login: str,
        until: datetime,
        now: datetime,
    ) -> None:
        """Parents who linked this login hear of repeated failed checks, once a run."""
        account = await uow.accounts.by_login(login)
        if account is None:
            return
        owners = [
            link for link in await uow.links.for_account(account.id) if link.user_id != user_id
        ]
        if not owners or not await uow.login_attempts.mark_told(LOGIN, login, now):
            return
        told = await tell_failed_checks(uow, account.id, except_user=user_id, until=until, now=now)
        log.warning(
            "failed login checks of a linked login",
            extra={"account": account.id, "told": told},
        )
