#!/usr/bin/env python3
"""Refresh the translations: collect every tr() string into the .ts files, then compile
the .qm files.

    python tools/update_translations.py          # lupdate + lrelease
    python tools/update_translations.py --check  # fail if a .ts lacks a string or a
                                                 # translation (what the test checks too)

Translate new strings in resources/translations/desktop_app_de.ts (Qt Linguist:
``pyside6-linguist``), then run this again to compile. The source strings are English;
desktop_app_en.ts holds only their plural forms ("%n entry" / "%n entries"), which a
source string cannot carry: every other English message stays untranslated there and
shows as written in the code.
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
EN_TS_FILE = ROOT / "resources" / "translations" / "desktop_app_en.ts"
EN_QM_FILE = EN_TS_FILE.with_suffix(".qm")
EN_LANGUAGE = "en_GB"


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


def lupdate(ts_file: Path, language: str = LANGUAGE) -> None:
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
            language,
            "-ts",
            str(ts_file),
        ],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def lrelease(ts_file: Path, qm_file: Path) -> None:
    # Unfinished messages are left out: in English they show their source text.
    subprocess.run(
        [_tool("pyside6-lrelease"), "-nounfinished", str(ts_file), "-qm", str(qm_file)],
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
    return problems + check_english() + check_compiled()


def check_compiled() -> list[str]:
    """Each .qm holds its .ts's finished translations. A .qm is binary: a merge that takes
    one side's file keeps that side's translations, and the program then shows the other
    side's new texts untranslated though the .ts has them. Asked through QTranslator, not
    compared byte for byte: another lrelease may lay out the same catalogue differently."""
    from PySide6.QtCore import QTranslator

    problems: list[str] = []
    for ts_file, qm_file in ((TS_FILE, QM_FILE), (EN_TS_FILE, EN_QM_FILE)):
        translator = QTranslator()
        if not translator.load(str(qm_file)):
            problems.append(f"cannot load {qm_file.relative_to(ROOT)} (run this tool)")
            continue
        for context in ElementTree.parse(ts_file).getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                if _stale_in(translator, name, message):
                    source = message.findtext("source")
                    problems.append(
                        f"out of date: {qm_file.relative_to(ROOT)} lacks [{name}] {source!r} "
                        "(run this tool)"
                    )
    return problems


def _stale_in(translator, context: str, message: ElementTree.Element) -> bool:
    """Whether the compiled ``translator`` lacks the finished translation ``message``."""
    translation = message.find("translation")
    if translation is None or translation.get("type") is not None:
        return False  # unfinished ones are left out of the .qm on purpose
    source = message.findtext("source") or ""
    comment = message.findtext("comment")
    if message.get("numerus") == "yes":
        forms = [f.text or "" for f in translation.iter("numerusform")]
        # German and English: the first form for one, the second for every other number
        wanted = [(1, forms[0]), (2, forms[-1])] if forms else []
        return any(translator.translate(context, source, comment, n) != f for n, f in wanted)
    return translator.translate(context, source, comment) != (translation.text or "")


def check_english() -> list[str]:
    """Every plural message has its English singular and plural in desktop_app_en.ts."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh_en.ts"
        lupdate(fresh, EN_LANGUAGE)
        wanted = {m for m in _sources(ElementTree.parse(fresh)) if m in _plurals(fresh)}
    tree = ElementTree.parse(EN_TS_FILE)
    have = _sources(tree)
    problems += [f"not in the English .ts: [{c}] {s!r}" for c, s in sorted(wanted - have)]
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            if message.get("numerus") != "yes":
                continue
            translation = message.find("translation")
            forms = [f.text for f in translation.iter("numerusform")]
            if translation.get("type") is not None or len(forms) != 2 or not all(forms):
                problems.append(f"no English plural: [{name}] {message.findtext('source')!r}")
    return problems


def update_english() -> None:
    """desktop_app_en.ts: the code's plural messages only, their English forms kept."""
    known: dict[tuple[str, str], list[str]] = {}
    if EN_TS_FILE.exists():
        for context in ElementTree.parse(EN_TS_FILE).getroot().iter("context"):
            for message in context.iter("message"):
                forms = [f.text or "" for f in message.find("translation").iter("numerusform")]
                if all(forms):
                    known[(context.findtext("name"), message.findtext("source"))] = forms
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh_en.ts"
        lupdate(fresh, EN_LANGUAGE)
        tree = ElementTree.parse(fresh)
    root = tree.getroot()
    for context in list(root.iter("context")):
        name = context.findtext("name")
        for message in list(context.iter("message")):
            if message.get("numerus") != "yes":
                context.remove(message)
                continue
            forms = known.get((name, message.findtext("source")))
            if forms:
                translation = message.find("translation")
                translation.attrib.pop("type", None)
                for old in list(translation):
                    translation.remove(old)
                for text in forms:
                    ElementTree.SubElement(translation, "numerusform").text = text
        if context.find("message") is None:
            root.remove(context)
    ElementTree.indent(tree, space="    ")
    tree.write(EN_TS_FILE, encoding="utf-8", xml_declaration=True)


def _plurals(ts_file: Path) -> set[tuple[str, str]]:
    return {
        (context.findtext("name"), message.findtext("source"))
        for context in ElementTree.parse(ts_file).getroot().iter("context")
        for message in context.iter("message")
        if message.get("numerus") == "yes"
    }


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
    update_english()
    lrelease(EN_TS_FILE, EN_QM_FILE)
    problems = check()
    for problem in problems:
        print(problem)
    for ts in (TS_FILE, EN_TS_FILE):
        print(f"updated {ts.relative_to(ROOT)} and {ts.with_suffix('.qm').relative_to(ROOT)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
