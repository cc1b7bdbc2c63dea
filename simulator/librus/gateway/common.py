"""What every part of the gateway view shares: the envelope and references of Librus's
answers, and the view's login, student and instant."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from simulator.librus.clock import WARSAW
from simulator.librus.world import (
    PlanSlot,
    Student,
    World,
)

API = "https://api.librus.pl/2.0"
JsonObj = dict[str, Any]


class ModuleRefused(Exception):
    """The school does not give this module: answer with `status` and `body`."""

    def __init__(self, status: int, body: JsonObj | str) -> None:
        super().__init__(status)
        self.status = status
        self.body = body


def ref(kind: str, item_id: int | str) -> JsonObj:
    return {"Id": item_id, "Url": f"{API}/{kind}/{item_id}"}


# Sub-resources each listing names in `Resources` (as the recorded bodies do).
SUBRESOURCES = {
    "Grades": (
        "Averages",
        "StudentsAverages",
        "CategoriesAverages",
        "Categories",
        "Comments",
        "Scales",
        "Types",
    ),
    "Attendances": ("Types", "FilledByTeacher", "LessonsStatistics"),
    "Classes": ("CrossedOutStudents",),
    "HomeWorks": ("Categories",),
    "Users": ("IndividualEducationPeriods", "CrossedOutStudents"),
}


# Librus's answer to a module this login may not read (seen for `Substitutions`).
ACCESS_DENY: JsonObj = {
    "Status": "Error",
    "Code": "AccessDeny",
    "Message": "Account not have access to resource",
}


def envelope(root: str, value: Any, url: str, parent: str = "Root") -> JsonObj:
    resources: JsonObj = {
        f"{url}\\{sub}": {"Url": f"{API}/{url}/{sub}"} for sub in SUBRESOURCES.get(url, ())
    }
    resources[".."] = {"Url": f"{API}/{parent}"}
    return {root: value, "Resources": resources, "Url": f"{API}/{url}"}


def day_text(day: date) -> str:
    return day.isoformat()


def derived_presence_id(student_id: int, day: date, lesson_no: int) -> int:
    """A stable numeric id for a presence mark the server derives from the plan."""
    return student_id * 10_000_000 + (day.toordinal() - 730_000) * 10 + lesson_no


class ViewBase:
    """One login at one instant: what the resource families read."""

    def __init__(
        self, world: World, student: Student, now: datetime, login: str | None = None
    ) -> None:
        self.w = world
        self.s = student
        self.login = login or student.login
        self.now = now
        self.today = now.astimezone(WARSAW).date()
        self.klass = world.classes[student.class_id]
        self.school = world.schools[self.klass.school_id]

    def visible(self, moment: datetime) -> bool:
        return moment <= self.now

    def require(self, module: str, refusal: Callable[[], ModuleRefused]) -> None:
        if not self.school.has(module):
            raise refusal()

    def _held_lessons(self) -> list[tuple[date, PlanSlot]]:
        """Lessons of the plan held from the start of the year until today."""
        today = self.today
        plan = self.w.class_plan(self.klass.id)
        by_day: dict[int, list[PlanSlot]] = {}
        for slot in plan:
            by_day.setdefault(slot.weekday, []).append(slot)
        cancelled = {
            (c.org_date, c.org_lesson_no)
            for c in self.w.plan_changes.owned_by(self.klass.id)
            if c.kind == "cancelled"
        }
        result = []
        day = self.klass.begin
        while day <= min(today, self.klass.end):
            if self.w.is_school_day(self.school.id, self.klass.id, day):
                for slot in by_day.get(day.isoweekday(), []):
                    if (day, slot.lesson_no) not in cancelled:
                        result.append((day, slot))
            day += timedelta(days=1)
        return result


def flatten(html: str) -> str:
    import re

    text = re.sub(r"<br\s*/?>", "\n", html)
    return re.sub(r"<[^>]+>", "", text)


def lucky_number_on(seed: int, school_id: int, day: date) -> int:
    digest = hashlib.sha256(f"{seed}:{school_id}:{day.isoformat()}".encode()).digest()
    return 1 + digest[0] % 30
