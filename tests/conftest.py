"""Test set-up shared by every test: Qt offscreen, and where the data lives."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / ".." / "shared" / "seeds"
FIXTURES = ROOT / "tests" / "formats" / "fixtures"


@pytest.fixture
def seeds() -> Path:
    """The real transcripts beside the project (../shared/seeds); their absence is a failure."""
    assert SEEDS.is_dir(), f"seed transcripts missing: {SEEDS}"
    return SEEDS
