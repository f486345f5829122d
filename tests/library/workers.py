"""Child processes for the crash and concurrency tests: each reports what it has written,
one line per write that returned, so the parent knows what must survive.

    python -m tests.library.workers import LIBRARY FILE...
    python -m tests.library.workers highlight LIBRARY TRANSCRIPT_ID COUNT
"""

from __future__ import annotations

import sys

from desktop.library import Library, Position


def import_files(library_path: str, files: list[str]) -> None:
    with Library(library_path) as library:
        for name in files:
            result = library.import_file(name)
            print(f"imported {result.id} {result.turn_count}", flush=True)


def write_highlights(library_path: str, transcript_id: int, count: int) -> None:
    with Library(library_path) as library:
        turns = library.transcripts.turns(transcript_id)
        for n in range(count):
            turn = n % len(turns)
            length = min(len(turns[turn].text), 1 + n % 40)
            h = library.highlights.add(transcript_id, Position(turn, 0), Position(turn, length), tags=[f"t{n % 7}"])
            print(f"highlight {h.id}", flush=True)


if __name__ == "__main__":
    command, library_path, *rest = sys.argv[1:]
    if command == "import":
        import_files(library_path, rest)
    else:
        write_highlights(library_path, int(rest[0]), int(rest[1]))
