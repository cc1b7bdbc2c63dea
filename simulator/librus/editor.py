"""Adding, changing and deleting records in the world, as a teacher would in Synergia.

Every method takes the student's Synergia login and plain values (subject and category
by name or id); new records are visible at once unless `visible_from` says later.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime, timedelta
from typing import Any

from simulator.librus import calendar
from simulator.librus.clock import SimClock, at_local
from simulator.librus.files import SimFile
from simulator.librus.kindergarten_world import add_kindergarten, split_point
from simulator.librus.world import (
    AgendaEntry,
    Attendance,
    BehaviourGrade,
    FreeDay,
    Grade,
    GradeComment,
    Homework,
    Justification,
    Message,
    Note,
    Notice,
    PartialGrade,
    PlanChange,
    Student,
    TeacherAbsence,
    World,
)

KINDS = {
    "grade": "grades",
    "partial_grade": "partial_grades",
    "message": "messages",
    "attendance": "attendances",
    "plan_change": "plan_changes",
    "agenda": "agenda",
    "homework": "homework",
    "notice": "notices",
    "note": "notes",
}
_EDITABLE = {
    "grade": {"value", "category_id", "subject_id", "semester", "kind", "day"},
    "partial_grade": {"value", "area", "content", "comments"},
    "message": {"topic", "body", "read_at"},
    "attendance": {"type_id"},
    "plan_change": {"kind", "subject_id", "teacher_id", "classroom_id", "note"},
    "agenda": {"day", "content", "category_id", "subject_id", "time_from", "time_to"},
    "homework": {"topic", "text", "due"},
    "notice": {"subject", "content", "end"},
    "note": {"text", "positive"},
}


FileSpec = str | SimFile | dict[str, Any]


class EditError(ValueError):
    """The edit names something that is not in the world."""


def _shaped(fields_: dict[str, Any]) -> SimFile:
    try:
        return SimFile(**{"size": 80_000, **fields_})
    except TypeError as err:
        raise EditError(f"not a file: {fields_!r}") from err


class WorldEditor:
    def __init__(self, world: World, clock: SimClock) -> None:
        self.w = world
        self.clock = clock

    # ------------------------------------------------------------------ lookups

    def _files(self, specs: list[FileSpec] | None) -> list[tuple[str, str]]:
        """Attachments as a record lists them (name, id), each registered in the world."""
        listed = []
        for spec in specs or []:
            file_id = str(self.w.new_id())
            if isinstance(spec, str):
                self.w.file(file_id, spec)
            else:
                self.w.files[file_id] = spec if isinstance(spec, SimFile) else _shaped(spec)
            listed.append((self.w.files[file_id].name, file_id))
        return listed

    def student(self, login: str) -> Student:
        student = self.w.student_by_login(login)
        if student is None:
            raise EditError(f"no account with login {login!r}")
        return student

    def _school_id(self, student: Student) -> int:
        return self.w.classes[student.class_id].school_id

    def _subject_id(self, student: Student, subject: str | int | None) -> int:
        school = self._school_id(student)
        lessons = self.w.class_lessons(student.class_id)
        if subject is None:
            return lessons[0].subject_id
        for s in self.w.subjects.values():
            if s.school_id == school and (
                s.id == subject
                or s.name.lower() == str(subject).lower()
                or s.short == str(subject).lower()
            ):
                return s.id
        raise EditError(f"no subject {subject!r} at this school")

    def _lesson_for(self, student: Student, subject_id: int) -> tuple[int, int]:
        for lesson in self.w.class_lessons(student.class_id):
            if lesson.subject_id == subject_id:
                return lesson.id, lesson.teacher_id
        lesson = self.w.class_lessons(student.class_id)[0]
        return lesson.id, lesson.teacher_id

    def _category_id(self, student: Student, category: str | int | None, table: str) -> int:
        school = self._school_id(student)
        items = [c for c in getattr(self.w, table).values() if c.school_id == school]
        if category is None:
            return int(items[0].id)
        for c in items:
            if c.id == category or c.name.lower() == str(category).lower():
                return int(c.id)
        raise EditError(f"no category {category!r} at this school")

    def _visible(self, visible_from: datetime | None) -> datetime:
        return visible_from or self.clock.now()

    def _today(self) -> date:
        return self.clock.today()

    # ------------------------------------------------------------------ adding

    def add_grade(
        self,
        login: str,
        *,
        value: str = "5",
        subject: str | int | None = None,
        category: str | int | None = None,
        comment: str | None = None,
        day: date | None = None,
        semester: int | None = None,
        kind: str = "normal",
        improves_id: int | None = None,
        visible_from: datetime | None = None,
    ) -> int:
        student = self.student(login)
        subject_id = self._subject_id(student, subject)
        lesson_id, teacher_id = self._lesson_for(student, subject_id)
        klass = self.w.classes[student.class_id]
        day = day or self._today()
        grade = Grade(
            id=self.w.new_id(),
            student_id=student.id,
            subject_id=subject_id,
            lesson_id=lesson_id,
            category_id=self._category_id(student, category, "grade_categories"),
            teacher_id=teacher_id,
            value=value,
            day=day,
            visible_from=self._visible(visible_from),
            semester=semester or (1 if day <= klass.end_first_semester else 2),
            kind=kind,
            improves_id=improves_id,
        )
        if comment:
            note = GradeComment(self.w.new_id(), grade.id, teacher_id, comment)
            self.w.grade_comments[note.id] = note
            grade.comment_ids.append(note.id)
        self.w.grades[grade.id] = grade
        return grade.id

    def lucky_shape(self, login: str, shape: str) -> None:
        """How the child's school answers LuckyNumbers: "object" or "array"."""
        if shape not in ("object", "array"):
            raise EditError("a lucky number's shape is object or array")
        self.w.schools[self.w.class_of(self.student(login)).school_id].lucky_shape = shape

    def use_partial_grading(self, login: str, on: bool = True) -> None:
        """The child's class moves to the new descriptive grading (or back)."""
        self.w.classes[self.student(login).class_id].partial_grading = on

    def add_partial_grade(
        self,
        login: str,
        *,
        area: str,
        value: str,
        subject: str | int | None = None,
        content: str = "",
        comment: str | None = None,
        day: date | None = None,
        visible_from: datetime | None = None,
    ) -> str:
        """A grade of the new descriptive grading; the class is switched to it."""
        student = self.student(login)
        self.use_partial_grading(login)
        subject_id = self._subject_id(student, subject)
        _, teacher_id = self._lesson_for(student, subject_id)
        klass = self.w.classes[student.class_id]
        day = day or self._today()
        grade = PartialGrade(
            id=f"{self.w.new_id():x}-{student.id:x}",
            student_id=student.id,
            subject_id=subject_id,
            teacher_id=teacher_id,
            area=area,
            value=value,
            day=day,
            visible_from=self._visible(visible_from),
            semester=1 if day <= klass.end_first_semester else 2,
            content=content,
            comments=[comment] if comment else [],
        )
        self.w.partial_grades[grade.id] = grade
        return grade.id

    def add_message(
        self,
        login: str,
        *,
        topic: str,
        body: str,
        teacher: str | int | None = None,
        attachments: list[FileSpec] | None = None,
        visible_from: datetime | None = None,
        sender: str | None = None,
    ) -> str:
        """A message from a teacher, or (`sender`) from one of Librus's own group
        senders such as 'e-Usprawiedliwienia', which have no first and last name.
        `attachments`: file names, or `SimFile`s (or their fields as a dict) for a
        size, failing keys or waits of one's own."""
        student = self.student(login)
        teacher_id = self.w.classes[student.class_id].tutor_id
        if teacher is not None:
            for t in self.w.teachers.values():
                if t.school_id == self._school_id(student) and (teacher in (t.id, t.name)):
                    teacher_id = t.id
                    break
            else:
                raise EditError(f"no teacher {teacher!r} at this school")
        message = Message(
            id=str(self.w.new_id()),
            student_id=student.id,
            teacher_id=teacher_id,
            topic=topic,
            body=body,
            visible_from=self._visible(visible_from),
            attachments=self._files(attachments),
            sender_name=sender,
        )
        self.w.messages[message.id] = message
        return message.id

    def add_attendance(
        self,
        login: str,
        *,
        day: date | None = None,
        lesson_no: int = 1,
        type_id: int = 1,
        visible_from: datetime | None = None,
    ) -> str:
        student = self.student(login)
        day = day or self._today()
        slot = next(
            (
                s
                for s in self.w.class_plan(student.class_id)
                if s.weekday == day.isoweekday() and s.lesson_no == lesson_no
            ),
            None,
        )
        lesson = (
            self.w.lessons[slot.lesson_id]
            if slot is not None
            else self.w.class_lessons(student.class_id)[0]
        )
        klass = self.w.classes[student.class_id]
        record = Attendance(
            id=str(self.w.new_id()),
            student_id=student.id,
            lesson_id=lesson.id,
            day=day,
            lesson_no=lesson_no,
            semester=1 if day <= klass.end_first_semester else 2,
            type_id=type_id,
            teacher_id=lesson.teacher_id,
            visible_from=self._visible(visible_from),
        )
        self.w.attendances[record.id] = record
        return record.id

    def excuse(self, attendance_id: str, *, at: datetime | None = None) -> None:
        record = self.w.attendances.get(str(attendance_id))
        if record is None:
            raise EditError(f"no attendance record {attendance_id!r}")
        record.excused_type_id = 3
        record.excused_at = at or self.clock.now()

    def add_justification(
        self,
        login: str,
        *,
        date_from: date,
        date_to: date | None = None,
        status: str = "new",
        posted: datetime | None = None,
    ) -> int:
        """An e-excuse the parent sent from the portal (`status`: new | accept | rejected,
        or any word a school's Librus might use)."""
        student = self.student(login)
        record = Justification(
            id=self.w.new_id(),
            student_id=student.id,
            date_from=date_from,
            date_to=date_to or date_from,
            status=status,
            posted=posted or self.clock.now(),
        )
        self.w.justifications[record.id] = record
        return record.id

    def add_behaviour_grade(
        self,
        login: str,
        *,
        scale: int | None = 2,
        semester: int | None = None,
        value: float | None = None,
        short_name: str = "",
        visible_from: datetime | None = None,
    ) -> int:
        """A behaviour grade: on the classic scale (`scale` 1 wzorowe .. 6 naganne), or a
        points school's entry (`scale=None` with `value` / `short_name`)."""
        student = self.student(login)
        klass = self.w.classes[student.class_id]
        record = BehaviourGrade(
            id=self.w.new_id(),
            student_id=student.id,
            semester=semester or (1 if self._today() <= klass.end_first_semester else 2),
            added=self._visible(visible_from),
            scale=scale,
            value=value,
            short_name=short_name,
        )
        self.w.behaviour_grades[record.id] = record
        return record.id

    def add_teacher_absence(
        self,
        login: str,
        *,
        subject: str | int,
        day: date | None = None,
        until: date | None = None,
        time_from: str | None = None,
        time_to: str | None = None,
    ) -> int:
        """The teacher of the child's `subject` away on `day` (tomorrow unless said),
        all day or between two hours."""
        student = self.student(login)
        teacher_id = self._lesson_for(student, self._subject_id(student, subject))[1]
        start = day or self._today() + timedelta(days=1)
        record = TeacherAbsence(
            id=self.w.new_id(),
            school_id=self.w.classes[student.class_id].school_id,
            teacher_id=teacher_id,
            date_from=start,
            date_to=until or start,
            time_from=time_from,
            time_to=time_to,
            visible_from=self.clock.now(),
        )
        self.w.teacher_absences[record.id] = record
        return record.id

    def add_plan_change(
        self,
        login: str,
        *,
        day: date | None = None,
        lesson_no: int = 1,
        kind: str = "cancelled",
        subject: str | int | None = None,
        note: str | None = None,
        visible_from: datetime | None = None,
        new_day: date | None = None,
        new_lesson_no: int | None = None,
        classroom: bool = True,
    ) -> int:
        if kind not in ("cancelled", "substitution", "room", "moved", "split"):
            raise EditError("kind is cancelled, substitution, room, moved or split")
        if kind == "moved" and (new_day is None or new_lesson_no is None):
            raise EditError("a moved lesson needs new_day and new_lesson_no")
        student = self.student(login)
        kindergarten = self.w.class_of(student).kindergarten
        if kind == "split" and not kindergarten:
            raise EditError("only a kindergarten's block is split between two substitutes")
        if kindergarten and kind in ("moved", "room"):
            raise EditError("a kindergarten's plan has no moved lessons or room changes here")
        day = day or self._today() + timedelta(days=1)
        slot = next(
            (
                s
                for s in self.w.class_plan(student.class_id)
                if s.weekday == day.isoweekday() and s.lesson_no == lesson_no
            ),
            None,
        )
        if slot is None:
            raise EditError(f"no lesson {lesson_no} on {day.isoformat()} in the plan")
        lesson = self.w.lessons[slot.lesson_id]
        change = PlanChange(
            id=self.w.new_id(),
            class_id=student.class_id,
            org_date=day,
            org_lesson_no=lesson_no,
            org_subject_id=lesson.subject_id,
            org_teacher_id=lesson.teacher_id,
            org_classroom_id=slot.classroom_id,
            kind=kind,
            visible_from=self._visible(visible_from),
            note=note,
        )
        school = self._school_id(student)
        if kind in ("substitution", "split"):
            change.kind = "substitution"
            change.subject_id = self._subject_id(student, subject) if subject else lesson.subject_id
            others = [
                t.id
                for t in self.w.teachers.values()
                if t.school_id == school and t.id != lesson.teacher_id
            ]
            change.teacher_id = others[0]
            change.classroom_id = slot.classroom_id if classroom else None
            change.no_classroom = not classroom
            if kind == "split":
                if slot.hours is None:
                    raise EditError("this block has no hours to split")
                change.split_at = split_point(*slot.hours)
                if change.split_at is None:
                    raise EditError("this block is too short to split")
                change.split_teacher_id = others[1]
        elif kind == "moved":
            change.subject_id, change.teacher_id = lesson.subject_id, lesson.teacher_id
            change.new_date, change.new_lesson_no = new_day, new_lesson_no
        elif kind == "room":
            change.subject_id, change.teacher_id = lesson.subject_id, lesson.teacher_id
            change.classroom_id = next(
                c.id
                for c in self.w.classrooms.values()
                if c.school_id == school and c.id != slot.classroom_id
            )
        self.w.plan_changes[change.id] = change
        return change.id

    def add_agenda(
        self,
        login: str,
        *,
        content: str,
        day: date | None = None,
        category: str | int | None = "sprawdzian",
        subject: str | int | None = None,
        lesson_no: int | None = None,
        visible_from: datetime | None = None,
    ) -> int:
        student = self.student(login)
        subject_id = self._subject_id(student, subject) if subject is not None else None
        teacher_id = (
            self._lesson_for(student, subject_id)[1]
            if subject_id is not None
            else self.w.classes[student.class_id].tutor_id
        )
        entry = AgendaEntry(
            id=self.w.new_id(),
            class_id=student.class_id,
            day=day or self._today() + timedelta(days=7),
            category_id=self._category_id(student, category, "agenda_categories"),
            content=content,
            teacher_id=teacher_id,
            visible_from=self._visible(visible_from),
            subject_id=subject_id,
            lesson_no=lesson_no,
        )
        self.w.agenda[entry.id] = entry
        return entry.id

    def add_homework(
        self,
        login: str,
        *,
        topic: str,
        text: str = "",
        subject: str | int | None = None,
        due: date | None = None,
        day: date | None = None,
        visible_from: datetime | None = None,
        files: list[FileSpec] | None = None,
    ) -> int:
        """`day`: when it was given (today unless said); `files` as `add_message`'s
        attachments."""
        student = self.student(login)
        subject_id = self._subject_id(student, subject)
        lesson_id, teacher_id = self._lesson_for(student, subject_id)
        given = day or self._today()
        homework = Homework(
            id=self.w.new_id(),
            class_id=student.class_id,
            lesson_id=lesson_id,
            teacher_id=teacher_id,
            topic=topic,
            text=text,
            day=given,
            due=due or given + timedelta(days=2),
            visible_from=self._visible(visible_from),
            files=self._files(files),
        )
        self.w.homework[homework.id] = homework
        return homework.id

    def add_notice(
        self, login: str, *, subject: str, content: str, visible_from: datetime | None = None
    ) -> str:
        student = self.student(login)
        school = self._school_id(student)
        teacher = next(t for t in self.w.teachers.values() if t.school_id == school)
        notice = Notice(
            id=f"LID-NBOARD-NOTICE-{school}-{self.w.new_id()}",
            school_id=school,
            subject=subject,
            content=content,
            start=self._today(),
            end=self._today() + timedelta(days=14),
            teacher_id=teacher.id,
            visible_from=self._visible(visible_from),
        )
        self.w.notices[notice.id] = notice
        return notice.id

    def add_note(
        self, login: str, *, text: str, positive: int = 1, visible_from: datetime | None = None
    ) -> int:
        student = self.student(login)
        school = self._school_id(student)
        category = next(c for c in self.w.note_categories.values() if c.school_id == school)
        teacher = self.w.classes[student.class_id].tutor_id
        note = Note(
            self.w.new_id(),
            student.id,
            text,
            category.id,
            teacher,
            self._today(),
            positive,
            self._visible(visible_from),
        )
        self.w.notes[note.id] = note
        return note.id

    def add_kindergarten(self, children: int = 1) -> list[str]:
        """A kindergarten group joins the world (another one each call), with a year of
        its plan, changes, agenda and messages; the logins of its children (each a
        parent's, digits only), in order."""
        groups = sum(1 for c in self.w.classes.values() if c.kindergarten)
        made = add_kindergarten(self.w, self._today(), children=children, group=groups)
        return [s.login for s in made]

    # ------------------------------------------------------------------ generic

    def new_school_year(self) -> date:
        """The school moves to the school year the clock is in (as its administrator
        does in Librus over the summer): every class goes up a year with the new dates,
        and the new year's free days are added. Returns the year's first day."""
        start = calendar.school_year_start(self._today())
        end = calendar.school_year_end(start)
        for klass in self.w.classes.values():
            if klass.begin >= start:
                continue  # already in this year
            school = self.w.schools[klass.school_id]
            if klass.kindergarten:
                klass.begin, klass.end = start, date(start.year + 1, 8, 31)
                continue  # a group keeps its name; it works through the summer
            klass.number += 1
            klass.begin, klass.end = start, end
            klass.end_first_semester = calendar.end_of_first_semester(
                start, school.winter_break_week
            )
        known = {(f.school_id, f.date_from) for f in self.w.free_days.values()}
        for school in self.w.schools.values():
            for name, first, last in calendar.holidays(start, school.winter_break_week):
                if (school.id, first) not in known:
                    free = FreeDay(self.w.new_id(), school.id, name, first, last)
                    self.w.free_days[free.id] = free
        return start

    def add(self, kind: str, login: str, fields_: dict[str, Any]) -> int | str:
        adders = {
            "grade": self.add_grade,
            "partial_grade": self.add_partial_grade,
            "message": self.add_message,
            "attendance": self.add_attendance,
            "plan_change": self.add_plan_change,
            "agenda": self.add_agenda,
            "homework": self.add_homework,
            "notice": self.add_notice,
            "note": self.add_note,
        }
        if kind not in adders:
            raise EditError(f"unknown kind {kind!r}; known: {sorted(adders)}")
        values = {k: _parse(k, v) for k, v in fields_.items()}
        try:
            new_id: int | str = adders[kind](login, **values)  # type: ignore[operator]
        except TypeError as err:
            raise EditError(str(err)) from err
        return new_id

    def _table(self, kind: str) -> dict[Any, Any]:
        if kind not in KINDS:
            raise EditError(f"unknown kind {kind!r}; known: {sorted(KINDS)}")
        table: dict[Any, Any] = getattr(self.w, KINDS[kind])
        return table

    def _key(self, kind: str, item_id: int | str) -> int | str:
        textual = ("message", "attendance", "notice", "partial_grade")
        return str(item_id) if kind in textual else int(item_id)

    def edit(self, kind: str, item_id: int | str, changes: dict[str, Any]) -> None:
        table = self._table(kind)
        item = table.get(self._key(kind, item_id))
        if item is None:
            raise EditError(f"no {kind} {item_id!r}")
        allowed = _EDITABLE[kind]
        unknown = set(changes) - allowed
        if unknown:
            raise EditError(
                f"cannot change {sorted(unknown)} of a {kind}; allowed: {sorted(allowed)}"
            )
        names = {f.name for f in fields(item)}
        for name, value in changes.items():
            if name in names:
                setattr(item, name, _parse(name, value))

    def delete(self, kind: str, item_id: int | str) -> None:
        table = self._table(kind)
        if table.pop(self._key(kind, item_id), None) is None:
            raise EditError(f"no {kind} {item_id!r}")

    def list(self, kind: str, login: str | None = None) -> list[dict[str, Any]]:
        table = self._table(kind)
        student = self.student(login) if login else None
        result = []
        for item in table.values():
            if student is not None:
                owner = getattr(item, "student_id", None)
                klass = getattr(item, "class_id", None)
                school = getattr(item, "school_id", None)
                if owner is not None and owner != student.id:
                    continue
                if owner is None and klass is not None and klass != student.class_id:
                    continue
                if (
                    owner is None
                    and klass is None
                    and school is not None
                    and school != self._school_id(student)
                ):
                    continue
            result.append({f.name: _json(getattr(item, f.name)) for f in fields(item)})
        return result


def _parse(name: str, value: Any) -> Any:
    if isinstance(value, str):
        if name in ("day", "due", "end") and len(value) == 10:
            return date.fromisoformat(value)
        if name in ("visible_from", "read_at") and "T" in value:
            return datetime.fromisoformat(value)
    return value


def _json(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set):
        return sorted(value)
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, tuple):
        return [_json(v) for v in value]
    return value


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """Local school time as an aware instant (for `visible_from`)."""
    return at_local(day, hour, minute)
