"""`make run` on a fresh Linux desktop: tools/check-qt-libs names the one missing package
Qt's X11 plugin needs (libxcb-cursor0) instead of Qt's obscure plugin error. Run with a
stub `ldconfig` (and `apt-get`) on a PATH of its own, so both branches run on any machine."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "tools" / "check-qt-libs"
HAVE = "\tlibxcb-cursor.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-cursor.so.0\n"
OTHERS = "\tlibxcb.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb.so.1\n"


def check(tmp_path, ldconfig_lists: str, *, apt: bool = True, **env: str) -> subprocess.CompletedProcess:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "ldconfig.txt").write_text(ldconfig_lists)
    stubs = {"ldconfig": f'cat "{bin_dir}/ldconfig.txt"', "uname": "echo Linux"}
    if apt:
        stubs["apt-get"] = "exit 0"
    for name, body in stubs.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    for tool in ("grep", "cat"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    return subprocess.run(
        ["/bin/sh", str(SCRIPT)], env={"PATH": str(bin_dir), **env}, capture_output=True, text=True, timeout=30
    )


def test_missing_on_x11_prints_the_one_command_and_fails(tmp_path):
    result = check(tmp_path, OTHERS, DISPLAY=":0")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == "    sudo apt-get install libxcb-cursor0"
    assert result.stderr.count("\n") == 2


def test_without_apt_it_names_the_package_for_other_distributions(tmp_path):
    result = check(tmp_path, OTHERS, apt=False, DISPLAY=":0", QT_QPA_PLATFORM="xcb")
    assert result.returncode == 1 and "xcb-util-cursor" in result.stderr and "apt-get" not in result.stderr


@pytest.mark.parametrize(
    ("listed", "env"),
    [
        (OTHERS + HAVE, {"DISPLAY": ":0"}),  # installed
        (OTHERS, {}),  # no X11 display
        (OTHERS, {"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}),
        (OTHERS, {"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}),
        (OTHERS, {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}),  # Qt picks Wayland
    ],
)
def test_nothing_to_say_when_it_is_there_or_not_needed(tmp_path, listed, env):
    result = check(tmp_path, listed, **env)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_make_run_checks_before_starting_the_app():
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}  # as if typed
    plan = subprocess.run(["make", "-n", "-W", "pyproject.toml", "run"], cwd=ROOT, capture_output=True, text=True,
                          env=env)  # fmt: skip
    lines = [line for line in plan.stdout.splitlines() if not line.startswith("make[")]
    assert lines[-2:] == ["sh tools/check-qt-libs", ".venv/bin/python main.py"]
