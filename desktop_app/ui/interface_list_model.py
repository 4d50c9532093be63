"""The interface list: a table model over the stored interfaces, and its search filter."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from ..store.interfaces import StoredInterface

NAME, BRANCH, COMPUTER, IMPORT_FORMAT, INTERVAL, ENABLED = range(6)

# The stored interface of a row, for the view and the filter.
INTERFACE_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class InterfaceListModel(QAbstractTableModel):
    def __init__(self, lang: str = "de", parent: QObject | None = None):
        super().__init__(parent)
        self._lang = lang
        self._rows: list[StoredInterface] = []

    def set_interfaces(self, interfaces: list[StoredInterface]) -> None:
        self.beginResetModel()
        self._rows = list(interfaces)
        self.endResetModel()

    def interface_at(self, row: int) -> StoredInterface:
        return self._rows[row]

    def row_of(self, name: str) -> int | None:
        for row, stored in enumerate(self._rows):
            if stored.settings.name == name:
                return row
        return None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Name"),
            self.tr("Branch"),
            self.tr("Computer"),
            self.tr("Import type"),
            self.tr("Interval"),
            self.tr("Active"),
        )[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        stored = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(stored, index.column())
        if role == INTERFACE_ROLE:
            return stored
        if role == Qt.ItemDataRole.ForegroundRole and not stored.settings.enabled:
            # Inactive interfaces are greyed, so the eye finds the ones that run.
            return QApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None

    def _text(self, stored: StoredInterface, column: int) -> str:
        s = stored.settings
        en = self._lang == "en"
        if column == NAME:
            return s.name
        if column == BRANCH:
            return s.branch or self.tr("all branches")
        if column == COMPUTER:
            return s.workstation or ""
        if column == IMPORT_FORMAT:
            if s.import_format is None:
                return ""
            return s.import_format.label_en if en else s.import_format.label_de
        if column == INTERVAL:
            text = s.interval.describe_en() if en else s.interval.describe_de()
            return f"{text}, {s.run_time:%H:%M}" if s.run_time is not None else text
        return self.tr("Yes") if s.enabled else self.tr("No")

    def search_texts(self, row: int) -> tuple[str, ...]:
        """What the search box looks in: name, branch, computer, import type."""
        stored = self._rows[row]
        s = stored.settings
        return (s.name, s.branch or "", s.workstation or "", self._text(stored, IMPORT_FORMAT))


class InterfaceFilterModel(QSortFilterProxyModel):
    """Search text (case-insensitive, in name/branch/computer/import type) and the
    "Mit Arbeitsplatzeinstellungen" filter."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._search = ""
        self._workstation_only = False
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortLocaleAware(True)  # umlauts sort where a German reader expects them

    def set_search(self, text: str) -> None:
        self._begin_filter_change()
        self._search = text.strip().casefold()
        self._end_filter_change()

    def set_workstation_only(self, on: bool) -> None:
        self._begin_filter_change()
        self._workstation_only = on
        self._end_filter_change()

    # beginFilterChange/endFilterChange replace invalidateRowsFilter from Qt 6.9 on.
    def _begin_filter_change(self) -> None:
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()

    def _end_filter_change(self) -> None:
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, InterfaceListModel)
        if self._workstation_only and not model.interface_at(source_row).settings.workstation_bound:
            return False
        if not self._search:
            return True
        return any(self._search in text.casefold() for text in model.search_texts(source_row))
