"""End to end at scale: a 1,000,000-row register, read, checked and built into reports.

The register is SYNTHETIC, generated here (seeded) for the 11 meetings of the shipped
announcement: one row per person per meeting, about a quarter of a million people,
a third as many organisations, every row marked ``synthetic=true``; repeats of a
(person, meeting) pair happen by chance and a few rows are made bad on purpose (an
unknown meeting, a blank person, an e-mail as the person), so the rejects and the
duplicates are written as in real use. It is written as UTF-8 CSV, as staff send it.

Each measurement runs as its own command in a fresh process, in alternating order:

- ``read_csv``: a bare ``pandas.read_csv(FILE)``, the yardstick;
- ``validate``: ``python -m analysis validate --register FILE`` (read, check, write the
  clean tables, rejects and duplicates), with an empty cache of validated tables;
- ``build``: ``python -m analysis build --force --areas culture --register FILE``
  (the overview and one area report) into a temporary folder, empty cache first;
- ``build_jobs1``: the same with ``--jobs 1`` (one worker and one kernel run both).

Wall time is the command's, interpreter start included. Peak memory is sampled every
20 ms over the command's whole process tree (the build's fork server, workers and
kernels included), two ways: the resident memory (RSS) of each process summed, which
counts the pages the forked workers share with their fork server once per process;
and the proportional set size (PSS), which counts a shared page once, split between
the processes sharing it.

    python benchmarks/bench_scale.py [--rows 1000000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil

ROWS = 1_000_000
BAD_EVERY = 1_000  # one bad row per thousand


def write_register(path: Path, rows: int, seed: int = 2018) -> Path:
    """A seeded synthetic register for the shipped meetings, written as UTF-8 CSV."""
    from analysis import config
    from analysis.sources.announcement import read_announcement

    rng = np.random.default_rng(seed)
    meetings = read_announcement(config.ANNOUNCEMENT_PATH).meetings["meeting_id"].to_numpy()
    people = max(rows // 4, 1)
    person = rng.integers(0, people, rows)
    organisation = rng.integers(0, max(people // 3, 1), people)[person]
    meeting = meetings[rng.integers(0, len(meetings), rows)].astype(object)
    participant = np.char.add("P", np.char.zfill(person.astype(str), 7)).astype(object)
    organisation_id = np.char.zfill(organisation.astype(str), 6)
    name = np.char.add("Fundacja Przykładowa ", organisation_id).astype(object)
    name = name + " (dane syntetyczne)"
    organisation_id = np.char.add("O", organisation_id).astype(object)
    bad = np.arange(BAD_EVERY // 2, rows, BAD_EVERY)
    meeting[bad[0::3]] = "2018-13-01-unknown"
    participant[bad[1::3]] = ""
    participant[bad[2::3]] = "jan.kowalski@example.org"
    lines = meeting + "," + participant + "," + organisation_id + "," + name + ",true"
    header = "meeting_id,participant_id,organisation_id,organisation_name,synthetic"
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(header + "\n")
        for start in range(0, rows, 100_000):
            handle.write("\n".join(lines[start : start + 100_000]) + "\n")
    return path


READ_CSV = "import sys, pandas; pandas.read_csv(sys.argv[1])"
COMMANDS = ("read_csv", "validate", "build", "build_jobs1")
LABELS = {
    "read_csv": "bare `pandas.read_csv(FILE)`",
    "validate": "`analysis validate --register FILE`",
    "build": "`analysis build --force --areas culture --register FILE`",
    "build_jobs1": "the same build with `--jobs 1` (one worker, one kernel)",
}


def measure(command: list[str], env: dict | None = None) -> dict:
    """Run ``command``; its wall time and the peak resident memory of its process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    root = psutil.Process(process.pid)
    peak = peak_pss = 0
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            peak_pss = max(peak_pss, sum(_pss(p) for p in tree))
        except psutil.Error:
            pass
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    stderr = process.stderr.read()
    if process.returncode not in (0, 1):  # validate exits 1 when rows were rejected
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {stderr[-2000:]}")
    return {
        "seconds": seconds,
        "peak_mb": peak / 2**20,
        "peak_pss_mb": peak_pss / 2**20,
        "exit": process.returncode,
    }


def _pss(process: psutil.Process) -> int:
    """Proportional set size: pages shared between processes (the forked workers share
    most of theirs with the fork server) count once, split between their sharers."""
    try:
        return process.memory_full_info().pss
    except psutil.Error:
        return 0


def run(rows: int = ROWS, runs: int = 3) -> dict:
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        folder = Path(folder)
        register = write_register(folder / "register-synthetic.csv", rows)
        size_mb = register.stat().st_size / 2**20
        results: dict[str, list[dict]] = {n: [] for n in COMMANDS}
        for run_number in range(runs):
            for name in COMMANDS:
                cache = folder / f"validated-{name}-{run_number}"  # empty: a first load
                env = {**os.environ, "ANALYSIS_VALIDATED_DIR": str(cache)}
                if name == "read_csv":
                    command = [python, "-c", READ_CSV, str(register)]
                elif name == "validate":
                    command = [python, "-m", "analysis", "validate", "--register", str(register)]
                    command += ["--processed-dir", str(folder / "processed")]
                else:
                    command = [python, "-m", "analysis", "build", "--force", "--areas", "culture"]
                    command += ["--register", str(register), "--out", str(folder / "out")]
                    command += ["--processed-dir", str(folder / "processed")]
                    command += ["--jobs", "1"] if name == "build_jobs1" else []
                results[name].append(measure(command, env))
                print(
                    f"  run {run_number + 1}: {name:<11} {results[name][-1]['seconds']:6.1f} s  "
                    f"{results[name][-1]['peak_mb']:6.0f} MB (PSS "
                    f"{results[name][-1]['peak_pss_mb']:.0f} MB)",
                    file=sys.stderr,
                    flush=True,
                )
    summary = {
        name: {
            "seconds": statistics.median(r["seconds"] for r in rs),
            "runs": [r["seconds"] for r in rs],
            "peak_mb": max(r["peak_mb"] for r in rs),
            "peak_pss_mb": max(r["peak_pss_mb"] for r in rs),
        }
        for name, rs in results.items()
    }
    pairs = zip(results["read_csv"], results["validate"], strict=True)
    ratios = [v["seconds"] / r["seconds"] for r, v in pairs]
    return {
        "rows": rows,
        "file_mb": size_mb,
        "runs": runs,
        **summary,
        "validate_over_read_csv": statistics.median(ratios),
        "ratios": ratios,
    }


def table(result: dict) -> str:
    ratio = result["validate_over_read_csv"]
    lines = [
        f"Synthetic register: {result['rows']:,} rows, {result['file_mb']:.0f} MB of CSV; "
        f"medians of {result['runs']} alternating runs, each a fresh process.",
        "",
        "| command | wall time | peak memory, RSS summed over the process tree | peak, PSS |",
        "|---|---:|---:|---:|",
        *(
            f"| {LABELS[name]} | {result[name]['seconds']:.1f} s | "
            f"{result[name]['peak_mb']:,.0f} MB | {result[name]['peak_pss_mb']:,.0f} MB |"
            for name in COMMANDS
        ),
        "",
        f"`validate` ÷ `read_csv`, run by run: {', '.join(f'{r:.1f}' for r in result['ratios'])} "
        f"(median {ratio:.1f}×).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=ROWS)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    outcome = run(args.rows, args.runs)
    print(json.dumps(outcome))
    print(table(outcome))
