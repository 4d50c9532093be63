"""The menu entries of issue 6: "Verwaltung" for administrators only (users, chain options,
branches and Mandanten, the audit log) and "Eigenes Passwort ändern" for everyone who
logged in. The dialogs open window-modal (``open()``), so the main loop keeps running."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLineEdit, QMainWindow, QMenu, QMenuBar
from shiboken6 import isValid

from ..domain.smtp_settings import SmtpSettings
from ..jobs.change_audit import AuditedCatalog
from ..jobs.credentials import SecretRef
from ..jobs.user_session import UserSession
from ..store.smtp_store import SmtpStore
from .audit_view import AuditView
from .catalog_dialog import CatalogDialog
from .catalog_entry import EntryDialog, digits_edit, name_edit, read_mandant
from .chain_options_dialog import ChainOptionsDialog
from .change_password_dialog import ChangePasswordDialog
from .ops import Op, error_text
from .smtp_dialog import SmtpDialog
from .users_dialog import UsersDialog
from .widgets.password_field import PasswordField
from .workstation import WorkstationBranch
from .workstation_branch_dialog import WorkstationBranchDialog

D = TypeVar("D", bound=QDialog)
SMTP_TARGET = "SMTP-Server"  # what the audit log names the SMTP password's reveals
log = logging.getLogger(__name__)


class Administration(QObject):
    def __init__(
        self,
        window: QMainWindow,
        session: UserSession,
        *,
        catalog_changed: Callable[[], None] | None = None,
        workstation: WorkstationBranch | None = None,
    ):
        """``workstation``: this computer's branch setting (the main window keeps it)."""
        super().__init__(window)
        self._window = window
        self._session = session
        self._catalog_changed = catalog_changed
        self._workstation = workstation
        self.menu: QMenu | None = None
        self._menu_bar: QMenuBar | None = None
        self._file_menu: QMenu | None = None
        self._separator: QAction | None = None

        self.own_password_action = QAction(self.tr("Change own &password …"), self)
        self.own_password_action.setObjectName("changeOwnPasswordAction")
        self.own_password_action.triggered.connect(self.change_own_password)
        self.users_action = QAction(self.tr("&Users …"), self)
        self.users_action.triggered.connect(self.open_users)
        self.options_action = QAction(self.tr("&Chain options …"), self)
        self.options_action.triggered.connect(self.open_chain_options)
        self.catalog_action = QAction(self.tr("&Branches and clients …"), self)
        self.catalog_action.triggered.connect(self.open_catalog)
        self.audit_action = QAction(self.tr("&Audit log …"), self)
        self.audit_action.triggered.connect(self.open_audit_log)
        self.workstation_branch_action = QAction(self.tr("Branch of this &computer …"), self)
        self.workstation_branch_action.triggered.connect(self.open_workstation_branch)

    def install(
        self, menu_bar: QMenuBar, before: QAction, menu_before: QAction | None = None
    ) -> None:
        """Put "change own password" above ``before`` (Quit) in its menu, and the
        "Verwaltung" menu into the bar (before ``menu_before``, e.g. Hilfe) when the user
        is an administrator."""
        self._menu_bar = menu_bar
        if self._session.user is not None:
            self._file_menu = next(m for m in before.associatedObjects() if isinstance(m, QMenu))
            self._file_menu.insertAction(before, self.own_password_action)
            self._separator = self._file_menu.insertSeparator(before)
        if not self._session.is_admin:
            return  # nobody else ever sees these entries
        self.menu = QMenu(self.tr("&Administration"), self._window)
        if menu_before is not None:
            menu_bar.insertMenu(menu_before, self.menu)
        else:
            menu_bar.addMenu(self.menu)
        self.menu.setObjectName("administrationMenu")
        self.menu.addActions(
            [self.users_action, self.options_action, self.catalog_action, self.audit_action]
        )
        if self._workstation is not None:
            self.menu.addAction(self.workstation_branch_action)

    def uninstall(self) -> None:
        """Take every entry away again (someone logs out); then the object is done."""
        if self._file_menu is not None:
            self._file_menu.removeAction(self.own_password_action)
            if self._separator is not None:
                self._file_menu.removeAction(self._separator)
        if self.menu is not None and self._menu_bar is not None:
            self._menu_bar.removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        self.deleteLater()

    # --- the dialogs (returned, so tests can drive them) ------------------------------------

    def change_own_password(self) -> ChangePasswordDialog | None:
        session = self._session
        if session.user is None:
            return None
        dialog = ChangePasswordDialog(
            session.user.name,
            lambda current, new: session.change_own_password(current or "", new),
            ask_current=True,
            parent=self._window,
        )
        changed = self.tr("Your password was changed.")
        dialog.accepted.connect(lambda: self._window.statusBar().showMessage(changed, 8000))
        return self._open(dialog)

    def open_users(self) -> UsersDialog:
        return self._open(UsersDialog(self._session, self._window))

    def open_chain_options(self) -> ChainOptionsDialog:
        dialog = ChainOptionsDialog(self._session, self._session.chain_options(), self._window)
        dialog.accepted.connect(self._options_changed)
        return self._open(dialog)

    def open_catalog(self) -> CatalogDialog:
        dialog = CatalogDialog(self._session, self._window)
        dialog.catalog_changed.connect(self._announce_catalog_change)
        workstation = self._workstation
        if workstation is not None:
            dialog.branch_renamed.connect(workstation.branch_renamed)
        return self._open(dialog)

    def add_mandant_in_place(self, added: Callable[[str], None]) -> EntryDialog | None:
        """A new Mandant from where it is missing (the form); ``added(name)`` once saved."""
        fields = [
            ("name", self.tr("&Name:"), name_edit()),
            ("datev_berater", self.tr("DATEV &adviser number:"), digits_edit(7)),
            ("datev_mandant", self.tr("DATEV &client number:"), digits_edit(5)),
        ]
        for _key, _label, edit in fields[1:]:
            edit.setPlaceholderText(self.tr("optional"))
        dialog = self._entry_dialog(self.tr("Add client"), fields)
        if dialog is None:
            return None

        def submitted() -> None:
            problems: list[str] = []
            name, berater, number = read_mandant(*dialog.fields.values(), problems)
            if problems:
                dialog.message.show_error("\n".join(problems))
                return
            self._add_in_place(
                dialog, lambda c: c.add_mandant(name, berater, number), lambda: added(name)
            )

        dialog.submitted.connect(submitted)
        return dialog

    def add_branch_in_place(self, added: Callable[[str], None]) -> EntryDialog | None:
        """A new branch from where it is missing (the form); ``added(name)`` once saved."""
        edit = name_edit()
        edit.setPlaceholderText(self.tr("e.g. Optik Nord"))
        dialog = self._entry_dialog(self.tr("Add branch"), [("name", self.tr("&Name:"), edit)])
        if dialog is None:
            return None

        def submitted() -> None:
            name = edit.text().strip()
            if not name:
                dialog.message.show_error(self.tr("Please enter the name of the branch."))
                return
            self._add_in_place(dialog, lambda c: c.add_branch(name), lambda: added(name))

        dialog.submitted.connect(submitted)
        return dialog

    def _entry_dialog(
        self, title: str, fields: list[tuple[str, str, QLineEdit]]
    ) -> EntryDialog | None:
        if not self._session.is_admin:
            return None  # the form offers the button to administrators only
        dialog = EntryDialog(self._window, title, fields, self.tr("Add"), self.tr("Cancel"))
        return self._open(dialog)

    def _add_in_place(
        self,
        dialog: EntryDialog,
        change: Callable[[AuditedCatalog], object],
        added: Callable[[], None],
    ) -> None:
        session = self._session

        def saved(_result: object) -> None:
            if isValid(dialog):
                dialog.accept()
            self._announce_catalog_change()
            added()

        def failed(exc: Exception) -> None:
            if isValid(dialog):
                dialog.ok_button.setEnabled(True)
                dialog.message.show_error(error_text(exc))

        dialog.ok_button.setEnabled(False)  # one save at a time
        dialog.message.clear()
        Op(lambda: change(session.catalog_changes()), parent=self._window).success(saved).failure(
            failed
        ).run_in_background()

    def _announce_catalog_change(self) -> None:
        if self._catalog_changed is not None:
            self._catalog_changed()

    def open_workstation_branch(self) -> WorkstationBranchDialog | None:
        workstation = self._workstation
        if workstation is None:
            return None
        dialog = WorkstationBranchDialog(
            self._session.catalog, workstation.host_name, workstation.branch(), self._window
        )
        dialog.accepted.connect(lambda: workstation.set_branch(dialog.chosen()))
        return self._open(dialog)

    def open_audit_log(self) -> AuditView:
        return self._open(AuditView(self._session, self._window))

    def _open(self, dialog: D) -> D:
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def watch_smtp_dialog(self, dialog: SmtpDialog) -> None:
        """The SMTP dialog (built elsewhere): its password field gets the eye button, and
        each save is audited with the changed fields (the password only as "changed")."""
        dialog.password_field.set_secret(SecretRef.smtp(), SMTP_TARGET)
        store, audit = SmtpStore(self._session.catalog.db), self._session.change_audit
        before: list[SmtpSettings] = []
        # What is stored when the dialog opens (the dialog itself loads it in the background).
        Op(lambda: store.get().settings, parent=self._window).success(before.append).failure(
            lambda exc: log.warning("SMTP settings not read for the audit: %s", exc)
        ).run_in_background()

        def saved(after: SmtpSettings) -> None:
            # Read now: the field still holds what was typed; only "changed" is kept.
            change = dialog.password_field.password_change()
            previous = before[0] if before else SmtpSettings()
            before[:] = [after]
            Op(lambda: audit.smtp_changed(previous, after, change), parent=self._window).failure(
                lambda exc: log.error("SMTP change not audited: %s", type(exc).__name__)
            ).run_in_background()

        dialog.saved.connect(saved)

    def _options_changed(self) -> None:
        # The eye button depends on an option: every password field asks again.
        for field in self._window.findChildren(PasswordField):
            field.update_reveal_button()
