"""Shortcuts pressed as a person presses them: the real app on an X server (Xvfb, with a
window manager), keys sent by xdotool. QTest goes through Qt's shortcut map differently,
so a clash such as "Ambiguous shortcut overload: Ctrl+Shift+Z" passes there and fails here.

Run by `make test-x11` (and CI), which needs Xvfb, xdotool and openbox installed.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.media import sine_wav
from tests.ui.test_navigation import talk_vtt
from tests.ui.test_player import TALK

pytestmark = pytest.mark.x11
DISPLAY = ":87"


@pytest.fixture
def desktop(tmp_path):
    """An X display with a window manager; fails (never skips) when the tools are missing."""
    missing = [tool for tool in ("Xvfb", "xdotool", "openbox") if shutil.which(tool) is None]
    assert not missing, f"install {' '.join(missing)} to run the X11 key tests"
    env = {**os.environ, "DISPLAY": DISPLAY}
    server = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1440x900x24"], stderr=subprocess.DEVNULL)
    wait_for(lambda: subprocess.run(["xdotool", "getdisplaygeometry"], env=env, capture_output=True).returncode == 0)
    for _ in range(5):  # openbox started the moment the server answers sometimes quits at once: again
        manager = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(1.0)
        if manager.poll() is None:
            break
    assert manager.poll() is None, f"openbox would not start: {manager.stderr.read().decode()[-300:]}"
    yield env
    manager.terminate()
    server.terminate()
    manager.wait(10)
    server.wait(10)


def wait_for(condition, timeout: float = 20.0, why=lambda: "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out {why()}"
        time.sleep(0.1)


def xdotool(env, *args: str) -> str:
    return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True, check=True).stdout


def highlight_count(library: Path) -> int:
    out = subprocess.run([sys.executable, "main.py", "list", "--json", "--library", str(library)], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    return json.loads(out)[0]["highlight_count"]


def show_json(library: Path) -> dict:
    out = subprocess.run([sys.executable, "main.py", "show", "1", "--json", "--library", str(library)], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    return json.loads(out)


@contextmanager
def running_app(desktop, tmp_path, files=()):
    """The app on the sample transcript (or on `files`), clicked into the middle of the reader;
    yields the X environment and the library path, and checks Qt's log for shortcut clashes
    once the app has ended."""
    library = tmp_path / "library.sqlite"
    env = {**desktop, "QT_QPA_PLATFORM": "xcb", "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_DATA_HOME": str(tmp_path / "data")}  # fmt: skip
    log = tmp_path / "app.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "main.py", "--library", str(library), *map(str, files)],
                                   cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        found: list[str] = []
        errors: list[str] = []

        def activated() -> bool:  # the window found may still be mapping: try until it takes the focus
            shown = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Talkmark"], env=env,
                                   capture_output=True, text=True).stdout.split()  # fmt: skip
            found[:] = shown[-1:]
            if not shown:
                return False
            tried = subprocess.run(["xdotool", "windowactivate", "--sync", shown[-1]], env=env, capture_output=True,
                                   text=True, timeout=5)  # fmt: skip
            errors[:] = [tried.stderr.strip()]
            return tried.returncode == 0

        wait_for(activated, why=lambda: f"{found} {errors} {log.read_text()[-600:]!r}")
        window = found[0]
        described = xdotool(env, "getwindowgeometry", window).splitlines()[1:]
        geometry = dict(line.strip().split(": ", 1) for line in described)
        x, y = (int(v) for v in geometry["Position"].split(" ")[0].split(","))
        width, height = (int(v) for v in geometry["Geometry"].split("x"))
        time.sleep(1.0)
        xdotool(env, "mousemove", str(x + width // 2), str(y + height // 3), "click", "1")  # into the reader
        time.sleep(0.3)
        yield env, library
    finally:
        process.terminate()
        process.wait(10)
    assert "Ambiguous shortcut" not in log.read_text()


@pytest.fixture
def app(desktop, tmp_path):
    with running_app(desktop, tmp_path) as started:
        yield started


def test_undo_and_both_redo_keys_work_from_the_keyboard(app):
    env, library = app

    def press(keys: str, expected: int) -> None:
        xdotool(env, "key", "--delay", "80", *keys.split())
        wait_for(lambda: highlight_count(library) == expected, timeout=10)

    press("ctrl+a h", 1)  # select all, highlight
    press("ctrl+z", 0)
    press("ctrl+shift+z", 1)
    press("ctrl+z", 0)
    press("ctrl+y", 1)


def test_f2_edits_in_place_and_s_sets_the_speaker_from_the_keyboard(app):
    env, library = app

    def edited() -> list[dict]:
        return [t for t in show_json(library)["turns"] if t["edited"]]

    xdotool(env, "key", "--delay", "80", "F2", "ctrl+Home")  # the editor opens at the click
    xdotool(env, "type", "--delay", "40", "Zqx htn ")  # letters that are annotation keys elsewhere
    xdotool(env, "key", "ctrl+Return")
    wait_for(lambda: len(edited()) == 1, timeout=10)
    [turn] = edited()
    assert turn["text"].startswith("Zqx htn ") and highlight_count(library) == 0

    xdotool(env, "key", "--delay", "80", "F2", "ctrl+Home")  # the editor opens at the click
    xdotool(env, "type", "--delay", "40", "discarded ")
    xdotool(env, "key", "Escape", "ctrl+z")  # cancelled, then the first edit undone
    wait_for(lambda: not edited(), timeout=10)

    xdotool(env, "key", "s")
    time.sleep(0.5)
    xdotool(env, "key", "ctrl+a")
    xdotool(env, "type", "--delay", "40", "Ada Lovelace")
    xdotool(env, "key", "Return")
    wait_for(lambda: any(t["speaker"] == "Ada Lovelace" for t in show_json(library)["turns"]), timeout=10)
    assert not edited()


def test_the_playback_keys_work_from_the_keyboard(desktop, tmp_path):
    (tmp_path / "talk.vtt").write_text(TALK)
    sine_wav(tmp_path / "talk.wav", seconds=6.0)  # found beside the transcript at import
    with running_app(desktop, tmp_path, [tmp_path / "talk.vtt"]) as (env, _):
        xdotool(env, "key", "ctrl+space")  # play
        time.sleep(1.5)
        xdotool(env, "key", "--delay", "150", "ctrl+space", "ctrl+Right", "ctrl+shift+period", "ctrl+shift+period",
                "ctrl+shift+comma")  # fmt: skip
        time.sleep(0.5)
        xdotool(env, "key", "ctrl+q")  # on quitting, the place played is remembered
        settings = tmp_path / "config" / "Talkmark" / "Talkmark.conf"
        wait_for(lambda: settings.exists() and "[playback]" in settings.read_text())
    saved = configparser.ConfigParser()
    saved.read(settings)
    assert saved["General"]["playback_speed"] == "1.25"  # up two steps, down one
    played = int(saved["playback"][str(1 + 1)])  # the sample is transcript 1, talk.vtt 2
    assert 6000 >= played >= 1000 + 5000 - 500  # played over a second, then 5 s on (the end is at 6 s)


def test_ctrl_shift_e_exports_to_a_vault_from_the_keyboard(app, tmp_path):
    env, _ = app
    vault = tmp_path / "vault"
    xdotool(env, "key", "--delay", "80", "ctrl+a", "h", "ctrl+shift+e")  # a highlight, then the vault dialog
    time.sleep(0.8)
    xdotool(env, "key", "ctrl+a")  # the folder field has the focus
    xdotool(env, "type", "--delay", "20", str(vault))
    xdotool(env, "key", "Return")
    wait_for(lambda: (vault / "sample.md").exists(), timeout=10)
    assert "^hl-1" in (vault / "sample.md").read_text()


def test_ctrl_g_alt_left_and_ctrl_w_work_from_the_keyboard(desktop, tmp_path):
    (tmp_path / "talk.vtt").write_text(talk_vtt())  # 80 turns, one every 15 s
    with running_app(desktop, tmp_path, [tmp_path / "talk.vtt"]) as (env, _):

        def go_to(typed: str) -> None:
            xdotool(env, "key", "ctrl+g")
            time.sleep(0.5)
            xdotool(env, "type", "--delay", "40", typed)
            xdotool(env, "key", "Return")
            time.sleep(0.3)

        go_to("40")
        go_to("17:30")  # 1,050 s: turn 71
        # back to turn 40, to the top, forward to turn 40: only so if every key did its part
        xdotool(env, "key", "--delay", "150", "alt+Left", "alt+Left", "alt+Right")
        time.sleep(0.3)
        xdotool(env, "key", "ctrl+w")  # closed: its place remembered, and none open next time
        time.sleep(0.3)
        xdotool(env, "key", "ctrl+q")
        settings = tmp_path / "config" / "Talkmark" / "Talkmark.conf"
        wait_for(lambda: settings.exists() and "[position]" in settings.read_text())
    saved = configparser.ConfigParser()
    saved.read(settings)
    assert saved["General"]["last_transcript"] == "none"
    assert saved["position"][str(1 + 1)] == str(40 - 1)  # the sample is transcript 1, talk.vtt 2


def test_focus_mode_text_size_and_the_shortcuts_window_from_the_keyboard(app, tmp_path):
    env, _ = app
    conf = tmp_path / "config" / "Talkmark" / "Talkmark.conf"

    def setting(key: str) -> str | None:  # as the app writes it (QSettings syncs within moments)
        saved = configparser.ConfigParser()
        saved.read(conf)
        return saved["General"].get(key) if saved.has_section("General") else None

    def press(keys: str, key: str, expected: str) -> None:
        xdotool(env, "key", "--delay", "80", *keys.split())
        wait_for(lambda: setting(key) == expected, timeout=10, why=lambda: f"{keys}: {key}={setting(key)}")

    press("ctrl+period", "focus_mode", "true")
    press("Escape", "focus_mode", "false")
    press("ctrl+period ctrl+period", "focus_mode", "false")
    press("ctrl+shift+equal", "font_size", "14")  # Ctrl++ as a US keyboard types it
    press("ctrl+equal", "font_size", "16")
    press("ctrl+minus", "font_size", "14")
    press("ctrl+0", "font_size", "13")

    def shortcuts_shown() -> bool:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "Keyboard shortcuts"], env=env,
                               capture_output=True, text=True)  # fmt: skip
        return bool(found.stdout.split())

    xdotool(env, "key", "F1")
    wait_for(shortcuts_shown, timeout=10)
    xdotool(env, "key", "Escape")
    wait_for(lambda: not shortcuts_shown(), timeout=10)
    xdotool(env, "key", "ctrl+slash")
    wait_for(shortcuts_shown, timeout=10)


def test_enter_in_the_tag_suggestions_chooses_one_and_esc_enter_makes_a_new_tag(app):
    env, library = app

    def tags() -> list[str]:
        with sqlite3.connect(library) as conn:
            return sorted(name for (name,) in conn.execute("SELECT name FROM tags"))

    def tag(typed: str, *keys: str) -> None:
        xdotool(env, "key", "t")
        time.sleep(0.5)
        xdotool(env, "type", "--delay", "60", typed)
        time.sleep(0.6)  # the suggestions open
        xdotool(env, "key", "--delay", "300", *keys)

    xdotool(env, "key", "--delay", "80", "ctrl+a", "h")
    wait_for(lambda: highlight_count(library) == 1, timeout=10)
    tag("quotes/long", "Return")  # nothing to suggest: a new tag
    wait_for(lambda: tags() == ["quotes/long"], timeout=10)

    def picker_open() -> bool:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^Tag$"], env=env, capture_output=True)
        return bool(found.stdout.strip())

    tag("long", "Return")  # the suggestion, at one press (a second would have made a stray tag "long")
    wait_for(lambda: not picker_open(), timeout=5)
    assert tags() == ["quotes/long"]
    tag("lon", "Escape", "Return")  # the suggestions closed: the text as typed
    wait_for(lambda: tags() == ["lon", "quotes/long"], timeout=10)
