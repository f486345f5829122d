"""The library: one SQLite file holding transcripts, highlights, tags and notes.

Every public method is one transaction and returns plain records (models.py).
"""

from __future__ import annotations

import hashlib
import os
from contextlib import AbstractContextManager
from pathlib import Path

import platformdirs

from desktop.formats import parse
from desktop.library.connection import connect, write_transaction
from desktop.library.highlights import Highlights
from desktop.library.models import ImportResult, LibraryError, SearchHit
from desktop.library.search import autotag, search
from desktop.library.speakers import Speakers
from desktop.library.tags import Tags
from desktop.library.transcripts import Transcripts


def default_library_path() -> Path:
    """`TALKMARK_LIBRARY`, else `library.sqlite` in the user's data folder."""
    override = os.environ.get("TALKMARK_LIBRARY")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path("Talkmark", appauthor=False) / "library.sqlite"


class Library:
    """A library file, opened for writing (backed up, checked, migrated) or reading."""

    def __init__(self, path: str | Path | None = None, *, write: bool = True) -> None:
        self.path = Path(path) if path else default_library_path()
        self.db = connect(self.path, write=write)
        self.conn = self.db.conn
        self.transcripts = Transcripts(self)
        self.highlights = Highlights(self)
        self.tags = Tags(self)
        self.speakers = Speakers(self)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self.conn.close()

    def write(self) -> AbstractContextManager[None]:
        """A write transaction: all of it or none of it."""
        return write_transaction(self.conn)

    def import_file(self, path: str | Path) -> ImportResult:
        """Parse and add one file (FormatError when it is no transcript)."""
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise LibraryError(f"{path}: {exc.strerror or 'cannot be read'}") from None
        return self.transcripts.add(parse(data, path.name), content_hash(data))

    def search(self, query: str, *, transcript_id: int | None = None, limit: int = 50) -> list[SearchHit]:
        """Turns matching a full-text query, best first (SearchError for a query that cannot run)."""
        return search(self, query, transcript_id=transcript_id, limit=limit)

    def autotag(self, query: str, tag: str, *, transcript_id: int | None = None) -> int:
        """Highlight every match of `query` and tag it; returns how many highlights were made or tagged."""
        return autotag(self, query, tag, transcript_id=transcript_id)


def content_hash(data: bytes) -> str:
    """The fingerprint that recognises the same file imported twice."""
    return hashlib.sha256(data).hexdigest()
