"""A list too narrow for every column title: the cells decide the widths, so a column of
short values gives its room to one of long values, and a cut title says itself. Narrower
still, the columns kept whole are cut last but for the name's minimum."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel

from desktop_app.ui.widgets.column_widths import ColumnNeeds, FitRules, fit_or_hide, fit_widths
from desktop_app.ui.widgets.hint_table_view import HintTableView

from .helpers import settled

TITLES = ["Name", "A long title over short values", "Next run"]
ROWS = [["Zahlungen", "Ja", "07.12.2026 07:35"], ["Bank", "Nein", "08.12.2026 06:05"]]


def _view(
    qtbot, width: int, rows: list[list[str]] = ROWS, titles: list[str] = TITLES
) -> HintTableView:
    model = QStandardItemModel(0, len(titles))
    model.setHorizontalHeaderLabels(titles)
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


LIST_TITLES = ["Name", "Filiale", "Importart", "Intervall", "Nächster Lauf", "Letzter Lauf"]
LIST_ROW = [
    "Kontoauszug Sparkasse Hörakustik Mitte",
    "alle Filialen",
    "Geschlossene Posten",
    "Wöchentlich: Mo, Do, 07:30",
    "08.12. 06:35",
    "07.12. 06:35 fehlgeschlagen",
]
NEXT, LAST = 4, 5


def _run_list(qtbot, width: int) -> HintTableView:
    """A list whose columns share ``width`` (less the frame and the row numbers)."""
    view = _view(qtbot, width, [LIST_ROW], LIST_TITLES)
    view.keep_whole(NEXT, LAST)
    view.resize(2 * width - view.viewport().width(), view.height())
    qtbot.waitUntil(lambda: view.viewport().width() == width)
    settled(qtbot, lambda: [view.columnWidth(c) for c in range(len(LIST_TITLES))])
    return view


def _cells(qtbot) -> list[int]:
    wide = _view(qtbot, 1600, [LIST_ROW], LIST_TITLES)
    return [wide.sizeHintForColumn(c) for c in range(len(LIST_TITLES))]


def test_the_kept_columns_stay_whole_while_the_name_has_more_than_its_minimum(qtbot):
    cells = _cells(qtbot)
    probe = _view(qtbot, 300, [LIST_ROW], LIST_TITLES)
    metrics, header = probe.fontMetrics(), probe.horizontalHeader()
    a_few_letters = header.minimumSectionSize() + metrics.averageCharWidth() * 2
    # The run times, 16 letters of the name and a letter or two of each of the others:
    # a long name no longer keeps its 40 % of the width before the run times.
    room = cells[NEXT] + cells[LAST] + metrics.horizontalAdvance(LIST_ROW[0][:16]) + 12
    view = _run_list(qtbot, room + 3 * a_few_letters)
    assert view.columnWidth(NEXT) >= cells[NEXT]
    assert view.columnWidth(LAST) >= cells[LAST]
    assert view.horizontalScrollBar().maximum() == 0
    model = view.model()
    assert view.is_elided(model.index(0, 0))
    assert view.columnWidth(0) >= metrics.horizontalAdvance("x" * 12)  # about 12 letters
    for column in (1, 2, 3):
        assert header.minimumSectionSize() <= view.columnWidth(column) < cells[column]


def test_too_narrow_for_the_kept_columns_the_widest_gives_way_first(qtbot):
    cells = _cells(qtbot)
    probe = _view(qtbot, 300, [LIST_ROW], LIST_TITLES)
    twelve_letters = probe.fontMetrics().horizontalAdvance("x" * 12)
    squeezed = 3 * probe.horizontalHeader().minimumSectionSize()
    view = _run_list(qtbot, twelve_letters + cells[NEXT] + cells[LAST] - 40 + squeezed)
    assert view.columnWidth(0) >= twelve_letters  # the name still tells the rows apart
    assert view.columnWidth(NEXT) >= cells[NEXT]
    assert view.columnWidth(LAST) < cells[LAST]
    # The last run's time still shows; its status is the icon's in the real list.
    assert view.columnWidth(LAST) >= probe.fontMetrics().horizontalAdvance("07.12. 06:35 …")


def _needs(*cells: int) -> dict[int, ColumnNeeds]:
    return {c: ColumnNeeds(width, width) for c, width in enumerate(cells)}


RULES = FitRules(squeezed=20, minimum=40, first_minimum=100, first_share=0.4)


def test_columns_too_narrow_to_read_are_left_out_the_rightmost_first():
    needs = _needs(200, 80, 80, 80, 90)
    readable = dict.fromkeys(range(5), 60)
    widths, hidden = fit_or_hide(needs, [0, 1, 2, 3, 4], 380, frozenset({4}), RULES, readable)
    # Column 3 left out frees enough for 1 and 2; the name and the kept one stay.
    assert hidden == [3]
    assert set(widths) == {0, 1, 2, 4}
    assert all(widths[c] >= 60 for c in (1, 2))
    assert sum(widths.values()) <= 380


def test_with_room_nothing_is_left_out_and_the_widths_are_fit_widths():
    needs = _needs(200, 80, 80, 80, 90)
    readable = dict.fromkeys(range(5), 60)
    order, whole = [0, 1, 2, 3, 4], frozenset({4})
    widths, hidden = fit_or_hide(needs, order, 600, whole, RULES, readable)
    assert hidden == []
    assert widths == fit_widths(needs, order, 600, whole, RULES)


def test_the_first_column_and_the_kept_ones_are_never_left_out():
    needs = _needs(200, 80, 90)
    readable = dict.fromkeys(range(3), 500)
    widths, hidden = fit_or_hide(needs, [0, 1, 2], 150, frozenset({2}), RULES, readable)
    assert hidden == [1]
    assert set(widths) == {0, 2}


def test_a_kept_column_keeps_its_title_before_another_column_is_shown():
    """Run times all "—" need little room, but their title is what says what they are: a
    column the list could do without gives way before it is cut."""
    needs = {0: ColumnNeeds(150, 150), 1: ColumnNeeds(80, 80), 2: ColumnNeeds(20, 95)}
    readable = dict.fromkeys(range(3), 60)
    order, whole = [0, 1, 2], frozenset({2})
    assert fit_widths(needs, order, 270, whole, RULES)[2] < 95  # cut, with column 1 shown
    widths, hidden = fit_or_hide(needs, order, 270, whole, RULES, readable)
    assert hidden == [1]
    assert widths[2] >= 95


def test_a_view_that_does_not_opt_in_cuts_rather_than_hides(qtbot):
    view = _view(qtbot, 120, [LIST_ROW], LIST_TITLES)
    settled(qtbot, lambda: [view.columnWidth(c) for c in range(len(LIST_TITLES))])
    assert view.fit_hidden() == frozenset()
    header = view.horizontalHeader()
    assert not any(header.isSectionHidden(c) for c in range(len(LIST_TITLES)))


def test_the_saved_header_counts_the_columns_hidden_for_room_as_shown(qtbot):
    """The next start may be wider: what the fitting hid is no choice of the user's, so
    the state remembered shows it, while the list on screen keeps it hidden."""
    view = _view(qtbot, 330, [LIST_ROW], LIST_TITLES)
    view.keep_whole(NEXT, LAST)
    view.hide_unreadable()
    qtbot.waitUntil(lambda: bool(view.fit_hidden()))
    hidden, header = view.fit_hidden(), view.horizontalHeader()
    state = view.header_state()
    assert all(header.isSectionHidden(c) for c in hidden)
    assert view.fit_hidden() == hidden

    wide = _view(qtbot, 1200, [LIST_ROW], LIST_TITLES)
    wide.hide_unreadable()
    assert wide.horizontalHeader().restoreState(state)
    assert not any(wide.horizontalHeader().isSectionHidden(c) for c in range(len(LIST_TITLES)))
