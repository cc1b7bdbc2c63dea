"""The simulated school world: schools, classes, people and a school year of records.

Plain mutable dataclasses. Every record that appears during the year has a
`visible_from` instant: the server shows it only once the simulated clock has passed
it, which makes the world evolve as the clock moves. The control API edits this model
directly (add, change, delete), exactly as a teacher would in Synergia.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, datetime

from simulator.librus.files import SimFile, default_file
from simulator.librus.table import Table

# Modules a school can lack ("a few schools lack a module").
MODULE_MESSAGES = "messages"
MODULE_LUCKY_NUMBER = "lucky_number"
MODULE_TIMETABLE = "timetable"
MODULE_HOMEWORK = "homework"
MODULE_NOTES = "notes"
MODULE_JUSTIFICATIONS = "justifications"
MODULES = (MODULE_MESSAGES, MODULE_LUCKY_NUMBER, MODULE_TIMETABLE, MODULE_HOMEWORK, MODULE_NOTES)


@dataclass
class Teacher:
    id: int
    first_name: str
    last_name: str
    school_id: int
    lid: str
    messages_account_id: str

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class Subject:
    id: int
    name: str
    short: str
    no: int
    school_id: int
    # A kindergarten's activity type ("Rytmika"): served by the kindergarten service
    # under a LID, not by Subjects.
    lid: str = ""


@dataclass
class Classroom:
    id: int
    name: str
    symbol: str
    school_id: int


@dataclass
class Named:
    """A small dictionary entry (agenda, note, free-day categories)."""

    id: int
    name: str
    school_id: int


@dataclass
class GradeCategory:
    id: int
    name: str
    weight: int
    counts: bool
    school_id: int
    short: str | None = None
    # For the categories of semester and final grades: semester_proposal, semester, ...
    period: str | None = None
    teacher_id: int | None = None
    parent_id: int | None = None


@dataclass
class PointCategory:
    id: int
    name: str
    weight: int
    value_to: float
    school_id: int


@dataclass
class School:
    id: int
    name: str
    short_name: str
    town: str
    street: str
    building: str
    post_code: str
    head_first: str
    head_last: str
    missing_modules: set[str] = field(default_factory=set)
    point_grades: bool = False
    descriptive_grades: bool = False
    plus_value: float = 0.5
    minus_value: float = 0.25
    lesson_hours: list[tuple[str, str]] = field(default_factory=list)
    winter_break_week: int = 0
    # How LuckyNumbers answers: "object" (as seen in 2026) or "array" (recorded 2017).
    lucky_shape: str = "object"
    # Where a parent's login reads teacher absences: "refused" (both paths 403, what
    # librus-synergia saw on its account), "calendars" (`Calendars/TeacherFreeDays`,
    # where the module moved in February 2025) or "plain" (`TeacherFreeDays`).
    teacher_absences: str = "refused"

    def has(self, module: str) -> bool:
        return module not in self.missing_modules


@dataclass
class SchoolClass:
    id: int
    school_id: int
    number: int
    symbol: str
    tutor_id: int
    begin: date
    end_first_semester: date
    end: date
    # The new descriptive grading (grade 1 at some schools from September 2026): its
    # grades come from Auth/DescriptiveGradingSystem/PartialGrades and the ordinary
    # Grades list of the class is empty.
    partial_grading: bool = False
    # A kindergarten group (Librus Przedszkole): its plan comes from the kindergarten
    # service (time blocks, LIDs), the regular Timetables and most modules refuse it.
    kindergarten: bool = False
    group_name: str = ""
    lid: str = ""
    # What `Classes` answers a kindergarten account (nobody has shown it): "refused"
    # (403) or "zero" (a class numbered 0, as a zerówka is filed in schools).
    classes_shape: str = "refused"

    @property
    def name(self) -> str:
        if self.kindergarten:
            return self.group_name
        return f"{self.number}{self.symbol}"


@dataclass
class LessonDef:
    """`Lessons`: a teacher teaching a subject to a class."""

    id: int
    class_id: int
    subject_id: int
    teacher_id: int


@dataclass
class PlanSlot:
    """`TimetableEntries`: weekday (1 = Monday) and lesson number of a lesson."""

    id: int
    class_id: int
    weekday: int
    lesson_no: int
    lesson_id: int
    classroom_id: int
    date_from: date
    date_to: date
    # A kindergarten's block has its own hours (no lesson numbers there; `lesson_no`
    # then only orders the day's blocks).
    hours: tuple[str, str] | None = None


@dataclass
class Student:
    id: int  # Users id of the student
    account_id: int  # Me.Account.Id (the parent login's own account)
    login: str
    password: str
    first_name: str
    last_name: str
    class_id: int
    register_number: int
    family: int
    lid: str
    parent_first_name: str
    parent_lid: str
    parent_messages_id: str
    # The parent's own Synergia login (digits, no trailing 'u'), when the school issued
    # one: most parents sign in with it. Its Me names the parent as Account and the
    # child as User; the pupil's login above stays valid too (one child, two logins).
    parent_login: str | None = None
    parent_password: str | None = None
    parent_last_name: str = ""
    parent_account_id: int = 0

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def parent_name(self) -> str:
        return f"{self.parent_first_name} {self.parent_last_name or self.last_name}"

    def is_parent_login(self, login: str) -> bool:
        return self.parent_login is not None and login == self.parent_login

    def password_of(self, login: str) -> str:
        return (self.parent_password or "") if self.is_parent_login(login) else self.password

    def set_password(self, login: str, password: str) -> None:
        """The school (or the parent in the browser) set a new password for `login`."""
        if self.is_parent_login(login):
            self.parent_password = password
        else:
            self.password = password


@dataclass
class Grade:
    id: int
    student_id: int
    subject_id: int
    lesson_id: int
    category_id: int
    teacher_id: int
    value: str
    day: date
    visible_from: datetime
    semester: int
    kind: str = "normal"  # normal | semester_proposal | semester | final_proposal | final
    comment_ids: list[int] = field(default_factory=list)
    improves_id: int | None = None


@dataclass
class GradeComment:
    id: int
    grade_id: int
    teacher_id: int
    text: str


@dataclass
class PointGrade:
    id: int
    student_id: int
    subject_id: int
    category_id: int
    teacher_id: int
    points: float
    day: date
    visible_from: datetime
    semester: int


@dataclass
class DescriptiveGrade:
    id: int
    student_id: int
    subject_id: int
    skill_id: int
    teacher_id: int
    value: str
    day: date
    visible_from: datetime
    semester: int


@dataclass
class PartialGrade:
    """A grade of the new descriptive grading: an area of a subject, a value on the
    school's descriptive scale, the teacher's description and comments. The field
    names it is served with are known only from other clients' code (see render)."""

    id: str
    student_id: int
    subject_id: int
    teacher_id: int
    area: str
    value: str
    day: date
    visible_from: datetime
    semester: int
    content: str = ""
    comments: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)


@dataclass
class AttendanceType:
    id: int
    name: str
    short: str
    presence: bool
    color: str
    order: int


@dataclass
class Attendance:
    id: str  # numeric string, or "t…" for trip records
    student_id: int
    lesson_id: int
    day: date
    lesson_no: int
    semester: int
    type_id: int
    teacher_id: int
    visible_from: datetime
    # An absence the parent excused later turns into this type at that moment.
    excused_type_id: int | None = None
    excused_at: datetime | None = None
    trip_id: int | None = None

    def type_at(self, now: datetime) -> int:
        if (
            self.excused_type_id is not None
            and self.excused_at is not None
            and now >= self.excused_at
        ):
            return self.excused_type_id
        return self.type_id


@dataclass
class PlanChange:
    """`Calendars/Substitutions` (and the flags on `Timetables` lessons)."""

    id: int
    class_id: int
    org_date: date
    org_lesson_no: int
    org_subject_id: int
    org_teacher_id: int
    org_classroom_id: int
    kind: str  # cancelled | substitution | room | moved
    visible_from: datetime
    subject_id: int | None = None
    teacher_id: int | None = None
    classroom_id: int | None = None
    note: str | None = None
    # A lesson moved to another day and number ("moved"): cancelled where it was,
    # a substitution there whose OrgDate/OrgLessonNo name where it came from.
    new_date: date | None = None
    new_lesson_no: int | None = None
    # A substitution Librus serves with no classroom at all (seen in real plans).
    no_classroom: bool = False
    # A kindergarten's substitution split in two (10:30-13:00 becomes 10:30-11:30 and
    # 11:30-13:00, seen live): where it splits and who takes the second part.
    split_at: str | None = None
    split_teacher_id: int | None = None


@dataclass
class AgendaEntry:
    """`HomeWorks`: tests, quizzes, trips, parent meetings."""

    id: int
    class_id: int
    day: date
    category_id: int
    content: str
    teacher_id: int
    visible_from: datetime
    subject_id: int | None = None
    lesson_no: int | None = None
    time_from: str | None = None
    time_to: str | None = None


@dataclass
class Homework:
    """`HomeWorkAssignments`: real homework."""

    id: int
    class_id: int
    lesson_id: int
    teacher_id: int
    topic: str
    text: str
    day: date
    due: date
    visible_from: datetime
    files: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Notice:
    """`SchoolNotices`: the school's announcement board."""

    id: str
    school_id: int
    subject: str
    content: str
    start: date
    end: date
    teacher_id: int
    visible_from: datetime
    read_by: set[int] = field(default_factory=set)


@dataclass
class Message:
    """A message in a parent's Wiadomości inbox."""

    id: str
    student_id: int
    teacher_id: int
    topic: str
    body: str
    visible_from: datetime
    read_at: datetime | None = None
    attachments: list[tuple[str, str]] = field(default_factory=list)
    # A group sender of Librus's own ('e-Usprawiedliwienia'): a name, no person.
    sender_name: str | None = None


@dataclass
class SentMessage:
    """A message or reply sent from a parent's account (what the teacher would get)."""

    login: str
    original: str | None  # the message replied to
    receivers: list[str]
    topic: str
    text: str  # the body as Librus keeps it: HTML (a client escapes plain text)
    at: datetime


@dataclass
class Note:
    """`Notes`: a behaviour note (uwaga)."""

    id: int
    student_id: int
    text: str
    category_id: int
    teacher_id: int
    day: date
    positive: int  # 0 negative, 1 positive, 2 neutral
    visible_from: datetime


@dataclass
class Justification:
    """`Justifications`: an e-excuse a parent sent from the portal (e-Usprawiedliwienia),
    and what the teacher made of it. The shape is librus-synergia's test data
    (confirmed live by its author); statuses other than "accept" are assumed."""

    id: int
    student_id: int
    date_from: date
    date_to: date
    status: str  # new | accept | rejected
    posted: datetime
    message: str = "Proszę o usprawiedliwienie nieobecności."
    lessons: list[tuple[date, int]] = field(default_factory=list)


@dataclass
class BehaviourGrade:
    """`BehaviourGrades/Points`: a behaviour grade (ocena zachowania). Confirmed live
    (librus-synergia): the classic scale comes only as `BehaviourGrade.Id` (1 wzorowe ..
    6 naganne) with an empty `ShortName`/`Text`; a points school gives `Value` and
    `ShortName`. Whether an item says it is monthly, proposed or the semester's is not
    known: none of these records says so."""

    id: int
    student_id: int
    semester: int
    added: datetime
    scale: int | None = None  # classic scale id, None for a points entry
    value: float | None = None  # a points school's entry
    short_name: str = ""


@dataclass
class TeacherAbsence:
    """`TeacherFreeDays`: a teacher away, whole days or between two hours. The field
    names are szkolny-android's (`Teacher`, `DateFrom`, `DateTo`, `TimeFrom`,
    `TimeTo`); nobody published a parent's answer, so they are assumed."""

    id: int
    school_id: int
    teacher_id: int
    date_from: date
    date_to: date
    time_from: str | None = None
    time_to: str | None = None
    visible_from: datetime | None = None


@dataclass
class FreeDay:
    id: int
    school_id: int
    name: str
    date_from: date
    date_to: date
    class_id: int | None = None
    type_id: int | None = None


@dataclass
class World:
    """Everything the simulated Librus knows."""

    seed: int
    schools: dict[int, School] = field(default_factory=dict)
    classes: dict[int, SchoolClass] = field(default_factory=dict)
    teachers: dict[int, Teacher] = field(default_factory=dict)
    subjects: dict[int, Subject] = field(default_factory=dict)
    classrooms: dict[int, Classroom] = field(default_factory=dict)
    students: Table[int, Student] = field(default_factory=lambda: Table("login"))
    grade_categories: dict[int, GradeCategory] = field(default_factory=dict)
    point_categories: dict[int, PointCategory] = field(default_factory=dict)
    skills: dict[int, Named] = field(default_factory=dict)
    agenda_categories: dict[int, Named] = field(default_factory=dict)
    note_categories: dict[int, Named] = field(default_factory=dict)
    free_day_types: dict[int, Named] = field(default_factory=dict)
    attendance_types: dict[int, AttendanceType] = field(default_factory=dict)
    # Rows of one class, filed by it.
    lessons: Table[int, LessonDef] = field(default_factory=lambda: Table("class_id"))
    plan: Table[int, PlanSlot] = field(default_factory=lambda: Table("class_id"))
    # Rows of one student (or one grade): filed by owner, read without a scan.
    grades: Table[int, Grade] = field(default_factory=Table)
    grade_comments: Table[int, GradeComment] = field(default_factory=lambda: Table("grade_id"))
    point_grades: Table[int, PointGrade] = field(default_factory=Table)
    descriptive_grades: Table[int, DescriptiveGrade] = field(default_factory=Table)
    partial_grades: Table[str, PartialGrade] = field(default_factory=Table)
    attendances: Table[str, Attendance] = field(default_factory=Table)
    plan_changes: Table[int, PlanChange] = field(default_factory=lambda: Table("class_id"))
    agenda: Table[int, AgendaEntry] = field(default_factory=lambda: Table("class_id"))
    homework: Table[int, Homework] = field(default_factory=lambda: Table("class_id"))
    notices: dict[str, Notice] = field(default_factory=dict)
    messages: Table[str, Message] = field(default_factory=Table)
    notes: Table[int, Note] = field(default_factory=Table)
    justifications: Table[int, Justification] = field(default_factory=Table)
    behaviour_grades: Table[int, BehaviourGrade] = field(default_factory=Table)
    teacher_absences: Table[int, TeacherAbsence] = field(default_factory=lambda: Table("school_id"))
    free_days: dict[int, FreeDay] = field(default_factory=dict)
    parent_logins: dict[str, int] = field(default_factory=dict)  # login -> student id
    # Attachments by id: those a test shaped (size, failing keys, waits); any other
    # listed attachment is served as `default_file` makes it.
    files: dict[str, SimFile] = field(default_factory=dict)
    sent_messages: list[SentMessage] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(900_000))

    def new_id(self) -> int:
        return next(self._ids)

    def file(self, file_id: str, name: str) -> SimFile:
        """The attachment `file_id` (listed as `name`), registered on first use."""
        if file_id not in self.files:
            self.files[file_id] = default_file(file_id, name)
        return self.files[file_id]

    # ------------------------------------------------------------------ lookups

    def student_by_login(self, login: str) -> Student | None:
        """The child a login belongs to: the pupil's own login or a parent's."""
        found = self.students.owned_by(login)
        if found:
            return found[0]
        student_id = self.parent_logins.get(login)
        return None if student_id is None else self.students.get(student_id)

    def school_of(self, student: Student) -> School:
        return self.schools[self.classes[student.class_id].school_id]

    def class_of(self, student: Student) -> SchoolClass:
        return self.classes[student.class_id]

    def class_lessons(self, class_id: int) -> list[LessonDef]:
        return self.lessons.owned_by(class_id)

    def class_plan(self, class_id: int) -> list[PlanSlot]:
        return sorted(
            self.plan.owned_by(class_id),
            key=lambda s: (s.weekday, s.lesson_no),
        )

    def free_day_on(self, school_id: int, class_id: int, day: date) -> FreeDay | None:
        for free in self.free_days.values():
            if free.school_id != school_id or not (free.date_from <= day <= free.date_to):
                continue
            if free.class_id is None or free.class_id == class_id:
                return free
        return None

    def is_school_day(self, school_id: int, class_id: int, day: date) -> bool:
        return day.weekday() < 5 and self.free_day_on(school_id, class_id, day) is None
