"""A list too narrow for every column title: the cells decide the widths, so a column of
short values gives its room to one of long values, and a cut title says itself."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel

from desktop_app.ui.widgets.hint_table_view import HintTableView

from .helpers import settled

TITLES = ["Name", "A long title over short values", "Next run"]
ROWS = [["Zahlungen", "Ja", "07.12.2026 07:35"], ["Bank", "Nein", "08.12.2026 06:05"]]


def _view(qtbot, width: int) -> HintTableView:
    model = QStandardItemModel(0, len(TITLES))
    model.setHorizontalHeaderLabels(TITLES)
    for row in ROWS:
        model.appendRow([QStandardItem(text) for text in row])
    view = HintTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(width, 200)
    view.show()
    qtbot.waitExposed(view)
    return view


def _cells_fit_but_not_titles(view: HintTableView) -> bool:
    columns = range(len(TITLES))
    cells = sum(max(view.sizeHintForColumn(c), 0) for c in columns)
    return cells < view.viewport().width() < sum(view.content_width(c) for c in columns)


def test_short_values_leave_their_room_to_long_ones(qtbot):
    metrics_view = _view(qtbot, 900)
    full = sum(metrics_view.content_width(c) for c in range(len(TITLES)))
    cells = sum(metrics_view.sizeHintForColumn(c) for c in range(len(TITLES)))
    view = _view(qtbot, (full + cells) // 2)
    assert _cells_fit_but_not_titles(view)
    settled(qtbot, lambda: view.columnWidth(2))
    # Every value shows whole: the run times are not cut for the long title's sake.
    for column in range(len(TITLES)):
        assert view.columnWidth(column) >= view.sizeHintForColumn(column), TITLES[column]
    assert view.columnWidth(1) < view.content_width(1)  # the title is what is cut


def test_a_wide_list_shows_every_title(qtbot):
    view = _view(qtbot, 900)
    settled(qtbot, lambda: view.columnWidth(2))
    for column in range(len(TITLES)):
        assert view.columnWidth(column) >= view.content_width(column), TITLES[column]
