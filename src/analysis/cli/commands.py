"""What each command does (``validate``, ``build``, ``demo``), and :func:`main`.

Exit codes: 0 success; 1 rows were rejected (``validate``, or ``build --strict``)
or a report failed; 2 the input or the options are unusable.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.cli.arguments import build_options, build_parser, settle_register, source_options
from analysis.cli.console import (
    echo,
    interrupted_line,
    printable,
    problem_lines,
    result_line,
    summary_lines,
    unusable_register_line,
)
from analysis.cli.folders import check_folders, mark_folders
from analysis.errors import DataError, ParameterError
from analysis.files import shown

if TYPE_CHECKING:
    from analysis.build.options import BuildOptions
    from analysis.consultation import Consultation

EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE = 0, 1, 2


def _load(args: argparse.Namespace) -> Consultation:
    from analysis.consultation import load_consultation

    return load_consultation(**source_options(args))


def cmd_validate(args: argparse.Namespace) -> int:
    from analysis.consultation import write_processed

    mark_folders(check_folders(args))  # before the first byte: the cache, the tables
    consultation = _load(args)
    written = write_processed(consultation, args.processed_dir)
    for line in [*summary_lines(consultation), *problem_lines(consultation)]:
        echo(line)
    echo(f"rejected rows: {shown(written['rejected-rows'])}")
    echo(f"duplicates: {shown(written['duplicates'])}")
    unusable = unusable_register_line(consultation)
    if unusable:
        echo(f"error: {unusable}", file=sys.stderr)
    return EXIT_REJECTED if len(consultation.rejected) else EXIT_OK


def _no_op(options: BuildOptions, previous: dict, started: float) -> int:
    for name in previous["reports"]:
        echo(f"= {name:<28} unchanged, skipped")
    count = len(previous["reports"])
    echo(
        f"{count} reports in {shown(options.out)}/ (0 built, {count} unchanged, 0 failed) "
        f"in {time.perf_counter() - started:.1f} s: inputs, notebooks, code and options "
        "are as in the last build"
    )
    if any(i.get("synthetic") for i in previous.get("inputs", [])):
        echo("data: synthetic (demonstration) data; every report says so")
    echo(f"open: {shown(Path(options.out) / 'index.html')}")
    return EXIT_OK


def load_for_build(args: argparse.Namespace, quiet: bool = False):
    """Load and check the inputs, write ``data/processed/`` and print what was read (unless
    ``quiet``): ``(consultation, written files)``, or None when ``--strict`` finds
    rejected rows (they are listed on stderr)."""
    from analysis.consultation import release_unused_memory, write_processed

    consultation = _load(args)
    written = write_processed(consultation, args.processed_dir)
    note = getattr(args, "register_note", None)
    for line in [] if quiet else [*([note] if note else []), *summary_lines(consultation)]:
        echo(line)
    unusable = unusable_register_line(consultation)
    if unusable:
        for line in problem_lines(consultation):
            echo(line, file=sys.stderr)
        echo(f"error: {unusable}; nothing built", file=sys.stderr)
        return None
    if args.strict and len(consultation.rejected):
        for line in problem_lines(consultation):
            echo(line, file=sys.stderr)
        echo(
            f"--strict: {len(consultation.rejected)} rejected row(s); nothing built",
            file=sys.stderr,
        )
        return None
    if not quiet:
        echo(f"processed tables: {shown(written['meetings'].parent)}")
    light = consultation.without_rows()
    del consultation  # the rows are written; the kernels need the memory
    release_unused_memory()
    return light, written


def cmd_build(args: argparse.Namespace) -> int:
    """Build the reports. SIGINT and SIGTERM are the build's from here to the process's
    end (:func:`analysis.build.signals.signals_interrupt`): before a report runs they stop
    it with nothing changed in the reports; once reports run, what finished is published
    and the index and manifest describe it."""
    from analysis.build import signals

    with signals.signals_interrupt(final=True):
        try:
            return _build(args)
        except signals.Interrupted as stop:
            name = signal.Signals(stop.signum).name
            echo(
                f"interrupted ({name}) before any report ran: nothing was changed in "
                f"{shown(args.out)}/",
                file=sys.stderr,
            )
            return 128 + stop.signum


def _build(args: argparse.Namespace) -> int:
    from analysis.build import keys, manifest, runner, signals
    from analysis.build.plan import check_options

    started = time.perf_counter()
    options = build_options(args)
    key = keys.build_key(
        options, {"processed_dir": str(args.processed_dir.resolve()), "strict": args.strict}
    )
    previous = None if args.watch else manifest.unchanged_build(options, key)
    if previous is not None:  # seen from the manifest, before pandas is even imported
        return _no_op(options, previous, started)
    folders = check_folders(args, options.out)  # may it write there? Nothing written yet
    runner.start_fork_server()  # its imports run while the options are checked
    options = check_options(options)  # every check that needs no data, before any kernel
    mark_folders(folders)
    if args.watch:
        from analysis.cli.watch import watch

        return watch(options, args)

    from tqdm import tqdm

    from analysis.build.runner import Session, build, start_early

    def progress(**kwargs):
        return tqdm(desc="reports", unit="report", file=sys.stderr, leave=False, **kwargs)

    # From here a signal stops the build at once only where nothing is being written
    # (interruptible: loading, planning, waiting for a report); anywhere else it waits,
    # so that what is published, the index and the manifest always agree.
    with signals.held():
        with Session(options) as session:
            with signals.interruptible():
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
        return _built(result, consultation.synthetic, started)


def _built(result, synthetic: bool, started: float) -> int:
    """The last lines of a build that ran, interrupted or not; its exit code."""
    from analysis.build.signals import stop_signal

    result.interrupted = result.interrupted or stop_signal()  # one that came while closing
    if result.interrupted:
        echo(interrupted_line(result), file=sys.stderr)
        return 128 + result.interrupted
    echo(
        f"{len(result.results)} reports in {shown(result.out)}/ ({result.count('built')} built, "
        f"{result.count('unchanged')} unchanged, {result.count('failed')} failed) in "
        f"{time.perf_counter() - started:.1f} s"
    )
    if synthetic:
        echo("data: synthetic (demonstration) data; every report says so")
    echo(f"open: {shown(result.index)}")
    return EXIT_REJECTED if result.failed else EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    if args.remarks is not None:
        from analysis.demo.remarks import write_remarks_register

        path = write_remarks_register(args.remarks, args.count, seed=args.seed)
        echo(
            f"synthetic remarks register ({args.count} remarks on the shipped meetings, every "
            f"row marked synthetic): {path}"
        )
        return EXIT_OK
    if args.counts is not None:
        from analysis.demo.counts import write_counts_table

        path = write_counts_table(args.counts, args.meetings, city=args.city)
        shape = "a Polish office's sheet, no ids" if args.city == "pl" else "a Catalan city's"
        echo(
            f"synthetic counts-only meetings table ({args.meetings} meetings, {shape}, every "
            f"row marked synthetic): {path}"
        )
        return EXIT_OK
    from analysis.demo.register import write_demo_register

    path = write_demo_register(args.out, args.announcement, seed=args.seed)
    echo(f"synthetic demo register (seed {args.seed}): {path}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    previous = signal.signal(signal.SIGTERM, _terminated)
    command = ""  # not known until the arguments are parsed
    try:
        args = build_parser().parse_args(argv)
        command = args.command
        run = {"validate": cmd_validate, "build": cmd_build, "demo": cmd_demo}[command]
        args.argv = list(sys.argv[1:] if argv is None else argv)  # for build --watch's restart
        if command == "build":
            args.register_note = settle_register(args)
        return run(args)
    except (DataError, ParameterError) as exc:
        echo(f"error: {exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except OSError as exc:  # a file or folder the system refused: unreadable, unwritable
        where = exc.filename if exc.filename is not None else ""
        echo(f"error: {where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_UNUSABLE
    except (KeyboardInterrupt, _Terminated) as stop:  # before the build took the signals
        name = "SIGINT" if isinstance(stop, KeyboardInterrupt) else "SIGTERM"
        unchanged = {"build": ": nothing was changed in the reports", "": ": nothing was changed"}
        echo(f"interrupted ({name}){unchanged.get(command, '')}", file=sys.stderr)
        return 128 + signal.Signals[name]
    finally:
        if signal.getsignal(signal.SIGTERM) is _terminated:  # a stopped build ignores it
            signal.signal(signal.SIGTERM, previous)


class _Terminated(Exception):
    """SIGTERM outside the report runs (the build handles its own)."""


def _terminated(_signum, _frame):
    raise _Terminated
