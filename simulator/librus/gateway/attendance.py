"""Attendance: the records the teachers filled, and presence derived from the plan."""

from __future__ import annotations

from datetime import date, datetime

from simulator.librus.clock import at_local, local_stamp
from simulator.librus.gateway.common import (
    JsonObj,
    ViewBase,
    day_text,
    derived_presence_id,
    envelope,
    ref,
)
from simulator.librus.world import (
    Attendance,
)


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
