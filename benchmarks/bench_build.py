"""Our build beside the plain tool chain doing the same reports: a small build and a full one.

Ours: ``python -m analysis build --force`` (parallel workers with warm kernels, HTML
rendered in the workers). Plain: for each report of the same build, the ``papermill``
command line with the same parameters, then ``jupyter nbconvert --to html
--no-input``, one after the other. Two cases:

- small: the overview and one area (``--areas seniors``), what staff rebuild most;
- full: the default build (the overview and every area).

Runs alternate (ours, plain, ours, plain, ...) so that both see the same machine
state; the table gives medians. Also: the no-op rebuild (``python -m analysis
build`` right after a build). Timings are measured here, never asserted in tests.

    python benchmarks/bench_build.py --runs 3 [--case small|full]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CASES = {"small": ["--areas", "seniors"], "full": []}
#: Targets of issue 11: how many times faster than the plain chain each case should be.
TARGETS = {"small": 3.0, "full": 10.0}


def _timed(command: list[str], **kwargs) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, **kwargs)
    return time.perf_counter() - started


def ours(out: Path, extra: list[str]) -> float:
    command = [sys.executable, "-m", "analysis", "build", "--force", "--out", str(out), *extra]
    return _timed(command)


def noop(out: Path, extra: list[str]) -> float:
    return _timed([sys.executable, "-m", "analysis", "build", "--out", str(out), *extra])


def jobs_of_a_build(out: Path) -> list[dict]:
    """The notebooks and parameters our build ran, from its manifest."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return [
        {"name": name, "notebook": ROOT / entry["notebook"], "parameters": entry["parameters"]}
        for name, entry in manifest["reports"].items()
    ]


def plain(jobs: list[dict], folder: Path) -> float:
    """papermill CLI then nbconvert CLI for every report, one after the other."""
    started = time.perf_counter()
    for job in jobs:
        executed = folder / f"{job['name']}.ipynb"
        command = [str(BIN / "papermill"), str(job["notebook"]), str(executed), "--no-progress-bar"]
        for name, value in {**job["parameters"], "output_dir": str(folder / job["name"])}.items():
            if isinstance(value, str):
                command += ["-r", name, value]
            else:
                command += ["-y", f"{name}: {json.dumps(value)}"]
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
    return time.perf_counter() - started


def load_average() -> float:
    """The 1-minute load average: other work on the machine while a run was timed."""
    return round(os.getloadavg()[0], 2)


def run_case(case: str, runs: int) -> dict:
    extra = CASES[case]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        out = tmp / "reports"
        ours(out, extra)  # warm caches; also gives the job list
        jobs = jobs_of_a_build(out)
        ours_times, plain_times, loads = [], [], []
        for index in range(runs):
            ours_times.append(ours(out, extra))
            folder = tmp / f"plain-{index}"
            folder.mkdir()
            plain_times.append(plain(jobs, folder))
            loads.append(load_average())
            shutil.rmtree(folder)
            print(
                f"  {case} run {index + 1}: ours {ours_times[-1]:.1f} s, "
                f"plain {plain_times[-1]:.1f} s (load average {loads[-1]})",
                file=sys.stderr,
                flush=True,
            )
        noop_times = [noop(out, extra) for _ in range(max(runs, 5))]
    ours_median, plain_median = statistics.median(ours_times), statistics.median(plain_times)
    return {
        "case": case,
        "options": ["--force", *extra],
        "reports": len(jobs),
        "ours_s": ours_times,
        "plain_s": plain_times,
        "load_average": loads,
        "noop_s": noop_times,
        "ours_median_s": ours_median,
        "plain_median_s": plain_median,
        "speedup": plain_median / ours_median,
        "target": TARGETS[case],
        "noop_median_s": statistics.median(noop_times),
        "ours_per_report_s": ours_median / len(jobs),
        "plain_per_report_s": plain_median / len(jobs),
    }


def run(runs: int = 3, cases: tuple[str, ...] = ("small", "full")) -> dict:
    return {case: run_case(case, runs) for case in cases}


def table(result: dict) -> str:
    lines = [
        "| build | reports | ours: `analysis build --force` | plain: papermill + nbconvert CLIs "
        "| speed-up (target) | no-op rebuild | load average |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for case in result.values():
        label = "small (overview + `--areas seniors`)" if case["case"] == "small" else "full"
        lines.append(
            f"| {label} | {case['reports']} | {case['ours_median_s']:.1f} s "
            f"({case['ours_per_report_s']:.2f} s/report) | {case['plain_median_s']:.1f} s "
            f"({case['plain_per_report_s']:.2f} s/report) | **{case['speedup']:.1f}×** "
            f"(≥{case['target']:.0f}×) | {case['noop_median_s']:.2f} s "
            f"| {', '.join(str(x) for x in case['load_average'])} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--case", choices=tuple(CASES), action="append")
    arguments = parser.parse_args()
    print(table(run(arguments.runs, tuple(arguments.case or CASES))))
