"""The command line: `python main.py COMMAND ...` over the same core as the app.

Errors are one line on stderr, `error: <file>: <reason>`, and a non-zero exit status;
with `--json`, the JSON document is the only thing on stdout. Here: the parser and the
run of one command; the commands themselves live in the modules beside this one.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import signal
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn

import platformdirs

from desktop.cli.common import CommandError, Stopped, stop_on_signal, stopped_by
from desktop.cli.corrections import run_edit, run_merge, run_replace, run_speaker, run_split
from desktop.cli.export import run_export
from desktop.cli.reports import run_attributes, run_report
from desktop.cli.transcripts import (
    run_autotag,
    run_check,
    run_import,
    run_list,
    run_media,
    run_parse,
    run_search,
    run_show,
)
from desktop.export import FORMATS, PRINTED
from desktop.library.attributes import KINDS, split_condition
from desktop.library.autotag import EXTENTS
from desktop.library.reports import MEASURES

COMMANDS = ("parse", "import", "list", "show", "search", "autotag", "export", "media",
            "edit", "split", "merge", "speaker", "replace", "check", "report", "attributes")  # fmt: skip
_TURN = "the turn's number as `show` prints it (the first turn is 0)"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the process exit status."""
    args = _parser().parse_args(argv)
    _log_to_file()
    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGINT, stop_on_signal)
    stopped_by.clear()
    try:
        status = args.run(args)
        if stopped_by and status != 128 + stopped_by[0]:  # the signal landed where Python drops exceptions
            raise Stopped(stopped_by[0])
        return status
    except BaseException as exc:
        if stopped_by:
            # The stop itself, or how it surfaced: SQLite turns an exception raised inside one of
            # the library's SQL functions (turn_text, in the index trigger) into its own error.
            print("error: stopped", file=sys.stderr)
            return 128 + stopped_by[0]
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

    command("parse", run_parse, "parse a transcript file and print its turns; no library touched", True).add_argument(
        "file", metavar="FILE"
    )
    command("import", run_import, "add transcript files to the library").add_argument(
        "files", nargs="+", metavar="FILE"
    )
    command("list", run_list, "list the transcripts in the library", True)
    command("check", run_check, "read every page of the library and check it (the full integrity check)")
    show = command("show", run_show, "print a stored transcript (--json: the shape of parse --json, plus ids)", True)
    show.add_argument("id", type=int, metavar="ID")
    search = command("search", run_search, "full-text search over every turn in the library", True)
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--transcript", type=int, metavar="ID", help="search one transcript only")
    search.add_argument("--speaker", metavar="NAME", help="only the turns of speakers so called (any transcript)")
    search.add_argument("--tag", metavar="NAME", help="only turns a highlight with this tag (or a sub-tag) touches")
    search.add_argument("--limit", type=_at_least_one, default=50, help="most results to show (default 50)")
    autotag = command("autotag", run_autotag, "highlight every match of a search and tag it")
    autotag.add_argument("query", metavar="QUERY")
    autotag.add_argument("--tag", required=True, metavar="NAME")
    autotag.add_argument("--transcript", type=int, metavar="ID", help="only this transcript")
    autotag.add_argument("--extent", choices=EXTENTS, default="words",
                         help="highlight the matched words (default), their sentence or their turn")  # fmt: skip
    export = command("export", run_export, "export highlights and notes (one transcript, one tag, or everything)")
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
    media = command("media", run_media, "link a recording (audio or video) to a transcript, or --unlink it")
    media.add_argument("id", type=int, metavar="ID")
    media.add_argument("file", type=Path, nargs="?", metavar="FILE")
    media.add_argument("--unlink", action="store_true", help="forget the transcript's recording")
    _correction_commands(command)
    _report_commands(command)
    return parser


def _report_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Reports over the coded library, and the attributes they group and filter by."""
    report = command(
        "report", run_report, "tables of tags by speaker, transcript or attribute; co-occurrence; speakers"
    )
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
    attributes = command("attributes", run_attributes, "read or set a transcript's (or a speaker's) attributes", True)
    attributes.add_argument("items", nargs="*", metavar="ID KEY=VALUE",
                            help="the transcript, then attributes to set (KEY= clears one)")  # fmt: skip
    attributes.add_argument("--speaker", type=int, metavar="SPEAKER_ID", help="a speaker's attributes instead")
    attributes.add_argument("--kind", choices=KINDS,
                            help="the kind of the fields this creates: text (the default), number or date")  # fmt: skip


def _correction_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    """The corrections: each one transaction, highlights mapped through it."""
    edit = command("edit", run_edit, "give a turn new text; highlights follow its words")
    edit.add_argument("id", type=int, metavar="ID")
    edit.add_argument("turn", type=_at_least_zero, metavar="TURN", help=_TURN)
    edit.add_argument("--text", required=True, metavar="TEXT", help="the new text (a blank line starts a paragraph)")
    split = command("split", run_split, "split a turn in two at a character offset; later turns move down one")
    split.add_argument("id", type=int, metavar="ID")
    split.add_argument("turn", type=_at_least_zero, metavar="TURN", help=_TURN)
    split.add_argument("offset", type=_at_least_zero, metavar="OFFSET",
                       help="characters into the turn's text (moved to the start of the word there)")  # fmt: skip
    merge = command("merge", run_merge, "join turn TURN onto the turn before it; later turns move up one")
    merge.add_argument("id", type=int, metavar="ID")
    merge.add_argument("turn", type=_at_least_zero, metavar="TURN", help=_TURN + "; 1 or more")
    speaker = command("speaker", run_speaker, "give a turn, or a range of turns, to a speaker (new or existing)")
    speaker.add_argument("id", type=int, metavar="ID")
    speaker.add_argument("turns", type=_turn_range, metavar="TURN[-TURN]", help=_TURN + "; 4-9 for turns 4 to 9")
    speaker.add_argument("name", metavar="NAME")
    replace = command("replace", run_replace, "replace every occurrence of OLD by NEW in a transcript, in one step")
    replace.add_argument("id", type=int, metavar="ID")
    replace.add_argument("old", metavar="OLD")
    replace.add_argument("new", metavar="NEW")
    replace.add_argument("--whole-word", action="store_true", help="only where OLD is a whole word")
    replace.add_argument("--ignore-case", action="store_true", help="OLD matches in any case")
