"""Keyboard and screen-reader basics of the main window and the form (issue 7)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFormLayout,
    QLabel,
    QLayout,
    QWidget,
)

from .helpers import wait_idle


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
def window(qtbot, make_window, no_keyring_editor, sample_settings):
    """The main window with an interface open in the form, every group filled."""
    no_keyring_editor.repository.save(sample_settings)
    win = make_window(no_keyring_editor)
    win.reload_list()
    wait_idle(qtbot)
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


# --- every dialog, in German and in English --------------------------------------------------


def _labelled_rows_without_buddy(root: QWidget) -> list[str]:
    unbound = []
    for form in _form_layouts(root):
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item else None
            field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            field = field_item.widget() if field_item else None
            if not isinstance(label, QLabel) or not label.text().strip():
                continue
            if isinstance(field, QLabel):
                continue  # a value shown, not an input (e.g. "Rechner: KASSE-01")
            if label.buddy() is None:
                unbound.append(label.text())
    return unbound


def _nameless_icon_buttons(root: QWidget) -> list[str]:
    return [
        button.objectName() or repr(button)
        for button in root.findChildren(QAbstractButton)
        if not button.text().strip()
        and not button.accessibleName().strip()
        and button.isVisibleTo(root)
    ]


def _unreachable(root: QWidget) -> list[str]:
    chain = focus_chain(root)
    return [
        w.objectName() or type(w).__name__
        for w in root.findChildren(QWidget)
        if w.isVisibleTo(root)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and w not in chain
    ]


def _every_dialog(window):
    admin = window.administration
    yield window.open_smtp_dialog()
    yield window.open_settings()
    yield window.open_import_preview()
    yield window.open_invoices()
    yield window.open_cases()
    yield window.show_history(window.form.original_name)
    window.show_shortcuts()
    yield window.shortcuts_dialog
    window.show_handbook()
    yield window.handbook_dialog
    yield admin.open_users()
    yield admin.open_chain_options()
    yield admin.open_catalog()
    yield admin.open_audit_log()
    yield admin.open_workstation_branch()
    yield admin.change_own_password()
    yield admin.add_mandant_in_place(lambda _name: None)


@pytest.fixture
def admin_window(qtbot, db, settings_file, sample_settings, request):
    """An administrator's window (every dialog is offered), in the language asked for."""
    from argon2 import PasswordHasher
    from keyring.backends import fail
    from PySide6.QtCore import QLocale, QSettings

    from desktop_app.domain.users import Group
    from desktop_app.gui_runtime import build_main_window
    from desktop_app.jobs.interface_edit import InterfaceEditor
    from desktop_app.jobs.user_session import UserSession
    from desktop_app.store.catalog import Catalog
    from desktop_app.store.interfaces import InterfaceRepository
    from desktop_app.store.secrets import SecretStore
    from desktop_app.store.users import UserRepository
    from desktop_app.ui.main_window import UnsavedChoice
    from desktop_app.ui.translations import install_translators, remove_translators

    lang = request.param
    app = QApplication.instance()
    locale = QLocale()
    QLocale.setDefault(
        QLocale(QLocale.Language.German if lang == "de" else QLocale.Language.English)
    )
    translators = install_translators(app, lang)
    fast = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    admin = UserRepository(db, fast).create("chefin", "Chefin-Passwort-1", Group.ADMINISTRATORS)
    catalog = Catalog(db)
    catalog.add_mandant("1")
    catalog.add_branch("Optik Nord")
    repository = InterfaceRepository(db)
    repository.save(sample_settings.with_changes(mandants=("1",)))
    editor = InterfaceEditor(repository, SecretStore(fail.Keyring()))
    session = UserSession.open(db, editor.secrets, admin, hasher=fast)
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    window = build_main_window(editor, settings, lang, host_name="KASSE-TEST", session=session)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot)  # the list is read in the background
    window.select_interface(sample_settings.name)
    yield window
    wait_idle(qtbot)
    window.ask_unsaved_changes = lambda: UnsavedChoice.DISCARD
    window.close()
    window.deleteLater()
    remove_translators(app, translators)
    QLocale.setDefault(locale)


@pytest.mark.parametrize("admin_window", ["de", "en"], indirect=True)
def test_every_dialog_has_buddies_names_and_tab_reach(admin_window, qtbot):

    problems, looked_at = [], 0
    for dialog in _every_dialog(admin_window):
        wait_idle(qtbot)
        qtbot.waitExposed(dialog)
        name = type(dialog).__name__
        looked_at += len(focus_chain(dialog))
        problems += [
            f"{name}: label without buddy: {t}" for t in _labelled_rows_without_buddy(dialog)
        ]
        problems += [
            f"{name}: icon button without name: {b}" for b in _nameless_icon_buttons(dialog)
        ]
        problems += [f"{name}: not reached by Tab: {w}" for w in _unreachable(dialog)]
        dialog.close()
    assert problems == []
    assert looked_at >= 150  # fifteen dialogs, their fields really walked
