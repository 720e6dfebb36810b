"""A Ctrl-C is not an error: the build's interrupt passes through code that handles errors.
(The build's behaviour under real signals: tests/e2e/test_interrupts.py.)"""

from __future__ import annotations

import signal

import pytest

from analysis.build.signals import Interrupted


def test_an_interrupt_passes_through_code_that_turns_errors_into_others():
    """zmq, imported while a signal comes, turns an Exception into an ImportError; so
    would our own check of a damaged notebook. An interrupt must reach the build as one."""

    def import_like_zmq():
        try:
            raise Interrupted(signal.SIGINT)  # the handler, in the middle of an import
        except Exception as error:
            raise ImportError(f"Importing zmq.backend.cython failed with {error}") from error

    with pytest.raises(Interrupted) as stopped:
        import_like_zmq()
    assert stopped.value.signum == signal.SIGINT
