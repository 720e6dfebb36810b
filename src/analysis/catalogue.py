"""The label catalogue: every word a reader sees, in Polish and English.

Each entry is a pair (Polish, English). Sentences hold ``{placeholders}`` that
:func:`analysis.labels.say` fills in the report's language; a placeholder's
format says how a value is written: ``{n:number}`` (1 234 / 1,234),
``{x:decimal}`` (one decimal), ``{s:share}`` (18,1%), ``{d:date}`` (25 maja
2018), ``{d:day_month}`` (25 maja), ``{name}`` as it is. Nothing outside this
module chooses words by language. A test checks that both languages have the
same placeholders.
"""

from __future__ import annotations

#: docs/data-contract.md §2: area code -> (Polish, English)
AREA_LABELS: dict[str, tuple[str, str]] = {
    "culture": ("Kultura i sztuka", "Culture and art"),
    "social-welfare": (
        "Pomoc społeczna i osoby z niepełnosprawnościami",
        "Social assistance and people with disabilities",
    ),
    "seniors": ("Wsparcie seniorów", "Support for seniors"),
    "revitalisation": (
        "Rewitalizacja, przestrzeń, Nowa Huta",
        "Revitalisation, public space, Nowa Huta",
    ),
    "youth-education": ("Młodzież i edukacja", "Youth and education"),
    "sport-health": ("Sport, zdrowie, profilaktyka", "Sport, health, prevention"),
    "human-rights": (
        "Antydyskryminacja, mniejszości, prawa kobiet, prawa człowieka",
        "Anti-discrimination, minorities, women's and human rights",
    ),
    "premises": ("Polityka lokalowa i mienie gminy", "Premises policy and municipal property"),
    "ngo-business": ("Współpraca NGO i biznesu", "NGO–business cooperation"),
    "newcomers": (
        "Organizacje nowe we współpracy z miastem",
        "Organisations new to cooperation with the city",
    ),
    "general": ("Spotkanie ogólnobranżowe", "General meeting"),
}


MEETING_KINDS = ("sector", "thematic", "newcomers", "general")
KIND_LABELS: dict[str, tuple[str, str]] = {
    "sector": ("Spotkanie branżowe", "Sector meeting"),
    "thematic": ("Spotkanie tematyczne", "Thematic meeting"),
    "newcomers": ("Spotkanie dla nowych organizacji", "Meeting for new organisations"),
    "general": ("Spotkanie ogólnobranżowe", "General meeting"),
    # a source that gives no kind; Decidim's type_of_meeting values
    "meeting": ("Spotkanie", "Meeting"),
    "in-person": ("Stacjonarne", "In person"),
    "online": ("Online", "Online"),
    "hybrid": ("Hybrydowe", "Hybrid"),
}

#: The code of a blank area or territory, and how it is shown.
UNASSIGNED_LABEL = ("Bez przypisania", "Unassigned")


#: Chart and table wording, (Polish, English).
TEXT: dict[str, tuple[str, str]] = {
    "participants": ("Uczestnicy", "Participants"),
    "organisations": ("Organizacje", "Organisations"),
    "meetings": ("Spotkania", "Meetings"),
    "attendances": ("Obecności", "Attendances"),
    "new_participants": ("Nowi uczestnicy", "New participants"),
    "new_organisations": ("Nowe organizacje", "New organisations"),
    "persons": ("Osoby", "Persons"),
    "people_count": ("Liczba osób", "Number of people"),
    "org_count": ("Liczba organizacji", "Number of organisations"),
    "count": ("Liczba", "Count"),
    "date": ("Data", "Date"),
    "meeting": ("Spotkanie", "Meeting"),
    "area": ("Obszar", "Area"),
    "kind": ("Rodzaj spotkania", "Meeting kind"),
    "week": ("Tydzień", "Week"),
    "meetings_attended": ("Liczba spotkań, w których wzięto udział", "Meetings attended"),
    "chart_by_meeting": (
        "Uczestnicy i organizacje na kolejnych spotkaniach",
        "Participants and organisations at each meeting",
    ),
    "chart_by_area": (
        "Uczestnicy i organizacje według obszaru",
        "Participants and organisations by area",
    ),
    "chart_reach": (
        "Zasięg konsultacji: łączna liczba różnych uczestników i organizacji",
        "Reach: cumulative distinct participants and organisations",
    ),
    "chart_repeat": (
        "Udział w wielu spotkaniach",
        "Repeat participation",
    ),
    "chart_heatmap": (
        "Uczestnicy według obszaru i rodzaju spotkania",
        "Participants by area and meeting kind",
    ),
    "published_total": ("opublikowana suma", "published total"),
    "synthetic_note": ("Dane syntetyczne (demonstracyjne)", "Synthetic (demonstration) data"),
    # report sections
    "key_figures": ("Najważniejsze liczby", "Key figures"),
    "section_meetings": ("Spotkania", "Meetings"),
    "section_areas": ("Obszary i rodzaje spotkań", "Areas and meeting kinds"),
    "section_time": ("Przebieg w czasie", "Over time"),
    "section_repeat": ("Udział w wielu spotkaniach", "Repeat participation"),
    "section_reconciliation": (
        "Porównanie z opublikowanymi danymi",
        "Comparison with the published figures",
    ),
    "section_quality": ("Jakość danych", "Data quality"),
    "section_definitions": ("Definicje", "Definitions"),
    "section_other_areas": (
        "Udział w spotkaniach innych obszarów",
        "Attendance at meetings of other areas",
    ),
    "contents": ("Spis treści", "Contents"),
    "overview_report": ("Przegląd konsultacji", "Consultation overview"),
    "area_report": ("Raport obszaru", "Area report"),
    "all_reports": ("Wszystkie raporty", "All reports"),
    "index_title": ("Raporty z konsultacji", "Consultation reports"),
    "period": ("Okres", "Period"),
    "status": ("Stan", "Status"),
    "report": ("Raport", "Report"),
    "measure": ("Miara", "Measure"),
    "register": ("Rejestr obecności", "Attendance register"),
    "published": ("Opublikowano", "Published"),
    "difference": ("Różnica", "Difference"),
    "reason": ("Powód", "Reason"),
    "rows": ("Wiersze", "Rows"),
    "rows_read": ("Wiersze odczytane", "Rows read"),
    "accepted": ("Przyjęte", "Accepted"),
    "rejected": ("Odrzucone", "Rejected"),
    "duplicates": ("Powtórzone (liczone raz)", "Repeated (counted once)"),
    "other_tables_rejected": (
        "Odrzucone wiersze tabeli spotkań i organizacji",
        "Rejected rows of the meetings and organisations tables",
    ),
    "share_of_all": ("Udział we wszystkich", "Share of all"),
    "per_participant": ("Spotkań na uczestnika", "Meetings per participant"),
    "iso_week": ("Tydzień (ISO)", "Week (ISO)"),
    "week_start": ("Początek tygodnia", "Week starting"),
    "cumulative_participants": ("Łącznie uczestników", "Participants so far"),
    "cumulative_organisations": ("Łącznie organizacji", "Organisations so far"),
    "period_start": ("Początek okresu", "Start of period"),
    "period_end": ("Koniec okresu", "End of period"),
    "equal": ("zgodne", "equal"),
    "differs": ("różnica", "differs"),
    "not comparable": ("brak danych do porównania", "nothing to compare"),
    "status_built": ("zbudowany", "built"),
    "status_unchanged": ("bez zmian", "unchanged"),
    "status_failed": ("błąd – pokazano poprzednią wersję", "failed – previous version shown"),
    "status_failed_none": ("błąd – brak raportu", "failed – no report"),
    "status_cancelled": (
        "przerwany – pokazano poprzednią wersję",
        "interrupted – previous version shown",
    ),
    "status_cancelled_none": ("przerwany – brak raportu", "interrupted – no report"),
    "sources": ("Źródła danych", "Data sources"),
    "version": ("Wersja oprogramowania", "Software version"),
    "checksum": ("suma kontrolna SHA-256", "SHA-256 checksum"),
    "data_covers": ("Dane obejmują", "The data covers"),
    "synthetic_banner": (
        "Uwaga: dane w tym raporcie są syntetyczne (wygenerowane do celów demonstracyjnych). "
        "Liczby nie opisują prawdziwych osób, organizacji ani spotkań.",
        "Note: the data in this report are synthetic (generated for demonstration). The "
        "figures do not describe real people, organisations or meetings.",
    ),
    "section_organisations": ("Organizacje", "Organisations"),
    "organisation": ("Organizacja", "Organisation"),
    "title": ("Tytuł (jak opublikowano)", "Title (as published)"),
    "no_attendance": ("Nikt nie był obecny.", "Nobody attended."),
    "skip": ("Przejdź do treści", "Skip to content"),
    "chart": ("Wykres", "Chart"),
    "status_ok": ("aktualny", "up to date"),
    "no_meetings": ("Brak spotkań w wybranym zakresie.", "No meetings in the selected range."),
    "neutral_title": ("Spotkania konsultacyjne z pliku", "Consultation meetings from"),
    "territory": ("Dzielnica / miejsce", "District / place"),
    "contributions": ("Wnioski i uwagi", "Contributions"),
    "month": ("Miesiąc", "Month"),
    "other_groups": ("pozostałe", "other"),
    "meetings_nobody": ("Spotkania bez nikogo w rejestrze", "Meetings with nobody in the register"),
    "largest_meetings": (
        "Największe spotkania (według liczby uczestników)",
        "The largest meetings (by participants)",
    ),
    "all_meetings": ("Wszystkie spotkania", "All meetings"),
    "left_out_meetings": (
        "Spotkania pominięte (wycofane lub nieopublikowane)",
        "Meetings left out (withdrawn or unpublished)",
    ),
    "download_csv": ("Pobierz tabelę (CSV)", "Download the table (CSV)"),
    "section_territories": ("Dzielnice i miejsca", "Districts and places"),
    "chart_attendances_by_area": ("Obecności według obszaru", "Attendances by area"),
    "chart_attendances_by_territory": ("Obecności według miejsca", "Attendances by place"),
    "chart_attendances_by_month": ("Obecności według miesiąca", "Attendances by month"),
    "chart_attendances_by_kind": (
        "Obecności według rodzaju spotkania",
        "Attendances by meeting kind",
    ),
    "chart_meetings_by_month": ("Spotkania według miesiąca", "Meetings by month"),
    "meetings_without_attendance": ("Spotkania bez liczby uczestników", "Meetings without a count"),
    # ------------------------------------------------------------------ report prose
    "krakow_title": (
        "Konsultacje Wieloletniego Programu Współpracy Gminy Miejskiej Kraków z organizacjami "
        "pozarządowymi na lata 2019–2022",
        "Consultation of Kraków's Multi-Year Programme of Cooperation with NGOs 2019–2022",
    ),
    "consultation_of": ("Konsultacje {subject}", "Consultation of {subject}"),
    "area_heading": ("Raport obszaru: {name}", "Area report: {name}"),
    "page_title": (
        "{heading} · {consultation} · {period}",
        "{heading} · {consultation} · {period}",
    ),
    "per_participant_sentence": (
        "Okres: {period}. Średnio {value:decimal} spotkania na uczestnika.",
        "Period: {period}. On average {value:decimal} meetings per participant.",
    ),
    "share_sentence": (
        "{measure}: {part:number} z {whole:number} w całej konsultacji ({share:share}).",
        "{measure}: {part:number} of {whole:number} in the whole consultation ({share:share}).",
    ),
    "unavailable_sentence": (
        "Źródło podaje liczby uczestników poszczególnych spotkań, bez rejestru obecności. "
        "Nie da się więc policzyć różnych osób i organizacji w całej konsultacji, kto był nowy, "
        "zasięgu ani udziału w wielu spotkaniach; sumy poniżej liczą obecności (osoba na dwóch "
        "spotkaniach liczy się dwa razy).",
        "The source gives per-meeting counts, not an attendance register. Distinct people and "
        "organisations across the consultation, who was new, reach and repeat participation "
        "cannot be computed; the sums below count attendances (a person at two meetings counts "
        "twice).",
    ),
    "without_count_sentence": (
        "{missing:number} z {total:number} spotkań nie ma podanej liczby uczestników: liczą się "
        "jako spotkania, ale nie wchodzą do sum (lista w części „Spotkania”).",
        "{missing:number} of {total:number} meetings have no attendance count: they count as "
        "meetings but are left out of the sums (listed under “Meetings”).",
    ),
    "one_meeting_selected": (
        "W wybranym zakresie było jedno spotkanie.",
        "There was one meeting in the selection.",
    ),
    "no_other_areas": (
        "Uczestnicy tego obszaru nie byli na spotkaniach innych obszarów.",
        "The participants of this area attended no meetings of other areas.",
    ),
    "folded_count": ("{summary} ({count:number})", "{summary} ({count:number})"),
    "other_groups_count": ("pozostałe ({count:number})", "other ({count:number})"),
    # ------------------------------------------------------------------ table captions
    "caption_meetings_counts": (
        "Liczba uczestników i organizacji na każdym spotkaniu, jak podaje źródło (–: nie podano)",
        "Participants and organisations at each meeting as the source gives them (–: not given)",
    ),
    "caption_meetings_register": (
        "Uczestnicy i organizacje na każdym spotkaniu (nowi: po raz pierwszy w konsultacji)",
        "Participants and organisations at each meeting (new: first time in the consultation)",
    ),
    "caption_meetings_area": (
        "Spotkania obszaru (nowi: po raz pierwszy na spotkaniu tego obszaru)",
        "The area's meetings (new: first time at a meeting of this area)",
    ),
    "caption_without_count": (
        "Spotkania bez podanej liczby uczestników ({count:number})",
        "Meetings without an attendance count ({count:number})",
    ),
    "caption_by_area_register": (
        "Według obszaru: różne osoby i organizacje (osoba obecna na dwóch spotkaniach obszaru "
        "liczona raz)",
        "By area: distinct people and organisations (a person at two meetings of an area counts "
        "once)",
    ),
    "caption_by_area": ("Według obszaru", "By area"),
    "caption_by_kind": ("Według rodzaju spotkania", "By meeting kind"),
    "caption_by_month": ("Według miesiąca", "By month"),
    "caption_by_week": ("Według tygodnia", "By week"),
    "caption_reach": (
        "Zasięg: nowe i łącznie różne osoby i organizacje po każdym dniu spotkań",
        "Reach: new and cumulative distinct people and organisations after each meeting day",
    ),
    "caption_persons_per_organisation": (
        "Ile osób reprezentowało organizację",
        "Persons per organisation",
    ),
    "caption_repeat": (
        "Ile osób i organizacji było na dokładnie 1, 2, … spotkaniach",
        "How many people and organisations attended exactly 1, 2, … meetings",
    ),
    "caption_other_areas": (
        "Ilu uczestników tego obszaru było też na spotkaniach innych obszarów",
        "How many of this area's participants also attended other areas' meetings",
    ),
    "caption_organisations": (
        "Organizacje, ich przedstawiciele (różne osoby) i spotkania, na których były",
        "Organisations, their representatives (distinct people) and the meetings they attended",
    ),
    "caption_reconciliation": (
        "Sumy z rejestru obecności a sumy opublikowane (różnica: rejestr minus opublikowane; "
        "dla dat w dniach)",
        "Register totals beside the published ones (difference: register minus published; in "
        "days for dates)",
    ),
    "caption_quality_register": (
        "Wiersze rejestru obecności (szczegóły odrzuceń: data/processed/rejected-rows.csv)",
        "Attendance register rows (rejection details: data/processed/rejected-rows.csv)",
    ),
    "caption_quality_meetings": (
        "Wiersze tabeli spotkań (szczegóły: data/processed/rejected-rows.csv i "
        "left-out-meetings.csv)",
        "Meetings table rows (details: data/processed/rejected-rows.csv and left-out-meetings.csv)",
    ),
    "caption_reasons": ("Powody odrzucenia", "Reasons for rejection"),
    # ------------------------------------------------------------------ definitions
    "definition_counts_participants": (
        "Liczba uczestników spotkania to liczba podana przez źródło; – oznacza, że jej nie podano.",
        "A meeting's participants are the count the source gives; – means none was given.",
    ),
    "definition_counts_attendances": (
        "Obecności to suma uczestników spotkań: osoba obecna na dwóch spotkaniach liczy się "
        "dwa razy.",
        "Attendances are the sum of the meetings' participants: a person at two meetings "
        "counts twice.",
    ),
    "definition_counts_blank": (
        "Spotkanie bez podanej liczby liczy się jako spotkanie, ale nie wchodzi do sum.",
        "A meeting without a count counts as a meeting but is left out of the sums.",
    ),
    "definition_counts_contributions": (
        "Wnioski i uwagi to liczba zgłoszonych na spotkaniu propozycji lub wypowiedzi, jak "
        "podaje źródło.",
        "Contributions are the proposals or remarks recorded at a meeting, as the source "
        "gives them.",
    ),
    "definition_participant": (
        "Uczestnik to osoba (pseudonim w rejestrze); liczona raz, choćby była na wielu "
        "spotkaniach.",
        "A participant is a person (a pseudonym in the register), counted once however many "
        "meetings they attended.",
    ),
    "definition_attendance": (
        "Obecność to para osoba–spotkanie; powtórzony wpis tej samej osoby na tym samym "
        "spotkaniu liczy się raz.",
        "An attendance is a person–meeting pair; a repeated entry of the same person at the "
        "same meeting counts once.",
    ),
    "definition_organisation": (
        "Organizacja była na spotkaniu, jeśli była na nim co najmniej jedna osoba, która ją "
        "reprezentowała.",
        "An organisation attended a meeting when at least one person representing it did.",
    ),
    "definition_new": (
        "Nowy uczestnik (nowa organizacja) na spotkaniu: jest to jego pierwsze spotkanie "
        "według daty (przy tej samej dacie: według identyfikatora spotkania).",
        "A new participant (organisation) at a meeting: it is their first meeting by date "
        "(on the same date: by meeting id).",
    ),
    "definition_reach": (
        "Zasięg: łączna liczba różnych osób i organizacji po każdym dniu spotkań.",
        "Reach: the cumulative number of distinct people and organisations after each meeting day.",
    ),
    # ------------------------------------------------------------------ rejection reasons
    "reason_missing value": ("brak wartości", "missing value"),
    "reason_unknown meeting_id": (
        "spotkanie spoza tabeli spotkań",
        "a meeting that is not in the meetings table",
    ),
    "reason_unknown organisation_id": (
        "organizacja spoza tabeli organizacji",
        "an organisation that is not in the organisations table",
    ),
    "reason_meeting_id repeats an earlier row": (
        "identyfikator spotkania powtarza wcześniejszy wiersz",
        "the meeting's identifier repeats an earlier row",
    ),
    "reason_control character in value": (
        "znak sterujący w wartości",
        "control character in value",
    ),
    # ------------------------------------------------------------------ chart alt text
    "alt_by_meeting_one": (
        "Wykres słupkowy poziomy: liczba uczestników ({participants:number}) i organizacji "
        "({organisations:number}) na spotkaniu „{name}” {date:date}.",
        "Horizontal bar chart: participants ({participants:number}) and organisations "
        "({organisations:number}) at the meeting “{name}” on {date:date}.",
    ),
    "alt_by_meeting": (
        "Wykres słupkowy poziomy: liczba uczestników i organizacji na każdym z {count:number} "
        "spotkań od {first:date} do {last:date}. Najwięcej uczestników ({participants:number}) "
        "było na spotkaniu „{name}” {date:date}.",
        "Horizontal bar chart: participants and organisations at each of {count:number} "
        "meetings from {first:date} to {last:date}. The most participants "
        "({participants:number}) came to “{name}” on {date:date}.",
    ),
    "alt_by_area": (
        "Wykres słupkowy poziomy: liczba różnych uczestników i organizacji w {count:number} "
        "obszarach, od największej. Najwięcej uczestników: „{name}” ({participants:number}).",
        "Horizontal bar chart: distinct participants and organisations in {count:number} "
        "areas, largest first. Most participants: “{name}” ({participants:number}).",
    ),
    "alt_reach": (
        "Wykres schodkowy: łączna liczba różnych uczestników i organizacji po każdym dniu "
        "spotkań; na końcu {participants:number} uczestników i {organisations:number} "
        "organizacji.",
        "Step chart: cumulative distinct participants and organisations after each meeting "
        "day, ending at {participants:number} participants and {organisations:number} "
        "organisations.",
    ),
    "alt_repeat": (
        "Wykres słupkowy: ilu uczestników i ile organizacji wzięło udział w 1, 2 i więcej "
        "spotkaniach. W jednym spotkaniu: {once:number} z {total:number} uczestników.",
        "Bar chart: how many participants and organisations attended 1, 2 or more meetings. "
        "One meeting only: {once:number} of {total:number} participants.",
    ),
    "alt_other_areas": (
        "Wykres słupkowy poziomy: ilu z {participants:number} uczestników obszaru „{area}” "
        "było na spotkaniach {count:number} innych obszarów; najwięcej na „{name}” "
        "({most:number}).",
        "Horizontal bar chart: how many of the {participants:number} participants of "
        "“{area}” attended meetings of {count:number} other areas; most at “{name}” "
        "({most:number}).",
    ),
    "alt_heatmap": (
        "Mapa cieplna: liczba różnych uczestników w {areas:number} obszarach (wiersze) i "
        "{kinds:number} rodzajach spotkań (kolumny); puste pola oznaczają brak spotkań.",
        "Heatmap: distinct participants in {areas:number} areas (rows) and {kinds:number} "
        "meeting kinds (columns); empty cells mean no meeting.",
    ),
    "alt_bars_largest": (
        "Wykres słupkowy poziomy: {title:lower}, {count:number} słupków od największej. "
        "Najwięcej: „{name}” ({value:number}).",
        "Horizontal bar chart: {title:lower}, {count:number} bars largest first. Most: "
        "“{name}” ({value:number}).",
    ),
    "alt_bars_ordered": (
        "Wykres słupkowy poziomy: {title:lower}, {count:number} słupków w kolejności. "
        "Najwięcej: „{name}” ({value:number}).",
        "Horizontal bar chart: {title:lower}, {count:number} bars in order. Most: “{name}” "
        "({value:number}).",
    ),
    "alt_synthetic": ("{alt} ({note:lower})", "{alt} ({note:lower})"),
    "published_total_value": (
        "opublikowana suma: {value:number}",
        "published total: {value:number}",
    ),
    "axis_people_orgs": (
        "Liczba osób / liczba organizacji",
        "Number of people / number of organisations",
    ),
    "axis_meeting_date": ("Spotkanie (data)", "Meeting (date)"),
    "meeting_row": ("{date:day_month} · {name}", "{date:day_month} · {name}"),
}
