"""The account's reference data (names behind ids, the class, free days): when to ask
for it again and how a new answer lays over what was known.

Every lookup weekly (about 17 requests), the things that change within a week daily
(about 5), both on a school day; an id the cached copy does not know fetches that
lookup once more. A short answer never takes names away (the diff would read that as
changed grades)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from librus_synergia import LibrusError

from sync import kinds as K
from sync.cadence import SchoolCalendar, first_school_day
from sync.clock import WARSAW
from sync.upstream.client import AccountClient
from sync.upstream.contract import UpstreamSettings


async def renewed(
    client: AccountClient,
    settings: UpstreamSettings,
    reference: dict[str, Any] | None,
    fetched_at: datetime | None,
    now: datetime,
    today: date,
) -> dict[str, Any] | None:
    """Every lookup weekly (about 17 requests), the things that change within a
    week daily (about 5); None while the stored reference is fresh. Both wait for
    a school day (up to three days): the weekend's request budget is the tighter
    one, and nothing they bring matters before school."""
    full_at = _moment(reference.get("full_at")) if reference else None
    if reference is None or full_at is None:
        return await full(client, reference, now)
    calendar = SchoolCalendar(reference)
    if calendar.outdated(today) and (
        full_at.astimezone(WARSAW).date() < first_school_day(calendar.end or today)
        or now - full_at >= settings.reference_ttl
    ):
        # A new school year: the class, its dates and free days anew at once, and
        # daily until Librus describes the new year.
        return await full(client, reference, now)
    school = calendar.is_school_day(today)
    grace = timedelta(0) if school else timedelta(days=3)
    if now - full_at >= settings.reference_full_ttl + grace:
        return await full(client, reference, now)
    if fetched_at is None or now - fetched_at >= settings.reference_ttl + grace:
        return apply_check(reference, await client.reference_check(reference))
    return None


async def refresh_unknown(
    client: AccountClient, raw: dict[str, Any], reference: dict[str, Any]
) -> bool:
    """An id the cached reference does not know: fetch that lookup again, once.
    True when the reference was asked again (it is updated in place)."""
    missing = unknown_lookups(raw, reference)
    if not missing:
        return False
    for name in sorted(missing):
        try:
            fresh = await client.refresh_lookup(name)
        except LibrusError:
            continue  # keep the cached copy; names show as unknown this time
        # Added to what was known, never replacing it: a short answer must not
        # take names away from grades that had them (that would read as a change).
        reference[name] = {**(reference.get(name) or {}), **fresh}
    return True


LOOKUPS = (
    "subjects",
    "teachers",
    "classrooms",
    "grade_categories",
    "attendance_types",
    "lessons",
    "agenda_categories",
    "note_categories",
    "point_categories",
)
STICKY_FLAGS = ("point_grades", "descriptive", "partial")


def merge_reference(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """The day's reference data on top of what was known. A lookup or flag that comes
    back short (a truncated or failed answer) must not make grades lose their subject
    or the point grades vanish from the next poll, which the diff would read as
    deletions; so within one school year ids are only added or renamed, and the
    "this child has point/descriptive grades" flags only go on."""
    if not old:
        return new
    began, begins = (old.get("class") or {}).get("begin"), (new.get("class") or {}).get("begin")
    if began and begins and began != begins:
        return new  # a new school year: start afresh
    # When the class answer failed, what was known about the class stays. A
    # kindergarten's group has a name but no dates: the dates once known stay.
    merged_class = new.get("class") if begins else old.get("class")
    if not begins and new.get("kindergarten") and new.get("class"):
        known = {k: v for k, v in new["class"].items() if v is not None}
        merged_class = {**(old.get("class") or {}), **known}
    merged = dict(new)
    merged["class"] = merged_class
    for name in LOOKUPS:
        merged[name] = {**(old.get(name) or {}), **(new.get(name) or {})}
    for flag in STICKY_FLAGS:
        merged[flag] = bool(new.get(flag)) or bool(old.get(flag))
    merged["kindergarten"] = new.get("kindergarten") or old.get("kindergarten")
    return merged


async def full(
    client: AccountClient, reference: dict[str, Any] | None, now: datetime
) -> dict[str, Any]:
    renewed = merge_reference(reference, await client.reference())
    renewed["full_at"] = now.isoformat()
    return renewed


def apply_check(reference: dict[str, Any], check: dict[str, Any]) -> dict[str, Any]:
    """The daily check laid over the weekly reference. A kind of grades this child did
    not have asks for the whole reference (its categories) at the next poll."""
    merged = dict(reference)
    merged["free_days"] = check["free_days"]
    for flag in STICKY_FLAGS:
        merged[flag] = bool(check.get(flag)) or bool(reference.get(flag))
        if merged[flag] and not reference.get(flag):
            merged["full_at"] = None  # its lookups (point categories) come with the rest
    return merged


def _moment(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def unknown_lookups(raw: dict[str, Any], reference: dict[str, Any]) -> set[str]:
    missing: set[str] = set()

    def check(lookup: str, value: Any) -> None:
        if value is not None and str(value) not in reference.get(lookup, {}):
            missing.add(lookup)

    if K.GRADES in raw:
        standard, _points, _described = raw[K.GRADES]
        for g in standard:
            check("subjects", g.subject_id)
            check("grade_categories", g.category_id)
    if K.ATTENDANCE in raw:
        for a in raw[K.ATTENDANCE]:
            check("attendance_types", a.type_id)
            check("lessons", a.lesson_id)
    if K.AGENDA in raw:
        for e in raw[K.AGENDA]:
            check("agenda_categories", e.category_id)
    return missing
