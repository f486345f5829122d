"""Killed and surviving mutants per part of the core, from `mutmut results --all true`.

    python -m tests.mutation_report          # after `mutmut run`; `make mutants` runs both

A mutant counts as caught when a test failed (killed) or it ran past its time limit
(timeout); the score is caught / (caught + survived + no tests + suspicious). Mutants
not run yet (a run limited to some names) are counted apart and left out of the score.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

PARTS = ("formats", "library", "export")
CAUGHT = ("killed", "timeout")
MISSED = ("survived", "no tests", "suspicious")


def results(lines: list[str]) -> dict[str, Counter]:
    """Status counts per part from mutmut's `name: status` lines."""
    counts = {part: Counter() for part in PARTS}
    for line in lines:
        name, sep, status = line.strip().rpartition(": ")
        module = name.split(".")
        if sep and len(module) > 2 and module[0] == "desktop" and module[1] in counts:
            counts[module[1]][status] += 1
    return counts


def score(counts: Counter) -> str:
    """`caught/total (NN.N%)` over the mutants that were run."""
    caught = sum(counts[s] for s in CAUGHT)
    total = caught + sum(counts[s] for s in MISSED)
    return f"{caught}/{total} ({100 * caught / total:.1f}%)" if total else "-"


def report(counts: dict[str, Counter]) -> str:
    """A table: part, killed, timeout, survived, no tests, not run, score."""
    rows = [f"{'part':<8} {'killed':>7} {'timeout':>7} {'survived':>8} {'no tests':>8} {'not run':>7}  score"]
    overall: Counter = Counter()
    for part, c in [*counts.items(), ("overall", None)]:
        c = overall if c is None else c
        if part != "overall":
            overall.update(c)
        rows.append(
            f"{part:<8} {c['killed']:>7} {c['timeout']:>7} {c['survived']:>8} {c['no tests']:>8} "
            f"{c['not checked']:>7}  {score(c)}"
        )
    return "\n".join(rows)


def main() -> int:
    """Print the table for the results in ./mutants."""
    mutmut = Path(sys.executable).with_name("mutmut")
    out = subprocess.run([str(mutmut), "results", "--all", "true"], capture_output=True, text=True, check=True)
    print(report(results(out.stdout.splitlines())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
