"""What the school tells: the agenda, homework, notices, the lucky number, notes, free
days, and the messages' listing and bodies."""

from __future__ import annotations

import base64
import hashlib
from datetime import timedelta

from simulator.librus.clock import WARSAW, local_stamp
from simulator.librus.gateway.common import (
    API,
    JsonObj,
    ModuleRefused,
    ViewBase,
    day_text,
    envelope,
    flatten,
    lucky_number_on,
    ref,
)
from simulator.librus.world import (
    MODULE_HOMEWORK,
    MODULE_LUCKY_NUMBER,
    MODULE_NOTES,
    Message,
)


class NewsView(ViewBase):
    # ------------------------------------------------------------------ agenda, homework

    def agenda(self) -> JsonObj:
        items = []
        for e in self.w.agenda.owned_by(self.klass.id):
            if not self.visible(e.visible_from):
                continue
            item: JsonObj = {
                "Id": e.id,
                "Content": e.content,
                "Date": day_text(e.day),
                "Category": ref("HomeWorks/Categories", e.category_id),
                "LessonNo": str(e.lesson_no) if e.lesson_no is not None else None,
                "TimeFrom": e.time_from,
                "TimeTo": e.time_to,
                "CreatedBy": ref("Users", e.teacher_id),
                "Class": ref("Classes", e.class_id),
                "AddDate": local_stamp(e.visible_from),
            }
            if e.subject_id is not None:
                item["Subject"] = ref("Subjects", e.subject_id)
            items.append(item)
        items.sort(key=lambda i: (i["Date"], i["Id"]))
        return envelope("HomeWorks", items, "HomeWorks")

    def homework(self) -> JsonObj:
        self.require(
            MODULE_HOMEWORK,
            lambda: ModuleRefused(
                403,
                {
                    "Status": "Error",
                    "Code": "AccessDeny",
                    "Message": "Account not have access to resource",
                },
            ),
        )
        items = []
        for h in self.w.homework.owned_by(self.klass.id):
            if not self.visible(h.visible_from):
                continue
            items.append(
                {
                    "Id": h.id,
                    "Teacher": ref("Users", h.teacher_id),
                    "Student": ref("Users", self.s.id),
                    "Date": day_text(h.day),
                    "DueDate": day_text(h.due),
                    "Topic": h.topic,
                    "Text": h.text,
                    "Lesson": ref("Lessons", h.lesson_id),
                    "MustSendAttachFile": False,
                    "SendFilePossible": True,
                    "AddedFiles": 0,
                    "HomeworkAssigmentFiles": [
                        {
                            "Id": fid,
                            "Name": name,
                            "Url": f"{API}/HomeWorkAssignments/Attachment/{h.id}-{fid}",
                        }
                        for name, fid in h.files
                    ],
                    "StudentsWhoRead": [],
                    "StudentsWhoMarkedAsDone": [],
                }
            )
        return envelope("HomeWorkAssignments", items, "HomeWorkAssignments")

    # ------------------------------------------------------------------ notices, lucky, notes

    def notices(self) -> JsonObj:
        items = []
        for n in sorted(self.w.notices.values(), key=lambda n: n.visible_from):
            if n.school_id != self.school.id or not self.visible(n.visible_from):
                continue
            items.append(
                {
                    "Id": n.id,
                    "StartDate": day_text(n.start),
                    "EndDate": day_text(n.end),
                    "Subject": n.subject,
                    "Content": n.content,
                    "AddedBy": ref("Users", n.teacher_id),
                    "CreationDate": local_stamp(n.visible_from),
                    "WasRead": self.s.id in n.read_by,
                }
            )
        return envelope("SchoolNotices", items, "SchoolNotices")

    def lucky_number(self) -> JsonObj:
        self.require(
            MODULE_LUCKY_NUMBER,
            lambda: ModuleRefused(
                404,
                {
                    "Status": "Error",
                    "Code": "LuckyNumberIsNotActive",
                    "Message": "Lucky number is not active.",
                },
            ),
        )
        local = self.now.astimezone(WARSAW)
        day = local.date()
        # Published the afternoon before: after 15:00 the next school day's number shows.
        if local.hour >= 15:
            day += timedelta(days=1)
        while not self.w.is_school_day(self.school.id, self.klass.id, day):
            day += timedelta(days=1)
            if day > self.klass.end + timedelta(days=90):
                break
        drawn = {
            "LuckyNumber": lucky_number_on(self.w.seed, self.school.id, day),
            "LuckyNumberDay": day_text(day),
        }
        body: JsonObj = (
            {"LuckyNumbers": [drawn]}
            if self.school.lucky_shape == "array"
            else {"LuckyNumber": drawn}
        )
        return {
            **body,
            "Resources": {"..": {"Url": f"{API}/Root"}},
            "Url": f"{API}/LuckyNumbers",
        }

    def notes(self) -> JsonObj:
        self.require(
            MODULE_NOTES,
            lambda: ModuleRefused(
                404,
                {"Status": "Error", "Code": "NotesIsNotActive", "Message": "Notes is not active."},
            ),
        )
        items = [
            {
                "Id": n.id,
                "Text": n.text,
                "Category": ref("Notes/Categories", n.category_id),
                "Teacher": ref("Users", n.teacher_id),
                "Date": day_text(n.day),
                "Positive": n.positive,
                "AddDate": local_stamp(n.visible_from),
            }
            for n in self.w.notes.owned_by(self.s.id)
            if self.visible(n.visible_from)
        ]
        return envelope("Notes", items, "Notes")

    def free_days(self, kind: str) -> JsonObj:
        items = []
        for f in self.w.free_days.values():
            if f.school_id != self.school.id:
                continue
            if kind == "SchoolFreeDays" and f.class_id is None:
                items.append(
                    {
                        "Id": f.id,
                        "Name": f.name,
                        "DateFrom": day_text(f.date_from),
                        "DateTo": day_text(f.date_to),
                        "Units": [ref("Units", self.school.id)],
                    }
                )
            elif kind == "ClassFreeDays" and f.class_id is not None:
                items.append(
                    {
                        "Id": f.id,
                        "DateFrom": day_text(f.date_from),
                        "DateTo": day_text(f.date_to),
                        "Class": ref("Classes", f.class_id),
                        "Type": ref("Calendars/ClassFreeDays/Types", f.type_id or 0),
                    }
                )
        return envelope(kind, items, kind)

    # ------------------------------------------------------------------ messages

    def inbox(self) -> list[Message]:
        return sorted(
            (m for m in self.w.messages.owned_by(self.s.id) if self.visible(m.visible_from)),
            key=lambda m: (m.visible_from, int(m.id)),  # newest first, as Librus lists them
            reverse=True,
        )

    def message_item(self, m: Message) -> JsonObj:
        teacher = self.w.teachers[m.teacher_id]
        # The list's preview is the body cut to a fixed byte length. Whether Librus
        # strips the editor's HTML first is not known: half the messages (by id) keep
        # it, cut wherever the bytes end, even inside a tag.
        body = m.body if int(hashlib.sha256(m.id.encode()).hexdigest(), 16) % 2 else flatten(m.body)
        preview = body.encode("utf-8")[:120]
        group = m.sender_name is not None
        return {
            "messageId": m.id,
            "senderFirstName": "" if group else teacher.first_name,
            "senderLastName": "" if group else teacher.last_name,
            "senderName": m.sender_name if group else teacher.name,
            "topic": m.topic,
            "content": base64.b64encode(preview).decode("ascii"),
            "sendDate": local_stamp(m.visible_from),
            "readDate": local_stamp(m.read_at) if m.read_at and self.visible(m.read_at) else None,
            "tags": [],
            "category": None,
            "otherNodeUuid": None,
            "otherNodeAccountId": None,
            "isAnyFileAttached": bool(m.attachments),
        }

    def message_full(self, m: Message) -> JsonObj:
        teacher = self.w.teachers[m.teacher_id]
        wrapped = f"<Message><Content><![CDATA[{m.body}]]></Content></Message>"
        item = self.message_item(m)
        item.update(
            {
                "receiver": self.s.parent_messages_id,
                "senderId": teacher.messages_account_id,
                "senderGroup": "System" if m.sender_name else "Nauczyciel",
                "senderGroupId": "system" if m.sender_name else "teachers",
                "myMessage": "0",
                "Message": base64.b64encode(wrapped.encode("utf-8")).decode("ascii"),
                "spam": "0",
                "state": "received",
                "userFirstName": self.s.parent_first_name,
                "userLastName": self.s.last_name,
                "userClass": self.klass.name,
                "noReply": 1 if m.sender_name else 0,
                "archive": 0,
                "attachementInfo": "",
                "attachments": [{"id": fid, "filename": name} for name, fid in m.attachments],
                "enableMessageWithdrawn": 0,
                "isMessageWithdrawn": 0,
                "applicationNumber": None,
                "originalMessage": "",
                "originalTopic": "",
                "otherNodeMessageId": None,
                "senderSchoolName": None,
                "receiversCount": 1,
                "readedCount": 1,
                "receivers": [],
            }
        )
        return {"data": item}
