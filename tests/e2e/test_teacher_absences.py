"""Teacher absences through the real bot: in /jutro only where the absent teacher teaches
the child tomorrow in those hours, with the lessons named; nothing of the rest of the
school; a school that refuses them to parents is a module it lacks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from simulator.librus.world import TeacherAbsence
from sync import kinds as K
from sync import payloads as P
from sync.teacher_absences import touching
from tests.e2e.harness import running_bot
from tests.e2e.test_revision import lessons_of, stored

PARENT = 631
TOMORROW = date(2026, 11, 26)  # the simulated day is Wednesday 25 November


def has(*words: str):  # type: ignore[no-untyped-def]
    return lambda e: all(w in e.text for w in words)


async def test_only_the_absences_that_touch_the_child_tomorrow(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        school = h.librus.world.school_of(h.librus.edit.student(str(account["login"])))
        assert school.teacher_absences == "calendars"  # the first school's, as generated
        login = str(account["login"])
        world = h.librus.world
        student = h.librus.edit.student(login)
        plan = lessons_of(h.librus, login, TOMORROW)
        (first_no, first), (_, last) = plan[0], plan[-1]
        # The teacher of the first lesson away all day; the last one's away only after
        # school; a teacher of the same school who does not teach this class away too.
        h.librus.edit.add_teacher_absence(login, subject=first, day=TOMORROW)
        h.librus.edit.add_teacher_absence(
            login, subject=last, day=TOMORROW, time_from="18:00", time_to="19:00"
        )
        mine = {world.lessons[s.lesson_id].teacher_id for s in world.class_plan(student.class_id)}
        stranger = next(
            t
            for t in world.teachers.values()
            if t.school_id == world.school_of(student).id and t.id not in mine
        )
        world.teacher_absences[world.new_id()] = TeacherAbsence(
            world.new_id(), stranger.school_id, stranger.id, TOMORROW, TOMORROW
        )
        await h.link(PARENT, account)
        answer = await h.say(PARENT, "/jutro", expect=has("Jutro"))

        absences = P.teacher_absences_in(await stored(h.store, PARENT, K.TEACHER_ABSENCES))
        assert any(a["teacher"] == stranger.name for a in absences)  # Librus lists them all
        lessons = P.lessons_in(await stored(h.store, PARENT, K.TIMETABLE), TOMORROW.isoformat())
        expected = touching(absences, lessons or [], TOMORROW)
        teacher = next(x["teacher"] for x in lessons or [] if x["no"] == first_no)
        assert teacher in {e.teacher for e in expected}
        assert stranger.name not in {e.teacher for e in expected}
        shown = [line for line in answer.text.splitlines() if "Nieobecność nauczyciela" in line]
        assert len(shown) == len(expected)
        line = next(x for x in shown if f": {teacher}," in x)
        assert f"{first_no} ({first})" in line
        assert stranger.name not in answer.text


async def test_the_old_path_is_tried_when_the_new_one_is_refused(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        login = str(account["login"])
        h.librus.world.school_of(h.librus.edit.student(login)).teacher_absences = "plain"
        subject = lessons_of(h.librus, login, TOMORROW)[0][1]
        h.librus.edit.add_teacher_absence(login, subject=subject, day=TOMORROW)
        await h.link(PARENT, account)
        answer = await h.say(PARENT, "/jutro", expect=has("Jutro"))
        assert "Nieobecność nauczyciela" in answer.text  # read from `TeacherFreeDays`
        asked = h.librus.counter(login).to_json()["requests"]
        assert asked["Calendars/TeacherFreeDays"] == 1 and asked["TeacherFreeDays"] == 1


async def test_a_school_that_refuses_both_is_a_module_it_lacks(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        account = h.account()
        login = str(account["login"])
        h.librus.world.school_of(h.librus.edit.student(login)).teacher_absences = "refused"
        await h.link(PARENT, account)
        async with h.store.reading() as uow:
            (child,) = await uow.links.children(PARENT)
            state = (await uow.sync.kinds(child.account_id))[K.TEACHER_ABSENCES]
        assert state.absent_until is not None
        answer = await h.say(PARENT, "/jutro", expect=has("Jutro"))
        assert "Nieobecność nauczyciela" not in answer.text
