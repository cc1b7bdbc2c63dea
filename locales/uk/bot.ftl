## Dzwonek – тексти українською

start-intro =
    Привіт! Я <b>Dzwonek</b> 🔔 – приношу новини з Librus просто в Telegram.

    • нові оцінки, пропуски, повідомлення від учителів, оголошення, контрольні та зміни в розкладі – щойно вони з'являються в журналі;
    • швидкі команди: /oceny (оцінки), /plan (розклад), /jutro (завтра), /frekwencja (відвідуваність), /wiadomosci (повідомлення).

    <b>Ваші дані:</b> логін і пароль до Synergia я зберігаю зашифрованими й використовую лише для входу в Librus. Я не відкриваю повідомлення від учителів без вашого прохання, бо Librus показав би їх як прочитані. Команда /usun видаляє все.
group-intro =
    Привіт! Я Dzwonek 🔔 і можу передавати новини з Librus у цю групу.
    У групі паролі не вводять. Батьки можуть поділитися тут своїми дітьми в приватній розмові зі мною (@{ $bot }): /dzieci → дитина → «Поділитися в групі».

help =
    <b>Що я вмію</b>
    /oceny – оцінки та середні бали цього семестру (таблиця і 📈 графік)
    /prognoza – прогноз оцінок на кінець семестру і що його змінить
    /plan – розклад зі змінами (/plan завтра, /plan тиждень)
    /jutro – завтра в одному повідомленні: уроки, контрольні, домашні завдання, щасливий номер
    /frekwencja – відвідуваність, пропуски й запізнення, стан електронних пояснень (і 📈 графік)
    /wiadomosci – повідомлення від учителів (перегляд); вкладення надішлю сюди, можна й відповісти
    /sprawdziany – контрольні, короткі перевірки, екскурсії та збори; до контрольної: що повторити
    /zadania – домашні завдання з файлами від учителя
    /ogloszenia – оголошення школи
    /numerek – щасливий номер
    /uwagi – зауваження та похвали
    /ostatnie – що надійшло за останні дні (стрічка)
    /kalendarz – контрольні, екскурсії та вихідні в календарі телефона
    /dzieci – ваші діти: назви, паролі, призупинення сповіщень
    /dodaj – додати дитину
    /ustawienia – мова та сповіщення
    /eksport – ваші дані у файлі
    /usun – видалити всі ваші дані
    /prywatnosc – що я зберігаю і навіщо
    /anuluj – перервати поточну розмову

    Новини приходять самі – нічого не треба перевіряти.
help-group =
    <b>Команди в групі</b>
    /oceny, /prognoza, /plan, /jutro, /frekwencja, /sprawdziany, /zadania, /numerek, /ostatnie – для дітей, якими поділилися в цій групі.
    /dzieci – ким тут поділилися (і кнопка, щоб припинити)
    /kalendarz – посилання на календар групи (для адміністраторів; надсилаю приватно)
    /ustawienia – налаштування групи (змінюють адміністратори)
    🔒 Оцінки, відвідуваність, зауваження й текст повідомлень бачить лише той, хто питає, якщо адміністратори не змінять це в /ustawienia.
    Дітей додають і ними діляться в приватній розмові зі мною.

## Кнопки
button-add-child = ➕ Додати дитину
button-cancel = Скасувати
button-consent = ✅ Погоджуюсь
button-retry = 🔁 Спробувати ще раз
button-refresh = 🔄 Оновити
button-back = « Назад
button-today = Сьогодні
button-week = Тиждень
button-rename = ✏️ Змінити назву
button-pause = 🔕 Призупинити сповіщення
button-resume = 🔔 Відновити сповіщення
button-new-password = 🔑 Новий пароль
button-enter-password = 🔑 Надіслати пароль
button-unlink = 🗑 Видалити
button-unlink-yes = Так, видалити
button-stale = Ця кнопка вже неактуальна. Введіть команду ще раз.

## Додавання дитини
link-private-only =
    Паролі до Librus вводять лише в приватній розмові – у групі їх побачили б усі.
    Напишіть мені приватно: { $link }
link-ask-login =
    Надішліть <b>логін до Synergia</b> зі школи: логін батьків – це лише цифри (напр. <code>1234567</code>), логін учня закінчується літерою «u» (напр. <code>1234567u</code>). Підійде будь-який з них.
    Це не адреса e-mail від Konto LIBRUS.
link-email-not-login =
    Це схоже на адресу e-mail, тобто логін до Konto LIBRUS. Мені потрібен логін до <b>Synergia</b> зі школи – лише цифри (логін батьків, напр. <code>1234567</code>) або цифри з літерою «u» (логін учня, напр. <code>1234567u</code>). Його можна знайти на аркуші з даними до журналу або в налаштуваннях облікового запису в застосунку Librus.
link-bad-login = Логін до Synergia – це лише цифри (логін батьків, напр. <code>1234567</code>) або цифри з літерою «u» (логін учня, напр. <code>1234567u</code>). Спробуйте ще раз або натисніть «Скасувати».
link-expect-login = Чекаю на логін до Synergia (напр. <code>1234567</code> або <code>1234567u</code>) – надішліть його звичайним повідомленням.
link-already = Цей обліковий запис уже додано як { $name }. Див. /dzieci.
link-ask-password =
    Логін: <code>{ $login }</code>
    Тепер <b>пароль до Synergia</b>. Повідомлення з паролем я видалю одразу після прочитання.
link-expect-password = Чекаю на пароль до Synergia – надішліть його звичайним повідомленням.
link-bad-password = Це не схоже на пароль. Надішліть пароль до Synergia або натисніть «Скасувати».
link-checking = 🔐 Перевіряю в Librus…
link-found =
    ✅ Вхід виконано. Це обліковий запис учня:
    <b>{ $student }</b>, { $klass }
    { $school }
link-found-parent =
    ✅ Вхід виконано. Обліковий запис батьків: <b>{ $holder }</b> – дитина: <b>{ $student }</b>, { $klass }
    { $school }
link-found-unknown =
    ✅ Вхід виконано. Дитина: <b>{ $student }</b>, { $klass }
    { $school }
link-class = клас { $name }
link-group = група { $name }
link-consent =
    <b>Перш ніж я щось збережу:</b>
    • я зберігатиму логін і пароль до Synergia зашифрованими (AES-256), а також дані з журналу, потрібні для сповіщень;
    • я використовуватиму їх лише для входу в Librus і для того, щоб повідомляти вам новини;
    • повідомлення від учителів я відкриватиму лише на ваше прохання;
    • дані зберігаються, доки ви не видалите дитину (/dzieci) або всі дані (/usun).
    Погоджуєтеся додати дитину: <b>{ $name }</b>?
link-done =
    Готово! Обліковий запис додано: <b>{ $name }</b> 🎉
    Відтепер ви отримуватимете повідомлення про кожну нову оцінку, пропуск, повідомлення від учителя, контрольну та зміну в розкладі. Спробуйте /oceny або /jutro.
link-same-child = { $name } вже є в Dzwonek – через логін <code>{ $login }</code>. Це та сама дитина, тому я не додаю її вдруге і нічого не зберіг. Див. /dzieci.
link-done-same-child =
    Готово! <b>{ $name }</b> вже є в Dzwonek через інший логін вашої родини, тому ваш пароль я не зберіг – ви отримуватимете ті самі сповіщення, що й інші.
    Спробуйте /oceny або /jutro.
link-wrong-password =
    Librus не прийняв логін або пароль. Перевірте пароль (великі й малі літери мають значення) і надішліть його ще раз. Якщо його нещодавно змінювали, введіть новий.
link-librus-said = Librus написав: «{ $words }»
link-refused =
    Librus не прийняв вхід, і я не можу сказати, що саме означає ця відповідь, тому більше не пробую. Увійдіть на synergia.librus.pl у браузері – там буде видно, у чому справа. Нічого не збережено.
link-locked = Наступну спробу для цього логіна прийму о { $until } – так я захищаю обліковий запис дитини від підбору пароля й блокування в Librus.
link-limited-login =
    Для цього логіна вже було забагато невдалих спроб. Наступну прийму о { $until } – так я захищаю обліковий запис дитини від підбору пароля й блокування в Librus. Тим часом перевірте пароль, увійшовши на synergia.librus.pl.
link-limited-user = Забагато невдалих спроб входу з вашого облікового запису Telegram. Спробуйте ще раз о { $until }.
link-blocked = Librus тимчасово не приймає з'єднань із цього сервера. Спробуйте пізніше – нічого не збережено.
link-captcha =
    Librus просить підтвердити «Я не робот». Увійдіть один раз на synergia.librus.pl у браузері й позначте це поле, а потім спробуйте тут ще раз. Нічого не збережено.
link-account-action =
    Librus хоче, щоб ви спершу щось зробили на його сайті – напр. встановили власний пароль замість тимчасового від школи або прийняли регламент. Увійдіть один раз на synergia.librus.pl, зробіть те, що він просить, і натисніть «Спробувати ще раз». Якщо встановите новий пароль, просто надішліть його сюди. Поки що нічого не збережено.
link-maintenance =
    Зараз у Librus технічна перерва. Спробуйте ще раз за чверть години – нічого не збережено.
link-unreachable =
    Зараз не вдається з'єднатися з Librus. Спробуйте ще раз за хвилину – нічого не збережено.
link-maintenance-short = У Librus технічна перерва. Спробуйте пізніше або натисніть «Скасувати».
link-unreachable-short = Не вдається з'єднатися з Librus. Надішліть пароль ще раз за хвилину або натисніть «Скасувати».
link-password-expired = Минуло забагато часу після введення пароля. Надішліть пароль до Synergia ще раз.
link-password-expired-restart = Минуло забагато часу, і нічого не збережено. Почніть спочатку: /dodaj
cancelled = Перервано – нічого не збережено.
dialogue-left = Я перервав попередню розмову – нічого не збережено.
link-consent-use-buttons = Натисніть кнопку «✅ Погоджуюсь» під повідомленням вище або «Скасувати».
nothing-to-cancel = Нема чого переривати. Див. /pomoc.
conversation-expired = Попередня розмова завершилася через неактивність, нічого не збережено. Почніть спочатку, напр. /dodaj.
conversation-expired-password = Минуло забагато часу, і попередня розмова завершилася. Про всяк випадок я видалив це повідомлення – у ньому міг бути пароль. Почніть спочатку, напр. /dodaj.

## Діти
children-title = <b>Ваші діти</b>
children-none = Ви ще не додали жодної дитини.
children-private-only = Дітьми керують у приватній розмові зі мною.
child-menu =
    <b>{ $name }</b> – { $student }
child-status-new = ⏳ перші дані ще завантажуються
child-status-password = ⚠️ Librus не приймає пароль – введіть новий
child-status-captcha = ⚠️ Librus просить капчу – увійдіть один раз на synergia.librus.pl
child-status-action = ⚠️ Librus чекає на дію на сайті – увійдіть на synergia.librus.pl
child-status-refused = ⚠️ Librus відмовив у вході – увійдіть на synergia.librus.pl, щоб побачити чому, а потім надішліть пароль кнопкою нижче
child-status-trouble = останнім часом Librus не відповідав
child-status-muted = сповіщення призупинено
child-paused = Сповіщення призупинено: { $name }. Команди й далі працюють.
child-resumed = Сповіщення відновлено: { $name }.
child-ask-name = Як називати цю дитину (зараз: { $name })? Надішліть нову назву – до 32 символів.
child-bad-name = Назва має містити від 1 до { $max } символів і не починатися з «/». Спробуйте ще раз.
child-renamed = Збережено: { $name }.
child-ask-password =
    Надішліть новий пароль до Synergia (обліковий запис: { $name }, логін <code>{ $login }</code>). Повідомлення з паролем я одразу видалю.
child-password-updated = 🔑 Пароль збережено ({ $name }).
child-password-resumed = 🔑 Пароль збережено – сповіщення повертаються ({ $name }).
child-password-after-action = Коли це зробите, надішліть сюди пароль – новий, якщо ви його змінили.
child-unlink-confirm =
    { $name } – від'єднати від Dzwonek? Я припиню сповіщення про цю дитину й видалю збережені логін, пароль і дані з журналу. У Librus нічого не зміниться. (Якщо той самий обліковий запис додав ще хтось, він залишиться лише для нього.)
child-unlinked = Видалено: { $name }.
child-groups = <b>{ $name }</b> – групи, з якими ви ділитеся сповіщеннями. Тут можна припинити, навіть якщо ви вже не в групі.
child-groups-none = <b>{ $name }</b> – ви не ділитеся сповіщеннями з жодною групою.

## Загальне
pick-child = Якої дитини це стосується?
no-children = Ви ще не додали жодної дитини. Додайте першу: /dodaj
no-children-group = У цій групі ще немає дітей, якими поділилися. Батьки можуть зробити це в приватній розмові зі мною.
no-data-yet = { $name }: дані ще завантажуються – спробуйте за хвилину.
fresh-none = даних ще немає
fresh-today = стан на { $time }
fresh-day = стан на { $date }, { $time }
refreshing = Завантажую з Librus…
refresh-busy = ⏳ Librus відповідає повільно – показую останні дані.
refresh-unavailable = ⚠️ Librus зараз не відповідає – показую останні збережені дані.
refresh-paused = ⚠️ Обліковий запис призупинено – показую останні збережені дані.
refresh-failed = ⚠️ Не вдалося завантажити нові дані – показую останні збережені.
refresh-cooling = ⏳ Я щойно питав Librus – наступного разу за хвилину. Показую останні збережені дані.
problem-password = ⚠️ { $name }: Librus не приймає пароль. Введіть новий у /dzieci.
problem-captcha = ⚠️ { $name }: Librus просить капчу. Увійдіть один раз на synergia.librus.pl у браузері.
problem-account-action = ⚠️ { $name }: Librus чекає на дію на сайті synergia.librus.pl.
problem-refused = ⚠️ { $name }: Librus відмовив у вході. Увійдіть на synergia.librus.pl, щоб побачити чому, а потім надішліть пароль у /dzieci.
error-generic = Щось пішло не так з мого боку. Спробуйте ще раз за хвилину.

## Сповіщення про безпеку
notice-failed-checks =
    ⚠️ Хтось кілька разів намагався додати в Dzwonek обліковий запис { $name } з неправильним паролем. Я призупинив наступні спроби до { $until }, щоб ніхто не підібрав пароль і Librus не заблокував обліковий запис.
    Якщо це були не ви й не хтось із родини, змініть пароль на synergia.librus.pl, а новий надішліть у /dzieci.
notice-linked-by-other =
    ℹ️ Обліковий запис { $name } додав у Dzwonek ще хтось (у Telegram: { $who }), і він отримуватиме ті самі сповіщення.
    Якщо ви не знаєте, хто це, змініть пароль на synergia.librus.pl, а новий надішліть у /dzieci.
notice-paused-password =
    ⚠️ { $name }: Librus більше не приймає пароль – можливо, його змінили. Я призупинив сповіщення й не пробуватиму старий пароль. Надішліть новий кнопкою нижче; те, що надійде тим часом, ви отримаєте потім.
notice-paused-captcha =
    ⚠️ { $name }: Librus просить підтвердити «Я не робот», тому я призупинив сповіщення. Увійдіть один раз на synergia.librus.pl у браузері й позначте це поле, а потім натисніть кнопку нижче й надішліть пароль.
notice-paused-action =
    ⚠️ { $name }: Librus хоче, щоб щось зробили на його сайті (напр. встановили новий пароль або прийняли регламент), тому я призупинив сповіщення. Увійдіть на synergia.librus.pl, зробіть це, а потім надішліть пароль кнопкою нижче – новий, якщо ви його змінили.
notice-paused-refused =
    ⚠️ { $name }: Librus відмовив у вході, і я не можу сказати чому, тому призупинив сповіщення й більше не пробую. Увійдіть на synergia.librus.pl, щоб побачити, у чому справа, а потім надішліть пароль кнопкою нижче.
notice-paused-reminder =
    ⏰ Нагадую: { $name } – сповіщення призупинено з { $since }, бо Librus не приймає вхід. Надішліть пароль кнопкою нижче, і вони повернуться.
notice-paused-group = ⏸ { $name }: сповіщення призупинено – Librus не приймає вхід. Батьки виправлять це в приватній розмові зі мною.
notice-missed = ⚠️ Telegram довго не приймав повідомлень, тож частина сповіщень від { $since } до вас не дійшла. Вони є в /ostatnie.
notice-outage = ⚠️ { $name }: з { $since } я не можу отримати дані з Librus – він не відповідає або має збій. Я перевіряю далі сам; коли він повернеться, ви отримаєте все, що надійшло тим часом.
notice-outage-over = ✅ { $name }: Librus знову відповідає.
notice-caught-up = Надолужив: { $items }.
notice-group-cannot-send = ⚠️ Понад годину я не можу писати в групі «{ $group }» – її адміністратор забрав у мене право надсилати повідомлення (або ввімкнув повільний режим). Сповіщення для групи чекають. Поверніть мені право писати в налаштуваннях групи, і я одразу їх надішлю.
unknown-command = Я не знаю команди { $command }. Див. /pomoc.
stray-text = Я не розумію цього повідомлення. Усі команди – в /pomoc.
stray-media = Гарно, але я не вмію цього прочитати 🙂 Див. /pomoc.

## Модуль недоступний у школі
module-missing-grades = { $name }: школа не надає оцінок у Librus.
module-missing-attendance = { $name }: школа не надає даних про відвідуваність у Librus.
module-missing-messages = { $name }: школа не користується повідомленнями в Librus.
module-missing-timetable = Школа не опублікувала розклад.
module-missing-timetable-named = { $name }: школа не опублікувала розклад у Librus.
module-missing-agenda = { $name }: школа не веде календаря в Librus.
module-missing-homework = { $name }: школа не надає домашніх завдань у Librus.
module-missing-announcements = { $name }: школа не надає оголошень у Librus.
module-missing-lucky = { $name }: школа не розігрує щасливого номера.
module-missing-notes = { $name }: школа не надає зауважень у Librus.
module-missing-grades-kindergarten = { $name }: садочок не ставить оцінок у Librus.
module-missing-attendance-kindergarten = { $name }: садочок не надає даних про відвідуваність у Librus.
module-missing-homework-kindergarten = { $name }: садочок не задає домашніх завдань у Librus.
module-missing-lucky-kindergarten = { $name }: у садочку немає щасливого номера.
module-missing-notes-kindergarten = { $name }: садочок не пише зауважень у Librus.

## Оцінки
grades-title = 📚 <b>Оцінки – { $name }</b>, семестр { $semester }
grades-subject-title = 📚 <b>{ $subject } – { $name }</b>, семестр { $semester }
grades-none = У цьому семестрі оцінок немає.
grades-average = середня { $value }
grades-percent = { $value }%
grades-weight = вага { $weight }
grades-not-counted = не враховується в середньому
grades-descriptive = описова оцінка, не входить у середній бал
grades-no-category = без категорії
grades-improvement = ↪ виправлення попередньої оцінки
grades-underline-hint = <i>Підкреслені: семестрові й річні оцінки (запропоновані та виставлені).</i>
grades-semester-button = Семестр { $semester }
grade-type-semester-proposal = запропонована семестрова
grade-type-semester = семестрова
grade-type-final-proposal = запропонована річна
grade-type-final = річна

## Розклад
plan-day-title = 🗓 <b>Розклад – { $name }</b>, { $date }
plan-week-title = 🗓 <b>Розклад – { $name }</b>, тиждень від { $date }
plan-cancelled = скасовано
plan-substitution = заміна
plan-room = каб. { $room }
plan-room-changed = зміна кабінету: { $room } (був { $old })
plan-free-day = 🎉 Вихідний: { $name }
plan-free-day-unnamed = без уроків
plan-weekend = Вихідні – уроків немає.
plan-no-lessons = Уроків немає.
plan-day-over = Уроки на сьогодні закінчилися.
plan-unknown = Розкладу на цей день у мене ще немає.
plan-usage = Використовуйте: /plan, /plan завтра або /plan тиждень.
plan-cancelled-kindergarten = скасовано
plan-weekend-kindergarten = Вихідні – садочок не працює.
plan-no-lessons-kindergarten = Занять немає.
plan-day-over-kindergarten = Заняття на сьогодні закінчилися.
plan-free-day-unnamed-kindergarten = садочок не працює
tomorrow-title = 🌙 <b>Завтра – { $date }</b>
tomorrow-agenda = Календар:
tomorrow-homework = Домашні завдання на завтра:

## Відвідуваність
att-title = 📊 <b>Відвідуваність – { $name }</b>
att-none = Записів про відвідуваність немає.
att-rate = Присутність: <b>{ $value }%</b>
att-by-subject = Пропуски й запізнення:
att-absences = { $count ->
    [one] { $count } пропуск
    [few] { $count } пропуски
    [other] { $count } пропуску
   *[many] { $count } пропусків
}
att-lates = { $count ->
    [one] { $count } запізнення
    [few] { $count } запізнення
    [other] { $count } запізнення
   *[many] { $count } запізнень
}
att-unknown-subject = інше
att-unexcused = { $count ->
    [one] Непояснений: { $count } урок
    [few] Непояснені: { $count } уроки
    [other] Непояснені: { $count } уроку
   *[many] Непояснені: { $count } уроків
}
att-unexcused-day = • { $date }, уроки: { $lessons }
att-all-excused = ✅ Усі пропуски пояснено.

## Повідомлення
msg-title = ✉️ <b>Повідомлення – { $name }</b>
msg-none = Скринька порожня.
msg-unread = { $count ->
    [0] Усі прочитані.
    [one] { $count } непрочитане
    [few] { $count } непрочитані
    [other] { $count } непрочитаного
   *[many] { $count } непрочитаних
}
msg-no-topic = (без теми)
msg-open-button = 📖 { $n }. { $topic }
msg-open-warning =
    Якщо я відкрию це повідомлення, Librus покаже вчителю, що його прочитано (так само, як після відкриття в застосунку). Відкрити?
msg-open-confirm = 📖 Відкрити
msg-kept-unread = Залишаю непрочитаним.
msg-opening = Відкриваю…
msg-not-found = Цього повідомлення вже немає в скриньці.
msg-open-failed = Не вдалося відкрити повідомлення – Librus не відповідає. Спробуйте за хвилину.
msg-paused = { $name }: сповіщення призупинено, бо Librus не приймає вхід. Я не відкриватиму повідомлень, доки батьки не виправлять це в /dzieci.
msg-attachments = { $count ->
    [one] 📎 Вкладення: { $names } (завантажте його в Librus)
   *[other] 📎 Вкладення: { $names } (завантажте їх у Librus)
}
msg-attachments-offered = { $count ->
    [one] 📎 Вкладення: { $names } – надішлю його сюди, коли натиснете кнопку нижче.
   *[other] 📎 Вкладення: { $names } – кожне надішлю сюди, коли натиснете його кнопку нижче.
}

## Вкладення

file-unnamed = файл
file-off = Цей сервер Dzwonek не завантажує вкладення. Їх можна завантажити в Librus.
file-paused = { $name }: сповіщення призупинено, бо Librus не приймає вхід. Я не завантажуватиму файли, доки батьки не виправлять це в /dzieci.
file-gone = Цього файлу вже немає в даних з Librus. Введіть команду ще раз.
file-busy = Я вже завантажую файл для цієї дитини. Зачекайте, доки закінчу.
file-wait = Наступний файл для цієї дитини завантажу о { $until }, щоб не навантажувати її обліковий запис у Librus.
file-hour = За цю годину я вже завантажив багато файлів для цієї дитини. Наступний завантажу о { $until }.
file-starting = Завантажую…
file-progress = { $seconds ->
    [0] 📎 Завантажую «{ $name }» з Librus…
   *[other] 📎 Завантажую «{ $name }» з Librus… { $seconds } с
}
file-progress-slow = { $seconds ->
    [0] 📎 Завантажую «{ $name }» з Librus… Файли домашніх завдань Librus готує до 2 хвилин.
   *[other] 📎 Завантажую «{ $name }» з Librus… { $seconds } с (файли домашніх завдань Librus готує до 2 хвилин)
}
file-not-found = У Librus уже немає файлу «{ $name }» – можливо, вчитель його видалив.
file-failed = Не вдалося завантажити «{ $name }» – Librus не відповів вчасно. Спробуйте за кілька хвилин або завантажте його в Librus.
file-too-large = Файл «{ $name }» має розмір { $size }, а Telegram приймає від ботів файли до { $limit }. Його можна завантажити в Librus.
file-caption = 📎 { $name } · { $child }
file-send-failed = Я завантажив «{ $name }», але Telegram його не прийняв. Спробуйте ще раз за хвилину.

## Відповідь учителю

button-reply = ✏️ Відповісти
button-reply-private = ✏️ Відповісти (в особистому чаті)
button-reply-send = ✅ Надіслати
reply-teacher = учитель
reply-private-only = Відповісти вчителю можна лише в особистому чаті зі мною: відкрийте там це повідомлення через /wiadomosci.
reply-off = Цей сервер Dzwonek не надсилає відповіді вчителям. Відповісти можна в Librus.
reply-paused = { $name }: Librus не приймає вхід, тож зараз я нічого не надішлю. Виправте це в /dzieci.
reply-cap = { $count ->
    [one] Сьогодні з облікового запису Synergia ({ $name }) вже пішла { $count } відповідь – це денний ліміт. Завтра можна написати знову або відповісти в Librus.
    [few] Сьогодні з облікового запису Synergia ({ $name }) вже пішли { $count } відповіді – це денний ліміт. Завтра можна написати знову або відповісти в Librus.
   *[other] Сьогодні з облікового запису Synergia ({ $name }) вже пішло { $count } відповідей – це денний ліміт. Завтра можна написати знову або відповісти в Librus.
}
reply-ask =
    ✏️ Напишіть відповідь для: <b>{ $to }</b>
    Тема: { $topic }

    Я нічого не надішлю, доки не покажу вам усе для підтвердження.
reply-not-text = Відповідь має бути текстом. Напишіть її або натисніть «Скасувати».
reply-too-long = Ця відповідь має { $length } символів, а вміщу я щонайбільше { $max }. Скоротіть її й надішліть ще раз.
reply-confirm =
    Перевірте, перш ніж я надішлю:

    Кому: <b>{ $to }</b>
    Тема: { $topic }
    Від: обліковий запис Synergia ({ $name }) – від вашого імені
    <blockquote>{ $text }</blockquote>
    Учитель отримає це в Librus як відповідь у цьому ланцюжку.
reply-stale = Цієї відповіді вже немає: її надіслано, скасовано або минуло пів години. Відкрийте повідомлення й напишіть її ще раз.
reply-sending = Надсилаю…
reply-sent =
    ✅ Надіслано: <b>{ $to }</b>, { $time }
    Тема: { $topic }
    <blockquote>{ $text }</blockquote>
reply-dropped = Я не надіслав відповідь.
reply-no-reply = Librus не приймає відповіді на це повідомлення (його надіслала система, а не вчитель). Нічого не надіслано.
reply-no-module = { $name }: школа не користується повідомленнями в Librus, тож нічого не надіслано.
reply-not-found = Цього повідомлення вже немає в Librus. Нічого не надіслано.
reply-refused = Librus не прийняв відповідь, нічого не надіслано. Можливо, школа не дозволяє батькам писати повідомлення – тоді відповісти можна лише в Librus або особисто.
reply-unavailable = Librus не відповідає – відповідь не надіслано. Спробуйте за кілька хвилин.
reply-unknown = ⚠️ Librus не підтвердив, чи дійшла відповідь. Я не надішлю її вдруге сам: перевірте в Librus (Повідомлення → Надіслані), перш ніж писати її знову.

## Календар, завдання, оголошення, номер, зауваження
agenda-title = 📅 <b>Найближчі { $days } днів – { $name }</b>
agenda-none = У календарі нічого на найближчі { $days } днів.
agenda-entry = подія
homework-title = 📝 <b>Домашні завдання – { $name }</b>
homework-none = Завдань до здачі немає.
homework-due = термін: { $date }
notices-title = 📌 <b>Оголошення – { $name }</b>
notices-none = Нових оголошень немає.
lucky-number = 🍀 Щасливий номер на { $date }: <b>{ $number }</b>
lucky-short = 🍀 Щасливий номер: <b>{ $number }</b>
lucky-yours = 🎉 { $name } має щасливий номер – без опитування!
lucky-none = { $name }: щасливого номера немає.
lucky-child = 🍀 { $name } – щасливий номер на { $date }: <b>{ $number }</b>
lucky-child-hit = 🍀 { $name } – щасливий номер на { $date }: <b>{ $number }</b> 🎉 збіг – без опитування!
notes-title = 🗒 <b>Зауваження – { $name }</b>
notes-none = Зауважень немає.

## Стіл
desk-title = 🏫 <b>Огляд дня</b> – { $date }
desk-today = Сьогодні:
desk-tomorrow-changes = { $count ->
    [one] ❗ Завтра { $count } зміна в розкладі – /jutro
    [few] ❗ Завтра { $count } зміни в розкладі – /jutro
    [other] ❗ Завтра { $count } зміни в розкладі – /jutro
   *[many] ❗ Завтра { $count } змін у розкладі – /jutro
}
desk-new = Від учора: { $items }.
desk-nothing-new = Від учора нічого нового.
desk-unread = { $count ->
    [one] ✉️ { $count } непрочитане повідомлення – /wiadomosci
    [few] ✉️ { $count } непрочитані повідомлення – /wiadomosci
    [other] ✉️ { $count } непрочитаного повідомлення – /wiadomosci
   *[many] ✉️ { $count } непрочитаних повідомлень – /wiadomosci
}
desk-next-test = 📅 Найближче:

## Налаштування
settings-title = ⚙️ <b>Налаштування цієї розмови</b>
settings-language = Мова: { $language }
settings-saved = Збережено.

## Меню команд
cmd-start = Початок і огляд дня
cmd-oceny = Оцінки та середні бали
cmd-plan = Розклад зі змінами
cmd-jutro = Завтра в одному повідомленні
cmd-frekwencja = Відвідуваність
cmd-wiadomosci = Повідомлення від учителів
cmd-sprawdziany = Контрольні та події
cmd-zadania = Домашні завдання
cmd-ogloszenia = Оголошення школи
cmd-numerek = Щасливий номер
cmd-uwagi = Зауваження та похвали
cmd-ostatnie = Останні сповіщення
cmd-dzieci = Ваші діти
cmd-dodaj = Додати дитину
cmd-ustawienia = Налаштування
cmd-pomoc = Допомога

## Сповіщення
notif-grade-new = 📝 Нова оцінка: <b>{ $value }</b> – { $subject }
notif-grade-changed = ✏️ Оцінку змінено: { $old } → <b>{ $value }</b> – { $subject }
notif-grade-deleted = 🗑 Оцінку видалено: { $value } – { $subject }
notif-grade-average = середня з предмета: { $value }
notif-weight = вага { $weight }
notif-att-absent = 🚫 Відсутність
notif-att-late = ⏰ Запізнення
notif-att-excused = ✅ Відсутність з поважної причини
notif-att-released = 🚪 Звільнення з уроку
notif-att-other = 📋 Відвідуваність: { $type }
notif-att-lesson = { $date }, урок { $lesson }
notif-absence-excused = ✅ Відсутність виправдано: { $when }
notif-absence-changed = ✏️ Зміна у відвідуваності, { $when }: тепер { $label }
notif-message-new = ✉️ Нове повідомлення – { $sender }: <b>{ $topic }</b>
notif-announcement-new = 📌 Оголошення: <b>{ $subject }</b>
notif-homework-new = 📚 Домашнє завдання – { $subject }: { $topic }
notif-homework-due = термін: { $date }
notif-agenda-new = 📅 Новий запис – { $category }, { $date }: { $content }
notif-agenda-new-bare = 📅 Новий запис – { $category }, { $date }
notif-agenda-moved = 📅 Зміна дати – { $category }: { $old } → <b>{ $date }</b>
notif-lesson-canceled = ❌ Урок скасовано: { $date }, урок { $no } – { $subject }
notif-lesson-substitution = 🔄 Заміна: { $date }, урок { $no } – { $subject }
notif-lesson-room = 🚪 Зміна кабінету: { $date }, урок { $no } – { $subject }, кабінет { $room }
notif-lesson-moved-to = ↪️ Урок перенесено: { $date }, урок { $no } – { $subject }. Новий час: { $to }, урок { $to_no }.
notif-lesson-moved-from = ↪️ Урок перенесено на { $date }, урок { $no } – { $subject } (раніше: { $from }, урок { $from_no })
notif-activity-canceled = ❌ Заняття скасовано: { $date }, { $hours } – { $subject }
notif-activity-substitution = 🔄 Заміна: { $date }, { $hours } – { $subject }
notif-activity-room = 🚪 Зміна приміщення: { $date }, { $hours } – { $subject }, { $room }
notif-lucky = 🍀 { $name } має щасливий номер на { $date } ({ $number }) – без опитування!
notif-note-positive = 👍 Похвала: { $text }
notif-note-negative = ⚠️ Зауваження: { $text }
notif-note-neutral = 🗒 Запис: { $text }
notif-child = 🎒 <b>{ $name }</b>
notif-digest = 🌅 <b>Доброго ранку!</b> Що надійшло вночі:
notif-digest-later = 🗂 <b>Що надійшло під час тихих годин:</b>
notif-more = … і ще { $count ->
    [one] { $count } сповіщення
    [few] { $count } сповіщення
    [other] { $count } сповіщення
   *[many] { $count } сповіщень
} – дивіться /ostatnie
button-show-body = 📖 Показати текст: { $topic }
button-mute = 🔕 Вимкнути: { $category }
button-unmute = 🔔 Увімкнути: { $category }
mute-done = 🔕 { $name }: більше не пишу тут про «{ $category }». Повернути можна кнопкою під сповіщенням.
unmute-done = 🔔 { $name }: знову пишу тут про «{ $category }».
mute-admins-only = Змінити це можуть лише адміністратори групи.

## Категорії сповіщень
category-grades = оцінки
category-attendance = відвідуваність
category-messages = повідомлення
category-announcements = оголошення
category-homework = домашні завдання
category-agenda = розклад подій
category-timetable = зміни в розкладі
category-lucky_number = щасливий номер
category-notes = зауваження

## Стрічка
timeline-title = 🕑 <b>Останні { $days } днів</b>
timeline-none = За останні { $days } днів нічого нового не надійшло.
timeline-page = сторінка { $page } з { $pages }
timeline-held = ⏸ чекає до { $time }
timeline-waiting = ⏳ в дорозі
timeline-older = ◀ Старіші
timeline-newer = Новіші ▶

## Вечірній підсумок і підсумок тижня
brief-evening-title = 🌙 <b>На завтра – { $date }</b>
brief-weekly-title = 📊 <b>Підсумок тижня</b> ({ $from } – { $to })
brief-weekly-grades = Нові оцінки:
brief-weekly-no-grades = Цього тижня нових оцінок немає.
brief-weekly-up = ↑ { $delta }
brief-weekly-down = ↓ { $delta }
brief-weekly-attendance = Відвідуваність цього тижня: { $absences }, { $lates }.
brief-weekly-attendance-clean = Відвідуваність цього тижня: без пропусків і запізнень 👏
brief-weekly-unexcused = Ще треба виправдати: { $count ->
    [one] { $count } урок
    [few] { $count } уроки
    [other] { $count } уроку
   *[many] { $count } уроків
}.

## Налаштування
settings-quiet = 🌙 Тихі години: { $value }
settings-quiet-on = { $start }–{ $end }
settings-quiet-off = вимкнено
settings-categories = 🔔 Сповіщення: { $value }
settings-categories-all = про все
settings-categories-muted = усі, крім: { $names }
settings-brief = 🌆 Вечірній огляд: { $value }
settings-brief-on = щодня о { $time }
settings-brief-off = вимкнено
settings-weekly = 📅 Підсумок тижня: { $value }
settings-weekly-on = увімкнено
settings-weekly-off = вимкнено
settings-batch = ✉️ Кілька новин одночасно: { $value }
settings-batch-on = в одному повідомленні
settings-batch-off = кожна окремо
settings-admins-only = Налаштування групи змінюють лише її адміністратори.
settings-quiet-help = У тихі години я не пишу. Те, що прийде вночі, надішлю вранці одним повідомленням.
settings-categories-help = 🔕 – про це не пишу. Команди на кшталт /oceny працюють і далі.
settings-brief-help = Вечірній огляд: завтрашній розклад зі змінами, контрольні, домашні завдання і щасливий номер.
button-settings-language = 🌐 Мова
button-settings-quiet = 🌙 Тихі години
button-settings-categories = 🔔 Категорії
button-settings-brief = 🌆 Вечірній огляд
button-quiet-none = Без тихих годин
button-brief-on = Увімкнути вечірній огляд
button-brief-off = Вимкнути вечірній огляд
button-weekly-on = 📅 Увімкнути підсумок тижня
button-weekly-off = 📅 Вимкнути підсумок тижня
button-batch-on = ✉️ Збирати новини в одне повідомлення
button-batch-off = ✉️ Кожна новина окремо

## Сімейні групи
button-share = 👥 Поділитися в групі
button-child-groups = 👥 Групи
button-stop-sharing = 🚫 Припинити ділитися: { $group }
button-share-create = 🔗 Створити посилання для групи
button-share-open = 👥 Вибрати групу
share-pick = Про яких дітей має знати сімейна група? Позначте їх і створіть посилання.
share-link =
    Посилання для: { $names }. Діє один раз, { $minutes } хвилин.
    Натисніть кнопку й виберіть групу (ви маєте бути її адміністратором) або надішліть у групі цю команду:
group-code-private = Цей код працює в групі, а не тут. Скористайтеся кнопкою «Вибрати групу».
group-code-anonymous = Я не бачу, хто це надіслав (анонімний адміністратор). Вимкніть на хвилину анонімність і надішліть код ще раз.
group-code-unknown = Я не знаю цього коду – можливо, він від іншого бота або скопійований з помилкою. Створіть новий у приватній розмові зі мною.
group-code-used = Цей код уже використано. Створіть новий у приватній розмові зі мною.
group-code-expired = Термін дії коду минув (він діє 10 хвилин). Створіть новий у приватній розмові зі мною.
group-code-other-user = Цим кодом може скористатися лише той із батьків, хто його створив.
group-code-not-admin = Поділитися дітьми в групі може лише її адміністратор. Попросіть права й надішліть код ще раз.
group-code-nothing = Жодна з цих дітей уже не пов’язана з вашим обліковим записом, тож я нічим не поділився.
group-shared = ✅ Ця група тепер отримує сповіщення про: { $names }. Команди (/oceny, /plan…) тут працюють для цих дітей.
group-children-title = 👥 <b>Діти, якими поділилися в цій групі</b>
group-children-hint = Припинити ділитися може хтось із батьків дитини.
button-unshare = Припинити ділитися: { $name }
group-unshare-not-parent = Припинити ділитися може лише хтось із батьків цієї дитини.
group-unshared = { $name }: більше не ділюся в цій групі.

## Приватність
cmd-eksport = Завантажити свої дані
cmd-usun = Видалити свої дані
cmd-prywatnosc = Приватність
privacy-notice =
    🔒 <b>Приватність</b>
    <b>Що я зберігаю:</b> логін і пароль дитини до Synergia (зашифровані AES-256, ключ зберігається поза базою даних), останні дані з Librus (оцінки, розклад, відвідуваність, попередній перегляд повідомлень), ваш ідентифікатор Telegram, налаштування розмов, надіслані сповіщення і, якщо ви про нього попросите, хеш посилання на календар (саме посилання я не зберігаю), а після відповіді вчителю – коли її надіслано (її текст лишається тільки в Librus).
    <b>Навіщо:</b> лише щоб входити до Librus від імені дитини й надсилати вам новини. Я не відкриваю повідомлень від учителів без вашого прохання.
    <b>Як довго:</b> надіслані сповіщення – { $days } { $days ->
        [one] день
        [few] дні
       *[other] днів
    }; решту – доки дитина під’єднана. Від’єднання дитини або /usun видаляє все одразу.
    <b>Хто бачить:</b> ви, інші батьки, які під’єднали ту саму дитину, і групи, у яких ви нею поділилися. Я нікому нічого не передаю.
    /eksport – копія ваших даних (без пароля), /usun – видалити все.
privacy-private-only = Ця команда працює лише в приватній розмові зі мною.
export-caption = Ваші дані в Dzwonek (дітей: { $children }). Пароля у файлі немає.
erase-confirm =
    Видалити всі ваші дані? Я від’єднаю всіх ваших дітей, припиню ділитися ними в групах і зітру налаштування та історію сповіщень.
    Дані дитини залишаться лише в інших батьків, які самі її під’єднали. Цього не можна скасувати.
button-erase-yes = 🗑 Так, видалити все
erase-kept = Я нічого не видалив.
erase-done = Готово – усі ваші дані видалено. Якщо захочете повернутися, надішліть /start.

## Адміністратор
admin-title = 🛠 <b>Стан Dzwonek</b>
admin-counts = Батьки: { $parents } · діти (облікові записи): { $children } · приватні розмови: { $chats } · групи: { $groups }
admin-accounts = Облікові записи: { $value }
admin-hour = Остання година: перевірок { $polls }, надісланих сповіщень { $sent }
admin-outbox = Черга: до надсилання { $due }, відкладено на ніч { $held }.
admin-oldest = Найстаріше чекає { $minutes } хв.
admin-oldest-none = Нічого не чекає.
admin-errors = Помилки Librus (останні, за класом): { $value }
admin-workers = Активні процеси: { $alive } з { $known }
admin-breaker-closed = Librus: запитуємо як звичайно (запобіжник спрацював { $trips } { $trips ->
        [one] раз
        [few] рази
       *[many] разів
    } від запуску).
admin-breaker-open = ⛔ Librus відмовляє багатьом обліковим записам одночасно – не запитуємо до { $until } (запобіжник спрацював { $trips } { $trips ->
        [one] раз
        [few] рази
       *[many] разів
    } від запуску).

## Підсумки
notif-summary-gap = 🗂 <b>{ $name }</b>: під час перерви з { $since } надійшло: { $items }. Дивіться /oceny, /frekwencja і /wiadomosci.
notif-summary-many = 🗂 <b>{ $name }</b>: у Librus одразу з'явилося багато нового: { $items }. Дивіться /oceny, /frekwencja і /wiadomosci.
summary-grades = { $count ->
    [one] { $count } оцінка
    [few] { $count } оцінки
    [other] { $count } оцінки
   *[many] { $count } оцінок
}
summary-attendance = { $count ->
    [one] { $count } запис відвідуваності
    [few] { $count } записи відвідуваності
    [other] { $count } запису відвідуваності
   *[many] { $count } записів відвідуваності
}
summary-messages = { $count ->
    [one] { $count } повідомлення
    [few] { $count } повідомлення
    [other] { $count } повідомлення
   *[many] { $count } повідомлень
}
summary-notes = { $count ->
    [one] { $count } зауваження
    [few] { $count } зауваження
    [other] { $count } зауваження
   *[many] { $count } зауважень
}
summary-agenda = { $count ->
    [one] { $count } запис у розкладі подій
    [few] { $count } записи в розкладі подій
    [other] { $count } запису в розкладі подій
   *[many] { $count } записів у розкладі подій
}
summary-homework = { $count ->
    [one] { $count } домашнє завдання
    [few] { $count } домашні завдання
    [other] { $count } домашнього завдання
   *[many] { $count } домашніх завдань
}
summary-timetable = { $count ->
    [one] { $count } зміна в розкладі
    [few] { $count } зміни в розкладі
    [other] { $count } зміни в розкладі
   *[many] { $count } змін у розкладі
}
summary-announcements = { $count ->
    [one] { $count } оголошення
    [few] { $count } оголошення
    [other] { $count } оголошення
   *[many] { $count } оголошень
}
summary-lucky_number = щасливий номер

## Прогноз оцінок
forecast-title = 🔮 <b>Прогноз – { $name }</b>, семестр { $semester }
forecast-basis-semester = Це прогноз за середньою зваженою оцінок цього семестру, а не оцінка. Пороги: { $thresholds }.
forecast-basis-year = Це прогноз за середньою зваженою оцінок за весь рік, а не оцінка. Пороги: { $thresholds }.
forecast-thresholds-hint = <i>У статуті школи інші пороги? Встановіть їх у /ustawienia або так: /prognoza progi 1,6 2,6 3,6 4,6 5,6</i>
forecast-none = Поки немає оцінок, з яких можна порахувати прогноз.
forecast-average = середня { $value } → { $grade }
forecast-proposal = пропозиція вчителя: <b>{ $grade }</b>
forecast-at-risk = ⚠️ під загрозою
forecast-falling = 📉 за два тижні нижче на цілу оцінку
forecast-up = ⬆️ одна { $value } з вагою { $weight } підніме до { $grade }
forecast-up-many = ⬆️ до { $grade } потрібно більше ніж одна добра оцінка
forecast-down = ⬇️ ще одна { $value } з вагою { $weight } знизить до { $grade }
forecast-overall = Середня прогнозованих оцінок: <b>{ $value }</b>. До свідоцтва з відзнакою бракує { $missing } (потрібно { $bar } і щонайменше дуже добра поведінка).
forecast-honours = Середня прогнозованих оцінок: <b>{ $value }</b> – це рівень свідоцтва з відзнакою, якщо поведінка буде щонайменше дуже доброю 🎉
forecast-honours-behaviour = Середня прогнозованих оцінок: <b>{ $value }</b>, поведінка: { behaviour-grade } – це рівень свідоцтва з відзнакою 🎉
forecast-honours-short = Середньої прогнозованих оцінок <b>{ $value }</b> вистачає для відзнаки, але поведінка оцінена як { behaviour-grade }, а потрібна щонайменше дуже добра.
forecast-behaviour = Поведінка в Librus: { behaviour-grade }.
behaviour-grade = { $scale ->
    [1] зразкова
    [2] дуже добра
    [3] добра
    [4] задовільна
    [5] незадовільна
   *[6] погана
}
forecast-risk-list = ⚠️ Під загрозою: { $names }.
forecast-line = 🔮 Прогноз: середня { $value } (/prognoza)
forecast-line-risk = під загрозою: { $names }
forecast-thresholds-invalid = Вкажіть п’ять зростаючих порогів від 1 до 6, напр. <code>/prognoza progi 1,75 2,75 3,75 4,75 5,5</code> (або <code>/prognoza progi типові</code>).
forecast-thresholds-saved = Збережено. Пороги прогнозу: { $thresholds }.
cmd-prognoza = Прогноз оцінок на кінець семестру
settings-forecast = 🔮 Пороги прогнозу: { $value }
settings-forecast-help = Пороги зі статуту школи: від якої середньої прогноз показує 2, 3, 4, 5 і 6. Інші введіть так: <code>/prognoza progi 1,6 2,6 3,6 4,6 5,3</code>
button-settings-forecast = 🔮 Пороги прогнозу

category-catch_up = що пропущено під час відсутності

## What to revise before a test, and what was missed during an absence
revision-title = 📚 <b>{ $subject } – { $category }</b>, { $date } · { $name }
revision-since = Теми від попередньої контрольної ({ $date }):
revision-recent = Теми уроків за останні тижні (попередньої контрольної з цього предмета в розкладі подій немає):
revision-earlier = <i>Старіших тем не показую: { $count }.</i>
revision-missed-mark = ❗ відсутність
revision-missed = ❗ Відсутність на { $count } з цих уроків – варто позичити зошит.
revision-line = 📚 Повторити: { $topics }
revision-line-more = (+{ $count })
revision-line-missed = · ❗ пропущені уроки: { $count }
revision-button = 📚 { $subject }, { $date }
revision-not-yet = Теми уроків я ще не завантажив. Натисніть «Оновити», і я запитаю Librus.
revision-none = У Librus немає тем уроків з цього предмета за останні тижні.
revision-none-since = У Librus немає тем уроків з цього предмета від попередньої контрольної ({ $date }).
revision-no-subject = У цьому записі немає предмета, тож я не знаю, які теми повторити.
revision-gone = Цього запису вже немає в розкладі подій – можливо, вчитель його переніс або видалив. Дивіться /sprawdziany.
revision-module-missing = Школа не надає в Librus теми уроків, тож я не покажу, що повторити.
catch-up-title = { $days ->
    [one] 🔙 <b>{ $name } повертається до школи</b> після дня відсутності ({ $from }). Що було за цей час:
   *[other] 🔙 <b>{ $name } повертається до школи</b> після { $days } днів відсутності ({ $from } – { $to }). Що було за цей час:
}
catch-up-nothing = У Librus немає з тих днів ні тем уроків, ні домашніх завдань.
catch-up-not-yet = Теми уроків з тих днів я ще не завантажив; домашні завдання є в /zadania.
catch-up-other = Без предмета
catch-up-homework = { $topic } – термін: { $due }
catch-up-footer = Теми записують учителі. Це повідомлення можна вимкнути в /ustawienia → Категорії.

att-unexcused-age = { $days ->
    [0] сьогодні
    [1] вчора
    [few] { $days } дні тому
    [many] { $days } днів тому
   *[other] { $days } дня тому
}
att-excuse-none = без електронного пояснення
att-excuse-new = електронне пояснення чекає на рішення
att-excuse-accepted = електронне пояснення прийнято
att-excuse-rejected = ❗ електронне пояснення відхилено
att-excuse-other = електронне пояснення: «{ $status }»

teacher-away-one = 👩‍🏫 Відсутність учителя: { $teacher }, урок { $lessons }. У розкладі ще може з’явитися заміна або скасування.
teacher-away = 👩‍🏫 Відсутність учителя: { $teacher }, уроки: { $lessons }. У розкладі ще може з’явитися заміна або скасування.

settings-forecast-alerts = 📉 Коли прогноз знизиться на цілу оцінку: { $value }
settings-on = пишу
settings-off = не пишу
button-forecast-alerts-on = 📉 Писати, коли прогноз знизиться
button-forecast-alerts-off = Не писати про зниження прогнозу
notice-forecast-fall = 📉 { $name } – { $subject }: прогноз знизився з { $before } до { $after }. Що його підніме: /prognoza

## Calendar feed (/kalendarz) and the feed's own texts
cmd-kalendarz = Розклад подій у календарі телефона
cal-name = Dzwonek: { $who }
cal-all-children = усі діти
cal-agenda = { $category } – { $subject }
cal-agenda-plain = Запис у щоденнику подій
cal-homework = Домашнє завдання – { $subject }
cal-homework-plain = Домашнє завдання
cal-free-day = Вихідний – { $name }
cal-free-day-plain = Вихідний
cal-free-lessons = Частину уроків скасовано – { $name }
cal-free-lessons-plain = Частину уроків скасовано
cal-canceled = Урок скасовано – { $subject }
cal-canceled-plain = Урок скасовано
cal-substitution = Заміна – { $subject }
cal-substitution-plain = Заміна
cal-room = Зміна кабінету – { $subject }
cal-room-plain = Зміна кабінету
cal-child = { $child }: { $summary }
cal-topic = Тема: { $topic }
cal-teacher = Веде: { $teacher }
cal-room-line = Кабінет { $room }
cal-off = Календар на цьому сервері не ввімкнено. Запитайте людину, яка веде цього бота.
cal-admins-only = Посилання на календар групи дають адміністратори групи.
cal-title = 📅 <b>Шкільні події в календарі телефона</b>
cal-intro = Контрольні, короткі перевірки, екскурсії, батьківські збори та вихідні самі з’являться в Google Календарі, календарі iPhone або в Thunderbird. Коли вчитель перенесе контрольну, вона перенесеться й у календарі, а скасована зникне.
cal-none = Посилання ще немає.
cal-live = • { $scope }: посилання від { $date }, { $fetched }
cal-fetched = календар востаннє завантажив його { $when }
cal-not-fetched = жоден календар його ще не завантажив
cal-options = Домашні завдання та зміни в розкладі на найближчий тиждень вмикаються кнопками нижче (для всіх посилань цієї розмови).
button-cal-make = 🔗 Посилання: { $scope }
button-cal-renew = 🔄 Нове посилання: { $scope }
button-cal-off = ✖ Вимкнути: { $scope }
button-cal-homework-on = ☑ Домашні завдання
button-cal-homework-off = ☐ Домашні завдання
button-cal-changes-on = ☑ Зміни в розкладі
button-cal-changes-off = ☐ Зміни в розкладі
button-cal-yes-renew = 🔄 Так, дати нове посилання
button-cal-yes-off = ✖ Так, вимкнути
cal-ask-renew = Нове посилання для: { $scope }. Поточне перестане працювати, а календарі, що на нього підписані, перестануть оновлюватися – їх доведеться додати знову. Дати нове посилання?
cal-ask-off = Вимкнути посилання для: { $scope }? Календарі, що на нього підписані, перестануть отримувати зміни.
cal-turned-off = Посилання вимкнено: { $scope }.
cal-link =
    📅 Посилання на календар – { $scope }:
    <code>{ $url }</code>

    Додайте його як підписку:
    • Google Календар (на комп’ютері): Інші календарі → ＋ → За URL-адресою.
    • iPhone: Параметри → Календар → Облікові записи → Додати обліковий запис → Інше → Додати календар із підпискою.
    • Thunderbird: Новий календар → У мережі.
    Google оновлює підписки раз на кілька годин, iPhone і Thunderbird – частіше.

    Хто має це посилання, бачить ці події: не давайте його нікому поза родиною. Показую його лише зараз; замінити чи вимкнути його можна в /kalendarz.
cal-link-sent = Я надіслав вам посилання в приватному повідомленні.
cal-link-private-first = Спершу напишіть мені приватно (@{ $bot }), а потім натисніть кнопку ще раз: посилання на календар групи надсилаю лише приватно.
cal-group-scope = група { $title }
cal-group-scope-plain = ця група

## Answers only the asker sees in a group
settings-private-answers = 🔒 Оцінки, відвідуваність, зауваження й текст повідомлень: { $value }
settings-private-answers-on = бачить лише той, хто питає
settings-private-answers-off = бачать усі в групі
button-private-answers-on = 🔒 Показувати лише тому, хто питає
button-private-answers-off = 👥 Показувати всій групі
private-answer-shown = 🔒 { $name }: цю відповідь бачите лише Ви.
private-answer-shown-button = Не бачите? Відкрити в особистому чаті
private-answer-refused = 🔒 { $name }: Telegram не зміг показати цю відповідь лише Вам, тож я не надсилав її сюди. Відкрийте її в особистому чаті зі мною.
private-answer-refused-button = 🔓 Відкрити в особистому чаті
private-link-stale = Це посилання вже не працює: Ви більше не в тій групі або дитиною там більше не діляться.
private-link-title = 🔒 З групи «{ $title }»:

## A topic per child in the private chat
settings-topics = 🧵 Окрема тема для кожної дитини: { $value }
settings-topics-on = так
settings-topics-off = ні, усе в одному місці
button-topics-on = 🧵 Окрема тема для кожної дитини
button-topics-off = 🧵 Усе в одному місці
topic-intro = 🧵 Тема: { $name }. Сюди приходять новини з Librus про цю дитину, а команди, написані тут (напр. /oceny), стосуються лише її.
topics-refused = Telegram не створив теми, тож усе й далі приходить в одне місце. Спробуйте пізніше.

## Column heads of tables (rich messages)
table-subject = Предмет
table-grades = Оцінки
table-average = Середня
table-absences = Пропуски
table-lates = Запізнення
table-lesson = Урок

## Charts (pictures)
chart-grades-title = Оцінки: { $name }, семестр { $semester }
chart-grades-legend = Крапки: оцінки. Лінія: середня зважена після кожної з них.
chart-attendance-title = Пропуски й запізнення за тижнями: { $name }
chart-absent = без пояснення
chart-excused = з поясненням
chart-late = запізнення
button-chart = 📈 Графік
chart-caption-grades = 📈 Оцінки й середня зважена – { $name }, семестр { $semester }
chart-caption-attendance = 📈 Пропуски й запізнення за тижнями – { $name }
chart-none-grades = Замало оцінок для графіка: потрібні щонайменше дві оцінки з одного предмета, що враховуються в середню.
chart-none-attendance = Немає пропусків чи запізнень, тож нічого малювати.
chart-busy = Я малюю інший графік, спробуйте за мить.
chart-drawing = Малюю…
chart-private-failed = Telegram не зміг показати графік лише Вам, тож я його не надіслав.

## The weekly summary's charts
settings-weekly-charts = 📈 Графік оцінок у підсумку тижня: { $value }
settings-yes = так
settings-no = ні
button-weekly-charts-on = 📈 Додавати графік оцінок до підсумку
button-weekly-charts-off = 📈 Без графіка в підсумку
