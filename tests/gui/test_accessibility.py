"""Keyboard and screen-reader basics of the main window and the form (issue 7)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QFormLayout,
    QLabel,
    QLayout,
    QWidget,
)


def _form_layouts(root: QWidget) -> list[QFormLayout]:
    found = []

    def walk(layout: QLayout | None) -> None:
        if layout is None:
            return
        if isinstance(layout, QFormLayout):
            found.append(layout)
        for i in range(layout.count()):
            item = layout.itemAt(i)
            if item.layout() is not None:
                walk(item.layout())
            if item.widget() is not None:
                walk(item.widget().layout())

    for widget in [root, *root.findChildren(QWidget)]:
        if widget.layout() is not None and widget.layout() not in found:
            walk(widget.layout())
    return list(dict.fromkeys(found))


def focus_chain(window: QWidget) -> list[QWidget]:
    chain, widget = [], window.nextInFocusChain()
    while widget is not None and widget is not window and widget not in chain:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain



@pytest.fixture
def window(make_window, no_keyring_editor, sample_settings):
    """The main window with an interface open in the form, every group filled."""
    no_keyring_editor.repository.save(sample_settings)
    win = make_window(no_keyring_editor)
    win.reload_list()
    win.select_interface(sample_settings.name)
    return win


def test_every_form_label_is_bound_to_its_field(window):
    unbound, bound = [], 0
    for form in _form_layouts(window):
        for row in range(form.rowCount()):
            label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = label_item.widget() if label_item else None
            if isinstance(label, QLabel) and label.text().strip():
                if label.buddy() is None:
                    unbound.append(label.text())
                else:
                    bound += 1
    assert unbound == []
    assert bound >= 15  # the form's labels were really looked at


def test_icon_only_buttons_have_accessible_names(window):
    nameless = [
        button.objectName() or repr(button)
        for button in window.findChildren(QAbstractButton)
        if not button.text().strip()
        and not button.accessibleName().strip()
        and button.isVisibleTo(window)
    ]
    assert nameless == []


def test_every_visible_input_is_reachable_by_tab(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    chain = focus_chain(window)
    unreachable = [
        w.objectName() or type(w).__name__
        for w in window.findChildren(QWidget)
        if w.isVisibleTo(window)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and w not in chain
    ]
    assert unreachable == []


def test_form_fields_follow_their_rows_in_tab_order(window, qtbot):
    window.show()
    qtbot.waitExposed(window)
    position = {w: i for i, w in enumerate(focus_chain(window))}
    for form in _form_layouts(window):
        fields = []
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            field = item.widget() if item else None
            if field is not None and field in position and field.isVisibleTo(window):
                fields.append(field)
        order = [position[f] for f in fields]
        assert order == sorted(order), [f.objectName() or type(f).__name__ for f in fields]
