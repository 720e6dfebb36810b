"""What ``build --pdf`` adds: the same forced build with and without PDFs, runs alternating.

Two cases: the full default build (the overview and eleven areas of the shipped data)
and the 420-meeting counts-only city overview (``analysis demo --counts``). Each run
is ``python -m analysis build --force``; with and without ``--pdf`` alternate so both
see the same machine state, and the table gives medians. Timings are measured here,
never asserted in tests.

    python benchmarks/bench_pdf.py --runs 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _build(out: Path, extra: list[str]) -> float:
    command = [sys.executable, "-m", "analysis", "build", "--force", "--out", str(out), *extra]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - started


def run_case(name: str, extra: list[str], runs: int, tmp: Path) -> dict:
    plain_out, pdf_out = tmp / f"{name}-html", tmp / f"{name}-pdf"
    _build(plain_out, extra)  # warm caches (the checked tables, the kernels' imports)
    _build(pdf_out, [*extra, "--pdf"])
    html, pdf, loads = [], [], []
    for index in range(runs):
        html.append(_build(plain_out, extra))
        pdf.append(_build(pdf_out, [*extra, "--pdf"]))
        loads.append(round(os.getloadavg()[0], 2))
        print(
            f"  {name} run {index + 1}: {html[-1]:.1f} s, with --pdf {pdf[-1]:.1f} s",
            file=sys.stderr,
            flush=True,
        )
    pdfs = sorted(pdf_out.glob("*.pdf"))
    return {
        "case": name,
        "reports": len(pdfs),
        "html_s": html,
        "pdf_s": pdf,
        "load_average": loads,
        "html_median_s": statistics.median(html),
        "pdf_median_s": statistics.median(pdf),
        "pdf_bytes": sum(p.stat().st_size for p in pdfs),
    }


def run(runs: int = 3) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        city = tmp / "city.csv"
        subprocess.run(
            [sys.executable, "-m", "analysis", "demo", "--counts", str(city)],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        cases = {
            "full default build": [],
            "420-meeting city overview": ["--meetings", str(city), "--only", "overview"],
        }
        return {name: run_case(name, extra, runs, tmp) for name, extra in cases.items()}


def table(result: dict) -> str:
    lines = [
        "| build | reports | without `--pdf` | with `--pdf` | added | PDFs | load average |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for case in result.values():
        added = case["pdf_median_s"] - case["html_median_s"]
        lines.append(
            f"| {case['case']} | {case['reports']} | {case['html_median_s']:.1f} s "
            f"| {case['pdf_median_s']:.1f} s | +{added:.1f} s "
            f"({added / case['reports']:.2f} s/report) | {case['pdf_bytes'] / 1e6:.1f} MB "
            f"| {', '.join(str(x) for x in case['load_average'])} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    print(table(run(parser.parse_args().runs)))
