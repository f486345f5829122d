"""The pure core never imports Qt: formats, library and export stay fast to test."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

CORE = ["formats", "library", "export", "cli.py", "resources.py"]


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("part", CORE)
def test_core_does_not_import_qt(part):
    target = ROOT / "desktop" / part
    files = sorted(target.rglob("*.py")) if target.is_dir() else [target] if target.exists() else []
    for path in files:
        qt = {m for m in imported_modules(path) if m.split(".")[0] in {"PySide6", "shiboken6"}}
        assert not qt, f"{path.relative_to(ROOT)} imports {qt}"
        assert not {m for m in imported_modules(path) if m.startswith("desktop.ui")}, path


def test_the_check_sees_a_qt_import(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("from PySide6.QtCore import QObject\n")
    assert "PySide6.QtCore" in imported_modules(probe)
