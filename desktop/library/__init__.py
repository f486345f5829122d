"""The library: one SQLite file with every transcript, highlight, tag and note. No Qt.

>>> with Library(path) as library:
...     result = library.import_file("interview.srt")
...     library.highlights.add(result.id, Position(0, 0), Position(0, 12), tags=["method/interview"])
"""

from desktop.library.backup import backups, restore_backup
from desktop.library.changes import Changes
from desktop.library.corrections import Correction, Match
from desktop.library.models import (
    ConflictError,
    Highlight,
    ImportResult,
    LibraryError,
    Position,
    Repair,
    SearchError,
    SearchHit,
    SpeakerStats,
    Tag,
    TranscriptInfo,
    TurnRecord,
)
from desktop.library.schema import SCHEMA_VERSION
from desktop.library.store import Library, content_hash, default_library_path
from desktop.library.tags import TagNode, tag_tree

__all__ = [
    "SCHEMA_VERSION", "Changes", "ConflictError", "Correction", "Highlight", "ImportResult", "Library", "LibraryError",
    "Match", "Position", "Repair", "SearchError", "SearchHit", "SpeakerStats", "Tag", "TagNode", "TranscriptInfo",
    "TurnRecord", "backups", "content_hash", "default_library_path", "restore_backup", "tag_tree",
]  # fmt: skip
