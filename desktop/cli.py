"""The command line: `python main.py COMMAND ...` over the same core as the app.

Errors are one line on stderr, `error: <file>: <reason>`, and a non-zero exit status;
with `--json`, the JSON document is the only thing on stdout.
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import re
import signal
import sys
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import NoReturn

import platformdirs

from desktop.export import FORMATS, PRINTED, ExportOptions, Scope, collect, export, safe_filename, vault, write_export
from desktop.export.codebook import codebook_entries
from desktop.export.markdown import MarkdownOptions
from desktop.export.report_text import speakers_json, speakers_table, speakers_text, table_text
from desktop.formats import FormatError, Transcript, Turn, parse_file
from desktop.formats.clock import format_clock
from desktop.library import Correction, Library, LibraryError, TurnRecord, default_library_path
from desktop.library.attributes import KINDS, split_condition
from desktop.library.reports import MEASURES, Filters, Table, cooccurrence, matrix, speaker_stats

COMMANDS = ("parse", "import", "list", "show", "search", "autotag", "export", "media",
            "edit", "split", "merge", "speaker", "replace", "check", "report", "attributes")  # fmt: skip
_TURN = "the turn's number as `show` prints it (the first turn is 0)"


class CommandError(Exception):
    """A failure to report as `error: <where>: <reason>`."""

    def __init__(self, where: object, reason: str) -> None:
        super().__init__(f"{where}: {reason}")


class Stopped(BaseException):
    """SIGTERM or Ctrl+C: unwinds like KeyboardInterrupt, so the open transaction rolls back
    and an import's worker processes are shut down; the exit status is the shell's 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)


_stopped: list[int] = []  # the signal that stopped the command, even if its exception was swallowed


def _stop(signum: int, frame: object) -> None:
    if _stopped:  # a second signal while cleaning up must not interrupt the cleanup
        return
    _stopped.append(signum)
    raise Stopped(signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit status."""
    args = _parser().parse_args(argv)
    _log_to_file()
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    _stopped.clear()
    try:
        status = args.run(args)
        if _stopped and status != 128 + _stopped[0]:  # the signal landed where Python drops exceptions
            raise Stopped(_stopped[0])
        return status
    except BaseException as exc:
        if _stopped:
            # The stop itself, or how it surfaced: SQLite turns an exception raised inside one of
            # the library's SQL functions (turn_text, in the index trigger) into its own error.
            print("error: stopped", file=sys.stderr)
            return 128 + _stopped[0]
        if isinstance(exc, CommandError):
            print(f"error: {exc}", file=sys.stderr)
            return 1
        if isinstance(exc, UnicodeEncodeError) and isinstance(exc.object, str):  # bytes in argv that are no UTF-8
            shown = exc.object.encode("utf-8", "backslashreplace").decode()
            print(f"error: not UTF-8 text, so nothing was changed: {shown}", file=sys.stderr)
            return 1
        if isinstance(exc, BrokenPipeError):  # the reader of stdout went away (`| head`): not ours
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps interpreter exit from failing again
            return 0
        raise


def log_path() -> Path:
    """The log file the app and the command line share (details behind one-line messages)."""
    return platformdirs.user_log_path("Talkmark", appauthor=False) / "talkmark.log"


def _log_to_file() -> None:
    """Send the `talkmark` log to the log file (created on the first message), never to the terminal."""
    log = logging.getLogger("talkmark")
    try:
        log_path().parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(log_path(), delay=True, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False


class _Parser(argparse.ArgumentParser):
    """argparse with usage errors as one line, `error: talkmark COMMAND: reason` (exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {self.prog}: {message}\n")


def _at_least_one(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {text!r}")
    return number


def _at_least_zero(text: str) -> int:
    if not re.fullmatch(r"[0-9]+", text):
        raise argparse.ArgumentTypeError(f"must be a whole number of 0 or more, not {text!r}")
    return int(text)


def _turn_range(text: str) -> tuple[int, int]:
    """`4` or `4-9` as (first, last)."""
    found = re.fullmatch(r"([0-9]+)(?:-([0-9]+))?", text)
    if not found:
        raise argparse.ArgumentTypeError(f"must be a turn number or a range of turns like 4-9, not {text!r}")
    first, last = int(found[1]), int(found[2] or found[1])
    if last < first:
        raise argparse.ArgumentTypeError(
            f"a range runs from the lower turn to the higher ({last}-{first}), not {text!r}"
        )
    return first, last


def _pair(text: str) -> tuple[str, str]:
    """`KEY=VALUE` as (key, value); the value may be empty."""
    key, equals, value = text.partition("=")
    if not equals or not key.strip():
        raise argparse.ArgumentTypeError(f"must be KEY=VALUE, not {text!r}")
    return key.strip(), value


def _condition(text: str) -> tuple[str, str, bool]:
    """`KEY=VALUE`, or a comparison `KEY>50`, as (key, value or comparison, whether compared)."""
    found = split_condition(text)
    if found is None or not found[0]:
        raise argparse.ArgumentTypeError(f"must be KEY=VALUE or KEY>VALUE (>=, <, <=), not {text!r}")
    key, wanted = found
    return key, wanted, not text.partition(key)[2].lstrip().startswith("=")


def _day(text: str) -> date:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"must be a date YYYY-MM-DD, not {text!r}")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="talkmark", description="Read and annotate conversation transcripts.")
    common = _Parser(add_help=False)
    common.add_argument(
        "--library", type=Path, metavar="PATH", help="library file (default: $TALKMARK_LIBRARY or the user data folder)"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run: Callable, help: str, json_flag: bool = False) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help, description=help)
        if json_flag:
            sub.add_argument("--json", action="store_true", help="print JSON")
        sub.set_defaults(run=run)
        return sub

    command("parse", _parse, "parse a transcript file and print its turns; no library touched", True).add_argument(
        "file", metavar="FILE"
    )
    command("import", _import, "add transcript files to the library").add_argument("files", nargs="+", metavar="FILE")
    command("list", _list, "list the transcripts in the library", True)
    command("check", _check, "read every page of the library and check it (the full integrity check)")
    show = command("show", _show, "print a stored transcript (--json: the shape of parse --json, plus ids)", True)
    show.add_argument("id", type=int, metavar="ID")
    search = command("search", _search, "full-text search over every turn in the library", True)
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--transcript", type=int, metavar="ID", help="search one transcript only")
    search.add_argument("--speaker", metavar="NAME", help="only the turns of speakers so called (any transcript)")
    search.add_argument("--tag", metavar="NAME", help="only turns a highlight with this tag (or a sub-tag) touches")
    search.add_argument("--limit", type=_at_least_one, default=50, help="most results to show (default 50)")
    autotag = command("autotag", _autotag, "highlight every match of a search and tag it")
    autotag.add_argument("query", metavar="QUERY")
    autotag.add_argument("--tag", required=True, metavar="NAME")
    autotag.add_argument("--transcript", type=int, metavar="ID", help="only this transcript")
    export = command("export", _export, "export highlights and notes (one transcript, one tag, or everything)")
    export.add_argument("--transcript", type=int, metavar="ID", help="only this transcript")
    export.add_argument("--tag", metavar="NAME", help="only highlights with this tag (or its sub-tags)")
    export.add_argument("--format", choices=sorted(FORMATS | PRINTED), default="md", help="default: md")
    where = export.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", type=Path, metavar="PATH", help="a file, or a folder")
    where.add_argument("--vault", type=Path, metavar="DIR",
                       help="Obsidian: a note per transcript in DIR, updated in place on every export")  # fmt: skip
    export.add_argument("--tag-notes", action="store_true", help="with --vault: a note per tag too, in DIR/Tags")
    export.add_argument("--style", choices=["blockquote", "callout"], default="blockquote", help="md/html/pdf quotes")
    export.add_argument("--group-by-tag", action="store_true", help="Markdown/HTML/PDF: a section per tag")
    export.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 byte-order mark (for Excel)")
    export.add_argument("--rows-per-tag", action="store_true",
                        help="CSV: a row per highlight and tag, in a column `tag` (Taguette's convention)")  # fmt: skip
    export.add_argument("--media-links", action="store_true",
                        help="Markdown: link each quote to its moment in the recording (file:// links)")  # fmt: skip
    media = command("media", _media, "link a recording (audio or video) to a transcript, or --unlink it")
    media.add_argument("id", type=int, metavar="ID")
    media.add_argument("file", type=Path, nargs="?", metavar="FILE")
    media.add_argument("--unlink", action="store_true", help="forget the transcript's recording")
    _correction_commands(command)
    _report_commands(command)
    return parser


def _report_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Reports over the coded library, and the attributes they group and filter by."""
    report = command("report", _report, "tables of tags by speaker, transcript or attribute; co-occurrence; speakers")
    kind = report.add_mutually_exclusive_group()
    kind.add_argument("--by", metavar="speaker|transcript|ATTRIBUTE", help="the columns (default: speaker)")
    kind.add_argument("--cooccurrence", action="store_true", help="tags by tags: highlights carrying both")
    kind.add_argument("--speakers", action="store_true", help="words, turns and questions per speaker")
    report.add_argument("--overlap", action="store_true", help="with --cooccurrence: overlapping highlights instead")
    report.add_argument("--measure", choices=MEASURES, default="count",
                        help="highlights, their words, or their words' share of the column's words")  # fmt: skip
    report.add_argument("--tag", action="append", metavar="T", help="only this tag and its sub-tags (repeatable)")
    report.add_argument("--transcript", action="append", type=int, metavar="ID", help="only this transcript")
    report.add_argument("--where", action="append", type=_condition, metavar="KEY=VALUE",
                        help="only transcripts (or speakers) with this attribute value, or KEY>N, "
                             "KEY<=DATE… for a number or date attribute")  # fmt: skip
    report.add_argument("--since", type=_day, metavar="DATE", help="conversations on or after YYYY-MM-DD")
    report.add_argument("--until", type=_day, metavar="DATE", help="conversations on or before YYYY-MM-DD")
    output = report.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help='print {"rows", "columns", "cells"}')
    output.add_argument("--csv", action="store_true", help="print CSV")
    attributes = command("attributes", _attributes, "read or set a transcript's (or a speaker's) attributes", True)
    attributes.add_argument("items", nargs="*", metavar="ID KEY=VALUE",
                            help="the transcript, then attributes to set (KEY= clears one)")  # fmt: skip
    attributes.add_argument("--speaker", type=int, metavar="SPEAKER_ID", help="a speaker's attributes instead")
    attributes.add_argument("--kind", choices=KINDS,
                            help="the kind of the fields this creates: text (the default), number or date")  # fmt: skip


def _correction_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    """The corrections: each one transaction, highlights mapped through it."""
    edit = command("edit", _edit, "give a turn new text; highlights follow its words")
    edit.add_argument("id", type=int, metavar="ID")
    edit.add_argument("turn", type=_at_least_zero, metavar="TURN", help=_TURN)
    edit.add_argument("--text", required=True, metavar="TEXT", help="the new text (a blank line starts a paragraph)")
    split = command("split", _split, "split a turn in two at a character offset; later turns move down one")
    split.add_argument("id", type=int, metavar="ID")
    split.add_argument("turn", type=_at_least_zero, metavar="TURN", help=_TURN)
    split.add_argument("offset", type=_at_least_zero, metavar="OFFSET",
                       help="characters into the turn's text (moved to the start of the word there)")  # fmt: skip
    merge = command("merge", _merge, "join turn TURN onto the turn before it; later turns move up one")
    merge.add_argument("id", type=int, metavar="ID")
    merge.add_argument("turn", type=_at_least_zero, metavar="TURN", help=_TURN + "; 1 or more")
    speaker = command("speaker", _speaker, "give a turn, or a range of turns, to a speaker (new or existing)")
    speaker.add_argument("id", type=int, metavar="ID")
    speaker.add_argument("turns", type=_turn_range, metavar="TURN[-TURN]", help=_TURN + "; 4-9 for turns 4 to 9")
    speaker.add_argument("name", metavar="NAME")
    replace = command("replace", _replace, "replace every occurrence of OLD by NEW in a transcript, in one step")
    replace.add_argument("id", type=int, metavar="ID")
    replace.add_argument("old", metavar="OLD")
    replace.add_argument("new", metavar="NEW")
    replace.add_argument("--whole-word", action="store_true", help="only where OLD is a whole word")
    replace.add_argument("--ignore-case", action="store_true", help="OLD matches in any case")


def _parse(args: argparse.Namespace) -> int:
    transcript = _parsed(args.file)
    if args.json:
        _print_json(transcript_json(transcript))
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


def _show(args: argparse.Namespace) -> int:
    with _open(args.library, write=False) as library:
        info = _library_call(library, lambda: library.transcripts.get(args.id))
        turns = library.transcripts.turns(args.id)
        media = library.transcripts.media(args.id)
    if args.json:
        _print_json({"id": info.id, "title": info.title, "format": info.format, "source": info.source,
                     "speakers": info.speakers, "date": info.date, "media": str(media) if media else None,
                     "turns": [stored_turn_json(t) for t in turns]})  # fmt: skip
        return 0
    print(f"{info.title} ({info.format}, from {info.source}): {_count(len(turns), 'turn')}")
    for turn in turns:
        when = f"[{format_clock(turn.start)}] " if turn.start is not None else ""
        who = f"{turn.speaker}: " if turn.speaker else ""
        print(f"{turn.index}\t{when}{who}{turn.text}".replace("\n\n", " ¶ "))
    return 0


def _media(args: argparse.Namespace) -> int:
    if (args.file is None) == (not args.unlink):
        raise CommandError("media", "give a FILE to link, or --unlink")
    with _open_to_correct(args.library) as library:
        stored = _library_call(library, lambda: library.transcripts.link_media(args.id, args.file))
    print(f"linked {stored} to transcript {args.id}" if stored else f"transcript {args.id} has no recording now")
    return 0


def _import(args: argparse.Namespace) -> int:
    failed = 0
    with _open(args.library, write=True) as library:
        try:
            with closing(library.import_files(args.files)) as results:  # closing: the pool ends here
                for path, result in results:
                    if isinstance(result, str):
                        print(f"error: {path}: {result}", file=sys.stderr)
                        failed += 1
                        continue
                    status = "already in the library" if result.duplicate else _count(result.turn_count, "turn")
                    print(f"{result.id}\t{result.title}\t{status}", flush=True)
        except (Stopped, Exception):
            if not _stopped:
                raise
            stopped = "stopped; the files listed above were imported, the others were not"
            print(f"error: {library.path}: {stopped}", file=sys.stderr)
            return 128 + _stopped[0]
    return 1 if failed else 0


def _check(args: argparse.Namespace) -> int:
    with _open(args.library, write=False) as library:
        _library_call(library, library.check)
    print(f"{library.path}: no damage found")
    return 0


def _list(args: argparse.Namespace) -> int:
    with _open(args.library, write=False) as library:
        transcripts = library.transcripts.list()
    if args.json:
        _print_json([asdict(t) for t in transcripts])
        return 0
    for t in transcripts:
        speakers = ", ".join(t.speakers) or "no speaker labels"
        counts = f"{_count(t.turn_count, 'turn')}\t{_count(t.highlight_count, 'highlight')}"
        print(f"{t.id}\t{t.title}\t{t.format}\t{counts}\t{speakers}")
    return 0


def _search(args: argparse.Namespace) -> int:
    with _open(args.library, write=False) as library:
        _require_transcript(library, args.transcript)
        scope = {"transcript_id": args.transcript, "speaker": args.speaker, "tag": args.tag}
        hits = _library_call(library, lambda: library.search(args.query, limit=args.limit, **scope))
    if args.json:
        _print_json([asdict(hit) for hit in hits])
        return 0
    for hit in hits:
        who = f"{hit.speaker}: " if hit.speaker else ""
        print(f"{hit.transcript_id}:{hit.turn}\t{hit.title}\t{who}{hit.snippet}".replace("\n", " "))
    return 0


def _autotag(args: argparse.Namespace) -> int:
    with _open(args.library, write=True) as library:
        _require_transcript(library, args.transcript)
        done = _library_call(library, lambda: library.autotag(args.query, args.tag, transcript_id=args.transcript))
    print(f"{args.query!r}: {done.summary()}")
    return 0


def _export(args: argparse.Namespace) -> int:
    if args.vault is not None:
        return _export_vault(args)
    if args.tag_notes:
        raise CommandError("export", "--tag-notes needs --vault DIR")
    if args.rows_per_tag and args.format != "csv":
        raise CommandError("export", "--rows-per-tag applies to --format csv only")
    options = ExportOptions(args.style, args.group_by_tag, args.bom, args.media_links, rows_per_tag=args.rows_per_tag)
    render = _render_pdf if args.format in PRINTED else export
    with _open(args.library, write=False) as library:  # open while rendering: a project reads whole transcripts
        scope = _library_call(library, lambda: collect(library, transcript_id=args.transcript, tag=args.tag))
        data = _library_call(library, lambda: render(scope, args.format, options))  # a codebook needs a tag
    path = args.output
    if path.is_dir():
        path = path / safe_filename(scope.title, (FORMATS | PRINTED)[args.format])
    try:
        write_export(data, path)
    except OSError as exc:
        raise CommandError(path, exc.strerror or "cannot be written") from None
    if args.format in ("qdc", "codebook-csv"):
        print(f"{path}\t{_count(len(codebook_entries(scope)), 'tag')}")
    else:
        print(f"{path}\t{_count(len(scope.excerpts), 'highlight')}")
    return 0


def _render_pdf(scope: Scope, fmt: str, options: ExportOptions) -> bytes:
    """The PDF, drawn with Qt: loaded here only, so every other command runs without it (the
    one import the architecture's "no Qt" contract lets the command line make)."""
    from desktop.printing import PrintError, render_pdf

    try:
        return render_pdf(scope, options)
    except PrintError as exc:
        raise CommandError(fmt, str(exc)) from None


def _export_vault(args: argparse.Namespace) -> int:
    if args.tag is not None or args.format != "md" or args.group_by_tag or args.bom or args.rows_per_tag:
        raise CommandError(args.vault, "--vault writes Markdown notes per transcript; --tag, --format, "
                                       "--group-by-tag, --bom and --rows-per-tag do not apply")  # fmt: skip
    if args.tag_notes and args.transcript is not None:
        raise CommandError(args.vault, "--tag-notes gathers every transcript; leave out --transcript")
    if args.vault.exists() and not args.vault.is_dir():
        raise CommandError(args.vault, "is not a folder")
    options = MarkdownOptions(args.style, media_links=args.media_links)
    with _open(args.library, write=False) as library:
        _require_transcript(library, args.transcript)
        try:
            report = _library_call(library, lambda: vault.sync(library, args.vault, transcript_id=args.transcript,
                                                               tag_notes=args.tag_notes, options=options))  # fmt: skip
        except vault.VaultError as exc:
            raise CommandError(exc.path, exc.reason) from None
    for path in report.written:
        print(f"written\t{path}")
    for path in report.orphaned:
        print(f"kept\t{path}\t(its transcript or tag is no longer in the library)")
    print(f"{report.summary()} in {args.vault}")
    for refused in report.refused:
        print(f"error: {refused.path}: {refused.reason}", file=sys.stderr)
    return 1 if report.refused else 0


def _report(args: argparse.Namespace) -> int:
    if args.overlap and not args.cooccurrence:
        raise CommandError("report", "--overlap applies to --cooccurrence only")
    if args.measure != "count" and (args.cooccurrence or args.speakers):
        raise CommandError("report", "--measure applies to --by tables only")
    where: dict[str, list[str]] = {}
    for key, value, _ in args.where or []:
        where.setdefault(key, []).append(value)
    filters = Filters(args.tag, args.transcript, where, args.since, args.until)
    with _open(args.library, write=False) as library:
        for key, _, compared in args.where or []:
            if compared and _library_call(library, lambda key=key: library.attributes.field(key)).kind == "text":
                raise CommandError(library.path, f"{key} is a text field: >, >=, <, <= compare number and date "
                                   "fields (attributes ID KEY=VALUE --kind number makes one)")  # fmt: skip
        if args.speakers:
            stats = _library_call(library, lambda: speaker_stats(library, filters))
            return _print_report(args, speakers_table(stats), speakers_json(stats), speakers_text(stats), "speaker")
        if args.cooccurrence:
            mode = "overlap" if args.overlap else "same"
            table = _library_call(library, lambda: cooccurrence(library, mode, filters))
        else:
            table = _library_call(library, lambda: matrix(library, args.by or "speaker", args.measure, filters))
    return _print_report(args, table, table.to_json(), table_text(table, percent=args.measure == "share"))


def _print_report(args: argparse.Namespace, table: Table, as_json: object, text: str, corner: str = "tag") -> int:
    if args.json:
        _print_json(as_json)
    elif args.csv:
        sys.stdout.write(table.csv_text(corner))
    else:
        print(text)
    return 0


def _attributes(args: argparse.Namespace) -> int:
    items = list(args.items)
    if args.speaker is None:
        if not items or not items[0].isdigit():
            raise CommandError("attributes", "give a transcript ID (or --speaker SPEAKER_ID), then any KEY=VALUE")
        transcript_id = int(items.pop(0))
    try:
        values = dict(_pair(item) for item in items)
    except argparse.ArgumentTypeError as exc:
        raise CommandError("attributes", str(exc)) from None
    opening = _open_to_correct if values else functools.partial(_open, write=False)
    with opening(args.library) as library:
        if args.speaker is not None:
            if values:
                _library_call(library, lambda: _set_attributes(library, args.speaker, values, args.kind, "speaker"))
            found = _library_call(library, lambda: _speaker_attributes(library, args.speaker))
        else:
            if values:
                _library_call(library, lambda: _set_attributes(library, transcript_id, values, args.kind, "transcript"))
            found = _library_call(library, lambda: _transcript_attributes(library, transcript_id))
    if args.json:
        _print_json(found)
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


def _edit(args: argparse.Namespace) -> int:
    with _open_to_correct(args.library) as library:
        done = _correct(library, args.id, [args.turn], lambda: library.corrections.edit(args.id, args.turn, args.text))
    print(f"edited turn {args.turn} of transcript {args.id}; {done.summary()}")
    return 0


def _split(args: argparse.Namespace) -> int:
    with _open_to_correct(args.library) as library:
        done = _correct(
            library, args.id, [args.turn], lambda: library.corrections.split(args.id, args.turn, args.offset)
        )
    whole, rest = done.before.runs[0].rows[0].text, done.after.runs[0].rows[1].text
    begins = " ".join(rest.split()[:4])
    print(f"split turn {args.turn} of transcript {args.id} at character {len(whole) - len(rest)}: "
          f"turn {args.turn + 1} starts {begins!r}; {done.summary()}")  # fmt: skip
    return 0


def _merge(args: argparse.Namespace) -> int:
    with _open_to_correct(args.library) as library:
        done = _correct(library, args.id, [args.turn], lambda: library.corrections.merge(args.id, args.turn))
    print(f"merged turn {args.turn} into turn {args.turn - 1} of transcript {args.id}; {done.summary()}")
    return 0


def _speaker(args: argparse.Namespace) -> int:
    first, last = args.turns
    with _open_to_correct(args.library) as library:
        done = _correct(library, args.id, [first, last],
                        lambda: library.corrections.set_speaker(args.id, first, last, args.name))  # fmt: skip
    name = done.after.runs[0].rows[0].speaker  # as stored: spaces tidied
    print(f"{_turns(done.turns)} of transcript {args.id} now said by {name}; {done.summary()}")
    return 0


def _replace(args: argparse.Namespace) -> int:
    options = {"whole_word": args.whole_word, "match_case": not args.ignore_case}
    with _open_to_correct(args.library) as library, library.write():  # the count and the change agree
        _require_turns(library, args.id, [])
        if not args.old:
            raise CommandError(library.path, "nothing to replace: OLD is empty")
        count = len(library.corrections.matches(args.id, args.old, **options))
        if not count:
            raise CommandError(library.path, f"no {args.old!r} in transcript {args.id}; nothing replaced")
        done = _library_call(library, lambda: library.corrections.replace(args.id, args.old, args.new, **options))
    print(f"replaced {_count(count, 'match', 'matches')} of {args.old!r} with {args.new!r} in {_turns(done.turns)} "
          f"of transcript {args.id}; {done.summary()}")  # fmt: skip
    return 0


def _open_to_correct(path: Path | None) -> Library:
    """The library opened for writing; a missing one is an error, not a new empty library."""
    path = path or default_library_path()
    if not path.exists() or path.stat().st_size == 0:
        raise CommandError(path, "no library here yet; import a transcript first")
    return _open(path, write=True)


def _correct(library: Library, transcript_id: int, turns: list[int], make: Callable[[], Correction]) -> Correction:
    """Check that the transcript has these turns, then make the correction: one transaction."""
    with library.write():
        _require_turns(library, transcript_id, turns)
        return _library_call(library, make)


def _require_turns(library: Library, transcript_id: int, turns: list[int]) -> None:
    count = _library_call(library, lambda: library.transcripts.get(transcript_id)).turn_count
    for turn in turns:
        if turn >= count:
            raise CommandError(
                library.path, f"transcript {transcript_id} has no turn {turn} (its turns are 0 to {count - 1})"
            )


def _turns(indexes: list[int]) -> str:
    """`turn 4`, `turns 4-9`, `turns 0, 3-5, 12`."""
    spans: list[list[int]] = []
    for i in indexes:
        if spans and spans[-1][1] == i - 1:
            spans[-1][1] = i
        else:
            spans.append([i, i])
    listed = ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)
    return f"turn {listed}" if len(indexes) == 1 else f"turns {listed}"


def _parsed(file: str) -> Transcript:
    try:
        return parse_file(file)
    except FormatError as exc:
        raise CommandError(file, str(exc)) from None
    except Exception as exc:  # a parser bug must still reach the user as one line
        raise CommandError(file, f"unexpected {type(exc).__name__}: {exc}") from None


def _open(path: Path | None, *, write: bool) -> Library:
    path = path or default_library_path()
    try:
        library = Library(path, write=write)
    except LibraryError as exc:
        raise CommandError(path, str(exc)) from None
    for warning in library.warnings:
        print(f"warning: {path}: {warning}", file=sys.stderr)
    return library


def _require_transcript(library: Library, transcript_id: int | None) -> None:
    """A `--transcript ID` that names no transcript is an error, not an empty result."""
    if transcript_id is not None:
        _library_call(library, lambda: library.transcripts.get(transcript_id))


def _library_call(library: Library, call: Callable):
    try:
        return call()
    except LibraryError as exc:
        raise CommandError(library.path, str(exc)) from None


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
