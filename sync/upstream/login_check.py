"""A live login with what the parent typed, to see who the child is, before anything
is stored. The only path that tries a password the bot does not hold: it never
retries, rides no stored session but the device's cookie, and counts against the
process's login budget without waiting on it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from librus_synergia import LibrusError, parsers

from sync.errors import UpstreamUnavailable
from sync.upstream.client import AccountClient
from sync.upstream.contract import LoginCheck, StudentProfile, UpstreamSettings
from sync.upstream.holder import child_key, read_holder
from sync.upstream.login_budget import LoginBudget
from sync.upstream.sessions import session_from_bytes
from sync.upstream.translate import blocked_by_foreign_page, is_refusal, translate
from sync.upstream.transport import LibrusTransport


async def check_login(
    transport: LibrusTransport,
    settings: UpstreamSettings,
    login_budget: LoginBudget,
    login: str,
    password: str,
    *,
    session: bytes | None = None,
) -> LoginCheck:
    """Log in live with what the parent typed and read who the child is."""

    async def given() -> str:
        return password

    client = AccountClient(
        login,
        transport.new_session(),
        password_source=given,
        session_sink=None,
        session_data=_device_only(session),
        request_timeout=settings.request_timeout,
        login_gate=login_budget.count,
    )
    try:
        await client.librus.sign_in(force=True)
        lib = client.librus
        raw_me = await lib.call(lib.client.async_get_me)
        me = parsers.parse_me(raw_me)
        holder = read_holder(raw_me)
        klass = await client.school_class()
        school = await _optional(lib.school)
        number = await _optional(lib.student_number)
        school_name = school.name if school is not None else None
        profile = StudentProfile(
            login=login,
            student_name=me.display_name,
            class_name=klass.display_name if klass is not None else None,
            school_name=school_name,
            register_number=number,
            holder=holder.kind,
            holder_name=holder.name,
            child_key=child_key(holder.child_id, school_name),
            kindergarten=client.kindergarten is not None,
        )
        return LoginCheck(profile=profile, session=client.export_session())
    except LibrusError as err:
        problem = translate(err)
        if isinstance(problem, UpstreamUnavailable) and transport.foreign_refusals(client.http):
            raise blocked_by_foreign_page() from None
        raise problem from None
    finally:
        await client.close()


def _device_only(blob: bytes | None) -> Any:
    """Only the DeviceCookie of a stored session (a new login must not ride an old one)."""
    data = session_from_bytes(blob)
    if data is None:
        return None
    data.cookies = [c for c in data.cookies if c.get("name") == "DeviceCookie"]
    data.logged_in_at = 0.0
    return data


async def _optional(load: Callable[[], Awaitable[Any]]) -> Any:
    try:
        return await load()
    except LibrusError as err:
        if is_refusal(err):
            return None
        raise
