"""Command line: ``python -m analysis validate | build | demo``.

Exit codes: 0 success; 1 rows were rejected (``validate``, or ``build --strict``)
or a report failed; 2 the input or the options are unusable.

Split by job: :mod:`.arguments` (the parser and the typed build options),
:mod:`.console` (every line printed), :mod:`.folders` (which folders a command may
write into, checked before it writes) and :mod:`.commands` (what each command does,
and :func:`main`).
"""

from __future__ import annotations

from analysis.cli.arguments import build_options, build_parser, parse_param
from analysis.cli.commands import EXIT_OK, EXIT_REJECTED, EXIT_UNUSABLE, load_for_build, main
from analysis.cli.console import (
    echo,
    interrupted_line,
    printable,
    problem_lines,
    result_line,
    summary_lines,
)

__all__ = [
    "EXIT_OK",
    "EXIT_REJECTED",
    "EXIT_UNUSABLE",
    "build_options",
    "build_parser",
    "interrupted_line",
    "load_for_build",
    "main",
    "parse_param",
    "printable",
    "problem_lines",
    "result_line",
    "echo",
    "summary_lines",
]
