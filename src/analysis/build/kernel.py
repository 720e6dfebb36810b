"""A worker's warm Jupyter kernel: started once, reused by every report the worker runs.

Starting a kernel and importing pandas, matplotlib and the package costs seconds; a
warm kernel pays it once per worker instead of once per report. Each report starts
with ``%reset -f`` (:func:`isolated`), so no variable leaks from one report into the
next; only imported modules stay. :func:`warm_up` starts the kernel and imports the
report modules in it before the first report arrives.
"""

from __future__ import annotations

import contextlib
import multiprocessing.util
import os
import signal
from pathlib import Path

from analysis import config

RESET_CELL_ID = "analysis-reset-namespace"
#: What every report imports; a warm kernel has it loaded before the first report.
PRELOAD = "import analysis.views"

_KERNEL = None  # this process's warm kernel manager
_CLIENT = None  # its client, connected once


def warm_kernel():
    """This process's kernel, started on first use and reused afterwards."""
    global _KERNEL, _CLIENT
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    if _KERNEL is not None and run_sync(_KERNEL.is_alive)():
        return _KERNEL
    if _CLIENT is not None:  # a client of a kernel that died
        with contextlib.suppress(Exception):
            _CLIENT.stop_channels()
        _CLIENT = None
    _KERNEL = AsyncKernelManager(kernel_name="python3")
    run_sync(_KERNEL.start_kernel)(cwd=str(config.PROJECT_ROOT))
    multiprocessing.util.Finalize(_KERNEL, stop_kernel, args=(_KERNEL,), exitpriority=10)
    return _KERNEL


def warm_client(timeout: float = 120):
    """A client of this process's kernel, connected and answering. Connecting a new
    client costs about 0.2 s (the kernel's messages reach a new subscriber only after a
    round trip), so every report of the worker uses this one."""
    global _CLIENT
    from jupyter_core.utils import run_sync

    manager = warm_kernel()
    if _CLIENT is None:
        client = manager.client()
        client.start_channels()
        try:
            run_sync(client.wait_for_ready)(timeout=timeout)
        except BaseException:  # a kernel that never answered: no channel left open
            client.stop_channels()
            raise
        _CLIENT = client
    return _CLIENT


def warm_up(timeout: float = 120) -> None:
    """Start the kernel and import the report modules in it, so that the first report
    runs as fast as the later ones. A failure here is left for the first report to meet."""
    from jupyter_core.utils import run_sync

    with contextlib.suppress(Exception):
        run_sync(warm_client(timeout).execute_interactive)(
            PRELOAD, silent=True, store_history=False, timeout=timeout
        )


def current():
    """The kernel manager of this process, or None."""
    return _KERNEL


def kill_kernel(manager) -> None:
    """Kill a kernel's process group without waiting on any event loop (safe in a handler)."""
    provisioner = getattr(manager, "provisioner", None)
    pid = getattr(provisioner, "pid", None) or getattr(
        getattr(provisioner, "process", None), "pid", None
    )
    if not pid:
        return
    with contextlib.suppress(OSError):
        if os.getpgid(pid) == pid:  # the kernel leads its own group: take its children too
            os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)


def stop_kernel(manager) -> None:
    from jupyter_core.utils import run_sync

    with contextlib.suppress(Exception):  # the kernel may be gone already
        run_sync(manager.shutdown_kernel)(now=True)


def isolated(notebook_path: Path):
    """The notebook with a first cell that empties the kernel's namespace (hidden in HTML)."""
    import nbformat

    notebook = nbformat.read(notebook_path, as_version=4)
    reset = nbformat.v4.new_code_cell("%reset -f")
    reset["id"] = RESET_CELL_ID
    reset["metadata"] = {"tags": ["remove-cell"]}
    notebook.cells.insert(0, reset)
    return notebook
