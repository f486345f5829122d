"""Saved library searches: a name for a query and its filters, kept in the app's settings."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields

from PySide6.QtCore import QSettings

KEY = "saved_searches"


@dataclass(frozen=True)
class SavedSearch:
    """A search to run again: its words and the speaker, tag and transcript it is narrowed to."""

    name: str
    query: str
    speaker: str | None = None
    tag: str | None = None
    transcript_id: int | None = None

    def scope(self) -> dict[str, str | int | None]:
        """The filters as the library's search takes them."""
        return {"transcript_id": self.transcript_id, "speaker": self.speaker, "tag": self.tag}


def load(settings: QSettings) -> list[SavedSearch]:
    """The saved searches, by name (none when the setting is missing or unreadable)."""
    try:
        rows = json.loads(str(settings.value(KEY, "[]")))
        names = {f.name for f in fields(SavedSearch)}
        found = [SavedSearch(**{k: v for k, v in row.items() if k in names}) for row in rows]
    except (TypeError, ValueError, AttributeError):
        return []
    return sorted(found, key=lambda s: s.name.casefold())


def save(settings: QSettings, search: SavedSearch) -> list[SavedSearch]:
    """Keep a search (replacing one of the same name, in any case); returns them all."""
    kept = [s for s in load(settings) if s.name.casefold() != search.name.casefold()] + [search]
    return _store(settings, kept)


def delete(settings: QSettings, name: str) -> list[SavedSearch]:
    """Forget the search of this name; returns the rest."""
    return _store(settings, [s for s in load(settings) if s.name != name])


def _store(settings: QSettings, searches: list[SavedSearch]) -> list[SavedSearch]:
    searches = sorted(searches, key=lambda s: s.name.casefold())
    settings.setValue(KEY, json.dumps([asdict(s) for s in searches], ensure_ascii=False))
    return searches
