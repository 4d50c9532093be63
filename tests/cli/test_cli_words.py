"""Every word the command line says to a person goes through its catalogue (``texts``):
a text literal handed straight to ``print``, ``CliError``, ``invalid`` or an argparse
``help``/``description`` would show English to a German user. Data (tab-separated rows,
numbers, names) carries no words of its own and passes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

CLI = Path(__file__).resolve().parents[2] / "desktop_app" / "cli"
SPEAKING_CALLS = {"print", "CliError", "invalid", "_fail"}
SPEAKING_KEYWORDS = {"help", "description", "epilog"}
WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{2,}")


def literal_words(node: ast.AST) -> str | None:
    """The words a text literal (or an f-string's literal parts) says itself, or None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = " ".join(
            v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str)
        )
    elif isinstance(node, ast.BinOp):  # "a" + "b", "x %s" % y
        return literal_words(node.left) or literal_words(node.right)
    else:
        return None
    text = text.replace("desktop-app", "")  # the program's name is no word to translate
    return text if WORD.search(text) else None


def untranslated(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        candidates = list(node.args[:1]) if name in SPEAKING_CALLS else []
        candidates += [k.value for k in node.keywords if k.arg in SPEAKING_KEYWORDS]
        for candidate in candidates:
            words = literal_words(candidate)
            if words is not None:
                found.append(f"{path.name}:{candidate.lineno}: {words!r}")
    return found


MODULES = sorted(CLI.glob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_the_command_line_says_nothing_past_its_catalogue(path):
    assert untranslated(path) == []


def test_the_check_sees_a_literal(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'print(f"{n} created")\n'
        'raise CliError("no such thing")\n'
        'print(f"{a}\\t{b}")\n'
        'p.add_argument("--x", help=translate("Cli", "fine"))\n',
        encoding="utf-8",
    )
    assert untranslated(sample) == ["sample.py:1: ' created'", "sample.py:2: 'no such thing'"]
