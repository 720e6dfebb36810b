"""The way a remark was dealt with: seven outcomes, and the officials' wordings of them.

A remarks register says in words what the city did with each remark ("Uwzględniona",
"nie uwzględniono", "Partly accepted"); a platform says it in tokens (Decidim's
``accepted``, ``evaluating``). Each wording is matched to one outcome ignoring case,
accents, punctuation, spacing and word order; a wording nobody wrote down is never
guessed: the row is rejected and the user maps it (``--remarks-outcome "WORDING=CODE"``).

>>> outcome_of("Uwzględniona"), outcome_of("nie  uwzględniono"), outcome_of("Accepted partly")
('accepted', 'rejected', 'partly_accepted')
>>> outcome_of(""), outcome_of("przyjęta do wiadomości") is None
('pending', True)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from analysis.errors import ParameterError

#: The outcomes, in the order tables and charts show them.
OUTCOMES = (
    "accepted",
    "partly_accepted",
    "rejected",
    "explained",
    "already_covered",
    "withdrawn",
    "pending",
)
#: Outcomes that answer a remark (the others: withdrawn by its author, or not yet answered).
DECIDED = ("accepted", "partly_accepted", "rejected", "explained", "already_covered")
#: The acceptance rate: (accepted + partly accepted) / (accepted + partly + rejected).
ACCEPTED = ("accepted", "partly_accepted")
RATED = ("accepted", "partly_accepted", "rejected")

#: Wordings officials and platforms use, in Polish and English, for each outcome.
WORDINGS: dict[str, tuple[str, ...]] = {
    "accepted": (
        "accepted",
        "uwzględniona",
        "uwzględniono",
        "uwzględnione",
        "uwzględniony",
        "przyjęta",
        "przyjęto",
        "zaakceptowana",
        "tak",
    ),  # fmt: skip
    "partly_accepted": (
        "partly accepted",
        "partially accepted",
        "accepted in part",
        "częściowo uwzględniona",
        "częściowo uwzględniono",
        "uwzględniona częściowo",
        "częściowo przyjęta",
        "partly_accepted",
    ),  # fmt: skip
    "rejected": (
        "rejected",
        "not accepted",
        "nieuwzględniona",
        "nie uwzględniono",
        "nie uwzględniona",
        "odrzucona",
        "odrzucono",
        "nie",
    ),  # fmt: skip
    "explained": ("explained", "answered", "wyjaśnienie", "wyjaśniono", "wyjaśniona"),
    "already_covered": (
        "already covered",
        "already included",
        "już ujęta",
        "już ujęta w programie",
        "już ujęta w projekcie",
        "ujęta w projekcie",
        "already_covered",
    ),  # fmt: skip
    "withdrawn": ("withdrawn", "wycofana", "wycofano", "wycofane"),
    "pending": (
        "pending",
        "evaluating",
        "not answered",
        "not_answered",
        "w trakcie rozpatrywania",
        "nierozpatrzona",
        "oczekuje",
    ),  # fmt: skip
}


def fold_wording(text: str) -> str:
    """A wording as it is compared: lower case, no accents (``ł`` as ``l``), words sorted.

    >>> fold_wording("  Nie   UWZGLĘDNIONO. "), fold_wording("uwzględniono, nie")
    ('nie uwzgledniono', 'nie uwzgledniono')
    """
    text = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    plain = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    words = re.findall(r"[^\W_]+", plain)
    return " ".join(sorted(words))


_KNOWN = {fold_wording(w): code for code, words in WORDINGS.items() for w in words}


def outcome_of(wording: str, extra: Mapping[str, str] | None = None) -> str | None:
    """The outcome code of ``wording`` (blank: ``pending``); ``extra`` maps more wordings
    (the user's ``--remarks-outcome``); None when nobody wrote this wording down."""
    folded = fold_wording(wording)
    if not folded:
        return "pending"
    for written, code in (extra or {}).items():
        if fold_wording(written) == folded:
            return code
    return _KNOWN.get(folded)


def check_outcome_mapping(mapping: Mapping[str, str]) -> dict[str, str]:
    """The user's ``{wording: code}``; a code that is not an outcome is a ParameterError."""
    for wording, code in mapping.items():
        if code not in OUTCOMES:
            raise ParameterError(
                f"--remarks-outcome {wording}={code}: unknown outcome {code!r}; "
                f"outcomes: {', '.join(OUTCOMES)}"
            )
    return dict(mapping)


def parse_outcomes(assignments: list[str]) -> dict[str, str]:
    """``["WORDING=CODE", ...]`` (the command line's ``--remarks-outcome``) ->
    ``{wording: code}``, each code an outcome; the wording may itself hold ``=``.

    >>> parse_outcomes(["przyjęta do wiadomości=explained"])
    {'przyjęta do wiadomości': 'explained'}
    """
    mapping = {}
    for assignment in assignments:
        wording, sep, code = assignment.rpartition("=")
        if not sep or not wording.strip():
            raise ParameterError(f"--remarks-outcome {assignment!r}: expected WORDING=CODE")
        mapping[wording.strip()] = code.strip()
    return check_outcome_mapping(mapping)
