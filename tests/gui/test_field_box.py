"""A field's warning line keeps its room while the warning gets shorter."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from desktop_app.ui.widgets.field_box import FieldBox

from .helpers import settled

LONG = (
    "Die Schnittstelle „Zahlungen“ holt mit einem anderen Benutzer Dateien dieses Namens "
    "aus einem gleichnamigen Ordner dieses Servers; falls beide Konten dasselbe Verzeichnis "
    "sehen, würden beide Läufe dieselben Dateien holen."
)
SHORT = "Die Schnittstelle „Zahlungen“ holt schon Dateien dieses Namens."


def _box_above_a_field(qtbot) -> tuple[QWidget, FieldBox, QLineEdit]:
    """A page with a field box and a line edit below it, whose position shows the box's
    height (the page is returned to keep it, and so its children, alive)."""
    page = QWidget()
    layout = QVBoxLayout(page)
    box = FieldBox(QLineEdit())
    below = QLineEdit()
    layout.addWidget(box)
    layout.addWidget(below)
    layout.addStretch()
    qtbot.addWidget(page)
    page.resize(300, 400)
    page.show()
    qtbot.waitExposed(page)
    return page, box, below


def test_a_warning_answered_before_the_layout_ran_keeps_its_room(qtbot):
    """A check may answer twice before the layout's next turn (typing fast on a busy
    computer): the shorter warning must keep the room the longer one needs, not the room
    the layout had given the line before."""
    _page, box, below = _box_above_a_field(qtbot)
    box.set_warning(SHORT)
    settled(qtbot, below.y)
    box.set_warning(LONG)  # no event loop turn in between
    box.set_warning(SHORT)
    short_y = settled(qtbot, below.y)
    box.set_warning(LONG)
    assert settled(qtbot, below.y) == short_y


def test_another_interface_starts_without_the_room_of_the_warning_before(qtbot):
    """``forget_room`` while a warning shows: the next check, answering before the
    layout's next turn, must not take the old warning's height as room to keep."""
    _page, box, below = _box_above_a_field(qtbot)
    box.set_hint(SHORT)
    hint_y = settled(qtbot, below.y)
    box.set_warning(LONG)
    assert settled(qtbot, below.y) > hint_y
    box.forget_room()
    box.set_warning("")  # the next interface's check: nothing to warn about
    assert settled(qtbot, below.y) == hint_y

    box.set_warning(SHORT)
    short_y = settled(qtbot, below.y)
    box.forget_room()
    box.set_warning(LONG)
    settled(qtbot, below.y)
    box.forget_room()
    box.set_warning(SHORT)  # the next interface's check, and the list's re-read checking
    box.set_warning(SHORT)  # again before the layout's next turn
    assert settled(qtbot, below.y) == short_y
