"""Every benchmark in one run: `python -m tests.bench [--quick] [--out bench-results.json]`.

Prints a table (each figure a median of at least 5 runs, with min, max, a baseline measured
in the same run, the ratio and the target), writes bench-results.json, and exits 3 when a
target is missed (1 is left to a crash, so CI can run it as a smoke test). --quick shrinks
the data (20 transcripts, 1,000 highlights) to run in under a minute; the reports' library of
2,000 transcripts is built once and cached (tests/bench/bench_reports.py). --scale runs the scale
set instead: a 5,000-transcript library and a 100-hour transcript (tests/bench/scale.py; the
library is built once and cached, a build taking minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
MISSED_TARGET = 3


def main() -> int:
    options = argparse.ArgumentParser(prog="python -m tests.bench")
    options.add_argument("--quick", action="store_true", help="reduced data; under a minute")
    options.add_argument("--scale", action="store_true", help="the scale set: 5,000 transcripts, 100 hours")
    options.add_argument("--out", type=Path, default=Path("bench-results.json"))
    args = options.parse_args()

    from tests.bench.harness import table

    modules = scale_modules() if args.scale else standard_modules()

    began = time.perf_counter()
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        for module in modules:
            part = Path(folder) / module.__name__.rsplit(".", 1)[-1]
            part.mkdir()
            figures += module.figures(part, args.quick)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    print(table(figures))
    kind = " (scale)" if args.scale else " (quick)" if args.quick else ""
    print(f"\n{machine}; {time.perf_counter() - began:.0f} s{kind}")
    args.out.write_text(json.dumps({f.name: f.as_json() for f in figures}, indent=2, ensure_ascii=False) + "\n")
    missed = [f.name for f in figures if not f.ok]
    if missed:
        print("missed: " + "; ".join(missed), file=sys.stderr)
    return MISSED_TARGET if missed else 0


def standard_modules() -> list:
    """The benchmarks of every issue's targets, on the standard data."""
    from tests.bench import bench_app, bench_export, bench_library, bench_media, bench_reports

    return [bench_library, bench_export, bench_reports, bench_app, bench_media]


def scale_modules() -> list:
    """The scale set's benchmarks: the library, the app, the reader."""
    from tests.bench import bench_scale_app, bench_scale_library, bench_scale_reader

    return [bench_scale_library, bench_scale_app, bench_scale_reader]


if __name__ == "__main__":
    sys.exit(main())
