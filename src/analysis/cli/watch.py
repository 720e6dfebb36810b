"""``analysis build --watch``: build, then rebuild what each edit affects, until Ctrl-C.

What is watched and how an edit is classified is :mod:`analysis.build.watch`; this
loop loads the data again when an input changed and prints one line per rebuild.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from analysis.build import keys
from analysis.build.options import BuildOptions
from analysis.build.plan import notebook_parameters
from analysis.build.runner import Session, build
from analysis.build.signals import Interrupted, stop_signal
from analysis.build.watch import DEBOUNCE_MS, WAKE_MS, Restart, Stop, classify, stamps, targets
from analysis.cli.commands import load_for_build
from analysis.cli.console import echo, interrupted_line, result_line
from analysis.errors import DataError, ParameterError


def watch(options: BuildOptions, args) -> int:
    """Build, then rebuild on every edit until Ctrl-C; the exit code."""
    from watchfiles import watch as watch_files

    inputs, books, roots = targets(options)
    stopped: list[int] = []
    sys.stdout.reconfigure(line_buffering=True)  # one line per rebuild, as it happens

    def shown(result) -> None:
        if result.status != "unchanged":
            echo(result_line(result, session.out))

    def stop(signum, _frame):
        if stopped or stop_signal() is not None:
            return  # stopping already: a second Ctrl-C changes nothing
        stopped.append(signum)
        raise Stop

    def rebuild(consultation, written, why: str) -> int | None:
        started = time.perf_counter()
        result = build(
            options,
            consultation,
            session,
            on_result=shown,
            on_warning=lambda line: echo(f"warning: {line}"),
            key=keys.build_key(options, extra_key),
            processed=list(written.values()),
        )
        if result.interrupted:
            echo(interrupted_line(result), file=sys.stderr)
            return result.interrupted
        echo(
            f"{why}: {result.count('built')} built, {result.count('failed')} failed, "
            f"{result.count('unchanged')} unchanged in {time.perf_counter() - started:.1f} s"
        )
        return None

    extra_key = {"processed_dir": str(args.processed_dir.resolve()), "strict": args.strict}
    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with Session(options) as session:
            session.workers.start(session.workers.limit)  # warm kernels for the whole watch
            before = stamps(inputs | books)
            loaded = load_for_build(args)
            if loaded is None:
                return 1
            consultation, written = loaded
            signum = rebuild(consultation, written, "first build")
            if signum:
                return 128 + signum
            live = False
            for changes in watch_files(
                *roots,
                debounce=DEBOUNCE_MS,
                rust_timeout=WAKE_MS,
                yield_on_timeout=True,
                raise_interrupt=True,
            ):
                changed = {Path(p).resolve() for _, p in changes}
                if not live:
                    # the watchers exist only from the first wake: an edit made since the
                    # first build read its inputs is found by comparing the files instead
                    live = True
                    after = stamps(inputs | books)
                    changed |= {path for path, stamp in after.items() if stamp != before[path]}
                    echo(f"watching {', '.join(str(r) for r in roots)}; Ctrl-C stops")
                kinds = classify(changed, inputs, books)
                if "package" in kinds:
                    raise Restart
                if not kinds:
                    continue
                notebook_parameters.cache_clear()  # a notebook may declare new parameters
                if "inputs" in kinds:
                    try:
                        loaded = load_for_build(args, quiet=True)
                    except (DataError, ParameterError, OSError) as error:
                        echo(f"error: {error}; waiting for the next change", file=sys.stderr)
                        continue
                    if loaded is None:
                        continue
                    consultation, written = loaded
                why = " and ".join(sorted(kinds)) + " changed"
                try:
                    signum = rebuild(consultation, written, why)
                except ParameterError as error:
                    echo(f"error: {error}; waiting for the next change", file=sys.stderr)
                    continue
                if signum:
                    return 128 + signum
    except (Stop, KeyboardInterrupt, Interrupted) as stop_:
        signum = stop_.signum if isinstance(stop_, Interrupted) else None
        name = signal.Signals(signum or (stopped[0] if stopped else signal.SIGINT)).name
        echo(f"watch stopped ({name}); the reports of the last build are in {options.out}/")
        return 0
    except Restart:
        echo("the package's code changed: starting the watch again")
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        os.execv(sys.executable, [sys.executable, "-m", "analysis", *args.argv])
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0
