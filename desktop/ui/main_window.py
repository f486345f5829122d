"""The main window: library · reader · turn list · highlights and tags, with every action.

What it shows of the open transcript is kept by shown_transcript.py; the menus' commands live
by concern in playback.py, menu_windows.py and importing.py, as functions of the window.
"""

from __future__ import annotations

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

from desktop.library import LibraryError, Position
from desktop.library.changes import Changes
from desktop.ui import importing, menu_windows, playback
from desktop.ui.actions import build_actions
from desktop.ui.annotator import Annotator
from desktop.ui.attributes_table import AttributesTable
from desktop.ui.corrector import Corrector
from desktop.ui.find_bar import FindBar
from desktop.ui.follow import Follow
from desktop.ui.highlights_panel import HighlightsPanel
from desktop.ui.history import Navigator
from desktop.ui.import_worker import Importer, ImportJob
from desktop.ui.library_panel import LibraryPanel
from desktop.ui.player import Player
from desktop.ui.reader import Reader
from desktop.ui.recent import RecentTranscripts
from desktop.ui.reports_window import ReportsWindow
from desktop.ui.search_panel import SearchPanel, search_dock
from desktop.ui.session import Place, Session
from desktop.ui.shown_transcript import ShownTranscript
from desktop.ui.speakers_dialog import SpeakersDialog
from desktop.ui.tag_panel import TagPanel
from desktop.ui.theme import apply_theme
from desktop.ui.turn_list import TurnList

FONT_SIZES = (10, 11, 12, 13, 14, 16, 18, 20, 22, 26)
DEFAULT_FONT_SIZE = 13
NONE_OPEN = "none"  # the last transcript, when the user closed it (Ctrl+W): none opens on restart
NO_TRANSCRIPT_HINT = "No transcript open: choose one in the library, or File ▸ Open recent"  # one line: Qt draws one


class MainWindow(QMainWindow):
    """Reads and annotates the transcripts of one library."""

    # The menus' commands, each in the module of its concern as a function of the window
    choose_import = importing.choose_import
    import_files = importing.import_files
    receive_files = importing.receive_files
    play_from = playback.play_from
    play_from_cursor = playback.play_from_cursor
    play_highlight = playback.play_highlight
    choose_media = playback.choose_media
    link_media = playback.link_media
    set_rewind_on_pause = playback.set_rewind_on_pause
    open_speakers = menu_windows.open_speakers
    open_reports = menu_windows.open_reports
    open_attributes_table = menu_windows.open_attributes_table
    open_export = menu_windows.open_export
    open_vault_export = menu_windows.open_vault_export
    print_highlights = menu_windows.print_highlights
    open_search = menu_windows.open_search

    def __init__(self, session: Session, settings: QSettings) -> None:
        super().__init__()
        self.session, self.settings = session, settings
        self.library = session.library
        self.transcript_id: int | None = None
        self.setWindowTitle("Talkmark")
        self.setAcceptDrops(True)
        self.importer = Importer(self, self.library.path)
        self.importer.done.connect(lambda ids, already, errors: importing.imported(self, ids, already, errors))
        self._build_widgets()
        self.annotator = Annotator(session, self.reader, self.highlights_panel, self, lambda: self.transcript_id,
                                   self.say)  # fmt: skip
        self.corrector = Corrector(session, self.reader, self, lambda: self.transcript_id, self.say)
        self.shown = ShownTranscript(self.library, lambda: self.transcript_id, self.reader, self.turn_list, self.follow,
                                     self.highlights_panel, self.annotator, self.corrector)  # fmt: skip
        self.navigator = Navigator(self.reader, lambda: self.transcript_id, self.open_transcript,
                                   lambda tid: bool(self.library.transcripts.infos([tid])), self)  # fmt: skip
        self.navigator.remember(settings, f"history/{self.library.identity}")
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
        playback.keep_player_settings(self.player, self.settings)
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
        self.session.moved.connect(self.say)  # the bar never tells of a step taken back
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
            playback.remember_playback(self)
        self.transcript_id = transcript_id
        self.setWindowTitle(f"{info.title} — Talkmark")
        self.shown.show_turns()
        if changed:
            playback.load_media(self)
        self.shown.refresh_highlights()
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
        playback.remember_playback(self)
        self._close_transcript()
        self.library_panel.view.setCurrentIndex(QModelIndex())  # nothing in the list is open
        self.reader.viewport().update()  # the hint whole, not only where the text was
        self.settings.setValue("last_transcript", NONE_OPEN)
        self.navigator.moved_from(before)

    def _changed(self, changes: Changes) -> None:
        """Refresh what a write changed: the open transcript's turns or some of its highlights."""
        if changes.tags or changes.everything:
            self.shown.tag_colours = self._name_tag_actions()
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
                playback.load_media(self)
        if changes.everything:
            self.shown.refresh_from_outside()
        elif tid in changes.turns:
            self.shown.reload_turns()
        elif ids := changes.highlight_ids(tid):
            self.shown.refresh_highlights(ids)

    def _close_transcript(self) -> None:
        self.corrector.transcript_closed()
        self.player.load(None, timed=False)
        self.transcript_id = None
        self.shown.clear()
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

    # Import, view -----------------------------------------------------------------------------

    @property
    def job(self) -> ImportJob | None:
        """The import running now, if any."""
        return self.importer.job

    @property
    def import_report(self) -> QMessageBox | None:
        """The last report of files that could not be imported."""
        return self.importer.report

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
            self.shown.refresh_highlights()

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
        playback.remember_playback(self)
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
        """Files dropped on the window: imported, or linked as the open transcript's recording."""
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        importing.take_dropped(self, files)
        if files:
            event.acceptProposedAction()
