## Dzwonek – teksty po polsku (język domyślny)

start-intro =
    Cześć! Jestem <b>Dzwonek</b> 🔔 – przynoszę wiadomości z Librusa prosto do Telegramu.

    • nowe oceny, nieobecności, wiadomości od nauczycieli, ogłoszenia, sprawdziany i zmiany w planie – zaraz po tym, jak pojawią się w dzienniku;
    • szybkie polecenia: /oceny, /plan, /jutro, /frekwencja, /wiadomosci.

    <b>Twoje dane:</b> login i hasło do Synergii przechowuję zaszyfrowane i używam ich tylko do logowania w Librusie. Nie otwieram wiadomości od nauczycieli bez Twojej prośby, bo Librus pokazałby je jako przeczytane. Wszystko usuniesz poleceniem /usun.
group-intro =
    Cześć! Jestem Dzwonek 🔔 i w tej grupie mogę przekazywać wiadomości z Librusa.
    W grupie nie podaje się haseł. Rodzic może udostępnić tu swoje dzieci w prywatnej rozmowie ze mną (@{ $bot }): /dzieci → dziecko → „Udostępnij w grupie”.

help =
    <b>Co potrafię</b>
    /oceny – oceny i średnie w tym semestrze (tabela i 📈 wykres)
    /prognoza – prognoza ocen na koniec semestru i co ją zmieni
    /plan – plan lekcji ze zmianami (/plan jutro, /plan tydzień)
    /jutro – jutro w jednej wiadomości: plan, sprawdziany, zadania, numerek
    /frekwencja – obecności, nieobecności i spóźnienia, stan e-usprawiedliwień (i 📈 wykres)
    /wiadomosci – wiadomości od nauczycieli (podgląd); załączniki wyślę tutaj, na wiadomość odpowiesz
    /sprawdziany – sprawdziany, kartkówki, wycieczki i zebrania; przy sprawdzianie: co powtórzyć
    /zadania – zadania domowe z plikami od nauczyciela
    /ogloszenia – ogłoszenia szkoły
    /numerek – szczęśliwy numerek
    /uwagi – uwagi i pochwały
    /ostatnie – co przyszło w ostatnich dniach (oś czasu)
    /kalendarz – sprawdziany, wycieczki i dni wolne w kalendarzu telefonu
    /dzieci – Twoje dzieci: nazwy, hasła, wstrzymanie powiadomień
    /dodaj – dodaj dziecko
    /ustawienia – język i powiadomienia
    /eksport – Twoje dane w pliku
    /usun – usuń wszystkie swoje dane
    /prywatnosc – co przechowuję i dlaczego
    /anuluj – przerwij bieżącą rozmowę

    Nowości przychodzą same – nie trzeba niczego sprawdzać.
help-group =
    <b>Polecenia w grupie</b>
    /oceny, /prognoza, /plan, /jutro, /frekwencja, /sprawdziany, /zadania, /numerek, /ostatnie – dla dzieci udostępnionych w tej grupie.
    /dzieci – kto jest tu udostępniony (i przycisk, by przestać)
    /kalendarz – link do kalendarza grupy (dla administratorów; wysyłam go prywatnie)
    /ustawienia – ustawienia grupy (zmieniają administratorzy)
    🔒 Oceny, frekwencję, uwagi i treść wiadomości pokazuję tylko osobie, która pyta, chyba że administratorzy zmienią to w /ustawienia.
    Dzieci dodaje się i udostępnia w prywatnej rozmowie ze mną.

## Przyciski
button-add-child = ➕ Dodaj dziecko
button-cancel = Anuluj
button-consent = ✅ Zgadzam się
button-retry = 🔁 Spróbuj ponownie
button-refresh = 🔄 Odśwież
button-back = « Wróć
button-today = Dziś
button-week = Tydzień
button-rename = ✏️ Zmień nazwę
button-pause = 🔕 Wstrzymaj powiadomienia
button-resume = 🔔 Wznów powiadomienia
button-new-password = 🔑 Podaj nowe hasło
button-enter-password = 🔑 Podaj hasło
button-unlink = 🗑 Usuń
button-unlink-yes = Tak, usuń
button-stale = Ten przycisk jest już nieaktualny. Wpisz polecenie jeszcze raz.

## Dodawanie dziecka
link-private-only =
    Hasła do Librusa podaje się tylko w prywatnej rozmowie – w grupie zobaczyliby je wszyscy.
    Napisz do mnie prywatnie: { $link }
link-ask-login =
    Podaj <b>login do Synergii</b> ze szkoły: login rodzica to same cyfry (np. <code>1234567</code>), login ucznia ma na końcu literę „u” (np. <code>1234567u</code>). Każdy z nich wystarczy.
    To nie jest adres e-mail z Konta LIBRUS.
link-email-not-login =
    To wygląda na adres e-mail, czyli login do Konta LIBRUS. Potrzebuję loginu do <b>Synergii</b> ze szkoły – to same cyfry (login rodzica, np. <code>1234567</code>) albo cyfry z literą „u” (login ucznia, np. <code>1234567u</code>). Znajdziesz go na kartce z danymi do dziennika albo w aplikacji Librus w ustawieniach konta.
link-bad-login = Login do Synergii to same cyfry (login rodzica, np. <code>1234567</code>) albo cyfry z literą „u” (login ucznia, np. <code>1234567u</code>). Spróbuj jeszcze raz albo naciśnij „Anuluj”.
link-expect-login = Czekam na login do Synergii (np. <code>1234567</code> albo <code>1234567u</code>) – napisz go zwykłą wiadomością.
link-already = To konto jest już dodane jako { $name }. Zobacz /dzieci.
link-ask-password =
    Login: <code>{ $login }</code>
    Teraz <b>hasło do Synergii</b>. Wiadomość z hasłem usunę zaraz po odczytaniu.
link-expect-password = Czekam na hasło do Synergii – napisz je zwykłą wiadomością.
link-bad-password = To nie wygląda na hasło. Napisz hasło do Synergii albo naciśnij „Anuluj”.
link-checking = 🔐 Sprawdzam w Librusie…
link-found =
    ✅ Udało się zalogować. To konto ucznia:
    <b>{ $student }</b>, { $klass }
    { $school }
link-found-parent =
    ✅ Udało się zalogować. Konto rodzica: <b>{ $holder }</b> – dziecko: <b>{ $student }</b>, { $klass }
    { $school }
link-found-unknown =
    ✅ Udało się zalogować. Dziecko: <b>{ $student }</b>, { $klass }
    { $school }
link-class = klasa { $name }
link-group = grupa { $name }
link-consent =
    <b>Zanim zapiszę dane:</b>
    • przechowam login i hasło do Synergii zaszyfrowane (AES-256) oraz dane z dziennika potrzebne do powiadomień;
    • użyję ich tylko do logowania w Librusie i wysyłania Ci wiadomości o tym, co nowego u dziecka;
    • wiadomości od nauczycieli otworzę tylko na Twoją prośbę;
    • dane trzymam, dopóki nie usuniesz dziecka (/dzieci) albo wszystkich danych (/usun).
    Zgadzasz się na dodanie dziecka: <b>{ $name }</b>?
link-done =
    Gotowe! Dodałem konto: <b>{ $name }</b> 🎉
    Od teraz dostaniesz wiadomość o każdej nowej ocenie, nieobecności, wiadomości od nauczyciela, sprawdzianie i zmianie w planie. Spróbuj /oceny albo /jutro.
link-same-child = { $name } już jest w Dzwonku – przez login <code>{ $login }</code>. To to samo dziecko, więc nie dodaję drugiego konta i niczego nie zapisałem. Zobacz /dzieci.
link-done-same-child =
    Gotowe! <b>{ $name }</b> jest już w Dzwonku przez inny login tej rodziny, więc Twojego hasła nie zapisałem – dostaniesz te same powiadomienia co pozostali.
    Spróbuj /oceny albo /jutro.
link-wrong-password =
    Librus nie przyjął loginu lub hasła. Sprawdź hasło (wielkość liter ma znaczenie) i napisz je jeszcze raz. Jeśli niedawno je zmieniano, podaj nowe.
link-librus-said = Librus napisał: „{ $words }”
link-refused =
    Librus nie przyjął logowania i nie umiem powiedzieć, co dokładnie oznacza ta odpowiedź, więc nie próbuję dalej. Zaloguj się na synergia.librus.pl w przeglądarce – tam zobaczysz, o co chodzi. Niczego nie zapisałem.
link-locked = Następną próbę dla tego loginu przyjmę o { $until } – tak chronię konto dziecka przed zgadywaniem hasła i blokadą w Librusie.
link-limited-login =
    Dla tego loginu było już za dużo nieudanych prób. Następną przyjmę o { $until } – tak chronię konto dziecka przed zgadywaniem hasła i blokadą w Librusie. Do tego czasu sprawdź hasło, logując się na synergia.librus.pl.
link-limited-user = Za dużo nieudanych prób logowania z Twojego konta w Telegramie. Spróbuj ponownie o { $until }.
link-blocked = Librus chwilowo nie przyjmuje połączeń z tego serwera. Spróbuj ponownie później – niczego nie zapisałem.
link-captcha =
    Librus prosi o potwierdzenie „Nie jestem robotem”. Zaloguj się raz na synergia.librus.pl w przeglądarce i zaznacz to pole, a potem spróbuj tu ponownie. Niczego nie zapisałem.
link-account-action =
    Librus chce, żebyś najpierw coś zrobił na jego stronie – np. ustawił własne hasło zamiast tymczasowego ze szkoły albo zaakceptował regulamin. Zaloguj się raz na synergia.librus.pl, zrób to, o co prosi, i naciśnij „Spróbuj ponownie”. Jeśli ustawisz nowe hasło, po prostu napisz je tutaj. Niczego nie zapisałem.
link-maintenance =
    Librus ma teraz przerwę techniczną. Spróbuj ponownie za kilkanaście minut – niczego nie zapisałem.
link-unreachable =
    Nie mogę się teraz połączyć z Librusem. Spróbuj ponownie za chwilę – niczego nie zapisałem.
link-maintenance-short = Librus ma przerwę techniczną. Spróbuj później albo naciśnij „Anuluj”.
link-unreachable-short = Nie mogę się połączyć z Librusem. Napisz hasło jeszcze raz za chwilę albo naciśnij „Anuluj”.
link-password-expired = Minęło za dużo czasu od podania hasła. Napisz hasło do Synergii jeszcze raz.
link-password-expired-restart = Minęło za dużo czasu i nie zapisałem danych. Zacznij od nowa: /dodaj
cancelled = Przerwane – niczego nie zapisałem.
dialogue-left = Przerwałem poprzednią rozmowę – niczego nie zapisałem.
link-consent-use-buttons = Naciśnij przycisk „✅ Zgadzam się” pod wiadomością powyżej albo „Anuluj”.
nothing-to-cancel = Nie ma czego przerywać. Zobacz /pomoc.
conversation-expired = Poprzednia rozmowa wygasła i niczego nie zapisałem. Zacznij od nowa, np. /dodaj.
conversation-expired-password = Minęło za dużo czasu i poprzednia rozmowa wygasła. Dla bezpieczeństwa usunąłem tę wiadomość – mogło w niej być hasło. Zacznij od nowa, np. /dodaj.

## Dzieci
children-title = <b>Twoje dzieci</b>
children-none = Nie masz jeszcze dodanych dzieci.
children-private-only = Dziećmi zarządza się w prywatnej rozmowie ze mną.
child-menu =
    <b>{ $name }</b> – { $student }
child-status-new = ⏳ pierwsze dane jeszcze się pobierają
child-status-password = ⚠️ Librus nie przyjmuje hasła – podaj nowe
child-status-captcha = ⚠️ Librus prosi o captchę – zaloguj się raz na synergia.librus.pl
child-status-action = ⚠️ Librus czeka na działanie na stronie – zaloguj się na synergia.librus.pl
child-status-refused = ⚠️ Librus odmówił logowania – zaloguj się na synergia.librus.pl, żeby zobaczyć dlaczego, a potem podaj hasło przyciskiem poniżej
child-status-trouble = ostatnio Librus nie odpowiadał
child-status-muted = powiadomienia wstrzymane
child-paused = Powiadomienia wstrzymane: { $name }. Polecenia dalej działają.
child-resumed = Powiadomienia wznowione: { $name }.
child-ask-name = Jak mam nazywać to dziecko (teraz: { $name })? Napisz nową nazwę – do 32 znaków.
child-bad-name = Nazwa powinna mieć od 1 do { $max } znaków i nie zaczynać się od „/”. Spróbuj jeszcze raz.
child-renamed = Zapisałem: { $name }.
child-ask-password =
    Podaj nowe hasło do Synergii (konto: { $name }, login <code>{ $login }</code>). Wiadomość z hasłem usunę od razu.
child-password-updated = 🔑 Hasło zapisane ({ $name }).
child-password-resumed = 🔑 Hasło zapisane – powiadomienia wracają ({ $name }).
child-password-after-action = Gdy to zrobisz, napisz tutaj hasło – nowe, jeśli je zmieniłeś.
child-unlink-confirm =
    { $name } – odłączyć od Dzwonka? Przestanę wysyłać powiadomienia o tym dziecku i usunę zapisany login, hasło i dane z dziennika. W Librusie nic się nie zmieni. (Jeśli to samo konto dodał też ktoś inny, zostanie tylko dla niego.)
child-unlinked = Usunięte: { $name }.
child-groups = <b>{ $name }</b> – grupy, w których udostępniasz powiadomienia. Możesz tu przestać, nawet jeśli nie jesteś już w grupie.
child-groups-none = <b>{ $name }</b> – nie udostępniasz powiadomień w żadnej grupie.

## Wspólne
pick-child = Którego dziecka to dotyczy?
no-children = Nie masz jeszcze dodanych dzieci. Dodaj pierwsze: /dodaj
no-children-group = W tej grupie nie ma jeszcze udostępnionych dzieci. Rodzic może je udostępnić w prywatnej rozmowie ze mną.
no-data-yet = { $name }: dane jeszcze się pobierają – spróbuj za chwilę.
fresh-none = nie ma jeszcze danych
fresh-today = stan z { $time }
fresh-day = stan z { $date }, { $time }
refreshing = Pobieram z Librusa…
refresh-busy = ⏳ Librus odpowiada powoli – pokazuję ostatnie dane.
refresh-unavailable = ⚠️ Librus teraz nie odpowiada – pokazuję ostatnie zapisane dane.
refresh-paused = ⚠️ Konto jest wstrzymane – pokazuję ostatnie zapisane dane.
refresh-failed = ⚠️ Nie udało się pobrać nowych danych – pokazuję ostatnie zapisane.
refresh-cooling = ⏳ Przed chwilą pytałem Librusa – kolejny raz za minutę. Pokazuję ostatnie zapisane dane.
problem-password = ⚠️ { $name }: Librus nie przyjmuje hasła. Podaj nowe w /dzieci.
problem-captcha = ⚠️ { $name }: Librus prosi o captchę. Zaloguj się raz na synergia.librus.pl w przeglądarce.
problem-account-action = ⚠️ { $name }: Librus czeka na działanie na stronie synergia.librus.pl.
problem-refused = ⚠️ { $name }: Librus odmówił logowania. Zaloguj się na synergia.librus.pl, żeby zobaczyć dlaczego, a potem podaj hasło w /dzieci.
error-generic = Coś poszło nie tak po mojej stronie. Spróbuj ponownie za chwilę.

## Powiadomienia o bezpieczeństwie
notice-failed-checks =
    ⚠️ Ktoś kilka razy próbował dodać w Dzwonku konto { $name } z błędnym hasłem. Wstrzymałem kolejne próby do { $until }, żeby nikt nie zgadł hasła i Librus nie zablokował konta.
    Jeśli to nie Ty ani nikt z rodziny, zmień hasło na synergia.librus.pl, a nowe podaj w /dzieci.
notice-linked-by-other =
    ℹ️ Konto { $name } dodał w Dzwonku także ktoś inny (w Telegramie: { $who }) i będzie dostawać te same powiadomienia.
    Jeśli nie wiesz, kto to, zmień hasło na synergia.librus.pl, a nowe podaj w /dzieci.
notice-paused-password =
    ⚠️ { $name }: Librus nie przyjmuje już hasła – może zostało zmienione. Wstrzymałem powiadomienia i nie będę próbować starego hasła. Podaj nowe przyciskiem poniżej; to, co przyjdzie w międzyczasie, dostaniesz potem.
notice-paused-captcha =
    ⚠️ { $name }: Librus prosi o potwierdzenie „Nie jestem robotem”, więc wstrzymałem powiadomienia. Zaloguj się raz na synergia.librus.pl w przeglądarce i zaznacz to pole, a potem naciśnij przycisk poniżej i podaj hasło.
notice-paused-action =
    ⚠️ { $name }: Librus chce, żeby coś zrobić na jego stronie (np. ustawić nowe hasło albo zaakceptować regulamin), więc wstrzymałem powiadomienia. Zaloguj się na synergia.librus.pl, zrób to, a potem podaj hasło przyciskiem poniżej – nowe, jeśli je zmieniłeś.
notice-paused-refused =
    ⚠️ { $name }: Librus odmówił logowania i nie umiem powiedzieć dlaczego, więc wstrzymałem powiadomienia i nie próbuję dalej. Zaloguj się na synergia.librus.pl, żeby zobaczyć, o co chodzi, a potem podaj hasło przyciskiem poniżej.
notice-paused-reminder =
    ⏰ Przypominam: { $name } – powiadomienia są wstrzymane od { $since }, bo Librus nie przyjmuje logowania. Podaj hasło przyciskiem poniżej, a wrócą.
notice-paused-group = ⏸ { $name }: powiadomienia wstrzymane – Librus nie przyjmuje logowania. Rodzic naprawi to w prywatnej rozmowie ze mną.
notice-missed = ⚠️ Telegram długo nie przyjmował wiadomości, więc część powiadomień od { $since } do Ciebie nie dotarła. Są w /ostatnie.
notice-outage = ⚠️ { $name }: od { $since } nie mogę pobrać danych z Librusa – nie odpowiada albo ma awarię. Sprawdzam dalej sam; gdy wróci, dostaniesz wszystko, co przyszło w międzyczasie.
notice-outage-over = ✅ { $name }: Librus znowu odpowiada.
notice-caught-up = Nadrobiłem: { $items }.
notice-group-cannot-send = ⚠️ Od ponad godziny nie mogę pisać w grupie „{ $group }” – jej administrator odebrał mi prawo wysyłania wiadomości (albo włączył tryb powolny). Powiadomienia dla grupy czekają. Przywróć mi prawo pisania w ustawieniach grupy, a wyślę je od razu.
unknown-command = Nie znam polecenia { $command }. Zobacz /pomoc.
stray-text = Nie rozumiem tej wiadomości. Zobacz /pomoc – tam są wszystkie polecenia.
stray-media = Ładne, ale nie umiem tego odczytać 🙂 Zobacz /pomoc.

## Brak modułu w szkole
module-missing-grades = { $name }: szkoła nie udostępnia ocen w Librusie.
module-missing-attendance = { $name }: szkoła nie udostępnia frekwencji w Librusie.
module-missing-messages = { $name }: szkoła nie korzysta z wiadomości w Librusie.
module-missing-timetable = Szkoła nie opublikowała planu lekcji.
module-missing-timetable-named = { $name }: szkoła nie opublikowała planu lekcji w Librusie.
module-missing-agenda = { $name }: szkoła nie prowadzi terminarza w Librusie.
module-missing-homework = { $name }: szkoła nie udostępnia zadań domowych w Librusie.
module-missing-announcements = { $name }: szkoła nie udostępnia ogłoszeń w Librusie.
module-missing-lucky = { $name }: szkoła nie losuje szczęśliwego numerka.
module-missing-notes = { $name }: szkoła nie udostępnia uwag w Librusie.
module-missing-grades-kindergarten = { $name }: przedszkole nie wystawia ocen w Librusie.
module-missing-attendance-kindergarten = { $name }: przedszkole nie udostępnia frekwencji w Librusie.
module-missing-homework-kindergarten = { $name }: przedszkole nie zadaje zadań domowych w Librusie.
module-missing-lucky-kindergarten = { $name }: w przedszkolu nie ma szczęśliwego numerka.
module-missing-notes-kindergarten = { $name }: przedszkole nie wpisuje uwag w Librusie.

## Oceny
grades-title = 📚 <b>Oceny – { $name }</b>, semestr { $semester }
grades-subject-title = 📚 <b>{ $subject } – { $name }</b>, semestr { $semester }
grades-none = Brak ocen w tym semestrze.
grades-average = średnia { $value }
grades-percent = { $value }%
grades-weight = waga { $weight }
grades-not-counted = nie liczy się do średniej
grades-descriptive = ocena opisowa, bez średniej
grades-no-category = bez kategorii
grades-improvement = ↪ poprawa wcześniejszej oceny
grades-underline-hint = <i>Podkreślone: oceny śródroczne i roczne (proponowane i wystawione).</i>
grades-semester-button = Semestr { $semester }
grade-type-semester-proposal = przewidywana śródroczna
grade-type-semester = śródroczna
grade-type-final-proposal = przewidywana roczna
grade-type-final = roczna

## Plan
plan-day-title = 🗓 <b>Plan – { $name }</b>, { $date }
plan-week-title = 🗓 <b>Plan – { $name }</b>, tydzień od { $date }
plan-cancelled = odwołana
plan-substitution = zastępstwo
plan-room = sala { $room }
plan-room-changed = zmiana sali: { $room } (było { $old })
plan-free-day = 🎉 Dzień wolny: { $name }
plan-free-day-unnamed = bez lekcji
plan-weekend = Weekend – bez lekcji.
plan-no-lessons = Brak lekcji.
plan-day-over = Lekcje na dziś się skończyły.
plan-unknown = Nie mam jeszcze planu na ten dzień.
plan-usage = Użyj: /plan, /plan jutro albo /plan tydzień.
plan-cancelled-kindergarten = odwołane
plan-weekend-kindergarten = Weekend – przedszkole nieczynne.
plan-no-lessons-kindergarten = Brak zajęć.
plan-day-over-kindergarten = Zajęcia na dziś się skończyły.
plan-free-day-unnamed-kindergarten = przedszkole nieczynne
tomorrow-title = 🌙 <b>Jutro – { $date }</b>
tomorrow-agenda = Terminarz:
tomorrow-homework = Zadania na jutro:

## Frekwencja
att-title = 📊 <b>Frekwencja – { $name }</b>
att-none = Brak wpisów frekwencji.
att-rate = Obecność: <b>{ $value }%</b>
att-by-subject = Nieobecności i spóźnienia:
att-absences = { $count ->
    [one] { $count } nieobecność
    [few] { $count } nieobecności
    [other] { $count } nieobecności
   *[many] { $count } nieobecności
}
att-lates = { $count ->
    [one] { $count } spóźnienie
    [few] { $count } spóźnienia
    [other] { $count } spóźnienia
   *[many] { $count } spóźnień
}
att-unknown-subject = inne
att-unexcused = { $count ->
    [one] Nieusprawiedliwiona: { $count } godzina
    [few] Nieusprawiedliwione: { $count } godziny
    [other] Nieusprawiedliwione: { $count } godziny
   *[many] Nieusprawiedliwione: { $count } godzin
}
att-unexcused-day = • { $date }, lekcje: { $lessons }
att-all-excused = ✅ Wszystkie nieobecności są usprawiedliwione.

## Wiadomości
msg-title = ✉️ <b>Wiadomości – { $name }</b>
msg-none = Skrzynka jest pusta.
msg-unread = { $count ->
    [0] Wszystkie przeczytane.
    [one] { $count } nieprzeczytana
    [few] { $count } nieprzeczytane
    [other] { $count } nieprzeczytanej
   *[many] { $count } nieprzeczytanych
}
msg-no-topic = (bez tematu)
msg-open-button = 📖 { $n }. { $topic }
msg-open-warning =
    Jeśli otworzę tę wiadomość, Librus pokaże nauczycielowi, że została przeczytana (tak jak po otwarciu w aplikacji). Otworzyć?
msg-open-confirm = 📖 Otwórz
msg-kept-unread = Zostawiam jako nieprzeczytaną.
msg-opening = Otwieram…
msg-not-found = Tej wiadomości już nie ma w skrzynce.
msg-open-failed = Nie udało się otworzyć wiadomości – Librus nie odpowiada. Spróbuj za chwilę.
msg-paused = { $name }: powiadomienia są wstrzymane, bo Librus nie przyjmuje logowania. Nie otworzę wiadomości, dopóki rodzic nie naprawi tego w /dzieci.
msg-attachments = { $count ->
    [one] 📎 Załącznik: { $names } (pobierzesz go w Librusie)
   *[other] 📎 Załączniki: { $names } (pobierzesz je w Librusie)
}
msg-attachments-offered = { $count ->
    [one] 📎 Załącznik: { $names } – wyślę go tutaj, gdy naciśniesz przycisk poniżej.
   *[other] 📎 Załączniki: { $names } – każdy wyślę tutaj, gdy naciśniesz jego przycisk poniżej.
}

## Załączniki

file-unnamed = plik
file-off = Ten serwer Dzwonka nie pobiera załączników. Pobierzesz je w Librusie.
file-paused = { $name }: powiadomienia są wstrzymane, bo Librus nie przyjmuje logowania. Nie pobiorę pliku, dopóki rodzic nie naprawi tego w /dzieci.
file-gone = Tego pliku nie ma już w danych z Librusa. Wpisz polecenie jeszcze raz.
file-busy = Już pobieram plik dla tego dziecka. Poczekaj, aż skończę.
file-wait = Następny plik dla tego dziecka pobiorę o { $until } – tak nie obciążam jego konta w Librusie.
file-hour = W tej godzinie pobrałem już dużo plików dla tego dziecka. Następny pobiorę o { $until }.
file-starting = Pobieram…
file-progress = { $seconds ->
    [0] 📎 Pobieram „{ $name }” z Librusa…
   *[other] 📎 Pobieram „{ $name }” z Librusa… { $seconds } s
}
file-progress-slow = { $seconds ->
    [0] 📎 Pobieram „{ $name }” z Librusa… Pliki z zadań domowych Librus przygotowuje nawet 2 minuty.
   *[other] 📎 Pobieram „{ $name }” z Librusa… { $seconds } s (pliki z zadań Librus przygotowuje nawet 2 minuty)
}
file-not-found = Librus nie ma już pliku „{ $name }” – nauczyciel mógł go usunąć.
file-failed = Nie udało się pobrać pliku „{ $name }” – Librus nie odpowiedział na czas. Spróbuj za kilka minut albo pobierz go w Librusie.
file-too-large = Plik „{ $name }” ma { $size }, a Telegram przyjmuje od botów pliki do { $limit }. Pobierzesz go w Librusie.
file-caption = 📎 { $name } · { $child }
file-send-failed = Pobrałem plik „{ $name }”, ale Telegram go nie przyjął. Spróbuj jeszcze raz za chwilę.

## Odpowiedź do nauczyciela

button-reply = ✏️ Odpowiedz
button-reply-private = ✏️ Odpowiedz (w czacie prywatnym)
button-reply-send = ✅ Wyślij
reply-teacher = nauczyciel
reply-private-only = Odpowiedź do nauczyciela napiszesz tylko w prywatnym czacie ze mną: otwórz tam tę wiadomość w /wiadomosci.
reply-off = Ten serwer Dzwonka nie wysyła odpowiedzi do nauczycieli. Odpowiesz w Librusie.
reply-paused = { $name }: Librus nie przyjmuje logowania, więc teraz niczego nie wyślę. Napraw to w /dzieci.
reply-cap = { $count ->
    [one] Dziś z konta Synergii ({ $name }) poszła już { $count } odpowiedź – tyle wynosi dzienny limit. Jutro napiszesz znowu albo odpowiesz w Librusie.
    [few] Dziś z konta Synergii ({ $name }) poszły już { $count } odpowiedzi – tyle wynosi dzienny limit. Jutro napiszesz znowu albo odpowiesz w Librusie.
   *[other] Dziś z konta Synergii ({ $name }) poszło już { $count } odpowiedzi – tyle wynosi dzienny limit. Jutro napiszesz znowu albo odpowiesz w Librusie.
}
reply-ask =
    ✏️ Napisz odpowiedź do: <b>{ $to }</b>
    Temat: { $topic }

    Niczego nie wyślę, dopóki nie pokażę Ci całości do zatwierdzenia.
reply-not-text = Odpowiedź musi być tekstem. Napisz ją albo naciśnij Anuluj.
reply-too-long = Ta odpowiedź ma { $length } znaków, a zmieszczę najwyżej { $max }. Skróć ją i wyślij jeszcze raz.
reply-confirm =
    Sprawdź, zanim wyślę:

    Do: <b>{ $to }</b>
    Temat: { $topic }
    Od: konto Synergii ({ $name }) – w Twoim imieniu
    <blockquote>{ $text }</blockquote>
    Nauczyciel dostanie to w Librusie jako odpowiedź w tym wątku.
reply-stale = Tej odpowiedzi już nie ma: została wysłana, anulowana albo minęło pół godziny. Otwórz wiadomość i napisz ją jeszcze raz.
reply-sending = Wysyłam…
reply-sent =
    ✅ Wysłane do: <b>{ $to }</b>, { $time }
    Temat: { $topic }
    <blockquote>{ $text }</blockquote>
reply-dropped = Nie wysłałem odpowiedzi.
reply-no-reply = Librus nie przyjmuje odpowiedzi na tę wiadomość (wysłał ją system, nie nauczyciel). Niczego nie wysłałem.
reply-no-module = { $name }: szkoła nie korzysta z wiadomości w Librusie, więc niczego nie wysłałem.
reply-not-found = Tej wiadomości nie ma już w Librusie. Niczego nie wysłałem.
reply-refused = Librus nie przyjął odpowiedzi i nic nie zostało wysłane. Szkoła może nie pozwalać rodzicom pisać wiadomości – wtedy odpowiesz tylko w Librusie albo osobiście.
reply-unavailable = Librus nie odpowiada – odpowiedź nie została wysłana. Spróbuj za kilka minut.
reply-unknown = ⚠️ Librus nie potwierdził, czy odpowiedź doszła. Nie wyślę jej drugi raz sam: sprawdź w Librusie (Wiadomości → Wysłane), zanim napiszesz ją ponownie.

## Terminarz, zadania, ogłoszenia, numerek, uwagi
agenda-title = 📅 <b>Najbliższe { $days } dni – { $name }</b>
agenda-none = Nic w terminarzu na najbliższe { $days } dni.
agenda-entry = wydarzenie
homework-title = 📝 <b>Zadania domowe – { $name }</b>
homework-none = Brak zadań do oddania.
homework-due = termin: { $date }
notices-title = 📌 <b>Ogłoszenia – { $name }</b>
notices-none = Brak nowych ogłoszeń.
lucky-number = 🍀 Szczęśliwy numerek na { $date }: <b>{ $number }</b>
lucky-short = 🍀 Szczęśliwy numerek: <b>{ $number }</b>
lucky-yours = 🎉 { $name } ma szczęśliwy numerek – bez odpytywania!
lucky-none = { $name }: brak szczęśliwego numerka.
lucky-child = 🍀 { $name } – numerek na { $date }: <b>{ $number }</b>
lucky-child-hit = 🍀 { $name } – numerek na { $date }: <b>{ $number }</b> 🎉 trafiony, bez odpytywania!
notes-title = 🗒 <b>Uwagi – { $name }</b>
notes-none = Brak uwag.

## Biurko
desk-title = 🏫 <b>Biurko</b> – { $date }
desk-today = Dziś:
desk-tomorrow-changes = { $count ->
    [one] ❗ Jutro { $count } zmiana w planie – /jutro
    [few] ❗ Jutro { $count } zmiany w planie – /jutro
    [other] ❗ Jutro { $count } zmiany w planie – /jutro
   *[many] ❗ Jutro { $count } zmian w planie – /jutro
}
desk-new = Od wczoraj: { $items }.
desk-nothing-new = Od wczoraj nic nowego.
desk-unread = { $count ->
    [one] ✉️ { $count } nieprzeczytana wiadomość – /wiadomosci
    [few] ✉️ { $count } nieprzeczytane wiadomości – /wiadomosci
    [other] ✉️ { $count } nieprzeczytanej wiadomości – /wiadomosci
   *[many] ✉️ { $count } nieprzeczytanych wiadomości – /wiadomosci
}
desk-next-test = 📅 Najbliżej:

## Ustawienia
settings-title = ⚙️ <b>Ustawienia tej rozmowy</b>
settings-language = Język: { $language }
settings-saved = Zapisano.

## Menu poleceń
cmd-start = Start i biurko
cmd-oceny = Oceny i średnie
cmd-plan = Plan lekcji ze zmianami
cmd-jutro = Jutro w jednej wiadomości
cmd-frekwencja = Frekwencja
cmd-wiadomosci = Wiadomości od nauczycieli
cmd-sprawdziany = Sprawdziany i wydarzenia
cmd-zadania = Zadania domowe
cmd-ogloszenia = Ogłoszenia szkoły
cmd-numerek = Szczęśliwy numerek
cmd-uwagi = Uwagi i pochwały
cmd-ostatnie = Ostatnie powiadomienia
cmd-dzieci = Twoje dzieci
cmd-dodaj = Dodaj dziecko
cmd-ustawienia = Ustawienia
cmd-pomoc = Pomoc

## Powiadomienia
notif-grade-new = 📝 Nowa ocena: <b>{ $value }</b> – { $subject }
notif-grade-changed = ✏️ Zmiana oceny: { $old } → <b>{ $value }</b> – { $subject }
notif-grade-deleted = 🗑 Usunięta ocena: { $value } – { $subject }
notif-grade-average = średnia z przedmiotu: { $value }
notif-weight = waga { $weight }
notif-att-absent = 🚫 Nieobecność
notif-att-late = ⏰ Spóźnienie
notif-att-excused = ✅ Nieobecność usprawiedliwiona
notif-att-released = 🚪 Zwolnienie
notif-att-other = 📋 Frekwencja: { $type }
notif-att-lesson = { $date }, lekcja { $lesson }
notif-absence-excused = ✅ Usprawiedliwiona nieobecność: { $when }
notif-absence-changed = ✏️ Zmiana frekwencji, { $when }: teraz { $label }
notif-message-new = ✉️ Nowa wiadomość – { $sender }: <b>{ $topic }</b>
notif-announcement-new = 📌 Ogłoszenie: <b>{ $subject }</b>
notif-homework-new = 📚 Zadanie domowe – { $subject }: { $topic }
notif-homework-due = termin: { $date }
notif-agenda-new = 📅 Nowy wpis – { $category }, { $date }: { $content }
notif-agenda-new-bare = 📅 Nowy wpis – { $category }, { $date }
notif-agenda-moved = 📅 Zmiana terminu – { $category }: { $old } → <b>{ $date }</b>
notif-lesson-canceled = ❌ Odwołana lekcja: { $date }, lekcja { $no } – { $subject }
notif-lesson-substitution = 🔄 Zastępstwo: { $date }, lekcja { $no } – { $subject }
notif-lesson-room = 🚪 Zmiana sali: { $date }, lekcja { $no } – { $subject }, sala { $room }
notif-lesson-moved-to = ↪️ Lekcja przeniesiona: { $date }, lekcja { $no } – { $subject }. Nowy termin: { $to }, lekcja { $to_no }.
notif-lesson-moved-from = ↪️ Lekcja przeniesiona na { $date }, lekcja { $no } – { $subject } (wcześniej: { $from }, lekcja { $from_no })
notif-activity-canceled = ❌ Odwołane zajęcia: { $date }, { $hours } – { $subject }
notif-activity-substitution = 🔄 Zastępstwo: { $date }, { $hours } – { $subject }
notif-activity-room = 🚪 Zmiana sali: { $date }, { $hours } – { $subject }, { $room }
notif-lucky = 🍀 { $name } ma szczęśliwy numerek na { $date } ({ $number }) – bez odpytywania!
notif-note-positive = 👍 Pochwała: { $text }
notif-note-negative = ⚠️ Uwaga: { $text }
notif-note-neutral = 🗒 Wpis: { $text }
notif-child = 🎒 <b>{ $name }</b>
notif-digest = 🌅 <b>Dzień dobry!</b> Co przyszło w nocy:
notif-digest-later = 🗂 <b>Co przyszło w czasie ciszy nocnej:</b>
notif-more = … i jeszcze { $count ->
    [one] { $count } powiadomienie
    [few] { $count } powiadomienia
    [other] { $count } powiadomienia
   *[many] { $count } powiadomień
} – zobacz /ostatnie
button-show-body = 📖 Pokaż treść: { $topic }
button-mute = 🔕 Wycisz: { $category }
button-unmute = 🔔 Przywróć: { $category }
mute-done = 🔕 { $name }: nie piszę już tutaj o kategorii „{ $category }”. Przywrócisz ją przyciskiem pod powiadomieniem.
unmute-done = 🔔 { $name }: znowu piszę tutaj o kategorii „{ $category }”.
mute-admins-only = Tylko administratorzy grupy mogą to zmienić.

## Kategorie powiadomień
category-grades = oceny
category-attendance = frekwencja
category-messages = wiadomości
category-announcements = ogłoszenia
category-homework = zadania domowe
category-agenda = terminarz
category-timetable = zmiany w planie
category-lucky_number = szczęśliwy numerek
category-notes = uwagi

## Oś czasu
timeline-title = 🕑 <b>Ostatnie { $days } dni</b>
timeline-none = Przez ostatnie { $days } dni nic nowego nie przyszło.
timeline-page = strona { $page } z { $pages }
timeline-held = ⏸ czeka do { $time }
timeline-waiting = ⏳ w drodze
timeline-older = ◀ Starsze
timeline-newer = Nowsze ▶

## Wieczorny skrót i podsumowanie tygodnia
brief-evening-title = 🌙 <b>Na jutro – { $date }</b>
brief-weekly-title = 📊 <b>Podsumowanie tygodnia</b> ({ $from } – { $to })
brief-weekly-grades = Nowe oceny:
brief-weekly-no-grades = W tym tygodniu bez nowych ocen.
brief-weekly-up = ↑ { $delta }
brief-weekly-down = ↓ { $delta }
brief-weekly-attendance = Frekwencja w tym tygodniu: { $absences }, { $lates }.
brief-weekly-attendance-clean = Frekwencja w tym tygodniu: bez nieobecności i spóźnień 👏
brief-weekly-unexcused = Do usprawiedliwienia: { $count ->
    [one] { $count } godzina
    [few] { $count } godziny
    [other] { $count } godziny
   *[many] { $count } godzin
}.

## Ustawienia
settings-quiet = 🌙 Cisza nocna: { $value }
settings-quiet-on = { $start }–{ $end }
settings-quiet-off = wyłączona
settings-categories = 🔔 Powiadomienia: { $value }
settings-categories-all = o wszystkim
settings-categories-muted = wszystkie oprócz: { $names }
settings-brief = 🌆 Wieczorny skrót: { $value }
settings-brief-on = codziennie o { $time }
settings-brief-off = wyłączony
settings-weekly = 📅 Podsumowanie tygodnia: { $value }
settings-weekly-on = włączone
settings-weekly-off = wyłączone
settings-batch = ✉️ Kilka nowości naraz: { $value }
settings-batch-on = w jednej wiadomości
settings-batch-off = każda osobno
settings-admins-only = Ustawienia grupy zmieniają tylko jej administratorzy.
settings-quiet-help = W ciszy nocnej nie piszę. Co przyjdzie w nocy, dostaniesz rano w jednej wiadomości.
settings-categories-help = 🔕 – o tym nie piszę. Polecenia takie jak /oceny działają dalej.
settings-brief-help = Wieczorny skrót: jutrzejszy plan ze zmianami, sprawdziany, zadania i szczęśliwy numerek.
button-settings-language = 🌐 Język
button-settings-quiet = 🌙 Cisza nocna
button-settings-categories = 🔔 Kategorie
button-settings-brief = 🌆 Wieczorny skrót
button-quiet-none = Bez ciszy nocnej
button-brief-on = Włącz wieczorny skrót
button-brief-off = Wyłącz wieczorny skrót
button-weekly-on = 📅 Włącz podsumowanie tygodnia
button-weekly-off = 📅 Wyłącz podsumowanie tygodnia
button-batch-on = ✉️ Zbieraj nowości w jedną wiadomość
button-batch-off = ✉️ Każda nowość osobno

## Grupy rodzinne
button-share = 👥 Udostępnij w grupie
button-child-groups = 👥 Grupy
button-stop-sharing = 🚫 Przestań udostępniać: { $group }
button-share-create = 🔗 Utwórz link do grupy
button-share-open = 👥 Wybierz grupę
share-pick = Które dzieci udostępnić w grupie rodzinnej? Zaznacz je i utwórz link.
share-link =
    Link dla: { $names }. Działa raz, przez { $minutes } minut.
    Naciśnij przycisk i wybierz grupę (musisz być w niej administratorem) albo wyślij w grupie to polecenie:
group-code-private = Ten kod działa w grupie, nie tutaj. Użyj przycisku „Wybierz grupę”.
group-code-anonymous = Nie widzę, kto to wysłał (anonimowy administrator). Wyłącz na chwilę anonimowość i wyślij kod jeszcze raz.
group-code-unknown = Nie znam tego kodu – może jest od innego bota albo został źle skopiowany. Utwórz nowy w prywatnej rozmowie ze mną.
group-code-used = Ten kod został już użyty. Utwórz nowy w prywatnej rozmowie ze mną.
group-code-expired = Ten kod wygasł (działa 10 minut). Utwórz nowy w prywatnej rozmowie ze mną.
group-code-other-user = Tego kodu może użyć tylko rodzic, który go utworzył.
group-code-not-admin = Dzieci w grupie może udostępnić tylko jej administrator. Poproś o uprawnienia i wyślij kod jeszcze raz.
group-code-nothing = Żadne z tych dzieci nie jest już połączone z Twoim kontem, więc nic nie udostępniłem.
group-shared = ✅ Ta grupa dostaje teraz powiadomienia o: { $names }. Polecenia (/oceny, /plan…) działają tu dla tych dzieci.
group-children-title = 👥 <b>Dzieci udostępnione w tej grupie</b>
group-children-hint = Przestać je udostępniać może rodzic dziecka.
button-unshare = Przestań udostępniać: { $name }
group-unshare-not-parent = Przestać udostępniać może tylko rodzic tego dziecka.
group-unshared = { $name }: już nie udostępniam w tej grupie.

## Prywatność
cmd-eksport = Pobierz swoje dane
cmd-usun = Usuń swoje dane
cmd-prywatnosc = Prywatność
privacy-notice =
    🔒 <b>Prywatność</b>
    <b>Co przechowuję:</b> login i hasło dziecka do Synergii (zaszyfrowane AES-256, klucz trzymany poza bazą danych), ostatnio pobrane dane z Librusa (oceny, plan, frekwencja, podglądy wiadomości), Twój identyfikator Telegrama, ustawienia rozmów, wysłane powiadomienia i – jeśli o nie poprosisz – skrót linku do kalendarza (samego linku nie zapisuję), a po odpowiedzi do nauczyciela – kiedy poszła (jej treść zostaje tylko w Librusie).
    <b>Po co:</b> tylko po to, by logować się do Librusa w imieniu dziecka i przekazywać Ci nowości. Nie otwieram wiadomości od nauczycieli bez Twojej prośby.
    <b>Jak długo:</b> wysłane powiadomienia – { $days } dni; reszta – dopóki dziecko jest połączone. Odłączenie dziecka albo /usun kasuje wszystko od razu.
    <b>Kto widzi:</b> Ty, inni rodzice, którzy połączyli to samo dziecko, i grupy, w których je udostępnisz. Nikomu niczego nie przekazuję.
    /eksport – kopia Twoich danych (bez hasła), /usun – usunięcie wszystkiego.
privacy-private-only = To polecenie działa tylko w prywatnej rozmowie ze mną.
export-caption = Twoje dane w Dzwonku (dzieci: { $children }). Hasła w pliku nie ma.
erase-confirm =
    Usunąć wszystkie Twoje dane? Odłączę wszystkie Twoje dzieci, przestanę je udostępniać w grupach i skasuję ustawienia oraz historię powiadomień.
    Dane dziecka zostaną tylko u innego rodzica, który sam je połączył. Tego nie da się cofnąć.
button-erase-yes = 🗑 Tak, usuń wszystko
erase-kept = Nic nie usunąłem.
erase-done = Gotowe – wszystkie Twoje dane zostały usunięte. Jeśli zechcesz wrócić, napisz /start.

## Administrator
admin-title = 🛠 <b>Stan Dzwonka</b>
admin-counts = Rodzice: { $parents } · dzieci (konta): { $children } · rozmowy prywatne: { $chats } · grupy: { $groups }
admin-accounts = Konta: { $value }
admin-hour = Ostatnia godzina: sprawdzenia kont { $polls }, wysłane powiadomienia { $sent }
admin-outbox = Kolejka: do wysłania { $due }, wstrzymane na noc { $held }.
admin-oldest = Najstarsze czeka { $minutes } min.
admin-oldest-none = Nic nie czeka.
admin-errors = Błędy Librusa (ostatnie, wg klasy): { $value }
admin-workers = Procesy aktywne: { $alive } z { $known }
admin-breaker-closed = Librus: pytamy normalnie (wyłącznik zadziałał { $trips } { $trips ->
        [one] raz
       *[other] razy
    } od startu).
admin-breaker-open = ⛔ Librus odmawia wielu kontom naraz – nie pytamy go do { $until } (wyłącznik zadziałał { $trips } { $trips ->
        [one] raz
       *[other] razy
    } od startu).

## Podsumowania
notif-summary-gap = 🗂 <b>{ $name }</b>: podczas przerwy od { $since } przyszło: { $items }. Zobacz /oceny, /frekwencja i /wiadomosci.
notif-summary-many = 🗂 <b>{ $name }</b>: w Librusie pojawiło się naraz dużo nowego: { $items }. Zobacz /oceny, /frekwencja i /wiadomosci.
summary-grades = { $count ->
    [one] { $count } ocena
    [few] { $count } oceny
    [other] { $count } oceny
   *[many] { $count } ocen
}
summary-attendance = { $count ->
    [one] { $count } wpis frekwencji
    [few] { $count } wpisy frekwencji
    [other] { $count } wpisu frekwencji
   *[many] { $count } wpisów frekwencji
}
summary-messages = { $count ->
    [one] { $count } wiadomość
   *[other] { $count } wiadomości
}
summary-notes = { $count ->
    [one] { $count } uwaga
    [few] { $count } uwagi
    [other] { $count } uwagi
   *[many] { $count } uwag
}
summary-agenda = { $count ->
    [one] { $count } wpis w terminarzu
    [few] { $count } wpisy w terminarzu
    [other] { $count } wpisu w terminarzu
   *[many] { $count } wpisów w terminarzu
}
summary-homework = { $count ->
    [one] { $count } zadanie domowe
    [few] { $count } zadania domowe
    [other] { $count } zadania domowego
   *[many] { $count } zadań domowych
}
summary-timetable = { $count ->
    [one] { $count } zmiana w planie
    [few] { $count } zmiany w planie
    [other] { $count } zmiany w planie
   *[many] { $count } zmian w planie
}
summary-announcements = { $count ->
    [one] { $count } ogłoszenie
    [few] { $count } ogłoszenia
    [other] { $count } ogłoszenia
   *[many] { $count } ogłoszeń
}
summary-lucky_number = szczęśliwy numerek

## Prognoza ocen
forecast-title = 🔮 <b>Prognoza – { $name }</b>, semestr { $semester }
forecast-basis-semester = To prognoza ze średniej ważonej ocen tego semestru, nie ocena. Progi: { $thresholds }.
forecast-basis-year = To prognoza ze średniej ważonej ocen z całego roku, nie ocena. Progi: { $thresholds }.
forecast-thresholds-hint = <i>Szkoła ma inne progi w statucie? Ustaw je w /ustawienia albo tak: /prognoza progi 1,6 2,6 3,6 4,6 5,6</i>
forecast-none = Nie ma jeszcze ocen, z których da się policzyć prognozę.
forecast-average = średnia { $value } → { $grade }
forecast-proposal = propozycja nauczyciela: <b>{ $grade }</b>
forecast-at-risk = ⚠️ zagrożenie
forecast-falling = 📉 w dwa tygodnie spadek o całą ocenę
forecast-up = ⬆️ jedna { $value } z wagą { $weight } podniesie do { $grade }
forecast-up-many = ⬆️ do { $grade } potrzeba więcej niż jednej dobrej oceny
forecast-down = ⬇️ jeszcze jedna { $value } z wagą { $weight } obniży do { $grade }
forecast-overall = Średnia prognozowanych ocen: <b>{ $value }</b>. Do świadectwa z wyróżnieniem brakuje { $missing } (potrzeba { $bar } i co najmniej bardzo dobrego zachowania).
forecast-honours = Średnia prognozowanych ocen: <b>{ $value }</b> – to poziom świadectwa z wyróżnieniem, jeśli zachowanie będzie co najmniej bardzo dobre 🎉
forecast-honours-behaviour = Średnia prognozowanych ocen: <b>{ $value }</b>, zachowanie: { behaviour-grade } – to poziom świadectwa z wyróżnieniem 🎉
forecast-honours-short = Średnia prognozowanych ocen: <b>{ $value }</b> wystarcza do wyróżnienia, ale zachowanie jest ocenione jako { behaviour-grade }, a potrzeba co najmniej bardzo dobrego.
forecast-behaviour = Zachowanie w Librusie: { behaviour-grade }.
behaviour-grade = { $scale ->
    [1] wzorowe
    [2] bardzo dobre
    [3] dobre
    [4] poprawne
    [5] nieodpowiednie
   *[6] naganne
}
forecast-risk-list = ⚠️ Zagrożone: { $names }.
forecast-line = 🔮 Prognoza: średnia { $value } (/prognoza)
forecast-line-risk = zagrożone: { $names }
forecast-thresholds-invalid = Podaj pięć rosnących progów od 1 do 6, np. <code>/prognoza progi 1,75 2,75 3,75 4,75 5,5</code> (albo <code>/prognoza progi domyślne</code>).
forecast-thresholds-saved = Zapisane. Progi prognozy: { $thresholds }.
cmd-prognoza = Prognoza ocen na koniec semestru
settings-forecast = 🔮 Progi prognozy: { $value }
settings-forecast-help = Progi ze statutu szkoły: od jakiej średniej prognoza pokazuje 2, 3, 4, 5 i 6. Inne wpiszesz tak: <code>/prognoza progi 1,6 2,6 3,6 4,6 5,3</code>
button-settings-forecast = 🔮 Progi prognozy

category-catch_up = co ominęło w czasie nieobecności

## What to revise before a test, and what was missed during an absence
revision-title = 📚 <b>{ $subject } – { $category }</b>, { $date } · { $name }
revision-since = Tematy od poprzedniego sprawdzianu ({ $date }):
revision-recent = Tematy lekcji z ostatnich tygodni (wcześniejszego sprawdzianu z tego przedmiotu nie ma w terminarzu):
revision-earlier = <i>Starszych tematów nie pokazuję: { $count }.</i>
revision-missed-mark = ❗ nieobecność
revision-missed = ❗ Nieobecność na { $count } z tych lekcji – warto pożyczyć zeszyt.
revision-line = 📚 Do powtórki: { $topics }
revision-line-more = (+{ $count })
revision-line-missed = · ❗ opuszczone lekcje: { $count }
revision-button = 📚 { $subject }, { $date }
revision-not-yet = Tematów lekcji jeszcze nie pobrałem. Naciśnij „Odśwież”, a zapytam Librusa.
revision-none = W Librusie nie ma tematów lekcji z tego przedmiotu z ostatnich tygodni.
revision-none-since = W Librusie nie ma tematów lekcji z tego przedmiotu od poprzedniego sprawdzianu ({ $date }).
revision-no-subject = Ten wpis w terminarzu nie ma przedmiotu, więc nie wiem, które tematy powtórzyć.
revision-gone = Tego wpisu nie ma już w terminarzu – może nauczyciel go przesunął albo usunął. Zobacz /sprawdziany.
revision-module-missing = Szkoła nie udostępnia w Librusie tematów lekcji, więc nie pokażę, co powtórzyć.
catch-up-title = { $days ->
    [one] 🔙 <b>{ $name } wraca do szkoły</b> po dniu nieobecności ({ $from }). Co było w tym czasie:
   *[other] 🔙 <b>{ $name } wraca do szkoły</b> po { $days } dniach nieobecności ({ $from } – { $to }). Co było w tym czasie:
}
catch-up-nothing = W Librusie nie ma z tych dni tematów lekcji ani zadań domowych.
catch-up-not-yet = Tematów lekcji z tych dni jeszcze nie pobrałem; zadania domowe są w /zadania.
catch-up-other = Bez przedmiotu
catch-up-homework = { $topic } – termin: { $due }
catch-up-footer = Tematy wpisują nauczyciele. Tę wiadomość wyłączysz w /ustawienia → Kategorie.

att-unexcused-age = { $days ->
    [0] dziś
    [1] wczoraj
   *[other] { $days } dni temu
}
att-excuse-none = bez e-usprawiedliwienia
att-excuse-new = e-usprawiedliwienie czeka na decyzję
att-excuse-accepted = e-usprawiedliwienie przyjęte
att-excuse-rejected = ❗ e-usprawiedliwienie odrzucone
att-excuse-other = e-usprawiedliwienie: „{ $status }”

teacher-away-one = 👩‍🏫 Nieobecność nauczyciela: { $teacher }, lekcja { $lessons }. W planie może się jeszcze pojawić zastępstwo albo odwołanie.
teacher-away = 👩‍🏫 Nieobecność nauczyciela: { $teacher }, lekcje: { $lessons }. W planie może się jeszcze pojawić zastępstwo albo odwołanie.

settings-forecast-alerts = 📉 Gdy prognoza spadnie o całą ocenę: { $value }
settings-on = piszę
settings-off = nie piszę
button-forecast-alerts-on = 📉 Pisz, gdy prognoza spadnie
button-forecast-alerts-off = Nie pisz o spadku prognozy
notice-forecast-fall = 📉 { $name } – { $subject }: prognoza spadła z { $before } na { $after }. Co ją podniesie: /prognoza

## Calendar feed (/kalendarz) and the feed's own texts
cmd-kalendarz = Terminarz w kalendarzu telefonu
cal-name = Dzwonek: { $who }
cal-all-children = wszystkie dzieci
cal-agenda = { $category } – { $subject }
cal-agenda-plain = Wpis w terminarzu
cal-homework = Zadanie domowe – { $subject }
cal-homework-plain = Zadanie domowe
cal-free-day = Dzień wolny – { $name }
cal-free-day-plain = Dzień wolny
cal-free-lessons = Część lekcji odwołana – { $name }
cal-free-lessons-plain = Część lekcji odwołana
cal-canceled = Odwołana lekcja – { $subject }
cal-canceled-plain = Odwołana lekcja
cal-substitution = Zastępstwo – { $subject }
cal-substitution-plain = Zastępstwo
cal-room = Zmiana sali – { $subject }
cal-room-plain = Zmiana sali
cal-child = { $child }: { $summary }
cal-topic = Temat: { $topic }
cal-teacher = Prowadzi: { $teacher }
cal-room-line = Sala { $room }
cal-off = Kalendarz nie jest włączony na tym serwerze. Zapytaj osobę, która prowadzi tego bota.
cal-admins-only = Link do kalendarza grupy dają administratorzy grupy.
cal-title = 📅 <b>Terminarz w kalendarzu telefonu</b>
cal-intro = Sprawdziany, kartkówki, wycieczki, zebrania i dni wolne same pojawią się w Kalendarzu Google, w kalendarzu iPhone’a albo w Thunderbirdzie. Gdy nauczyciel przesunie sprawdzian, przesunie się też w kalendarzu, a odwołany zniknie.
cal-none = Nie ma jeszcze linku.
cal-live = • { $scope }: link z { $date }, { $fetched }
cal-fetched = kalendarz pobrał go { $when }
cal-not-fetched = jeszcze żaden kalendarz go nie pobrał
cal-options = Zadania domowe i zmiany w planie na najbliższy tydzień włączysz przyciskami poniżej (dotyczą wszystkich linków tej rozmowy).
button-cal-make = 🔗 Link: { $scope }
button-cal-renew = 🔄 Nowy link: { $scope }
button-cal-off = ✖ Wyłącz: { $scope }
button-cal-homework-on = ☑ Zadania domowe
button-cal-homework-off = ☐ Zadania domowe
button-cal-changes-on = ☑ Zmiany w planie
button-cal-changes-off = ☐ Zmiany w planie
button-cal-yes-renew = 🔄 Tak, daj nowy link
button-cal-yes-off = ✖ Tak, wyłącz
cal-ask-renew = Nowy link dla: { $scope }. Obecny przestanie działać, a kalendarze, które go subskrybują, przestaną się odświeżać – trzeba je będzie dodać od nowa. Dać nowy link?
cal-ask-off = Wyłączyć link dla: { $scope }? Kalendarze, które go subskrybują, przestaną dostawać zmiany.
cal-turned-off = Link wyłączony: { $scope }.
cal-link =
    📅 Link do kalendarza – { $scope }:
    <code>{ $url }</code>

    Dodaj go jako subskrypcję:
    • Kalendarz Google (na komputerze): Inne kalendarze → ＋ → Z adresu URL.
    • iPhone: Ustawienia → Kalendarz → Konta → Dodaj konto → Inne → Dodaj subskrybowany kalendarz.
    • Thunderbird: Nowy kalendarz → W sieci.
    Google odświeża subskrypcje co kilka godzin, iPhone i Thunderbird częściej.

    Kto ma ten link, widzi ten terminarz: nie udostępniaj go poza rodziną. Pokazuję go tylko teraz; wymienisz go albo wyłączysz w /kalendarz.
cal-link-sent = Link wysłałem Ci w prywatnej wiadomości.
cal-link-private-first = Najpierw napisz do mnie prywatnie (@{ $bot }), a potem naciśnij przycisk jeszcze raz: link do kalendarza grupy wysyłam tylko prywatnie.
cal-group-scope = grupa { $title }
cal-group-scope-plain = ta grupa

## Answers only the asker sees in a group
settings-private-answers = 🔒 Oceny, frekwencja, uwagi i treść wiadomości: { $value }
settings-private-answers-on = widzi je tylko osoba, która pyta
settings-private-answers-off = widzą je wszyscy w grupie
button-private-answers-on = 🔒 Pokazuj je tylko pytającemu
button-private-answers-off = 👥 Pokazuj je wszystkim w grupie
private-answer-shown = 🔒 { $name }: tę odpowiedź widzisz tylko Ty.
private-answer-shown-button = Nie widzisz? Otwórz w czacie prywatnym
private-answer-refused = 🔒 { $name }: Telegram nie pokazał tej odpowiedzi tylko Tobie, więc nie wysłałem jej tutaj. Otwórz ją w czacie prywatnym ze mną.
private-answer-refused-button = 🔓 Otwórz w czacie prywatnym
private-link-stale = Ten link już nie działa: nie jesteś już w tej grupie albo dziecka już w niej nie udostępniono.
private-link-title = 🔒 Z grupy „{ $title }”:

## A topic per child in the private chat
settings-topics = 🧵 Osobny wątek dla każdego dziecka: { $value }
settings-topics-on = tak
settings-topics-off = nie, wszystko w jednym miejscu
button-topics-on = 🧵 Osobny wątek dla każdego dziecka
button-topics-off = 🧵 Wszystko w jednym miejscu
topic-intro = 🧵 Wątek: { $name }. Tu przychodzą nowości z Librusa o tym dziecku, a polecenia wpisane tutaj (np. /oceny) dotyczą tylko niego.
topics-refused = Telegram nie założył wątków, więc wszystko przychodzi jak dotąd w jednym miejscu. Spróbuj później.

## Column heads of tables (rich messages)
table-subject = Przedmiot
table-grades = Oceny
table-average = Średnia
table-absences = Nieobecności
table-lates = Spóźnienia
table-lesson = Lekcja

## Charts (pictures)
chart-grades-title = Oceny: { $name }, semestr { $semester }
chart-grades-legend = Kropki: oceny. Linia: średnia ważona po każdej z nich.
chart-attendance-title = Nieobecności i spóźnienia tygodniami: { $name }
chart-absent = nieusprawiedliwione
chart-excused = usprawiedliwione
chart-late = spóźnienia
button-chart = 📈 Wykres
chart-caption-grades = 📈 Oceny i średnia ważona – { $name }, semestr { $semester }
chart-caption-attendance = 📈 Nieobecności i spóźnienia tygodniami – { $name }
chart-none-grades = Za mało ocen na wykres: potrzeba co najmniej dwóch ocen z jednego przedmiotu, liczonych do średniej.
chart-none-attendance = Nie ma nieobecności ani spóźnień, więc nie ma czego rysować.
chart-busy = Rysuję inny wykres, spróbuj za chwilę.
chart-drawing = Rysuję…
chart-private-failed = Telegram nie pokazał wykresu tylko Tobie, więc go nie wysłałem.

## The weekly summary's charts
settings-weekly-charts = 📈 Wykres ocen w podsumowaniu tygodnia: { $value }
settings-yes = tak
settings-no = nie
button-weekly-charts-on = 📈 Dołączaj wykres ocen do podsumowania
button-weekly-charts-off = 📈 Bez wykresu w podsumowaniu
