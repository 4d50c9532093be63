"""Users at start and in the administration (issue 6): the first administrator, the login,
the "Verwaltung" menu for administrators only, users, chain options, branches and
Mandanten, one's own password, the audit log and its view."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.config import AppPaths
from desktop_app.domain.interface import ChainOptions
from desktop_app.domain.users import Group
from desktop_app.jobs.change_audit import BRANCH_CREATED, MANDANT_CREATED
from desktop_app.store import audit
from desktop_app.store.audit import AuditLog
from desktop_app.store.db import Database
from desktop_app.store.users import UserRepository
from desktop_app.transfer.limits import DownloadLimits
from desktop_app.ui.login_dialog import LoginDialog, login_check
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.new_user_dialog import NewUserDialog

from .helpers import run_gui_polling, type_into, wait_idle
from .users_support import (  # noqa: F401 - fixtures are found by their names here
    ADMIN,
    ADMIN_PASSWORD,
    FAST,
    STAFF,
    STAFF_PASSWORD,
    StartDialogAnswers,
    admin,
    audit_entries_with_money,
    audit_log,
    clock,
    session_for,
    session_window,
    staff,
    users,
)

# The fixtures imported from users_support are the tests' parameters by design.
# ruff: noqa: F811


def _entries(audit_log, action):
    return audit_log.entries(action=action)


# --- the first start and the login ------------------------------------------------------------


def _run_gui_answering(paths: AppPaths, answers: Callable[[], None]) -> tuple[int, list[str]]:
    """run_gui with ``answers`` for its start dialogs; closes the main window once shown
    and returns the exit code and what its status bar said about the user."""
    shown: list[str] = []

    def tick() -> None:
        if shown:
            return  # closed once: nothing more to answer
        answers()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow) and widget.isVisible() and widget.is_attached:
                shown.append(widget.user_label.text())
                widget.close()

    return run_gui_polling(paths, tick), shown


def test_first_start_creates_the_first_administrator_then_logs_in(
    qtbot, tmp_path, restore_app_state
):
    paths = AppPaths(data_dir=tmp_path, db_url=f"sqlite:///{tmp_path / 'app.sqlite3'}")
    code, shown = _run_gui_answering(paths, StartDialogAnswers(first_admin=(ADMIN, "Erst-1234")))
    assert code == 0
    assert shown == [f"Angemeldet: {ADMIN} (Administratoren)"]

    db = Database(paths.db_url)
    try:
        created = UserRepository(db).get(ADMIN)
        assert created.group is Group.ADMINISTRATORS and created.enabled
        log = AuditLog(db)
        assert [e.target for e in log.entries(action=audit.USER_CREATED)] == [ADMIN]
        assert log.entries(action=audit.USER_CREATED)[0].actor.startswith("os:")
        assert [e.actor for e in log.entries(action=audit.LOGIN)] == [ADMIN]
    finally:
        db.dispose()

    # The second start asks for the login instead; a wrong password is not let in.
    answers = StartDialogAnswers(login=(ADMIN, "Erst-1234"))
    code, shown = _run_gui_answering(paths, answers)
    assert code == 0 and shown == [f"Angemeldet: {ADMIN} (Administratoren)"]
    assert any(isinstance(w, LoginDialog) for w in answers.seen)


def test_a_first_start_asks_for_no_login_even_when_the_database_is_made_at_once(
    qtbot, tmp_path, restore_app_state, monkeypatch
):
    """The worker that opens the database creates its file; whether this is a first start
    is decided before, or a loaded machine shows a login nobody can pass."""
    import desktop_app.app as app_module
    import desktop_app.gui_runtime as runtime

    paths = AppPaths(data_dir=tmp_path, db_url=f"sqlite:///{tmp_path / 'app.sqlite3'}")
    created = threading.Event()
    opening, deciding = runtime.open_backend, app_module.is_new_sqlite_database

    def quick_open(*args, **kwargs):
        try:
            return opening(*args, **kwargs)
        finally:
            created.set()

    def decided_late(url: str) -> bool:
        created.wait(1)  # as if the worker had been quicker than the GUI thread
        return deciding(url)

    monkeypatch.setattr(runtime, "open_backend", quick_open)
    monkeypatch.setattr(app_module, "is_new_sqlite_database", decided_late)
    answers = StartDialogAnswers(first_admin=(ADMIN, "Erst-1234"))
    code, shown = _run_gui_answering(paths, answers)
    assert not any(isinstance(w, LoginDialog) for w in answers.seen)
    assert code == 0 and shown == [f"Angemeldet: {ADMIN} (Administratoren)"]


def test_quitting_the_login_ends_the_program(qtbot, tmp_path, restore_app_state, db):
    paths = AppPaths(data_dir=tmp_path, db_url=db.url)
    UserRepository(db, FAST).create(ADMIN, ADMIN_PASSWORD, Group.ADMINISTRATORS)
    code, shown = _run_gui_answering(paths, StartDialogAnswers(quit_login=True))
    assert code == 0 and shown == []


def test_the_login_is_asked_while_the_database_still_opens(
    qtbot, tmp_path, restore_app_state, db, monkeypatch
):
    """The login dialog does not wait for the database (and SQLAlchemy) to open: it
    shows over the painted window at once, and only its check waits for the database."""
    import desktop_app.gui_runtime as runtime

    paths = AppPaths(data_dir=tmp_path, db_url=db.url)
    UserRepository(db, FAST).create(ADMIN, ADMIN_PASSWORD, Group.ADMINISTRATORS)
    database_may_open = threading.Event()
    opened = threading.Event()
    opening = runtime.open_backend

    def held_open(*args, **kwargs):
        database_may_open.wait(20)
        try:
            return opening(*args, **kwargs)
        finally:
            opened.set()

    monkeypatch.setattr(runtime, "open_backend", held_open)
    answers = StartDialogAnswers(login=(ADMIN, ADMIN_PASSWORD))
    login_while_closed = []

    def answer() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, LoginDialog) and widget.isVisible() and not answers.seen:
                login_while_closed.append(not opened.is_set())
        answers()  # OK is clicked now; the check waits for the database
        if answers.seen:
            QTimer.singleShot(100, database_may_open.set)

    code, shown = _run_gui_answering(paths, answer)
    assert login_while_closed == [True]
    assert code == 0 and shown == [f"Angemeldet: {ADMIN} (Administratoren)"]
    assert [e.actor for e in AuditLog(db).entries(action=audit.LOGIN)] == [ADMIN]


def test_a_database_without_users_asks_for_the_first_administrator_instead(
    qtbot, tmp_path, restore_app_state, db, monkeypatch
):
    """An existing database file without any user (made by the command line, say): the
    login shown while it opened gives way to the first administrator's dialog."""
    import desktop_app.gui_runtime as runtime

    paths = AppPaths(data_dir=tmp_path, db_url=db.url)
    answers = StartDialogAnswers(first_admin=(ADMIN, "Erst-1234"))
    login_seen = threading.Event()
    opening = runtime.open_backend

    def held_open(*args, **kwargs):
        login_seen.wait(20)  # the database opens only once the test has seen the login
        return opening(*args, **kwargs)

    monkeypatch.setattr(runtime, "open_backend", held_open)
    logins = []

    def answer() -> None:
        login = [w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog)]
        if any(w.isVisible() for w in login):
            logins.append(1)
            login_seen.set()
            return  # nobody answers it: it must go away by itself
        answers()

    code, shown = _run_gui_answering(paths, answer)
    assert logins, "the login was not shown while the database opened"
    assert code == 0 and shown == [f"Angemeldet: {ADMIN} (Administratoren)"]
    assert [u.name for u in UserRepository(db).list()] == [ADMIN]


def test_the_login_shows_over_the_painted_window_and_no_data_before_it(
    qtbot, tmp_path, restore_app_state, db
):
    """The window paints first (issue 7); until someone logs in it holds no list, no
    form and no interface, only the notice, and the login dialog sits on it."""
    from PySide6.QtWidgets import QTableView

    paths = AppPaths(data_dir=tmp_path, db_url=db.url)
    UserRepository(db, FAST).create(ADMIN, ADMIN_PASSWORD, Group.ADMINISTRATORS)
    seen = []

    def tick() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, LoginDialog) and widget.isVisible() and not seen:
                window = widget.parentWidget()
                seen.append(
                    (
                        type(window).__name__,
                        window.isVisible(),
                        window.is_attached,
                        window.findChild(QTableView) is None,
                        window.start_notice.text(),
                        window.new_action.isEnabled(),
                    )
                )
                widget.reject()

    assert run_gui_polling(paths, tick) == 0
    assert seen == [("MainWindow", True, False, True, "Bitte melden Sie sich an.", False)]


def test_the_first_administrator_dialog_explains_what_is_wrong(qtbot, german, users, audit_log):
    from desktop_app.jobs.user_session import create_first_admin

    dialog = NewUserDialog(
        lambda name, password, _group: create_first_admin(users, audit_log, name, password),
        first_admin=True,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Ersten Administrator anlegen"
    assert dialog.group_combo is None  # the first user is an administrator
    dialog.ok_button.click()
    assert "Bitte einen Benutzernamen eingeben." in dialog.message()
    type_into(qtbot, dialog.name_edit, ADMIN)
    type_into(qtbot, dialog.passwords.password_edit, "kurz")
    type_into(qtbot, dialog.passwords.repeat_edit, "anders")
    dialog.ok_button.click()
    assert "mindestens 8 Zeichen" in dialog.message()
    assert "Die beiden Passwörter stimmen nicht überein." in dialog.message()
    type_into(qtbot, dialog.passwords.password_edit, ADMIN)
    type_into(qtbot, dialog.passwords.repeat_edit, ADMIN)
    dialog.ok_button.click()
    assert "nicht dem Benutzernamen entsprechen" in dialog.message()
    assert users.needs_first_admin()

    type_into(qtbot, dialog.passwords.password_edit, ADMIN_PASSWORD)
    type_into(qtbot, dialog.passwords.repeat_edit, ADMIN_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        dialog.ok_button.click()
    assert dialog.created_user.name == ADMIN and dialog.created_user.is_admin


def test_login_wrong_password_unknown_and_disabled_users(
    qtbot, german, users, admin, staff, audit_log
):
    dialog = LoginDialog(login_check(users, audit_log))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Anmelden"

    def attempt(name: str, password: str) -> None:
        type_into(qtbot, dialog.name_edit, name)
        type_into(qtbot, dialog.password_edit, password)
        dialog.ok_button.click()
        wait_idle(qtbot)

    attempt(ADMIN, "falsch-falsch")
    wrong = "Benutzername oder Passwort ist falsch, oder das Konto ist deaktiviert."
    assert dialog.message() == wrong
    assert dialog.password_edit.text() == "" and dialog.user is None
    attempt("Chefin-Passwort-ins-Namensfeld", "egal-egal")  # a password, typed one field up
    assert dialog.message() == wrong
    users.set_enabled(staff.id, False)
    attempt(STAFF, STAFF_PASSWORD)  # right password, disabled account
    assert dialog.message() == wrong and dialog.isVisible()
    failed = {e.target: e.outcome for e in _entries(audit_log, audit.LOGIN_FAILED)}
    # An unknown name is kept as no name: it may be a password typed into the name field.
    assert failed == {ADMIN: "wrong_password", "": "unknown_user", STAFF: "disabled"}
    assert "Namensfeld" not in str([(e.target, e.details) for e in audit_log.entries()])
    assert all(e.actor.startswith("os:") for e in _entries(audit_log, audit.LOGIN_FAILED))

    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        attempt(ADMIN, ADMIN_PASSWORD)
    assert dialog.user.name == ADMIN
    assert [e.actor for e in _entries(audit_log, audit.LOGIN)] == [ADMIN]
    assert ADMIN_PASSWORD not in repr(audit_log.entries())


def test_five_wrong_logins_lock_the_account_until_an_administrator_unlocks_it(
    qtbot, german, users, admin, staff, audit_log, session_window, editor, session_for
):
    dialog = LoginDialog(login_check(users, audit_log))
    qtbot.addWidget(dialog)
    dialog.show()

    def attempt(password: str) -> None:
        type_into(qtbot, dialog.name_edit, STAFF)
        type_into(qtbot, dialog.password_edit, password)
        dialog.ok_button.click()
        wait_idle(qtbot)

    for _ in range(4):
        attempt("falsch-falsch")
        assert dialog.message().startswith("Benutzername oder Passwort ist falsch")
    attempt("falsch-falsch")
    assert dialog.message().startswith(
        "Zu viele falsche Passwörter nacheinander: Die Anmeldung mit diesem Namen ist an diesem "
        "Rechner bis "
    )
    attempt(STAFF_PASSWORD)  # the right one: not even checked now
    assert dialog.message().startswith("Zu viele falsche Passwörter") and dialog.user is None
    assert [e.target for e in _entries(audit_log, audit.LOGIN_LOCKED)] == [STAFF]

    window = session_window(editor, session_for(admin))
    users_dialog = window.administration.open_users()
    wait_idle(qtbot)
    users_dialog.select(STAFF)
    state = users_dialog.table.item(users_dialog.names().index(STAFF), 2).text()
    assert state.startswith("aktiv, gesperrt bis ")
    assert users_dialog.unlock_button.isEnabled()
    users_dialog.select(ADMIN)
    assert not users_dialog.unlock_button.isEnabled()
    users_dialog.select(STAFF)
    users_dialog.unlock_button.click()
    wait_idle(qtbot)
    unlocked = "„anna“ ist entsperrt und kann sich wieder anmelden."
    assert users_dialog.message_label.text() == unlocked
    assert not users_dialog.unlock_button.isEnabled()
    entry = _entries(audit_log, audit.USER_UNLOCKED)[0]
    assert (entry.actor, entry.target) == (ADMIN, STAFF)

    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        attempt(STAFF_PASSWORD)
    assert dialog.user.name == STAFF


# --- what each group sees ----------------------------------------------------------------------


def test_staff_see_no_administration_but_may_change_their_own_password(
    qtbot, session_window, editor, session_for, staff, audit_log
):
    window = session_window(editor, session_for(staff))
    assert window.user_label.text() == f"Angemeldet: {STAFF} (Mitarbeiter)"
    assert window.administration.menu is None
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Verwaltung" not in titles
    assert window.administration.own_password_action.isVisible()

    dialog = window.administration.change_own_password()
    assert dialog.windowTitle() == "Eigenes Passwort ändern"
    type_into(qtbot, dialog.current_edit, "falsch-falsch")
    type_into(qtbot, dialog.passwords.password_edit, "Neues-Anna-2")
    type_into(qtbot, dialog.passwords.repeat_edit, "Neues-Anna-2")
    dialog.ok_button.click()
    wait_idle(qtbot)
    assert dialog.message() == "Das bisherige Passwort ist falsch."
    assert dialog.isVisible()
    type_into(qtbot, dialog.current_edit, STAFF_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        dialog.ok_button.click()
    assert window.statusBar().currentMessage() == "Ihr Passwort wurde geändert."
    check = UserRepository(editor.repository.db, FAST)
    assert check.authenticate(STAFF, "Neues-Anna-2") is not None
    outcomes = [e.outcome for e in reversed(_entries(audit_log, audit.PASSWORD_CHANGED))]
    assert outcomes == ["failed", "ok"]


def test_the_own_new_password_must_differ_from_the_current_one(
    qtbot, session_window, editor, session_for, staff, audit_log
):
    window = session_window(editor, session_for(staff))
    dialog = window.administration.change_own_password()
    type_into(qtbot, dialog.current_edit, STAFF_PASSWORD)
    type_into(qtbot, dialog.passwords.password_edit, STAFF_PASSWORD)
    type_into(qtbot, dialog.passwords.repeat_edit, STAFF_PASSWORD)
    dialog.ok_button.click()
    wait_idle(qtbot)
    assert dialog.message() == "Das neue Passwort muss sich vom bisherigen unterscheiden."
    assert dialog.isVisible()
    # What was typed stays, to be corrected rather than typed again.
    assert dialog.current_edit.text() == STAFF_PASSWORD
    assert dialog.passwords.password_edit.text() == STAFF_PASSWORD
    assert dialog.passwords.repeat_edit.text() == STAFF_PASSWORD
    assert _entries(audit_log, audit.PASSWORD_CHANGED) == []


def test_administrators_get_the_administration_menu(
    qtbot, session_window, editor, session_for, admin
):
    window = session_window(editor, session_for(admin))
    assert window.user_label.text() == f"Angemeldet: {ADMIN} (Administratoren)"
    menu = window.administration.menu
    assert menu is not None and menu.title() == "&Verwaltung"
    assert [a.text() for a in menu.actions() if not a.isSeparator()] == [
        "&Benutzer …",
        "&Filialkettenoptionen …",
        "Filialen und &Mandanten …",
        "&Änderungsprotokoll …",
        "Filiale dieses &Rechners …",
        "Konfiguration &exportieren …",
        "Konfiguration &importieren …",
        "SMTP-&Postausgangsserver …",
    ]


def test_without_a_login_the_window_has_neither(qtbot, session_window, editor):
    window = session_window(editor, None)
    assert window.user_label.text() == "Nicht angemeldet"
    assert window.administration.menu is None
    assert window.administration.change_own_password() is None


# --- the administration dialogs ----------------------------------------------------------------


def test_users_create_disable_enable_and_reset(
    qtbot, session_window, editor, session_for, admin, audit_log
):
    window = session_window(editor, session_for(admin))
    dialog = window.administration.open_users()
    wait_idle(qtbot)
    assert dialog.names() == [ADMIN]

    new = dialog.new_user()
    assert new.group() is Group.STAFF  # the default
    type_into(qtbot, new.name_edit, "bernd")
    new.group_combo.setCurrentIndex(new.group_combo.findData(Group.ADMINISTRATORS.value))
    type_into(qtbot, new.passwords.password_edit, "Bernd-Passwort-1")
    type_into(qtbot, new.passwords.repeat_edit, "Bernd-Passwort-1")
    new.ok_button.click()
    wait_idle(qtbot)
    assert dialog.names() == ["bernd", ADMIN]
    assert dialog.selected_user().name == "bernd"
    check = UserRepository(editor.repository.db, FAST)
    assert check.get("bernd").group is Group.ADMINISTRATORS

    # A name that exists is refused in German.
    again = dialog.new_user()
    type_into(qtbot, again.name_edit, "bernd")
    type_into(qtbot, again.passwords.password_edit, "Bernd-Passwort-2")
    type_into(qtbot, again.passwords.repeat_edit, "Bernd-Passwort-2")
    again.ok_button.click()
    wait_idle(qtbot)
    assert again.message() == "Den Benutzer „bernd“ gibt es bereits."
    again.reject()

    assert dialog.toggle_button.text() == "Deaktivieren"
    dialog.toggle_button.click()
    wait_idle(qtbot)
    assert not check.get("bernd").enabled
    assert check.authenticate("bernd", "Bernd-Passwort-1") is None
    assert dialog.toggle_button.text() == "Aktivieren"
    dialog.toggle_button.click()
    wait_idle(qtbot)
    assert check.get("bernd").enabled

    reset = dialog.reset_password()
    assert reset.current_edit is None  # an administrator does not need the old one
    type_into(qtbot, reset.passwords.password_edit, "Zurueck-Gesetzt-1")
    type_into(qtbot, reset.passwords.repeat_edit, "Zurueck-Gesetzt-1")
    reset.ok_button.click()
    wait_idle(qtbot)
    assert check.authenticate("bernd", "Zurueck-Gesetzt-1") is not None

    # Oneself cannot be disabled nor moved to the staff: the buttons say so instead of
    # offering what the backend refuses (it also keeps the last administrator).
    dialog.select(ADMIN)
    assert not dialog.toggle_button.isEnabled()
    assert dialog.toggle_button.toolTip() == (
        "Sie können sich nicht selbst deaktivieren; das kann ein anderer Administrator."
    )
    assert not dialog.group_button.isEnabled()
    assert dialog.group_button.toolTip() == ("Ihre eigene Gruppe ändert ein anderer Administrator.")
    dialog.toggle_button.click()  # a disabled button does nothing
    wait_idle(qtbot)
    assert check.get(ADMIN).enabled

    changes = [(e.target, e.details) for e in reversed(_entries(audit_log, audit.USER_CHANGED))]
    assert changes == [
        ("bernd", {"fields": ["enabled"], "enabled": False}),
        ("bernd", {"fields": ["enabled"], "enabled": True}),
        ("bernd", {"fields": ["password"], "password": "changed"}),
    ]
    created = _entries(audit_log, audit.USER_CREATED)[0]
    assert (created.actor, created.target, created.details) == (ADMIN, "bernd", {"group": "admin"})
    assert "Zurueck-Gesetzt-1" not in repr(audit_log.entries())


def test_chain_options_are_saved_and_audited(
    qtbot, session_window, editor, session_for, admin, catalog, audit_log
):
    window = session_window(editor, session_for(admin))
    dialog = window.administration.open_chain_options()
    wait_idle(qtbot)
    assert dialog.windowTitle() == "Filialkettenoptionen"
    assert dialog.reveal_check.text() == "Administratoren dürfen gesetzte Passwörter einsehen"
    assert not dialog.months_spin.isEnabled()
    dialog.reveal_check.setChecked(True)
    dialog.future_check.setChecked(True)
    dialog.months_spin.setValue(3)
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        dialog.ok_button.click()
    assert catalog.chain_options() == ChainOptions(
        admins_may_reveal_passwords=True, future_booking_months=3
    )
    entry = _entries(audit_log, audit.OPTIONS_CHANGED)[0]
    assert entry.actor == ADMIN
    assert entry.details == {"fields": ["admins_may_reveal_passwords", "future_booking_months"]}

    again = window.administration.open_chain_options()
    wait_idle(qtbot)
    assert again.reveal_check.isChecked() and again.months_spin.value() == 3
    with qtbot.waitSignal(again.accepted, timeout=15000):
        again.ok_button.click()
    assert len(_entries(audit_log, audit.OPTIONS_CHANGED)) == 1  # unchanged: no entry


def test_download_limits_are_chain_options_with_defaults(
    qtbot, session_window, editor, session_for, admin, catalog, audit_log
):
    window = session_window(editor, session_for(admin))
    dialog = window.administration.open_chain_options()
    wait_idle(qtbot)
    assert (dialog.rate_spin.value(), dialog.grace_spin.value()) == (16, 60)
    assert dialog.rate_spin.suffix() == " KB/s" and dialog.grace_spin.suffix() == " s"
    dialog.rate_spin.setValue(64)
    dialog.grace_spin.setValue(5)  # below the lowest: the spin box keeps it at 10
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        dialog.ok_button.click()
    options = catalog.chain_options()
    assert (options.download_min_kib_per_second, options.download_grace_seconds) == (64, 10)
    assert DownloadLimits.from_options(options) == DownloadLimits(64 * 1024, 10)
    entry = _entries(audit_log, audit.OPTIONS_CHANGED)[0]
    assert entry.details == {"fields": ["download_grace_seconds", "download_min_kib_per_second"]}


def test_the_chains_open_item_checks_are_chain_options(
    qtbot, session_window, editor, session_for, admin, catalog, audit_log
):
    from desktop_app.domain.interface import OpenItemGuards

    window = session_window(editor, session_for(admin))
    dialog = window.administration.open_chain_options()
    wait_idle(qtbot)
    assert dialog.guards_group.title() == "Prüfungen für Offene Posten"
    assert dialog.guards.share_spin.value() == 20 and dialog.guards.refuse_empty.isChecked()
    dialog.guards.no_limit.setChecked(True)
    dialog.guards.refuse_older.setChecked(False)
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        dialog.ok_button.click()
    assert catalog.chain_options().open_item_guards == OpenItemGuards(True, False, None)
    entry = _entries(audit_log, audit.OPTIONS_CHANGED)[0]
    assert entry.details == {
        "fields": ["open_item_guards.max_share_percent", "open_item_guards.refuse_older"]
    }


def test_branches_and_mandanten_with_datev_numbers(
    qtbot, session_window, editor, session_for, admin, catalog, audit_log
):
    window = session_window(editor, session_for(admin))
    dialog = window.administration.open_catalog()
    wait_idle(qtbot)
    assert dialog.branch_names() == ["Hörakustik Mitte", "Optik Nord"]

    dialog.add_branch_button.click()
    assert dialog.branch_message.text() == "Bitte den Namen der Filiale eingeben."
    type_into(qtbot, dialog.branch_name_edit, "Optik Süd")
    dialog.add_branch_button.click()
    wait_idle(qtbot)
    assert "Optik Süd" in dialog.branch_names()
    type_into(qtbot, dialog.branch_name_edit, "Optik Süd")
    dialog.add_branch_button.click()
    wait_idle(qtbot)
    assert dialog.branch_message.text() == "Die Filiale „Optik Süd“ gibt es bereits."

    type_into(qtbot, dialog.mandant_name_edit, "3 Hörgeräte")
    type_into(qtbot, dialog.berater_edit, "12")
    type_into(qtbot, dialog.mandant_number_edit, "0")
    dialog.add_mandant_button.click()
    assert dialog.mandant_message.text().splitlines() == [
        "Die DATEV-Beraternummer hat 4 bis 7 Ziffern (1001 bis 9999999).",
        "Die DATEV-Mandantennummer liegt zwischen 1 und 99999.",
    ]
    type_into(qtbot, dialog.berater_edit, "29098")
    type_into(qtbot, dialog.mandant_number_edit, "55003")
    dialog.add_mandant_button.click()
    wait_idle(qtbot)
    assert ("3 Hörgeräte", "29098", "55003") in dialog.mandant_rows()
    assert ("1", "12345", "1") in dialog.mandant_rows()
    mandant = next(m for m in catalog.mandants() if m.name == "3 Hörgeräte")
    assert (mandant.datev_berater, mandant.datev_mandant) == (29098, 55003)

    dialog.reject()
    wait_idle(qtbot)
    # The form offers the new ones.
    assert window.form.branch_combo.findData("Optik Süd") >= 0
    assert [e.target for e in _entries(audit_log, BRANCH_CREATED)] == ["Optik Süd"]
    assert _entries(audit_log, MANDANT_CREATED)[0].details == {
        "fields": ["datev_berater", "datev_mandant"]
    }


def test_the_audit_view_lists_and_filters(
    qtbot, session_window, editor, session_for, admin, audit_log, sample_settings
):
    window = session_window(editor, session_for(admin))
    audit_log.record(ADMIN, audit.LOGIN, target=ADMIN)
    window.new_interface()
    from .helpers import fill_form

    fill_form(
        qtbot, window.form, sample_settings.with_changes(workstation=None), password="Ftp-1234!"
    )
    window.save()
    wait_idle(qtbot)

    view = window.administration.open_audit_log()
    wait_idle(qtbot)
    assert view.windowTitle() == "Änderungsprotokoll"
    actions = [view.row_texts(r)[2] for r in range(view.model.rowCount())]
    assert actions == ["Schnittstelle angelegt", "Anmeldung"]
    when, who, _action, target, outcome, details = view.row_texts(0)
    assert when.count(".") == 2  # dd.mm.yyyy hh:mm:ss, local time
    assert (who, target, outcome) == (ADMIN, sample_settings.name, "erledigt")
    assert "FTP-Passwort (geändert)" in details
    assert "FTP Hostname" in details  # the form's own label
    assert "Ftp-1234!" not in " ".join(view.row_texts(0))

    view.action_combo.setCurrentIndex(view.action_combo.findData(audit.LOGIN))
    wait_idle(qtbot)
    assert view.model.rowCount() == 1
    assert view.row_texts(0)[2] == "Anmeldung"
    assert view.count_label.text() == "1 Eintrag"


def test_the_audit_view_writes_amounts_and_counts_as_german_does(
    qtbot, session_window, editor, session_for, admin
):
    view = session_window(editor, session_for(admin)).administration.open_audit_log()
    wait_idle(qtbot)
    texts = [view.describe(e) for e in audit_entries_with_money()]
    assert texts[0].endswith("3 Buchungen, 1.234,50 €")
    assert texts[1].endswith("1 Buchung, 9,90 €")
    assert texts[2].endswith("RE-1 (89,90 €)")
    assert texts[3].endswith("Rechnung RE-2, 12,00 €")
    assert texts[4].endswith("Rechnung RE-3, not a number")  # as stored: nothing hidden
    assert texts[5].endswith("drei, 1,00 €")
    assert not any("EUR" in text or "(en)" in text for text in texts)


def test_every_audited_action_has_a_german_name_in_the_audit_view(
    qtbot, session_window, editor, session_for, admin
):
    """Each action the program records can be chosen in the filter, by a German name."""
    from desktop_app.jobs import case_desk, change_audit, guard_override

    recorded = {
        value
        for module, prefixes in (
            (audit, ("",)),
            (change_audit, ("BRANCH_", "MANDANT_", "WORKSTATION_BRANCH_CHANGED")),
            (guard_override, ("GUARDS_OVERRIDDEN",)),
            (case_desk, ("CASE_ASSIGNED", "CASE_CLOSED", "BOOKING_REVERSED")),
        )
        for name, value in vars(module).items()
        if name.isupper() and isinstance(value, str) and name.startswith(prefixes)
    }
    assert change_audit.BRANCH_DELETED in recorded and audit.LOGIN in recorded
    window = session_window(editor, session_for(admin))
    view = window.administration.open_audit_log()
    wait_idle(qtbot)
    combo = view.action_combo
    labels = {combo.itemData(i): combo.itemText(i) for i in range(1, combo.count())}
    assert set(labels) == recorded
    assert all(label != action for action, label in labels.items())
    assert labels[change_audit.MANDANT_DELETED] == "Mandant gelöscht"
