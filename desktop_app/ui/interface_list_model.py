"""The interface list: a table model over the stored interfaces, and its search filter."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QObject,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QApplication

from ..domain.eligibility import Eligibility
from ..resources import icon_file
from .interface_columns import (  # re-exported: the views import them from here
    BRANCH,
    COMPUTER,
    IMPORT_FORMAT,
    INTERVAL,
    LAST_RUN,
    NAME,
    NEXT_RUN,
)
from .money_text import short_time_text
from .next_run_texts import no_next_run_text
from .row_table_model import Index, RowTableModel

if TYPE_CHECKING:  # the main window paints before these (and SQLAlchemy) are loaded
    from ..jobs.scheduler import NextRun, StaleInfo
    from ..store.interfaces import StoredInterface
    from ..store.last_runs import LastRun

# The stored interface of a row, for the view and the filter.
INTERFACE_ROLE = Qt.ItemDataRole.UserRole + 1
# What the list sorts by: the text, but instants as ISO strings (dd.MM. would sort wrong).
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

NO_TIME = "—"
RUN_STATUS_ICONS = {
    "ok": "run-ok.svg",
    "failed": "run-failed.svg",
    "skipped": "run-skipped.svg",
    "cancelled": "run-skipped.svg",
    "running": "run-running.svg",
}
STALE_ICON = "run-stale.svg"
NO_RUNNER_ICON = "password-nowhere.svg"  # in the Rechner column: no computer can run it


def list_time(instant: datetime) -> str:
    """An instant as the list shows it: local time, day, month and time."""
    return short_time_text(instant)


@functools.cache  # the view asks for icons on every paint
def run_icon(file_name: str) -> QIcon:
    return QIcon(str(icon_file(file_name)))


def status_icon(status: str) -> QIcon:
    name = RUN_STATUS_ICONS.get(status)
    return run_icon(name) if name else QIcon()


class InterfaceListModel(RowTableModel["StoredInterface"]):
    def __init__(self, lang: str = "de", parent: QObject | None = None):
        super().__init__(parent)
        self._lang = lang
        self._headers = (
            self.tr("Name"),
            self.tr("Branch"),
            self.tr("Computer"),
            self.tr("Import type"),
            self.tr("Interval"),
            self.tr("Active"),
            self.tr("Next run"),
            self.tr("Last run"),
        )
        # What the scheduler and the runs say; kept across reloads of the rows.
        self._next_runs: dict[str, NextRun] = {}
        self._last_runs: dict[int, LastRun] = {}
        self._stale: dict[int, StaleInfo] = {}
        self._running: set[str] = set()

    def set_interfaces(self, interfaces: list[StoredInterface]) -> None:
        self.set_rows(interfaces)

    def interface_at(self, row: int) -> StoredInterface:
        return self.row_at(row)

    def row_of(self, name: str) -> int | None:
        for row, stored in enumerate(self._rows):
            if stored.settings.name == name:
                return row
        return None

    def set_next_runs(self, next_runs: Mapping[str, NextRun]) -> None:
        """From the scheduler's ``next_runs_changed``: name -> next run, or why none."""
        self._next_runs = dict(next_runs)
        self._column_changed(NEXT_RUN)

    def _due(self, name: str) -> datetime | None:
        due = self._next_runs.get(name)
        return due if isinstance(due, datetime) else None

    def no_next_run_text(self, row: int) -> str:
        """Why the row's interface has no next run on this computer; "" when it has one or
        the scheduler gave no reason."""
        stored = self._rows[row]
        reason = self._next_runs.get(stored.settings.name)
        if not isinstance(reason, Eligibility):
            return ""
        return no_next_run_text(reason, stored, self._lang)

    def set_last_runs(self, last_runs: dict[int, LastRun]) -> None:
        self._last_runs = dict(last_runs)
        self._column_changed(LAST_RUN)

    def set_stale(self, stale: list[StaleInfo]) -> None:
        """From the scheduler's ``stale_changed``: the interfaces without a recent success."""
        self._stale = {info.interface_id: info for info in stale}
        self._rows_changed()

    def set_running(self, name: str, running: bool) -> None:
        if running:
            self._running.add(name)
        else:
            self._running.discard(name)
        self._column_changed(LAST_RUN)

    def stale_text(self, row: int) -> str:
        """The row's staleness warning, "" when it is not stale."""
        info = self._stale.get(self._rows[row].id)
        if info is None:
            return ""
        if info.never_succeeded:
            return self.tr("No successful run since {time} (set up or released)").format(
                time=list_time(info.since)
            )
        return self.tr("No successful run since {time}").format(time=list_time(info.since))

    def no_runner_text(self, row: int) -> str:
        """Why no computer runs the row's interface for want of its password; "" if one can."""
        stored = self._rows[row]
        workstation = stored.settings.workstation
        if not stored.password_coverage.nobody_can_run(workstation):
            return ""
        if workstation:
            return self.tr(
                "Does not run: “{name}” does not hold the current password. Enter it there."
            ).format(name=workstation)
        return self.tr(
            "Does not run: no computer holds the current password. Enter it on the computer "
            "that is to run the interface."
        )

    def _column_changed(self, column: int) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def _rows_changed(self) -> None:
        if self._rows:
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        stored = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(stored, index.column())
        if role == INTERFACE_ROLE:
            return stored
        if role == SORT_ROLE:
            return self._sort_key(stored, index.column())
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(stored, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(index.row(), index.column()) or None
        if role == Qt.ItemDataRole.ForegroundRole and not stored.settings.enabled:
            # Inactive interfaces are greyed, so the eye finds the ones that run.
            return QApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None

    def _text(self, stored: StoredInterface, column: int) -> str:
        s = stored.settings
        en = self._lang == "en"
        if column == NEXT_RUN:
            due = self._due(s.name)
            return list_time(due) if due is not None else NO_TIME
        if column == LAST_RUN:
            return self._last_run_text(stored)
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

    def _last_run_text(self, stored: StoredInterface) -> str:
        if stored.settings.name in self._running:
            return self.tr("running …")
        last = self._last_runs.get(stored.id)
        if last is None:
            return NO_TIME
        status = {
            "ok": self.tr("ok"),
            "failed": self.tr("failed"),
            "skipped": self.tr("skipped"),
            "cancelled": self.tr("cancelled"),
        }.get(last.status, last.status)
        return f"{list_time(last.at)} {status}"

    def _icon(self, stored: StoredInterface, column: int) -> QIcon | None:
        if column == NAME and stored.id in self._stale:
            return run_icon(STALE_ICON)
        if column == COMPUTER and stored.password_coverage.nobody_can_run(
            stored.settings.workstation
        ):
            return run_icon(NO_RUNNER_ICON)
        if column == LAST_RUN:
            if stored.settings.name in self._running:
                return status_icon("running")
            last = self._last_runs.get(stored.id)
            return status_icon(last.status) if last is not None else None
        return None

    def _tooltip(self, row: int, column: int) -> str:
        lines = [self.stale_text(row)]
        if column == COMPUTER:
            lines.append(self.no_runner_text(row))
        if column == NEXT_RUN:
            lines.append(self.no_next_run_text(row))
        last = self._last_runs.get(self._rows[row].id)
        if column == LAST_RUN and last is not None and last.error:
            lines.append(last.error_text(self._lang))
        return "\n".join(line for line in lines if line)

    def _sort_key(self, stored: StoredInterface, column: int) -> str:
        if column == NEXT_RUN:
            due = self._due(stored.settings.name)
            return due.astimezone().isoformat() if due is not None else "9999"  # none: last
        if column == LAST_RUN:
            last = self._last_runs.get(stored.id)
            return last.at.astimezone().isoformat() if last is not None else ""
        return self._text(stored, column)

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
        self.setSortRole(SORT_ROLE)
        self.setSortLocaleAware(True)  # umlauts sort where a German reader expects them

    def set_search(self, text: str) -> None:
        self._begin_filter_change()
        self._search = text.strip().casefold()
        self._end_filter_change()

    def filters(self) -> bool:
        """Whether the search or the filter may hide a row."""
        return bool(self._search) or self._workstation_only

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

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, InterfaceListModel)
        if self._workstation_only and not model.interface_at(source_row).settings.workstation_bound:
            return False
        if not self._search:
            return True
        return any(self._search in text.casefold() for text in model.search_texts(source_row))
