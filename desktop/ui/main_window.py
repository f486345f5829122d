"""The main window: library · reader · turn list · highlights and tags, with every action."""

from __future__ import annotations

from operator import attrgetter
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPoint, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.library import Highlight, LibraryError, Position
from desktop.library.changes import Changes
from desktop.library.media import MEDIA_SUFFIXES, is_media
from desktop.ui.actions import build_actions
from desktop.ui.annotator import Annotator
from desktop.ui.attributes_table import AttributesTable
from desktop.ui.corrector import Corrector
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.file_dialogs import ask_open_paths
from desktop.ui.find_bar import FindBar
from desktop.ui.follow import Follow
from desktop.ui.highlights_panel import HighlightsPanel
from desktop.ui.history import Navigator
from desktop.ui.import_worker import Importer, ImportJob, import_summary
from desktop.ui.library_panel import LibraryPanel
from desktop.ui.palette import speaker_colours
from desktop.ui.player import SPEEDS, Player
from desktop.ui.print_dialog import print_highlights
from desktop.ui.reader import Reader
from desktop.ui.recent import RecentTranscripts
from desktop.ui.reports_window import ReportsWindow
from desktop.ui.search_panel import SearchPanel, search_dock
from desktop.ui.session import Place, Session
from desktop.ui.speakers_dialog import SpeakersDialog
from desktop.ui.tag_panel import TagPanel
from desktop.ui.theme import apply_theme
from desktop.ui.turn_diff import index_map, moved_highlights, reached
from desktop.ui.turn_list import TurnList
from desktop.ui.vault_dialog import VaultDialog

READING_ORDER = attrgetter("orphan", "start.turn", "start.offset", "id")  # the highlights list's order

FONT_SIZES = (10, 11, 12, 13, 14, 16, 18, 20, 22, 26)
DEFAULT_FONT_SIZE = 13
MAX_RUNS_READ_APART = 40  # past this many rewritten runs of turns, all highlights are read again at once
MEDIA_FILTER = "Recordings (" + " ".join(f"*{suffix}" for suffix in MEDIA_SUFFIXES) + ");;All files (*)"
NONE_OPEN = "none"  # the last transcript, when the user closed it (Ctrl+W): none opens on restart
NO_TRANSCRIPT_HINT = "No transcript open: choose one in the library, or File ▸ Open recent"  # one line: Qt draws one
IMPORT_FILTER = "Transcripts (*.txt *.srt *.vtt *.json *.md *.docx *.html *.htm *.cha);;All files (*)"


class MainWindow(QMainWindow):
    """Reads and annotates the transcripts of one library."""

    def __init__(self, session: Session, settings: QSettings) -> None:
        super().__init__()
        self.session, self.settings = session, settings
        self.library = session.library
        self.transcript_id: int | None = None
        self._highlights: dict[int, Highlight] = {}
        self._tag_colours: dict[str, str] = {}
        self._speaker_colours: dict[str, str] = {}
        self.setWindowTitle("Talkmark")
        self.setAcceptDrops(True)
        self.importer = Importer(self, self.library.path)
        self.importer.done.connect(self._imported)
        self._build_widgets()
        self.annotator = Annotator(session, self.reader, self.highlights_panel, self, lambda: self.transcript_id,
                                   self.say)  # fmt: skip
        self.corrector = Corrector(session, self.reader, self, lambda: self.transcript_id, self.say)
        self.navigator = Navigator(self.reader, lambda: self.transcript_id, self.open_transcript,
                                   lambda tid: bool(self.library.transcripts.infos([tid])), self)  # fmt: skip
        self.recent = RecentTranscripts(settings, self.library)
        self.actions = build_actions(self)
        self.navigator.follow_mouse_buttons(self)
        self._connect()
        self._restore_state()

    # Building -------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.library_panel = LibraryPanel(self.session)
        self.reader = Reader()
        self.find_bar = FindBar(self.reader, settings=self.settings)
        self.reader.setPlaceholderText(NO_TRANSCRIPT_HINT)
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.find_bar)
        column.addWidget(self.reader)
        self.player = Player()
        self.player.rewind_on_pause = self.settings.value("rewind_on_pause", False, type=bool)
        self.player.set_speed(float(self.settings.value("playback_speed", 1.0)))
        self.player.volume.setValue(int(self.settings.value("volume", self.player.volume.value())))
        self.player.speed.currentIndexChanged.connect(lambda i: self.settings.setValue("playback_speed", SPEEDS[i]))
        self.player.volume.valueChanged.connect(lambda v: self.settings.setValue("volume", v))
        column.addWidget(self.player)
        self.turn_list = TurnList()
        self.follow = Follow(self.player, self.reader, self.turn_list)
        self.highlights_panel = HighlightsPanel()
        self.tag_panel = TagPanel(self.session)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Highlights and tags")
        self.tabs.addTab(self.highlights_panel, "Highlights")
        self.tabs.addTab(self.tag_panel, "Tags")
        self.side = QSplitter(Qt.Orientation.Vertical)
        self.side.addWidget(self.turn_list)
        self.side.addWidget(self.tabs)
        self.split = QSplitter()
        for widget in (self.library_panel, centre, self.side):
            self.split.addWidget(widget)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([240, 760, 340])
        self.setCentralWidget(self.split)
        self.statusBar()
        self.speakers_dialog: SpeakersDialog | None = None
        self.reports_window: ReportsWindow | None = None  # made on first Ctrl+R, then kept
        self.attributes_table: AttributesTable | None = None
        self.search_panel = SearchPanel(self.session, self.settings, self.reader, lambda: self.transcript_id)
        self.search_dock = search_dock(self, self.search_panel)  # restored with the window state

    def reader_menu(self) -> QMenu:
        """The reader's context menu: Qt's own (Copy, Select All), the annotation actions and the
        corrections."""
        menu = self.reader.createStandardContextMenu()
        menu.addSeparator()
        a = self.actions
        menu.addActions([a.highlight, a.tag, a.note, a.copy_quote, a.delete])
        menu.addSeparator()
        menu.addActions(a.corrections)
        if self.player.ready:
            menu.addSeparator()
            menu.addActions([a.play_here, a.play_highlight])
        return menu

    def _context_menu(self, point: QPoint) -> None:
        """Show the reader's menu; a right-click away from the selection moves the cursor there
        first, so the menu's actions apply to the words clicked."""
        cursor = self.reader.textCursor()
        clicked = self.reader.cursorForPosition(point).position()
        if not (cursor.hasSelection() and cursor.selectionStart() <= clicked <= cursor.selectionEnd()):
            cursor.setPosition(clicked)
            self.reader.setTextCursor(cursor)
        self.reader_menu().exec(self.reader.viewport().mapToGlobal(point))

    def _connect(self) -> None:
        self.reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.reader.customContextMenuRequested.connect(self._context_menu)
        self.library_panel.transcript_chosen.connect(lambda tid: self.open_transcript(tid))
        self.turn_list.turn_chosen.connect(lambda turn: self.navigator.go_to(Position(turn, 0)))
        self.reader.turn_in_view.connect(lambda turn: self.player.playing or self.turn_list.follow(turn))
        self.highlights_panel.highlight_chosen.connect(
            lambda hid: self.navigator.jump(lambda: self.annotator.choose(hid, scroll=True))
        )
        self.highlights_panel.edit_note_requested.connect(lambda hid: self.annotator.edit_note(hid))
        self.highlights_panel.delete_requested.connect(lambda hid: self.annotator.delete(hid))
        self.tag_panel.highlight_opened.connect(lambda tid, hid: self.open_transcript(tid, highlight=hid))
        self.search_panel.hit_opened.connect(lambda tid, at: self.open_transcript(tid, at))
        self.reader.time_clicked.connect(lambda position: self.play_from(position))
        self.turn_list.turn_played.connect(lambda turn: self.play_from(Position(turn, 0)))
        self.player.locate_requested.connect(self.choose_media)
        self.session.changed.connect(self._changed)
        self.session.refused.connect(lambda message: self.say(message, 10000))
        self.session.focus_requested.connect(self._reveal)
        self._name_tag_actions()

    def show_read_only(self, reason: str) -> None:
        """Say, for as long as the window is open, that the library cannot be changed."""
        label = QLabel("Read-only")
        label.setToolTip(reason)
        label.setAccessibleName("The library is read-only")
        self.statusBar().addPermanentWidget(label)
        self.say(reason[0].upper() + reason[1:], 0)

    def say(self, message: str, timeout: int = 4000) -> None:
        """A line in the status bar."""
        self.statusBar().showMessage(message, timeout)

    # Transcripts --------------------------------------------------------------------------

    def open_transcript(self, transcript_id: int, position: Position | None = None, highlight: int | None = None):
        """Show a transcript, at a position or a highlight (a jump: Back returns)."""
        before = self.navigator.here()
        if self.transcript_id is not None and self.transcript_id != transcript_id:
            self._remember_position()
        try:
            info = self.library.transcripts.get(transcript_id)
        except LibraryError:
            return
        if transcript_id != self.transcript_id:
            self.corrector.transcript_closed()
        changed = transcript_id != self.transcript_id
        if changed:
            self._remember_playback()
        self.transcript_id = transcript_id
        self.setWindowTitle(f"{info.title} — Talkmark")
        self._load_turns()
        if changed:
            self._load_media()
        self._refresh_highlights()
        self.library_panel.select(transcript_id)
        self.settings.setValue("last_transcript", transcript_id)
        self.recent.add(transcript_id)
        if highlight is not None:
            self.annotator.choose(highlight, scroll=True)
        elif position is not None:
            self.reader.scroll_to(position)
        self.navigator.moved_from(before)

    def close_transcript(self) -> None:
        """Close the open transcript (Ctrl+W): the reader says how to open one, the player bar
        hides, and none opens on the next start. Back opens it again."""
        if self.transcript_id is None:
            return
        before = self.navigator.here()
        self._remember_position()
        self._remember_playback()
        self._close_transcript()
        self.library_panel.view.setCurrentIndex(QModelIndex())  # nothing in the list is open
        self.reader.viewport().update()  # the hint whole, not only where the text was
        self.settings.setValue("last_transcript", NONE_OPEN)
        self.navigator.moved_from(before)

    def _load_turns(self) -> None:
        turns = self.library.transcripts.turns(self.transcript_id)
        speakers = self.library.speakers.list(self.transcript_id)
        self._speaker_colours = speaker_colours(speakers)
        self.reader.show_transcript(turns, self._speaker_colours)
        self.turn_list.show_turns(turns, speakers)
        self.follow.show_turns(turns)

    def _changed(self, changes: Changes) -> None:
        """Refresh what a write changed: the open transcript's turns or some of its highlights."""
        if changes.tags or changes.everything:
            self._tag_colours = self._name_tag_actions()
        tid = self.transcript_id
        if tid is None or not changes.touches(tid):
            return
        if changes.everything or tid in changes.transcripts:
            try:
                info = self.library.transcripts.get(tid)
            except LibraryError:  # deleted (here or by another process)
                self._close_transcript()
                return
            self.setWindowTitle(f"{info.title} — Talkmark")
            if self.library.transcripts.media(tid) != self.player.path:
                self._load_media()
        if changes.everything:
            self._refresh_from_outside()
        elif tid in changes.turns:
            self._reload_turns()
        elif ids := changes.highlight_ids(tid):
            self._refresh_highlights(ids)

    def _reload_turns(self) -> None:
        """Show the open transcript's turns after a correction: only the turns that differ are
        rewritten, only the highlights on or beside them read again, and the reading position
        stays."""
        self.corrector.turns_changed()
        tid, old = self.transcript_id, self.reader.turns
        turns = self.library.transcripts.turns(tid)
        speakers = self.library.speakers.list(tid)
        self._speaker_colours = speaker_colours(speakers)
        runs = self.reader.update_turns(turns, self._speaker_colours)
        before, after = reached(runs, old, turns)
        moved = None
        if len(after.spans) <= MAX_RUNS_READ_APART:
            moved = moved_highlights(list(self._highlights.values()), before, index_map(len(old), runs))
        if moved is None:  # read them all at once; repaint only those on the runs
            fresh, moved = [], []
            for h in self.library.highlights.list(tid):
                (fresh if after.touches(h) else moved).append(h)
        else:
            highlights = self.library.highlights
            fresh = [h for first, end in after.spans for h in highlights.list(tid, turns=(first, end - 1))]
        self._highlights = {h.id: h for h in moved} | {h.id: h for h in fresh}
        self.reader.rehighlight(moved, fresh)
        self.turn_list.show_turns(turns, speakers, keep_place=True)
        self.follow.show_turns(turns)
        self._list_highlights()

    def _refresh_from_outside(self) -> None:
        """After another program wrote the library: redraw only what differs from what is shown
        (two queries when nothing of this transcript changed)."""
        if self.library.transcripts.turns(self.transcript_id) != self.reader.turns:
            self._reload_turns()
            return
        now = {h.id: h for h in self.library.highlights.list(self.transcript_id)}
        differ = {hid for hid, h in now.items() if self._highlights.get(hid) != h} | (self._highlights.keys() - now)
        if differ:
            self._refresh_highlights(differ)

    def _refresh_highlights(self, ids: set[int] | None = None) -> None:
        """Repaint the open transcript's highlights: only `ids` when given, else all."""
        if ids:
            changed, removed = [], []
            for hid in ids:
                try:
                    changed.append(self.library.highlights.get(hid))
                    self._highlights[hid] = changed[-1]
                except LibraryError:
                    removed.append(hid)
                    self._highlights.pop(hid, None)
            if any(t not in self._tag_colours for h in changed for t in h.tags):
                self._tag_colours = {t.name: t.colour for t in self.library.tags.list()}
            self.reader.update_highlights(changed, removed, self._tag_colours)
        else:
            self._tag_colours = {t.name: t.colour for t in self.library.tags.list()}
            self._highlights = {h.id: h for h in self.library.highlights.list(self.transcript_id)}
            self.reader.set_highlights(list(self._highlights.values()), self._tag_colours)
        self._list_highlights()

    def _list_highlights(self) -> None:
        in_order = sorted(self._highlights.values(), key=READING_ORDER)  # each create: C-speed keys for 10,000
        self.highlights_panel.show_highlights(in_order, self.reader.turns, self._tag_colours)
        self.annotator.sync()

    def _close_transcript(self) -> None:
        self.corrector.transcript_closed()
        self.player.load(None, timed=False)
        self.transcript_id = None
        self._highlights = {}
        self.reader.show_transcript([], {})
        self.turn_list.show_turns([], [])
        self.highlights_panel.show_highlights([], [], {})
        self.setWindowTitle("Talkmark")

    def _reveal(self, place: Place) -> None:
        """Before an undo or redo changes a place out of sight, show it: open its transcript
        there, or scroll the open one to it."""
        if place.transcript_id != self.transcript_id:
            self.open_transcript(place.transcript_id, place.position)
            self.say("Opened the transcript this undo or redo changes", 6000)
        elif place.position is not None and not self.reader.in_view(place.position):
            self.reader.reveal(place.position)

    def _name_tag_actions(self) -> dict[str, str]:
        """Name the digit keys' actions after the first nine tags; returns every tag's colour."""
        tags = self.library.tags.list()
        for n, action in enumerate(self.actions.tags):
            action.setText(f"&{n + 1}  {tags[n].name}" if n < len(tags) else f"{n + 1}  (no tag yet)")
        return {t.name: t.colour for t in tags}

    def apply_tag(self, number: int) -> None:
        """Apply the n-th tag (as the tag panel orders them) to the selection or the highlight at the cursor."""
        tags = [t.name for t in self.library.tags.list()]
        if number >= len(tags):
            self.say(f"There is no tag {number + 1} yet; press T to create tags")
            return
        self.annotator.apply_tag(tags[number])

    # The recording ----------------------------------------------------------------------------

    def _load_media(self) -> None:
        """Give the player the open transcript's recording (the bar hides when it has none), at
        the moment last played."""
        self.follow.restart()
        self.player.load(self.library.transcripts.media(self.transcript_id), timed=self.follow.index.timed)
        self.player.seek_ms(int(self.settings.value(f"playback/{self.transcript_id}", 0)))

    def _remember_playback(self) -> None:
        if self.transcript_id is not None and self.player.ready:
            self.settings.setValue(f"playback/{self.transcript_id}", self.player.position())

    def play_from(self, position: Position) -> None:
        """Play the recording from when the words at a place are said."""
        if not self.player.ready:
            self.say("No recording to play: Transcript ▸ Link recording… adds one")
            return
        seconds = self.follow.index.time_of(position)
        if seconds is None:
            self.say("This place has no time in the transcript")
            return
        self.player.play_from(seconds)

    def play_from_cursor(self) -> None:
        """Play from the words at the text cursor (the menu's way to do what Alt+click does)."""
        if (at := self.reader.cursor_position()) is not None:
            self.play_from(at)

    def play_highlight(self) -> None:
        """Play exactly the highlight at the cursor (or the selection): its first word to its last."""
        span = self.annotator.target_span()
        if span is None:
            self.say("No highlight here: select text, or put the cursor in a highlight")
            return
        times = self.follow.index.span_times(*span) if self.player.ready else None
        if times is None:
            self.say("Nothing to play: no recording, or no time here" if self.player.ready else
                     "No recording to play: Transcript ▸ Link recording… adds one")  # fmt: skip
            return
        self.player.play_span(*times)

    def choose_media(self) -> None:
        """Ask for the open transcript's recording and link it."""
        if self.transcript_id is None:
            self.say("Open a transcript first")
            return
        start = self.player.path.parent if self.player.path else None
        for file in ask_open_paths(self, self.settings, "recordings", "Link a recording", MEDIA_FILTER, start=start):
            self.link_media(file)

    def link_media(self, path: Path | None) -> None:
        """Link a recording to the open transcript (None: unlink it)."""
        try:
            self.session.run(lambda: self.library.transcripts.link_media(self.transcript_id, path))
        except LibraryError as error:
            self.say(f"Not linked: {error}")
            return
        self._load_media()
        self.say(f"Linked {path.name}" if path else "The transcript has no recording now")

    def set_rewind_on_pause(self, on: bool) -> None:
        """Step back 2 s on every pause (remembered)."""
        self.player.rewind_on_pause = on
        self.settings.setValue("rewind_on_pause", on)

    # Dialogs, import, view -------------------------------------------------------------------

    def open_speakers(self) -> None:
        """Show the speakers dialog of the open transcript."""
        if self.transcript_id is not None:
            self.speakers_dialog = SpeakersDialog(self.session, self.transcript_id, self)
            self.speakers_dialog.show()

    def open_reports(self) -> ReportsWindow:
        """Show the Reports window (one for the app; Ctrl+R brings it to the front)."""
        if self.reports_window is None:
            self.reports_window = ReportsWindow(self.session, self.settings, self)
            self.reports_window.highlight_opened.connect(self._open_from_report)
        self.reports_window.show()
        self.reports_window.raise_()
        self.reports_window.activateWindow()
        return self.reports_window

    def _open_from_report(self, transcript_id: int, highlight_id: int) -> None:
        self.open_transcript(transcript_id, highlight=highlight_id)
        self.raise_()
        self.activateWindow()

    def open_attributes_table(self) -> AttributesTable:
        """Show every transcript's attributes as a table to edit (one for the app)."""
        if self.attributes_table is None:
            self.attributes_table = AttributesTable(self.session, self)
        self.attributes_table.show()
        self.attributes_table.raise_()
        return self.attributes_table

    def open_export(self) -> ExportDialog:
        """Show the export dialog for the open transcript (or the chosen tag)."""
        dialog = ExportDialog(self.session, self.settings, self.transcript_id, self.tag_panel.current_tag(), self)
        dialog.open()
        return dialog

    def open_vault_export(self) -> VaultDialog:
        """Show File ▸ Export to vault… for the library (or the open transcript)."""
        dialog = VaultDialog(self.session.library.path, self.transcript_id, self.settings, self)
        dialog.open()
        return dialog

    def print_highlights(self) -> None:
        """File ▸ Print…: the open transcript's highlights, through the system's print dialog."""
        done = print_highlights(self, self.session.library, self.transcript_id)
        if done:
            self.say(done)

    def open_search(self) -> None:
        """Show the library search."""
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.focus()

    def choose_import(self) -> None:
        """Ask for files and import them."""
        files = ask_open_paths(self, self.settings, "import", "Import transcripts", IMPORT_FILTER, many=True)
        if files:
            self.import_files(files)

    def receive_files(self, files: list[str]) -> None:
        """Files another start of the app handed over: import them and come to the front."""
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()
        if files:
            self.import_files([Path(f) for f in files])

    def import_files(self, files: list[Path]) -> ImportJob:
        """Import files in the background with progress and Cancel; the last one opens."""
        self.session.watch.stop()  # our own import writes through another connection: one refresh at the end
        return self.importer.start(files)

    @property
    def job(self) -> ImportJob | None:
        """The import running now, if any."""
        return self.importer.job

    @property
    def import_report(self) -> QMessageBox | None:
        """The last report of files that could not be imported."""
        return self.importer.report

    def _imported(self, ids: list[int], already: list[int], errors: list[str]) -> None:
        self.session.imported(ids)
        self.session.watch.start()
        if ids or already:
            self.open_transcript((ids or already)[-1])
        self.say(import_summary(len(ids), len(already), len(errors)), 6000)

    def step_font(self, step: int) -> None:
        """Make the reading text one size larger or smaller (remembered)."""
        current = float(self.settings.value("font_size", DEFAULT_FONT_SIZE))
        sizes = [s for s in FONT_SIZES if (s > current if step > 0 else s < current)]
        if sizes:
            size = sizes[0] if step > 0 else sizes[-1]
            self.settings.setValue("font_size", size)
            self.reader.set_font_size(size)

    def reset_font(self) -> None:
        """Back to the default reading size (remembered)."""
        self.settings.setValue("font_size", DEFAULT_FONT_SIZE)
        self.reader.set_font_size(DEFAULT_FONT_SIZE)

    def set_theme(self, theme: str) -> None:
        """Light, dark, or following the system (remembered)."""
        self.settings.setValue("theme", theme)
        apply_theme(QApplication.instance(), theme)
        self.reader.restyle()  # names, times and bands in this theme's colours
        if self.transcript_id is not None:
            self._refresh_highlights()

    # Window state -------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 860)
        state = self.settings.value("window_state")
        if state is not None:
            self.restoreState(state)
        for splitter, key in ((self.split, "split"), (self.side, "side")):
            sizes = self.settings.value(key)
            if sizes:
                splitter.setSizes([int(s) for s in sizes])
        self.reader.set_font_size(float(self.settings.value("font_size", DEFAULT_FONT_SIZE)))

    def restore_reading(self) -> bool:
        """Open the last transcript at the turn last read (or none, if the user closed it);
        False when there is no last transcript."""
        last = self.settings.value("last_transcript")
        if last == NONE_OPEN:  # closed on purpose: the empty reader is the place to restore
            return True
        if last is None or not self.library.transcripts.infos([int(last)]):
            return False
        self.open_transcript(int(last), Position(int(self.settings.value(f"position/{last}", 0)), 0))
        return True

    def _remember_position(self) -> None:
        if self.transcript_id is not None:
            self.settings.setValue(f"position/{self.transcript_id}", self.reader.turn_at_top())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.importer.cancel()
        self._remember_playback()
        self.session.close()
        self.annotator.close()
        self.search_panel.stop()
        if self.reports_window is not None:
            self.reports_window.stop()
            self.reports_window.close()
        self._remember_position()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        self.settings.setValue("split", self.split.sizes())
        self.settings.setValue("side", self.side.sizes())
        self.settings.sync()
        super().closeEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Transcripts dropped are imported (each linked to the recording beside it, such as one
        dropped with it); a recording dropped alone on an open transcript becomes its recording."""
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        transcripts = [f for f in files if not is_media(f)]
        if transcripts:
            self.import_files(transcripts)
        elif len(files) == 1 and self.transcript_id is not None:
            self.link_media(files[0])
        elif files:
            self.say("To link a recording, open its transcript and drop the recording alone on it")
        if files:
            event.acceptProposedAction()
