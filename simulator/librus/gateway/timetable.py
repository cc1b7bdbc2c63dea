"""The timetable by week, with substitutions, cancellations and lessons moved between
days, and the lessons' realizations."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from simulator.librus import names as N
from simulator.librus.clock import at_local, monday_of
from simulator.librus.gateway.common import (
    ACCESS_DENY,
    API,
    JsonObj,
    ModuleRefused,
    ViewBase,
    day_text,
    envelope,
    ref,
)
from simulator.librus.world import (
    MODULE_TIMETABLE,
    PlanChange,
    PlanSlot,
)

# What the lessons before a test are about, in turn.
LESSON_PARTS = ("wprowadzenie", "ćwiczenia", "zadania", "powtórzenie")


class TimetableView(ViewBase):
    # ------------------------------------------------------------------ timetable

    def timetable(self, week_start: date) -> JsonObj:
        self.require(
            MODULE_TIMETABLE,
            lambda: ModuleRefused(
                403,
                {
                    "Status": "Error",
                    "Code": "AccessDeny",
                    "Message": "Student timetable is not public",
                },
            ),
        )
        start = monday_of(week_start)
        plan = self.w.class_plan(self.klass.id)
        shown = [
            c for c in self.w.plan_changes.owned_by(self.klass.id) if self.visible(c.visible_from)
        ]
        changes = {(c.org_date, c.org_lesson_no): c for c in shown}
        moved_in = {(c.new_date, c.new_lesson_no): c for c in shown if c.kind == "moved"}
        slots_per_day = len(self.school.lesson_hours) + 1
        days: JsonObj = {}
        for offset in range(7):
            day = start + timedelta(days=offset)
            slots: list[list[JsonObj]] = [[] for _ in range(slots_per_day)]
            if self.w.is_school_day(self.school.id, self.klass.id, day) and (
                self.klass.begin <= day <= self.klass.end
            ):
                for slot in plan:
                    if slot.weekday != day.isoweekday():
                        continue
                    slots[slot.lesson_no].append(
                        self._lesson(slot, changes.get((day, slot.lesson_no)))
                    )
                for (new_day, new_no), change in moved_in.items():
                    if new_day == day and new_no is not None and 0 < new_no < slots_per_day:
                        slots[new_no].append(self._moved_in(change, plan))
            days[day_text(day)] = slots
        return {
            "Timetable": days,
            "Pages": {
                "Prev": f"{API}/Timetables?weekStart={day_text(start - timedelta(days=7))}",
                "Next": f"{API}/Timetables?weekStart={day_text(start + timedelta(days=7))}",
            },
            "Resources": {"..": {"Url": f"{API}/Root"}},
            "Url": f"{API}/Timetables",
        }

    def _teacher_ref(self, teacher_id: int) -> JsonObj:
        teacher = self.w.teachers[teacher_id]
        return {
            "Id": str(teacher.id),
            "FirstName": teacher.first_name,
            "LastName": teacher.last_name,
            "Url": f"{API}/Users/{teacher.id}",
        }

    def _subject_ref(self, subject_id: int) -> JsonObj:
        subject = self.w.subjects[subject_id]
        return {
            "Id": str(subject.id),
            "Name": subject.name,
            "Short": subject.short,
            "Url": f"{API}/Subjects/{subject.id}",
        }

    def _classroom_ref(self, classroom_id: int) -> JsonObj:
        room = self.w.classrooms[classroom_id]
        return {
            "Id": str(room.id),
            "Name": room.name,
            "Symbol": room.symbol,
            "Url": f"{API}/Classrooms/{room.id}",
        }

    def _lesson(self, slot: PlanSlot, change: PlanChange | None) -> JsonObj:
        lesson = self.w.lessons[slot.lesson_id]
        hour_from, hour_to = self.school.lesson_hours[slot.lesson_no - 1]
        item: JsonObj = {
            "Lesson": {"Id": str(lesson.id), "Url": f"{API}/Lessons/{lesson.id}"},
            "Classroom": self._classroom_ref(slot.classroom_id),
            "DateFrom": day_text(slot.date_from),
            "DateTo": day_text(slot.date_to),
            "LessonNo": str(slot.lesson_no),
            "TimetableEntry": {"Id": str(slot.id), "Url": f"{API}/TimetableEntries/{slot.id}"},
            "DayNo": str(slot.weekday),
            "Subject": self._subject_ref(lesson.subject_id),
            "Teacher": self._teacher_ref(lesson.teacher_id),
            "Class": ref("Classes", self.klass.id),
            "IsSubstitutionClass": False,
            "IsCanceled": False,
            "SubstitutionNote": None,
            "HourFrom": hour_from,
            "HourTo": hour_to,
        }
        if change is None:
            return item
        if change.kind in ("cancelled", "moved"):
            item["IsCanceled"] = True  # a moved lesson is cancelled where it was
            return item
        item.update(
            {
                "IsSubstitutionClass": True,
                "SubstitutionNote": change.note,
                "OrgDate": day_text(change.org_date),
                "OrgLessonNo": str(change.org_lesson_no),
                "OrgLesson": {"Id": str(lesson.id), "Url": f"{API}/Lessons/{lesson.id}"},
                "OrgSubject": {
                    "Id": str(change.org_subject_id),
                    "Url": f"{API}/Subjects/{change.org_subject_id}",
                },
                "OrgTeacher": {
                    "Id": str(change.org_teacher_id),
                    "Url": f"{API}/Users/{change.org_teacher_id}",
                },
                "OrgClassroom": {
                    "Id": str(change.org_classroom_id),
                    "Url": f"{API}/Classrooms/{change.org_classroom_id}",
                },
                "OrgHourFrom": hour_from,
                "OrgHourTo": hour_to,
            }
        )
        if change.subject_id is not None:
            item["Subject"] = self._subject_ref(change.subject_id)
        if change.teacher_id is not None:
            item["Teacher"] = self._teacher_ref(change.teacher_id)
        if change.classroom_id is not None:
            item["Classroom"] = self._classroom_ref(change.classroom_id)
        if change.no_classroom:
            item.pop("Classroom", None)
        return item

    def _moved_in(self, change: PlanChange, plan: list[PlanSlot]) -> JsonObj:
        """The lesson where a moved one now is: a substitution whose OrgDate and
        OrgLessonNo are the day and number it came from (the shape librus-synergia
        reads as a move; Librus's own flag for it is not known)."""
        slot = next(
            s
            for s in plan
            if s.weekday == change.org_date.isoweekday() and s.lesson_no == change.org_lesson_no
        )
        assert change.new_date is not None and change.new_lesson_no is not None
        item = self._lesson(slot, replace(change, kind="substitution"))
        hour_from, hour_to = self.school.lesson_hours[change.new_lesson_no - 1]
        item.update(
            {
                "LessonNo": str(change.new_lesson_no),
                "DayNo": str(change.new_date.isoweekday()),
                "HourFrom": hour_from,
                "HourTo": hour_to,
            }
        )
        return item

    def timetable_entries(self) -> JsonObj:
        items = [
            {
                "Id": slot.id,
                "Lesson": ref("Lessons", slot.lesson_id),
                "DayOfTheWeek": slot.weekday,
                "LessonNo": slot.lesson_no,
                "DateFrom": day_text(slot.date_from),
                "DateTo": day_text(slot.date_to),
                "Classroom": {
                    "Id": slot.classroom_id,
                    "Symbol": self.w.classrooms[slot.classroom_id].symbol,
                    "Name": self.w.classrooms[slot.classroom_id].name,
                    "Size": 0,
                },
            }
            for slot in self.w.class_plan(self.klass.id)
        ]
        return envelope("TimetableEntries", items, "TimetableEntries")

    def plan_changes(self) -> JsonObj:
        items = []
        mine = self.w.plan_changes.owned_by(self.klass.id)
        for c in sorted(mine, key=lambda c: (c.org_date, c.org_lesson_no)):
            if not self.visible(c.visible_from):
                continue
            item: JsonObj = {
                "Id": c.id,
                "OrgDate": day_text(c.org_date),
                "OrgLessonNo": str(c.org_lesson_no),
                "OrgTeacher": {"Id": c.org_teacher_id},
                "OrgSubject": {"Id": c.org_subject_id},
                "OrgClassroomSymbol": self.w.classrooms[c.org_classroom_id].symbol,
                "ClassroomSymbol": None,
                "IsCancelled": c.kind == "cancelled",
                "IsShifted": c.kind == "moved",
            }
            if c.kind == "moved" and c.new_date is not None:
                item.update(
                    {
                        "Date": day_text(c.new_date),
                        "LessonNo": str(c.new_lesson_no),
                        "Teacher": {"Id": c.org_teacher_id},
                        "Subject": {"Id": c.org_subject_id},
                    }
                )
            elif c.kind != "cancelled":
                item.update(
                    {
                        "Date": day_text(c.org_date),
                        "LessonNo": str(c.org_lesson_no),
                        "Teacher": {"Id": c.teacher_id},
                        "Subject": {"Id": c.subject_id},
                        "ClassroomSymbol": self.w.classrooms[c.classroom_id].symbol
                        if c.classroom_id
                        else None,
                    }
                )
            items.append(item)
        return envelope("Substitutions", items, "Calendars/Substitutions", "Calendars")

    def realizations(self) -> JsonObj:
        """Every lesson held this school year, with its topic, from the moment it ends.

        What the real list spans is not documented (librus-synergia reads it whole,
        with no parameters): the whole year is the heaviest plausible answer. A lesson
        in the weeks before a test of its subject is about that test's topic, as in a
        real class; the rest get a topic of the subject that fits the class's year."""
        tests: dict[int, list[tuple[date, str]]] = {}
        for entry in self.w.agenda.owned_by(self.klass.id):
            name = self.w.agenda_categories[entry.category_id].name.lower()
            if entry.subject_id is not None and name in ("sprawdzian", "kartkówka"):
                tests.setdefault(entry.subject_id, []).append((entry.day, entry.content))
        for listed in tests.values():
            listed.sort()
        items = []
        counts: dict[int, int] = {}
        for day, slot in self._held_lessons():
            _, end = self.school.lesson_hours[slot.lesson_no - 1]
            if not self.visible(at_local(day, int(end[:2]), int(end[3:]))):
                continue
            lesson = self.w.lessons[slot.lesson_id]
            subject = self.w.subjects[lesson.subject_id]
            n = counts[subject.id] = counts.get(subject.id, 0) + 1
            coming = next(
                (
                    content
                    for when, content in tests.get(subject.id, [])
                    if day < when <= day + timedelta(days=14)
                ),
                None,
            )
            if coming is not None:
                topic = f"{coming} – {LESSON_PARTS[n % len(LESSON_PARTS)]}"
            else:
                topic = N.topic_of_test(subject.name, self.klass.number, n)
            items.append(
                {
                    "Id": f"{day.toordinal()}{slot.lesson_no}{lesson.id}",
                    "Lesson": {"Id": lesson.id},
                    "Date": day_text(day),
                    "LessonNo": slot.lesson_no,
                    "Topic": topic,
                    "IsTrip": False,
                    "AddedBy": {"Id": lesson.teacher_id},
                }
            )
        return envelope("Realizations", items, "Realizations")

    # ------------------------------------------------------------------ teacher absences

    def teacher_absences(self, path: str) -> JsonObj:
        """Teachers away, for the whole school. Where the school answers at all (see
        `School.teacher_absences`), besides those added by hand every teacher whose
        lesson is substituted or cancelled is away that whole day, seen when the change
        is."""
        if self.school.teacher_absences != path:
            raise ModuleRefused(
                403,
                dict(ACCESS_DENY),
            )
        items = []
        for a in self.w.teacher_absences.owned_by(self.school.id):
            if a.visible_from is None or self.visible(a.visible_from):
                items.append(
                    {
                        "Id": a.id,
                        "Teacher": ref("Users", a.teacher_id),
                        "DateFrom": day_text(a.date_from),
                        "DateTo": day_text(a.date_to),
                        "TimeFrom": a.time_from,
                        "TimeTo": a.time_to,
                    }
                )
        seen: set[tuple[int, date]] = set()
        for klass in self.w.classes.values():
            if klass.school_id != self.school.id:
                continue
            for c in self.w.plan_changes.owned_by(klass.id):
                if c.kind not in ("substitution", "cancelled") or not self.visible(c.visible_from):
                    continue
                if (c.org_teacher_id, c.org_date) in seen:
                    continue
                seen.add((c.org_teacher_id, c.org_date))
                items.append(
                    {
                        "Id": 700_000_000 + c.id,
                        "Teacher": ref("Users", c.org_teacher_id),
                        "DateFrom": day_text(c.org_date),
                        "DateTo": day_text(c.org_date),
                        "TimeFrom": None,
                        "TimeTo": None,
                    }
                )
        return envelope("TeacherFreeDays", items, "Calendars/TeacherFreeDays", "Calendars")
