"""The architecture is a checked fact: import-linter's contracts in pyproject.toml.

`desktop.ui | desktop.cli` sit over `desktop.export`, over `desktop.library`, over
`desktop.formats`; the core (and the command line) never import PySide6 or shiboken6,
directly or through any chain of modules. These tests run the real contracts, then
prove they catch an indirect violation in a copy of the package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """Run lint-imports on `project` (its pyproject.toml and its `desktop` package)."""
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(project / "pyproject.toml")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the package and its pyproject.toml, to break on purpose."""
    shutil.copytree(ROOT / "desktop", tmp_path / "desktop", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_an_indirect_qt_import_breaks_the_contract(project_copy):
    # formats -> desktop.helper (in no layer) -> PySide6: no single file of the core imports Qt.
    (project_copy / "desktop" / "helper.py").write_text("from PySide6 import QtCore\n")
    (project_copy / "desktop" / "formats" / "probe.py").write_text("import desktop.helper\n")

    result = lint_imports(project_copy)

    assert result.returncode != 0
    assert "never import Qt BROKEN" in result.stdout
    assert "desktop.formats.probe -> desktop.helper" in result.stdout


def test_an_indirect_upward_import_breaks_the_layers(project_copy):
    # library -> desktop.helper -> export: the library reaching up a layer through a side module.
    (project_copy / "desktop" / "helper.py").write_text("import desktop.export\n")
    (project_copy / "desktop" / "library" / "probe.py").write_text("import desktop.helper\n")

    result = lint_imports(project_copy)

    assert result.returncode != 0
    assert "over formats BROKEN" in " ".join(result.stdout.split())


def test_the_command_line_and_the_app_are_independent(project_copy):
    command = project_copy / "desktop" / "cli" / "reports.py"  # any module of the command line
    command.write_text(command.read_text() + "\nimport desktop.ui.session\n")

    result = lint_imports(project_copy)

    assert result.returncode != 0
    assert "desktop.cli.reports -> desktop.ui.session" in result.stdout
