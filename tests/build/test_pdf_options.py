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
