"""Validation: raw tables -> checked tables and rejected rows.

- :mod:`~analysis.validation.values`: the accepted forms of dates, counts and names;
- :mod:`~analysis.validation.checks`: the row rules, each rejected row with its reason;
- :mod:`~analysis.validation.schemas`: the checked table (:class:`Checked`) and the
  register's and organisations' checks;
- :mod:`~analysis.validation.meetings`: a meetings table checked, ids made when it has none;
- :mod:`~analysis.validation.remarks` and :mod:`~analysis.validation.outcomes`: a remarks
  register checked, and the officials' wordings of outcomes;
- :mod:`~analysis.validation.loading`: a source read and checked as its role needs;
- :mod:`~analysis.validation.cache`: checked tables kept as Arrow files, keyed;
- :mod:`~analysis.validation.processed`: the checked tables written to ``data/processed/``.
"""

#: The code of a blank area or territory (here, so the catalogue can name it without
#: importing pandas: the build's main process and workers stay light).
UNASSIGNED = "unassigned"
