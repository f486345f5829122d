"""A fresh library per test, built through the real migrations."""

from __future__ import annotations

import pytest

from desktop.library import Library
from desktop.resources import SAMPLE_TRANSCRIPT


@pytest.fixture
def library(tmp_path):
    with Library(tmp_path / "library.sqlite") as lib:
        yield lib


@pytest.fixture
def sample(library) -> int:
    """The id of the project's sample transcript, imported."""
    return library.import_file(SAMPLE_TRANSCRIPT).id
