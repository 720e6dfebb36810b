"""The mutation score of the last `mutmut run`, per module, and the mutants that lived.

`make mutants` runs this after mutmut. A mutant is *killed* when the fast suite fails
(or times out) with it in place; it *survived* when every test passed, and it had *no
tests* when no fast test runs the mutated function at all. Both of the latter count
against the score. Mutants known to be equivalent (they cannot change what any caller
sees) are kept out before mutmut runs, by a ``# pragma: no mutate`` comment that says
why on the line itself.

Exit status 1 when the score is under ``--minimum`` percent (default 90).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

KILLED = {"killed", "timeout", "caught by type check"}
LIVED = {"survived", "no tests"}


def statuses(mutants_dir: Path) -> dict[str, dict[str, str]]:
    """{module path: {mutant name: status}} from mutmut's ``.meta`` files."""
    found = {}
    for meta in sorted(mutants_dir.glob("src/**/*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {})
        if codes:
            module = str(meta.relative_to(mutants_dir)).removesuffix(".meta")
            found[module] = {name: status_by_exit_code[code] for name, code in codes.items()}
    return found


def score(counts: Counter) -> float | None:
    """Killed share of the mutants that were tested or had no test, in percent."""
    judged = sum(counts[s] for s in KILLED | LIVED)
    return None if judged == 0 else 100 * sum(counts[s] for s in KILLED) / judged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=Path, default=Path("mutants"))
    parser.add_argument("--minimum", type=float, default=90.0)
    args = parser.parse_args(argv)
    found = statuses(args.mutants)
    if not found:
        print(f"no mutmut results under {args.mutants}/: run `make mutants` first")
        return 2
    total: Counter = Counter()
    lived = []
    for module, by_name in found.items():
        counts = Counter(by_name.values())
        total += counts
        print(
            f"{module}: {score(counts) or 0:.1f}% killed "
            f"({sum(counts[s] for s in KILLED)} killed, {counts['survived']} survived, "
            f"{counts['no tests']} with no test, {counts['not checked']} not checked)"
        )
        lived += [f"  {name}: {status}" for name, status in by_name.items() if status in LIVED]
    overall = score(total) or 0.0
    print(f"all modules: {overall:.1f}% killed of {sum(total.values())} mutants")
    if lived:
        print("lived (see each with `.venv/bin/mutmut show NAME`):")
        print("\n".join(lived))
    return 0 if overall >= args.minimum else 1


if __name__ == "__main__":
    sys.exit(main())
