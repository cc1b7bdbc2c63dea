"""Contract: each simulator answer has the keys and value types of the real sample.

Samples come from ../shared/librus-samples (skipped with the reason where absent).
Where a 2016-17 recorded body and what librus-synergia expects in 2026 disagree, the
library and the 2026 documented bodies win; those differences are listed in KNOWN with
their reason and the test checks the list is exact, so none is silently ignored.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import aiohttp
import pytest
from librus_synergia import Librus

from simulator.librus.faults import FaultRule
from simulator.librus.server import LibrusSimulator
from sync.upstream.client import lucky_number_of
from tests.conftest import shared_path
from tests.librus_helpers import library_for, transport_for

Fetch = Callable[[Librus, LibrusSimulator], Awaitable[Any]]


def gateway(endpoint: str) -> Fetch:
    async def fetch(lib: Librus, _: LibrusSimulator) -> Any:
        return await lib.client._async_request(endpoint)

    return fetch


async def timetable(lib: Librus, _sim: LibrusSimulator) -> Any:
    return await lib.client.async_get_timetable(date(2026, 11, 23))


async def raw_error(lib: Librus, sim: LibrusSimulator, mode: str, endpoint: str) -> Any:
    login = lib.client.username
    sim.faults.add(FaultRule(mode=mode, endpoint=endpoint, login=login))
    session: aiohttp.ClientSession = lib.client._session
    async with session.get(f"https://synergia.librus.pl/gateway/api/2.0/{endpoint}") as resp:
        return json.loads(await resp.read())


async def maintenance(lib: Librus, sim: LibrusSimulator) -> Any:
    return await raw_error(lib, sim, "maintenance", "Me")


async def lucky_not_active(lib: Librus, sim: LibrusSimulator) -> Any:
    # The sample's school switched the lucky number off; so does this one, for a moment.
    student = sim.world.student_by_login(lib.client.username)
    assert student is not None
    school = sim.world.school_of(student)
    school.missing_modules.add("lucky_number")
    try:
        session: aiohttp.ClientSession = lib.client._session
        async with session.get("https://synergia.librus.pl/gateway/api/2.0/LuckyNumbers") as resp:
            assert resp.status >= 400
            return json.loads(await resp.read())
    finally:
        school.missing_modules.discard("lucky_number")


async def mark_read_twice(lib: Librus, _sim: LibrusSimulator) -> Any:
    notices = await lib.announcements()
    session: aiohttp.ClientSession = lib.client._session
    url = f"https://synergia.librus.pl/gateway/api/2.0/SchoolNotices/MarkAsRead/{notices[0].id}"
    async with session.post(url) as resp:
        await resp.read()
    async with session.post(url) as resp:
        assert resp.status == 400
        return json.loads(await resp.read())


async def unread_count(lib: Librus, _sim: LibrusSimulator) -> Any:
    await lib.unread_messages()
    return await lib.client.async_get_unread_messages_count()


async def messages_api(lib: Librus, _sim: LibrusSimulator) -> Any:
    """The emsi schema lists field names with type names as values: the answer is
    arranged under the same headings and compared by keys."""
    await lib.unread_messages()
    listing = await lib.client.async_get_messages()
    unread = await lib.client.async_get_unread_messages_count()
    full = await lib.client.async_get_message("inbox", listing["data"][0]["messageId"])
    return {
        "list_response": listing,
        "MessageSnippet": listing["data"][0],
        "single_response": full,
        "Message": full["data"],
        "unreadMessagesCount": unread["data"],
    }


async def login_answers(lib: Librus, sim: LibrusSimulator) -> Any:
    account = sim.accounts()[0]
    async with aiohttp.ClientSession(
        connector=lib.client._session.connector, connector_owner=False
    ) as session:
        async with session.get(
            "https://synergia.librus.pl/loguj/portalRodzina", allow_redirects=False
        ) as resp:
            location = resp.headers["Location"]
        async with session.get(location) as resp:
            await resp.read()
        url = "https://api.librus.pl/OAuth/Authorization?client_id=46"
        async with session.post(
            url, data={"action": "login", "login": account["login"], "pass": "wrong"}
        ) as resp:
            error = json.loads(await resp.read())
        async with session.post(
            url, data={"action": "login", "login": account["login"], "pass": account["password"]}
        ) as resp:
            ok = json.loads(await resp.read())
    return {"ok": ok, "error": error}


CASES: dict[str, Fetch] = {
    "recorded-api2.0-2017/Me.json": gateway("Me"),
    "recorded-api2.0-2017/Grades.json": gateway("Grades"),
    "recorded-api2.0-2017/Grades_Categories.json": gateway("Grades/Categories"),
    "recorded-api2.0-2017/Grades_Comments.json": gateway("Grades/Comments"),
    "recorded-api2.0-2017/Attendances.json": gateway("Attendances"),
    "recorded-api2.0-2017/Attendances_Types.json": gateway("Attendances/Types"),
    "recorded-api2.0-2017/Classes.json": gateway("Classes"),
    "recorded-api2.0-2017/HomeWorks.json": gateway("HomeWorks"),
    "recorded-api2.0-2017/HomeWorks_Categories.json": gateway("HomeWorks/Categories"),
    "recorded-api2.0-2017/Lessons.json": gateway("Lessons"),
    "recorded-api2.0-2017/LuckyNumbers.json": gateway("LuckyNumbers"),
    "recorded-api2.0-2017/SchoolNotices.json": gateway("SchoolNotices"),
    "recorded-api2.0-2017/Subjects.json": gateway("Subjects"),
    "recorded-api2.0-2017/TimetableEntries.json": gateway("TimetableEntries"),
    "recorded-api2.0-2017/Timetables__weekStart_2017-01-30.json": timetable,
    "recorded-api2.0-2017/Timetables__weekStart_2017-08-21.json": timetable,
    "recorded-api2.0-2017/Units.json": gateway("Units"),
    "recorded-api2.0-2017/Users.json": gateway("Users"),
    "recorded-api2.0-2017/Users__variant2.json": gateway("Users"),
    "recorded-api2.0-2017/error_503_Maintenance.json": maintenance,
    "recorded-api2.0-2017/error_LuckyNumbers_NotActive.json": lucky_not_active,
    "documented/LuckyNumbers__2026.json": gateway("LuckyNumbers"),
    "documented/GradingSystem.json": gateway("GradingSystem"),
    "documented/Timetables__weekStart_2026__excerpt.json": timetable,
    "documented/wiadomosci_api_inbox_unreadMessagesCount.json": unread_count,
    "documented/SchoolNotices_MarkAsRead__already_read_400.json": mark_read_twice,
    "test-data/Calendars_Substitutions__librus-synergia.json": gateway("Calendars/Substitutions"),
    "test-data/TimetableEntries__librus-synergia.json": gateway("TimetableEntries"),
    "test-data/gateway_503_Maintenance__librus-sdk.json": maintenance,
}
SCHEMA_CASES = {"schemas/wiadomosci_api_message_models__emsi.json": messages_api}
LOGIN_CASES = {
    "documented/OAuth_Authorization_POST__login_ok.json": "ok",
    "reconstructed/OAuth_Authorization_POST__login_error.json": "error",
}

# (sample, path) -> why the simulator differs from that sample on purpose.
KNOWN: dict[tuple[str, str], str] = {
    (
        "recorded-api2.0-2017/SchoolNotices.json",
        "SchoolNotices[].Id",
    ): "2017 ids were numbers; in 2026 they are LID strings (librus-synergia, librus-rs)",
    (
        "recorded-api2.0-2017/Attendances.json",
        "Attendances[].Id",
    ): "the sample's records are trip records with 't…' ids; most records have numeric ids "
    "(both seen live, librus-synergia AttendanceData)",
    (
        "recorded-api2.0-2017/Attendances.json",
        "Attendances[].Trip",
    ): "only trip records carry Trip; the simulator's trips are class free days",
    (
        "recorded-api2.0-2017/Timetables__weekStart_2017-01-30.json",
        "Timetable.*[][].NewDate",
    ): "a lesson moved to another day (NewDate) is not generated, only same-slot changes",
    (
        "recorded-api2.0-2017/Timetables__weekStart_2017-01-30.json",
        "Timetable.*[][].VirtualClass",
    ): "group (virtual class) lessons are not generated",
    (
        "recorded-api2.0-2017/Timetables__weekStart_2017-01-30.json",
        "Timetable.*[][].VirtualClassName",
    ): "group (virtual class) lessons are not generated",
    (
        "recorded-api2.0-2017/TimetableEntries.json",
        "TimetableEntries[].VirtualClass",
    ): "group (virtual class) lessons are not generated; the 2026 test data has none either",
}
NOT_SERVED = {
    "recorded-api2.0-2017/Colors.json": "Colors is not read by librus-synergia",
    "recorded-api2.0-2017/Grades_Averages.json": "Grades/Averages is not read by librus-synergia",
    "recorded-api2.0-2017/Grades_Averages__status_disabled.json": "same as above",
    "recorded-api2.0-2017/LuckyNumbers__array_variant.json": "2017 array; 2026 object wins",
    "recorded-api2.0-2017/OAuth_Token__password_grant_success.json": "password grant dead",
    "recorded-api2.0-2017/OAuth_Token__invalid_grant.json": "same as above",
    "recorded-api2.0-2017/error_401_access_token_expired.json": "bearer tokens are not used",
}


def _type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "list"
    return "object"


def _is_date_keyed(value: dict[str, Any]) -> bool:
    return bool(value) and all(k[:4].isdigit() and k[4:5] == "-" for k in value)


def _compare(samples: list[Any], actuals: list[Any], path: str) -> set[str]:
    """Compare every value seen at one path in the sample with every value in the answer."""
    here = path or "(root)"
    sample_dicts = [v for v in samples if isinstance(v, dict)]
    sample_lists = [v for v in samples if isinstance(v, list)]
    sample_scalars = [v for v in samples if not isinstance(v, dict | list)]
    actual_dicts = [v for v in actuals if isinstance(v, dict)]
    actual_lists = [v for v in actuals if isinstance(v, list)]
    found: set[str] = set()
    if sample_dicts:
        if not actual_dicts:
            return {here}
        if all(_is_date_keyed(d) for d in sample_dicts):  # Timetable: date -> slots
            days = [v for d in sample_dicts for v in d.values()]
            actual_days = [v for d in actual_dicts for v in d.values()]
            return _compare(days, actual_days, f"{path}.*")
        keys: dict[str, list[Any]] = {}
        for d in sample_dicts:
            for key, value in d.items():
                if not key.startswith("_"):
                    keys.setdefault(key, []).append(value)
        for key, values in keys.items():
            sub = f"{path}.{key}" if path else key
            present = [d[key] for d in actual_dicts if key in d]
            found |= {sub} if not present else _compare(values, present, sub)
    if sample_lists:
        if not actual_lists:
            return found | {here}
        items = [x for lst in sample_lists for x in lst]
        actual_items = [x for lst in actual_lists for x in lst]
        if items and actual_items:
            found |= _compare(items, actual_items, f"{path}[]")
    sample_types = {_type(v) for v in sample_scalars} - {"null"}
    actual_types = {_type(v) for v in actuals if not isinstance(v, dict | list)} - {"null"}
    if sample_types and actual_types and not sample_types & actual_types:
        found.add(here)
    return found


def shape_differences(sample: Any, actual: Any) -> set[str]:
    """Paths of keys the sample has that the answer lacks, or holds with another type."""
    return _compare([sample], [actual], "")


@pytest.fixture
async def signed_in(librus: LibrusSimulator):  # type: ignore[no-untyped-def]
    account = next(a for a in librus.accounts() if not a["missing_modules"])
    transport = transport_for(librus)
    lib, session = library_for(transport, account["login"], account["password"])
    await lib.login()
    yield lib
    await session.close()
    await transport.close()


def _load(name: str) -> Any:
    return json.loads(shared_path("librus-samples", *name.split("/")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(CASES))
async def test_simulator_answer_matches_sample(
    name: str, signed_in: Librus, librus: LibrusSimulator
) -> None:
    sample = _load(name)
    actual = await CASES[name](signed_in, librus)
    differences = shape_differences(sample, actual)
    known = {path for (file, path) in KNOWN if file == name}
    unexplained = differences - known
    assert not unexplained, f"{name}: simulator lacks or mistypes {sorted(unexplained)}"
    assert known <= differences, (
        f"{name}: no longer differs, drop from KNOWN: {known - differences}"
    )
    for path in sorted(differences & known):
        print(f"\nknown difference {name} {path}: {KNOWN[(name, path)]}")


def key_differences(schema: Any, actual: Any, path: str = "") -> set[str]:
    """Keys the schema names that the answer lacks (values there are type names)."""
    found: set[str] = set()
    if not isinstance(schema, dict):
        return found
    for key, value in schema.items():
        if key.startswith("_"):
            continue
        sub = f"{path}.{key}" if path else key
        if not isinstance(actual, dict) or key not in actual:
            found.add(sub)
        elif isinstance(value, dict):
            found |= key_differences(value, actual[key], sub)
    return found


@pytest.mark.parametrize("name", sorted(SCHEMA_CASES))
async def test_simulator_answer_has_the_schema_keys(
    name: str, signed_in: Librus, librus: LibrusSimulator
) -> None:
    schema = _load(name)
    # Receivers are listed on sent messages; attachment links need an attachment.
    schema = {k: v for k, v in schema.items() if k not in ("Receiver", "attachment_link")}
    differences = key_differences(schema, await SCHEMA_CASES[name](signed_in, librus))
    known = {path for (file, path) in KNOWN if file == name}
    assert differences - known == set(), sorted(differences - known)
    assert known <= differences, f"no longer differs, drop from KNOWN: {known - differences}"


@pytest.mark.parametrize("name", sorted(LOGIN_CASES))
async def test_login_answers_match_samples(
    name: str, signed_in: Librus, librus: LibrusSimulator
) -> None:
    answers = await login_answers(signed_in, librus)
    assert shape_differences(_load(name), answers[LOGIN_CASES[name]]) == set()


def test_every_sample_is_checked_or_explained() -> None:
    root = shared_path("librus-samples")
    bodies = {
        str(p.relative_to(root))
        for p in root.rglob("*.json")
        if not p.name.startswith("portal") and "reconstructed" not in p.parts[-2:-1]
    }
    covered = set(CASES) | set(LOGIN_CASES) | set(SCHEMA_CASES) | set(NOT_SERVED)
    skipped_families = {
        p
        for p in bodies
        if p.startswith(
            (
                "schemas/endpoint_catalogue",
                "schemas/api3.0",
                "documented/kindergartens",
                "documented/Auth_Descriptive",
                "documented/ChangeRegister",
                "documented/fcm_push",
                "documented/wiadomosci_api_attach",
                "test-data/wiadomosci_api_messages_POST",
                "test-data/Justifications",
                "test-data/BehaviourGrades",
            )
        )
    }
    missing = bodies - covered - skipped_families
    assert not missing, f"samples with no contract check and no reason: {sorted(missing)}"


def test_known_differences_name_checked_samples() -> None:
    stale = [key for key in KNOWN if key[0] not in CASES and key[0] not in SCHEMA_CASES]
    assert not stale, stale


def test_both_recorded_shapes_of_the_lucky_number_are_read() -> None:
    single = lucky_number_of(_load("recorded-api2.0-2017/LuckyNumbers.json"))
    listed = lucky_number_of(_load("recorded-api2.0-2017/LuckyNumbers__array_variant.json"))
    assert single is not None and (single.number, single.day) == (13, "2017-02-03")
    assert listed is not None and (listed.number, listed.day) == (15, "2017-04-25")
    assert lucky_number_of({"LuckyNumbers": [{"LuckyNumber": "x"}]}) is None
    assert lucky_number_of({}) is None


async def test_the_simulators_array_shape_reaches_the_same_number(
    librus: LibrusSimulator, signed_in: Librus
) -> None:
    login = next(a for a in librus.accounts() if not a["missing_modules"])["login"]
    payload = await signed_in._call(signed_in.client.async_get_lucky_number)
    librus.edit.lucky_shape(login, "array")
    listed = await signed_in._call(signed_in.client.async_get_lucky_number)
    assert "LuckyNumbers" in listed and "LuckyNumber" not in listed
    assert lucky_number_of(listed) == lucky_number_of(payload) is not None
