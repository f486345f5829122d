"""The command line: `python main.py COMMAND ...` over the same core as the app."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from desktop.formats import FormatError, Transcript, parse_file

COMMANDS = ("parse",)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit status."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # the reader of stdout went away (`| head`): not an error of ours
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps interpreter exit from failing again
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="talkmark", description="Read and annotate conversation transcripts.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parse = commands.add_parser("parse", help="parse a transcript file and print its turns; no library touched")
    parse.add_argument("file", metavar="FILE")
    parse.add_argument("--json", action="store_true", help="print the transcript as JSON")
    parse.set_defaults(run=_parse)
    return parser


def _parse(args: argparse.Namespace) -> int:
    try:
        transcript = parse_file(args.file)
    except FormatError as exc:
        return _fail(args.file, str(exc))
    except Exception as exc:  # a parser bug must still reach the user as one line
        return _fail(args.file, f"unexpected {type(exc).__name__}: {exc}")
    if args.json:
        json.dump(transcript_json(transcript), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_summary(transcript)
    return 0


def transcript_json(transcript: Transcript) -> dict:
    """The `parse --json` document of DESIGN.md."""
    return {
        "title": transcript.title,
        "format": transcript.format,
        "speakers": transcript.speakers,
        "turns": [
            {"index": t.index, "speaker": t.speaker, "text": t.text, "start": t.start, "end": t.end}
            for t in transcript.turns
        ],
    }


def _print_summary(transcript: Transcript) -> None:
    print(f"{transcript.title} ({transcript.format}): {len(transcript.turns)} turns")
    if transcript.speakers:
        print("speakers: " + ", ".join(transcript.speakers))
    for repair in transcript.repairs:
        print(f"repaired label: {repair.words!r} moved from turn {repair.turn} to turn {repair.turn - 1}")


def _fail(file: str, reason: str) -> int:
    print(f"error: {file}: {reason}", file=sys.stderr)
    return 1
