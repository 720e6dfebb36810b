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
    # ------------------------------------------------------------------ the headline
    # (views/sections/headline.py): the first sentences of a report. An entry ending in
    # _one, _few or _other is said in the plural form of its count (labels.plural).
    "headline_largest_area": (
        "Najwięcej obecności było na spotkaniach obszaru „{name}”: {value:number} z "
        "{total:number} ({share:share}).",
        "The most attendances were at meetings of the area “{name}”: {value:number} of "
        "{total:number} ({share:share}).",
    ),
    "headline_largest_area_tied": (
        "Najwięcej obecności, po {value:number} z {total:number} ({share:share}), było na "
        "spotkaniach obszaru „{name}” i {tied}.",
        "The most attendances, {value:number} of {total:number} each ({share:share}), were at "
        "meetings of the area “{name}” and {tied}.",
    ),
    "headline_tied_area_one": (
        "jeszcze {count:number} innego obszaru",
        "{count:number} other area",
    ),
    "headline_tied_area_other": (
        "jeszcze {count:number} innych obszarów",
        "{count:number} other areas",
    ),
    "headline_largest_territory": (
        "Najwięcej obecności było w dzielnicy lub miejscu „{name}”: {value:number} z "
        "{total:number} ({share:share}).",
        "The most attendances were in the district or place “{name}”: {value:number} of "
        "{total:number} ({share:share}).",
    ),
    "headline_largest_territory_tied": (
        "Najwięcej obecności, po {value:number} z {total:number} ({share:share}), było w "
        "dzielnicy lub miejscu „{name}” i {tied}.",
        "The most attendances, {value:number} of {total:number} each ({share:share}), were in "
        "the district or place “{name}” and {tied}.",
    ),
    "headline_tied_territory_one": (
        "w jeszcze {count:number} innej dzielnicy lub innym miejscu",
        "in {count:number} other district or place",
    ),
    "headline_tied_territory_other": (
        "w jeszcze {count:number} innych dzielnicach lub miejscach",
        "in {count:number} other districts or places",
    ),
    "headline_organisations_one": (
        "W spotkaniach wzięła udział {count:number} organizacja.",
        "The meetings were attended by {count:number} organisation.",
    ),
    "headline_organisations_few": (
        "W spotkaniach wzięły udział {count:number} różne organizacje.",
        "The meetings were attended by {count:number} different organisations.",
    ),
    "headline_organisations_other": (
        "W spotkaniach wzięło udział {count:number} różnych organizacji.",
        "The meetings were attended by {count:number} different organisations.",
    ),
    "headline_organisation_attendances": (
        "Organizacje podane przy poszczególnych spotkaniach dają w sumie {count:number}; "
        "organizacja obecna na kilku spotkaniach liczy się przy każdym z nich, więc to suma "
        "obecności organizacji, a nie liczba różnych organizacji.",
        "The organisations counted at each meeting add up to {count:number}; an organisation "
        "at several meetings counts at each of them, so this is a sum of organisation "
        "attendances, not the number of different organisations.",
    ),
    "headline_busiest_month": (
        "Najwięcej obecności przypadło na {month}: {attendances} na {meetings}.",
        "The busiest month was {month}: {attendances} at {meetings}.",
    ),
    "headline_busiest_month_tied": (
        "Najwięcej obecności przypadło na {month}: {attendances} na {meetings}; {tied}.",
        "The earliest of the busiest months was {month}: {attendances} at {meetings}; {tied}.",
    ),
    "headline_attendances_one": ("{count:number} obecność", "{count:number} attendance"),
    "headline_attendances_other": ("{count:number} obecności", "{count:number} attendances"),
    "headline_at_meetings_one": ("{count:number} spotkaniu", "{count:number} meeting"),
    "headline_at_meetings_other": ("{count:number} spotkaniach", "{count:number} meetings"),
    "headline_tied_month_one": (
        "tyle samo miał jeszcze {count:number} inny miesiąc",
        "{count:number} other month had as many",
    ),
    "headline_tied_month_few": (
        "tyle samo miały jeszcze {count:number} inne miesiące",
        "{count:number} other months had as many",
    ),
    "headline_tied_month_other": (
        "tyle samo miało jeszcze {count:number} innych miesięcy",
        "{count:number} other months had as many",
    ),
    # the first and the last FULL month of the report's period (headline.full_months)
    "headline_trend_rose": (
        "Liczba obecności wzrosła z {before:number} w pierwszym pełnym miesiącu okresu "
        "({first}) do {after:number} w ostatnim pełnym miesiącu ({last}).",
        "Attendances rose from {before:number} in {first} to {after:number} in {last}, the "
        "first and last full months of the period.",
    ),
    "headline_trend_fell": (
        "Liczba obecności spadła z {before:number} w pierwszym pełnym miesiącu okresu "
        "({first}) do {after:number} w ostatnim pełnym miesiącu ({last}).",
        "Attendances fell from {before:number} in {first} to {after:number} in {last}, the "
        "first and last full months of the period.",
    ),
    "headline_trend_level": (
        "W pierwszym pełnym miesiącu okresu ({first}) i w ostatnim pełnym miesiącu ({last}) "
        "liczba obecności była taka sama: {before:number}.",
        "Attendances were the same, {before:number}, in {first} and in {last}, the first and "
        "last full months of the period.",
    ),
    "headline_acceptance": (
        "Spośród {rated} {accepted} w całości lub w części ({rate:share}); wyjaśnienia, uwagi "
        "już ujęte w projekcie, wycofane i nierozpatrzone nie są tu liczone.",
        "Of {rated}, {accepted} in full or in part ({rate:share}); explanations, remarks "
        "already covered, withdrawn and pending remarks are not counted here.",
    ),
    "headline_rated_remarks_one": (
        "jednej uwagi uwzględnionej lub odrzuconej",
        "the one remark that was accepted or rejected",
    ),
    "headline_rated_remarks_other": (
        "{count:number} uwag uwzględnionych lub odrzuconych",
        "the {count:number} remarks that were accepted or rejected",
    ),
    "headline_accepted_remarks_one": ("uwzględniono {count:number}", "{count:number} was accepted"),
    "headline_accepted_remarks_other": (
        "uwzględniono {count:number}",
        "{count:number} were accepted",
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
