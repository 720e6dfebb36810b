"""The full default build beside the plain tool chain doing the same work.

Ours: ``python -m analysis build --force`` (parallel workers, warm kernels, HTML
rendered in the workers). Plain: for each report of the same build, the ``papermill``
command line with the same parameters, then ``jupyter nbconvert --to html
--no-input``, one after the other. Runs alternate (ours, plain, ours, plain, ...) so
that both see the same machine state; the table gives medians. Also: the no-op
rebuild (``python -m analysis build`` right after a build) and the cost per report.

    python benchmarks/bench_build.py --runs 3
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _timed(command: list[str], **kwargs) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, **kwargs)
    return time.perf_counter() - started


def ours(out: Path) -> float:
    return _timed([sys.executable, "-m", "analysis", "build", "--force", "--out", str(out)])


def noop(out: Path) -> float:
    return _timed([sys.executable, "-m", "analysis", "build", "--out", str(out)])


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


def run(runs: int = 3) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        out = tmp / "reports"
        ours(out)  # warm caches; also gives the job list
        jobs = jobs_of_a_build(out)
        ours_times, plain_times = [], []
        for index in range(runs):
            ours_times.append(ours(out))
            folder = tmp / f"plain-{index}"
            folder.mkdir()
            plain_times.append(plain(jobs, folder))
            shutil.rmtree(folder)
            print(
                f"  run {index + 1}: ours {ours_times[-1]:.1f} s, plain {plain_times[-1]:.1f} s",
                file=sys.stderr,
                flush=True,
            )
        noop_times = [noop(out) for _ in range(max(runs, 5))]
    ours_median, plain_median = statistics.median(ours_times), statistics.median(plain_times)
    return {
        "reports": len(jobs),
        "ours_s": ours_times,
        "plain_s": plain_times,
        "noop_s": noop_times,
        "ours_median_s": ours_median,
        "plain_median_s": plain_median,
        "speedup": plain_median / ours_median,
        "noop_median_s": statistics.median(noop_times),
        "ours_per_report_s": ours_median / len(jobs),
        "plain_per_report_s": plain_median / len(jobs),
    }


def table(result: dict) -> str:
    return "\n".join(
        [
            "| measure | ours: `analysis build` | plain: papermill + nbconvert CLIs |",
            "|---|---:|---:|",
            f"| full build, {result['reports']} reports (median) | {result['ours_median_s']:.1f} s "
            f"| {result['plain_median_s']:.1f} s |",
            f"| per report | {result['ours_per_report_s']:.2f} s "
            f"| {result['plain_per_report_s']:.2f} s |",
            f"| speed-up | **{result['speedup']:.1f}×** | 1× |",
            f"| no-op rebuild (median) | {result['noop_median_s']:.2f} s | – |",
        ]
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    print(table(run(parser.parse_args().runs)))
