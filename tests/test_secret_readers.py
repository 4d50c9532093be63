"""Each kind of secret is read in one place (jobs/credentials.py): a password read
elsewhere would bypass its checks and its audit."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "desktop_app"
READERS = {PACKAGE / "jobs" / "credentials.py", PACKAGE / "store" / "secrets.py"}
KEY_NAMES = {"ftp_key", "SMTP_KEY"}


def keyring_reads(source: str) -> list[int]:
    """Lines that call ``<something>.get(...)`` with a keyring entry's name."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr != "get" or not node.args:
            continue
        names = {n.id for n in ast.walk(node.args[0]) if isinstance(n, ast.Name)}
        if names & KEY_NAMES:
            found.append(node.lineno)
    return found


def test_passwords_are_read_only_by_the_credential_readers():
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path not in READERS
        for line in keyring_reads(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_check_sees_a_read_of_its_own():
    assert keyring_reads("password = self.secrets.get(SMTP_KEY)") == [1]
    assert keyring_reads("secrets.get(ftp_key(stored.uid))") == [1]
    assert keyring_reads("options.get('smtp')") == []
