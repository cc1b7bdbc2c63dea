"""Each private name of librus-synergia that `sync.upstream.seam` relies on, checked on
the pinned version: a new version that renames or moves one fails here, by name,
before any poll misbehaves."""

from __future__ import annotations

import asyncio
import inspect

import aiohttp
import pytest
from librus_synergia import Librus, librus
from librus_synergia.client import LibrusApiClient

from sync.upstream import seam

# Methods the seam overrides or calls, with the parameters it passes.
LIBRUS_METHODS = {
    "_sign_in": {"force", "since"},
    "_call": {"fetch"},
    "_bootstrap_messages_locked": set(),
    "_messages_ready": set(),
    "_forget_references": {"keys"},
    "_search_kindergartener": {"errors"},
}
CLIENT_METHODS = {
    "_raise_if_captcha": {"text", "where"},
    "_async_login_handshake": {"password"},
    "_async_request": {"endpoint"},
}
# Attributes a fresh `Librus` has, which the seam reads or sets.
LIBRUS_ATTRIBUTES = (
    "_client",
    "_session",
    "_session_data",
    "_username",
    "_request_timeout",
    "_login_lock",
    "_login_failure",
    "_login_failed_at",
    "_messages_available",
    "_messages_login",
    "_messages_lock",
    "_kindergarten_lid",
    "_kindergarten_group_id",
)


@pytest.mark.parametrize(("name", "parameters"), sorted(LIBRUS_METHODS.items()))
def test_the_librus_methods_the_seam_uses_are_there(name: str, parameters: set[str]) -> None:
    method = getattr(Librus, name)
    assert parameters <= set(inspect.signature(method).parameters), name


@pytest.mark.parametrize(("name", "parameters"), sorted(CLIENT_METHODS.items()))
def test_the_client_methods_the_seam_overrides_are_there(name: str, parameters: set[str]) -> None:
    method = getattr(LibrusApiClient, name)
    assert parameters <= set(inspect.signature(method).parameters), name


async def test_a_fresh_librus_has_the_attributes_the_seam_reads() -> None:
    async with aiohttp.ClientSession() as session:
        lib = Librus("1234567", "", session=session)
        missing = [name for name in LIBRUS_ATTRIBUTES if not hasattr(lib, name)]
        assert missing == []
        assert isinstance(lib._login_lock, asyncio.Lock)
        assert lib._kindergarten_lid is None and lib._kindergarten_group_id is None


def test_the_module_helpers_the_seam_imports_keep_their_meaning() -> None:
    assert callable(librus._fresh) and callable(librus._now)
    assert isinstance(librus.LOGIN_FAILURE_BACKOFF_SECONDS, int | float)
    assert librus._fresh(librus._now(), 60) and not librus._fresh(None, 60)


async def test_adopting_a_kindergarten_is_what_the_librarys_search_leaves_behind() -> None:
    async with aiohttp.ClientSession() as session:

        async def no_password() -> str:
            raise AssertionError("no login here")

        lib = seam.AccountLibrus("1234567", no_password, session=session)
        before = lib.kindergarten
        lib.adopt_kindergarten("LID-AUTH-USER-1", "LID-GROUP-1")
        assert before is None and lib.kindergarten == ("LID-AUTH-USER-1", "LID-GROUP-1")
        assert (lib._kindergarten_lid, lib._kindergarten_group_id) == lib.kindergarten
