"""Participation statistics, charts and HTML reports for public consultations.

The package holds all the logic; notebooks in ``notebooks/`` call it.
Data flows one way: :mod:`analysis.announcement` and :mod:`analysis.dataset`
read raw sources, :mod:`analysis.metrics` computes statistics,
:mod:`analysis.plots` draws them, :mod:`analysis.build` and
:mod:`analysis.report` build the reports.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("analysis")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"
