"""Definitions under the tables, reasons for rejecting a row, and chart alt texts, as
(Polish, English)."""

from __future__ import annotations

NOTES: dict[str, tuple[str, str]] = {
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
    "definition_counts_organisation_attendances": (
        "Obecności organizacji to suma liczb organizacji podanych dla każdego spotkania: "
        "organizacja obecna na dwóch spotkaniach liczy się dwa razy, więc nie jest to liczba "
        "różnych organizacji.",
        "Organisation attendances are the sum of the organisation counts given for each "
        "meeting: an organisation at two meetings counts twice, so this is not the number of "
        "distinct organisations.",
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
    "reason_line break in value": (
        "podział wiersza w wartości (zbłąkany cudzysłów mógł połączyć wiersze)",
        "a line break in a value (a stray double quote may have joined rows)",
    ),
    "reason_participant_id looks like an e-mail address": (
        "identyfikator uczestnika wygląda jak adres e-mail (potrzebny pseudonim)",
        "a participant identifier that looks like an e-mail address (a pseudonym is needed)",
    ),
    "reason_organisation_id repeats an earlier row": (
        "identyfikator organizacji powtarza wcześniejszy wiersz",
        "the organisation's identifier repeats an earlier row",
    ),
    "reason_not a whole number ≥ N": (
        "to nie liczba całkowita ≥ 0 (np. 79, 79.0, 1 234)",
        "not a whole number ≥ 0 (e.g. 79, 79.0, 1 234)",
    ),
    "reason_invisible character in value": (
        "niewidoczny znak w wartości (np. spacja o zerowej szerokości)",
        "an invisible character in a value (e.g. a zero-width space)",
    ),
    "reason_too large for a count": (
        "liczba za duża jak na liczbę osób (najwyżej 999 999 999)",
        "too large for a count (at most 999 999 999)",
    ),
    "reason_not a date": (
        "to nie data (przyjmowane: RRRR-MM-DD, DD.MM.RRRR lub DD/MM/RRRR)",
        "not a date (accepted: YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY)",
    ),
    "reason_no such date": (
        "taki dzień nie istnieje (np. 31 czerwca)",
        "a day that does not exist (e.g. 31 June)",
    ),
    "reason_date out of range": (
        "data spoza obsługiwanych lat (1678–2261)",
        "a date outside the years handled (1678–2261)",
    ),
    "reason_expected N fields, found N": (
        "wiersz ma inną liczbę pól niż nagłówek",
        "a row with another number of fields than the header",
    ),
    "reason_a quoted value runs from line N to line N and holds what look like whole rows": (
        "wartość w cudzysłowie obejmuje całe wiersze (zbłąkany cudzysłów?)",
        "a quoted value that holds whole rows (a stray double quote?)",
    ),
    "reason_a value outside the header's N columns": (
        "wartość poza kolumnami nagłówka",
        "a value outside the header's columns",
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
    "alt_bars_folded": (
        "Najmniejsze grupy pokazano razem jako ostatni, szary, kreskowany słupek „{name}”.",
        "The smallest groups are drawn together as the last, grey, hatched bar “{name}”.",
    ),
    "meeting_row": ("{date:day_month} · {name}", "{date:day_month} · {name}"),
    # ------------------------------------------------------------------ print and PDF
    "page_of": ("strona {page} z {pages}", "page {page} of {pages}"),
    "folded_in_print": ("pełna tabela w pliku", "the full table in the file"),
}
