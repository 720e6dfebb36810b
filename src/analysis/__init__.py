"""Participation statistics, charts and HTML reports for public consultations.

The package holds all the logic; notebooks in ``notebooks/`` call it. The tree is the
pipeline, and data flows one way, each stage importing only the stages above it in
this list (``tests/test_architecture.py`` checks it):

=====================  =========================================================
``config``, ``errors``, where files live, the two kinds of error, atomic writes,
``files``,             checksums and the one hash of the package's code, CSV
``csv_writing``        bytes with formulas neutralised
:mod:`.sources`        bytes on disk -> raw tables: encodings, CSV, XLSX, Parquet,
                       ZIP, column mappings, Decidim exports, the announcement
:mod:`.validation`     raw tables -> checked tables and rejected rows, with their
                       reasons; the checked-table cache; ``data/processed/``
:mod:`.consultation`   one validated consultation, loaded once and handed on
:mod:`.metrics`        pure statistics over the consultation; selections
:mod:`.catalogue`      every visible word in Polish and English; number and date
                       formats
:mod:`.charts`         matplotlib figures of the statistics, saved as PNG and SVG
:mod:`.views`          report sections as data -> Jinja templates -> HTML
:mod:`.export`         the HTML page of an executed report notebook
:mod:`.demo`           seeded synthetic data (the demo register, a city's counts)
:mod:`.build`          the report build: options, plan, keys, manifest, workers
:mod:`.cli`            the command line: arguments, commands, console lines
=====================  =========================================================

``docs/architecture.md`` says how data flows from the command line to the kernels
and where a new section, wording, chart or source belongs.
"""


def __getattr__(name: str) -> str:
    """``analysis.__version__``, read from the installed metadata when first asked for:
    importlib.metadata costs 60 ms, and ``python -m analysis`` imports this package
    before it can handle a Ctrl-C (``__main__``)."""
    if name != "__version__":
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("analysis")
    except PackageNotFoundError:  # running from a source tree that is not installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found
