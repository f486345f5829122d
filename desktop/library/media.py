"""The recording behind a transcript: finding it beside the transcript file, and storing its
path so the library can move (relative to the library's folder when the file is under it)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

# What Qt Multimedia's FFmpeg backend plays, audio and video.
MEDIA_SUFFIXES = (".mp3", ".m4a", ".wav", ".ogg", ".opus", ".flac", ".aac", ".mp4", ".m4v", ".webm", ".mkv", ".mov")
_SUFFIXES = frozenset(MEDIA_SUFFIXES)


def is_media(path: Path) -> bool:
    """Whether a file's name says it is audio or video Talkmark plays."""
    return path.suffix.lower() in MEDIA_SUFFIXES


def media_beside(transcript: Path, recordings: Callable[[Path], dict[str, Path]] | None = None) -> Path | None:
    """A recording with the transcript's name stem in its folder (`talk.vtt` → `talk.mp3`),
    in MEDIA_SUFFIXES order; None when there is none. `recordings` lists a folder's (a batch
    import passes a cached `recordings_in`, so a folder of thousands is listed once)."""
    names = (recordings or recordings_in)(transcript.parent)
    stem = transcript.stem.lower()
    return next((names[stem + suffix] for suffix in MEDIA_SUFFIXES if stem + suffix in names), None)


def recordings_in(folder: Path) -> dict[str, Path]:
    """The recordings in a folder by lower-case name: one listing, and a stat only for names
    that end like a recording."""
    try:
        with os.scandir(folder) as entries:
            return {
                entry.name.lower(): Path(entry.path)
                for entry in entries
                if os.path.splitext(entry.name)[1].lower() in _SUFFIXES and entry.is_file()
            }
    except OSError:
        return {}


def stored_path(media: Path, library: Path) -> str:
    """How the library stores a media path: relative (with `/`) when under the library's
    folder, so both can move together; else absolute."""
    media, folder = media.resolve(), library.resolve().parent
    if media.is_relative_to(folder):
        return media.relative_to(folder).as_posix()
    return str(media)


def resolved_path(stored: str, library: Path) -> Path:
    """The media file a stored path names."""
    path = Path(stored)
    return path if path.is_absolute() else Path(os.path.normpath(library.resolve().parent / path))
