"""mypy finds nothing in the package: annotations, Optional handling and the libraries'
types agree with the code (configuration in pyproject.toml, ``[tool.mypy]``).

A ``cast`` or ``# type: ignore[code]`` is only for a library whose types are wrong, with
its reason on the line.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def mypy_findings(target: Path, cache: Path, *options: str) -> list[str]:
    """Each finding as "file:line: error: message [code]"; mypy as the README runs it,
    with ``options`` added (tests/test_platforms.py: another platform)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            *options,
            "--no-error-summary",
            "--hide-error-context",
            "--show-error-codes",
            "--no-pretty",
            "--cache-dir",
            str(cache),
            str(target),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode not in (0, 1):  # 2: mypy itself failed
        raise AssertionError(f"mypy failed: {done.stderr or done.stdout}")
    return [line for line in done.stdout.splitlines() if ": error:" in line]


def test_the_package_has_no_typing_findings(tmp_path):
    findings = mypy_findings(ROOT / "desktop_app", tmp_path / "cache")
    assert findings == [], f"{len(findings)} mypy findings:\n" + "\n".join(findings)


def test_the_check_finds_a_wrong_optional(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        textwrap.dedent(
            """
            def name_length(name: str | None) -> int:
                return len(name)
            """
        ),
        encoding="utf-8",
    )
    findings = mypy_findings(probe, tmp_path / "cache")
    assert len(findings) == 1, findings
    assert "probe.py:3:" in findings[0] and "[arg-type]" in findings[0]
