"""The commands that read, add and find transcripts: parse, import, list, check, show,
search, autotag and media; and the JSON shape of a transcript that parse and show print."""

from __future__ import annotations

import argparse
import sys
from contextlib import closing
from dataclasses import asdict

from desktop.cli.common import (
    CommandError,
    Stopped,
    counted,
    library_call,
    open_library,
    open_to_correct,
    print_json,
    require_transcript,
    stopped_by,
)
from desktop.formats import FormatError, Transcript, Turn, parse_file
from desktop.formats.clock import format_clock
from desktop.library import TurnRecord


def run_parse(args: argparse.Namespace) -> int:
    """`parse FILE [--json]`: the file's turns, read without touching the library."""
    transcript = _parsed(args.file)
    if args.json:
        print_json(transcript_json(transcript))
        return 0
    print(f"{transcript.title} ({transcript.format}): {len(transcript.turns)} turns")
    if transcript.speakers:
        print("speakers: " + ", ".join(transcript.speakers))
    for repair in transcript.repairs:
        print(f"repaired label: {repair.words!r} moved from turn {repair.turn} to turn {repair.turn - 1}")
    return 0


def transcript_json(transcript: Transcript) -> dict:
    """The `parse --json` document of DESIGN.md."""
    return {
        "title": transcript.title,
        "format": transcript.format,
        "speakers": transcript.speakers,
        "turns": [turn_json(t) for t in transcript.turns],
    }


def turn_json(turn: Turn | TurnRecord) -> dict:
    """A turn as `parse --json` and `show --json` print it: text, speaker, times, and the
    offsets and times of its segments (and words, where the source has word times)."""
    segments = [{"offset": s.offset, "start": s.start, "end": s.end} for s in turn.timing.segments]
    value = {"index": turn.index, "speaker": turn.speaker, "text": turn.text, "start": turn.start, "end": turn.end,
             "segments": segments}  # fmt: skip
    if turn.timing.words:
        value["words"] = [asdict(w) for w in turn.timing.words]
    return value


def stored_turn_json(turn: TurnRecord) -> dict:
    """A turn as `show --json` prints it: `turn_json` plus `edited`, and `original` (the text
    as imported) when a correction changed its words."""
    value = turn_json(turn)
    value["edited"] = turn.edited
    if turn.edited:
        value["original"] = turn.original
    return value


def run_show(args: argparse.Namespace) -> int:
    """`show ID [--json]`: a stored transcript, turn by turn."""
    with open_library(args.library, write=False) as library:
        info = library_call(library, lambda: library.transcripts.get(args.id))
        turns = library.transcripts.turns(args.id)
        media = library.transcripts.media(args.id)
    if args.json:
        print_json({"id": info.id, "title": info.title, "format": info.format, "source": info.source,
                    "speakers": info.speakers, "date": info.date, "media": str(media) if media else None,
                    "turns": [stored_turn_json(t) for t in turns]})  # fmt: skip
        return 0
    print(f"{info.title} ({info.format}, from {info.source}): {counted(len(turns), 'turn')}")
    for turn in turns:
        when = f"[{format_clock(turn.start)}] " if turn.start is not None else ""
        who = f"{turn.speaker}: " if turn.speaker else ""
        print(f"{turn.index}\t{when}{who}{turn.text}".replace("\n\n", " ¶ "))
    return 0


def run_media(args: argparse.Namespace) -> int:
    """`media ID FILE` links a recording to a transcript; `--unlink` forgets it."""
    if (args.file is None) == (not args.unlink):
        raise CommandError("media", "give a FILE to link, or --unlink")
    with open_to_correct(args.library) as library:
        stored = library_call(library, lambda: library.transcripts.link_media(args.id, args.file))
    print(f"linked {stored} to transcript {args.id}" if stored else f"transcript {args.id} has no recording now")
    return 0


def run_import(args: argparse.Namespace) -> int:
    """`import FILE...`: a line per file imported; exit 1 if any failed."""
    failed = 0
    with open_library(args.library, write=True) as library:
        try:
            with closing(library.import_files(args.files)) as results:  # closing: the pool ends here
                for path, result in results:
                    if isinstance(result, str):
                        print(f"error: {path}: {result}", file=sys.stderr)
                        failed += 1
                        continue
                    status = "already in the library" if result.duplicate else counted(result.turn_count, "turn")
                    print(f"{result.id}\t{result.title}\t{status}", flush=True)
        except (Stopped, Exception):
            if not stopped_by:
                raise
            stopped = "stopped; the files listed above were imported, the others were not"
            print(f"error: {library.path}: {stopped}", file=sys.stderr)
            return 128 + stopped_by[0]
    return 1 if failed else 0


def run_check(args: argparse.Namespace) -> int:
    """`check`: the full integrity check of the library."""
    with open_library(args.library, write=False) as library:
        library_call(library, library.check)
    print(f"{library.path}: no damage found")
    return 0


def run_list(args: argparse.Namespace) -> int:
    """`list [--json]`: the transcripts in the library with their counts."""
    with open_library(args.library, write=False) as library:
        transcripts = library.transcripts.list()
    if args.json:
        print_json([asdict(t) for t in transcripts])
        return 0
    for t in transcripts:
        speakers = ", ".join(t.speakers) or "no speaker labels"
        counts = f"{counted(t.turn_count, 'turn')}\t{counted(t.highlight_count, 'highlight')}"
        print(f"{t.id}\t{t.title}\t{t.format}\t{counts}\t{speakers}")
    return 0


def run_search(args: argparse.Namespace) -> int:
    """`search QUERY [--json]`: full-text search over the turns."""
    with open_library(args.library, write=False) as library:
        require_transcript(library, args.transcript)
        scope = {"transcript_id": args.transcript, "speaker": args.speaker, "tag": args.tag}
        hits = library_call(library, lambda: library.search(args.query, limit=args.limit, **scope))
    if args.json:
        print_json([asdict(hit) for hit in hits])
        return 0
    for hit in hits:
        who = f"{hit.speaker}: " if hit.speaker else ""
        print(f"{hit.transcript_id}:{hit.turn}\t{hit.title}\t{who}{hit.snippet}".replace("\n", " "))
    return 0


def run_autotag(args: argparse.Namespace) -> int:
    """`autotag QUERY --tag NAME`: highlight and tag every match."""
    with open_library(args.library, write=True) as library:
        require_transcript(library, args.transcript)
        done = library_call(library, lambda: library.autotag(args.query, args.tag, transcript_id=args.transcript,
                                                             extent=args.extent))  # fmt: skip
    print(f"{args.query!r}: {done.summary()}")
    return 0


def _parsed(file: str) -> Transcript:
    try:
        return parse_file(file)
    except FormatError as exc:
        raise CommandError(file, str(exc)) from None
    except Exception as exc:  # a parser bug must still reach the user as one line
        raise CommandError(file, f"unexpected {type(exc).__name__}: {exc}") from None
