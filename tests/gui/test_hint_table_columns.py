"""A list too narrow for every column title: the cells decide the widths, so a column of
short values gives its room to one of long values, and a cut title says itself."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel

from desktop_app.ui.widgets.hint_table_view import HintTableView

from .helpers import settled

TITLES = ["Name", "A long title over short values", "Next run"]
ROWS = [["Zahlungen", "Ja", "07.12.2026 07:35"], ["Bank", "Nein", "08.12.2026 06:05"]]


def _view(qtbot, width: int, rows: list[list[str]] = ROWS) -> HintTableView:
    model = QStandardItemModel(0, len(TITLES))
    model.setHorizontalHeaderLabels(TITLES)
    for row in rows:
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


def test_columns_kept_whole_are_cut_after_the_others(qtbot):
    rows = [["Zahlungen", "Wöchentlich an folgenden Tagen", "07.12.2026 07:35"]]
    wide = _view(qtbot, 900, rows)
    cells = [wide.sizeHintForColumn(c) for c in range(len(TITLES))]
    # Room for the name, the run time and a few letters of the long description.
    room = cells[0] + cells[2] + wide.fontMetrics().averageCharWidth() * 8 + 30
    shared = _view(qtbot, room, rows)
    settled(qtbot, lambda: shared.columnWidth(2))
    assert shared.columnWidth(2) < cells[2]  # shared out evenly, the run time is cut
    kept = _view(qtbot, room, rows)
    kept.keep_whole(2)
    settled(qtbot, lambda: kept.columnWidth(2))
    assert kept.columnWidth(2) >= cells[2]  # kept whole: the description gives way
    assert kept.columnWidth(1) < cells[1]
