"""The code's style, checked where it is tested: ruff's lint rules and its formatting over
everything the repository runs (the program, the tests, the benchmarks and the tools)."""

from __future__ import annotations

import subprocess

from .test_layers import ROOT, tool

CHECKED = ("desktop_app", "tests", "bench", "tools")


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("ruff"), *args, *CHECKED],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_ruff_finds_nothing():
    result = _ruff("check", "--output-format", "concise")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_the_code_is_formatted_as_ruff_formats_it():
    result = _ruff("format", "--check")
    assert result.returncode == 0, (
        "run `ruff format desktop_app tests bench tools`:\n" + result.stdout[-4000:]
    )
