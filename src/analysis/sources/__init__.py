"""Sources: bytes on disk -> raw tables, one module per job.

- :mod:`~analysis.sources.text_encoding`: the bytes' encoding (UTF-8, UTF-16 with BOM,
  Windows-1250);
- :mod:`~analysis.sources.csv_reading`: a CSV's separator, quoting and lines, read by
  Arrow or Python's ``csv`` module; :class:`~analysis.sources.csv_reading.RawTable`;
- :mod:`~analysis.sources.reading`: CSV, XLSX, Parquet and ``.zip`` files into raw
  tables;
- :mod:`~analysis.sources.headers`: headers read as the contract's fields (aliases, the
  user's mapping, the missing-column message);
- :mod:`~analysis.sources.limits`: bounds on the work a small file can ask for;
- :mod:`~analysis.sources.proposals`: Decidim's proposals export (remarks);
- :mod:`~analysis.sources.columns`: the user's column mapping (``FIELD=COLUMN``);
- :mod:`~analysis.sources.decidim`: Decidim's open-data meetings export;
- :mod:`~analysis.sources.announcement`: a published announcement (Polish text).

Only this stage reads raw files. It imports nothing from the stages above it.
"""
