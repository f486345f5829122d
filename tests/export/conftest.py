"""An annotated library with fixed times, so exports can be compared byte for byte."""

from __future__ import annotations

import pytest

from desktop.library import Library
from desktop.resources import SAMPLE_TRANSCRIPT
from tests.annotations import annotate

FIXED = "2026-01-15T10:00:00Z"


def freeze_times(library: Library) -> None:
    """Give every stored time one fixed value (exports show them)."""
    with library.write():
        library.conn.execute("UPDATE transcripts SET imported_at = ?", (FIXED,))
        library.conn.execute("UPDATE highlights SET created = ?, updated = ?", (FIXED, FIXED))


@pytest.fixture
def annotated(tmp_path):
    """(library, sample id): the sample with the README's highlights, tags and notes."""
    with Library(tmp_path / "library.sqlite") as library:
        tid = library.import_file(SAMPLE_TRANSCRIPT).id
        annotate(library, tid)
        freeze_times(library)
        yield library, tid
