"""One app per library: a second `python main.py FILE...` on the same library hands its
files to the running window (through a local socket named after the library) and ends."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

TIMEOUT_MS = 3000


def server_name(library_path: Path) -> str:
    """The socket name of the app running on this library file."""
    digest = hashlib.sha256(str(library_path.expanduser().resolve()).encode()).hexdigest()[:20]
    return f"talkmark-{digest}"


HANDED, NONE, BUSY = "handed", "none", "busy"


def hand_over(name: str, files: list[str]) -> str:
    """Give these files to the app listening on `name`: HANDED; NONE when no app runs on the
    library; BUSY when one runs but does not answer (stopped or hung: never start a second)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(TIMEOUT_MS):
        return NONE
    socket.write(json.dumps({"files": [str(Path(f).resolve()) for f in files]}).encode() + b"\n")
    socket.waitForBytesWritten(TIMEOUT_MS)
    answered = socket.waitForReadyRead(TIMEOUT_MS) and bytes(socket.readAll().data()).startswith(b"ok")
    socket.disconnectFromServer()
    return HANDED if answered else BUSY


def _alive(name: str) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(name)
    alive = socket.waitForConnected(TIMEOUT_MS)
    socket.abort()
    return alive


class InstanceServer(QObject):
    """Listens for later starts on the same library; `files_received` carries their files."""

    files_received = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        if not self.server.listen(name) and not _alive(name):
            QLocalServer.removeServer(name)  # left behind by an app that crashed
            self.server.listen(name)
        self.server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytes] = {}

    def close(self) -> None:
        """Stop listening."""
        self.server.close()

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _read(self, socket: QLocalSocket) -> None:
        self._buffers[socket] = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        line, newline, _ = self._buffers[socket].partition(b"\n")
        if not newline:
            return
        try:
            files = [str(f) for f in json.loads(line.decode("utf-8"))["files"]]
        except (ValueError, KeyError, TypeError):
            socket.write(b"error\n")
        else:
            socket.write(b"ok\n")
            self.files_received.emit(files)
        socket.flush()

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()
