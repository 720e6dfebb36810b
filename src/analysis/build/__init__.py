"""The report build, one module per job (as papermill and Kedro split theirs):

- :mod:`~analysis.build.options`: what a build is asked to do, and what it did;
- :mod:`~analysis.build.plan`: options and notebook parameters checked, the jobs;
- :mod:`~analysis.build.keys`: the one cache-key function, for the build and each job;
- :mod:`~analysis.build.manifest`: what was built from what; which jobs must run;
- :mod:`~analysis.build.kernel` and :mod:`~analysis.build.worker`: one job's run in a
  worker process with a warm kernel;
- :mod:`~analysis.build.publish`: the folder's lock, publishing from staging;
- :mod:`~analysis.build.signals`: where SIGINT and SIGTERM may stop a build;
- :mod:`~analysis.build.runner`: the workers, scheduling, :func:`build`;
- :mod:`~analysis.build.pdf`: a report's PDF from its page (``--pdf``);
- :mod:`~analysis.build.index`: ``index.html``;
- :mod:`~analysis.build.watch`: ``build --watch``.

Command-line parsing and console lines live in :mod:`analysis.cli`.
"""

import sys

# jsonschema (imported by nbformat, papermill and nbconvert) builds some 35 Earley parsers
# for RFC 3987 IRIs when rfc3987_syntax is installed: 1-2 s per process on this machine,
# for a format no notebook schema uses (python-jsonschema/jsonschema#1428). The build's
# processes skip it; jsonschema then leaves "iri" unchecked, as it does without the package.
if "jsonschema._format" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)
