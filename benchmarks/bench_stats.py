"""Statistics at scale: analysis.metrics.overview beside DuckDB SQL on the same data.

Each (size, engine) runs in a fresh Python process, which generates the synthetic
register (analysis.demo.register.large_register), then times the computation and samples its
resident memory every 2 ms. Peak memory is reported as the highest RSS during the
computation minus the RSS just before it (the data itself is not counted), and as
the absolute peak. The DuckDB worker also computes our statistics and checks that
every number agrees. DuckDB gets the same register in four forms (its best is the one
compared): the categorical frames the data layer makes, integer codes, plain strings,
and a Parquet file that DuckDB reads into its own table inside the timed run.

    python benchmarks/bench_stats.py                   # 100k, 1M, 10M rows
    python benchmarks/bench_stats.py --sizes 100000    # one size
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

SIZES = (100_000, 1_000_000, 10_000_000)
MEETINGS = 2_000
PAGE = os.sysconf("SC_PAGE_SIZE")


def rss_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * PAGE


class PeakMemory:
    """Samples RSS in a thread while the block runs."""

    def __enter__(self):
        self.before = rss_bytes()
        self.peak = self.before
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes())
            time.sleep(0.002)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())


# --------------------------------------------------------------------------- the two engines


def ours(meetings, register):
    from analysis import metrics

    return metrics.overview(meetings, register)


DUCKDB_SQL = {
    "pairs": "CREATE TEMP TABLE pairs AS SELECT DISTINCT participant_id, meeting_id FROM reg",
    "org_pairs": """CREATE TEMP TABLE org_pairs AS
        SELECT DISTINCT organisation_id, meeting_id FROM reg""",
    "m": """CREATE TEMP TABLE m AS SELECT meeting_id, date, kind, area,
            strftime(date, '%G-W%V') AS iso_week,
            row_number() OVER (ORDER BY date, meeting_id) AS pos FROM meetings""",
    "totals": """SELECT (SELECT count(*) FROM m) AS meetings, (SELECT count(*) FROM pairs) AS
            attendances, (SELECT count(DISTINCT participant_id) FROM pairs) AS participants,
            (SELECT count(DISTINCT organisation_id) FROM org_pairs) AS organisations""",
    "by_meeting": """
        WITH p AS (SELECT meeting_id, count(*) AS participants FROM pairs GROUP BY 1),
             o AS (SELECT meeting_id, count(*) AS organisations FROM org_pairs GROUP BY 1),
             fp AS (SELECT arg_min(m.meeting_id, m.pos) AS meeting_id FROM pairs
                    JOIN m USING (meeting_id) GROUP BY participant_id),
             fo AS (SELECT arg_min(m.meeting_id, m.pos) AS meeting_id FROM org_pairs
                    JOIN m USING (meeting_id) GROUP BY organisation_id),
             np AS (SELECT meeting_id, count(*) AS n FROM fp GROUP BY 1),
             no AS (SELECT meeting_id, count(*) AS n FROM fo GROUP BY 1)
        SELECT m.meeting_id, coalesce(p.participants, 0) AS participants,
               coalesce(o.organisations, 0) AS organisations,
               coalesce(np.n, 0) AS new_participants, coalesce(no.n, 0) AS new_organisations
        FROM m LEFT JOIN p USING (meeting_id) LEFT JOIN o USING (meeting_id)
        LEFT JOIN np USING (meeting_id) LEFT JOIN no USING (meeting_id) ORDER BY m.pos""",
}


def _grouped(column: str) -> str:
    return f"""
        WITH mm AS (SELECT {column} AS g, count(*) AS meetings FROM m GROUP BY 1),
             a AS (SELECT {column} AS g, count(*) AS attendances,
                          count(DISTINCT participant_id) AS participants
                   FROM pairs JOIN m USING (meeting_id) GROUP BY 1),
             o AS (SELECT {column} AS g, count(DISTINCT organisation_id) AS organisations
                   FROM org_pairs JOIN m USING (meeting_id) GROUP BY 1)
        SELECT mm.g, mm.meetings, coalesce(a.attendances, 0) AS attendances,
               coalesce(a.participants, 0) AS participants,
               coalesce(o.organisations, 0) AS organisations
        FROM mm LEFT JOIN a USING (g) LEFT JOIN o USING (g) ORDER BY mm.g"""


for _name, _column in (
    ("by_area", "area"),
    ("by_kind", "kind"),
    ("by_date", "date"),
    ("by_week", "iso_week"),
    ("by_area_kind", "area || '|' || kind"),
):
    DUCKDB_SQL[_name] = _grouped(_column)
DUCKDB_SQL["reach"] = """
    WITH fp AS (SELECT min(m.date) AS d FROM pairs JOIN m USING (meeting_id)
                GROUP BY participant_id),
         fo AS (SELECT min(m.date) AS d FROM org_pairs JOIN m USING (meeting_id)
                GROUP BY organisation_id),
         days AS (SELECT DISTINCT date AS d FROM m),
         np AS (SELECT d, count(*) AS n FROM fp GROUP BY 1),
         no AS (SELECT d, count(*) AS n FROM fo GROUP BY 1)
    SELECT days.d, sum(coalesce(np.n, 0)) OVER (ORDER BY days.d) AS cumulative_participants,
           sum(coalesce(no.n, 0)) OVER (ORDER BY days.d) AS cumulative_organisations
    FROM days LEFT JOIN np USING (d) LEFT JOIN no USING (d) ORDER BY days.d"""
DUCKDB_SQL["repeat_participants"] = """SELECT k, count(*) AS n FROM (SELECT participant_id,
    count(*) AS k FROM pairs GROUP BY 1) GROUP BY k ORDER BY k"""
DUCKDB_SQL["repeat_organisations"] = """SELECT k, count(*) AS n FROM (SELECT organisation_id,
    count(*) AS k FROM org_pairs GROUP BY 1) GROUP BY k ORDER BY k"""
DUCKDB_SQL["persons_per_organisation"] = """SELECT k, count(*) AS n FROM (SELECT organisation_id,
    count(DISTINCT participant_id) AS k FROM reg GROUP BY 1) GROUP BY k ORDER BY k"""


#: The forms DuckDB is given the same register in: the categorical frames the data
#: layer makes, integer codes, plain strings, and a Parquet file DuckDB reads itself.
DUCKDB_FORMS = ("categorical", "codes", "strings", "parquet")
ID_COLUMNS = ("meeting_id", "participant_id", "organisation_id")


def duckdb_input(meetings, register, form: str, folder: Path):
    """(meetings, register) in ``form``; for ``parquet`` the register is a file path."""
    import pandas as pd

    if form == "categorical":
        return meetings, register
    if form == "codes":
        codes = {c: register[c].cat.codes.astype("int32") for c in ID_COLUMNS}
        categories = register["meeting_id"].cat.categories
        meeting_codes = pd.Categorical(meetings["meeting_id"], categories=categories).codes
        return meetings.assign(meeting_id=meeting_codes.astype("int32")), pd.DataFrame(codes)
    strings = pd.DataFrame({c: register[c].astype(str) for c in ID_COLUMNS})
    if form == "strings":
        return meetings, strings
    path = folder / "register.parquet"
    strings.to_parquet(path, index=False)
    return meetings, path


def duckdb_overview(meetings, register):
    import duckdb

    connection = duckdb.connect()
    if isinstance(register, Path):  # DuckDB reads the Parquet file into its own table
        connection.execute(f"CREATE TEMP TABLE reg AS SELECT * FROM read_parquet('{register}')")
    else:
        connection.register("reg", register)
    connection.register("meetings", meetings)
    results = {}
    for name, sql in DUCKDB_SQL.items():
        if sql.lstrip().upper().startswith("CREATE"):
            connection.execute(sql)
        else:
            results[name] = connection.execute(sql).df()
    connection.close()
    return results


def check_agreement(stats, sql, meeting_ids=None) -> None:
    """Every number of our overview equals DuckDB's (raises AssertionError if not).

    ``meeting_ids`` turns DuckDB's integer meeting codes back into ids."""
    import numpy as np

    if meeting_ids is not None:
        by_meeting = sql["by_meeting"]
        sql["by_meeting"] = by_meeting.assign(
            meeting_id=np.asarray(meeting_ids)[by_meeting["meeting_id"].to_numpy()]
        )

    totals = sql["totals"].iloc[0].to_dict()
    mine = {k: stats.totals[k] for k in totals}  # the totals DuckDB computes
    assert {k: int(v) for k, v in totals.items()} == mine, (totals, stats.totals)
    ours_m = stats.by_meeting
    theirs_m = sql["by_meeting"]
    assert list(ours_m["meeting_id"]) == list(theirs_m["meeting_id"])
    for column in ("participants", "organisations", "new_participants", "new_organisations"):
        assert np.array_equal(ours_m[column].to_numpy(), theirs_m[column].to_numpy()), column
    for name, frame, key in (
        ("by_area", stats.by_area, "area"),
        ("by_kind", stats.by_kind, "kind"),
        ("by_week", stats.by_week, "iso_week"),
    ):
        mine = frame.sort_values(key).reset_index(drop=True)
        theirs = sql[name]
        assert list(mine[key].astype(str)) == list(theirs["g"].astype(str)), name
        for column in ("meetings", "attendances", "participants", "organisations"):
            assert np.array_equal(mine[column].to_numpy(), theirs[column].to_numpy()), (
                name,
                column,
            )
    reach = stats.by_date
    for column in ("cumulative_participants", "cumulative_organisations"):
        assert np.array_equal(reach[column].to_numpy(), sql["reach"][column].to_numpy()), column
    for mine, theirs in (
        (stats.repeat_participants, sql["repeat_participants"]),
        (stats.repeat_organisations, sql["repeat_organisations"]),
        (stats.persons_per_organisation, sql["persons_per_organisation"]),
    ):
        assert np.array_equal(mine.iloc[:, 0].to_numpy(), theirs["k"].to_numpy())
        assert np.array_equal(mine.iloc[:, 1].to_numpy(), theirs["n"].to_numpy())


def worker(size: int, engine: str, repeats: int) -> dict:
    import tempfile

    from analysis.demo.register import large_register

    meetings, register = large_register(size, meetings=MEETINGS)
    folder = Path(tempfile.mkdtemp(prefix="bench-stats-"))
    given = (meetings, register)
    if engine.startswith("duckdb"):
        form = engine.split("-", 1)[1]
        given = duckdb_input(meetings, register, form, folder)
        duckdb_overview(*duckdb_input(meetings.head(50), register.head(1000), form, folder))
    else:
        ours(meetings.head(50), register.head(1000))  # warm up imports and code paths
    function = ours if engine == "analysis" else duckdb_overview
    if engine.endswith("parquet"):  # the warm-up overwrote the file: write it again
        given = duckdb_input(meetings, register, "parquet", folder)
    times, peaks, before = [], [], None
    for _ in range(repeats):
        with PeakMemory() as memory:
            started = time.perf_counter()
            result = function(*given)
            times.append(time.perf_counter() - started)
        peaks.append(memory.peak - memory.before)
        before = memory.before
        absolute = memory.peak
        del result
    agree = None
    if engine.startswith("duckdb"):
        ids = register["meeting_id"].cat.categories if engine.endswith("codes") else None
        check_agreement(ours(meetings, register), duckdb_overview(*given), ids)
        agree = True
    return {
        "rows": size,
        "engine": engine,
        "seconds": statistics.median(times),
        "runs": times,
        "extra_peak_mb": max(peaks) / 2**20,
        "data_mb": before / 2**20,
        "absolute_peak_mb": absolute / 2**20,
        "agree": agree,
    }


ENGINES = ("analysis", *(f"duckdb-{form}" for form in DUCKDB_FORMS))


def run(sizes=SIZES, repeats: int = 3) -> list[dict]:
    rows = []
    for size in sizes:
        for engine in ENGINES:
            result = subprocess.run(
                [sys.executable, __file__, "--worker", str(size), engine, str(repeats)],
                capture_output=True,
                text=True,
                check=True,
            )
            rows.append(json.loads(result.stdout.strip().splitlines()[-1]))
            print(
                f"  {size:>11,} rows  {engine:<19}  {rows[-1]['seconds']:7.2f} s  "
                f"+{rows[-1]['extra_peak_mb']:7.0f} MB",
                file=sys.stderr,
                flush=True,
            )
    return rows


def table(rows: list[dict]) -> str:
    """One line per size: ours, each DuckDB form, and ours against the fastest form."""
    forms = [f"duckdb-{form}" for form in DUCKDB_FORMS]
    lines = [
        "| rows | analysis.metrics (s) | "
        + " | ".join(f"DuckDB {f.split('-', 1)[1]} (s)" for f in forms)
        + " | fastest DuckDB form | its time ÷ ours | ours: extra peak MB "
        "| fastest DuckDB: extra peak MB | numbers agree |",
        "|---:|---:|" + "---:|" * len(forms) + ":---|---:|---:|---:|:---:|",
    ]
    by_size = {}
    for row in rows:
        by_size.setdefault(row["rows"], {})[row["engine"]] = row
    for size, found in by_size.items():
        mine = found["analysis"]
        duck = {f: found[f] for f in forms if f in found}
        best = min(duck, key=lambda f: duck[f]["seconds"])
        agree = all(r["agree"] for r in duck.values())
        lines.append(
            f"| {size:,} | {mine['seconds']:.2f} | "
            + " | ".join(f"{duck[f]['seconds']:.2f}" if f in duck else "–" for f in forms)
            + f" | {best.split('-', 1)[1]} | {duck[best]['seconds'] / mine['seconds']:.2f} | "
            f"{mine['extra_peak_mb']:.0f} | {duck[best]['extra_peak_mb']:.0f} | "
            f"{'yes' if agree else 'NO'} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--worker", nargs=3, metavar=("SIZE", "ENGINE", "REPEATS"))
    args = parser.parse_args()
    if args.worker:
        size, engine, repeats = args.worker
        print(json.dumps(worker(int(size), engine, int(repeats))))
    else:
        print(table(run(args.sizes, args.repeats)))
        sys.path.insert(0, str(Path(__file__).parent))
