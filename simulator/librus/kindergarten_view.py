"""What Librus serves a kindergarten account, beside the regular gateway.

Confirmed (librus-synergia `docs/kindergarten.md`, entries seen live 2026-10-10): the
plan comes from `gateway/ms/kindergartens/timetable/kindergarteners/<child LID>` as
`timetableEntries` of time blocks with LID references and no lesson numbers; entry
`type` is `planned`, `cancelled` (with `comments`), `substituted` (the replaced block,
with its replacements in `substitutions`) or `substitution` (a replacement, with the
replaced block in `substitutedLesson`), and one block can be split into several
substitutions; names come from `activities-types`, `Auth/Classrooms`,
`groups/<group LID>` and `Users` (teachers by `AccountId`); the regular `Timetables`
answers 403.

Assumed (nobody has shown them): which other modules refuse (ha-librus-synergia #5
says a preschool login has only Wiadomości; served here: messages, announcements and
the agenda, the rest refused as a school without the module is); what `Classes`
answers (both a 403 and a class numbered 0 are served, per group); what the
kindergarten service answers a LID that is not the account's child (403) and a school
account (401, as the library expects of it).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from simulator.librus.gateway.common import ACCESS_DENY
from simulator.librus.kindergarten_world import classroom_lid, lid
from simulator.librus.world import PlanChange, PlanSlot, SchoolClass

if TYPE_CHECKING:
    from simulator.librus.render import GatewayView

JsonObj = dict[str, Any]

# The regular resources a kindergarten account is refused (assumed, see above).
REFUSED: dict[str, tuple[int, JsonObj]] = {
    "Timetables": (
        403,
        {"Status": "Error", "Code": "AccessDeny", "Message": "Student timetable is not public"},
    ),
    "Grades": (403, ACCESS_DENY),
    "Attendances": (403, ACCESS_DENY),
    "HomeWorkAssignments": (403, ACCESS_DENY),
    "Realizations": (403, ACCESS_DENY),
    "LuckyNumbers": (
        404,
        {
            "Status": "Error",
            "Code": "LuckyNumberIsNotActive",
            "Message": "Lucky number is not active.",
        },
    ),
    "Notes": (
        404,
        {"Status": "Error", "Code": "NotesIsNotActive", "Message": "Notes is not active."},
    ),
}


def refusal(klass: SchoolClass, resource: str) -> tuple[int, JsonObj] | None:
    """What a kindergarten account is refused of the regular gateway, if anything."""
    if not klass.kindergarten:
        return None
    if resource == "Classes" and klass.classes_shape == "refused":
        return 403, ACCESS_DENY
    return REFUSED.get(resource)


UNAUTHORIZED: JsonObj = {"error": "unauthorized", "message": "Unauthorized"}
FORBIDDEN: JsonObj = {"error": "forbidden", "message": "Access denied"}
PREFIX = "ms/kindergartens/"


class KindergartenView:
    """The kindergarten service and the kindergarten lookups, for one login."""

    def __init__(self, view: GatewayView) -> None:
        self.v = view
        self.w = view.w
        self.klass = view.klass

    @property
    def active(self) -> bool:
        return self.klass.kindergarten

    # ------------------------------------------------------------------ the service

    def service(self, path: str, query: Mapping[str, str]) -> tuple[int, JsonObj]:
        """`gateway/ms/kindergartens/<path>`."""
        if not self.active:
            return 401, UNAUTHORIZED
        parts = path.strip("/").split("/")
        if parts == ["activities-types"]:
            return 200, self.activity_types()
        if len(parts) == 2 and parts[0] == "groups":
            return (200, self.group()) if parts[1] == self.klass.lid else (403, FORBIDDEN)
        if len(parts) == 3 and parts[:2] == ["timetable", "kindergarteners"]:
            if parts[2] != self.v.s.lid:
                return 403, FORBIDDEN
            try:
                first = date.fromisoformat(query["dateFrom"])
                last = date.fromisoformat(query["dateTo"])
            except (KeyError, ValueError):
                return 400, {"error": "bad_request", "message": "dateFrom and dateTo are required"}
            return 200, {"timetableEntries": self.entries(first, last)}
        return 404, {"error": "not_found", "message": "Not found"}

    def activity_types(self) -> JsonObj:
        return {
            "activitiesTypes": [
                {"identifier": s.lid, "name": s.name}
                for s in self.w.subjects.values()
                if s.school_id == self.klass.school_id and s.lid
            ]
        }

    def group(self) -> JsonObj:
        tutor = self.w.teachers[self.klass.tutor_id]
        return {"identifier": self.klass.lid, "name": self.klass.group_name, "tutors": [tutor.lid]}

    def kindergartener(self, child_lid: str) -> JsonObj | None:
        """`Auth/Users/Kindergarteners/<LID>`."""
        s = self.v.s
        if not self.active or child_lid != s.lid:
            return None
        return {
            "data": {
                "identifier": s.lid,
                "firstName": s.first_name,
                "lastName": s.last_name,
                "groupIdentifier": self.klass.lid,
            }
        }

    def classrooms(self) -> JsonObj:
        """`Auth/Classrooms` (a school account gets its rooms the same way)."""
        return {
            "data": [
                {"identifier": classroom_lid(c.id), "symbol": c.symbol, "name": c.name}
                for c in self.w.classrooms.values()
                if c.school_id == self.klass.school_id
            ]
        }

    # ------------------------------------------------------------------ the plan

    def entries(self, first: date, last: date) -> list[JsonObj]:
        plan = self.w.class_plan(self.klass.id)
        changes = {
            (c.org_date, c.org_lesson_no): c
            for c in self.w.plan_changes.owned_by(self.klass.id)
            if self.v.visible(c.visible_from)
        }
        found: list[JsonObj] = []
        day = max(first, self.klass.begin)
        while day <= min(last, self.klass.end, first + timedelta(days=92)):
            if self.w.is_school_day(self.klass.school_id, self.klass.id, day):
                for slot in plan:
                    if slot.weekday == day.isoweekday():
                        found.extend(self._block(day, slot, changes.get((day, slot.lesson_no))))
            day += timedelta(days=1)
        return found

    def _block(self, day: date, slot: PlanSlot, change: PlanChange | None) -> list[JsonObj]:
        """A block as Librus lists it: one entry, or the replaced block followed by its
        replacements (each naming it), as seen live."""
        planned = self._entry(day, slot, slot.hours or ("", ""))
        if change is None:
            return [planned]
        if change.kind == "cancelled":
            return [{**planned, "type": "cancelled", "comments": change.note or ""}]
        replacements = [
            self._replacement(day, slot, change, part, hours, teacher)
            for part, (hours, teacher) in enumerate(self._parts(slot, change))
        ]
        replaced = {**planned, "type": "substituted", "substitutions": replacements}
        return [replaced, *replacements]

    def _parts(self, slot: PlanSlot, change: PlanChange) -> list[tuple[tuple[str, str], int]]:
        start, stop = slot.hours or ("", "")
        teacher = change.teacher_id or change.org_teacher_id
        if change.split_at is None or change.split_teacher_id is None:
            return [((start, stop), teacher)]
        return [
            ((start, change.split_at), teacher),
            ((change.split_at, stop), change.split_teacher_id),
        ]

    def _entry(self, day: date, slot: PlanSlot, hours: tuple[str, str]) -> JsonObj:
        lesson = self.w.lessons[slot.lesson_id]
        return {
            "identifier": lid("TT-ENTRY", slot.id, day.toordinal()),
            "date": day.isoformat(),
            "startTime": hours[0],
            "endTime": hours[1],
            "activityTypeIdentifier": self.w.subjects[lesson.subject_id].lid,
            "classroomIdentifier": classroom_lid(slot.classroom_id),
            "teachers": [self.w.teachers[lesson.teacher_id].lid],
            "type": "planned",
            "canManage": False,
        }

    def _replacement(
        self,
        day: date,
        slot: PlanSlot,
        change: PlanChange,
        part: int,
        hours: tuple[str, str],
        teacher_id: int,
    ) -> JsonObj:
        original = self._entry(day, slot, slot.hours or ("", ""))
        subject = self.w.subjects[change.subject_id or change.org_subject_id]
        return {
            "identifier": lid("TT-SUBST", change.id, part),
            "date": day.isoformat(),
            "startTime": hours[0],
            "endTime": hours[1],
            "activityTypeIdentifier": subject.lid,
            "classroomIdentifier": classroom_lid(change.classroom_id or slot.classroom_id),
            "teachers": [self.w.teachers[teacher_id].lid],
            "type": "substitution",
            "canManage": False,
            "substitutionType": lid("SUBST-TYPE", 1),
            "comments": change.note or "",
            "substitutedLesson": {k: v for k, v in original.items() if k != "canManage"},
        }
