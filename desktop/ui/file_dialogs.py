"""Where file dialogs open: each kind of file (exports, imports, recordings, charts) in the
folder last used for it, remembered across runs; at first the user's Documents folder (else
home), never the folder the app happened to be started from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget


def start_folder(settings: QSettings, kind: str) -> Path:
    """The folder a dialog for `kind` opens in: the one last used, while it exists."""
    last = settings.value(f"folders/{kind}", "")
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember(settings: QSettings, kind: str, folder: Path) -> None:
    """Open the next dialog for `kind` in this folder."""
    settings.setValue(f"folders/{kind}", str(folder))


def ask_save_path(parent: QWidget, settings: QSettings, kind: str, title: str, name: str,
                  description: str) -> Path | None:  # fmt: skip
    """Ask where to save a file suggested as `name`, in the folder last used for `kind`; the
    name's suffix is added when the one typed lacks it (`quotes` → `quotes.csv`), so the file
    opens in the program its format belongs to. None when cancelled."""
    suffix = Path(name).suffix
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(start_folder(settings, kind) / name),
                                            f"{description} (*{suffix})")  # fmt: skip
    if not chosen:
        return None
    path = Path(chosen)
    if suffix and path.suffix.lower() != suffix.lower():
        path = path.with_name(path.name + suffix)
    remember(settings, kind, path.parent)
    return path


def ask_open_paths(parent: QWidget, settings: QSettings, kind: str, title: str, filters: str, *,
                   many: bool = False, start: Path | None = None) -> list[Path]:  # fmt: skip
    """Ask for a file to open (`many`: one or more), starting in `start` or the folder last
    used for `kind`; none when cancelled."""
    folder = str(start or start_folder(settings, kind))
    if many:
        chosen, _ = QFileDialog.getOpenFileNames(parent, title, folder, filters)
    else:
        one, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
        chosen = [one] if one else []
    paths = [Path(file) for file in chosen]
    if paths:
        remember(settings, kind, paths[0].parent)
    return paths
