#!/usr/bin/env python3
"""Refresh the translation: collect every tr() string into the .ts, then compile the .qm.

    python tools/update_translations.py          # lupdate + lrelease
    python tools/update_translations.py --check  # fail if the .ts lacks a string or a
                                                 # translation (what the test checks too)

Translate new strings in resources/translations/desktop_app_de.ts (Qt Linguist:
``pyside6-linguist``), then run this again to compile.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "desktop_app"
TS_FILE = ROOT / "resources" / "translations" / "desktop_app_de.ts"
QM_FILE = TS_FILE.with_suffix(".qm")
LANGUAGE = "de_DE"


def _tool(name: str) -> str:
    """The PySide6 tool next to this interpreter (a venv), else the one on PATH."""
    candidate = Path(sys.executable).with_name(name)
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found; install PySide6 (pip install PySide6-Essentials)")
    return found


def source_files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in SOURCES.rglob("*.py"))


def lupdate(ts_file: Path) -> None:
    """Write every translatable string of desktop_app/ into ``ts_file`` (kept translations
    stay; strings no longer in the code are dropped)."""
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *source_files(),
            "-no-obsolete",
            "-locations",
            "none",  # line numbers would make every unrelated edit a .ts change
            "-target-language",
            LANGUAGE,
            "-ts",
            str(ts_file),
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def check() -> list[str]:
    """What is missing: untranslated messages, and strings the code has but the .ts lacks."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.ts"
        lupdate(fresh)
        wanted = _sources(ElementTree.parse(fresh))
    tree = ElementTree.parse(TS_FILE)
    have = _sources(tree)
    problems += [f"not in the .ts: [{c}] {s!r}" for c, s in sorted(wanted - have)]
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            texts = (
                [f.text for f in translation.iter("numerusform")]
                if message.get("numerus") == "yes"
                else [translation.text]
            )
            if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(texts):
                problems.append(f"untranslated: [{name}] {message.findtext('source')!r}")
    return problems


def _sources(tree: ElementTree.ElementTree) -> set[tuple[str, str]]:
    return {
        (context.findtext("name"), message.findtext("source"))
        for context in tree.getroot().iter("context")
        for message in context.iter("message")
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report what is missing")
    args = parser.parse_args()
    if args.check:
        problems = check()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    lupdate(TS_FILE)
    lrelease(TS_FILE, QM_FILE)
    problems = check()
    for problem in problems:
        print(problem)
    print(f"updated {TS_FILE.relative_to(ROOT)} and {QM_FILE.relative_to(ROOT)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
