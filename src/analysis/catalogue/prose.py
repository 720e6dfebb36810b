"""The reports' sentences and table captions, as (Polish, English)."""

from __future__ import annotations

PROSE: dict[str, tuple[str, str]] = {
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
    "organisations_shown": (
        "Pokazano {shown:number} z {count:number} organizacji, te z największą liczbą "
        "przedstawicieli; pełna lista jest w pliku CSV.",
        "Showing the {shown:number} of {count:number} organisations with the most "
        "representatives; the CSV lists them all.",
    ),
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
    "caption_quality_register": ("Wiersze rejestru obecności", "Attendance register rows"),
    "caption_quality_meetings": ("Wiersze tabeli spotkań", "Meetings table rows"),
    # the technical appendix (export.py), folded on screen and left out of print
    "rejected_rows_files": (
        "Odrzucone wiersze wraz z powodami są w pliku rejected-rows.csv, a spotkania "
        "pominięte w pliku left-out-meetings.csv, w folderze danych przetworzonych "
        "(domyślnie data/processed/).",
        "The rejected rows, with their reasons, are in rejected-rows.csv and the meetings "
        "left out in left-out-meetings.csv, in the build's processed-data folder "
        "(data/processed/ unless another was given).",
    ),
    "caption_reasons": ("Powody odrzucenia", "Reasons for rejection"),
}
