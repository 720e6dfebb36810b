"""Command line: ``python -m analysis validate | build | demo``.

Exit codes: 0 success; 1 rows were rejected (``validate``, or ``build --strict``)
or a report failed; 2 the input or the options are unusable.
"""

from __future__ import annotations

import argparse
import ast
import re
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import config
from analysis.errors import DataError, ParameterError
from analysis.files import shown

if TYPE_CHECKING:
    from analysis.build.options import BuildOptions, BuildResult, JobResult
    from analysis.dataset import Consultation

EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE = 0, 1, 2
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def printable(text: str) -> str:
    r"""A line as the console may show it: control characters from a file (an escape
    sequence in a header, a NUL in a value) are written as ``\xNN``, never sent raw.

    >>> printable("column \x1b[2J")
    'column \\x1b[2J'
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))


def say(line: str, file=None) -> None:
    """Print one line of the console output, made printable."""
    print(printable(line), file=file or sys.stdout)


MAX_LISTED = 20


def _register_path(value: str) -> Path | None:
    return None if value == "none" else Path(value)


def _add_sources(parser: argparse.ArgumentParser, register_required: bool = False) -> None:
    parser.add_argument(
        "--register",
        type=_register_path,
        required=register_required,
        default=None if register_required else config.DEFAULT_REGISTER_PATH,
        help="attendance register: CSV, XLSX or Parquet"
        + ("" if register_required else " (default: the shipped synthetic demo register)")
        + "; 'none': no register, the meetings table's own counts",
    )
    parser.add_argument(
        "--meetings",
        type=Path,
        default=config.DEFAULT_MEETINGS_PATH,
        help="meetings table (CSV, XLSX, Parquet) or a published announcement (.txt); "
        "default: the 2018 Kraków announcement",
    )
    parser.add_argument(
        "--organisations", type=Path, default=None, help="optional organisations table"
    )
    parser.add_argument(
        "--meetings-column",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="the meetings table's own header for a field, e.g. date='Data de la sessió' "
        "(repeatable)",
    )
    parser.add_argument(
        "--register-column",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="the register's own header for a field, e.g. participant_id=Osoba (repeatable)",
    )
    parser.add_argument(
        "--locale",
        default="",
        help="language of a Decidim export's texts, e.g. ca or es "
        "(default: for each text, the first language that has one)",
    )
    parser.add_argument(
        "--processed-dir",
        type=Path,
        default=config.PROCESSED_DIR,
        help="where clean tables and rejected rows are written (default: data/processed/)",
    )


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
    return lines


def problem_lines(consultation: Consultation, limit: int = MAX_LISTED) -> list[str]:
    """``file:line: column 'c' value 'v': reason`` for the first ``limit`` problems."""
    lines = []
    for checked in consultation.checks.values():
        where = checked.position_name
        for row in checked.rejected.itertuples(index=False):
            column = f" column {row.column!r}" if row.column else ""
            lines.append(
                f"{row.file}: {where} {row.line}:{column} value {row.value!r}: {row.reason}"
            )
        for row in checked.duplicates.itertuples(index=False):
            lines.append(
                f"{row.file}: {where} {row.line}: duplicate of {where} {row.first_line} "
                f"(participant {row.participant_id!r}, meeting {row.meeting_id!r}); counted once"
            )
    if len(lines) > limit:
        lines = [*lines[:limit], f"... and {len(lines) - limit} more (see the rejects file)"]
    return lines


def _mappings(args: argparse.Namespace) -> tuple[dict[str, str], dict[str, str]]:
    from analysis.columns import parse_assignments

    return (
        parse_assignments(args.meetings_column, "meetings"),
        parse_assignments(args.register_column, "register"),
    )


def _load(args: argparse.Namespace) -> Consultation:
    from analysis.dataset import load_consultation

    meetings_columns, register_columns = _mappings(args)
    return load_consultation(
        args.meetings,
        args.register,
        args.organisations,
        meetings_columns=meetings_columns,
        register_columns=register_columns,
        locale=args.locale,
    )


def cmd_validate(args: argparse.Namespace) -> int:
    from analysis.dataset import write_processed

    consultation = _load(args)
    written = write_processed(consultation, args.processed_dir)
    for line in [*summary_lines(consultation), *problem_lines(consultation)]:
        say(line)
    say(f"rejected rows: {shown(written['rejected-rows'])}")
    say(f"duplicates: {shown(written['duplicates'])}")
    return EXIT_REJECTED if len(consultation.rejected) else EXIT_OK


def parse_param(assignment: str) -> tuple[str, object]:
    """``NAME=VALUE`` with VALUE a Python literal (``["a", "b"]``, ``3``) or plain text.

    >>> parse_param("areas=['culture']"), parse_param("title=Kraków 2018")
    (('areas', ['culture']), ('title', 'Kraków 2018'))
    """
    if "=" not in assignment:
        raise ParameterError(f"--param {assignment!r}: expected NAME=VALUE")
    name, raw = assignment.split("=", 1)
    try:
        value = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        value = raw
    return name.strip(), value


def build_options(args: argparse.Namespace) -> BuildOptions:
    """The typed build options from the command line's strings."""
    from analysis.build.options import BuildOptions

    if args.jobs is not None and args.jobs < 1:
        raise ParameterError(f"--jobs must be 1 or more, got {args.jobs}")
    meetings_columns, register_columns = _mappings(args)
    return BuildOptions(
        meetings=args.meetings,
        meetings_columns=meetings_columns,
        register_columns=register_columns,
        locale=args.locale,
        register=args.register,
        organisations=args.organisations,
        out=args.out,
        lang=args.lang,
        areas=[a.strip() for a in args.areas.split(",") if a.strip()] if args.areas else [],
        start=args.start,
        end=args.end,
        title=args.title,
        only=[r.strip() for r in args.only.split(",") if r.strip()] if args.only else [],
        jobs=args.jobs or 0,
        force=args.force,
        extra=dict(parse_param(p) for p in args.param),
    )


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
    return f"✓ {result.name:<28} built in {result.seconds:4.1f} s  {page}"


def interrupted_line(result: BuildResult) -> str:
    name = signal.Signals(result.interrupted).name
    return (
        f"interrupted ({name}): {result.count('built')} report(s) built, "
        f"{result.count('cancelled')} not run; the earlier reports are left in place in "
        f"{shown(result.out)}/"
    )


def _no_op(options: BuildOptions, previous: dict, started: float) -> int:
    for name in previous["reports"]:
        say(f"= {name:<28} unchanged, skipped")
    count = len(previous["reports"])
    say(
        f"{count} reports in {shown(options.out)}/ (0 built, {count} unchanged, 0 failed) "
        f"in {time.perf_counter() - started:.1f} s: inputs, notebooks, code and options "
        "are as in the last build"
    )
    if any(i.get("synthetic") for i in previous.get("inputs", [])):
        say("data: synthetic (demonstration) data; every report says so")
    say(f"open: {shown(Path(options.out) / 'index.html')}")
    return EXIT_OK


def load_for_build(args: argparse.Namespace, quiet: bool = False):
    """Load and check the inputs, write ``data/processed/`` and print what was read (unless
    ``quiet``): ``(consultation, written files)``, or None when ``--strict`` finds
    rejected rows (they are listed on stderr)."""
    from analysis.dataset import write_processed

    consultation = _load(args)
    written = write_processed(consultation, args.processed_dir)
    for line in [] if quiet else summary_lines(consultation):
        say(line)
    if args.strict and len(consultation.rejected):
        for line in problem_lines(consultation):
            say(line, file=sys.stderr)
        say(
            f"--strict: {len(consultation.rejected)} rejected row(s); nothing built",
            file=sys.stderr,
        )
        return None
    if not quiet:
        say(f"processed tables: {shown(written['meetings'].parent)}")
    return consultation, written


def cmd_build(args: argparse.Namespace) -> int:
    from analysis.build import keys, manifest
    from analysis.build.plan import check_options

    started = time.perf_counter()
    options = build_options(args)
    key = keys.build_key(
        options, {"processed_dir": str(args.processed_dir.resolve()), "strict": args.strict}
    )
    previous = None if args.watch else manifest.unchanged_build(options, key)
    if previous is not None:  # seen from the manifest, before pandas is even imported
        return _no_op(options, previous, started)
    options = check_options(options)  # every check that needs no data, before any kernel
    if args.watch:
        from analysis.build.watch import watch

        return watch(options, args)

    from tqdm import tqdm

    from analysis.build.runner import Session, build, start_early

    def progress(**kwargs):
        return tqdm(desc="reports", unit="report", file=sys.stderr, leave=False, **kwargs)

    with Session(options) as session:
        start_early(session, options)  # kernels warm up while the data loads
        loaded = load_for_build(args)
        if loaded is None:
            session.workers.stop()
            return EXIT_REJECTED
        consultation, written = loaded
        result = build(
            options,
            consultation,
            session,
            on_result=lambda r: tqdm.write(printable(result_line(r, session.out))),
            on_warning=lambda line: tqdm.write(printable(f"warning: {line}")),
            progress=progress,
            key=key,
            processed=list(written.values()),
        )
    if result.interrupted:
        say(interrupted_line(result), file=sys.stderr)
        return 128 + result.interrupted
    say(
        f"{len(result.results)} reports in {shown(result.out)}/ ({result.count('built')} built, "
        f"{result.count('unchanged')} unchanged, {result.count('failed')} failed) in "
        f"{time.perf_counter() - started:.1f} s"
    )
    if consultation.synthetic:
        say("data: synthetic (demonstration) data; every report says so")
    say(f"open: {shown(result.index)}")
    return EXIT_REJECTED if result.failed else EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    if args.counts is not None:
        from analysis.demo_counts import write_counts_table

        path = write_counts_table(args.counts, args.meetings)
        say(
            f"synthetic counts-only meetings table ({args.meetings} meetings, every row marked "
            f"synthetic): {path}"
        )
        return EXIT_OK
    from analysis.demo import write_demo_register

    path = write_demo_register(args.out, args.announcement, seed=args.seed)
    say(f"synthetic demo register (seed {args.seed}): {path}")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Participation statistics and reports for public consultations.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check a register (and meetings) and report rejected rows",
        description="Check the inputs; exit 0 when nothing was rejected, 1 when rows were "
        "rejected, 2 when the input is unusable. Rejected rows and duplicates are written "
        "under --processed-dir.",
    )
    _add_sources(validate, register_required=True)  # 'none': check a meetings table alone
    validate.set_defaults(run=cmd_validate)

    build = commands.add_parser("build", help="build the reports (default data unless given)")
    _add_sources(build)
    build.add_argument(
        "--strict", action="store_true", help="any rejected row makes the build fail"
    )
    build.add_argument(
        "--out", type=Path, default=config.REPORTS_DIR, help="output folder (default: reports/)"
    )
    build.add_argument(
        "--lang",
        choices=config.LANGUAGES,
        default=config.DEFAULT_LANGUAGE,
        help="language of the reports (default: pl)",
    )
    build.add_argument("--areas", default="", help="comma-separated area codes (default: all)")
    build.add_argument("--start", default="", help="first meeting date, YYYY-MM-DD")
    build.add_argument("--end", default="", help="last meeting date, YYYY-MM-DD")
    build.add_argument("--title", default="", help="name of the consultation in the titles")
    build.add_argument(
        "--only",
        default="",
        metavar="REPORTS",
        help="build only these reports of the selection, comma-separated, e.g. "
        "overview,area-seniors (default: all; the overview still covers every chosen area)",
    )
    build.add_argument(
        "--jobs",
        type=int,
        default=None,
        help="parallel notebook runs, 1 or more (default: the number of cores)",
    )
    build.add_argument("--force", action="store_true", help="rebuild reports even if unchanged")
    build.add_argument(
        "--watch",
        action="store_true",
        help="keep warm kernels, watch the inputs, notebooks and package, and rebuild the "
        "reports an edit affects until Ctrl-C",
    )
    build.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="extra notebook parameter (repeatable); checked against the notebooks' parameters",
    )
    build.set_defaults(run=cmd_build)

    demo = commands.add_parser("demo", help="regenerate the synthetic demo register")
    demo.add_argument("--seed", type=int, default=config.DEMO_SEED)
    demo.add_argument("--out", type=Path, default=config.DEFAULT_REGISTER_PATH)
    demo.add_argument("--announcement", type=Path, default=config.ANNOUNCEMENT_PATH)
    demo.add_argument(
        "--counts",
        type=Path,
        default=None,
        metavar="PATH",
        help="instead: write a synthetic counts-only meetings table at a city's scale to PATH",
    )
    demo.add_argument(
        "--meetings", type=int, default=420, help="meetings in the --counts table (default 420)"
    )
    demo.set_defaults(run=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)  # for build --watch's restart
    previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return args.run(args)
    except (DataError, ParameterError) as exc:
        say(f"error: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except OSError as exc:  # a file or folder the system refused: unreadable, unwritable
        where = exc.filename if exc.filename is not None else ""
        say(f"error: {where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        say("interrupted (SIGINT): nothing was changed in the reports", file=sys.stderr)
        return 128 + signal.SIGINT
    except _Terminated:
        say("interrupted (SIGTERM): nothing was changed in the reports", file=sys.stderr)
        return 128 + signal.SIGTERM
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Terminated(Exception):
    """SIGTERM outside the report runs (the build handles its own)."""


def _terminated(_signum, _frame):
    raise _Terminated
