"""A kindergarten (Librus Przedszkole) added to a world: its group, children and year.

Families with a child in kindergarten are common among the bot's parents (the Home
Assistant integrations broke on exactly such an account: "three schoolchildren + one
in zerówka"). A kindergarten differs from a school in what Librus serves it: the plan
is a list of time blocks from a separate service (`gateway/ms/kindergartens`), keyed
by LIDs, with no lesson numbers; substitutions can split one block in two; grades,
attendance, homework, notes and the lucky number are not given. Everything here is
drawn from a generator of its own, so adding a kindergarten leaves the rest of the
world exactly as its seed made it.
"""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta

from simulator.librus import calendar
from simulator.librus import names as N
from simulator.librus.clock import at_local
from simulator.librus.world import (
    AgendaEntry,
    Classroom,
    FreeDay,
    LessonDef,
    Message,
    Named,
    Notice,
    PlanChange,
    PlanSlot,
    School,
    SchoolClass,
    Student,
    Subject,
    Teacher,
    World,
)

# The day of a kindergarten group: (from, to, activity; None = the weekday's own one).
DAY_BLOCKS: tuple[tuple[str, str, str | None], ...] = (
    ("07:00", "08:30", "Zajęcia opiekuńcze"),
    ("08:30", "10:00", "Zajęcia dydaktyczne"),
    ("10:00", "10:30", None),
    ("10:30", "13:00", "Zajęcia dydaktyczne"),
    ("13:00", "16:30", "Zajęcia opiekuńcze"),
)
# The weekday's own activity, with a specialist teacher.
WEEKDAY_ACTIVITY = ("Język angielski", "Rytmika", "Religia", "Język angielski", "Logopedia")
ACTIVITIES = ("Zajęcia opiekuńcze", "Zajęcia dydaktyczne", *sorted(set(WEEKDAY_ACTIVITY)))
GROUP_NAMES = ("Biedronki", "Motylki", "Słoneczka", "Misie")
# Only public holidays close a kindergarten: it works through school breaks.
CLOSED_ON = (
    "Dzień Wszystkich Świętych",
    "Narodowe Święto Niepodległości",
    "Nowy Rok",
    "Święto Trzech Króli",
    "Święto Pracy",
    "Święto Konstytucji 3 Maja",
    "Boże Ciało",
)
NOTICES = (
    ("Opłaty za wyżywienie", "Prosimy o opłaty za wyżywienie do 10. dnia miesiąca."),
    ("Bal karnawałowy", "Zapraszamy dzieci w przebraniach na bal w sali gimnastycznej."),
    ("Dzień otwarty", "Zapraszamy rodziców na zajęcia otwarte w grupach."),
)
MESSAGES = (
    (
        "Zdjęcia z pasowania",
        "Zdjęcia z pasowania na przedszkolaka są do odebrania u wychowawczyni.",
    ),
    ("Prośba o zapasowe ubranie", "Prosimy o zapasowe ubranie w szafce dziecka."),
    ("Wycieczka do teatru", "W piątek jedziemy do teatru lalek. Zbiórka o 8:15."),
)


def lid(kind: str, *parts: int) -> str:
    digest = hashlib.sha256("-".join(map(str, ("KG", kind, *parts))).encode()).hexdigest()[:24]
    return f"LID-{kind}-{digest.upper()}"


def classroom_lid(classroom_id: int) -> str:
    return lid("CLASSROOM", classroom_id)


def add_kindergarten(
    world: World, today: date, *, children: int = 2, group: int = 0, seed: int | None = None
) -> list[Student]:
    """A kindergarten with one group of `children`, a year of its records up to the
    end of the school year of `today`; each child's login is a parent's (digits)."""
    rng = random.Random((world.seed if seed is None else seed) * 7_919 + 3 + group)
    start = calendar.school_year_start(today)
    end = date(start.year + 1, 8, 31)  # kindergartens work through the summer
    school = _school(world, rng, start)
    teachers = _teachers(world, school, rng)
    rooms = []
    for no in range(1, 4):
        room = Classroom(world.new_id(), f"sala {no}", str(no), school.id)
        world.classrooms[room.id] = room
        rooms.append(room)
    activities = {}
    for name in ACTIVITIES:
        subject_id = world.new_id()
        activity = Subject(
            subject_id, name, name[:3].lower(), 0, school.id, lid("ACTIVITY", subject_id)
        )
        world.subjects[activity.id] = activity
        activities[name] = activity
    klass = SchoolClass(
        id=world.new_id(),
        school_id=school.id,
        number=0,
        symbol="a",
        tutor_id=teachers[0].id,
        begin=start,
        end_first_semester=calendar.end_of_first_semester(start, school.winter_break_week),
        end=end,
        kindergarten=True,
        group_name=GROUP_NAMES[group % len(GROUP_NAMES)],
    )
    klass.lid = lid("GROUP", klass.id)
    world.classes[klass.id] = klass
    _plan(world, klass, teachers, rooms, activities)
    days = _open_days(world, klass)
    _changes(world, klass, teachers, rng, days)
    _agenda(world, klass, days)
    _notices(world, school, teachers, days)
    return [_child(world, klass, teachers, rng, n) for n in range(children)]


def _school(world: World, rng: random.Random, start: date) -> School:
    school = School(
        id=world.new_id(),
        name="Przedszkole Miejskie nr 3 „Słoneczko”",
        short_name="P3",
        town=N.TOWNS[0][0],
        street="ul. Słoneczna",
        building=str(rng.randint(1, 40)),
        post_code=f"{N.TOWNS[0][1]}{rng.randint(100, 999)}",
        head_first="Elżbieta",
        head_last="Kowalczyk",
    )
    world.schools[school.id] = school
    for name, first, last in calendar.holidays(start, school.winter_break_week):
        if name in CLOSED_ON:
            free = FreeDay(world.new_id(), school.id, name, first, last)
            world.free_days[free.id] = free
    for category in ("zebranie z rodzicami", "wycieczka", "uroczystość", "inne"):
        entry = Named(world.new_id(), category, school.id)
        world.agenda_categories[entry.id] = entry
    return school


def _teachers(world: World, school: School, rng: random.Random) -> list[Teacher]:
    women = [name for name, gender in N.TEACHER_FIRST if gender == "f"]
    teachers = []
    for n in range(5):
        teacher_id = world.new_id()
        _, surname = N.SURNAMES[(n * 5 + 3) % len(N.SURNAMES)]
        teacher = Teacher(
            teacher_id,
            women[(n * 3 + rng.randint(0, 2)) % len(women)],
            surname,
            school.id,
            lid("AUTH-USER", teacher_id),
            str(600_000 + teacher_id),
        )
        world.teachers[teacher.id] = teacher
        teachers.append(teacher)
    return teachers


def _plan(
    world: World,
    klass: SchoolClass,
    teachers: list[Teacher],
    rooms: list[Classroom],
    activities: dict[str, Subject],
) -> None:
    """Five blocks a day: the tutor in the morning, another teacher in the afternoon,
    a specialist for the weekday's activity."""
    tutor, afternoon, specialists = teachers[0], teachers[1], teachers[2:]
    defs: dict[tuple[str, int], LessonDef] = {}

    def lesson(activity: str, teacher: Teacher) -> LessonDef:
        key = (activity, teacher.id)
        if key not in defs:
            found = LessonDef(world.new_id(), klass.id, activities[activity].id, teacher.id)
            world.lessons[found.id] = found
            defs[key] = found
        return defs[key]

    for weekday in range(1, 6):
        for no, (start, stop, activity) in enumerate(DAY_BLOCKS, start=1):
            name = activity or WEEKDAY_ACTIVITY[weekday - 1]
            if activity is None:
                teacher = specialists[(weekday - 1) % len(specialists)]
            else:
                teacher = tutor if no <= 2 or no == 4 else afternoon
            slot = PlanSlot(
                world.new_id(),
                klass.id,
                weekday,
                no,
                lesson(name, teacher).id,
                rooms[0].id if activity else rooms[1 + weekday % 2].id,
                klass.begin,
                klass.end,
                hours=(start, stop),
            )
            world.plan[slot.id] = slot


def _open_days(world: World, klass: SchoolClass) -> list[date]:
    days, day = [], klass.begin
    while day <= klass.end:
        if world.is_school_day(klass.school_id, klass.id, day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _changes(
    world: World,
    klass: SchoolClass,
    teachers: list[Teacher],
    rng: random.Random,
    days: list[date],
) -> None:
    """About one change a week: a cancelled activity, a substitute teacher, or a long
    block split between two substitutes."""
    plan = world.class_plan(klass.id)
    for day in days:
        if rng.random() >= 0.2:
            continue
        kind = rng.choice(("cancelled", "substitution", "split"))
        block = 3 if kind == "cancelled" else rng.choice((2, 4))
        slot = next(s for s in plan if s.weekday == day.isoweekday() and s.lesson_no == block)
        lesson = world.lessons[slot.lesson_id]
        others = [t.id for t in teachers if t.id != lesson.teacher_id]
        change = PlanChange(
            id=world.new_id(),
            class_id=klass.id,
            org_date=day,
            org_lesson_no=block,
            org_subject_id=lesson.subject_id,
            org_teacher_id=lesson.teacher_id,
            org_classroom_id=slot.classroom_id,
            kind="cancelled" if kind == "cancelled" else "substitution",
            visible_from=at_local(day - timedelta(days=rng.randint(0, 2)), 7, 0),
            note="Nieobecność nauczyciela" if kind == "cancelled" else None,
        )
        if kind != "cancelled":
            change.subject_id, change.classroom_id = lesson.subject_id, slot.classroom_id
            change.teacher_id = rng.choice(others)
        if kind == "split" and slot.hours is not None:
            change.split_at = split_point(*slot.hours)
            change.split_teacher_id = rng.choice([t for t in others if t != change.teacher_id])
        world.plan_changes[change.id] = change


def split_point(start: str, stop: str) -> str | None:
    """Where a split block passes to its second teacher: an hour after it starts
    (None when the block is not longer than that)."""
    minutes = int(start[:2]) * 60 + int(start[3:]) + 60
    if minutes >= int(stop[:2]) * 60 + int(stop[3:]):
        return None
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# The group's agenda: (every nth open day, at which one, category, what, announced
# days before, hours).
AGENDA = (
    (40, 15, "zebranie z rodzicami", "Zebranie z rodzicami grupy", 10, ("16:30", "17:30")),
    (40, 30, "wycieczka", "Wycieczka do teatru lalek", 14, (None, None)),
    (60, 45, "uroczystość", "Dzień Babci i Dziadka – przedstawienie grupy", 21, ("15:00", None)),
)


def _agenda(world: World, klass: SchoolClass, days: list[date]) -> None:
    categories = {
        c.name: c.id for c in world.agenda_categories.values() if c.school_id == klass.school_id
    }
    for index, day in enumerate(days):
        for every, at, category, content, before, (start, stop) in AGENDA:
            if index % every != at:
                continue
            entry = AgendaEntry(
                world.new_id(),
                klass.id,
                day,
                categories[category],
                content,
                klass.tutor_id,
                at_local(day - timedelta(days=before), 9),
                time_from=start,
                time_to=stop,
            )
            world.agenda[entry.id] = entry


def _notices(world: World, school: School, teachers: list[Teacher], days: list[date]) -> None:
    for n, day in enumerate(days[5::25]):
        subject, content = NOTICES[n % len(NOTICES)]
        notice = Notice(
            id=f"LID-NBOARD-NOTICE-{school.id}-{world.new_id()}",
            school_id=school.id,
            subject=subject,
            content=content,
            start=day,
            end=day + timedelta(days=14),
            teacher_id=teachers[0].id,
            visible_from=at_local(day, 7, 30),
        )
        world.notices[notice.id] = notice


def _child(
    world: World, klass: SchoolClass, teachers: list[Teacher], rng: random.Random, n: int
) -> Student:
    """A child whose only login is a parent's (a kindergartener has none of its own)."""
    girl = n % 2 == 0
    male, female = N.SURNAMES[(n * 11 + 4) % len(N.SURNAMES)]
    parent_first = [name for name, gender in N.TEACHER_FIRST if gender == "f"][(n * 3) % 8]
    student_id = world.new_id()
    login = str(rng.randint(1_000_000, 9_999_999))
    while world.student_by_login(login) is not None:
        login = str(rng.randint(1_000_000, 9_999_999))
    password = f"{parent_first.lower()[:3]}-{rng.randint(1000, 9999)}-Dom"
    student = Student(
        id=student_id,
        account_id=world.new_id(),
        login=login,
        password=password,
        first_name=rng.choice(N.GIRLS if girl else N.BOYS),
        last_name=female if girl else male,
        class_id=klass.id,
        register_number=n + 1,
        family=10_000 + student_id,
        lid=lid("AUTH-USER", student_id),
        parent_first_name=parent_first,
        parent_lid=lid("AUTH-USER", student_id, 1),
        parent_messages_id=str(700_000 + student_id),
        parent_login=login,
        parent_password=password,
        parent_last_name=female,
        parent_account_id=800_000_000 + student_id,
    )
    world.students[student.id] = student
    world.parent_logins[login] = student.id
    for k, day in enumerate(_open_days(world, klass)[3::30]):
        topic, body = MESSAGES[(k + n) % len(MESSAGES)]
        sent = at_local(day, 13, 15)
        message = Message(
            id=str(world.new_id()),
            student_id=student.id,
            teacher_id=teachers[0].id,
            topic=topic,
            body=body,
            visible_from=sent,
            read_at=sent + timedelta(hours=5),
        )
        world.messages[message.id] = message
    return student
