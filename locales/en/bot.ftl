## Dzwonek – English texts

start-intro =
    Hi! I'm <b>Dzwonek</b> 🔔 – I bring news from Librus straight into Telegram.

    • new grades, absences, messages from teachers, announcements, tests and timetable changes – as soon as they appear in the register;
    • quick commands: /oceny (grades), /plan, /jutro (tomorrow), /frekwencja (attendance), /wiadomosci (messages).

    <b>Your data:</b> I keep the Synergia login and password encrypted and use them only to sign in to Librus. I never open teachers' messages unless you ask, because Librus would show them as read. /usun deletes everything.
group-intro =
    Hi! I'm Dzwonek 🔔 and I can pass Librus news to this group.
    Passwords are never given in a group. A parent can share their children here in a private chat with me (@{ $bot }): /dzieci → a child → "Share in a group".

help =
    <b>What I can do</b>
    /oceny – grades and averages this semester (a table and a 📈 chart)
    /prognoza – report-card forecast and what would change it
    /plan – timetable with changes (/plan tomorrow, /plan week)
    /jutro – tomorrow in one message: lessons, tests, homework, lucky number
    /frekwencja – attendance, absences and lates, the state of e-excuses (and a 📈 chart)
    /wiadomosci – messages from teachers (previews); I'll send attachments here, and you can reply
    /sprawdziany – tests, quizzes, trips and meetings; for a test: what to revise
    /zadania – homework, with the teacher's files
    /ogloszenia – school announcements
    /numerek – lucky number
    /uwagi – behaviour notes
    /ostatnie – what came in over the last days (timeline)
    /kalendarz – tests, trips and days off in your phone's calendar
    /dzieci – your children: names, passwords, pausing notifications
    /dodaj – add a child
    /ustawienia – language and notifications
    /eksport – your data as a file
    /usun – delete all your data
    /prywatnosc – what I keep and why
    /anuluj – stop the current dialogue

    News arrives by itself – no need to check.
help-group =
    <b>Commands in a group</b>
    /oceny, /prognoza, /plan, /jutro, /frekwencja, /sprawdziany, /zadania, /numerek, /ostatnie – for the children shared in this group.
    /dzieci – who is shared here (and a button to stop)
    /kalendarz – the group's calendar link (for admins; I send it privately)
    /ustawienia – the group's settings (admins change them)
    🔒 Grades, attendance, notes and message bodies are shown only to the person who asks, unless the admins change that in /ustawienia.
    Children are added and shared in a private chat with me.

## Buttons
button-add-child = ➕ Add a child
button-cancel = Cancel
button-consent = ✅ I agree
button-retry = 🔁 Try again
button-refresh = 🔄 Refresh
button-back = « Back
button-today = Today
button-week = Week
button-rename = ✏️ Rename
button-pause = 🔕 Pause notifications
button-resume = 🔔 Resume notifications
button-new-password = 🔑 New password
button-enter-password = 🔑 Send the password
button-unlink = 🗑 Remove
button-unlink-yes = Yes, remove
button-stale = This button is out of date. Please type the command again.

## Adding a child
link-private-only =
    Librus passwords are given only in a private chat – in a group everyone would see them.
    Write to me privately: { $link }
link-ask-login =
    Send the <b>Synergia login</b> from school: a parent's login is digits only (e.g. <code>1234567</code>), a student's ends in the letter "u" (e.g. <code>1234567u</code>). Either will do.
    It is not the e-mail address of a Konto LIBRUS.
link-email-not-login =
    That looks like an e-mail address, i.e. a Konto LIBRUS login. I need the <b>Synergia</b> login from school – digits only (a parent's login, e.g. <code>1234567</code>) or digits ending in "u" (a student's, e.g. <code>1234567u</code>). It is on the sheet with the register login details, or in the Librus app's account settings.
link-bad-login = A Synergia login is digits only (a parent's, e.g. <code>1234567</code>) or digits ending in "u" (a student's, e.g. <code>1234567u</code>). Try again or press "Cancel".
link-expect-login = I'm waiting for the Synergia login (e.g. <code>1234567</code> or <code>1234567u</code>) – please send it as a normal message.
link-already = This account is already added as { $name }. See /dzieci.
link-ask-password =
    Login: <code>{ $login }</code>
    Now the <b>Synergia password</b>. I will delete the message with the password as soon as I read it.
link-expect-password = I'm waiting for the Synergia password – please send it as a normal message.
link-bad-password = That doesn't look like a password. Send the Synergia password or press "Cancel".
link-checking = 🔐 Checking with Librus…
link-found =
    ✅ Signed in. This student account is:
    <b>{ $student }</b>, { $klass }
    { $school }
link-found-parent =
    ✅ Signed in. Parent account: <b>{ $holder }</b> – child: <b>{ $student }</b>, { $klass }
    { $school }
link-found-unknown =
    ✅ Signed in. Child: <b>{ $student }</b>, { $klass }
    { $school }
link-class = class { $name }
link-group = group { $name }
link-consent =
    <b>Before I save anything:</b>
    • I will keep the Synergia login and password encrypted (AES-256) and the register data needed for notifications;
    • I will use them only to sign in to Librus and to tell you what's new;
    • I will open teachers' messages only when you ask;
    • I keep the data until you remove the child (/dzieci) or all your data (/usun).
    Do you agree to adding <b>{ $name }</b>?
link-done =
    Done! Account added: <b>{ $name }</b> 🎉
    From now on you'll get a message about every new grade, absence, message from a teacher, test and timetable change. Try /oceny or /jutro.
link-same-child = { $name } is already in Dzwonek – through the login <code>{ $login }</code>. It is the same child, so I am not adding them twice and have saved nothing. See /dzieci.
link-done-same-child =
    Done! <b>{ $name }</b> is already in Dzwonek through another login of your family, so I did not save your password – you will get the same notifications as the others.
    Try /oceny or /jutro.
link-wrong-password =
    Librus did not accept the login or password. Check the password (it is case-sensitive) and send it again. If it was changed recently, use the new one.
link-librus-said = Librus said: "{ $words }"
link-refused =
    Librus did not accept the login and I can't tell what exactly its answer means, so I'm not trying again. Sign in at synergia.librus.pl in a browser to see what it is about. Nothing was saved.
link-locked = I'll accept the next attempt for this login at { $until } – this protects the child's account from password guessing and a lock in Librus.
link-limited-login =
    There have been too many failed attempts for this login. I'll accept the next one at { $until } – this protects the child's account from password guessing and a lock in Librus. Meanwhile, check the password by signing in at synergia.librus.pl.
link-limited-user = Too many failed sign-in attempts from your Telegram account. Try again at { $until }.
link-blocked = Librus is not accepting connections from this server for now. Try again later – nothing was saved.
link-captcha =
    Librus is asking to confirm "I'm not a robot". Sign in once at synergia.librus.pl in a browser and tick that box, then try here again. Nothing was saved.
link-account-action =
    Librus wants something done on its website first – e.g. setting your own password instead of the temporary one from school, or accepting new terms. Sign in once at synergia.librus.pl, do what it asks and press "Try again". If you set a new password, just send it here. Nothing has been saved yet.
link-maintenance =
    Librus is down for maintenance right now. Try again in a quarter of an hour – nothing was saved.
link-unreachable =
    I can't reach Librus right now. Try again in a moment – nothing was saved.
link-maintenance-short = Librus is down for maintenance. Try later or press "Cancel".
link-unreachable-short = I can't reach Librus. Send the password again in a moment or press "Cancel".
link-password-expired = Too much time has passed since you sent the password. Please send the Synergia password again.
link-password-expired-restart = Too much time has passed and nothing was saved. Please start again: /dodaj
cancelled = Stopped – nothing was saved.
dialogue-left = I stopped what we were doing – nothing was saved.
link-consent-use-buttons = Press the "✅ I agree" button under the message above, or "Cancel".
nothing-to-cancel = There is nothing to stop. See /pomoc.
conversation-expired = The previous dialogue timed out and nothing was saved. Please start again, e.g. /dodaj.
conversation-expired-password = Too much time has passed and the previous dialogue timed out. To be safe I deleted that message – it may have held a password. Please start again, e.g. /dodaj.

## Children
children-title = <b>Your children</b>
children-none = You haven't added any children yet.
children-private-only = Children are managed in a private chat with me.
child-menu =
    <b>{ $name }</b> – { $student }
child-status-new = ⏳ the first data is still being fetched
child-status-password = ⚠️ Librus doesn't accept the password – send a new one
child-status-captcha = ⚠️ Librus asks for a captcha – sign in once at synergia.librus.pl
child-status-action = ⚠️ Librus is waiting for an action on its website – sign in at synergia.librus.pl
child-status-refused = ⚠️ Librus refused the sign-in – sign in at synergia.librus.pl to see why, then send the password with the button below
child-status-trouble = Librus did not answer lately
child-status-muted = notifications paused
child-paused = Notifications paused: { $name }. Commands still work.
child-resumed = Notifications resumed: { $name }.
child-ask-name = What should I call this child (now: { $name })? Send a new name – up to 32 characters.
child-bad-name = A name should be 1 to { $max } characters long and not start with "/". Try again.
child-renamed = Saved: { $name }.
child-ask-password =
    Send the new Synergia password (account: { $name }, login <code>{ $login }</code>). I will delete the message with it at once.
child-password-updated = 🔑 Password saved ({ $name }).
child-password-resumed = 🔑 Password saved – notifications are back ({ $name }).
child-password-after-action = When that's done, send the password here – the new one, if you changed it.
child-unlink-confirm =
    Unlink { $name } from Dzwonek? I'll stop notifications about this child and delete their stored login, password and register data. Nothing changes in Librus. (If someone else also added the same account, it stays for them only.)
child-unlinked = Removed: { $name }.
child-groups = <b>{ $name }</b> – groups you share notifications with. You can stop here, even if you're no longer in the group.
child-groups-none = <b>{ $name }</b> – you don't share notifications with any group.

## Common
pick-child = Which child?
no-children = You haven't added any children yet. Add the first one: /dodaj
no-children-group = No children are shared in this group yet. A parent can share them in a private chat with me.
no-data-yet = { $name }: the data is still being fetched – try again in a moment.
fresh-none = no data yet
fresh-today = as of { $time }
fresh-day = as of { $date }, { $time }
refreshing = Fetching from Librus…
refresh-busy = ⏳ Librus is slow – showing the latest data.
refresh-unavailable = ⚠️ Librus isn't answering right now – showing the last saved data.
refresh-paused = ⚠️ The account is paused – showing the last saved data.
refresh-failed = ⚠️ Couldn't fetch new data – showing the last saved.
refresh-cooling = ⏳ I asked Librus a moment ago – next time in a minute. Showing the last saved data.
problem-password = ⚠️ { $name }: Librus doesn't accept the password. Send a new one in /dzieci.
problem-captcha = ⚠️ { $name }: Librus asks for a captcha. Sign in once at synergia.librus.pl in a browser.
problem-account-action = ⚠️ { $name }: Librus is waiting for an action at synergia.librus.pl.
problem-refused = ⚠️ { $name }: Librus refused the sign-in. Sign in at synergia.librus.pl to see why, then send the password in /dzieci.
error-generic = Something went wrong on my side. Please try again in a moment.

## Security notices
notice-failed-checks =
    ⚠️ Someone tried several times to add { $name }'s account to Dzwonek with a wrong password. I've paused further attempts until { $until } so nobody can guess the password and Librus doesn't lock the account.
    If it wasn't you or someone in your family, change the password at synergia.librus.pl and send the new one in /dzieci.
notice-linked-by-other =
    ℹ️ Someone else has also added { $name }'s account to Dzwonek (on Telegram: { $who }) and will get the same notifications.
    If you don't know who that is, change the password at synergia.librus.pl and send the new one in /dzieci.
notice-paused-password =
    ⚠️ { $name }: Librus no longer accepts the password – perhaps it was changed. I've paused notifications and won't try the old password again. Send the new one with the button below; what arrives meanwhile will reach you afterwards.
notice-paused-captcha =
    ⚠️ { $name }: Librus is asking to confirm "I'm not a robot", so I've paused notifications. Sign in once at synergia.librus.pl in a browser and tick that box, then press the button below and send the password.
notice-paused-action =
    ⚠️ { $name }: Librus wants something done on its website (e.g. setting a new password or accepting new terms), so I've paused notifications. Sign in at synergia.librus.pl, do it, then send the password with the button below – the new one, if you changed it.
notice-paused-refused =
    ⚠️ { $name }: Librus refused the sign-in and I can't tell why, so I've paused notifications and I'm not trying again. Sign in at synergia.librus.pl to see what it is about, then send the password with the button below.
notice-paused-reminder =
    ⏰ A reminder: { $name } – notifications have been paused since { $since } because Librus does not accept the sign-in. Send the password with the button below and they'll be back.
notice-paused-group = ⏸ { $name }: notifications paused – Librus does not accept the sign-in. A parent will fix it in a private chat with me.
notice-missed = ⚠️ Telegram did not take messages for a long time, so some notifications since { $since } did not reach you. They are in /ostatnie.
notice-outage = ⚠️ { $name }: since { $since } I can't get data from Librus – it doesn't answer or is down. I keep checking; when it's back you'll get everything that came meanwhile.
notice-outage-over = ✅ { $name }: Librus answers again.
notice-caught-up = Caught up: { $items }.
notice-group-cannot-send = ⚠️ For over an hour I haven't been able to write in the group "{ $group }" – its admin took away my right to send messages (or turned on slow mode). The group's notifications are waiting. Give me back the right to write in the group's settings and I'll send them at once.
unknown-command = I don't know the command { $command }. See /pomoc.
stray-text = I don't understand this message. See /pomoc for all commands.
stray-media = Nice, but I can't read that 🙂 See /pomoc.

## Module missing at the school
module-missing-grades = { $name }: the school doesn't share grades in Librus.
module-missing-attendance = { $name }: the school doesn't share attendance in Librus.
module-missing-messages = { $name }: the school doesn't use Librus messages.
module-missing-timetable = The school hasn't published the timetable.
module-missing-timetable-named = { $name }: the school hasn't published the timetable in Librus.
module-missing-agenda = { $name }: the school doesn't keep a calendar in Librus.
module-missing-homework = { $name }: the school doesn't share homework in Librus.
module-missing-announcements = { $name }: the school doesn't share announcements in Librus.
module-missing-lucky = { $name }: the school doesn't draw a lucky number.
module-missing-notes = { $name }: the school doesn't share behaviour notes in Librus.
module-missing-grades-kindergarten = { $name }: the kindergarten doesn't give grades in Librus.
module-missing-attendance-kindergarten = { $name }: the kindergarten doesn't share attendance in Librus.
module-missing-homework-kindergarten = { $name }: the kindergarten doesn't set homework in Librus.
module-missing-lucky-kindergarten = { $name }: there's no lucky number in kindergarten.
module-missing-notes-kindergarten = { $name }: the kindergarten doesn't write behaviour notes in Librus.

## Grades
grades-title = 📚 <b>Grades – { $name }</b>, semester { $semester }
grades-subject-title = 📚 <b>{ $subject } – { $name }</b>, semester { $semester }
grades-none = No grades this semester.
grades-average = average { $value }
grades-percent = { $value }%
grades-weight = weight { $weight }
grades-not-counted = doesn't count towards the average
grades-descriptive = descriptive grade, not averaged
grades-no-category = no category
grades-improvement = ↪ improves an earlier grade
grades-underline-hint = <i>Underlined: mid-year and final grades (proposed and given).</i>
grades-semester-button = Semester { $semester }
grade-type-semester-proposal = proposed mid-year
grade-type-semester = mid-year
grade-type-final-proposal = proposed final
grade-type-final = final

## Timetable
plan-day-title = 🗓 <b>Timetable – { $name }</b>, { $date }
plan-week-title = 🗓 <b>Timetable – { $name }</b>, week of { $date }
plan-cancelled = cancelled
plan-substitution = substitution
plan-room = room { $room }
plan-room-changed = room changed: { $room } (was { $old })
plan-free-day = 🎉 Day off: { $name }
plan-free-day-unnamed = no lessons
plan-weekend = Weekend – no lessons.
plan-no-lessons = No lessons.
plan-day-over = Today's lessons are over.
plan-unknown = I don't have the timetable for this day yet.
plan-usage = Use: /plan, /plan tomorrow or /plan week.
plan-cancelled-kindergarten = cancelled
plan-weekend-kindergarten = Weekend – the kindergarten is closed.
plan-no-lessons-kindergarten = No activities.
plan-day-over-kindergarten = Today's activities are over.
plan-free-day-unnamed-kindergarten = kindergarten closed
tomorrow-title = 🌙 <b>Tomorrow – { $date }</b>
tomorrow-agenda = Calendar:
tomorrow-homework = Homework due tomorrow:

## Attendance
att-title = 📊 <b>Attendance – { $name }</b>
att-none = No attendance records.
att-rate = Present: <b>{ $value }%</b>
att-by-subject = Absences and lates:
att-absences = { $count ->
    [one] { $count } absence
   *[other] { $count } absences
}
att-lates = { $count ->
    [one] { $count } late
   *[other] { $count } lates
}
att-unknown-subject = other
att-unexcused = { $count ->
    [one] Unexcused: { $count } lesson
   *[other] Unexcused: { $count } lessons
}
att-unexcused-day = • { $date }, lessons: { $lessons }
att-all-excused = ✅ All absences are excused.

## Messages
msg-title = ✉️ <b>Messages – { $name }</b>
msg-none = The inbox is empty.
msg-unread = { $count ->
    [0] All read.
    [one] { $count } unread
   *[other] { $count } unread
}
msg-no-topic = (no subject)
msg-open-button = 📖 { $n }. { $topic }
msg-open-warning =
    If I open this message, Librus will show the teacher it has been read (just like opening it in the app). Open it?
msg-open-confirm = 📖 Open
msg-kept-unread = Leaving it unread.
msg-opening = Opening…
msg-not-found = This message is no longer in the inbox.
msg-open-failed = Couldn't open the message – Librus isn't answering. Try again in a moment.
msg-paused = { $name }: notifications are paused because Librus does not accept the sign-in. I won't open messages until a parent fixes it in /dzieci.
msg-attachments = { $count ->
    [one] 📎 Attachment: { $names } (download it in Librus)
   *[other] 📎 Attachments: { $names } (download them in Librus)
}
msg-attachments-offered = { $count ->
    [one] 📎 Attachment: { $names } – I'll send it here when you press the button below.
   *[other] 📎 Attachments: { $names } – I'll send each one here when you press its button below.
}

## Attachments

file-unnamed = file
file-off = This Dzwonek server does not download attachments. You can download them in Librus.
file-paused = { $name }: notifications are paused because Librus does not accept the sign-in. I won't download files until a parent fixes it in /dzieci.
file-gone = This file is no longer in the data from Librus. Type the command again.
file-busy = I'm already downloading a file for this child. Please wait until I finish.
file-wait = I'll download the next file for this child at { $until }, so as not to strain their Librus account.
file-hour = I've downloaded many files for this child this hour. I'll download the next one at { $until }.
file-starting = Downloading…
file-progress = { $seconds ->
    [0] 📎 Downloading “{ $name }” from Librus…
   *[other] 📎 Downloading “{ $name }” from Librus… { $seconds } s
}
file-progress-slow = { $seconds ->
    [0] 📎 Downloading “{ $name }” from Librus… Librus can take up to 2 minutes to prepare homework files.
   *[other] 📎 Downloading “{ $name }” from Librus… { $seconds } s (Librus can take up to 2 minutes to prepare homework files)
}
file-not-found = Librus no longer has “{ $name }” – the teacher may have removed it.
file-failed = I couldn't download “{ $name }” – Librus didn't answer in time. Try again in a few minutes, or download it in Librus.
file-too-large = “{ $name }” is { $size }, and Telegram accepts files from bots up to { $limit }. You can download it in Librus.
file-caption = 📎 { $name } · { $child }
file-send-failed = I downloaded “{ $name }”, but Telegram didn't accept it. Try again in a moment.

## Reply to a teacher

button-reply = ✏️ Reply
button-reply-private = ✏️ Reply (in the private chat)
button-reply-send = ✅ Send
reply-teacher = teacher
reply-private-only = You can reply to a teacher only in your private chat with me: open this message there with /wiadomosci.
reply-off = This Dzwonek server does not send replies to teachers. You can reply in Librus.
reply-paused = { $name }: Librus does not accept the sign-in, so I can't send anything now. Fix it in /dzieci.
reply-cap = { $count ->
    [one] { $count } reply has already gone from the Synergia account ({ $name }) today – that is the daily limit. You can write again tomorrow, or reply in Librus.
   *[other] { $count } replies have already gone from the Synergia account ({ $name }) today – that is the daily limit. You can write again tomorrow, or reply in Librus.
}
reply-ask =
    ✏️ Write your reply to: <b>{ $to }</b>
    Subject: { $topic }

    I won't send anything before showing you all of it to confirm.
reply-not-text = A reply has to be text. Type it, or press Cancel.
reply-too-long = This reply has { $length } characters, and I can fit at most { $max }. Please shorten it and send it again.
reply-confirm =
    Check it before I send it:

    To: <b>{ $to }</b>
    Subject: { $topic }
    From: the Synergia account ({ $name }) – in your name
    <blockquote>{ $text }</blockquote>
    The teacher will get it in Librus as a reply in this thread.
reply-stale = This reply is no longer here: it was sent, cancelled, or half an hour has passed. Open the message and write it again.
reply-sending = Sending…
reply-sent =
    ✅ Sent to: <b>{ $to }</b>, { $time }
    Subject: { $topic }
    <blockquote>{ $text }</blockquote>
reply-dropped = I didn't send the reply.
reply-no-reply = Librus does not accept replies to this message (it came from the system, not a teacher). Nothing was sent.
reply-no-module = { $name }: the school does not use messages in Librus, so nothing was sent.
reply-not-found = This message is no longer in Librus. Nothing was sent.
reply-refused = Librus did not accept the reply, and nothing was sent. The school may not let parents write messages – then you can reply only in Librus or in person.
reply-unavailable = Librus is not answering – the reply was not sent. Try again in a few minutes.
reply-unknown = ⚠️ Librus did not confirm whether the reply arrived. I won't send it a second time on my own: check in Librus (Messages → Sent) before you write it again.

## Calendar, homework, announcements, lucky number, notes
agenda-title = 📅 <b>Next { $days } days – { $name }</b>
agenda-none = Nothing in the calendar for the next { $days } days.
agenda-entry = event
homework-title = 📝 <b>Homework – { $name }</b>
homework-none = No homework due.
homework-due = due: { $date }
notices-title = 📌 <b>Announcements – { $name }</b>
notices-none = No new announcements.
lucky-number = 🍀 Lucky number for { $date }: <b>{ $number }</b>
lucky-short = 🍀 Lucky number: <b>{ $number }</b>
lucky-yours = 🎉 { $name } has the lucky number – no questioning in class!
lucky-none = { $name }: no lucky number.
lucky-child = 🍀 { $name } – lucky number for { $date }: <b>{ $number }</b>
lucky-child-hit = 🍀 { $name } – lucky number for { $date }: <b>{ $number }</b> 🎉 that's theirs, no questioning!
notes-title = 🗒 <b>Behaviour notes – { $name }</b>
notes-none = No notes.

## Desk
desk-title = 🏫 <b>The day at a glance</b> – { $date }
desk-today = Today:
desk-tomorrow-changes = { $count ->
    [one] ❗ { $count } timetable change tomorrow – /jutro
   *[other] ❗ { $count } timetable changes tomorrow – /jutro
}
desk-new = Since yesterday: { $items }.
desk-nothing-new = Nothing new since yesterday.
desk-unread = { $count ->
    [one] ✉️ { $count } unread message – /wiadomosci
   *[other] ✉️ { $count } unread messages – /wiadomosci
}
desk-next-test = 📅 Coming up:

## Settings
settings-title = ⚙️ <b>Settings of this chat</b>
settings-language = Language: { $language }
settings-saved = Saved.

## Command menu
cmd-start = Start and today at school
cmd-oceny = Grades and averages
cmd-plan = Timetable with changes
cmd-jutro = Tomorrow in one message
cmd-frekwencja = Attendance
cmd-wiadomosci = Messages from teachers
cmd-sprawdziany = Tests and events
cmd-zadania = Homework
cmd-ogloszenia = School announcements
cmd-numerek = Lucky number
cmd-uwagi = Behaviour notes
cmd-ostatnie = Recent notifications
cmd-dzieci = Your children
cmd-dodaj = Add a child
cmd-ustawienia = Settings
cmd-pomoc = Help

## Notifications
notif-grade-new = 📝 New grade: <b>{ $value }</b> – { $subject }
notif-grade-changed = ✏️ Grade changed: { $old } → <b>{ $value }</b> – { $subject }
notif-grade-deleted = 🗑 Grade removed: { $value } – { $subject }
notif-grade-average = subject average: { $value }
notif-weight = weight { $weight }
notif-att-absent = 🚫 Absence
notif-att-late = ⏰ Late
notif-att-excused = ✅ Excused absence
notif-att-released = 🚪 Released from class
notif-att-other = 📋 Attendance: { $type }
notif-att-lesson = { $date }, lesson { $lesson }
notif-absence-excused = ✅ Absence excused: { $when }
notif-absence-changed = ✏️ Attendance corrected, { $when }: now { $label }
notif-message-new = ✉️ New message – { $sender }: <b>{ $topic }</b>
notif-announcement-new = 📌 Announcement: <b>{ $subject }</b>
notif-homework-new = 📚 Homework – { $subject }: { $topic }
notif-homework-due = due: { $date }
notif-agenda-new = 📅 New entry – { $category }, { $date }: { $content }
notif-agenda-new-bare = 📅 New entry – { $category }, { $date }
notif-agenda-moved = 📅 Date changed – { $category }: { $old } → <b>{ $date }</b>
notif-lesson-canceled = ❌ Lesson cancelled: { $date }, lesson { $no } – { $subject }
notif-lesson-substitution = 🔄 Substitution: { $date }, lesson { $no } – { $subject }
notif-lesson-room = 🚪 Room change: { $date }, lesson { $no } – { $subject }, room { $room }
notif-lesson-moved-to = ↪️ Lesson moved: { $date }, lesson { $no } – { $subject }. New time: { $to }, lesson { $to_no }.
notif-lesson-moved-from = ↪️ Lesson moved to { $date }, lesson { $no } – { $subject } (from { $from }, lesson { $from_no })
notif-activity-canceled = ❌ Activity cancelled: { $date }, { $hours } – { $subject }
notif-activity-substitution = 🔄 Substitute teacher: { $date }, { $hours } – { $subject }
notif-activity-room = 🚪 Room changed: { $date }, { $hours } – { $subject }, { $room }
notif-lucky = 🍀 { $name } has the lucky number for { $date } ({ $number }) – no questions in class!
notif-note-positive = 👍 Praise: { $text }
notif-note-negative = ⚠️ Remark: { $text }
notif-note-neutral = 🗒 Note: { $text }
notif-child = 🎒 <b>{ $name }</b>
notif-digest = 🌅 <b>Good morning!</b> This came in overnight:
notif-digest-later = 🗂 <b>What came in during quiet hours:</b>
notif-more = … and { $count ->
    [one] { $count } more notification
   *[other] { $count } more notifications
} – see /ostatnie
button-show-body = 📖 Show message: { $topic }
button-mute = 🔕 Mute: { $category }
button-unmute = 🔔 Unmute: { $category }
mute-done = 🔕 { $name }: no more “{ $category }” notifications in this chat. Turn them back on with the button under the notification.
unmute-done = 🔔 { $name }: “{ $category }” notifications are back on in this chat.
mute-admins-only = Only the group's admins can change this.

## Notification categories
category-grades = grades
category-attendance = attendance
category-messages = messages
category-announcements = announcements
category-homework = homework
category-agenda = agenda
category-timetable = timetable changes
category-lucky_number = lucky number
category-notes = behaviour notes

## Timeline
timeline-title = 🕑 <b>The last { $days } days</b>
timeline-none = Nothing new came in over the last { $days } days.
timeline-page = page { $page } of { $pages }
timeline-held = ⏸ waiting until { $time }
timeline-waiting = ⏳ on its way
timeline-older = ◀ Older
timeline-newer = Newer ▶

## Evening brief and weekly summary
brief-evening-title = 🌙 <b>For tomorrow – { $date }</b>
brief-weekly-title = 📊 <b>The week in review</b> ({ $from } – { $to })
brief-weekly-grades = New grades:
brief-weekly-no-grades = No new grades this week.
brief-weekly-up = ↑ { $delta }
brief-weekly-down = ↓ { $delta }
brief-weekly-attendance = Attendance this week: { $absences }, { $lates }.
brief-weekly-attendance-clean = Attendance this week: no absences, never late 👏
brief-weekly-unexcused = Still to be excused: { $count ->
    [one] { $count } lesson
   *[other] { $count } lessons
}.

## Settings
settings-quiet = 🌙 Quiet hours: { $value }
settings-quiet-on = { $start }–{ $end }
settings-quiet-off = off
settings-categories = 🔔 Notifications: { $value }
settings-categories-all = everything
settings-categories-muted = all except { $names }
settings-brief = 🌆 Evening brief: { $value }
settings-brief-on = daily at { $time }
settings-brief-off = off
settings-weekly = 📅 Weekly summary: { $value }
settings-weekly-on = on
settings-weekly-off = off
settings-batch = ✉️ Several pieces of news at once: { $value }
settings-batch-on = in one message
settings-batch-off = each on its own
settings-admins-only = Only the group's admins can change its settings.
settings-quiet-help = I stay silent during quiet hours. What arrives at night comes in one message in the morning.
settings-categories-help = 🔕 – I don't write about it. Commands like /oceny still work.
settings-brief-help = The evening brief: tomorrow's timetable with changes, tests, homework and the lucky number.
button-settings-language = 🌐 Language
button-settings-quiet = 🌙 Quiet hours
button-settings-categories = 🔔 Categories
button-settings-brief = 🌆 Evening brief
button-quiet-none = No quiet hours
button-brief-on = Turn the evening brief on
button-brief-off = Turn the evening brief off
button-weekly-on = 📅 Turn the weekly summary on
button-weekly-off = 📅 Turn the weekly summary off
button-batch-on = ✉️ Collect news into one message
button-batch-off = ✉️ Each piece of news on its own

## Family groups
button-share = 👥 Share in a group
button-child-groups = 👥 Groups
button-stop-sharing = 🚫 Stop sharing: { $group }
button-share-create = 🔗 Create a group link
button-share-open = 👥 Choose the group
share-pick = Which children should the family group follow? Tick them and create a link.
share-link =
    A link for: { $names }. It works once, for { $minutes } minutes.
    Press the button and choose the group (you must be its admin), or send this command in the group:
group-code-private = This code works in a group, not here. Use the “Choose the group” button.
group-code-anonymous = I can't see who sent this (an anonymous admin). Turn anonymity off for a moment and send the code again.
group-code-unknown = I don't know this code – it may be from another bot or copied wrongly. Create a new one in a private chat with me.
group-code-used = This code has already been used. Create a new one in a private chat with me.
group-code-expired = This code has expired (it works for 10 minutes). Create a new one in a private chat with me.
group-code-other-user = Only the parent who created this code can use it.
group-code-not-admin = Only a group admin can share children here. Ask for admin rights and send the code again.
group-code-nothing = None of these children is linked to your account any more, so nothing was shared.
group-shared = ✅ This group now gets notifications about: { $names }. Commands (/oceny, /plan…) work here for them.
group-children-title = 👥 <b>Children shared in this group</b>
group-children-hint = A child's parent can stop sharing them.
button-unshare = Stop sharing: { $name }
group-unshare-not-parent = Only this child's parent can stop sharing them.
group-unshared = { $name } is no longer shared in this group.

## Privacy
cmd-eksport = Download your data
cmd-usun = Delete your data
cmd-prywatnosc = Privacy
privacy-notice =
    🔒 <b>Privacy</b>
    <b>What I keep:</b> the child's Synergia login and password (encrypted with AES-256, the key kept outside the database), the latest data fetched from Librus (grades, timetable, attendance, message previews), your Telegram id, chat settings, the notifications sent and, if you ask for one, a hash of your calendar link (never the link itself), and after a reply to a teacher, when it went (its text stays only in Librus).
    <b>Why:</b> only to sign in to Librus for the child and bring you the news. I never open teachers' messages unless you ask.
    <b>How long:</b> sent notifications – { $days } days; the rest – as long as the child is linked. Unlinking a child or /usun deletes everything at once.
    <b>Who sees it:</b> you, other parents who linked the same child, and the groups you share the child into. I give nothing to anyone.
    /eksport – a copy of your data (without the password), /usun – delete everything.
privacy-private-only = This command works only in a private chat with me.
export-caption = Your data in Dzwonek (children: { $children }). The password is not in the file.
erase-confirm =
    Delete all your data? I will unlink all your children, stop sharing them in groups and erase your settings and notification history.
    A child's data stays only with another parent who linked the child themselves. This cannot be undone.
button-erase-yes = 🗑 Yes, delete everything
erase-kept = Nothing was deleted.
erase-done = Done – all your data has been deleted. If you want to come back, send /start.

## Administrator
admin-title = 🛠 <b>Dzwonek status</b>
admin-counts = Parents: { $parents } · children (accounts): { $children } · private chats: { $chats } · groups: { $groups }
admin-accounts = Accounts: { $value }
admin-hour = Last hour: account polls { $polls }, notifications sent { $sent }
admin-outbox = Queue: due { $due }, held for the night { $held }.
admin-oldest = The oldest has waited { $minutes } min.
admin-oldest-none = Nothing is waiting.
admin-errors = Librus errors (latest, by class): { $value }
admin-workers = Active processes: { $alive } of { $known }
admin-breaker-closed = Librus: asking as usual (the breaker has tripped { $trips } { $trips ->
        [one] time
       *[other] times
    } since start).
admin-breaker-open = ⛔ Librus refuses many accounts at once – not asking it until { $until } (the breaker has tripped { $trips } { $trips ->
        [one] time
       *[other] times
    } since start).

## Summaries
notif-summary-gap = 🗂 <b>{ $name }</b>: during the pause since { $since } there came: { $items }. See /oceny, /frekwencja and /wiadomosci.
notif-summary-many = 🗂 <b>{ $name }</b>: a lot appeared in Librus at once: { $items }. See /oceny, /frekwencja and /wiadomosci.
summary-grades = { $count ->
    [one] { $count } grade
   *[other] { $count } grades
}
summary-attendance = { $count ->
    [one] { $count } attendance entry
   *[other] { $count } attendance entries
}
summary-messages = { $count ->
    [one] { $count } message
   *[other] { $count } messages
}
summary-notes = { $count ->
    [one] { $count } behaviour note
   *[other] { $count } behaviour notes
}
summary-agenda = { $count ->
    [one] { $count } calendar entry
   *[other] { $count } calendar entries
}
summary-homework = { $count ->
    [one] { $count } homework
   *[other] { $count } homework assignments
}
summary-timetable = { $count ->
    [one] { $count } timetable change
   *[other] { $count } timetable changes
}
summary-announcements = { $count ->
    [one] { $count } announcement
   *[other] { $count } announcements
}
summary-lucky_number = the lucky number

## Grade forecast
forecast-title = 🔮 <b>Forecast – { $name }</b>, term { $semester }
forecast-basis-semester = A forecast from the weighted average of this term's grades, not a grade. Thresholds: { $thresholds }.
forecast-basis-year = A forecast from the weighted average of the whole year's grades, not a grade. Thresholds: { $thresholds }.
forecast-thresholds-hint = <i>Does the school's statute use other thresholds? Set them in /ustawienia or like this: /prognoza progi 1.6 2.6 3.6 4.6 5.6</i>
forecast-none = No grades to make a forecast from yet.
forecast-average = average { $value } → { $grade }
forecast-proposal = teacher's proposal: <b>{ $grade }</b>
forecast-at-risk = ⚠️ at risk
forecast-falling = 📉 down a whole grade in two weeks
forecast-up = ⬆️ one { $value } with weight { $weight } lifts it to { $grade }
forecast-up-many = ⬆️ { $grade } takes more than one good grade
forecast-down = ⬇️ one more { $value } with weight { $weight } drops it to { $grade }
forecast-overall = Average of the forecast grades: <b>{ $value }</b>, { $missing } short of a certificate with honours (it takes { $bar } and at least very good behaviour).
forecast-honours = Average of the forecast grades: <b>{ $value }</b>, the level of a certificate with honours if behaviour is at least very good 🎉
forecast-honours-behaviour = Average of the forecast grades: <b>{ $value }</b>, behaviour: { behaviour-grade }, the level of a certificate with honours 🎉
forecast-honours-short = Average of the forecast grades: <b>{ $value }</b> is enough for honours, but behaviour is graded { behaviour-grade } and it takes at least very good.
forecast-behaviour = Behaviour in Librus: { behaviour-grade }.
behaviour-grade = { $scale ->
    [1] exemplary
    [2] very good
    [3] good
    [4] acceptable
    [5] inappropriate
   *[6] reprehensible
}
forecast-risk-list = ⚠️ At risk: { $names }.
forecast-line = 🔮 Forecast: average { $value } (/prognoza)
forecast-line-risk = at risk: { $names }
forecast-thresholds-invalid = Give five rising thresholds between 1 and 6, e.g. <code>/prognoza progi 1.75 2.75 3.75 4.75 5.5</code> (or <code>/prognoza progi default</code>).
forecast-thresholds-saved = Saved. Forecast thresholds: { $thresholds }.
cmd-prognoza = Report-card forecast
settings-forecast = 🔮 Forecast thresholds: { $value }
settings-forecast-help = The thresholds in the school's statute: from which average the forecast shows 2, 3, 4, 5 and 6. Type other ones like this: <code>/prognoza progi 1.6 2.6 3.6 4.6 5.3</code>
button-settings-forecast = 🔮 Forecast thresholds

category-catch_up = what was missed during an absence

## What to revise before a test, and what was missed during an absence
revision-title = 📚 <b>{ $subject } – { $category }</b>, { $date } · { $name }
revision-since = Topics since the previous test ({ $date }):
revision-recent = Lesson topics of the last weeks (the agenda has no earlier test in this subject):
revision-earlier = <i>Older topics not shown: { $count }.</i>
revision-missed-mark = ❗ absent
revision-missed = ❗ Absent from { $count } of these lessons – worth borrowing a classmate's notes.
revision-line = 📚 To revise: { $topics }
revision-line-more = (+{ $count })
revision-line-missed = · ❗ lessons missed: { $count }
revision-button = 📚 { $subject }, { $date }
revision-not-yet = I have not fetched the lesson topics yet. Press “Refresh” and I will ask Librus.
revision-none = Librus has no lesson topics in this subject from the last weeks.
revision-none-since = Librus has no lesson topics in this subject since the previous test ({ $date }).
revision-no-subject = This agenda entry names no subject, so I cannot tell which topics to revise.
revision-gone = This entry is no longer in the agenda – the teacher may have moved or removed it. See /sprawdziany.
revision-module-missing = The school does not share lesson topics in Librus, so I cannot show what to revise.
catch-up-title = { $days ->
    [one] 🔙 <b>{ $name } is back at school</b> after a day away ({ $from }). What happened meanwhile:
   *[other] 🔙 <b>{ $name } is back at school</b> after { $days } days away ({ $from } – { $to }). What happened meanwhile:
}
catch-up-nothing = Librus has no lesson topics or homework from those days.
catch-up-not-yet = I have not fetched the lesson topics of those days yet; homework is in /zadania.
catch-up-other = No subject
catch-up-homework = { $topic } – due { $due }
catch-up-footer = Teachers write the topics. You can turn this message off in /ustawienia → Categories.

att-unexcused-age = { $days ->
    [0] today
    [1] yesterday
   *[other] { $days } days ago
}
att-excuse-none = no e-excuse
att-excuse-new = e-excuse awaiting a decision
att-excuse-accepted = e-excuse accepted
att-excuse-rejected = ❗ e-excuse rejected
att-excuse-other = e-excuse: “{ $status }”

teacher-away-one = 👩‍🏫 Teacher away: { $teacher }, lesson { $lessons }. A substitution or a cancellation may still appear in the plan.
teacher-away = 👩‍🏫 Teacher away: { $teacher }, lessons { $lessons }. A substitution or a cancellation may still appear in the plan.

settings-forecast-alerts = 📉 When a forecast falls a whole grade: { $value }
settings-on = I write
settings-off = I don't write
button-forecast-alerts-on = 📉 Tell me when a forecast falls
button-forecast-alerts-off = Don't tell me when a forecast falls
notice-forecast-fall = 📉 { $name } – { $subject }: the forecast fell from { $before } to { $after }. What would lift it: /prognoza

## Calendar feed (/kalendarz) and the feed's own texts
cmd-kalendarz = School diary in your phone's calendar
cal-name = Dzwonek: { $who }
cal-all-children = all children
cal-agenda = { $category } – { $subject }
cal-agenda-plain = Diary entry
cal-homework = Homework – { $subject }
cal-homework-plain = Homework
cal-free-day = Day off – { $name }
cal-free-day-plain = Day off
cal-free-lessons = Some lessons off – { $name }
cal-free-lessons-plain = Some lessons off
cal-canceled = Lesson cancelled – { $subject }
cal-canceled-plain = Lesson cancelled
cal-substitution = Substitution – { $subject }
cal-substitution-plain = Substitution
cal-room = Room change – { $subject }
cal-room-plain = Room change
cal-child = { $child }: { $summary }
cal-topic = Topic: { $topic }
cal-teacher = Teacher: { $teacher }
cal-room-line = Room { $room }
cal-off = The calendar is not switched on on this server. Ask the person who runs this bot.
cal-admins-only = The group's calendar link is given by the group's admins.
cal-title = 📅 <b>The school diary in your phone's calendar</b>
cal-intro = Tests, quizzes, trips, parent meetings and days off appear by themselves in Google Calendar, the iPhone calendar or Thunderbird. When a teacher moves a test, it moves in the calendar too, and a cancelled one disappears.
cal-none = There is no link yet.
cal-live = • { $scope }: link from { $date }, { $fetched }
cal-fetched = last fetched by a calendar { $when }
cal-not-fetched = no calendar has fetched it yet
cal-options = Homework and the next week's timetable changes are switched on with the buttons below (for every link of this chat).
button-cal-make = 🔗 Link: { $scope }
button-cal-renew = 🔄 New link: { $scope }
button-cal-off = ✖ Switch off: { $scope }
button-cal-homework-on = ☑ Homework
button-cal-homework-off = ☐ Homework
button-cal-changes-on = ☑ Timetable changes
button-cal-changes-off = ☐ Timetable changes
button-cal-yes-renew = 🔄 Yes, give a new link
button-cal-yes-off = ✖ Yes, switch it off
cal-ask-renew = A new link for: { $scope }. The current one stops working, and calendars subscribed to it stop updating – they will have to be added again. Give a new link?
cal-ask-off = Switch off the link for: { $scope }? Calendars subscribed to it stop getting changes.
cal-turned-off = Link switched off: { $scope }.
cal-link =
    📅 Calendar link – { $scope }:
    <code>{ $url }</code>

    Add it as a subscription:
    • Google Calendar (on a computer): Other calendars → ＋ → From URL.
    • iPhone: Settings → Calendar → Accounts → Add Account → Other → Add Subscribed Calendar.
    • Thunderbird: New Calendar → On the Network.
    Google refreshes subscriptions every few hours, iPhone and Thunderbird more often.

    Whoever has this link sees this diary: do not share it outside the family. I show it only now; you can replace it or switch it off in /kalendarz.
cal-link-sent = I have sent you the link in a private message.
cal-link-private-first = Write to me privately first (@{ $bot }), then press the button again: I send the group's calendar link only privately.
cal-group-scope = group { $title }
cal-group-scope-plain = this group

## Answers only the asker sees in a group
settings-private-answers = 🔒 Grades, attendance, notes and message bodies: { $value }
settings-private-answers-on = only the person who asks sees them
settings-private-answers-off = everyone in the group sees them
button-private-answers-on = 🔒 Show them only to who asks
button-private-answers-off = 👥 Show them to the whole group
private-answer-shown = 🔒 { $name }: only you can see this answer.
private-answer-shown-button = Can't see it? Open in a private chat
private-answer-refused = 🔒 { $name }: Telegram could not show this answer to you alone, so I did not post it here. Open it in a private chat with me.
private-answer-refused-button = 🔓 Open in a private chat
private-link-stale = This link no longer works: you are not in that group any more, or the child is no longer shared there.
private-link-title = 🔒 From the group “{ $title }”:

## A topic per child in the private chat
settings-topics = 🧵 A topic for each child: { $value }
settings-topics-on = yes
settings-topics-off = no, everything in one place
button-topics-on = 🧵 A topic for each child
button-topics-off = 🧵 Everything in one place
topic-intro = 🧵 Topic: { $name }. News from Librus about this child comes here, and commands typed here (such as /oceny) are about this child only.
topics-refused = Telegram did not create the topics, so everything still comes in one place. Please try again later.

## Column heads of tables (rich messages)
table-subject = Subject
table-grades = Grades
table-average = Average
table-absences = Absences
table-lates = Late
table-lesson = Lesson

## Charts (pictures)
chart-grades-title = Grades: { $name }, semester { $semester }
chart-grades-legend = Dots: grades. Line: the weighted average after each of them.
chart-attendance-title = Absences and late arrivals by week: { $name }
chart-absent = unexcused
chart-excused = excused
chart-late = late
button-chart = 📈 Chart
chart-caption-grades = 📈 Grades and the weighted average – { $name }, semester { $semester }
chart-caption-attendance = 📈 Absences and late arrivals by week – { $name }
chart-none-grades = Too few grades for a chart: it needs at least two grades in one subject that count towards the average.
chart-none-attendance = No absences or late arrivals, so there is nothing to draw.
chart-busy = I am drawing another chart; please try again in a moment.
chart-drawing = Drawing…
chart-private-failed = Telegram could not show the chart to you alone, so I did not send it.

## The weekly summary's charts
settings-weekly-charts = 📈 A grade chart with the weekly summary: { $value }
settings-yes = yes
settings-no = no
button-weekly-charts-on = 📈 Add a grade chart to the summary
button-weekly-charts-off = 📈 No chart in the summary
