"""The library: one SQLite file holding transcripts, highlights, tags and notes.

Every public method is one transaction and returns plain records (models.py).
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

import platformdirs

from desktop.formats import FormatError, Transcript, parse, read_bytes
from desktop.library.attributes import Attributes
from desktop.library.autotag import Autotagged, tag_matches
from desktop.library.changes import ChangeLog, Changes
from desktop.library.connection import connect, full_check, write_transaction
from desktop.library.corrections import Corrections
from desktop.library.highlights import Highlights
from desktop.library.media import media_beside, recordings_in
from desktop.library.models import ImportResult, LibraryError, SearchHit
from desktop.library.packing import pack
from desktop.library.search import count_matches, search
from desktop.library.speakers import Speakers
from desktop.library.tags import Tags
from desktop.library.transcripts import Transcripts
from desktop.library.word_counts import forget

PARALLEL_FROM = 4  # files; fewer parse faster than worker processes start
PARSED_AHEAD = 16  # files handed to the parse workers ahead of the one being stored


def default_library_path() -> Path:
    """`TALKMARK_LIBRARY`, else `library.sqlite` in the user's data folder."""
    override = os.environ.get("TALKMARK_LIBRARY")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path("Talkmark", appauthor=False) / "library.sqlite"


class Library:
    """A library file, opened for writing (backed up, checked, migrated) or reading."""

    def __init__(self, path: str | Path | None = None, *, write: bool = True, backup: bool = True) -> None:
        self.path = Path(path) if path else default_library_path()
        self.db, self.warnings = connect(self.path, write=write, backup=backup)
        """One-line notes on opening that are not errors, e.g. a backup a full disk prevented."""
        self.read_only = not write
        self.conn = self.db.conn
        self.transcripts = Transcripts(self)
        self.highlights = Highlights(self)
        self.tags = Tags(self)
        self.speakers = Speakers(self)
        self.corrections = Corrections(self)
        self.attributes = Attributes(self)
        self._pending = Changes()  # noted by the writes of the open transaction
        self._logs: list[ChangeLog] = []

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self.conn.close()

    @functools.cached_property
    def identity(self) -> str:
        """The library's own id (no spaces), the same in every copy of the file (schema.py, step 9)."""
        return self.conn.execute("SELECT value FROM library_info WHERE key = 'identity'").fetchone()[0]

    def check(self) -> None:
        """The full integrity check, every page read (seconds for a large library); a
        LibraryError naming the last backup when it finds damage."""
        full_check(self.conn, self.path)

    @contextmanager
    def write(self) -> Iterator[None]:
        """A write transaction: all of it or none of it. Nested writes join the outer one;
        what they noted reaches the open `tracking()` logs when the outermost commits."""
        outermost = not self.conn.in_transaction
        try:
            with write_transaction(self.conn):
                yield
        except BaseException:
            if outermost:
                self._pending = Changes()
            raise
        if outermost:
            done, self._pending = self._pending, Changes()
            for log in self._logs:
                log.changes |= done

    def note(self, changes: Changes) -> None:
        """Record what the current write changes (called by the write methods); transcripts
        whose turns changed lose their word counts (word_counts.py) in the same write."""
        self._pending |= changes
        if changes.turns:
            forget(self.conn, changes.turns)

    @contextmanager
    def tracking(self) -> Iterator[ChangeLog]:
        """Collect the changes of every write that commits inside the block."""
        log = ChangeLog()
        self._logs.append(log)
        try:
            yield log
        finally:
            self._logs.remove(log)

    def import_file(self, path: str | Path) -> ImportResult:
        """Parse and add one file (LibraryError saying why when it is no transcript)."""
        outcome = read_and_parse(Path(path))
        if isinstance(outcome, str):
            raise LibraryError(outcome)
        return self._add(Path(path), outcome)

    def _add(self, path: Path, parsed: tuple, recordings: Callable[[Path], dict] | None = None) -> ImportResult:
        """Store a parsed transcript; a new one gets the recording beside its file, if any."""
        with self.write():
            result = self.transcripts.add(*parsed)
            if not result.duplicate and (media := media_beside(path, recordings)) is not None:
                self.transcripts.link_media(result.id, media)
        return result

    def import_files(self, paths: Iterable[str | Path]) -> Iterator[tuple[Path, ImportResult | str]]:
        """Import many files, yielding each path with its result or its one-line error, in order.

        Files are parsed in worker processes while this one stores the previous ones, so a
        large batch imports at the speed of the slower of the two. Stopping the iteration
        cancels the files not yet parsed; each stored file is whole.
        """
        paths = [Path(p) for p in paths]
        if len(paths) < PARALLEL_FROM:
            parsed: Iterable = map(read_and_parse, paths)
            yield from self._store_parsed(paths, parsed)
            return
        # A parse worker per core, the storing process beside them: storing waits on SQLite
        # part of the time, so on 2 cores two workers import 11-12 MB/s where one (parsing and
        # packing) made storing wait half the time (9.6 MB/s). forkserver: forking a process
        # that runs threads (the app) could deadlock a child.
        context = multiprocessing.get_context("forkserver")
        workers = os.cpu_count() or 2
        with ProcessPoolExecutor(workers, context, initializer=_parse_worker, initargs=(os.getpid(),)) as pool:
            # A few files parsed ahead, not all of them: a batch of thousands would otherwise hold
            # every parsed transcript in memory (and make each garbage collection slower).
            waiting = iter(paths)
            futures = deque(pool.submit(read_and_parse, path) for path in islice(waiting, PARSED_AHEAD))

            def outcomes() -> Iterator[tuple[Transcript, str, list] | str]:
                while futures:
                    future = futures.popleft()
                    futures.extend(pool.submit(read_and_parse, path) for path in islice(waiting, 1))
                    yield _outcome(future)

            try:
                yield from self._store_parsed(paths, outcomes())
            finally:
                for future in futures:
                    future.cancel()

    def _store_parsed(self, paths: list[Path], parsed: Iterable) -> Iterator[tuple[Path, ImportResult | str]]:
        recordings = functools.cache(recordings_in)  # each folder listed once per batch, not once per file
        for path, outcome in zip(paths, parsed, strict=False):
            if isinstance(outcome, str):
                yield path, outcome
                continue
            try:
                yield path, self._add(path, outcome, recordings)
            except LibraryError as exc:  # e.g. a full disk: this file is not stored, whole
                yield path, str(exc)

    def search(self, query: str, *, limit: int = 50, offset: int = 0, **scope: str | int | None) -> list[SearchHit]:
        """A page of the turns matching a full-text query, best first (SearchError for a query
        that cannot run); past RANK_WINDOW matches, the newest are ranked. `scope`:
        `transcript_id`, `speaker` (a name), `tag` (with its sub-tags) narrow it (search.py)."""
        return search(self, query, limit=limit, offset=offset, **scope)  # type: ignore[arg-type]

    def count_matches(self, query: str, **scope: str | int | None) -> int:
        """How many turns match a full-text query, however many pages `search` would take."""
        return count_matches(self, query, **scope)  # type: ignore[arg-type]

    def autotag(self, query: str, tag: str, *, transcript_id: int | None = None, extent: str = "words") -> Autotagged:
        """Highlight every match of `query` (its words, sentence or turn: `extent`) and tag it;
        what was done (autotag.py: with a scope, and as a step that can be taken back)."""
        return tag_matches(self, query, tag, {"transcript_id": transcript_id}, extent)


def _outcome(future: Future) -> tuple[Transcript, str, list] | str:
    """A worker's parse, or why there is none (a worker that died takes only its file)."""
    try:
        return future.result()
    except Exception as exc:
        return f"unexpected error: {type(exc).__name__}: {' '.join(str(exc).split()) or 'the parser stopped'}"


def _parse_worker(importer: int) -> None:
    """Set up a parse worker: Ctrl+C is the importing process's to handle (it stops the pool),
    and the worker ends by itself if that process is killed (no orphan keeps running)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_end_with, args=(importer,), daemon=True).start()


def _end_with(pid: int) -> None:
    while True:
        time.sleep(0.5)
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # alive, owned by another user: not ours to judge
            pass


def read_and_parse(path: Path) -> tuple[Transcript, str, list] | str:
    """A file's transcript, content hash and its turns' text packed for storing (packing.py:
    done here, in the parse workers, it leaves the storing process less to do), or the one-line
    reason it cannot be imported.

    Never raises: in a batch (and in a worker process) one bad file must not stop the others,
    so even a bug in a parser comes back as a reason.
    """
    try:
        data = read_bytes(path)
        transcript = parse(data, path.name)
        return transcript, content_hash(data), [pack(turn.text) for turn in transcript.turns]
    except FormatError as exc:
        return str(exc)
    except Exception as exc:
        message = " ".join(str(exc).split())
        return f"unexpected error: {type(exc).__name__}" + (f": {message}" if message else "")


def content_hash(data: bytes) -> str:
    """The fingerprint that recognises the same file imported twice."""
    return hashlib.sha256(data).hexdigest()
