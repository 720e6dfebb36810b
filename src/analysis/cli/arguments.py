"""The command line's arguments: the parser, and the typed build options made from it."""

from __future__ import annotations

import argparse
import ast
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import config
from analysis.errors import ParameterError

if TYPE_CHECKING:
    from analysis.build.options import BuildOptions


#: ``--register`` not given: the demo register with the shipped meetings, else none.
UNNAMED = object()


def _register_path(value: str) -> Path | None:
    return None if value == "none" else Path(value)


def settle_register(args: argparse.Namespace) -> str | None:
    """Decide the register when ``--register`` was not given: the synthetic demo register
    goes with the shipped meetings only; with the user's own ``--meetings`` there is none
    (the statistics come from the meetings table's counts). Returns the console line that
    says so, or None when nothing needs saying."""
    if args.register is not UNNAMED:
        return None
    if args.meetings is None:  # held online: no meetings to count, no register
        args.register = None
        return None
    args.register = config.default_register(args.meetings)
    if args.register is not None:
        return None
    return (
        "register: none given, so the figures come from the meetings table's own counts "
        "(--register PATH adds an attendance register)"
    )


def _add_sources(parser: argparse.ArgumentParser, register_required: bool = False) -> None:
    parser.add_argument(
        "--register",
        type=_register_path,
        required=register_required,
        default=None if register_required else UNNAMED,
        help="attendance register: CSV, XLSX or Parquet"
        + (
            ""
            if register_required
            else " (default: the synthetic demo register with the shipped meetings, "
            "none with your own --meetings)"
        )
        + "; 'none': no register, the meetings table's own counts",
    )
    parser.add_argument(
        "--meetings",
        type=_register_path,  # 'none' as for the register: a consultation held online
        default=config.DEFAULT_MEETINGS_PATH,
        help="meetings table (CSV, XLSX, Parquet) or a published announcement (.txt); "
        "'none': a consultation held online, its --remarks alone; "
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
        "--remarks",
        type=Path,
        default=None,
        metavar="PATH",
        help="remarks register: CSV, XLSX, Parquet, or a Decidim proposals export (alone or "
        "in its open-data .zip)",
    )
    parser.add_argument(
        "--remarks-column",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="the remarks register's own header for a field, e.g. text='Treść' (repeatable)",
    )
    parser.add_argument(
        "--remarks-outcome",
        action="append",
        default=[],
        metavar="WORDING=CODE",
        help="an official's wording of an outcome, e.g. 'przyjęta do wiadomości=explained'; "
        "codes: accepted, partly_accepted, rejected, explained, already_covered, withdrawn, "
        "pending (repeatable)",
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


def source_options(args: argparse.Namespace) -> dict:
    """The sources and how to read them, as :func:`analysis.consultation.load_consultation`
    takes them."""
    from analysis.sources.columns import parse_assignments
    from analysis.validation.outcomes import parse_outcomes

    meetings_columns, register_columns = mappings(args)
    return {
        "meetings_path": args.meetings,
        "register_path": args.register,
        "organisations_path": args.organisations,
        "meetings_columns": meetings_columns,
        "register_columns": register_columns,
        "locale": args.locale,
        "remarks_path": args.remarks,
        "remarks_columns": parse_assignments(args.remarks_column, "remarks"),
        "remarks_outcomes": parse_outcomes(args.remarks_outcome),
    }


def mappings(args: argparse.Namespace) -> tuple[dict[str, str], dict[str, str]]:
    from analysis.sources.columns import parse_assignments

    return (
        parse_assignments(args.meetings_column, "meetings"),
        parse_assignments(args.register_column, "register"),
    )


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
    sources = source_options(args)
    return BuildOptions(
        meetings=args.meetings,
        meetings_columns=sources["meetings_columns"],
        register_columns=sources["register_columns"],
        locale=args.locale,
        remarks=args.remarks,
        remarks_columns=sources["remarks_columns"],
        remarks_outcomes=sources["remarks_outcomes"],
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
        pdf=args.pdf,
        extra=dict(parse_param(p) for p in args.param),
    )


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
        "--pdf",
        action="store_true",
        help="also write <report>.pdf beside each page: A4, tagged PDF/UA-1, for the public "
        "information bulletin (needs the Pango library)",
    )
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
    demo.add_argument(
        "--remarks",
        type=Path,
        default=None,
        metavar="PATH",
        help="instead: write a synthetic remarks register on the shipped meetings to PATH",
    )
    demo.add_argument(
        "--count", type=int, default=20_000, help="remarks in the --remarks register (20,000)"
    )
    demo.add_argument(
        "--city",
        choices=("ca", "pl"),
        default="ca",
        help="shape of the --counts table: a Catalan city's export (ca, default) or a Polish "
        "office's own sheet with Polish headers and no ids (pl)",
    )
    return parser
