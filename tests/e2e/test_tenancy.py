"""Nobody reaches another family's child: a property test of forged buttons and
commands.

Two families share one group; one family's child is shared there, the other's is not.
From the intruders' private chats and from the group, a seeded generator presses
buttons carrying the other child's account (every callback type the bot makes, with
every action) and types commands naming it. Afterwards no text, edit or alert the
intruders could see mentions the child, nothing about it changed in the database, and
its unread message in Librus is still unread.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

from bot.callbacks import (
    ChartCb,
    ChildCb,
    FileCb,
    GradesCb,
    GroupCb,
    MessageCb,
    MuteCb,
    PickCb,
    PlanCb,
    RefreshCb,
    ReplyCb,
    SettingsCb,
    ShareCb,
    TimelineCb,
)
from handlers.views import VIEWS
from tests.e2e.harness import Harness, running_bot
from tests.e2e.test_groups import GROUP, MEMBER, OTHER, PARENT, family, in_group, share_code
from tests.figures import record_figure

ATTEMPTS = 150
SEED = 31
UNIQUE_NAME = "Zuzia-Obca"
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def forgeries(account: int, message_id: str, files: tuple[str, str] = ("", "")) -> list[str]:
    """Callback data naming `account`, of every kind the bot makes."""
    data: list[str] = []
    for action in (
        "menu",
        "rename",
        "pause",
        "resume",
        "password",
        "unlink",
        "unlink_yes",
        "share",
    ):
        data.append(ChildCb(action=action, account=account).pack())
    for command in VIEWS:
        data.append(PickCb(command=command, account=account).pack())
        data.append(RefreshCb(command=command, account=account).pack())
    data += [
        GradesCb(account=account, subject=0, semester=1).pack(),
        GradesCb(account=account, subject=1, semester=2).pack(),
        PlanCb(account=account, day="week").pack(),
        PlanCb(account=account, day="20261126").pack(),
        MessageCb(account=account, message=message_id, step="ask").pack(),
        MessageCb(account=account, message=message_id, step="open").pack(),
        FileCb(kind="m", account=account, item=message_id, file=files[0]).pack(),
        FileCb(kind="h", account=account, item=files[1], file=files[0]).pack(),
        ReplyCb(step="start", account=account, message=message_id).pack(),
        ReplyCb(step="send", account=account, message=message_id, nonce="x" * 16).pack(),
        ChartCb(kind="g", account=account, semester=1).pack(),
        ChartCb(kind="a", account=account).pack(),
        MuteCb(account=account, category="grades").pack(),
        MuteCb(account=account, category="grades", undo=True).pack(),
        GroupCb(action="unshare", account=account).pack(),
        ShareCb(action="create", mask="ff").pack(),
        ShareCb(action="pick", mask="3").pack(),
        TimelineCb(page=0).pack(),
        SettingsCb(key="cat", value="grades").pack(),
    ]
    return data


def commands(account: int, login: str, message_id: str = "") -> list[str]:
    return [
        f"/start v_oceny_{GROUP}_{account}",  # the private-chat link, forged
        f"/start v_m_{GROUP}_{account}_{message_id}",
        f"/oceny {account}",
        f"/oceny {UNIQUE_NAME}",
        f"/plan {login}",
        f"/wiadomosci {account}",
        f"/start g_{account}",
        f"/dzieci {account}",
        f"/frekwencja {UNIQUE_NAME}",
        f"/numerek {login}",
    ]


def visible(h: Harness, chat: int) -> list[str]:
    texts = []
    for entry in h.telegram.transcript(chat):
        if entry.from_bot:
            texts.append(entry.text)
            texts.extend(text for text, _ in entry.edits)
            texts.extend(entry.button_texts())
    return texts


async def test_nobody_reaches_another_familys_child(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    async with running_bot(tmp_path) as h:
        mine, theirs = await family(h)
        await in_group(h, PARENT, f"/start {await share_code(h)}")
        victim = h.account(1)
        login = str(victim["login"])
        message_id = h.librus.edit.add_message(
            login, topic="Poufne", body="Tylko dla rodzica.", attachments=["poufne.pdf"]
        )
        ((_, file_id),) = h.librus.world.messages[message_id].attachments
        async with h.store.transaction() as uow:
            await uow.links.rename(OTHER, theirs, UNIQUE_NAME)
            child = (await uow.links.children(OTHER))[0]
            before = (
                await uow.subscriptions.for_account(theirs),
                await uow.links.for_account(theirs),
            )
        secrets = [UNIQUE_NAME, child.student_name, login]
        for chat, user in ((PARENT, PARENT), (GROUP, PARENT)):
            await h.say(user, "/ustawienia", chat_id=chat)  # a message with buttons to press on
        answers = []
        data = forgeries(theirs, message_id, (file_id, message_id))
        typed = commands(theirs, login, message_id)
        for _ in range(ATTEMPTS):
            chat, user = rng.choice([(PARENT, PARENT), (GROUP, PARENT), (GROUP, MEMBER)])
            if rng.random() < 0.8:
                query = h.telegram.press(chat, user, data=rng.choice(data))
                answers.append(await h.answer_of(query))
            else:
                await h.say(user, rng.choice(typed), chat_id=chat)
        seen = visible(h, PARENT) + visible(h, GROUP)
        seen += [str(a.get("text", "")) for a in answers]
        leaks = [text for text in seen for secret in secrets if secret in text]
        async with h.store.reading() as uow:
            after = (
                await uow.subscriptions.for_account(theirs),
                await uow.links.for_account(theirs),
            )
            intruders = [
                row
                for chat in (PARENT, GROUP)
                for row in await uow.outbox.for_chat_since(chat, EPOCH)
                if row.account_id == theirs
            ]
        opened = h.librus.world.messages[message_id].read_at is not None
        downloaded = sum(f.downloads for f in h.librus.world.files.values())
        pictures = [e for chat in (PARENT, GROUP) for e in h.telegram.transcript(chat)]
        photos = [e for e in pictures if e.kind == "photo"]
    record_figure(
        "cross-tenant attempts",
        attempts=ATTEMPTS,
        forged_buttons=len(answers),
        leaks=len(leaks),
        changed=int(before != after),
        opened_messages=int(opened),
    )
    assert leaks == []
    assert before == after
    assert intruders == []
    assert not opened
    assert downloaded == 0
    assert photos == []  # no chart of another family's child
    assert h.librus.world.sent_messages == []
    assert mine != theirs
