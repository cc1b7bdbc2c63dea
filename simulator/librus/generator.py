"""A deterministic generator of school worlds: the same seed gives the same world.

Schools (some without a module), classes with a weekly plan, teachers with Polish
names, students with Synergia logins (siblings share a family), and a whole school
year of records whose `visible_from` is spread over the year: grades (with +/-,
np/bz, weights, comments, corrections, semester and final grades; point grades and
descriptive grades in some classes), absences excused later, plan changes, the
agenda, homework, announcements, messages and behaviour notes.

Presence marks (nine in ten attendance records) are not stored: the server derives
them from the plan, so a thousand students stay small.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, datetime, timedelta

from simulator.librus import calendar
from simulator.librus import names as N
from simulator.librus.clock import WARSAW, at_local
from simulator.librus.files import HOMEWORK_NAMES, MESSAGE_NAMES, generated_name
from simulator.librus.world import (
    MODULE_LUCKY_NUMBER,
    MODULE_MESSAGES,
    MODULE_TIMETABLE,
    AgendaEntry,
    Attendance,
    AttendanceType,
    Classroom,
    DescriptiveGrade,
    FreeDay,
    Grade,
    GradeCategory,
    GradeComment,
    Homework,
    LessonDef,
    Message,
    Named,
    Note,
    Notice,
    PlanChange,
    PlanSlot,
    PointCategory,
    PointGrade,
    School,
    SchoolClass,
    Student,
    Subject,
    Teacher,
    World,
)

LESSON_HOURS = [
    ("08:00", "08:45"),
    ("08:55", "09:40"),
    ("09:50", "10:35"),
    ("10:45", "11:30"),
    ("11:50", "12:35"),
    ("12:55", "13:40"),
    ("13:50", "14:35"),
    ("14:45", "15:30"),
]
STANDARD_ATTENDANCE = (
    AttendanceType(1, "Nieobecność", "nb", False, "F7F8AA", 3),
    AttendanceType(2, "Spóźnienie", "sp", True, "B3E5FC", 2),
    AttendanceType(3, "Nieobecność uspr.", "u", False, "C8E6C9", 4),
    AttendanceType(4, "Zwolnienie", "zw", True, "E1BEE7", 5),
    AttendanceType(100, "Obecność", "ob", True, "FFFFFF", 1),
)
ABSENT, LATE, EXCUSED, RELEASED, PRESENT = 1, 2, 3, 4, 100


def _lid(kind: str, *parts: int) -> str:
    digest = hashlib.sha256("-".join(map(str, (kind, *parts))).encode()).hexdigest()[:24]
    return f"LID-{kind}-{digest.upper()}"


# Every child but each fourth has a parent's login too (assumed: most parents hold one).
PARENT_LOGIN_EVERY = 4


# How often a held lesson brings a grade: a quiet school, and a real school's volume
# (15 and more grades by mid-September, as parents of real classes see).
GRADE_RATE = {"normal": 0.11, "dense": 0.33}


class _Builder:
    def __init__(self, seed: int, students: int, today: date, density: str = "normal") -> None:
        if density not in GRADE_RATE:
            raise ValueError(f"density is one of {sorted(GRADE_RATE)}")
        self.rng = random.Random(seed)
        self.world = World(seed=seed)
        self.student_count = students
        self.density = density
        self.start = calendar.school_year_start(today)
        self.end = calendar.school_year_end(self.start)
        self.next_id = 10_000

    def nid(self) -> int:
        self.next_id += 1
        return self.next_id

    # ------------------------------------------------------------------ structure

    def build(self) -> World:
        school_count = max(1, min(4, (self.student_count + 3) // 4))
        self.world.attendance_types = {
            t.id: AttendanceType(t.id, t.name, t.short, t.presence, t.color, t.order)
            for t in STANDARD_ATTENDANCE
        }
        for index in range(school_count):
            self.school(index, school_count)
        for klass in self.world.classes.values():
            self.class_trip(klass)
        self.populate_students()
        for student in list(self.world.students.values()):
            self.student_year(student)
        for school in self.world.schools.values():
            self.school_year(school)
        for klass in self.world.classes.values():
            self.class_year(klass)
        return self.world

    def school(self, index: int, count: int) -> None:
        w, rng = self.world, self.rng
        town, post = N.TOWNS[index % len(N.TOWNS)]
        head_first, _ = N.TEACHER_FIRST[(index * 3) % len(N.TEACHER_FIRST)]
        missing: set[str] = set()
        if count >= 2 and index == 1:
            missing.add(MODULE_MESSAGES)
        if count >= 3 and index == 2:
            missing.update({MODULE_LUCKY_NUMBER, MODULE_TIMETABLE})
        school = School(
            id=self.nid(),
            name=f"Szkoła Podstawowa nr {index * 7 + 12} im. {N.PATRONS[index % len(N.PATRONS)]}",
            short_name=f"SP{index * 7 + 12}",
            town=town,
            street=f"ul. {N.STREETS[index % len(N.STREETS)]}",
            building=str(rng.randint(1, 80)),
            post_code=f"{post}{rng.randint(100, 999)}",
            head_first=head_first,
            head_last=N.SURNAMES[(index * 5) % len(N.SURNAMES)][1],
            missing_modules=missing,
            point_grades=index == 0 and count >= 2,
            descriptive_grades=index == 0,
            lesson_hours=list(LESSON_HOURS),
            winter_break_week=index % 4,
            # The first school answers a parent's login with its teacher absences;
            # the others refuse it, as librus-synergia's account saw.
            teacher_absences="calendars" if index == 0 else "refused",
        )
        w.schools[school.id] = school
        self.school_dictionaries(school)
        for room in range(1, 13):
            classroom = Classroom(self.nid(), f"Sala {room}", str(100 + room), school.id)
            w.classrooms[classroom.id] = classroom
        classroom_ids = [c.id for c in w.classrooms.values() if c.school_id == school.id]
        teachers = []
        for t in range(9):
            first, gender = N.TEACHER_FIRST[(t + index * 4) % len(N.TEACHER_FIRST)]
            male, female = N.SURNAMES[(t * 3 + index) % len(N.SURNAMES)]
            teacher_id = self.nid()
            teacher = Teacher(
                teacher_id,
                first,
                female if gender == "f" else male,
                school.id,
                _lid("AUTH-USER", teacher_id),
                str(500_000 + teacher_id),
            )
            w.teachers[teacher.id] = teacher
            teachers.append(teacher)
        parent = next(
            c
            for c in w.grade_categories.values()
            if c.school_id == school.id and c.name == "Kartkówka"
        )
        own = GradeCategory(
            self.nid(),
            "Kartkówka ze słówek",
            2,
            True,
            school.id,
            "ks",
            teacher_id=teachers[2].id,
            parent_id=parent.id,
        )
        w.grade_categories[own.id] = own
        # Classes: grade 2 (descriptive in some schools), then older ones.
        numbers = [2, 5, 7] if index == 0 else [4, 6, 8]
        for class_no, number in enumerate(numbers):
            symbol = "abc"[class_no % 3]
            klass = SchoolClass(
                id=self.nid(),
                school_id=school.id,
                number=number,
                symbol=symbol,
                tutor_id=teachers[class_no].id,
                begin=self.start,
                end_first_semester=calendar.end_of_first_semester(
                    self.start, school.winter_break_week
                ),
                end=self.end,
            )
            w.classes[klass.id] = klass
            self.class_plan(klass, teachers, classroom_ids)

    def school_dictionaries(self, school: School) -> None:
        """Free days, subjects and the school's categories, skills and types."""
        w = self.world
        off = calendar.holidays(self.start, school.winter_break_week)
        for name, first, last in off:
            free = FreeDay(self.nid(), school.id, name, first, last)
            w.free_days[free.id] = free
        for no, (name, short, _hours) in enumerate(N.SUBJECTS, start=1):
            subject = Subject(self.nid(), name, short, no, school.id)
            w.subjects[subject.id] = subject
        for name, weight, counts, short in N.GRADE_CATEGORIES:
            cat = GradeCategory(self.nid(), name, weight, counts, school.id, short)
            w.grade_categories[cat.id] = cat
        for name, period in N.PERIOD_CATEGORIES:
            cat = GradeCategory(self.nid(), name, 0, False, school.id, period=period)
            w.grade_categories[cat.id] = cat
        for name in N.AGENDA_CATEGORIES:
            entry = Named(self.nid(), name, school.id)
            w.agenda_categories[entry.id] = entry
        for name in N.NOTE_CATEGORIES:
            entry = Named(self.nid(), name, school.id)
            w.note_categories[entry.id] = entry
        for name in N.FREE_DAY_TYPES:
            entry = Named(self.nid(), name, school.id)
            w.free_day_types[entry.id] = entry
        if school.point_grades:
            for name, weight, value_to in (
                ("Test", 3, 50.0),
                ("Kartkówka", 2, 20.0),
                ("Projekt", 2, 100.0),
            ):
                pc = PointCategory(self.nid(), name, weight, value_to, school.id)
                w.point_categories[pc.id] = pc
        if school.descriptive_grades:
            for name in (
                "Ekspresja muzyczna. Śpiew",
                "Ekspresja plastyczna",
                "Czytanie ze zrozumieniem",
                "Liczenie w zakresie 100",
            ):
                skill = Named(self.nid(), name, school.id)
                w.skills[skill.id] = skill

    def class_plan(self, klass: SchoolClass, teachers: list[Teacher], rooms: list[int]) -> None:
        w, rng = self.world, self.rng
        subjects = [s for s in w.subjects.values() if s.school_id == klass.school_id]
        hours = {name: count for name, _, count in N.SUBJECTS}
        if klass.number <= 3:
            hours.update({"Chemia": 0, "Fizyka": 0, "Geografia": 0, "Biologia": 0, "Historia": 0})
        slots_needed: list[LessonDef] = []
        for n, subject in enumerate(subjects):
            teacher = teachers[(n + klass.number) % len(teachers)]
            if subject.short == "gw":
                teacher = w.teachers[klass.tutor_id]
            lesson = LessonDef(self.nid(), klass.id, subject.id, teacher.id)
            w.lessons[lesson.id] = lesson
            slots_needed.extend([lesson] * hours.get(subject.name, 1))
        rng.shuffle(slots_needed)
        per_day = [[] for _ in range(5)]  # type: list[list[LessonDef]]
        for n, lesson in enumerate(slots_needed):
            per_day[n % 5].append(lesson)
        for weekday, lessons in enumerate(per_day, start=1):
            for lesson_no, lesson in enumerate(lessons[: len(LESSON_HOURS)], start=1):
                slot = PlanSlot(
                    self.nid(),
                    klass.id,
                    weekday,
                    lesson_no,
                    lesson.id,
                    rng.choice(rooms),
                    self.start,
                    self.end,
                )
                w.plan[slot.id] = slot

    def populate_students(self) -> None:
        w, rng = self.world, self.rng
        classes = list(w.classes.values())
        family = 0
        made = 0
        register_numbers: dict[int, int] = {}
        while made < self.student_count:
            family += 1
            siblings = 2 if (family % 3 == 1 and self.student_count - made >= 2) else 1
            male, female = N.SURNAMES[(family * 7) % len(N.SURNAMES)]
            parent_first, _ = N.TEACHER_FIRST[(family * 5) % len(N.TEACHER_FIRST)]
            for sibling in range(siblings):
                klass = classes[(made * 2 + sibling) % len(classes)]
                girl = rng.random() < 0.5
                first = rng.choice(N.GIRLS if girl else N.BOYS)
                register_numbers[klass.id] = register_numbers.get(klass.id, 0) + rng.randint(1, 4)
                student_id = self.nid()
                login = f"{rng.randint(1_000_000, 9_999_999)}u"
                while w.student_by_login(login) is not None:
                    login = f"{rng.randint(1_000_000, 9_999_999)}u"
                student = Student(
                    id=student_id,
                    account_id=self.nid(),
                    login=login,
                    password=f"{first.lower()[:3]}-{rng.randint(1000, 9999)}-Kot",
                    first_name=first,
                    last_name=female if girl else male,
                    class_id=klass.id,
                    register_number=min(register_numbers[klass.id], 30),
                    family=family,
                    lid=_lid("AUTH-USER", student_id),
                    parent_first_name=parent_first,
                    parent_lid=_lid("AUTH-USER", student_id, 1),
                    parent_messages_id=str(700_000 + student_id),
                )
                w.students[student.id] = student
                made += 1
        self.parent_logins()

    def parent_logins(self) -> None:
        """Most families sign in with the parent's own login (digits only); the rest
        only with the pupil's. Drawn from a generator of its own, so the school (its
        pupils, their logins and their year) stays what the seed always made."""
        w = self.world
        rng = random.Random(w.seed * 1_000_003 + 15)
        for n, student in enumerate(sorted(w.students.values(), key=lambda s: s.id)):
            if n % PARENT_LOGIN_EVERY == PARENT_LOGIN_EVERY - 1:
                continue
            login = str(rng.randint(1_000_000, 9_999_999))
            while w.student_by_login(login) is not None:
                login = str(rng.randint(1_000_000, 9_999_999))
            male, female = next(
                (pair for pair in N.SURNAMES if student.last_name in pair),
                (student.last_name, student.last_name),
            )
            mother = N.gender_of(student.parent_first_name) == "f"
            student.parent_login = login
            student.parent_password = (
                f"{student.parent_first_name.lower()[:3]}-{rng.randint(1000, 9999)}-Dom"
            )
            student.parent_last_name = female if mother else male
            student.parent_account_id = 800_000_000 + student.id
            w.parent_logins[login] = student.id

    # ------------------------------------------------------------------ the year

    def days_of(self, klass: SchoolClass) -> list[date]:
        off = [
            (f.name, f.date_from, f.date_to)
            for f in self.world.free_days.values()
            if f.school_id == klass.school_id and f.class_id in (None, klass.id)
        ]
        return calendar.school_days(self.start, self.end, off)

    def student_year(self, student: Student) -> None:
        w, rng = self.world, self.rng
        klass = w.classes[student.class_id]
        school = w.schools[klass.school_id]
        plan = w.class_plan(klass.id)
        by_weekday: dict[int, list[PlanSlot]] = {}
        for slot in plan:
            by_weekday.setdefault(slot.weekday, []).append(slot)
        categories = [
            c
            for c in w.grade_categories.values()
            if c.school_id == school.id and c.period is None and c.teacher_id is None
        ]
        days = self.days_of(klass)
        sick_until: date | None = None
        last_grade: dict[int, Grade] = {}
        for day in days:
            slots = by_weekday.get(day.isoweekday(), [])
            if not slots:
                continue
            semester = 1 if day <= klass.end_first_semester else 2
            if sick_until is None and rng.random() < 0.02:
                sick_until = day + timedelta(days=rng.randint(0, 3))
            sick = sick_until is not None and day <= sick_until
            if sick_until is not None and day >= sick_until:
                excused_at = at_local(day + timedelta(days=rng.randint(2, 6)), 18, 30)
                excuse = rng.random() < 0.85
                for slot in slots:
                    record = self._attendance(student, day, slot, semester, ABSENT)
                    if excuse:
                        record.excused_type_id, record.excused_at = EXCUSED, excused_at
                sick_until = None
            elif sick:
                for slot in slots:
                    self._attendance(student, day, slot, semester, ABSENT)
            if sick:
                continue
            if rng.random() < 0.03:
                self._attendance(student, day, slots[0], semester, LATE)
            for slot in slots:
                lesson = w.lessons[slot.lesson_id]
                subject = w.subjects[lesson.subject_id]
                if subject.short in ("gw",) or rng.random() > GRADE_RATE[self.density]:
                    continue
                grade = self._grade(student, day, slot, semester, categories)
                previous = last_grade.get(subject.id)
                if (
                    previous is not None
                    and previous.value in ("1", "2-", "2")
                    and rng.random() < 0.5
                ):
                    grade.improves_id = previous.id
                    grade.value = rng.choice(("3", "4", "4+", "5"))
                last_grade[subject.id] = grade
        self._period_grades(student, klass, school)
        self._extras(student, klass, school, days)

    def _attendance(
        self, student: Student, day: date, slot: PlanSlot, semester: int, type_id: int
    ) -> Attendance:
        lesson = self.world.lessons[slot.lesson_id]
        _, hour_to = LESSON_HOURS[slot.lesson_no - 1]
        end_h, end_m = map(int, hour_to.split(":"))
        record = Attendance(
            id=str(self.nid()),
            student_id=student.id,
            lesson_id=lesson.id,
            day=day,
            lesson_no=slot.lesson_no,
            semester=semester,
            type_id=type_id,
            teacher_id=lesson.teacher_id,
            visible_from=at_local(day, end_h, end_m),
        )
        self.world.attendances[record.id] = record
        return record

    def _grade(
        self,
        student: Student,
        day: date,
        slot: PlanSlot,
        semester: int,
        categories: list[GradeCategory],
    ) -> Grade:
        w, rng = self.world, self.rng
        lesson = w.lessons[slot.lesson_id]
        category = rng.choices(categories, weights=(3, 4, 3, 3, 2, 3, 1, 1))[0]
        base = rng.choices(["1", "2", "3", "4", "5", "6"], weights=(3, 8, 20, 32, 27, 10))[0]
        modifier = rng.choices(["", "+", "-"], weights=(70, 15, 15))[0]
        value = base + (modifier if base not in ("1", "6") or modifier == "" else "")
        if rng.random() < 0.03:
            value = rng.choice(("np", "bz", "+", "-"))
        _, hour_to = LESSON_HOURS[slot.lesson_no - 1]
        visible = at_local(day, int(hour_to[:2]), int(hour_to[3:])) + timedelta(
            minutes=rng.randint(0, 8 * 60)
        )
        grade = Grade(
            id=self.nid(),
            student_id=student.id,
            subject_id=lesson.subject_id,
            lesson_id=lesson.id,
            category_id=category.id,
            teacher_id=lesson.teacher_id,
            value=value,
            day=day,
            visible_from=visible,
            semester=semester,
        )
        if rng.random() < 0.2:
            comment = GradeComment(self.nid(), grade.id, lesson.teacher_id, rng.choice(N.COMMENTS))
            w.grade_comments[comment.id] = comment
            grade.comment_ids.append(comment.id)
        w.grades[grade.id] = grade
        return grade

    def _period_grades(self, student: Student, klass: SchoolClass, school: School) -> None:
        w, rng = self.world, self.rng
        lessons = [x for x in w.class_lessons(klass.id) if w.subjects[x.subject_id].short != "gw"]
        period_category = {
            c.period: c.id
            for c in w.grade_categories.values()
            if c.school_id == school.id and c.period
        }
        moments = (
            ("semester_proposal", klass.end_first_semester - timedelta(days=14), 1),
            ("semester", klass.end_first_semester - timedelta(days=2), 1),
            ("final_proposal", klass.end - timedelta(days=21), 2),
            ("final", klass.end - timedelta(days=5), 2),
        )
        for lesson in lessons:
            value = rng.choice(("3", "4", "4", "5", "5", "6"))
            for kind, day, semester in moments:
                grade = Grade(
                    self.nid(),
                    student.id,
                    lesson.subject_id,
                    lesson.id,
                    period_category[kind],
                    lesson.teacher_id,
                    value,
                    day,
                    at_local(day, 15),
                    semester,
                    kind,
                )
                w.grades[grade.id] = grade

    def _extras(
        self, student: Student, klass: SchoolClass, school: School, days: list[date]
    ) -> None:
        w, rng = self.world, self.rng
        teachers = [t for t in w.teachers.values() if t.school_id == school.id]
        if school.has(MODULE_MESSAGES):
            for n, day in enumerate(days[:: rng.randint(6, 9)]):
                teacher = w.teachers[klass.tutor_id] if n % 2 == 0 else rng.choice(teachers)
                topic, body = N.MESSAGE_TEXTS[(n + student.id) % len(N.MESSAGE_TEXTS)]
                if self.density == "dense" and n % 3 == 1:
                    body += N.LONG_MESSAGE_TAIL  # teachers write long letters too
                sent = at_local(day, rng.randint(8, 20), rng.randint(0, 59))
                message = Message(
                    id=str(self.nid()),
                    student_id=student.id,
                    teacher_id=teacher.id,
                    topic=topic,
                    body=body,
                    visible_from=sent,
                    read_at=sent + timedelta(hours=rng.randint(2, 60))
                    if rng.random() < 0.8
                    else None,
                    attachments=[_attachment(MESSAGE_NAMES, self.nid())]
                    if rng.random() < 0.15
                    else [],
                )
                w.messages[message.id] = message
        note_cats = [c for c in w.note_categories.values() if c.school_id == school.id]
        for n, day in enumerate(days[:: rng.randint(20, 30)]):
            text, positive = N.NOTE_TEXTS[(n + student.id) % len(N.NOTE_TEXTS)]
            note = Note(
                self.nid(),
                student.id,
                text,
                rng.choice(note_cats).id,
                rng.choice(teachers).id,
                day,
                positive,
                at_local(day, 14, 30),
            )
            w.notes[note.id] = note
        lessons = w.class_lessons(klass.id)
        if school.point_grades and klass.number >= 4:
            cats = [c for c in w.point_categories.values() if c.school_id == school.id]
            for day in days[::10]:
                lesson = rng.choice(lessons)
                cat = rng.choice(cats)
                point = PointGrade(
                    self.nid(),
                    student.id,
                    lesson.subject_id,
                    cat.id,
                    lesson.teacher_id,
                    float(rng.randint(int(cat.value_to * 0.3), int(cat.value_to))),
                    day,
                    at_local(day, 16),
                    1 if day <= klass.end_first_semester else 2,
                )
                w.point_grades[point.id] = point
        if school.descriptive_grades and klass.number <= 3:
            skills = [s for s in w.skills.values() if s.school_id == school.id]
            for day in days[::12]:
                lesson = rng.choice(lessons)
                described = DescriptiveGrade(
                    self.nid(),
                    student.id,
                    lesson.subject_id,
                    rng.choice(skills).id,
                    lesson.teacher_id,
                    rng.choice(("4", "5", "6")),
                    day,
                    at_local(day, 16),
                    1 if day <= klass.end_first_semester else 2,
                )
                w.descriptive_grades[described.id] = described

    def school_year(self, school: School) -> None:
        w, rng = self.world, self.rng
        teachers = [t for t in w.teachers.values() if t.school_id == school.id]
        klass = next(c for c in w.classes.values() if c.school_id == school.id)
        for n, day in enumerate(self.days_of(klass)[::8]):
            subject, content = N.NOTICE_SUBJECTS[n % len(N.NOTICE_SUBJECTS)]
            notice = Notice(
                id=f"LID-NBOARD-NOTICE-{school.id}-{self.nid()}",
                school_id=school.id,
                subject=subject,
                content=content,
                start=day,
                end=day + timedelta(days=14),
                teacher_id=rng.choice(teachers).id,
                visible_from=at_local(day, 7, 30),
            )
            w.notices[notice.id] = notice

    def class_trip(self, klass: SchoolClass) -> None:
        """A class trip: a class free day, named only by its type."""
        w = self.world
        days = self.days_of(klass)
        if len(days) > 60:
            trip_type = next(t for t in w.free_day_types.values() if t.school_id == klass.school_id)
            free = FreeDay(
                self.nid(),
                klass.school_id,
                "",
                days[55],
                days[55],
                class_id=klass.id,
                type_id=trip_type.id,
            )
            w.free_days[free.id] = free

    def class_year(self, klass: SchoolClass) -> None:
        w, rng = self.world, self.rng
        school = w.schools[klass.school_id]
        plan = w.class_plan(klass.id)
        by_weekday: dict[int, list[PlanSlot]] = {}
        for slot in plan:
            by_weekday.setdefault(slot.weekday, []).append(slot)
        days = self.days_of(klass)
        cats = {c.name: c.id for c in w.agenda_categories.values() if c.school_id == school.id}
        rooms = [c.id for c in w.classrooms.values() if c.school_id == school.id]
        teachers = [t for t in w.teachers.values() if t.school_id == school.id]
        for index, day in enumerate(days):
            slots = by_weekday.get(day.isoweekday(), [])
            if not slots:
                continue
            # Plan changes: about one and a half a week.
            if rng.random() < 0.3:
                slot = rng.choice(slots)
                lesson = w.lessons[slot.lesson_id]
                kind = rng.choices(("cancelled", "substitution", "room"), weights=(4, 4, 2))[0]
                change = PlanChange(
                    id=self.nid(),
                    class_id=klass.id,
                    org_date=day,
                    org_lesson_no=slot.lesson_no,
                    org_subject_id=lesson.subject_id,
                    org_teacher_id=lesson.teacher_id,
                    org_classroom_id=slot.classroom_id,
                    kind=kind,
                    visible_from=at_local(day - timedelta(days=rng.randint(0, 3)), 7, 30),
                )
                if kind == "substitution":
                    other = rng.choice([x for x in w.class_lessons(klass.id) if x.id != lesson.id])
                    change.subject_id = other.subject_id
                    change.teacher_id = rng.choice(
                        [t.id for t in teachers if t.id != lesson.teacher_id]
                    )
                    change.classroom_id = slot.classroom_id
                    change.note = "Zastępstwo"
                elif kind == "room":
                    change.subject_id, change.teacher_id = lesson.subject_id, lesson.teacher_id
                    change.classroom_id = rng.choice([r for r in rooms if r != slot.classroom_id])
                w.plan_changes[change.id] = change
            # Agenda: tests and quizzes a week ahead, sometimes a trip or a meeting.
            if rng.random() < 0.35:
                slot = rng.choice(slots)
                lesson = w.lessons[slot.lesson_id]
                kind = rng.choices(("sprawdzian", "kartkówka"), weights=(1, 2))[0]
                # Drawn as always (the seed's world stays what it was), then fitted to
                # the subject and the class's year.
                drawn = N.TEST_TOPICS.index(rng.choice(N.TEST_TOPICS))
                subject = w.subjects[lesson.subject_id].name
                entry = AgendaEntry(
                    self.nid(),
                    klass.id,
                    day,
                    cats[kind],
                    N.topic_of_test(subject, klass.number, drawn),
                    lesson.teacher_id,
                    at_local(day - timedelta(days=rng.randint(3, 9)), 15),
                    subject_id=lesson.subject_id,
                    lesson_no=slot.lesson_no,
                )
                w.agenda[entry.id] = entry
            if index % 45 == 20:
                entry = AgendaEntry(
                    self.nid(),
                    klass.id,
                    day,
                    cats["zebranie z rodzicami"],
                    "Zebranie z rodzicami – sala 12",
                    klass.tutor_id,
                    at_local(day - timedelta(days=10), 9),
                    time_from="17:30",
                    time_to="18:30",
                )
                w.agenda[entry.id] = entry
            if index % 70 == 35:
                entry = AgendaEntry(
                    self.nid(),
                    klass.id,
                    day,
                    cats["wycieczka"],
                    "Wycieczka do muzeum – zbiórka 8:00",
                    klass.tutor_id,
                    at_local(day - timedelta(days=14), 9),
                )
                w.agenda[entry.id] = entry
            # Homework: most days something.
            if rng.random() < 0.45:
                slot = rng.choice(slots)
                lesson = w.lessons[slot.lesson_id]
                drawn = N.HOMEWORK_TOPICS.index(rng.choice(N.HOMEWORK_TOPICS))
                topic, text = N.homework_topic(w.subjects[lesson.subject_id].name, drawn)
                homework = Homework(
                    self.nid(),
                    klass.id,
                    lesson.id,
                    lesson.teacher_id,
                    topic,
                    text,
                    day,
                    day + timedelta(days=rng.randint(2, 7)),
                    at_local(day, 15, 10),
                    files=[_attachment(HOMEWORK_NAMES, self.nid())] if rng.random() < 0.2 else [],
                )
                w.homework[homework.id] = homework


def _attachment(names: tuple[str, ...], file_id: int) -> tuple[str, str]:
    """A generated attachment (name, id): the name follows from the id, so the world's
    random draws, and with them every other record, stay as they were."""
    return generated_name(names, file_id), str(file_id)


def generate(
    seed: int, students: int, today: date | None = None, *, density: str = "normal"
) -> World:
    """A world with `students` Synergia accounts, for the school year of `today`.
    `density="dense"`: a real school's volume of grades and long messages (the demo);
    the default stays what every test was written against."""
    if students < 1:
        raise ValueError("at least one student")
    return _Builder(seed, students, today or datetime.now(WARSAW).date(), density).build()
