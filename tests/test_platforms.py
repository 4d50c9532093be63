"""The package only calls what exists on Windows and macOS too.

mypy knows, from typeshed, which functions each platform's standard library has
(``os.getuid`` and ``fcntl`` are POSIX only; ``msvcrt`` and ``os.startfile`` are Windows
only) and skips code behind ``sys.platform`` checks for other platforms. What it finds for
win32 or darwin beyond what it finds for linux is a call that does not exist there. General
typing findings, the same on every platform, are not this test's business.
"""

from __future__ import annotations

import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .test_types import ROOT
from .test_types import mypy_findings as all_findings

PLATFORMS = ("linux", "win32", "darwin")


def mypy_findings(target: Path, platform: str, cache: Path) -> set[str]:
    """Each finding as "file:line: message [code]" for ``target`` checked as on ``platform``."""
    options = ("--platform", platform, "--python-version", "3.11", "--ignore-missing-imports")
    return set(all_findings(target, cache / platform, *options))


@pytest.fixture(scope="module")
def package_findings(tmp_path_factory) -> dict[str, set[str]]:
    cache = tmp_path_factory.mktemp("mypy-cache")
    with ThreadPoolExecutor(max_workers=len(PLATFORMS)) as pool:
        results = pool.map(lambda p: mypy_findings(ROOT / "desktop_app", p, cache), PLATFORMS)
        return dict(zip(PLATFORMS, results, strict=True))


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_the_package_calls_only_what_exists_on(platform, package_findings):
    only_there = package_findings[platform] - package_findings["linux"]
    assert only_there == set(), "\n".join(sorted(only_there))


def test_the_check_finds_a_posix_only_call(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        textwrap.dedent(
            """
            import os
            import sys

            def owner_matches(uid: int) -> bool:
                return uid == os.getuid()

            def portable(uid: int) -> bool:
                if sys.platform == "win32":
                    return True
                return uid == os.getuid()
            """
        ),
        encoding="utf-8",
    )
    cache = tmp_path / "cache"
    windows = mypy_findings(probe, "win32", cache) - mypy_findings(probe, "linux", cache)
    assert len(windows) == 1, windows
    (finding,) = windows
    assert "probe.py:6:" in finding and "getuid" in finding
