"""Words of the remarks register's section, table and chart, as (Polish, English).

Each outcome has two entries: ``outcome_<code>`` says how one remark was dealt with (a
cell of the list of remarks), ``outcomes_<code>`` heads a column of counts and names a
colour of the chart's legend.
"""

from __future__ import annotations

REMARKS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ outcomes
    "outcome_accepted": ("uwzględniona", "accepted"),
    "outcome_partly_accepted": ("uwzględniona częściowo", "partly accepted"),
    "outcome_rejected": ("nieuwzględniona", "rejected"),
    "outcome_explained": ("wyjaśnienie", "explained"),
    "outcome_already_covered": ("już ujęta w projekcie", "already covered"),
    "outcome_withdrawn": ("wycofana", "withdrawn"),
    "outcome_pending": ("nierozpatrzona", "pending"),
    "outcomes_accepted": ("Uwzględnione", "Accepted"),
    "outcomes_partly_accepted": ("Uwzględnione częściowo", "Partly accepted"),
    "outcomes_rejected": ("Nieuwzględnione", "Rejected"),
    "outcomes_explained": ("Wyjaśnienia", "Explained"),
    "outcomes_already_covered": ("Już ujęte", "Already covered"),
    "outcomes_withdrawn": ("Wycofane", "Withdrawn"),
    "outcomes_pending": ("Nierozpatrzone", "Pending"),
    # ------------------------------------------------------------------ headings, key figures
    "section_remarks": ("Uwagi i wnioski", "Remarks and proposals"),
    "remarks": ("Uwagi", "Remarks"),
    "remarks_decided": ("Rozpatrzone", "Answered"),
    "remarks_written": ("Złożone na piśmie", "Written submissions"),
    "remarks_supports": ("Poparcia", "Supports"),
    # ------------------------------------------------------------------ column headers
    "remark_id": ("Lp.", "No."),
    "remark_text": ("Treść uwagi", "Remark"),
    "remark_submitter": ("Zgłaszający", "Submitted by"),
    "remark_meeting": ("Spotkanie", "Meeting"),
    "remark_outcome": ("Sposób rozpatrzenia", "Outcome"),
    "remark_response": ("Uzasadnienie stanowiska", "Response"),
    "remarks_acceptance_rate": ("Odsetek uwzględnionych", "Acceptance rate"),
    "remarks_denominator": ("Podstawa odsetka (n)", "Rate base (n)"),
    "remarks_acceptance_rate_n": ("Odsetek uwzględnionych (n)", "Acceptance rate (n)"),
    "remarks_rate_with_base": ("{rate:share} (n = {n:number})", "{rate:share} (n = {n:number})"),
    "remarks_no_rate_with_base": ("– (n = {n:number})", "– (n = {n:number})"),
    "remarks_share": ("Udział", "Share"),
    # ------------------------------------------------------------------ cells
    "private_person": ("osoba prywatna", "private person"),
    "written_submission": ("uwaga złożona na piśmie", "written submission"),
    "remark_at_meeting": ("{name} ({date:date})", "{name} ({date:date})"),
    # ------------------------------------------------------------------ sentences
    "remarks_acceptance_sentence": (
        "Odsetek uwzględnionych: {rate:share} (n = {denominator:number}), czyli uwagi "
        "uwzględnione w całości lub w części wśród uwzględnionych, uwzględnionych częściowo "
        "i nieuwzględnionych; wyjaśnienia, uwagi już ujęte, wycofane i nierozpatrzone są "
        "liczone, ale nie wchodzą do odsetka.",
        "Acceptance rate: {rate:share} (n = {denominator:number}): remarks accepted in whole "
        "or in part among those accepted, partly accepted and rejected; explained, already "
        "covered, withdrawn and pending remarks are counted but not in the rate.",
    ),
    "remarks_acceptance_none": (
        "Żadnej uwagi nie uwzględniono ani nie odrzucono, więc nie ma odsetka uwzględnionych.",
        "No remark was accepted or rejected, so there is no acceptance rate.",
    ),
    "remarks_none": (
        "W tym zakresie rejestr nie zawiera żadnej uwagi.",
        "The remarks register has no remark in this selection.",
    ),
    "remarks_private_sentence": (
        "Uwagi osób prywatnych (nie wymienione z nazwy): {count:number}.",
        "Remarks from private persons (not named): {count:number}.",
    ),
    "remarks_attended_sentence": (
        "Uwagi organizacji obecnych na co najmniej jednym spotkaniu: {attended:number}; "
        "organizacji nieobecnych na żadnym: {not_attended:number}.",
        "Remarks from organisations that attended at least one meeting: {attended:number}; "
        "from organisations that attended none: {not_attended:number}.",
    ),
    "remarks_undated_sentence": (
        "Uwagi bez daty zgłoszenia i bez spotkania (poza tabelą miesięcy): {count:number}.",
        "Remarks with neither a date nor a meeting (not in the months table): {count:number}.",
    ),
    "remarks_shown_note": (
        "Pokazano {shown:number} z {count:number} uwag; pozostałe są niżej, a wszystkie w pliku "
        "CSV.",
        "Showing {shown:number} of {count:number} remarks; the others are below, and the CSV "
        "lists them all.",
    ),
    "remarks_shown_capped_note": (
        "Pokazano {shown:number} z {count:number} uwag, kolejne {folded:number} są niżej; "
        "wszystkie są w pliku CSV.",
        "Showing {shown:number} of {count:number} remarks and the next {folded:number} "
        "below; the CSV holds them all.",
    ),
    "remarks_organisations_note": (
        "Pokazano {shown:number} organizacji z największą liczbą uwag spośród "
        "{count:number}; wszystkie są w pliku CSV.",
        "Showing the {shown:number} organisations with the most remarks of {count:number}; "
        "the CSV lists them all.",
    ),
    "remarks_rest": ("Pozostałe uwagi ({count:number})", "The other remarks ({count:number})"),
    # ------------------------------------------------------------------ captions
    "caption_remarks_by_outcome": (
        "Uwagi według sposobu rozpatrzenia",
        "Remarks by outcome",
    ),
    "caption_remarks_by_area": (
        "Sposób rozpatrzenia uwag według obszaru, od obszaru z największą liczbą uwag",
        "Outcomes of the remarks by area, the area with the most remarks first",
    ),
    "caption_remarks_most_supported": (
        "Najczęściej popierane uwagi ({count:number})",
        "The {count:number} most supported remarks",
    ),
    "caption_remarks_supported_first": (
        "Uwagi, od najczęściej popieranych ({count:number})",
        "Remarks, the most supported first ({count:number})",
    ),
    "caption_remarks_first": (
        "Pierwsze uwagi w kolejności rejestru ({count:number})",
        "The first {count:number} remarks, in the register's order",
    ),
    "caption_remarks_in_order": (
        "Uwagi w kolejności rejestru ({count:number})",
        "Remarks in the register's order ({count:number})",
    ),
    "caption_remarks_organisations": (
        "Uwagi według zgłaszającej organizacji",
        "Remarks by the organisation that submitted them",
    ),
    "caption_remarks_by_meeting": (
        "Uwagi zgłoszone na każdym spotkaniu (propozycja zgłoszona na dwóch spotkaniach "
        "liczy się na każdym z nich)",
        "Remarks raised at each meeting (a proposal raised at two meetings counts at each)",
    ),
    "caption_remarks_by_month": (
        "Uwagi według miesiąca (data zgłoszenia, a bez niej data spotkania)",
        "Remarks by month (the date submitted, else the meeting's date)",
    ),
    "caption_remarks_by_territory": (
        "Uwagi według dzielnicy lub miejsca",
        "Remarks by district or place",
    ),
    # ------------------------------------------------------------------ chart
    "chart_remarks_by_area": (
        "Sposób rozpatrzenia uwag według obszaru",
        "Outcomes of the remarks by area",
    ),
    "remarks_count": ("Liczba uwag", "Number of remarks"),
    "alt_remarks_by_area": (
        "Skumulowany wykres słupkowy poziomy: sposób rozpatrzenia {remarks:number} uwag w "
        "{count:number} obszarach, od obszaru z największą liczbą uwag. Najwięcej uwag: "
        "„{name}” ({largest:number}).",
        "Stacked horizontal bar chart: the outcomes of {remarks:number} remarks in "
        "{count:number} areas, the area with the most remarks first. Most remarks: "
        "“{name}” ({largest:number}).",
    ),
}
