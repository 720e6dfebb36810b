"""Synthetic demonstration data, seeded, marked synthetic in every row.

- :mod:`~analysis.demo.register`: an attendance register for the shipped announcement;
- :mod:`~analysis.demo.counts`: a city-sized table of meetings with counts.
"""
