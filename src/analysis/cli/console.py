"""The console's lines: what was read and rejected, one line per report, interruptions.

Every line goes through :func:`echo`, which escapes control characters a file may carry.
"""

from __future__ import annotations

import re
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.files import shown

if TYPE_CHECKING:
    from analysis.build.options import BuildResult, JobResult
    from analysis.consultation import Consultation

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
#: Problems listed on the console; the rest are in the rejects file.
MAX_LISTED = 20


def printable(text: str) -> str:
    r"""A line as the console may show it: control characters from a file (an escape
    sequence in a header, a NUL in a value) are written as ``\xNN``, never sent raw.

    >>> printable("column \x1b[2J")
    'column \\x1b[2J'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def echo(line: str, file=None) -> None:
    """Print one line of the console output, made printable."""
    print(printable(line), file=file or sys.stdout)


def summary_lines(consultation: Consultation) -> list[str]:
    """A short human summary of what was read, accepted, rejected and counted once."""
    lines = []
    for source in consultation.sources:
        checked = consultation.checks.get(source.role)
        label = " (synthetic)" if source.synthetic else ""
        lines.append(f"{source.role}: {shown(source.path)}{label}")
        if checked is None:
            continue
        rejected = checked.rejected
        lines.append(f"  rows read: {checked.rows_read}")
        lines.append(f"  accepted: {checked.accepted}")
        lines.append(f"  rejected: {len(rejected)}")
        if len(rejected):
            first_reasons = rejected["reason"].str.split("; ").str[0]
            for reason, count in first_reasons.value_counts().sort_index().items():
                lines.append(f"    {reason}: {count}")
        if checked.left_out is not None and len(checked.left_out):
            reasons = checked.left_out["reason"].value_counts().sort_index()
            listed = ", ".join(f"{reason}: {count}" for reason, count in reasons.items())
            lines.append(f"  left out ({listed}): {len(checked.left_out)}")
        if source.role == "register":
            lines.append(f"  duplicates (counted once): {len(checked.duplicates)}")
        if source.role == "remarks" and len(rejected):
            lines += _unknown_wordings(rejected)
        if checked.unused:
            lines.append(f"  columns not used: {', '.join(repr(c) for c in checked.unused)}")
        if checked.derived_ids and len(checked.table):
            example = checked.table["meeting_id"].iloc[0]
            lines.append(
                f"  no meeting_id column: each meeting's id is made from its date and title "
                f"(e.g. {example!r}); registers and remarks can name meetings by it"
            )
    return lines


def _unknown_wordings(rejected) -> list[str]:
    """Each outcome wording nobody mapped, once, with how many rows say it and the option
    that maps it (whether or not it was a row's first problem)."""
    found: dict[str, int] = {}
    for columns, values, reasons in rejected[["field", "value", "reason"]].itertuples(index=False):
        for field, value, reason in zip(
            columns.split("; "), values.split("; "), reasons.split("; "), strict=False
        ):
            if field == "outcome" and reason.startswith("unknown outcome wording"):
                found[value] = found.get(value, 0) + 1
    if not found:
        return []
    lines = ["  outcome wordings nobody mapped (say what each means, then run again):"]
    for wording, rows in found.items():
        lines.append(f'    --remarks-outcome "{wording}=CODE"  ({rows} row(s))')
    lines.append(
        "    CODE: accepted, partly_accepted, rejected, explained, already_covered, "
        "withdrawn or pending"
    )
    return lines


def unusable_register_line(consultation: Consultation) -> str | None:
    """One line when a register was given and none of its rows can be used (all rejected,
    e.g. its meetings are none of the meetings, or it has no rows): every figure would be
    0. None when the register is usable or there is none."""
    checked = consultation.checks.get("register")
    if checked is None or checked.accepted:
        return None
    where = shown(checked.source)
    if not checked.rows_read:
        return f"{where}: the register has no rows"
    reasons = checked.rejected["reason"].str.split("; ").str[0].value_counts()
    if reasons.index[0] == "unknown meeting_id" and reasons.iloc[0] == checked.rows_read:
        meetings = consultation.checks["meetings"].source
        why = f"its meeting ids match none of the meetings of {shown(meetings)}"
    else:
        why = f"every row was rejected (most often: {reasons.index[0]})"
    return f"{where}: none of the register's {checked.rows_read} rows can be used: {why}"


def problem_lines(consultation: Consultation, limit: int = MAX_LISTED) -> list[str]:
    """``file:line: column 'c' value 'v': reason`` for the first ``limit`` problems
    (only those are formatted: a large register may have hundreds of thousands)."""
    lines = []
    total = 0
    for checked in consultation.checks.values():
        where = checked.position_name
        total += len(checked.rejected) + len(checked.duplicates)
        room = max(limit - len(lines), 0)
        for row in checked.rejected.head(room).itertuples(index=False):
            column = f" column {row.column!r}" if row.column else ""
            if row.field and row.field != row.column:
                column += f" ({row.field})"
            lines.append(
                f"{row.file}: {where} {row.line}:{column} value {row.value!r}: {row.reason}"
            )
        room = max(limit - len(lines), 0)
        for row in checked.duplicates.head(room).itertuples(index=False):
            lines.append(
                f"{row.file}: {where} {row.line}: duplicate of {where} {row.first_line} "
                f"(participant {row.participant_id!r}, meeting {row.meeting_id!r}); counted once"
            )
    if total > limit:
        lines.append(f"... and {total - limit} more (see the rejects file)")
    return lines


def result_line(result: JobResult, out: Path) -> str:
    """One console line for a report: built (with its time and page), unchanged, failed."""
    if result.status == "failed":
        kept = (
            f"; executed notebook kept: {result.failed_notebook}" if result.failed_notebook else ""
        )
        previous = out / f"{result.name}.html"
        left = "; previous report left in place" if previous.exists() else ""
        return f"✗ {result.name:<28} FAILED {result.error}{kept}{left}"
    if result.status == "unchanged":
        return f"= {result.name:<28} unchanged, skipped"
    if result.status == "cancelled":
        return f"- {result.name:<28} cancelled"
    page = shown(out / f"{result.name}.html")
    pdf = " + .pdf" if (result.outputs or {}).get(f"{result.name}.pdf") else ""
    return f"✓ {result.name:<28} built in {result.seconds:4.1f} s  {page}{pdf}"


def interrupted_line(result: BuildResult) -> str:
    """What an interrupted build published: the index and manifest always describe it."""
    name = signal.Signals(result.interrupted).name
    failed = result.count("failed")
    return (
        f"interrupted ({name}): {result.count('built')} report(s) built and published, "
        f"{result.count('cancelled')} not run{f', {failed} failed' if failed else ''}; "
        f"index.html and manifest.json describe what is in {shown(result.out)}/"
    )
