"""Attendance: the records the teachers filled, and presence derived from the plan."""

from __future__ import annotations

from datetime import date, datetime

from simulator.librus.clock import at_local, local_stamp
from simulator.librus.gateway.common import (
    ACCESS_DENY,
    JsonObj,
    ModuleRefused,
    ViewBase,
    day_text,
    derived_presence_id,
    envelope,
    ref,
)
from simulator.librus.world import (
    MODULE_JUSTIFICATIONS,
    Attendance,
    Justification,
)

ABSENT = 1  # the standard type of an absence not (yet) excused


class AttendanceView(ViewBase):
    # ------------------------------------------------------------------ attendance

    def attendances(self) -> JsonObj:
        explicit: dict[tuple[date, int], Attendance] = {}
        items: list[JsonObj] = []
        for a in self.w.attendances.owned_by(self.s.id):
            if not self.visible(a.visible_from):
                continue
            explicit[(a.day, a.lesson_no)] = a
            items.append(
                self._attendance(
                    a.id,
                    lesson_id=a.lesson_id,
                    day=a.day,
                    lesson_no=a.lesson_no,
                    semester=a.semester,
                    type_id=a.type_at(self.now),
                    teacher_id=a.teacher_id,
                    added=a.visible_from,
                    trip_id=a.trip_id,
                )
            )
        for day, slot in self._held_lessons():
            if (day, slot.lesson_no) in explicit:
                continue
            lesson = self.w.lessons[slot.lesson_id]
            _, end = self.school.lesson_hours[slot.lesson_no - 1]
            moment = at_local(day, int(end[:2]), int(end[3:]))
            if not self.visible(moment):
                continue
            semester = 1 if day <= self.klass.end_first_semester else 2
            items.append(
                self._attendance(
                    derived_presence_id(self.s.id, day, slot.lesson_no),
                    lesson_id=lesson.id,
                    day=day,
                    lesson_no=slot.lesson_no,
                    semester=semester,
                    type_id=100,
                    teacher_id=lesson.teacher_id,
                    added=moment,
                    trip_id=None,
                )
            )
        items.sort(key=lambda i: (i["Date"], i["LessonNo"]))
        return envelope("Attendances", items, "Attendances")

    def _attendance(
        self,
        item_id: str | int,
        *,
        lesson_id: int,
        day: date,
        lesson_no: int,
        semester: int,
        type_id: int,
        teacher_id: int,
        added: datetime,
        trip_id: int | None,
    ) -> JsonObj:
        raw_id: str | int = item_id
        if isinstance(item_id, str) and item_id.isdigit():
            raw_id = int(item_id)
        item: JsonObj = {
            "Id": raw_id,
            "Lesson": ref("Lessons", lesson_id),
            "Student": ref("Users", self.s.id),
            "Date": day_text(day),
            "AddDate": local_stamp(added),
            "LessonNo": lesson_no,
            "Semester": semester,
            "Type": ref("Attendances/Types", type_id),
            "AddedBy": ref("Users", teacher_id),
        }
        if trip_id is not None:
            item["Trip"] = ref("Trips", trip_id)
        return item

    # ------------------------------------------------------------------ e-excuses

    def justifications(self) -> JsonObj:
        """The parent's e-excuses (`Justifications`, a lowercase envelope).

        Besides those added by hand, each absence a teacher excused was, here, excused
        through an e-excuse sent the evening before ("accept"), and every third day
        still unexcused has one waiting ("new"). What Librus answers a school without
        e-Usprawiedliwienia is not known; a 403 like other refused modules is assumed."""
        self.require(
            MODULE_JUSTIFICATIONS,
            lambda: ModuleRefused(
                403,
                dict(ACCESS_DENY),
            ),
        )
        items = [j for j in self.w.justifications.owned_by(self.s.id) if self.visible(j.posted)]
        excused: dict[date, list[Attendance]] = {}
        waiting: dict[date, list[Attendance]] = {}
        for a in self.w.attendances.owned_by(self.s.id):
            if a.type_id != ABSENT or not self.visible(a.visible_from):
                continue
            if a.excused_at is not None and self.visible(a.excused_at):
                excused.setdefault(a.excused_at.date(), []).append(a)
            elif a.excused_at is None and a.day.toordinal() % 3 == 0:
                waiting.setdefault(a.day, []).append(a)
        for when, records in excused.items():
            items.append(self._derived(records, "accept", at_local(when, 8, 0)))
        for day, records in waiting.items():
            posted = at_local(day, 19, 30)
            if self.visible(posted):
                items.append(self._derived(records, "new", posted))
        items.sort(key=lambda j: j.posted, reverse=True)
        return {
            "status": "OK",
            "message": "Pobrano listę usprawiedliwień",
            "data": [self._justification(j) for j in items],
        }

    def _derived(self, records: list[Attendance], status: str, posted: datetime) -> Justification:
        days = sorted(a.day for a in records)
        return Justification(
            id=int(posted.timestamp()) % 1_000_000 + self.s.id,
            student_id=self.s.id,
            date_from=days[0],
            date_to=days[-1],
            status=status,
            posted=posted,
            message="Choroba." if status == "accept" else "Proszę o usprawiedliwienie.",
            lessons=sorted((a.day, a.lesson_no) for a in records) if status == "accept" else [],
        )

    def _justification(self, j: Justification) -> JsonObj:
        accepted = j.status == "accept"
        return {
            "id": j.id,
            "messageFromParent": j.message,
            "postDate": local_stamp(j.posted),
            "justificationStatus": j.status,
            "lessons": [{"number": no, "date": day_text(day)} for day, no in j.lessons],
            "attachment": False,
            "dateFrom": day_text(j.date_from),
            "dateTo": day_text(j.date_to),
            "justifiedAbsences": len(j.lessons) if accepted else 0,
            "notifiedTeachers": [],
        }
