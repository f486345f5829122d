"""The main window: library · reader · turn list · highlights and tags, with every action."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.export.collect import excerpt as make_excerpt
from desktop.export.markdown import citation
from desktop.library import Highlight, LibraryError, Position
from desktop.ui.actions import build_actions
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.find_bar import FindBar
from desktop.ui.highlights_panel import HighlightsPanel
from desktop.ui.import_worker import Importer, ImportJob
from desktop.ui.library_panel import LibraryPanel
from desktop.ui.note_editor import NoteEditor
from desktop.ui.palette import speaker_colours
from desktop.ui.reader import Reader
from desktop.ui.search_dialog import SearchDialog
from desktop.ui.session import Session
from desktop.ui.speakers_dialog import SpeakersDialog
from desktop.ui.tag_panel import TagPanel
from desktop.ui.tag_picker import TagPicker
from desktop.ui.theme import apply_theme
from desktop.ui.turn_list import TurnList

FONT_SIZES = (10, 11, 12, 13, 14, 16, 18, 20, 22, 26)
DEFAULT_FONT_SIZE = 13
IMPORT_FILTER = "Transcripts (*.txt *.srt *.vtt *.json *.md);;All files (*)"


class MainWindow(QMainWindow):
    """Reads and annotates the transcripts of one library."""

    def __init__(self, session: Session, settings: QSettings) -> None:
        super().__init__()
        self.session, self.settings = session, settings
        self.library = session.library
        self.transcript_id: int | None = None
        self.current_highlight: int | None = None
        self._highlights: dict[int, Highlight] = {}
        self._tag_colours: dict[str, str] = {}
        self.setWindowTitle("Talkmark")
        self.setAcceptDrops(True)
        self.importer = Importer(self, self.library.path)
        self.importer.done.connect(self._imported)
        self._build_widgets()
        self.actions = build_actions(self)
        self._connect()
        self._restore_state()

    # Building -------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.library_panel = LibraryPanel(self.session)
        self.reader = Reader()
        self.find_bar = FindBar(self.reader)
        centre = QWidget()
        column = QVBoxLayout(centre)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.find_bar)
        column.addWidget(self.reader)
        self.turn_list = TurnList()
        self.highlights_panel = HighlightsPanel()
        self.tag_panel = TagPanel(self.session)
        self.tabs = QTabWidget()
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
        self.search_dialog = SearchDialog(self.session, self)

    def reader_menu(self) -> QMenu:
        """The reader's context menu: Qt's own (Copy, Select All) plus the annotation actions."""
        menu = self.reader.createStandardContextMenu()
        menu.addSeparator()
        a = self.actions
        menu.addActions([a.highlight, a.tag, a.note, a.copy_quote, a.delete])
        return menu

    def _connect(self) -> None:
        self.reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.reader.customContextMenuRequested.connect(
            lambda point: self.reader_menu().exec(self.reader.viewport().mapToGlobal(point))
        )
        self.library_panel.transcript_chosen.connect(lambda tid: self.open_transcript(tid))
        self.turn_list.turn_chosen.connect(lambda turn: self.reader.scroll_to(Position(turn, 0)))
        self.reader.turn_in_view.connect(self.turn_list.follow)
        self.reader.highlight_clicked.connect(self.choose_highlight)
        self.highlights_panel.highlight_chosen.connect(lambda hid: self.choose_highlight(hid, scroll=True))
        self.highlights_panel.edit_note_requested.connect(lambda hid: self.edit_note(hid))
        self.highlights_panel.delete_requested.connect(lambda hid: self.delete_highlight(hid))
        self.tag_panel.highlight_opened.connect(lambda tid, hid: self.open_transcript(tid, highlight=hid))
        self.search_dialog.hit_opened.connect(lambda tid, turn: self.open_transcript(tid, Position(turn, 0)))
        self.session.turns_changed.connect(self._turns_changed)
        self.session.highlights_changed.connect(self._highlights_changed)
        self.session.tags_changed.connect(self._name_tag_actions)
        self._name_tag_actions()
        self.session.transcripts_changed.connect(self._transcripts_changed)

    # Transcripts --------------------------------------------------------------------------

    def open_transcript(self, transcript_id: int, position: Position | None = None, highlight: int | None = None):
        """Show a transcript, at a position or a highlight."""
        if self.transcript_id is not None and self.transcript_id != transcript_id:
            self._remember_position()
        try:
            info = self.library.transcripts.get(transcript_id)
        except LibraryError:
            return
        self.transcript_id = transcript_id
        self.current_highlight = None
        self.setWindowTitle(f"{info.title} — Talkmark")
        self._load_turns()
        self._highlights_changed(transcript_id, [])
        self.library_panel.select(transcript_id)
        self.settings.setValue("last_transcript", transcript_id)
        if highlight is not None:
            self.choose_highlight(highlight, scroll=True)
        elif position is not None:
            self.reader.scroll_to(position)

    def _load_turns(self) -> None:
        turns = self.library.transcripts.turns(self.transcript_id)
        speakers = self.library.speakers.list(self.transcript_id)
        self.reader.show_transcript(turns, speaker_colours(speakers))
        self.turn_list.show_turns(turns, speakers)

    def _turns_changed(self, transcript_id: int) -> None:
        if transcript_id == self.transcript_id:
            top = self.reader.turn_at_top()
            self._load_turns()
            self.reader.scroll_to(Position(top, 0))

    def _highlights_changed(self, transcript_id: int | None, ids: list[int] | None = None) -> None:
        """Refresh the open transcript's highlights: only `ids` when given, else all."""
        if transcript_id is None or transcript_id != self.transcript_id:
            return
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
            self._highlights = {h.id: h for h in self.library.highlights.list(transcript_id)}
            self.reader.set_highlights(list(self._highlights.values()), self._tag_colours)
        in_order = sorted(self._highlights.values(), key=lambda h: (h.orphan, h.start.turn, h.start.offset, h.id))
        self.highlights_panel.show_highlights(in_order, self.reader.turns, self._tag_colours)
        if self.current_highlight not in self._highlights:
            self.current_highlight = None
        self.reader.set_current_highlight(self.current_highlight, scroll=False)
        self.highlights_panel.select(self.current_highlight)

    def _transcripts_changed(self) -> None:
        if self.transcript_id is not None and not any(
            t.id == self.transcript_id for t in self.library.transcripts.list()
        ):
            self.transcript_id = None
            self.reader.show_transcript([], {})
            self.turn_list.show_turns([], [])
            self.highlights_panel.show_highlights([], [], {})
            self.setWindowTitle("Talkmark")

    # Annotating ----------------------------------------------------------------------------

    def choose_highlight(self, highlight_id: int | None, scroll: bool = False) -> None:
        """Make a highlight the current one, in the reader and the panel."""
        self.current_highlight = highlight_id
        self.reader.set_current_highlight(highlight_id, scroll=scroll)
        self.highlights_panel.select(highlight_id)

    def highlight_selection(self, tags: list[str] | None = None) -> int | None:
        """Highlight the selected text (tagged with `tags`); returns the new highlight's id."""
        span = self.reader.selected_span() if self.transcript_id is not None else None
        if span is None:
            self.statusBar().showMessage("Select some text in the reader first", 4000)
            return None
        highlight = self.session.add_highlight(self.transcript_id, *span, tags=tags or ())
        cursor = self.reader.textCursor()
        cursor.clearSelection()  # the selection is now the current highlight; keys act on it
        self.reader.setTextCursor(cursor)
        self.choose_highlight(highlight)
        return highlight

    def _target(self) -> int | None:
        """The highlight an action works on: a new one from the selection, else the current one."""
        if self.reader.selected_span() is not None:
            return None
        return self.current_highlight

    def _name_tag_actions(self) -> None:
        names = [t.name for t in self.library.tags.list()]
        for n, action in enumerate(self.actions.tags):
            action.setText(f"&{n + 1}  {names[n]}" if n < len(names) else f"{n + 1}  (no tag yet)")

    def apply_tag(self, number: int) -> None:
        """Apply the n-th tag (as the tag panel orders them) to the selection or current highlight."""
        tags = [t.name for t in self.library.tags.list()]
        if number >= len(tags):
            self.statusBar().showMessage(f"There is no tag {number + 1} yet; press T to create tags", 4000)
            return
        self._tag(tags[number])

    def tag_selection(self) -> None:
        """Ask for a tag (existing or new) for the selection or the current highlight."""
        if self._target() is None and self.reader.selected_span() is None:
            self.statusBar().showMessage("Select text or a highlight to tag", 4000)
            return
        picker = TagPicker([t.name for t in self.library.tags.list()], self)
        if picker.exec() and picker.tag():
            self._tag(picker.tag())

    def _tag(self, name: str) -> None:
        target = self._target()
        if target is not None:
            self.session.toggle_tag(target, name)
        else:
            self.highlight_selection([name])

    def edit_note(self, highlight_id: int | None = None) -> None:
        """Write the note of a highlight (the current one, or a new one from the selection)."""
        target = highlight_id or self._target() or self.highlight_selection()
        if target is None:
            return
        highlight = self.library.highlights.get(target)
        editor = NoteEditor(highlight.quote, highlight.note, self)
        if editor.exec():
            self.session.set_note(target, editor.note())

    def delete_highlight(self, highlight_id: int | None = None) -> None:
        """Delete a highlight (undoable)."""
        target = highlight_id or self.current_highlight
        if target is not None:
            self.session.delete_highlight(target)

    # Dialogs, import, view -------------------------------------------------------------------

    def open_speakers(self) -> None:
        """Show the speakers dialog of the open transcript."""
        if self.transcript_id is not None:
            self.speakers_dialog = SpeakersDialog(self.session, self.transcript_id, self)
            self.speakers_dialog.show()

    def open_export(self) -> ExportDialog:
        """Show the export dialog for the open transcript (or the chosen tag)."""
        dialog = ExportDialog(self.session, self.transcript_id, self.tag_panel.current_tag(), self)
        dialog.open()
        return dialog

    def copy_quote(self) -> str | None:
        """Put the current highlight on the clipboard as a Markdown quote with speaker, time and title."""
        if self.current_highlight is None:
            self.statusBar().showMessage("Choose a highlight to copy", 4000)
            return None
        highlight = self._highlights.get(self.current_highlight)
        if highlight is None or highlight.orphan:  # an orphan: its text is gone
            self.statusBar().showMessage("This highlight's text was edited away; nothing to copy", 4000)
            return None
        info = self.library.transcripts.get(self.transcript_id)
        excerpt = make_excerpt(highlight, info, self.reader.turns)
        text = citation(excerpt)
        QApplication.clipboard().setText(text)
        self.statusBar().showMessage("Quote copied", 3000)
        return text

    def open_search(self) -> None:
        """Show the library search."""
        self.search_dialog.show()
        self.search_dialog.raise_()
        self.search_dialog.query.setFocus()
        self.search_dialog.query.selectAll()

    def choose_import(self) -> None:
        """Ask for files and import them."""
        files, _ = QFileDialog.getOpenFileNames(self, "Import transcripts", "", IMPORT_FILTER)
        if files:
            self.import_files([Path(f) for f in files])

    def import_files(self, files: list[Path]) -> ImportJob:
        """Import files in the background with progress and Cancel; the last one opens."""
        return self.importer.start(files)

    @property
    def job(self) -> ImportJob | None:
        """The import running now, if any."""
        return self.importer.job

    @property
    def import_report(self) -> QMessageBox | None:
        """The last report of files that could not be imported."""
        return self.importer.report

    def _imported(self, ids: list[int], errors: list[str]) -> None:
        self.session.transcripts_changed.emit()
        if ids:
            self.open_transcript(ids[-1])
        self.statusBar().showMessage(f"Imported {len(ids)} of {len(ids) + len(errors)} files", 6000)

    def step_font(self, step: int) -> None:
        """Make the reading text one size larger or smaller (remembered)."""
        current = float(self.settings.value("font_size", DEFAULT_FONT_SIZE))
        sizes = [s for s in FONT_SIZES if (s > current if step > 0 else s < current)]
        if sizes:
            size = sizes[0] if step > 0 else sizes[-1]
            self.settings.setValue("font_size", size)
            self.reader.set_font_size(size)

    def set_theme(self, theme: str) -> None:
        """Light, dark, or following the system (remembered)."""
        self.settings.setValue("theme", theme)
        apply_theme(QApplication.instance(), theme)
        self._highlights_changed(self.transcript_id, [])

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
        """Open the last transcript at the turn last read; False when there is none."""
        last = self.settings.value("last_transcript")
        if last is None or not any(t.id == int(last) for t in self.library.transcripts.list()):
            return False
        self.open_transcript(int(last), Position(int(self.settings.value(f"position/{last}", 0)), 0))
        return True

    def _remember_position(self) -> None:
        if self.transcript_id is not None:
            self.settings.setValue(f"position/{self.transcript_id}", self.reader.turn_at_top())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.importer.cancel()
        self.search_dialog.close()
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
        files = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            self.import_files(files)
            event.acceptProposedAction()
