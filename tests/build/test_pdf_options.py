"""``--pdf`` before any report runs: the page numbers' words, a machine without Pango, the
key. (The PDFs themselves: tests/e2e/test_pdf.py.)"""

from __future__ import annotations

import pytest

from analysis.build import pdf
from analysis.build.options import BuildOptions
from analysis.build.plan import check_options
from analysis.cli import main
from analysis.errors import ParameterError


@pytest.mark.parametrize(
    ("lang", "numbered"),
    [
        ("pl", '"strona " counter(page) " z " counter(pages)'),
        ("en", '"page " counter(page) " of " counter(pages)'),
    ],
)
def test_pages_are_numbered_in_the_language_of_the_report(lang, numbered):
    css = pdf.page_css(lang)
    assert "size: A4" in css
    assert f"content: {numbered};" in css


def test_without_pango_pdf_stops_before_any_report_with_the_line_that_fixes_it(
    monkeypatch, tmp_path, capsys
):
    monkeypatch.setattr(pdf, "problem", lambda: pdf.INSTALL_HINT + " (OSError: no pango)")
    with pytest.raises(ParameterError, match="apt-get install libpango-1.0-0"):
        check_options(BuildOptions(pdf=True))
    check_options(BuildOptions(pdf=False))  # a build without --pdf does not need it
    out = tmp_path / "reports"
    assert main(["build", "--pdf", "--out", str(out), "--processed-dir", str(tmp_path / "p")]) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "--pdf needs the Pango text library" in error[0]
    assert not list(out.glob("*.html"))


def test_pdf_is_part_of_what_a_report_is_built_with():
    assert BuildOptions(pdf=True).selection()["pdf"] is True
    assert BuildOptions().selection()["pdf"] is False


def test_the_check_names_the_missing_libraries_without_importing_weasyprint(monkeypatch):
    import ctypes.util

    monkeypatch.setattr(
        ctypes.util, "find_library", lambda name: None if "pango" in name else f"lib{name}.so"
    )
    reason = pdf.problem()
    assert reason.startswith("--pdf needs the Pango text library")
    assert reason.endswith("(missing: pango-1.0, pangoft2-1.0)")
    assert "\n" not in reason


def test_a_library_that_fails_to_load_is_one_line_and_weasyprint_prints_nothing():
    """WeasyPrint prints a page of its own when cffi cannot load a library; the worker
    keeps it off the console and says one line."""
    import subprocess
    import sys

    from tests.conftest import same_code_env

    script = (
        "import cffi\n"
        "def refuse(self, name, flags=0): raise OSError(f'cannot load library {name!r}')\n"
        "cffi.FFI.dlopen = refuse\n"
        "from analysis.build import pdf\n"
        "from analysis.errors import DataError\n"
        "try:\n"
        "    pdf._weasyprint()\n"
        "except DataError as error:\n"
        "    import sys; sys.stderr.write(str(error))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=same_code_env()
    )
    assert done.stdout == ""
    assert done.stderr.startswith("--pdf needs the Pango text library")
    assert "OSError: cannot load library" in done.stderr and "\n" not in done.stderr
