"""The README and docs/ link only to files inside the repository, and those exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINK = re.compile(r"\]\(([^)\s]+)\)")
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_links_stay_inside_the_repository(document: Path):
    text = document.read_text(encoding="utf-8")
    # Also a path named in passing: a reader of the repository alone cannot follow it.
    assert "../shared" not in text and "`../" not in text
    for target in LINK.findall(text):
        if target.startswith(("http://", "https://", "mailto:", "#")):
            continue
        path = (document.parent / target.split("#")[0]).resolve()
        assert path.is_relative_to(ROOT), f"{document.name} leaves the repository: {target}"
        assert path.exists(), f"{document.name} links to a missing file: {target}"


def test_the_handbook_covers_every_import_type_and_guard():
    from desktop_app.domain.interface import ImportFormat

    text = (ROOT / "docs" / "handbuch.md").read_text(encoding="utf-8")
    for fmt in ImportFormat:
        assert fmt.label_de in text, fmt.label_de
    for guard in ("Datenzeilen", "Dateidatum", "Anteil offener Rechnungen"):
        assert guard in text


# The users' guide per UI language: the English one is a translation of the German one.
MANUALS = {"de": ROOT / "docs" / "handbuch.md", "en": ROOT / "docs" / "manual.md"}
HEADING = re.compile(r"^(#{1,6}) ")
MENU_PATH = re.compile(r"\*\*([^*]+→[^*]+)\*\*")
# Form fields the manuals do not describe on their own: the interval's sub-fields are named
# by the interval's choices.
UNDESCRIBED_FIELDS = {
    "interval.every_minutes",
    "interval.weekdays",
    "interval.day_of_month",
}


def _manual(lang: str) -> str:
    return MANUALS[lang].read_text(encoding="utf-8")


def _translate(lang: str):
    """The program's text for ``lang``: English is the source string itself."""
    from PySide6.QtCore import QTranslator

    from desktop_app.resources import translation_file

    if lang == "en":
        return lambda _context, text: text
    translator = QTranslator()
    assert translator.load(str(translation_file(lang)))
    return lambda context, text: translator.translate(context, text) or text


def _names(text: str, name: str) -> bool:
    """``name`` stands in ``text`` as whole words ("Tag" is not named by "Tage")."""
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def _headings(text: str) -> list[tuple[int, str]]:
    found, in_code = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and (match := HEADING.match(line)):
            found.append((len(match.group(1)), line[match.end() :].strip()))
    return found


def _shown(text: str) -> str:
    """A menu or button text as a person reads it: no mnemonic, no trailing "…"."""
    from desktop_app.ui.interface_form_texts import without_mnemonic

    return without_mnemonic(text).removesuffix(" …").removesuffix(":").strip()


@pytest.mark.parametrize("lang", sorted(MANUALS))
def test_each_manual_names_every_import_type_and_guard(lang):
    from desktop_app.domain.interface import ImportFormat

    text, tr = _manual(lang), _translate(lang)
    for fmt in ImportFormat:
        label = fmt.label_en if lang == "en" else fmt.label_de
        assert label in text, label
    for guard in ("Data rows", "File date", "Share of open invoices"):
        assert _names(text, tr("ImportPreviewResults", guard)), guard


@pytest.mark.parametrize("lang", sorted(MANUALS))
def test_each_manual_names_every_form_field_as_the_program_shows_it(lang):
    from desktop_app.ui.interface_form_texts import CONTEXT, FIELD_TEXTS, without_mnemonic

    text, tr = _manual(lang), _translate(lang)
    missing = [
        without_mnemonic(tr(CONTEXT, field.label))
        for key, field in FIELD_TEXTS.items()
        if key not in UNDESCRIBED_FIELDS
        and not _names(text, without_mnemonic(tr(CONTEXT, field.label)))
    ]
    assert missing == []
    headings = {title for _level, title in _headings(text)}
    groups = (
        "Configuration",
        "Execution details",
        "E-mail address for error reports",
        "Invoice numbers and checks",
    )
    for group in groups:
        assert tr(CONTEXT, group) in headings, group
    for choice in ("Hourly", "Daily", "Weekly on the following days", "Day of the month"):
        assert _names(text, tr(CONTEXT, choice)), choice


@pytest.mark.parametrize("lang", sorted(MANUALS))
def test_each_manuals_menu_paths_are_the_programs_words(lang):
    """**Menu → Entry** names each step exactly as the menus of that language show it."""
    import xml.etree.ElementTree as ET

    catalogue = ET.parse(ROOT / "resources" / "translations" / "desktop_app_de.ts")
    shown = {
        _shown(message.findtext("source" if lang == "en" else "translation") or "")
        for message in catalogue.iter("message")
    }
    paths = [" ".join(p.split()) for p in MENU_PATH.findall(_manual(lang))]
    assert len(paths) >= 10
    unknown = [p for p in paths for step in p.split(" → ") if _shown(step) not in shown]
    assert unknown == []


def test_both_manuals_have_the_same_headings_at_each_level():
    german, english = _headings(_manual("de")), _headings(_manual("en"))
    assert [level for level, _ in english] == [level for level, _ in german]
    assert english[0] == (1, "Manual: Accounting import via FTP")


def test_the_english_manual_is_english():
    """Some German words only where they are the file's own (columns, DATEV fields)."""
    text = _manual("en")
    for german in ("Schnittstelle", "Filiale", "Klärungsfall", "Verlauf", "Strg+", "Hilfe"):
        assert german not in text, german
