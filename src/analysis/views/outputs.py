"""The one place that writes a report's files: summary JSON, CSV tables, figures.

Sections and templates write nothing; the notebook's last call hands what the
report showed to :func:`write_report_files`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from analysis.charts import style
from analysis.files import atomic_write_bytes, atomic_write_text, safe_csv_bytes
from analysis.views.blocks import Table
from analysis.views.charts import DrawnChart


def table_csv(frame: pd.DataFrame, synthetic: bool) -> bytes:
    """A table for spreadsheets: dates as ``YYYY-MM-DD``, formulas neutralised, and a
    ``synthetic`` column when the data is synthetic (so the file says so on its own)."""
    out = frame.copy()
    for name in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[name]):
            out[name] = out[name].dt.strftime("%Y-%m-%d")
    if synthetic:
        out["synthetic"] = "true"
    return safe_csv_bytes(out)


def write_report_files(
    folder: Path,
    report_name: str,
    summary: dict,
    tables: list[Table],
    charts: list[DrawnChart],
) -> list[Path]:
    """Write ``<report>.json``, ``tables/<report>-<table>.csv`` and
    ``figures/<report>-<chart>-<lang>.png|svg`` into ``folder``, atomically each."""
    folder = Path(folder)
    text = json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    written = [atomic_write_text(folder / f"{report_name}.json", text)]
    for table in tables:
        if table.name is not None:
            path = folder / "tables" / f"{report_name}-{table.name}.csv"
            written.append(atomic_write_bytes(path, table_csv(table.frame, summary["synthetic"])))
    for drawn in charts:
        drawn.chart.name = drawn.file_stem
        written += style.save_rendered(drawn.chart, folder / "figures", drawn.png).values()
    return written
