"""Grades of every kind: ordinary, comments, points, descriptive (Grade 1–3 partial
grades and skills), behaviour."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from simulator.librus.clock import local_stamp
from simulator.librus.gateway.common import (
    JsonObj,
    ViewBase,
    day_text,
    envelope,
    ref,
)
from simulator.librus.world import (
    Grade,
    PartialGrade,
)


class GradesView(ViewBase):
    # ------------------------------------------------------------------ grades

    def grades(self) -> JsonObj:
        items: list[JsonObj] = []
        if self.klass.partial_grading:
            # A class on the new descriptive grading: its ordinary list is empty.
            return envelope("Grades", items, "Grades")
        for g in self.w.grades.owned_by(self.s.id):
            if not self.visible(g.visible_from):
                continue
            items.append(self._grade(g))
        items.sort(key=lambda i: (i["AddDate"], i["Id"]))
        return envelope("Grades", items, "Grades")

    def partial_grades(self, student_lid: str) -> JsonObj:
        """`POST Auth/DescriptiveGradingSystem/PartialGrades/Student/<child LID>`. The
        envelope is confirmed live (empty, on a grade 7 account); the item fields only
        from librus-synergia's parser and szkolny-android #224, so both shapes seen of
        `comments` (a list of objects, a bare string) and of `subjectId` (a LID, a
        number) are served, alternating by grade."""
        items: list[JsonObj] = []
        if student_lid == self.s.lid:
            for n, g in enumerate(self.w.partial_grades.owned_by(self.s.id)):
                if self.visible(g.visible_from):
                    items.append(self._partial(g, odd=n % 2 == 1))
        items.sort(key=lambda i: (i["addDate"], i["gradeId"]))
        return {"data": items, "pagination": {"limit": 100, "page": 1, "total": len(items)}}

    def _partial(self, g: PartialGrade, *, odd: bool) -> JsonObj:
        teacher = self.w.teachers[g.teacher_id]
        comments: Any = [{"content": c} for c in g.comments]
        if odd and len(g.comments) == 1:
            comments = g.comments[0]
        return {
            "gradeId": g.id,
            "teacherId": teacher.lid,
            "addedBy": teacher.lid,
            "area": {"name": g.area},
            "subjectId": g.subject_id if odd else f"LID-SUBJECT-{g.subject_id}",
            "scaleValue": {"value": g.value},
            "content": g.content,
            "comments": comments,
            "implementedRequirements": [{"name": r} for r in g.requirements],
            "date": day_text(g.day),
            "semester": g.semester,
            "addDate": local_stamp(g.visible_from),
        }

    def _grade(self, g: Grade) -> JsonObj:
        item: JsonObj = {
            "Id": g.id,
            "Lesson": ref("Lessons", g.lesson_id),
            "Subject": ref("Subjects", g.subject_id),
            "Student": ref("Users", g.student_id),
            "Category": ref("Grades/Categories", g.category_id),
            "AddedBy": ref("Users", g.teacher_id),
            "Grade": g.value,
            "Date": day_text(g.day),
            "AddDate": local_stamp(g.visible_from),
            "Semester": g.semester,
            "IsConstituent": g.kind == "normal",
            "IsSemester": g.kind == "semester",
            "IsSemesterProposition": g.kind == "semester_proposal",
            "IsFinal": g.kind == "final",
            "IsFinalProposition": g.kind == "final_proposal",
        }
        if g.comment_ids:
            item["Comments"] = [ref("Grades/Comments", c) for c in g.comment_ids]
        if g.improves_id is not None:
            item["Improvement"] = ref("Grades", g.improves_id)
        return item

    def grade_comments(self) -> JsonObj:
        items = [
            {
                "Id": c.id,
                "AddedBy": ref("Users", c.teacher_id),
                "Grade": ref("Grades", c.grade_id),
                "Text": c.text,
            }
            for g in self.w.grades.owned_by(self.s.id)
            if self.visible(g.visible_from)
            for c in self.w.grade_comments.owned_by(g.id)
        ]
        return envelope("Comments", items, "Grades/Comments", "Grades")

    def point_grades(self) -> JsonObj:
        items = [
            {
                "Id": g.id,
                "Grade": f"{g.points:g}",
                "GradeValue": g.points,
                "Category": ref("PointGrades/Categories", g.category_id),
                "Subject": ref("Subjects", g.subject_id),
                "Student": ref("Users", g.student_id),
                "AddedBy": ref("Users", g.teacher_id),
                "Date": day_text(g.day),
                "AddDate": local_stamp(g.visible_from),
                "Semester": g.semester,
            }
            for g in self.w.point_grades.owned_by(self.s.id)
            if self.visible(g.visible_from)
        ]
        return envelope("Grades", items, "PointGrades")

    def point_categories(self) -> JsonObj:
        items = [
            {
                "Id": c.id,
                "Name": c.name,
                "Weight": c.weight,
                "CountToTheAverage": True,
                "ValueFrom": 0,
                "ValueTo": c.value_to,
            }
            for c in self.w.point_categories.values()
            if c.school_id == self.school.id
        ]
        return envelope("Categories", items, "PointGrades/Categories", "PointGrades")

    def descriptive_grades(self) -> JsonObj:
        items = [
            {
                "Id": g.id,
                "Subject": ref("Subjects", g.subject_id),
                "Skill": ref("DescriptiveGrades/Skills", g.skill_id),
                "Grade": 3,
                "Map": g.value,
                "RealGradeValue": g.value,
                "AddedBy": ref("Users", g.teacher_id),
                "Date": day_text(g.day),
                "AddDate": local_stamp(g.visible_from),
                "Semester": g.semester,
            }
            for g in self.w.descriptive_grades.owned_by(self.s.id)
            if self.visible(g.visible_from)
        ]
        return envelope("Grades", items, "DescriptiveGrades")

    def skills(self) -> JsonObj:
        items = [
            {"Id": s.id, "Name": s.name, "Weight": 1, "CountToTheAverage": False}
            for s in self.w.skills.values()
            if s.school_id == self.school.id
        ]
        return envelope("Skills", items, "DescriptiveGrades/Skills", "DescriptiveGrades")

    def behaviour_grades(self) -> JsonObj:
        """Each semester's grade from 14 days before it ends (mostly "bardzo dobre",
        every seventh pupil "wzorowe", every fifth "dobre"), and what the editor added:
        the classic scale as `BehaviourGrade.Id` with an empty `ShortName`, as seen
        live; a points entry with `Value` and `ShortName`."""
        items: list[JsonObj] = []
        ends = (self.klass.end_first_semester, self.klass.end)
        for semester, end in enumerate(ends, start=1):
            if self.today >= end - timedelta(days=14):
                scale = 1 if self.s.id % 7 == 0 else 3 if self.s.id % 5 == 0 else 2
                items.append(
                    {
                        "Id": self.s.id * 10 + semester,
                        "ShortName": "",
                        "Text": None,
                        "BehaviourGrade": ref("BehaviourGrades/Types", scale),
                        "Semester": semester,
                        "AddedBy": ref("Users", self.klass.tutor_id),
                        "AddDate": f"{day_text(end - timedelta(days=14))} 12:00:00",
                    }
                )
        for b in self.w.behaviour_grades.owned_by(self.s.id):
            if not self.visible(b.added):
                continue
            item: JsonObj = {
                "Id": b.id,
                "ShortName": b.short_name,
                "Text": None,
                "Semester": b.semester,
                "AddedBy": ref("Users", self.klass.tutor_id),
                "AddDate": local_stamp(b.added),
            }
            if b.scale is not None:
                item["BehaviourGrade"] = ref("BehaviourGrades/Types", b.scale)
            if b.value is not None:
                item["Value"] = b.value
            items.append(item)
        return envelope("Grades", items, "BehaviourGrades/Points", "BehaviourGrades")
