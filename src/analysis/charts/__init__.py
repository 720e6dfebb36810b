"""Charts: matplotlib figures from the statistics, in the report's language.

- :mod:`~analysis.charts.style`: the palette, the axes, number formats, folding long
  categories, saving PNG and SVG with one layout;
- :mod:`~analysis.charts.participation`: charts of a register's statistics;
- :mod:`~analysis.charts.counts`: charts of per-meeting counts.
"""
