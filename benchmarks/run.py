"""Run every benchmark, print the tables and write them with the machine to results/.

python benchmarks/run.py [--runs 3] [--sizes 100000 1000000 10000000]
    [--only build|stats|scale|pdf] [--build-case small|full]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_build  # noqa: E402
import bench_pdf  # noqa: E402
import bench_scale  # noqa: E402
import bench_stats  # noqa: E402


def machine() -> dict:
    info = {
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "system": platform.platform(),
    }
    with open("/proc/meminfo") as handle:
        total_kb = int(next(line for line in handle if line.startswith("MemTotal")).split()[1])
    info["memory_gb"] = round(total_kb / 2**20, 1)
    with open("/proc/cpuinfo") as handle:
        models = [line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")]
    info["cpu"] = models[0] if models else platform.processor()
    for name in ("analysis", "pandas", "numpy", "duckdb", "papermill", "nbconvert", "matplotlib"):
        info[name] = version(name)
    info["OPENBLAS_CORETYPE"] = os.environ.get("OPENBLAS_CORETYPE", "")
    info["load_average_at_start"] = [round(x, 2) for x in os.getloadavg()]
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="alternating build runs")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(bench_stats.SIZES))
    parser.add_argument("--repeats", type=int, default=3, help="timed repeats per size")
    parser.add_argument("--only", choices=("build", "stats", "scale", "pdf"))
    parser.add_argument(
        "--build-case", choices=tuple(bench_build.CASES), action="append", help="default: both"
    )
    args = parser.parse_args()

    about = machine()
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H%M%SZ")
    sections = [
        f"# Benchmarks, {stamp}",
        "",
        f"Machine: {about['cores']} cores, {about['memory_gb']} GB, {about['cpu']}; "
        f"{about['system']}; Python {about['python']}; load average at start "
        f"{', '.join(str(x) for x in about['load_average_at_start'])} (other work on the machine).",
        "Versions: "
        + ", ".join(
            f"{k} {about[k]}"
            for k in (
                "analysis",
                "pandas",
                "numpy",
                "duckdb",
                "papermill",
                "nbconvert",
                "matplotlib",
            )
        )
        + ".",
        "",
    ]
    results = {"machine": about}
    if args.only in (None, "build"):
        print("build benchmark ...", file=sys.stderr)
        build = bench_build.run(args.runs, tuple(args.build_case or bench_build.CASES))
        results["build"] = build
        sections += ["## Build", "", bench_build.table(build), ""]
    if args.only in (None, "stats"):
        print("statistics benchmark ...", file=sys.stderr)
        stats = bench_stats.run(args.sizes, args.repeats)
        results["stats"] = stats
        sections += ["## Statistics at scale", "", bench_stats.table(stats), ""]
    if args.only in (None, "scale"):
        print("end-to-end benchmark on a 1,000,000-row synthetic register ...", file=sys.stderr)
        scale = bench_scale.run(runs=args.runs)
        results["scale"] = scale
        sections += ["## End to end at scale (synthetic)", "", bench_scale.table(scale), ""]
    if args.only in (None, "pdf"):
        print("PDF benchmark (build with and without --pdf) ...", file=sys.stderr)
        pdf = bench_pdf.run(args.runs)
        results["pdf"] = pdf
        sections += ["## What --pdf adds", "", bench_pdf.table(pdf), ""]
    report = "\n".join(sections)
    print(report)
    folder = HERE / "results"
    folder.mkdir(exist_ok=True)
    (folder / f"{stamp}.md").write_text(report + "\n", encoding="utf-8")
    (folder / f"{stamp}.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if args.only is None and args.build_case is None:  # latest.md holds complete runs only
        (folder / "latest.md").write_text(report + "\n", encoding="utf-8")
    print(f"written: benchmarks/results/{stamp}.md", file=sys.stderr)


if __name__ == "__main__":
    main()
