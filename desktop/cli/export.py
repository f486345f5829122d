"""The export command: highlights and notes to a file (Markdown, HTML, CSV, REFI-QDA, PDF,
the codebook), or a note per transcript kept in step in an Obsidian vault."""

from __future__ import annotations

import argparse
import sys

from desktop.cli.common import CommandError, counted, library_call, open_library, require_transcript
from desktop.export import FORMATS, PRINTED, ExportOptions, Scope, collect, export, safe_filename, vault, write_export
from desktop.export.codebook import codebook_entries
from desktop.export.markdown import MarkdownOptions


def run_export(args: argparse.Namespace) -> int:
    """`export ... -o PATH`: highlights and notes (or the codebook) in one file; `--vault DIR`: notes."""
    if args.vault is not None:
        return _export_vault(args)
    if args.tag_notes:
        raise CommandError("export", "--tag-notes needs --vault DIR")
    if args.rows_per_tag and args.format != "csv":
        raise CommandError("export", "--rows-per-tag applies to --format csv only")
    options = ExportOptions(args.style, args.group_by_tag, args.bom, args.media_links, rows_per_tag=args.rows_per_tag)
    render = _render_pdf if args.format in PRINTED else export
    with open_library(args.library, write=False) as library:  # open while rendering: a project reads whole transcripts
        scope = library_call(library, lambda: collect(library, transcript_id=args.transcript, tag=args.tag))
        data = library_call(library, lambda: render(scope, args.format, options))  # a codebook needs a tag
    path = args.output
    if path.is_dir():
        path = path / safe_filename(scope.title, (FORMATS | PRINTED)[args.format])
    try:
        write_export(data, path)
    except OSError as exc:
        raise CommandError(path, exc.strerror or "cannot be written") from None
    if args.format in ("qdc", "codebook-csv"):
        print(f"{path}\t{counted(len(codebook_entries(scope)), 'tag')}")
    else:
        print(f"{path}\t{counted(len(scope.excerpts), 'highlight')}")
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
    with open_library(args.library, write=False) as library:
        require_transcript(library, args.transcript)
        try:
            report = library_call(library, lambda: vault.sync(library, args.vault, transcript_id=args.transcript,
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
