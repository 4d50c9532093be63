"""Who works at the main window: the logged-in user and this computer's branch in the
status bar, the Verwaltung menu that follows from the user's group (as it is now, see
``window_rights``), and Abmelden."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QLabel

from .ops import Op

if TYPE_CHECKING:
    from ..domain.users import User
    from ..jobs.user_session import UserSession
    from .main_window import MainWindow

log = logging.getLogger(__name__)


def add_status_labels(window: MainWindow) -> None:
    """The user and the branch, on the right of the status bar."""
    window.user_label = QLabel(user_text(window))
    window.user_label.setObjectName("loggedInUser")
    window.branch_label = QLabel()
    window.branch_label.setObjectName("workstationBranch")
    window.branch_label.setToolTip(
        QCoreApplication.translate(
            "MainWindow", "Interfaces restricted to another branch do not run on this computer."
        )
    )
    workstation = window.workstation
    show_branch(window, workstation.branch())
    workstation.changed.connect(lambda branch: show_branch(window, branch))
    window.statusBar().addPermanentWidget(window.branch_label)
    window.statusBar().addPermanentWidget(window.user_label)


def add_case_count(window: MainWindow) -> None:
    """How many Klärungsfälle are open, a link to them; re-counted on every change that
    may open or settle one."""
    from ..jobs.changes import Change
    from .case_status import CaseCountLabel
    from .changes import refresh_on

    window.case_count = CaseCountLabel(window.case_desk, window)
    window.case_count.activated.connect(lambda: window.open_cases())
    window.statusBar().addPermanentWidget(window.case_count)
    changes = (Change.RUNS, Change.LEDGER, Change.CASES)
    refresh_on(window.change_signal, changes, window.case_count.refresh)
    window.case_count.refresh()


def use_session(window: MainWindow, session: UserSession) -> None:
    """Who works now: the audit of every change, the Verwaltung menu, the eye."""
    from ..jobs.change_audit import AuditedInterfaceEditor
    from .administration import Administration
    from .widgets.password_field import update_reveal_buttons

    window.session = session
    window.reveal_access = session
    window.editing.use_editor(AuditedInterfaceEditor.wrap(window.base_editor, session.change_audit))
    window.workstation.set_audit(session.change_audit)
    if window.administration is not None:
        window.administration.uninstall()
    from ..jobs.window_jobs import config_transfer_for

    administration = Administration(
        window,
        session,
        workstation=window.workstation,
        config_jobs=lambda: config_transfer_for(window.base_editor, session),
    )
    administration.install(window.menuBar(), window.logout_action, window.help_menu.menuAction())
    if administration.menu is not None:
        # An administrator sets the SMTP server up, nobody else.
        administration.menu.addSeparator()
        administration.menu.addAction(window.smtp_action)
    window.administration = administration
    window.logout_action.setVisible(session.user is not None)
    if window.form is not None:
        window.user_label.setText(user_text(window))
        window.user_label.setToolTip(user_tooltip(window))
        window.form.set_setup_allowed(session.is_admin)
        update_reveal_buttons(window)


def log_out(window: MainWindow) -> None:
    """Datei → Abmelden: back to the login; whoever logs in works in this window."""
    session = window.session
    assert session is not None and window.form is not None
    for dialog in window.findChildren(QDialog):
        dialog.close()  # the next user sees none of what this one had open
    if window.form.is_dirty():  # Verwerfen at Abmelden: the values go, as the answer says,
        window.editing.discard()  # and the next user does not see what this one typed
    window.form.password_field.set_revealed(False)
    Op(session.log_out, parent=window).failure(
        lambda exc: log.error("logout not audited: %s", type(exc).__name__)
    ).run_in_background()
    central = window.centralWidget()
    assert central is not None  # attach set it before anyone logged in
    central.hide()  # nothing to read while nobody is logged in
    window.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Logged out."))
    window.rights.pause()  # nobody's rights to follow until the next login
    refresher = window.refresher
    assert refresher is not None  # attached, as the form is
    refresher.pause()
    _show_nobody(window)
    user = _login_or_close(window, session)
    if user is None:
        return  # the window closed
    use_session(window, session.for_user(user))
    window.rights.resume()
    refresher.resume()
    window.case_count.show()
    window.case_count.refresh()  # not counted while nobody was logged in
    central.show()
    window.statusBar().showMessage(
        QCoreApplication.translate("MainWindow", "Logged in as {name}.").format(name=user.name),
        8000,
    )


def _show_nobody(window: MainWindow) -> None:
    """Until the next login the window shows nothing of the user who logged out: not
    their name, the link to the Klärungsfälle, nor the menus of their group."""
    if window.administration is not None:
        window.administration.uninstall()
        window.administration = None
    window.logout_action.setVisible(False)
    window.user_label.setText(QCoreApplication.translate("MainWindow", "Not logged in"))
    window.user_label.setToolTip("")
    window.case_count.hide()


def _login_or_close(window: MainWindow, session: UserSession) -> User | None:
    """The login until someone logs in (the user) or the window closes (None). Quitting
    the login closes the window; should the window refuse (its own question answered with
    Abbrechen), it must not stay open with nobody logged in and nothing shown: the login
    comes again."""
    while True:
        user = window.ask_login(session)
        if user is not None:
            return user
        if window.close():
            return None


def user_text(window: MainWindow) -> str:
    user = window.session.user if window.session is not None else None
    if user is None:
        return QCoreApplication.translate("MainWindow", "Not logged in")
    if not user.enabled:  # by another administrator, since the login
        return QCoreApplication.translate("MainWindow", "Logged in: {name} (deactivated)").format(
            name=user.name
        )
    group = (
        QCoreApplication.translate("MainWindow", "Administrators")
        if user.is_admin
        else QCoreApplication.translate("MainWindow", "Staff")
    )
    return QCoreApplication.translate("MainWindow", "Logged in: {name} ({group})").format(
        name=user.name, group=group
    )


def user_tooltip(window: MainWindow) -> str:
    user = window.session.user if window.session is not None else None
    if user is None or user.enabled:
        return ""
    return QCoreApplication.translate(
        "MainWindow",
        "Another administrator deactivated this user: you may finish your work, "
        "but the next login will be refused.",
    )


def show_branch(window: MainWindow, branch: str | None) -> None:
    window.branch_label.setText(
        QCoreApplication.translate("MainWindow", "Branch: {name}").format(name=branch)
        if branch
        else QCoreApplication.translate("MainWindow", "No branch")
    )
