"""How a build answers SIGINT and SIGTERM: the first one stops it, at once while it waits,
or, while it writes what must be whole (a report being published, the index and the
manifest), as soon as that is written.

:func:`signals_interrupt` installs the handlers for a build (or a watch), :func:`held`
marks what must be written whole, :func:`interruptible` where a waiting build may stop,
and :func:`stop_signal` names the signal that came. :mod:`analysis.build.runner` and
:mod:`analysis.cli` use them; docs/build.md (Interrupts) says why.
"""

from __future__ import annotations

import contextlib
import signal


class Interrupted(BaseException):
    """SIGINT or SIGTERM reached the build. Like KeyboardInterrupt, not an Exception: it
    may come in the middle of any code, and library code that turns an Exception into
    another (zmq makes an ImportError of one raised while it is imported; a damaged
    notebook's check catches Exception) must let it through."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class _Stop:
    """How this process answers SIGINT and SIGTERM while it builds: the first one stops
    the build, at once, or, while the build writes what must be whole (a report being
    published, the index and the manifest), as soon as that is written. The signals
    after it change nothing: the build is stopping already."""

    signum: int | None = None  # the first signal that came
    holding = 0  # > 0: in held(); a signal waits
    depth = 0  # nested signals_interrupt() blocks
    final = False  # the process ends with the outermost block


_STOP = _Stop()
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _on_signal(signum, _frame):
    if _STOP.signum is not None:
        return  # stopping already (a second Ctrl-C, or the terminal's and a SIGTERM)
    _STOP.signum = signum
    if not _STOP.holding:
        raise Interrupted(signum)


@contextlib.contextmanager
def signals_interrupt(hold: bool = False, final: bool = False):
    """From here on the first SIGINT or SIGTERM raises :class:`Interrupted`, at once,
    or, when it comes in :func:`held` (or in this block with ``hold``), where the build
    next waits (:func:`interruptible`), and :func:`stop_signal` names it.

    ``final``: the process ends after this block; once a signal came, later ones are
    ignored until it has ended (a second Ctrl-C would otherwise interrupt its exit)."""
    if _STOP.depth == 0:
        _STOP.signum, _STOP.holding, _STOP.final = None, 0, final
    _STOP.depth += 1
    _STOP.holding += hold  # before the handler: no moment where a signal raises
    previous = {}
    try:
        for signum in _SIGNALS:
            previous[signum] = signal.signal(signum, _on_signal)
        yield
    finally:
        _STOP.depth -= 1
        ignore = _STOP.depth == 0 and _STOP.final and _STOP.signum is not None
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_IGN if ignore else handler)
        _STOP.holding -= hold


@contextlib.contextmanager
def held():
    """What must be written whole (inside :func:`signals_interrupt`): a signal that
    comes meanwhile waits until the build next waits, in :func:`interruptible`."""
    _STOP.holding += 1
    try:
        yield
    finally:
        _STOP.holding -= 1


@contextlib.contextmanager
def interruptible():
    """Inside :func:`held`: here a signal stops the build, one that already came (it
    raises at once) or one that comes."""
    saved = _STOP.holding
    try:
        _STOP.holding = 0
        if _STOP.signum is not None:
            raise Interrupted(_STOP.signum)
        yield
    finally:
        _STOP.holding = saved


def raise_waiting() -> None:
    """Inside :func:`signals_interrupt` and no longer :func:`held`: a signal that came
    meanwhile (it waited) raises now."""
    if _STOP.depth and not _STOP.holding and _STOP.signum is not None:
        raise Interrupted(_STOP.signum)


def stop_signal() -> int | None:
    """The signal that stopped (or is stopping) the build, if one came."""
    return _STOP.signum


def interruptibly(iterator):
    """Each item of ``iterator``; only the wait for it may be interrupted."""
    end = object()
    while True:
        with interruptible():
            item = next(iterator, end)
        if item is end:
            return
        yield item
