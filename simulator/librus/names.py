"""Polish names, subjects and texts for the generated world."""

from __future__ import annotations

GIRLS = (
    "Zofia",
    "Julia",
    "Zuzanna",
    "Hanna",
    "Maja",
    "Lena",
    "Alicja",
    "Oliwia",
    "Laura",
    "Maria",
    "Pola",
    "Antonina",
    "Amelia",
    "Wiktoria",
    "Natalia",
    "Iga",
    "Łucja",
    "Gabriela",
)
BOYS = (
    "Antoni",
    "Jan",
    "Aleksander",
    "Franciszek",
    "Nikodem",
    "Jakub",
    "Leon",
    "Szymon",
    "Filip",
    "Stanisław",
    "Mikołaj",
    "Wojciech",
    "Kacper",
    "Adam",
    "Michał",
    "Józef",
)
# (male form, female form)
SURNAMES = (
    ("Nowak", "Nowak"),
    ("Kowalski", "Kowalska"),
    ("Wiśniewski", "Wiśniewska"),
    ("Wójcik", "Wójcik"),
    ("Kowalczyk", "Kowalczyk"),
    ("Kamiński", "Kamińska"),
    ("Lewandowski", "Lewandowska"),
    ("Zieliński", "Zielińska"),
    ("Szymański", "Szymańska"),
    ("Woźniak", "Woźniak"),
    ("Dąbrowski", "Dąbrowska"),
    ("Kozłowski", "Kozłowska"),
    ("Jankowski", "Jankowska"),
    ("Mazur", "Mazur"),
    ("Krawczyk", "Krawczyk"),
    ("Piotrowski", "Piotrowska"),
    ("Grabowski", "Grabowska"),
    ("Pawłowski", "Pawłowska"),
)
TEACHER_FIRST = (
    ("Anna", "f"),
    ("Katarzyna", "f"),
    ("Małgorzata", "f"),
    ("Agnieszka", "f"),
    ("Ewa", "f"),
    ("Barbara", "f"),
    ("Joanna", "f"),
    ("Beata", "f"),
    ("Piotr", "m"),
    ("Krzysztof", "m"),
    ("Tomasz", "m"),
    ("Marek", "m"),
    ("Paweł", "m"),
    ("Grzegorz", "m"),
    ("Dorota", "f"),
)

# (name, short, weekly hours)
SUBJECTS = (
    ("Język polski", "pol", 5),
    ("Matematyka", "mat", 4),
    ("Język angielski", "ang", 3),
    ("Historia", "his", 2),
    ("Biologia", "bio", 1),
    ("Geografia", "geo", 1),
    ("Chemia", "che", 2),
    ("Fizyka", "fiz", 2),
    ("Informatyka", "inf", 1),
    ("Wychowanie fizyczne", "wf", 4),
    ("Religia", "rel", 2),
    ("Plastyka", "pla", 1),
    ("Muzyka", "muz", 1),
    ("Godzina wychowawcza", "gw", 1),
)

# (name, weight, counts to the average, short)
GRADE_CATEGORIES = (
    ("Sprawdzian", 3, True, "spr"),
    ("Kartkówka", 2, True, "kart"),
    ("Odpowiedź ustna", 1, True, "odp"),
    ("Zadanie domowe", 1, True, "zd"),
    ("Aktywność", 1, True, "akt"),
    ("Praca na lekcji", 1, True, "pnl"),
    ("Projekt", 2, True, "proj"),
    ("Ocena próbna", 0, False, "pr"),
)

# (name, period kind) for the categories of semester and final grades.
PERIOD_CATEGORIES = (
    ("przewidywana śródroczna", "semester_proposal"),
    ("śródroczna", "semester"),
    ("przewidywana roczna", "final_proposal"),
    ("roczna", "final"),
)

AGENDA_CATEGORIES = (
    "sprawdzian",
    "kartkówka",
    "wycieczka",
    "zebranie z rodzicami",
    "konkurs",
    "inne",
)
NOTE_CATEGORIES = ("Zachowanie na lekcji", "Pochwała", "Spóźnienia", "Obowiązkowość")
FREE_DAY_TYPES = ("Wycieczka", "Próbny egzamin ósmoklasisty", "Rekolekcje")

TEST_TOPICS = (
    "Ułamki zwykłe i dziesiętne",
    "Czasowniki nieregularne",
    "Piastowie",
    "Układ krwionośny",
    "Mapa Polski",
    "Reakcje chemiczne",
    "Ruch jednostajny",
    "Lektura: „Akademia pana Kleksa”",
    "Present Perfect",
    "Równania z jedną niewiadomą",
    "Klimat i pogoda",
    "Budowa komórki",
    "Wiersze Juliana Tuwima",
)
HOMEWORK_TOPICS = (
    ("Zadania 1–5 ze str. 64", "Rozwiąż zadania w zeszycie, pokaż obliczenia."),
    ("Wypracowanie", "Napisz opowiadanie (min. 150 słów) o wakacyjnej przygodzie."),
    ("Słówka unit 4", "Naucz się słówek z działu 4 i zrób ćwiczenia 2 i 3 z zeszytu ćwiczeń."),
    ("Karta pracy", "Uzupełnij kartę pracy rozdaną na lekcji."),
    ("Projekt grupowy", "Przygotujcie w grupach plakat na temat ochrony środowiska."),
)
# What a test of a subject covers: (grades 1-3, grades 4-8). A subject without its own
# topics gets a plain one.
SUBJECT_TEST_TOPICS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Język polski": (
        ("Czytanie ze zrozumieniem", "Wiersze Juliana Tuwima", "Alfabet"),
        ("Lektura: „Akademia pana Kleksa”", "Części mowy", "Wiersze Juliana Tuwima"),
    ),
    "Matematyka": (
        ("Dodawanie i odejmowanie do 100", "Tabliczka mnożenia", "Zegar i kalendarz"),
        ("Ułamki zwykłe i dziesiętne", "Równania z jedną niewiadomą", "Pola figur"),
    ),
    "Język angielski": (
        ("Colours and animals", "My family", "Numbers 1–20"),
        ("Present Perfect", "Czasowniki nieregularne", "Past Simple"),
    ),
    "Historia": ((), ("Piastowie", "Starożytny Rzym", "Rozbiory Polski")),
    "Biologia": ((), ("Układ krwionośny", "Budowa komórki", "Fotosynteza")),
    "Geografia": ((), ("Mapa Polski", "Klimat i pogoda", "Krajobrazy Polski")),
    "Chemia": ((), ("Reakcje chemiczne", "Układ okresowy", "Kwasy i zasady")),
    "Fizyka": ((), ("Ruch jednostajny", "Siły i ich oddziaływanie", "Prąd elektryczny")),
    "Informatyka": ((), ("Algorytmy", "Arkusz kalkulacyjny")),
    "Muzyka": (("Piosenki o jesieni",), ("Instrumenty orkiestry", "Zapis nutowy")),
    "Plastyka": (("Barwy podstawowe",), ("Barwy podstawowe i pochodne", "Sztuka średniowiecza")),
    "Religia": (("Modlitwa",), ("Przypowieści",)),
}
# Homework a subject gives: (topic, text).
SUBJECT_HOMEWORK: dict[str, tuple[tuple[str, str], ...]] = {
    "Język polski": (
        ("Wypracowanie", "Napisz opowiadanie (min. 150 słów) o wakacyjnej przygodzie."),
        ("Czytanie", "Przeczytaj rozdział lektury i zapisz trzy pytania do tekstu."),
    ),
    "Matematyka": (
        ("Zadania 1–5 ze str. 64", "Rozwiąż zadania w zeszycie, pokaż obliczenia."),
        ("Karta pracy", "Uzupełnij kartę pracy rozdaną na lekcji."),
    ),
    "Język angielski": (
        ("Słówka unit 4", "Naucz się słówek z działu 4 i zrób ćwiczenia 2 i 3 z zeszytu ćwiczeń."),
    ),
    "Biologia": (
        ("Projekt grupowy", "Przygotujcie w grupach plakat na temat ochrony środowiska."),
    ),
}


def topic_of_test(subject: str, grade: int, n: int) -> str:
    """A test's topic that fits its subject and the class's year."""
    young, older = SUBJECT_TEST_TOPICS.get(subject, ((), ()))
    topics = (young if grade <= 3 else older) or older or young
    return topics[n % len(topics)] if topics else f"{subject} – bieżący dział"


def homework_topic(subject: str, n: int) -> tuple[str, str]:
    """Homework that fits its subject."""
    given = SUBJECT_HOMEWORK.get(subject) or (
        ("Karta pracy", "Uzupełnij kartę pracy rozdaną na lekcji."),
        ("Powtórzenie", "Powtórz wiadomości z ostatniej lekcji."),
    )
    return given[n % len(given)]


COMMENTS = (
    "Bardzo dobra praca, brawo!",
    "Brak zadania domowego.",
    "Poprawa sprawdzianu.",
    "Aktywność na lekcji <3 & zaangażowanie",
    "Proszę o staranniejsze pismo.",
    "Praca w grupach – analiza tekstu źródłowego.",
    "Sprawdzian z działu: liczby i działania. Zadanie 4 wymaga poprawy; "
    "proszę przećwiczyć zadania z podręcznika (str. 45–47) oraz z zeszytu ćwiczeń 😊",
)
NOTICE_SUBJECTS = (
    ("Zebranie z rodzicami", "Zapraszamy na zebranie z wychowawcami w czwartek o 17:30."),
    ("Dzień Otwarty", "W sobotę szkoła organizuje Dzień Otwarty. Zapraszamy całe rodziny!"),
    ("Zbiórka makulatury", "Od poniedziałku do piątku zbieramy makulaturę przy wejściu B."),
    ("Ubezpieczenie NNW", "Przypominamy o opłacie za ubezpieczenie NNW do końca miesiąca."),
    ("Wyjście do teatru", "Klasy 4–6 jadą do teatru. Wyjazd o 8:15 sprzed szkoły."),
    ("Szczepienia", "Informacja pielęgniarki szkolnej o szczepieniach przeciw grypie."),
)
MESSAGE_TEXTS = (
    (
        "Wycieczka do Krakowa",
        "Szanowni Państwo,<br>w piątek jedziemy na wycieczkę do Krakowa. "
        "Zbiórka o 7:00 przed szkołą. Proszę zabrać prowiant i legitymację.<br>Pozdrawiam",
    ),
    ("Zebranie", "Dzień dobry,<br>uprzejmie przypominam o zebraniu w czwartek o 17:30 w sali 12."),
    ("Strój galowy", "Proszę pamiętać o stroju galowym na akademię 10 listopada."),
    (
        "Prośba o kontakt",
        "Dzień dobry, proszę o kontakt w sprawie zachowania syna/córki na lekcjach. Z poważaniem",
    ),
    (
        "Zadanie dodatkowe",
        "Dla chętnych: zadanie dodatkowe z fizyki, termin oddania "
        '<b>do piątku</b>. Szczegóły: <a href="https://liblink.pl/x1">link</a>',
    ),
    (
        "Konkurs matematyczny",
        "Zapraszam uczniów do udziału w konkursie Kangur. Zgłoszenia do 15 grudnia.",
    ),
)
LONG_MESSAGE_TAIL = (
    "<br><br>Przypominam również o kilku sprawach organizacyjnych. Po pierwsze, w przyszłym "
    "tygodniu rozpoczynamy zajęcia dodatkowe z matematyki dla chętnych – odbywają się we "
    "wtorki po 7. lekcji w sali 14; proszę o zgłoszenia do piątku. Po drugie, uczniowie, "
    "którzy nie oddali jeszcze zgód na wyjście do kina, proszeni są o przyniesienie ich jak "
    "najszybciej. Po trzecie, zbieramy składki na radę rodziców – szczegóły przekaże "
    "skarbnik klasy.<br><br>W razie pytań jestem do dyspozycji w czwartki od 14:30 do 15:15 "
    "w pokoju nauczycielskim albo przez wiadomości w Librusie.<br>Z wyrazami szacunku"
)
NOTE_TEXTS = (
    ("Rozmawiał na lekcji i przeszkadzał innym.", 0),
    ("Pomoc koledze w nauce – wzorowa postawa!", 1),
    ("Brak stroju na WF po raz trzeci.", 0),
    ("Reprezentował szkołę w konkursie recytatorskim.", 1),
    ("Spóźnienie na pierwszą lekcję.", 2),
)
PATRONS = ("Marii Konopnickiej", "Jana Pawła II", "Tadeusza Kościuszki", "Polskich Olimpijczyków")
TOWNS = (("Warszawa", "00-"), ("Kraków", "30-"), ("Poznań", "60-"), ("Gdańsk", "80-"))
STREETS = ("Szkolna", "Lipowa", "Kościuszki", "Mickiewicza", "Słoneczna", "Ogrodowa")


def gender_of(first_name: str) -> str:
    """'f' or 'm' for an adult's first name of TEACHER_FIRST (parents use them too)."""
    return next((g for name, g in TEACHER_FIRST if name == first_name), "f")
