"""``python -m analysis``: the command line (:mod:`analysis.cli`).

A Ctrl-C while Python still imports the command line, before the command handles
signals itself, ends the process with one line and exit 130, as one a moment later
does; nothing has been written yet.
"""

import sys

try:
    from analysis.cli import main
except KeyboardInterrupt:
    sys.stderr.write("interrupted (SIGINT) while starting: nothing was changed\n")
    raise SystemExit(130) from None

raise SystemExit(main())
