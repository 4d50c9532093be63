"""The menu "Verwaltung" for administrators only (users, chain options, branches and
Mandanten, the audit log, the configuration's export and import) and "Eigenes Passwort
ändern" for everyone who logged in. The dialogs open window-modal (``open()``), so the main
loop keeps running. What they change the jobs announce; the views refresh themselves from
that (ui.changes)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QDir, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMenuBar,
    QMessageBox,
)
from shiboken6 import isValid

from .ops import Op, error_text

# The dialogs load when first opened: the window's start does not wait for them.
if TYPE_CHECKING:
    from ..jobs.change_audit import AuditedCatalog
    from ..jobs.config_transfer import ConfigTransfer
    from ..jobs.user_session import UserSession
    from .audit_view import AuditView
    from .catalog_dialog import CatalogDialog
    from .catalog_entry import EntryDialog
    from .chain_options_dialog import ChainOptionsDialog
    from .change_password_dialog import ChangePasswordDialog
    from .config_import_dialog import ConfigImportDialog
    from .smtp_dialog import SmtpDialog
    from .users_dialog import UsersDialog
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
        workstation: WorkstationBranch | None = None,
        config_jobs: Callable[[], ConfigTransfer] | None = None,
    ):
        """``workstation``: this computer's branch setting (the main window keeps it);
        ``config_jobs``: the configuration's export and import, audited as this user."""
        super().__init__(window)
        self._window = window
        self._session = session
        self._workstation = workstation
        self._config_jobs = config_jobs
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
        self.export_config_action = QAction(self.tr("&Export configuration …"), self)
        self.export_config_action.setObjectName("exportConfigAction")
        self.export_config_action.triggered.connect(lambda: self.export_config())
        self.import_config_action = QAction(self.tr("&Import configuration …"), self)
        self.import_config_action.setObjectName("importConfigAction")
        self.import_config_action.triggered.connect(lambda: self.import_config())

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
        if self._config_jobs is not None:
            self.menu.addSeparator()
            self.menu.addActions([self.export_config_action, self.import_config_action])

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
        from .change_password_dialog import ChangePasswordDialog

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
        from .users_dialog import UsersDialog

        return self._open(UsersDialog(self._session, self._window), admin=True)

    def open_chain_options(self) -> ChainOptionsDialog:
        from .chain_options_dialog import ChainOptionsDialog

        return self._open(ChainOptionsDialog(self._session, self._window), admin=True)

    def open_catalog(self) -> CatalogDialog:
        from .catalog_dialog import CatalogDialog

        dialog = CatalogDialog(self._session, self._window)
        workstation = self._workstation
        if workstation is not None:
            dialog.branch_renamed.connect(workstation.branch_renamed)
        return self._open(dialog, admin=True)

    def add_mandant_in_place(self, added: Callable[[str], None]) -> EntryDialog | None:
        """A new Mandant from where it is missing (the form); ``added(name)`` once saved."""
        from .catalog_entry import digits_edit, name_edit, read_mandant

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
            edits = dialog.fields
            name, berater, number = read_mandant(
                edits["name"], edits["datev_berater"], edits["datev_mandant"], problems
            )
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
        from .catalog_entry import name_edit

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
        from .catalog_entry import EntryDialog

        dialog = EntryDialog(self._window, title, fields, self.tr("Add"), self.tr("Cancel"))
        return self._open(dialog, admin=True)

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

    def open_workstation_branch(self) -> WorkstationBranchDialog | None:
        from .workstation_branch_dialog import WorkstationBranchDialog

        workstation = self._workstation
        if workstation is None:
            return None
        dialog = WorkstationBranchDialog(
            self._session.branch_names, workstation.host_name, workstation.branch(), self._window
        )
        dialog.accepted.connect(lambda: workstation.set_branch(dialog.chosen()))
        return self._open(dialog, admin=True)

    def export_config(self, path: Path | None = None) -> Op[None] | None:
        """Konfiguration exportieren: every entry but the passwords, into one file."""
        if self._config_jobs is None or not self._session.is_admin:
            return None
        path = path or self._ask_config_path(save=True)
        if path is None:
            return None
        jobs, window = self._config_jobs(), self._window
        written = self.tr("Configuration exported to {path} (without passwords).")

        def done(_result: object) -> None:
            if isValid(window):
                window.statusBar().showMessage(written.format(path=path), 10000)

        def failed(exc: Exception) -> None:
            if isValid(window):
                QMessageBox.warning(window, self.tr("Export configuration"), error_text(exc))

        return (
            Op(lambda: jobs.export_file(path), parent=window)
            .success(done)
            .failure(failed)
            .run_in_background()
        )

    def import_config(self, path: Path | None = None) -> ConfigImportDialog | None:
        """Konfiguration importieren: the preview first, then the import on request."""
        if self._config_jobs is None or not self._session.is_admin:
            return None
        path = path or self._ask_config_path(save=False)
        if path is None:
            return None
        from .config_import_dialog import ConfigImportDialog

        return self._open(ConfigImportDialog(self._config_jobs(), path, self._window), admin=True)

    def _ask_config_path(self, *, save: bool) -> Path | None:
        files = self.tr("Configuration files (*.json);;All files (*)")
        if save:
            start = str(Path(QDir.homePath()) / "konfiguration.json")
            chosen, _filter = QFileDialog.getSaveFileName(
                self._window, self.tr("Export configuration"), start, files
            )
        else:
            chosen, _filter = QFileDialog.getOpenFileName(
                self._window, self.tr("Import configuration"), QDir.homePath(), files
            )
        return Path(chosen) if chosen else None

    def open_audit_log(self) -> AuditView:
        from .audit_view import AuditView

        return self._open(AuditView(self._session, self._window))

    def _open(self, dialog: D, *, admin: bool = False) -> D:
        """``admin``: for administrators only, so it follows their rights while open."""
        if admin:
            from .admin_dialogs import mark_admin_dialog

            mark_admin_dialog(dialog)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def watch_smtp_dialog(self, dialog: SmtpDialog) -> None:
        """The SMTP dialog (built elsewhere) gets the eye button of the stored password."""
        from ..jobs.credentials import SecretRef

        dialog.password_field.set_secret(SecretRef.smtp(), SMTP_TARGET)
