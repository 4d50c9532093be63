"""The jobs the main window and its dialogs work with, made from the window's editor and
session: the window holds jobs, never the database or the keyring itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .changes import Change
from .interface_edit import InterfaceEditor
from .user_session import NotAllowed, UserSession
from .view_queries import ViewQueries

# Datei importieren, the Klärungsfälle and the SMTP dialog load their jobs when opened,
# not at the start.
if TYPE_CHECKING:
    from .case_desk import CaseDesk
    from .config_transfer import ConfigTransfer
    from .file_import import LocalFileImport
    from .smtp_setup import SmtpSetup


def queries_for(editor: InterfaceEditor) -> ViewQueries:
    """The reads of the window, on ``editor``'s database."""
    return ViewQueries(editor.repository.db)


def session_without_login(editor: InterfaceEditor) -> UserSession:
    """Nobody logged in (tests, the smoke run): changes audited as the OS account."""
    return UserSession.open(editor.repository.db, editor.secrets, None, changes=editor.changes)


def file_import_for(editor: InterfaceEditor, session: UserSession) -> LocalFileImport:
    """Datei importieren, audited as ``session``'s user."""
    from .file_import import LocalFileImport

    return LocalFileImport(editor.repository.db, session.change_audit, editor.changes)


def case_desk_for(editor: InterfaceEditor, session: UserSession | None) -> CaseDesk:
    """The Klärungsfälle as ``session``'s user may work on them."""
    from .case_desk import CaseActor, CaseDesk

    user = session.user if session is not None else None
    return CaseDesk(editor.repository.db, CaseActor.of_user(user), changes=editor.changes)


def smtp_setup_for(editor: InterfaceEditor, session: UserSession | None = None) -> SmtpSetup:
    """The SMTP server's settings and password; ``session``: whose saves these are, each
    allowed only while the user is an administrator (None: reading and testing only, as
    the form's e-mail test does)."""
    from .smtp_setup import SmtpSetup

    if session is None:
        return SmtpSetup(editor.repository.db, editor.secrets, None, editor.changes)
    return SmtpSetup(
        editor.repository.db,
        editor.secrets,
        session.change_audit,
        editor.changes,
        still_allowed=session.require_admin,
    )


def config_transfer_for(editor: InterfaceEditor, session: UserSession) -> ConfigTransfer:
    """Exporting and importing the configuration: administrators only, audited as them."""
    if not session.is_admin:
        raise NotAllowed()
    from .config_transfer import ConfigTransfer

    return ConfigTransfer(
        editor.repository.db,
        editor.secrets,
        session.change_audit,
        editor.changes,
        still_allowed=session.require_admin,
    )


def trust_fingerprint(editor: InterfaceEditor, name: str, fingerprint: str) -> None:
    """Trust ``fingerprint`` for the saved interface ``name`` (the Test's "trust")."""
    editor.repository.set_trusted_fingerprint(name, fingerprint)
    if editor.changes is not None:
        editor.changes.publish(Change.INTERFACES)
