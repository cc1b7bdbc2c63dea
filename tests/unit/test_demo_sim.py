"""The demo's /sim picks the child the parent named."""

from __future__ import annotations

from bot.demo_sim import pick_child
from storage.records import ChildRecord


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
