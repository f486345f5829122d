"""The report command (tables over the coded library) and the attributes it groups and
filters by: `attributes` reads and sets them."""

from __future__ import annotations

import argparse
import functools
import sys

from desktop.cli.common import CommandError, library_call, open_library, open_to_correct, print_json
from desktop.export.report_text import speakers_json, speakers_table, speakers_text, table_text
from desktop.library import Library, LibraryError
from desktop.library.reports import Filters, Table, cooccurrence, matrix, speaker_stats


def run_report(args: argparse.Namespace) -> int:
    """`report`: tags by speaker, transcript or attribute; co-occurrence; speaker statistics."""
    if args.overlap and not args.cooccurrence:
        raise CommandError("report", "--overlap applies to --cooccurrence only")
    if args.measure != "count" and (args.cooccurrence or args.speakers):
        raise CommandError("report", "--measure applies to --by tables only")
    where: dict[str, list[str]] = {}
    for key, value, _ in args.where or []:
        where.setdefault(key, []).append(value)
    filters = Filters(args.tag, args.transcript, where, args.since, args.until)
    with open_library(args.library, write=False) as library:
        for key, _, compared in args.where or []:
            if compared and library_call(library, lambda key=key: library.attributes.field(key)).kind == "text":
                raise CommandError(library.path, f"{key} is a text field: >, >=, <, <= compare number and date "
                                   "fields (attributes ID KEY=VALUE --kind number makes one)")  # fmt: skip
        if args.speakers:
            stats = library_call(library, lambda: speaker_stats(library, filters))
            return _print_report(args, speakers_table(stats), speakers_json(stats), speakers_text(stats), "speaker")
        if args.cooccurrence:
            mode = "overlap" if args.overlap else "same"
            table = library_call(library, lambda: cooccurrence(library, mode, filters))
        else:
            table = library_call(library, lambda: matrix(library, args.by or "speaker", args.measure, filters))
    return _print_report(args, table, table.to_json(), table_text(table, percent=args.measure == "share"))


def _print_report(args: argparse.Namespace, table: Table, as_json: object, text: str, corner: str = "tag") -> int:
    if args.json:
        print_json(as_json)
    elif args.csv:
        sys.stdout.write(table.csv_text(corner))
    else:
        print(text)
    return 0


def run_attributes(args: argparse.Namespace) -> int:
    """`attributes ID [KEY=VALUE...]`: read or set a transcript's (or `--speaker`'s) attributes."""
    items = list(args.items)
    if args.speaker is None:
        if not items or not items[0].isdigit():
            raise CommandError("attributes", "give a transcript ID (or --speaker SPEAKER_ID), then any KEY=VALUE")
        transcript_id = int(items.pop(0))
    try:
        values = dict(_pair(item) for item in items)
    except argparse.ArgumentTypeError as exc:
        raise CommandError("attributes", str(exc)) from None
    opening = open_to_correct if values else functools.partial(open_library, write=False)
    with opening(args.library) as library:
        if args.speaker is not None:
            if values:
                library_call(library, lambda: _set_attributes(library, args.speaker, values, args.kind, "speaker"))
            found = library_call(library, lambda: _speaker_attributes(library, args.speaker))
        else:
            if values:
                library_call(library, lambda: _set_attributes(library, transcript_id, values, args.kind, "transcript"))
            found = library_call(library, lambda: _transcript_attributes(library, transcript_id))
    if args.json:
        print_json(found)
        return 0
    print(f"{found['title']} (transcript {found['id']})" if "title" in found else
          f"{found['name']} (speaker {found['id']} of transcript {found['transcript']})")  # fmt: skip
    for key, value in found["attributes"].items():
        print(f"  {key}: {value}")
    for speaker in found.get("speakers", []):
        values = ", ".join(f"{k}={v}" for k, v in speaker["attributes"].items())
        print(f"speaker {speaker['id']} {speaker['name']}" + (f": {values}" if values else ""))
    return 0


def _set_attributes(library: Library, owner: int, values: dict[str, str], kind: str | None, scope: str) -> None:
    """Set a transcript's (or speaker's) attributes in one write, first making the fields not
    yet in the library, of `kind` (text when None); `kind` given for an existing field of
    another kind is an error."""
    attributes = library.attributes
    with library.write():
        for key in values:
            try:
                field = attributes.field(key)
            except LibraryError:
                attributes.define(key, kind or "text", scope)
                continue
            if kind is not None and field.kind != kind:
                raise LibraryError(f"{field.name} is a {field.kind} field already")
        (attributes.set if scope == "transcript" else attributes.set_speaker)(owner, values)


def _transcript_attributes(library: Library, transcript_id: int) -> dict:
    """`attributes ID --json`: the transcript's attributes and its speakers' (with their ids)."""
    speakers = [{"id": sid, "name": name, "attributes": library.attributes.get_speaker(sid)}
                for sid, name in library.attributes.speakers(transcript_id)]  # fmt: skip
    return {"id": transcript_id, "title": library.transcripts.get(transcript_id).title,
            "attributes": library.attributes.get(transcript_id), "speakers": speakers}  # fmt: skip


def _speaker_attributes(library: Library, speaker_id: int) -> dict:
    """`attributes --speaker SPEAKER_ID --json`: the speaker's attributes."""
    transcript, name = library.attributes.speaker(speaker_id)
    return {"id": speaker_id, "name": name, "transcript": transcript,
            "attributes": library.attributes.get_speaker(speaker_id)}  # fmt: skip


def _pair(text: str) -> tuple[str, str]:
    """`KEY=VALUE` as (key, value); the value may be empty."""
    key, equals, value = text.partition("=")
    if not equals or not key.strip():
        raise argparse.ArgumentTypeError(f"must be KEY=VALUE, not {text!r}")
    return key.strip(), value
