"""Processes a test started, and whether any is still alive (for the tests that stop a
build or a watch and check nothing outlives it)."""

from __future__ import annotations

import psutil


def alive(processes) -> list[psutil.Process]:
    """The processes of ``processes`` still running (a zombie has exited)."""
    found = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                found.append(process)
        except psutil.NoSuchProcess:
            pass
    return found
