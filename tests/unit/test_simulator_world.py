"""The generated world: deterministic, plausible, and editable."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from statistics import mean

from simulator.librus.calendar import easter, school_year_end, school_year_start
from simulator.librus.clock import SimClock, at_local
from simulator.librus.editor import EditError, WorldEditor
from simulator.librus.generator import generate
from simulator.librus.render import GatewayView
from simulator.librus.world import World
from tests.conftest import SIM_NOW


def test_same_seed_same_world() -> None:
    a, b = generate(5, 7, date(2026, 11, 25)), generate(5, 7, date(2026, 11, 25))
    assert [(s.login, s.password, s.name) for s in a.students.values()] == [
        (s.login, s.password, s.name) for s in b.students.values()
    ]
    assert [(g.id, g.value) for g in a.grades.values()] == [
        (g.id, g.value) for g in b.grades.values()
    ]
    c = generate(6, 7, date(2026, 11, 25))
    assert [s.login for s in a.students.values()] != [s.login for s in c.students.values()]


def test_world_has_what_the_issue_asks_for() -> None:
    world = generate(2026, 12, date(2026, 11, 25))
    values = {g.value for g in world.grades.values()}
    assert {"np", "bz"} & values and any(v.endswith("+") for v in values)
    assert any(v.endswith("-") for v in values)
    assert {g.kind for g in world.grades.values()} >= {
        "normal",
        "semester_proposal",
        "semester",
        "final_proposal",
        "final",
    }
    assert any(g.improves_id for g in world.grades.values())
    assert any(g.comment_ids for g in world.grades.values())
    assert {g.semester for g in world.grades.values()} == {1, 2}
    assert world.point_grades and world.descriptive_grades
    assert any(a.excused_at for a in world.attendances.values())
    assert {c.kind for c in world.plan_changes.values()} == {"cancelled", "substitution", "room"}
    families = [s.family for s in world.students.values()]
    assert len(families) > len(set(families)), "some students should be siblings"
    assert any(s.missing_modules for s in world.schools.values())
    assert all(t.first_name and t.last_name for t in world.teachers.values())
    assert any("ł" in t.name or "ś" in t.name or "ń" in t.name for t in world.teachers.values())


def test_calendar() -> None:
    assert easter(2027) == date(2027, 3, 28)
    assert easter(2026) == date(2026, 4, 5)
    assert school_year_start(date(2026, 11, 25)) == date(2026, 9, 1)
    assert school_year_start(date(2027, 3, 1)) == date(2026, 9, 1)
    assert school_year_end(date(2026, 9, 1)) == date(2027, 6, 25)


def test_editor_adds_edits_and_deletes() -> None:
    world = generate(1, 2, date(2026, 11, 25))
    editor = WorldEditor(world, SimClock(SIM_NOW, frozen=True))
    login = next(iter(world.students.values())).login
    grade_id = editor.add_grade(login, value="5+", subject="Matematyka", comment="Brawo!")
    assert world.grades[grade_id].value == "5+"
    assert world.grades[grade_id].visible_from == SIM_NOW
    editor.edit("grade", grade_id, {"value": "6"})
    assert world.grades[grade_id].value == "6"
    editor.delete("grade", grade_id)
    assert grade_id not in world.grades
    message_id = editor.add_message(login, topic="Test", body="Treść")
    assert world.messages[message_id].read_at is None
    for bad in (
        lambda: editor.add_grade("nobody", value="1"),
        lambda: editor.edit("grade", 1, {"value": "2"}),
        lambda: editor.add_grade(login, subject="Astrologia"),
    ):
        try:
            bad()
        except EditError:
            continue
        raise AssertionError("expected an EditError")


def test_a_table_files_its_rows_by_owner_through_every_change() -> None:
    """Views read a student's rows from the table's index, not by a scan: the index
    must follow every way a row comes and goes, or a view silently loses or keeps one."""
    world = generate(3, 4, date(2026, 11, 25))
    editor = WorldEditor(world, SimClock(SIM_NOW, frozen=True))
    students = list(world.students.values())

    def scanned(owner_id: int) -> list[int]:
        return [g.id for g in world.grades.values() if g.student_id == owner_id]

    def filed(owner_id: int) -> list[int]:
        return [g.id for g in world.grades.owned_by(owner_id)]

    first, second = students[0], students[1]
    added = editor.add_grade(first.login, value="4")
    editor.edit("grade", added, {"value": "5"})  # replaced in place: keeps its position
    moved = world.grades[added]
    world.grades[added] = replace(moved, student_id=second.id)  # a new owner files it anew
    popped = world.grades.pop(next(iter(world.grades.owned_by(first.id))).id)
    del world.grades[next(iter(world.grades.owned_by(second.id))).id]
    world.grades.update({popped.id: popped})
    for student in students:
        assert filed(student.id) == scanned(student.id), student.login
    assert added in filed(second.id) and added not in filed(first.id)
    assert world.student_by_login(first.login) is first
    assert world.student_by_login("nobody") is None
    world.grades.clear()
    assert filed(first.id) == [] and len(world.grades) == 0


def test_the_dense_seed_has_a_real_schools_volume() -> None:
    """About 150 attendance records in September, 15 and more grades by mid-September,
    long letters among the messages (what the demo shows a parent)."""
    dense = generate(2026, 8, date(2026, 11, 25), density="dense")
    normal = generate(2026, 8, date(2026, 11, 25))

    def by_mid_september(world: World) -> list[int]:
        return [
            sum(1 for g in world.grades.owned_by(s.id) if g.day <= date(2026, 9, 15))
            for s in world.students.values()
        ]

    assert mean(by_mid_september(dense)) >= 15
    assert mean(by_mid_september(dense)) >= 2 * mean(by_mid_september(normal))
    # An older class (grade 7 or 8): six or seven lessons a day.
    student = max(dense.students.values(), key=lambda s: dense.class_of(s).number)
    view = GatewayView(dense, student, at_local(date(2026, 9, 30), 20, 0))
    september = [a for a in view.attendances()["Attendances"] if a["Date"] <= "2026-09-30"]
    assert 120 <= len(september) <= 200
    assert max(len(m.body) for m in dense.messages.values()) > 700
