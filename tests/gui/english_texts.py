"""Collecting what a window shows, to find German that bypassed the catalogue in English."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QMenuBar,
    QTableView,
    QTabWidget,
    QWidget,
)

# Words and letters that English text does not have. Mandant, Filiale and Beraternummer
# included: English says client, branch and adviser number; so are the German formats'
# names (Offene Posten) and the German examples in placeholders and hints
# (Zahlungen, BUCHHALTUNG/IMPORTE/, buchhaltung@filiale.de, smtp.filialkette.de).
GERMAN = re.compile(
    r"[äöüÄÖÜß]|\b(?:der|die|das|und|nicht|bitte|wird|werden|ist|eine?|für|mit|oder|"
    r"Schnittstellen?|Rechnungen?|gebucht|Datei|Fehler|Zeile|Betrag|Mandanten?|Filialen?|"
    r"Beraternummer|Mandantennummer|Verwaltung|Speichern|Abbrechen|Läufe?|Verlauf|"
    r"Offene|Posten|Zahlungen|BUCHHALTUNG|IMPORTE|filiale|filialkette|steuerberater)\b|"
    r"buchhaltung@"
)
TAGS = re.compile(r"<[^>]+>")
ROWS_LOOKED_AT = 50


def german_in(text: str) -> str | None:
    """The first German word or letter in ``text``, or None."""
    match = GERMAN.search(TAGS.sub(" ", text or ""))
    return match.group(0) if match else None


def shown_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for everything ``root`` and its children show or say."""
    found: list[tuple[str, str]] = []

    def add(where: QWidget | QMenu, kind: str, text: object) -> None:
        if isinstance(text, str) and text:
            found.append((f"{type(where).__name__}:{where.objectName()}:{kind}", text))

    for widget in [root, *root.findChildren(QWidget)]:
        if widget.isWindow():
            add(widget, "title", widget.windowTitle())
        add(widget, "tooltip", widget.toolTip())
        add(widget, "accessible", widget.accessibleName())
        add(widget, "description", widget.accessibleDescription())
        if isinstance(widget, (QLabel, QAbstractButton)):
            add(widget, "text", widget.text())
        elif isinstance(widget, QLineEdit):
            add(widget, "placeholder", widget.placeholderText())
        elif isinstance(widget, QGroupBox):
            add(widget, "title", widget.title())
        elif isinstance(widget, QComboBox):
            for i in range(widget.count()):
                add(widget, "item", widget.itemText(i))
            add(widget, "placeholder", widget.placeholderText())
        elif isinstance(widget, QTabWidget):
            for i in range(widget.count()):
                add(widget, "tab", widget.tabText(i))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            _item_texts(widget, add)
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                _menu_texts(action.menu(), add)
    return found


def _item_texts(view: QAbstractItemView, add) -> None:
    model = view.model()
    # A list widget's model keeps its counts private: the view's header says, or 1.
    header = view.horizontalHeader() if isinstance(view, QTableView) else None
    columns = header.count() if header is not None else 1
    for column in range(columns):
        add(view, "header", model.headerData(column, Qt.Orientation.Horizontal))
        for row in range(ROWS_LOOKED_AT):
            index = model.index(row, column)
            if not index.isValid():
                break
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = index.data(role)
                if isinstance(value, str):
                    add(view, f"cell {row},{column}", value)


def _menu_texts(menu: QMenu | None, add) -> None:
    if menu is None:
        return
    add(menu, "title", menu.title())
    for action in menu.actions():
        add(menu, "action", action.text())
        add(menu, "action tooltip", action.toolTip())
        _menu_texts(action.menu(), add)


def german_texts(root: QWidget, allowed: tuple[str, ...] = ()) -> list[str]:
    """Every text of ``root`` with German in it (``allowed``: data, such as names)."""
    hits = []
    for where, text in shown_texts(root):
        plain = text
        for value in allowed:
            plain = plain.replace(value, "")
        word = german_in(plain)
        if word:
            hits.append(f"{where}: {word!r} in {text!r}")
    return hits
