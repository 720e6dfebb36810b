"""``analysis build --watch``: warm kernels, and a rebuild of what an edit affects.

The watch holds the output folder and its workers (each with a warm kernel) for as
long as it runs. It watches the input files, the two report notebooks and the
package's code with ``watchfiles`` (inotify on Linux, no polling). On a change it
reloads the data if an input changed and runs an ordinary incremental build: the
rebuild keys (:mod:`analysis.build.keys`) decide which reports are affected, and only
those run, on the warm kernels. A change to the package's own code cannot reach
modules already imported, so the watch then starts itself again, fresh. Ctrl-C
(or SIGTERM) stops it: the workers stop and kill their kernels, nothing is left.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

from analysis.build import keys
from analysis.build import options as notebooks
from analysis.build.options import BuildOptions
from analysis.build.plan import notebook_parameters
from analysis.build.runner import Session, build
from analysis.errors import DataError, ParameterError

DEBOUNCE_MS = 300  # changes closer together than this are one edit (an editor's save)
WAKE_MS = 500  # the watcher wakes this often when nothing changed (its first wake: it is live)


class Stop(Exception):
    """SIGINT or SIGTERM while watching."""


class Restart(Exception):
    """The package's code changed: start the watch again in a fresh process."""


def _targets(options: BuildOptions) -> tuple[set[Path], set[Path], list[Path]]:
    """The input files, the report notebooks, and the folders to watch for them."""
    inputs = {p.resolve() for p in options.inputs().values() if p is not None}
    books = {notebooks.OVERVIEW_NOTEBOOK.resolve(), notebooks.AREA_NOTEBOOK.resolve()}
    folders = {p.parent for p in inputs | books} | {keys.PACKAGE_DIR}
    # watch each folder once: drop those inside another watched folder
    roots = [f for f in folders if not any(f != o and f.is_relative_to(o) for o in folders)]
    return inputs, books, sorted(roots)


def _stamps(paths: set[Path]) -> dict[Path, tuple[int, int] | None]:
    """Each file's modification time and size (``None`` when missing)."""
    stamps: dict[Path, tuple[int, int] | None] = {}
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            stamps[path] = None
        else:
            stamps[path] = (stat.st_mtime_ns, stat.st_size)
    return stamps


def classify(changed: set[Path], inputs: set[Path], books: set[Path]) -> set[str]:
    """What kinds of thing an edit touched: ``inputs``, ``notebooks``, ``package``.

    >>> from pathlib import Path
    >>> p = Path("/d/register.csv")
    >>> sorted(classify({p, Path("/d/notes.txt")}, {p}, set()))
    ['inputs']
    """
    kinds = set()
    for path in changed:
        if path in inputs:
            kinds.add("inputs")
        elif path in books:
            kinds.add("notebooks")
        elif (
            path.is_relative_to(keys.PACKAGE_DIR)
            and path.suffix in keys.CODE_SUFFIXES
            and "__pycache__" not in path.parts
        ):
            kinds.add("package")
    return kinds


def watch(options: BuildOptions, args) -> int:
    """Build, then rebuild on every edit until Ctrl-C; the exit code."""
    from watchfiles import watch as watch_files

    from analysis.cli import interrupted_line, load_for_build, result_line, say

    inputs, books, roots = _targets(options)
    stopped: list[int] = []
    sys.stdout.reconfigure(line_buffering=True)  # one line per rebuild, as it happens

    def shown(result) -> None:
        if result.status != "unchanged":
            say(result_line(result, session.out))

    def stop(signum, _frame):
        stopped.append(signum)
        raise Stop

    def rebuild(consultation, written, why: str) -> int | None:
        started = time.perf_counter()
        result = build(
            options,
            consultation,
            session,
            on_result=shown,
            on_warning=lambda line: say(f"warning: {line}"),
            key=keys.build_key(options, extra_key),
            processed=list(written.values()),
        )
        if result.interrupted:
            say(interrupted_line(result), file=sys.stderr)
            return result.interrupted
        say(
            f"{why}: {result.count('built')} built, {result.count('failed')} failed, "
            f"{result.count('unchanged')} unchanged in {time.perf_counter() - started:.1f} s"
        )
        return None

    extra_key = {"processed_dir": str(args.processed_dir.resolve()), "strict": args.strict}
    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with Session(options) as session:
            session.workers.start(session.workers.limit)  # warm kernels for the whole watch
            before = _stamps(inputs | books)
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
                    after = _stamps(inputs | books)
                    changed |= {path for path, stamp in after.items() if stamp != before[path]}
                    say(f"watching {', '.join(str(r) for r in roots)}; Ctrl-C stops")
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
                        say(f"error: {error}; waiting for the next change", file=sys.stderr)
                        continue
                    if loaded is None:
                        continue
                    consultation, written = loaded
                why = " and ".join(sorted(kinds)) + " changed"
                try:
                    signum = rebuild(consultation, written, why)
                except ParameterError as error:
                    say(f"error: {error}; waiting for the next change", file=sys.stderr)
                    continue
                if signum:
                    return 128 + signum
    except (Stop, KeyboardInterrupt):
        name = signal.Signals(stopped[0] if stopped else signal.SIGINT).name
        say(f"watch stopped ({name}); the reports of the last build are in {options.out}/")
        return 0
    except Restart:
        say("the package's code changed: starting the watch again")
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        os.execv(sys.executable, [sys.executable, "-m", "analysis", *args.argv])
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 0
