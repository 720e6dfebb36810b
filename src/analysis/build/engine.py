"""The papermill engine of the build's workers: papermill's own nbclient engine, with
the worker's kernel client kept from one report to the next.

papermill connects a new client to the kernel for every notebook it runs, and a new
client waits about 0.2 s before the kernel's messages reach it. A worker runs its
reports one after another on one warm kernel (:mod:`analysis.build.kernel`), so it
keeps one client too. Everything else (parameters, cell by cell execution, errors,
the executed notebook) is papermill's.

The worker asks papermill to write the executed notebook once, at the end, rather than
at every cell. papermill then writes nothing when the engine itself fails (a kernel that
died, a cell whose output never arrived), so this engine writes the notebook as far as
it ran to ``kept_on_failure`` before passing the error on.
"""

from __future__ import annotations

import contextlib

from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.iorw import write_ipynb
from papermill.log import logger

from analysis.build import kernel

NAME = "analysis-warm-client"


class _WarmClient(PapermillNotebookClient):
    def start_new_kernel_client(self):  # what nbclient's setup_kernel calls
        self.kc = kernel.warm_client(self.startup_timeout)
        self.kc.allow_stdin = False
        return self.kc


class WarmClientEngine(NBClientEngine):
    """:class:`papermill.engines.NBClientEngine`, on the worker's warm kernel client."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man,
        kernel_name,
        log_output=False,
        stdout_file=None,
        stderr_file=None,
        start_timeout=60,
        execution_timeout=None,
        kept_on_failure=None,
        **kwargs,
    ):
        kwargs.pop("input_path", None)
        client = _WarmClient(
            nb_man,
            kernel_name=kernel_name,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            log=logger,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
            **kwargs,
        )
        try:
            return client.execute()
        except Exception:
            if kept_on_failure:  # the cells that ran, with their outputs
                with contextlib.suppress(Exception):  # the report's error is the one to tell
                    write_ipynb(nb_man.nb, kept_on_failure)
            raise


papermill_engines.register(NAME, WarmClientEngine)
