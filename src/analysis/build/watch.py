"""What ``analysis build --watch`` watches, and what an edit touched.

The watch holds the output folder and its workers (each with a warm kernel) for as
long as it runs. It watches the input files, the two report notebooks and the
package's code with ``watchfiles`` (inotify on Linux, no polling). On a change it
reloads the data if an input changed and runs an ordinary incremental build: the
rebuild keys (:mod:`analysis.build.keys`) decide which reports are affected, and only
those run, on the warm kernels. A change to the package's own code cannot reach
modules already imported, so the watch then starts itself again, fresh. Ctrl-C
(or SIGTERM) stops it: the workers stop and kill their kernels, nothing is left.
The watch's loop, which loads and prints, is :func:`analysis.cli.watch.watch`.
"""

from __future__ import annotations

from pathlib import Path

from analysis.build import options as notebooks
from analysis.build.options import BuildOptions
from analysis.files import CODE_SUFFIXES, PACKAGE_DIR

DEBOUNCE_MS = 300  # changes closer together than this are one edit (an editor's save)
WAKE_MS = 500  # the watcher wakes this often when nothing changed (its first wake: it is live)


class Stop(Exception):
    """SIGINT or SIGTERM while watching."""


class Restart(Exception):
    """The package's code changed: start the watch again in a fresh process."""


def targets(options: BuildOptions) -> tuple[set[Path], set[Path], list[Path]]:
    """The input files, the report notebooks, and the folders to watch for them."""
    inputs = {p.resolve() for p in options.inputs().values() if p is not None}
    books = {notebooks.OVERVIEW_NOTEBOOK.resolve(), notebooks.AREA_NOTEBOOK.resolve()}
    folders = {p.parent for p in inputs | books} | {PACKAGE_DIR}
    # watch each folder once: drop those inside another watched folder
    roots = [f for f in folders if not any(f != o and f.is_relative_to(o) for o in folders)]
    return inputs, books, sorted(roots)


def stamps(paths: set[Path]) -> dict[Path, tuple[int, int] | None]:
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
            path.is_relative_to(PACKAGE_DIR)
            and path.suffix in CODE_SUFFIXES
            and "__pycache__" not in path.parts
        ):
            kinds.add("package")
    return kinds
