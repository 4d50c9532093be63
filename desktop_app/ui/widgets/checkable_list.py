"""A list of names with a checkbox each: the Mandant multi-selection."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget


class CheckableList(QListWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def set_names(self, names: Iterable[str]) -> None:
        """Replace the choices; what was checked and still exists stays checked."""
        keep = set(self.checked())
        self.blockSignals(True)
        self.clear()
        for name in names:
            item = QListWidgetItem(name, self)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in keep else Qt.CheckState.Unchecked)
        self.blockSignals(False)
        self.changed.emit()

    def names(self) -> list[str]:
        return [self.item(i).text() for i in range(self.count())]

    def set_checked(self, names: Iterable[str]) -> None:
        wanted = set(names)
        self.blockSignals(True)
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(
                Qt.CheckState.Checked if item.text() in wanted else Qt.CheckState.Unchecked
            )
        self.blockSignals(False)
        self.changed.emit()

    def checked(self) -> tuple[str, ...]:
        """The checked names, in list order (the catalogue's order, as the store keeps it)."""
        return tuple(
            self.item(i).text()
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        )
