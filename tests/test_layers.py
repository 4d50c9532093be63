"""The architecture's rules, checked: import-linter's contracts and ruff's banned imports.

The contracts live in pyproject.toml ([tool.importlinter]); the last two tests show that
they bite, on a copy of the package with one forbidden import added.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: install the test extra (pip install -e '.[test]')")
    return found


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("lint-imports"), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def ruff_banned(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("ruff"), "check", "--select", "TID251", "--output-format", "concise", "desktop_app"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_layer_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_nothing_outside_store_imports_sqlalchemy():
    result = ruff_banned(ROOT)
    assert result.returncode == 0, result.stdout


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """The package and its pyproject.toml in a directory of their own."""
    shutil.copytree(
        ROOT / "desktop_app", tmp_path / "desktop_app", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def add_import(module: Path, line: str) -> None:
    module.write_text(module.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_a_view_reaching_into_the_store_breaks_the_contracts(package_copy: Path):
    add_import(package_copy / "desktop_app/ui/audit_view.py", "from ..store import models")
    result = lint_imports(package_copy)
    assert result.returncode != 0
    assert "desktop_app.ui.audit_view -> desktop_app.store.models" in result.stdout


def test_sql_outside_the_store_is_refused(package_copy: Path):
    add_import(package_copy / "desktop_app/jobs/run_now.py", "from sqlalchemy import select")
    result = ruff_banned(package_copy)
    assert result.returncode != 0
    assert "run_now.py" in result.stdout and "TID251" in result.stdout


def test_a_command_reaching_past_the_jobs_breaks_the_contracts(package_copy: Path):
    add_import(package_copy / "desktop_app/cli/invoices.py", "from ..store.ledger import Ledger")
    result = lint_imports(package_copy)
    assert result.returncode != 0
    assert "desktop_app.cli.invoices -> desktop_app.store.ledger" in result.stdout
