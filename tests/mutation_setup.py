"""A pytest plugin for `make mutants` only (`-p tests.mutation_setup`).

mutmut runs the suite from a copy of the project in `mutants/`, one folder deeper, so
the seed transcripts (`../shared/seeds` beside the project) are one more level up.
"""

from __future__ import annotations

from pathlib import Path

import tests.conftest

_PROJECT = Path(__file__).resolve().parents[2]  # mutants/tests/ -> the project


def pytest_configure(config) -> None:
    """Point the `seeds` fixture at the seeds beside the real project."""
    if not tests.conftest.SEEDS.is_dir():
        tests.conftest.SEEDS = _PROJECT / ".." / "shared" / "seeds"
