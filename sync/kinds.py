"""Kinds of Librus data the bot polls, and how they map to notification categories."""

from __future__ import annotations

GRADES = "grades"
ATTENDANCE = "attendance"
MESSAGES = "messages"
TIMETABLE = "timetable"
AGENDA = "agenda"
ANNOUNCEMENTS = "announcements"
HOMEWORK = "homework"
NOTES = "notes"
LUCKY_NUMBER = "lucky_number"
#: Lesson topics (`Realizations`): asked for only while a test is coming or after an
#: absence (see sync/revision.py), never a notification of its own.
TOPICS = "topics"
#: The parent's e-excuses (`Justifications`): asked for only while an absence is
#: unexcused, read only (sending one stays in Librus).
EXCUSES = "excuses"
#: Teachers away (`Calendars/TeacherFreeDays`), for the whole school: shown only where
#: one teaches the child's class (sync/teacher_absences.py). Most schools refuse it.
TEACHER_ABSENCES = "teacher_absences"
#: The behaviour grade (`BehaviourGrades/Points`, ocena zachowania): asked for only in
#: the weeks before a semester ends, for the forecast's honours line.
BEHAVIOUR = "behaviour"
REFERENCE = "reference"

#: Fetched on every poll that is due (what librus-synergia's fetch_changes() reads).
CORE_KINDS = (GRADES, ATTENDANCE, MESSAGES, TIMETABLE, AGENDA, ANNOUNCEMENTS, NOTES)
#: Polled on their own cadence.
EXTRA_KINDS = (HOMEWORK, LUCKY_NUMBER, TOPICS, EXCUSES, TEACHER_ABSENCES, BEHAVIOUR)
#: Kinds asked for only when something needs them (see AccountSyncer.due_kinds).
ON_NEED_KINDS = frozenset({TOPICS, EXCUSES, BEHAVIOUR})
ALL_KINDS = CORE_KINDS + EXTRA_KINDS
#: Polled often during the school day: what parents want to know at once.
URGENT_KINDS = frozenset({GRADES, ATTENDANCE, MESSAGES})

#: The message on the day a child is back after a day or more away (what was missed).
CATCH_UP = "catch_up"

#: Notification categories a chat can mute (one per kind of news).
CATEGORIES = (
    GRADES,
    ATTENDANCE,
    MESSAGES,
    ANNOUNCEMENTS,
    HOMEWORK,
    AGENDA,
    TIMETABLE,
    LUCKY_NUMBER,
    NOTES,
    CATCH_UP,
)
