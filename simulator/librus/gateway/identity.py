"""Who is logged in and the school's dictionaries: Me, Users, Schools, Classes,
Units, subjects, teachers, classrooms, lessons, grade categories, attendance types."""

from __future__ import annotations

from typing import Any

from simulator.librus.gateway.common import (
    JsonObj,
    ViewBase,
    day_text,
    envelope,
    ref,
)


class IdentityView(ViewBase):
    # ------------------------------------------------------------------ identity

    def me(self) -> JsonObj:
        s = self.s
        return envelope(
            "Me",
            {
                "Account": self._account(),
                "Refresh": 900,
                "User": {"Id": s.id, "FirstName": s.first_name, "LastName": s.last_name},
                "Class": ref("Classes", self.klass.id),
            },
            "Me",
        )

    def _account(self) -> JsonObj:
        """Me.Account: who holds the login. A parent's login names the parent (GroupId
        5, as SZK reads it); a pupil's names the pupil (GroupId 8, the 2017 fixture).
        UserId is the child's Users record either way (librus-synergia reads the
        register number through it on both kinds: assumed for parent logins)."""
        s = self.s
        parent = s.is_parent_login(self.login)
        return {
            "Id": s.parent_account_id if parent else s.account_id,
            "UserId": s.id,
            "FirstName": s.parent_first_name if parent else s.first_name,
            "LastName": (s.parent_last_name or s.last_name) if parent else s.last_name,
            "Email": "",
            "GroupId": 5 if parent else 8,
            "IsActive": True,
            "Login": self.login,
            "IsPremium": False,
            "IsPremiumDemo": False,
            "ExpiredPremiumDate": 0,
            "AppRuleUrl": "https://synergia.librus.pl/regulamin_aplikacji_mobilnej",
            "IsNewAppRulesAccepted": True,
        }

    def user(self, user_id: int) -> JsonObj | None:
        s = self.s
        if user_id == s.id:
            return envelope(
                "User",
                {
                    "Id": s.id,
                    "AccountId": s.lid,
                    "FirstName": s.first_name,
                    "LastName": s.last_name,
                    "Class": ref("Classes", self.klass.id),
                    "Unit": ref("Units", self.school.id),
                    "ClassRegisterNumber": s.register_number,
                    "IsEmployee": False,
                    "GroupId": 8,
                },
                f"Users/{user_id}",
            )
        teacher = self.w.teachers.get(user_id)
        if teacher is None or teacher.school_id != self.school.id:
            return None
        return envelope(
            "User",
            {
                "Id": teacher.id,
                "AccountId": teacher.lid,
                "FirstName": teacher.first_name,
                "LastName": teacher.last_name,
                "IsEmployee": True,
                "GroupId": 1,
            },
            f"Users/{user_id}",
        )

    def token_info(self) -> JsonObj:
        return {
            "SchoolId": self.school.id,
            "UserIdentifier": self.s.parent_lid,
            "UserType": "rodzic",
            "SchoolNodeName": f"node{self.school.id % 7}",
            "Scopes": ["Grades", "Attendances", "Timetables", "HomeWorks", "Messages"],
        }

    def user_info(self, lid: str) -> JsonObj | None:
        if lid != self.s.parent_lid:
            return None
        return {
            "UserInfo": {
                "Identifier": self.s.parent_lid,
                "IdentifierOfStudentAssignedWithUser": self.s.lid,
                "Login": self.s.login,
                "UserState": "active",
                "FirstName": self.s.parent_first_name,
                "LastName": self.s.last_name,
            }
        }

    def schools(self) -> JsonObj:
        sc = self.school
        return envelope(
            "School",
            {
                "Id": sc.id,
                "Name": sc.name,
                "Town": sc.town,
                "Street": sc.street,
                "BuildingNumber": sc.building,
                "PostCode": sc.post_code,
                "NameHeadTeacher": sc.head_first,
                "SurnameHeadTeacher": sc.head_last,
                "Email": f"sekretariat@{sc.short_name.lower()}.edu.pl",
                "PhoneNumber": "+48 22 123 45 67",
                "LessonsRange": [{"From": f, "To": t} for f, t in sc.lesson_hours],
            },
            "Schools",
        )

    def classes(self) -> JsonObj:
        k = self.klass
        return envelope(
            "Class",
            {
                "Id": k.id,
                "Number": k.number,
                "Symbol": k.symbol,
                "BeginSchoolYear": day_text(k.begin),
                "EndFirstSemester": day_text(k.end_first_semester),
                "EndSchoolYear": day_text(k.end),
                "Unit": ref("Units", self.school.id),
                "ClassTutor": ref("Users", k.tutor_id),
            },
            "Classes",
        )

    def units(self) -> JsonObj:
        sc = self.school
        ranges: list[JsonObj] = [{"From": None, "To": None, "RawFrom": None, "RawTo": None}]
        for f, t in sc.lesson_hours:
            raw_f = int(f[:2]) * 60 + int(f[3:])
            raw_t = int(t[:2]) * 60 + int(t[3:])
            ranges.append({"From": f, "To": t, "RawFrom": raw_f, "RawTo": raw_t})
        return envelope(
            "Units",
            [
                {
                    "Id": sc.id,
                    "Name": sc.name,
                    "ShortName": sc.short_name,
                    "BehaviourType": "0",
                    "GradesSettings": {
                        "StandardGradesEnabled": True,
                        "PointGradesEnabled": sc.point_grades,
                        "DescriptiveGradesEnabled": sc.descriptive_grades,
                        "ForcePointGradesDictionaries": False,
                        "AllowOverrangePointGrades": False,
                        "AllowClassTutorEditGrades": True,
                        "CanAddAnyGrades": False,
                        "Grade0Map": "nb",
                    },
                    "LessonSettings": {
                        "AllowZeroLessonNumber": False,
                        "MaxLessonNumber": len(sc.lesson_hours),
                        "IsExtramuralCourse": False,
                        "IsAdultsDaily": False,
                        "AllowAddOtherLessons": False,
                        "AllowAddSubstitutions": True,
                    },
                    "BehaviourGradesSettings": {
                        "StartPoints": {"Semester1": 0, "Semester2": 0},
                        "ShowCategoriesShortcuts": False,
                    },
                    "LessonsRange": ranges,
                }
            ],
            "Units",
        )

    def grading_system(self) -> JsonObj:
        return {
            "countZero": False,
            "plusValue": self.school.plus_value,
            "minusValue": self.school.minus_value,
        }

    # ------------------------------------------------------------------ dictionaries

    def subjects(self) -> JsonObj:
        items = [
            {
                "Id": s.id,
                "Name": s.name,
                "No": s.no,
                "Short": s.short,
                "IsExtracurricular": False,
                "IsBlockLesson": False,
            }
            for s in self.w.subjects.values()
            if s.school_id == self.school.id and not s.lid  # not a kindergarten's activity
        ]
        return envelope("Subjects", items, "Subjects")

    def auth_subjects(self) -> JsonObj:
        items = [
            {"identifier": f"LID-SUBJECT-{s.id}", "numericIdentifier": s.id, "name": s.name}
            for s in self.w.subjects.values()
            if s.school_id == self.school.id
        ]
        return {"data": items}

    def users(self) -> JsonObj:
        items: list[JsonObj] = [
            {"Id": 666, "IsSchoolAdministrator": True, "FirstName": None, "LastName": "Sekretariat"}
        ]
        items += [
            {
                "Id": t.id,
                "AccountId": t.lid,
                "FirstName": t.first_name,
                "LastName": t.last_name,
                "IsSchoolAdministrator": False,
                "IsPedagogue": False,
            }
            for t in self.w.teachers.values()
            if t.school_id == self.school.id
        ]
        return envelope("Users", items, "Users")

    def classrooms(self) -> JsonObj:
        items = [
            {"Id": c.id, "Name": c.name, "Symbol": c.symbol}
            for c in self.w.classrooms.values()
            if c.school_id == self.school.id
        ]
        return envelope("Classrooms", items, "Classrooms")

    def lessons(self) -> JsonObj:
        items = [
            {
                "Id": lesson.id,
                "Teacher": ref("Users", lesson.teacher_id),
                "Subject": ref("Subjects", lesson.subject_id),
                "Class": ref("Classes", lesson.class_id),
            }
            for lesson in self.w.class_lessons(self.klass.id)
        ]
        return envelope("Lessons", items, "Lessons")

    def grade_categories(self) -> JsonObj:
        items = []
        for c in self.w.grade_categories.values():
            if c.school_id != self.school.id:
                continue
            item: JsonObj = {
                "Id": c.id,
                "Color": ref("Colors", 1 + c.id % 20),
                "Name": c.name,
                "AdultsExtramural": False,
                "AdultsDaily": False,
                "Standard": c.period is None and c.teacher_id is None,
                "CountToTheAverage": c.counts,
                "BlockAnyGrades": c.period is not None,
                "ObligationToPerform": False,
            }
            if c.period is None:
                item["Weight"] = c.weight
            flag = {
                "semester_proposal": "IsSemestralProposition",
                "semester": "IsSemestral",
                "final_proposal": "IsFinalProposition",
                "final": "IsFinal",
            }.get(c.period or "")
            if flag:
                item[flag] = True
            if c.short:
                item["Short"] = c.short
            if c.teacher_id is not None:
                item["Teacher"] = ref("Users", c.teacher_id)
            if c.parent_id is not None:
                item["ParentCategory"] = ref("Grades/Categories", c.parent_id)
            items.append(item)
        return envelope("Categories", items, "Grades/Categories", "Grades")

    def named(self, root: str, table: dict[int, Any], url: str, *, key: str = "Name") -> JsonObj:
        items = [
            {"Id": n.id, key: n.name, "Color": ref("Colors", 1 + n.id % 20)}
            for n in table.values()
            if n.school_id == self.school.id
        ]
        return envelope(root, items, url)

    def attendance_types(self) -> JsonObj:
        items = []
        for t in self.w.attendance_types.values():
            item: JsonObj = {
                "Id": t.id,
                "Name": t.name,
                "Short": t.short,
                "Standard": True,
                "ColorRGB": t.color,
                "IsPresenceKind": t.presence,
                "Order": t.order,
            }
            items.append(item)
        return envelope("Types", items, "Attendances/Types", "Attendances")
