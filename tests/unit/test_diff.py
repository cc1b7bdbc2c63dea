"""sync.diff: per-kind rules by example, and a hypothesis state machine of a school year.

The machine plays Librus (items appear, change, vanish; fetches fail, come back empty
or truncated) against the diff, and keeps what a parent would know from the events.
After every complete, trustworthy fetch that view must equal the truth: nothing lost,
nothing announced twice, no deletion that did not happen.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from sync import events as E
from sync import kinds as K
from sync.diff import DELETE_AFTER, SUSPECT_CONFIRMATIONS, DiffContext, KindDiff, Seen, diff_kind
from tests.figures import record_figure

TODAY = date(2026, 11, 25)
CTX = DiffContext(today=TODAY, register_number=7, year_start=date(2026, 9, 1))


def grade(item_id: str, value: str = "5", **extra: Any) -> dict[str, Any]:
    return {
        "id": item_id,
        "value": value,
        "subject": "Matematyka",
        "category": "Sprawdzian",
        "weight": 3,
        "counts": True,
        "type": "normal",
        "comments": [],
        "date": "2026-11-20",
        "teacher": "Anna Nowak",
        **extra,
    }


def apply(seen: dict[str, Seen], diff: KindDiff) -> dict[str, Seen]:
    out = dict(seen)
    out.update(diff.upsert)
    for item_id in diff.remove:
        out.pop(item_id, None)
    return out


def run(
    kind: str, seen: dict[str, Seen], data: dict[str, Any], ctx: DiffContext = CTX
) -> tuple[KindDiff, dict[str, Seen]]:
    diff = diff_kind(kind, seen, data, ctx)
    return diff, apply(seen, diff)


def test_baseline_is_silent_and_records_everything() -> None:
    data = {"items": [grade("1"), grade("2", "3+")]}
    diff, seen = run(K.GRADES, {}, data, DiffContext(today=TODAY, baseline=True))
    assert diff.events == [] and set(seen) == {"1", "2"}
    again, same = run(K.GRADES, seen, data)
    assert again.events == [] and again.upsert == {} and same == seen


def test_new_changed_and_deleted_grades() -> None:
    _, seen = run(K.GRADES, {}, {"items": [grade("1")]}, DiffContext(TODAY, baseline=True))
    diff, seen = run(K.GRADES, seen, {"items": [grade("1", "4"), grade("2", "2")]})
    assert [(e.type, e.item_id) for e in diff.events] == [
        (E.GRADE_CHANGED, "1"),
        (E.GRADE_NEW, "2"),
    ]
    changed = diff.events[0]
    assert changed.old is not None and changed.old["value"] == "5" and changed.data["value"] == "4"
    first, seen = run(K.GRADES, seen, {"items": [grade("2", "2")]})
    assert first.events == [] and seen["1"].missing == 1  # one absence is not a deletion
    second, seen = run(K.GRADES, seen, {"items": [grade("2", "2")]})
    assert [(e.type, e.item_id) for e in second.events] == [(E.GRADE_DELETED, "1")]
    assert second.events[0].old is not None and "1" not in seen


def test_cosmetic_changes_are_recorded_silently() -> None:
    _, seen = run(K.GRADES, {}, {"items": [grade("1")]}, DiffContext(TODAY, baseline=True))
    diff, seen = run(K.GRADES, seen, {"items": [grade("1", teacher="Anna Kowalska")]})
    assert diff.events == [] and seen["1"].data["teacher"] == "Anna Kowalska"


def test_a_grade_that_comes_back_is_not_news() -> None:
    _, seen = run(
        K.GRADES, {}, {"items": [grade("1"), grade("2")]}, DiffContext(TODAY, baseline=True)
    )
    diff, seen = run(K.GRADES, seen, {"items": [grade("2")]})
    assert diff.events == []
    back, seen = run(K.GRADES, seen, {"items": [grade("1"), grade("2")]})
    assert back.events == [] and seen["1"].missing == 0


def test_an_empty_answer_deletes_nothing_until_confirmed() -> None:
    items = [grade(str(n)) for n in range(10)]
    _, seen = run(K.GRADES, {}, {"items": items}, DiffContext(TODAY, baseline=True))
    for attempt in range(1, SUSPECT_CONFIRMATIONS):
        diff, seen = run(K.GRADES, seen, {"items": []})
        assert diff.suspicious and diff.events == [] and not diff.remove, attempt
    diff, seen = run(K.GRADES, seen, {"items": []})
    assert len(diff.events) == 10 and seen == {}


def test_one_empty_answer_among_several_is_suspicious() -> None:
    """Grades are three Librus answers; the descriptive ones coming back empty while
    forty ordinary grades are all there is not two deletions' worth of evidence."""
    standard = [grade(str(n)) for n in range(40)]
    described = [grade(f"d{n}", "Bardzo dobrze", scale="descriptive") for n in range(5)]
    _, seen = run(K.GRADES, {}, {"items": standard + described}, DiffContext(TODAY, baseline=True))
    for _ in range(SUSPECT_CONFIRMATIONS - 1):
        diff, seen = run(K.GRADES, seen, {"items": standard})
        assert diff.suspicious and diff.events == []
    back, seen = run(K.GRADES, seen, {"items": standard + described})
    assert back.events == [] and all(seen[f"d{n}"].missing == 0 for n in range(5))


def test_a_part_not_asked_for_is_no_evidence() -> None:
    """Between the hourly checks of descriptive grades their last stored copy rides
    along for the snapshot. That copy may itself be a cut-short answer: repeating it,
    however often, neither deletes the grades it lacks nor announces ones it has."""
    standard = [grade(str(n)) for n in range(10)]
    described = [grade(f"d{n}", "5", scale="descriptive") for n in range(4)]
    _, seen = run(K.GRADES, {}, {"items": standard + described}, DiffContext(TODAY, baseline=True))
    between = DiffContext(TODAY, unfetched=frozenset({"descriptive"}))
    stale_copy = [grade("d0", "5", scale="descriptive"), grade("d9", "6", scale="descriptive")]
    for _ in range(SUSPECT_CONFIRMATIONS + 2):
        diff, seen = run(K.GRADES, seen, {"items": standard + stale_copy}, between)
        assert diff.events == [] and diff.remove == [] and not diff.suspicious
    assert all(seen[f"d{n}"].missing == 0 for n in range(4)) and "d9" not in seen
    # Standard grades are still diffed as usual beside the carried part.
    diff, seen = run(K.GRADES, seen, {"items": [*standard, grade("11", "2")]}, between)
    assert [e.type for e in diff.events] == [E.GRADE_NEW]


def test_a_changed_comment_is_kept_silently() -> None:
    _, seen = run(K.GRADES, {}, {"items": [grade("1")]}, DiffContext(TODAY, baseline=True))
    diff, seen = run(K.GRADES, seen, {"items": [grade("1", comments=["Poprawa w piątek"])]})
    assert diff.events == [] and seen["1"].data["comments"] == ["Poprawa w piątek"]


def test_last_school_year_leaves_silently() -> None:
    old = [grade(str(n), date="2026-05-10") for n in range(5)]
    _, seen = run(K.GRADES, {}, {"items": old}, DiffContext(TODAY, baseline=True))
    new_year = {"items": [grade("100", date="2026-09-05")]}
    events = []
    for _ in range(SUSPECT_CONFIRMATIONS):
        diff, seen = run(K.GRADES, seen, new_year)
        events += diff.events
    assert [(e.type, e.item_id) for e in events] == [(E.GRADE_NEW, "100")]
    assert set(seen) == {"100"}


def test_absences_new_excused_and_corrected() -> None:
    absent = {"id": "a1", "date": "2026-11-24", "type_id": 1, "status": "absent", "type": "nb"}
    _, seen = run(K.ATTENDANCE, {}, {"items": []}, DiffContext(TODAY, baseline=True))
    diff, seen = run(K.ATTENDANCE, seen, {"items": [absent]})
    assert [e.type for e in diff.events] == [E.ABSENCE_NEW]
    excused = {**absent, "type_id": 2, "status": "excused", "type": "u"}
    diff, seen = run(K.ATTENDANCE, seen, {"items": [excused]})
    assert [e.type for e in diff.events] == [E.ABSENCE_EXCUSED]
    late = {**absent, "type_id": 3, "status": "late", "type": "sp"}
    diff, seen = run(K.ATTENDANCE, seen, {"items": [late]})
    assert [e.type for e in diff.events] == [E.ABSENCE_CHANGED]


def test_messages_being_read_is_not_news() -> None:
    message = {"id": "m1", "sender": "Anna Nowak", "topic": "Wycieczka", "read": False}
    _, seen = run(K.MESSAGES, {}, {"items": []}, DiffContext(TODAY, baseline=True))
    diff, seen = run(K.MESSAGES, seen, {"items": [message]})
    assert [e.type for e in diff.events] == [E.MESSAGE_NEW]
    diff, seen = run(K.MESSAGES, seen, {"items": [{**message, "read": True}]})
    assert diff.events == [] and seen["m1"].data["read"] is True


def test_a_message_back_on_the_inbox_page_is_not_news_again() -> None:
    """The inbox is read one page deep: m1 drops off when m2 arrives, and comes back
    when m2 is deleted. Neither leaving nor coming back is news."""
    m1 = {"id": "m1", "sender": "Anna Nowak", "topic": "Wycieczka"}
    m2 = {"id": "m2", "sender": "Jan Kowal", "topic": "Zebranie"}
    _, seen = run(K.MESSAGES, {}, {"items": [m1]}, DiffContext(TODAY, baseline=True))
    for _ in range(DELETE_AFTER + SUSPECT_CONFIRMATIONS):
        diff, seen = run(K.MESSAGES, seen, {"items": [m2]})
    assert "m1" in seen and not diff.remove
    diff, seen = run(K.MESSAGES, seen, {"items": [m1]})
    assert diff.events == []


def test_agenda_moved_to_another_day() -> None:
    entry = {"id": "t1", "date": "2026-11-27", "category": "Sprawdzian", "content": "Ułamki"}
    _, seen = run(K.AGENDA, {}, {"items": [entry]}, DiffContext(TODAY, baseline=True))
    diff, seen = run(K.AGENDA, seen, {"items": [{**entry, "content": "Ułamki zwykłe"}]})
    assert diff.events == []
    diff, seen = run(K.AGENDA, seen, {"items": [{**entry, "date": "2026-12-01"}]})
    assert [e.type for e in diff.events] == [E.AGENDA_MOVED]
    assert diff.events[0].old is not None and diff.events[0].old["date"] == "2026-11-27"


def lesson(no: int, subject: str, **flags: Any) -> dict[str, Any]:
    return {
        "no": no,
        "subject": subject,
        "teacher": "T",
        "room": "12",
        "canceled": False,
        "substitution": False,
        "room_changed": False,
        "original": None,
        **flags,
    }


def test_timetable_changes_in_the_next_seven_days_only() -> None:
    days = {
        "2026-11-24": [lesson(1, "Fizyka", canceled=True)],  # yesterday
        "2026-11-26": [lesson(2, "Chemia", canceled=True), lesson(3, "Biologia")],
        "2026-12-03": [lesson(1, "Plastyka", substitution=True)],  # today + 8
    }
    _, seen = run(K.TIMETABLE, {}, {"days": {}}, DiffContext(TODAY, baseline=True))
    diff, seen = run(K.TIMETABLE, seen, {"days": days})
    assert [e.item_id for e in diff.events] == ["2026-11-26#2#Chemia"]
    later = DiffContext(date(2026, 11, 26))  # a day on: 2026-12-03 comes into view
    diff, seen = run(K.TIMETABLE, seen, {"days": days}, later)
    assert [e.item_id for e in diff.events] == ["2026-12-03#1#Plastyka"]
    after = DiffContext(date(2026, 11, 27))  # the Chemia day is over: it leaves silently
    diff, seen = run(K.TIMETABLE, seen, {"days": days}, after)
    assert diff.events == [] and "2026-11-26#2#Chemia" not in seen


def test_split_groups_and_kindergarten_lessons_are_each_told() -> None:
    """Two groups of one class in one slot, or a kindergarten's lessons without a
    number: both changes are announced, and an unshared slot keeps its short key."""
    days = {
        "2026-11-26": [
            lesson(3, "Język angielski", substitution=True, teacher="Nowak", **{"from": "10:00"}),
            lesson(3, "Język angielski", substitution=True, teacher="Lis", **{"from": "10:00"}),
            lesson(4, "Chemia", canceled=True),
        ],
        "2026-11-27": [
            {**lesson(0, "Zabawa", canceled=True), "no": None, "from": "08:00"},
            {**lesson(0, "Zabawa", canceled=True), "no": None, "from": "09:00"},
        ],
    }
    _, seen = run(K.TIMETABLE, {}, {"days": {}}, DiffContext(TODAY, baseline=True))
    diff, seen = run(K.TIMETABLE, seen, {"days": days})
    assert sorted(e.item_id for e in diff.events) == [
        "2026-11-26#3#Język angielski#10:00#Lis",
        "2026-11-26#3#Język angielski#10:00#Nowak",
        "2026-11-26#4#Chemia",
        "2026-11-27#08:00#Zabawa",
        "2026-11-27#09:00#Zabawa",
    ]
    diff, seen = run(K.TIMETABLE, seen, {"days": days})
    assert diff.events == []


def test_a_kindergartens_blocks_keep_their_keys_as_more_of_the_day_changes() -> None:
    """Blocks without numbers are keyed by their start: a second changed block of the
    same activity later that day is told, and the first is not told again."""

    def block(start: str, stop: str, teacher: str) -> dict[str, Any]:
        original = {"subject": "Zajęcia dydaktyczne", "teacher": "Nowak", "date": "2026-11-26"}
        return {
            **lesson(0, "Zajęcia dydaktyczne", substitution=True, teacher=teacher),
            "no": None,
            "from": start,
            "to": stop,
            "original": {**original, "no": None},
        }

    first = {"days": {"2026-11-26": [block("08:30", "10:00", "Lis")]}}
    _, seen = run(K.TIMETABLE, {}, {"days": {}}, DiffContext(TODAY, baseline=True))
    diff, seen = run(K.TIMETABLE, seen, first)
    assert [e.item_id for e in diff.events] == ["2026-11-26#08:30#Zajęcia dydaktyczne"]
    split = [block("08:30", "10:00", "Lis"), block("10:30", "11:30", "Kos")]
    split.append(block("11:30", "13:00", "Wrona"))
    diff, seen = run(K.TIMETABLE, seen, {"days": {"2026-11-26": split}})
    assert sorted(e.item_id for e in diff.events) == [
        "2026-11-26#10:30#Zajęcia dydaktyczne",
        "2026-11-26#11:30#Zajęcia dydaktyczne",
    ]
    assert {e.type for e in diff.events} == {E.TIMETABLE_CHANGE}


def test_a_moved_lesson_says_where_it_came_from_and_went() -> None:
    moved_from = {"subject": "Fizyka", "teacher": "T", "room": "12", "date": "2026-11-26", "no": 2}
    days = {
        "2026-11-26": [lesson(2, "Fizyka", canceled=True)],
        "2026-11-27": [lesson(5, "Fizyka", substitution=True, original=moved_from)],
    }
    _, seen = run(K.TIMETABLE, {}, {"days": {}}, DiffContext(TODAY, baseline=True))
    diff, seen = run(K.TIMETABLE, seen, {"days": days})
    by_id = {e.item_id: e.data for e in diff.events}
    assert by_id["2026-11-26#2#Fizyka"]["moved_to"] == {"date": "2026-11-27", "no": 5}
    assert by_id["2026-11-27#5#Fizyka"]["moved_from"] == {"date": "2026-11-26", "no": 2}


def test_lucky_number_only_when_it_is_the_childs() -> None:
    _, seen = run(
        K.LUCKY_NUMBER,
        {},
        {"number": 3, "day": "2026-11-25"},
        DiffContext(TODAY, baseline=True, register_number=7),
    )
    diff, seen = run(K.LUCKY_NUMBER, seen, {"number": 12, "day": "2026-11-26"})
    assert diff.events == []
    diff, seen = run(K.LUCKY_NUMBER, seen, {"number": 7, "day": "2026-11-27"})
    assert [e.type for e in diff.events] == [E.LUCKY_NUMBER]
    diff, seen = run(K.LUCKY_NUMBER, seen, {"number": 7, "day": "2026-11-27"})
    assert diff.events == []


def test_long_texts_are_cut_for_rendering() -> None:
    long = grade("1", comments=["x" * 5000])
    _, seen = run(K.GRADES, {}, {"items": []}, DiffContext(TODAY, baseline=True))
    diff, _ = run(K.GRADES, seen, {"items": [long]})
    assert len(diff.events[0].data["comments"][0]) == 1000


def test_event_keys_differ_per_chat_and_per_edit() -> None:
    _, seen = run(K.GRADES, {}, {"items": []}, DiffContext(TODAY, baseline=True))
    first, seen = run(K.GRADES, seen, {"items": [grade("1")]})
    second, _ = run(K.GRADES, seen, {"items": [grade("1", "4")]})
    event, edit = first.events[0], second.events[0]
    assert event.key(1, 9) != event.key(2, 9) != edit.key(1, 9)
    assert event.key(1, 9) == diff_kind(K.GRADES, {}, {"items": [grade("1")]}, CTX).events[0].key(
        1, 9
    )


# ---------------------------------------------------------------------- the state machine

VALUES = st.sampled_from(["1", "2", "3", "3+", "4-", "4", "5", "6", "np", "bz"])


class SchoolYear(RuleBasedStateMachine):
    """Librus's grades for one child against the diff and what the parent was told."""

    def __init__(self) -> None:
        super().__init__()
        self.truth: dict[str, str] = {}
        self.seen: dict[str, Seen] = {}
        self.told: dict[str, str] = {}  # what the parent knows: id -> value
        self.keys: set[str] = set()
        self.deleted: set[str] = set()
        self.recent: list[str] = []  # how each diff went: good | suspicious | bad
        self.next_id = 1
        self.fresh = False  # the last diff saw the current truth, completely
        self.bad_in_a_row = 0
        self.baseline_done = False

    def _fetch(self, items: dict[str, str], *, trustworthy: bool) -> None:
        data = {"items": [grade(i, v) for i, v in items.items()]}
        ctx = DiffContext(TODAY, baseline=not self.baseline_done)
        diff = diff_kind(K.GRADES, self.seen, data, ctx)
        self.seen = apply(self.seen, diff)
        if not self.baseline_done:
            self.told = dict(items)
            self.baseline_done = True
        self.recent.append(
            "bad" if not trustworthy else "suspicious" if diff.suspicious else "good"
        )
        for event in diff.events:
            key = event.key(1, 1)
            assert key not in self.keys, f"announced twice: {event}"
            self.keys.add(key)
            if event.type == E.GRADE_DELETED:
                assert event.item_id not in self.truth, f"false deletion of {event.item_id}"
                self.told.pop(event.item_id)
            else:
                assert event.type in (E.GRADE_NEW, E.GRADE_CHANGED)
                self.told[event.item_id] = event.data["value"]
        self.fresh = trustworthy

    @rule(value=VALUES)
    def teacher_adds(self, value: str) -> None:
        self.truth[str(self.next_id)] = value
        self.next_id += 1
        self.fresh = False

    @precondition(lambda self: bool(self.truth))
    @rule(data=st.data(), value=VALUES)
    def teacher_corrects(self, data: st.DataObject, value: str) -> None:
        item = data.draw(st.sampled_from(sorted(self.truth)))
        self.truth[item] = value
        self.fresh = False

    @precondition(lambda self: bool(self.truth))
    @rule(data=st.data())
    def teacher_deletes(self, data: st.DataObject) -> None:
        item = data.draw(st.sampled_from(sorted(self.truth)))
        del self.truth[item]
        self.deleted.add(item)
        self.recent.append("deleted:" + item)
        self.fresh = False

    @rule()
    def poll(self) -> None:
        self.bad_in_a_row = 0
        self._fetch(dict(self.truth), trustworthy=True)

    @rule()
    def fetch_fails(self) -> None:
        """A 5xx or a timeout: the kind is not diffed at all."""
        self.fresh = False

    @precondition(lambda self: self.baseline_done and self.bad_in_a_row < SUSPECT_CONFIRMATIONS - 1)
    @rule(data=st.data())
    def fetch_truncated(self, data: st.DataObject) -> None:
        """An empty list, or a response cut to less than half of what the bot knew."""
        self.bad_in_a_row += 1
        present = sorted(self.truth)
        most = min(len(present), (len(self.seen) - 1) // 2) if len(self.seen) >= 3 else 0
        keep = data.draw(st.integers(0, max(0, most)))
        self._fetch({i: self.truth[i] for i in present[:keep]}, trustworthy=False)

    @precondition(
        lambda self: self.baseline_done and self.bad_in_a_row == 0 and len(self.truth) > 1
    )
    @rule(data=st.data())
    def fetch_loses_one(self, data: st.DataObject) -> None:
        """A glitch no check can see: one item missing from one answer."""
        self.bad_in_a_row += 1
        lost = data.draw(st.sampled_from(sorted(self.truth)))
        self._fetch({i: v for i, v in self.truth.items() if i != lost}, trustworthy=False)

    @invariant()
    def the_parent_knows_the_truth_after_a_good_poll(self) -> None:
        if not self.fresh:
            return
        for item, value in self.truth.items():
            assert self.told.get(item) == value, (item, value, self.told.get(item))

    @invariant()
    def a_deletion_is_told_after_two_good_polls(self) -> None:
        for item in self.deleted & set(self.told):
            mark = self.recent.index("deleted:" + item)
            after = [r for r in self.recent[mark + 1 :] if not r.startswith("deleted:")]
            assert not (len(after) >= DELETE_AFTER and all(r == "good" for r in after)), (
                f"{item} was deleted {len(after)} good polls ago and never reported gone"
            )


def test_school_year_state_machine() -> None:
    machine = settings(max_examples=300, stateful_step_count=60, deadline=None, derandomize=True)
    SchoolYear.TestCase.settings = machine
    runs = SchoolYear.TestCase()
    runs.runTest()
    record_figure("diff state machine", examples=300, max_steps=60)
