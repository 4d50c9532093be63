"""A 1024×768 screen: the form goes to one column instead of scrolling sideways, the list
fits its columns without a scroll bar (cut cells say their full text), every dialog can
be that small, the Test's results scroll into view, and the layout holds still while
typing."""

# ruff: noqa: F811 (pytest hands the imported server fixtures to the tests by name)
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from desktop_app.domain import validation as v
from desktop_app.domain.interface import Protocol

from ..integration.conftest import PASSWORD, USER, ftp_root, serve_ftp  # noqa: F401
from .helpers import settled, type_into, wait_idle

SMALL = (1024, 768)
ROOM = (1024 - 16, 768 - 48)  # less a window frame and a task bar
NAMES = ["Zahlungen Steuerberater", "Kontoauszug Sparkasse Hörakustik Mitte", "DATEV OPOS"]


@pytest.fixture
def small_window(make_window, no_keyring_editor, sample_settings, qtbot):
    repository = no_keyring_editor.repository
    for name in NAMES:
        repository.save(sample_settings.with_changes(name=name))
    window = make_window(no_keyring_editor)
    window.resize(*SMALL)
    window.splitter.setSizes(window._default_split())
    qtbot.waitUntil(lambda: window.width() == SMALL[0])
    window.select_interface(NAMES[0])
    # The list fits its columns to the new width on a later turn of the event loop.
    qtbot.waitUntil(lambda: list_fits(window.view))
    return window


def list_fits(view) -> bool:
    """The list's columns take no more than its width: no scroll bar to the side."""
    header = view.horizontalHeader()
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    columns = sum(header.sectionSize(c) for c in shown)
    return columns <= view.viewport().width() and view.horizontalScrollBar().maximum() == 0


def test_the_form_goes_to_one_column_instead_of_scrolling_sideways(small_window, qtbot):
    form = small_window.form
    assert form.is_one_column()
    assert form.scroll_area.horizontalScrollBar().maximum() == 0
    small_window.resize(1280, 800)
    small_window.splitter.setSizes([360, 920])
    qtbot.waitUntil(lambda: not form.is_one_column())
    assert form.scroll_area.horizontalScrollBar().maximum() == 0


def test_the_open_item_checks_never_make_the_form_scroll_sideways(small_window, qtbot):
    """Their long texts widen the left column: at 1280×800 with the window's default
    split, the form goes to one column rather than scroll."""
    from desktop_app.domain.interface import ImportFormat

    from .helpers import choose

    form = small_window.form
    small_window.resize(1280, 800)
    small_window.splitter.setSizes(small_window._default_split())
    qtbot.waitUntil(lambda: small_window.width() == 1280)
    wait_idle(qtbot)
    choose(form.format_combo, ImportFormat.OPEN_ITEMS.value)
    wait_idle(qtbot)
    assert form.field_box(v.GUARD_MAX_SHARE).isVisibleTo(form)
    # The scroll area learns its widget's new minimum width over a few layout turns.
    assert settled(qtbot, form.scroll_area.horizontalScrollBar().maximum) == 0


def test_the_list_fits_its_columns_and_cut_cells_say_their_text(small_window, qtbot):
    view = small_window.view
    qtbot.waitUntil(lambda: view.horizontalScrollBar().maximum() == 0)
    model = view.model()
    cut = [
        model.index(row, column)
        for row in range(model.rowCount())
        for column in range(model.columnCount())
        if view.is_elided(model.index(row, column))
    ]
    for index in cut:
        assert view.cell_tooltip(index).startswith(str(index.data())), index.data()
    # The name is cut last: it shows in full while the others make room.
    name_column = min(range(model.columnCount()), key=view.horizontalHeader().visualIndex)
    assert view.columnWidth(name_column) >= view.fontMetrics().horizontalAdvance(NAMES[0])


def _with_run_times(window, db, qtbot) -> None:
    """Every row with its last and next run, as on a working day."""
    from datetime import UTC, datetime

    from desktop_app.store.schedule_state import ScheduleStateRepository

    panel = window.panel
    states = ScheduleStateRepository(db)
    ran, due = datetime(2026, 12, 7, 6, 35, tzinfo=UTC), datetime(2026, 12, 8, 6, 35, tzinfo=UTC)
    for row in range(panel.model.rowCount()):
        states.record_slot_finished(panel.model.interface_at(row).id, None, "ok", ran)
    window.runs.refresh_last_runs()
    panel.model.set_next_runs(dict.fromkeys(NAMES, due))
    wait_idle(qtbot)


def test_the_run_times_show_whole_and_the_long_name_gives_way(small_window, db, qtbot):
    """Did the import run, when is the next: what staff look for first. In a 1024 pixel
    window the long name is cut for the run times, not they for it."""
    from desktop_app.ui.interface_columns import LAST_RUN, NAME, NEXT_RUN

    panel = small_window.panel
    _with_run_times(small_window, db, qtbot)
    view, model = small_window.view, small_window.view.model()
    assert all(model.index(r, LAST_RUN).data() != "—" for r in range(model.rowCount()))
    settled(qtbot, lambda: [view.columnWidth(c) for c in range(model.columnCount())])
    assert view.horizontalScrollBar().maximum() == 0
    for row in range(model.rowCount()):
        for column in (NEXT_RUN, LAST_RUN):
            assert not view.is_elided(model.index(row, column)), model.index(row, column).data()
    longest = panel.visible_names().index(NAMES[1])
    assert view.is_elided(model.index(longest, NAME))  # its tooltip says the rest
    # Still long enough to tell the names apart.
    assert view.columnWidth(NAME) >= view.fontMetrics().horizontalAdvance("Kontoauszug …")


def _dialogs(window):
    yield window.show_history(NAMES[0])
    yield window.open_import_preview()
    yield window.open_invoices()
    yield window.open_smtp_dialog()
    admin = window.administration
    yield admin.open_catalog()
    yield admin.open_audit_log()


def test_column_titles_cut_by_a_narrow_list_say_themselves_as_tooltips(small_window):
    view = small_window.view
    model = view.model()
    header = view.horizontalHeader()
    horizontal = Qt.Orientation.Horizontal
    cut = [c for c in range(header.count()) if header.sectionSize(c) < view.content_width(c)]
    assert cut, "a 1024 pixel list cuts some titles"
    for column in range(header.count()):
        title = model.headerData(column, horizontal)
        assert model.headerData(column, horizontal, Qt.ItemDataRole.ToolTipRole) == title


def test_every_dialog_fits_a_small_screen(small_window, qtbot):
    screen = small_window.screen().availableGeometry()
    too_big = []
    for dialog in _dialogs(small_window):
        wait_idle(qtbot)
        name = type(dialog).__name__
        least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        if least.width() > ROOM[0] or least.height() > ROOM[1]:
            too_big.append(f"{name} needs {least.width()}×{least.height()}")
        # No larger than the screen (this one may be smaller than its least size).
        room = screen.size().expandedTo(least)
        if dialog.width() > room.width() or dialog.height() > room.height():
            too_big.append(f"{name} opens {dialog.width()}×{dialog.height()}")
        dialog.close()
    assert too_big == []


def test_the_smtp_password_field_is_never_squeezed(small_window, qtbot):
    dialog = small_window.open_smtp_dialog()
    wait_idle(qtbot)
    dialog.resize(dialog.width(), 120)  # far too little room
    field = dialog.password_field
    edit = field.line_edit()
    settled(qtbot, lambda: (dialog.height(), edit.height()))
    # Qt's height-for-width rounding may cost a pixel; a squeezed field lost half of it.
    assert edit.height() >= edit.sizeHint().height() - 1
    state = field.findChild(QLabel, "passwordState")
    assert state.height() >= state.heightForWidth(state.width()) - 1
    assert dialog.height() > 120  # it refused to be that small
    dialog.close()


def test_the_test_results_scroll_into_view(small_window, qtbot, serve_ftp):
    server = serve_ftp()
    form = small_window.form
    form.protocol_combo.setCurrentIndex(form.protocol_combo.findData(Protocol.FTP.value))
    type_into(qtbot, form.host_edit, server.host)
    type_into(qtbot, form.port_edit, str(server.port))
    type_into(qtbot, form.user_edit, USER)
    type_into(qtbot, form.password_field.line_edit(), "falsch")
    form.scroll_area.verticalScrollBar().setValue(0)  # the top of the form in view
    panel = form.ftp_test
    with qtbot.waitSignal(panel.finished, timeout=30000):
        panel.test_button.click()
    failed = panel.steps_view.row_widget("login")
    top = settled(qtbot, lambda: failed.mapTo(form.scroll_area.viewport(), QPoint(0, 0)).y())
    assert top >= 0 and top + failed.height() <= form.scroll_area.viewport().height()


def _y(widget, form, qtbot) -> int:
    return settled(qtbot, lambda: widget.mapTo(form, QPoint(0, 0)).y())


def test_typing_moves_no_field_below(small_window, qtbot):
    form = small_window.form
    below = form.date_subdirectories_check
    before = _y(below, form, qtbot)
    form.directory_edit.clear()
    for char in "IMPORTE":
        qtbot.keyClick(form.directory_edit, char)
        assert _y(below, form, qtbot) == before, form.directory_edit.text()
    assert "„/“" in form.message_for(v.FTP_DIRECTORY)  # the rule, red now, in its place
    qtbot.keyClick(form.directory_edit, "/")
    assert _y(below, form, qtbot) == before


def test_a_corrected_field_keeps_its_messages_room_until_the_next_save(small_window, qtbot):
    form = small_window.form
    type_into(qtbot, form.host_edit, "")
    small_window.save()
    assert form.message_for(v.FTP_HOST)
    below = form.port_edit
    before = _y(below, form, qtbot)
    type_into(qtbot, form.host_edit, "ftp.example.de")
    assert form.message_for(v.FTP_HOST) == ""
    assert _y(below, form, qtbot) == before
    form.host_edit.setFocus()
    qtbot.keyClick(form.host_edit, Qt.Key.Key_Backspace)
    assert _y(below, form, qtbot) == before


@pytest.mark.parametrize("format_id", ["OPEN_ITEMS", "DATEV_OPOS"])
def test_the_open_item_checks_fit_a_small_screen(small_window, qtbot, format_id):
    """At 1024×768, too, in one column: their check boxes' texts cannot wrap."""
    from desktop_app.domain.interface import ImportFormat

    from .helpers import choose

    form = small_window.form
    choose(form.format_combo, ImportFormat[format_id].value)
    wait_idle(qtbot)
    assert form.field_box(v.GUARD_MAX_SHARE).isVisibleTo(form)
    # The scroll area learns its widget's new minimum width over a few layout turns.
    bar = form.scroll_area.horizontalScrollBar()
    assert settled(qtbot, lambda: (form.is_one_column(), bar.maximum())) == (True, 0)


def test_the_chain_options_fit_a_small_screen_with_a_message(small_window, qtbot):
    dialog = small_window.administration.open_chain_options()
    wait_idle(qtbot)
    cases = dialog.cases_group
    cases.summary_check.setChecked(True)
    cases.summary_time.setText("")
    dialog.ok_button.click()
    assert dialog.message_label.is_error()  # the summary's time is missing

    height = settled(qtbot, dialog.height)
    assert height <= ROOM[1]
    texts = [
        label
        for label in dialog.findChildren(QLabel)
        if label.wordWrap() and label.isVisible() and label.text()
    ]
    assert cases.hint in texts and dialog.message_label in texts
    for label in texts:
        # Every line shown, inside its group's frame.
        assert label.height() >= label.heightForWidth(label.width()), label.text()
        parent = label.parentWidget()
        assert parent.contentsRect().contains(label.geometry()), label.text()
    dialog.close()


def test_the_shortcuts_show_every_row_without_scrolling(small_window, qtbot):
    small_window.shortcuts_action.trigger()
    dialog = small_window.shortcuts_dialog
    qtbot.waitUntil(dialog.isVisible)
    table = dialog.table
    assert dialog.width() <= ROOM[0] and dialog.height() <= ROOM[1]
    assert settled(qtbot, table.verticalScrollBar().maximum) == 0
    assert table.horizontalScrollBar().maximum() == 0
    model = table.model()
    last = table.visualRect(model.index(model.rowCount() - 1, 1))
    assert table.viewport().rect().contains(last)
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            # On one line and whole: the columns fit their texts.
            assert table.sizeHintForIndex(index).width() <= table.columnWidth(column), index.data()
            assert table.sizeHintForIndex(index).height() <= table.rowHeight(row), index.data()

    # Made narrow, the actions wrap rather than lose their ends.
    dialog.resize(dialog.width() // 2 + 100, dialog.height())
    qtbot.waitUntil(lambda: table.columnWidth(1) < table.sizeHintForColumn(1))
    heights = settled(qtbot, lambda: [table.rowHeight(r) for r in range(model.rowCount())])
    assert all(heights[r] >= table.sizeHintForRow(r) for r in range(model.rowCount()))
    assert max(heights) > min(heights)  # some action takes two lines
    dialog.close()


def _shows_only_dots(view, column: int) -> bool:
    """Every value of ``column`` cut to its "…" (a column with no values says nothing)."""
    from desktop_app.ui.widgets.hint_table_view import CELL_PADDING

    model, metrics = view.model(), view.fontMetrics()
    room = view.columnWidth(column) - CELL_PADDING
    texts = [str(model.index(r, column).data() or "") for r in range(model.rowCount())]
    texts = [text for text in texts if text]
    right = Qt.TextElideMode.ElideRight
    return bool(texts) and all(metrics.elidedText(t, right, room) in ("…", "") for t in texts)


def test_a_narrow_list_hides_the_columns_it_could_only_show_as_dots(small_window, db, qtbot):
    from desktop_app.ui.interface_columns import LAST_RUN, NAME, NEXT_RUN

    _with_run_times(small_window, db, qtbot)
    view, model = small_window.view, small_window.view.model()
    header = view.horizontalHeader()
    settled(qtbot, lambda: [view.columnWidth(c) for c in range(model.columnCount())])
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    assert [c for c in shown if _shows_only_dots(view, c)] == []
    assert view.fit_hidden(), "a 1024 pixel list has no room to read every column"
    hidden_now = view.fit_hidden()
    view.fit_columns()  # a hidden column is measured as it was shown: the same choice
    assert view.fit_hidden() == hidden_now
    assert not any(header.isSectionHidden(c) for c in (NAME, NEXT_RUN, LAST_RUN))
    # What a hidden column says, the name's tooltip says instead.
    hidden = min(view.fit_hidden())
    title = model.headerData(hidden, Qt.Orientation.Horizontal)
    tip = view.cell_tooltip(model.index(0, NAME))
    assert f"{title}: {model.index(0, hidden).data()}" in tip.splitlines()

    # With room, every column is back (and nothing of it in the tooltip).
    small_window.resize(1900, 900)
    small_window.splitter.setSizes([1300, 600])
    qtbot.waitUntil(lambda: not view.fit_hidden() and list_fits(view))
    assert not any(header.isSectionHidden(c) for c in range(header.count()))
    assert f"{title}:" not in view.cell_tooltip(model.index(0, NAME))


def test_a_column_dragged_by_hand_brings_the_hidden_columns_back(small_window, db, qtbot):
    """Once the user sizes a column, the widths are the user's and the fitting stops; a
    column it had hidden for want of room is shown again rather than lost."""
    from desktop_app.ui.interface_columns import NAME

    _with_run_times(small_window, db, qtbot)
    view = small_window.view
    header = view.horizontalHeader()
    qtbot.waitUntil(lambda: bool(view.fit_hidden()))
    hidden = view.fit_hidden()
    # A drag: the header under the pointer while a section changes size (offscreen, no
    # real pointer can enter the header).
    header.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    header.resizeSection(NAME, header.sectionSize(NAME) + 20)
    header.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, False)
    assert view.fit_hidden() == frozenset()
    assert not any(header.isSectionHidden(c) for c in hidden)
    view.fit_columns()  # the user's widths: nothing is hidden again
    assert not any(header.isSectionHidden(c) for c in hidden)
