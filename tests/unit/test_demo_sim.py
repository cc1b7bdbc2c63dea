"""The demo's /sim picks the child the parent named."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from dzwonek.demo_sim import SimCommands, pick_child
from simulator.librus.clock import SimClock
from simulator.librus.server import LibrusSimulator
from storage.records import ChildRecord
from sync import kinds as K
from tests.conftest import SIM_NOW


def child(n: int, name: str) -> ChildRecord:
    return ChildRecord(
        link_id=n,
        user_id=1,
        account_id=n,
        child_name=name,
        login=f"{n}u",
        student_name=name,
        class_name="2a",
        school_name=None,
        register_number=None,
        status="active",
        pause_reason=None,
        last_success_at=None,
        last_error_class=None,
        notifications_paused=False,
    )


def test_the_child_is_named_by_number_or_name_else_the_first() -> None:
    kids = [child(1, "Ania"), child(2, "Staś")]
    assert pick_child(kids, ["#2", "ocena", "5"]) == (kids[1], ["ocena", "5"])
    assert pick_child(kids, ["staś", "ocena"]) == (kids[1], ["ocena"])
    assert pick_child(kids, ["ocena", "5"]) == (kids[0], ["ocena", "5"])
    assert pick_child(kids, ["#3", "ocena"]) == (None, ["ocena"])
    assert pick_child([], ["ocena"]) == (None, ["ocena"])


def test_a_kindergarten_child_gets_its_blocks_changed_and_no_grades() -> None:
    """/sim for a kindergartener: a split substitution of its long block; a grade is
    refused in words, not promised as a notification."""
    sim = LibrusSimulator(seed=5, students=2, clock=SimClock(SIM_NOW, frozen=True))
    (login,) = sim.edit.add_kindergarten(1)
    commands = SimCommands(sim, random.Random(1))
    kid = replace(child(1, "Ala"), login=login)
    with pytest.raises(ValueError, match="w przedszkolu nie ma ocen"):
        commands.perform("ocena", kid, ["5"])
    change = commands.perform("zastępstwo", kid, [])
    assert change.category == K.TIMETABLE and "10:30–13:00" in change.said
    (added,) = [c for c in sim.world.plan_changes.values() if c.split_at is not None][-1:]
    assert added.org_lesson_no == 4 and added.split_at == "11:30"
