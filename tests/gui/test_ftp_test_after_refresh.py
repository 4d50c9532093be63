"""A shown FTP Test result and the refresh (Strg+R, the timer, coming back to the
window): another computer's change that leaves the connection as tested keeps the result;
one that changes what the Test used clears it, since it no longer describes the form."""

# The fixtures imported from the support modules are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

from dataclasses import replace

import pytest

from desktop_app.domain.interface import FtpSettings, Protocol
from desktop_app.store.interfaces import InterfaceRepository

from ..integration.conftest import USER, ftp_root, serve_ftp  # noqa: F401
from .helpers import wait_idle
from .refresh_support import session_for  # noqa: F401
from .users_support import admin, other_computer, session_window, users  # noqa: F401

RESULT_WAIT = 30000  # ms; generous: the machine is shared, and no test measures time


@pytest.fixture
def tested(qtbot, session_window, no_keyring_editor, session_for, admin, sample_settings,
           serve_ftp):  # fmt: skip
    """An administrator's window whose clean form shows a Test result of its interface."""
    server = serve_ftp()
    settings = sample_settings.with_changes(
        ftp=FtpSettings(Protocol.FTP, host=server.host, port=server.port, user=USER)
    )
    no_keyring_editor.repository.save(settings)
    window = session_window(no_keyring_editor, session_for(admin))
    window.ask_unsaved_changes = lambda: pytest.fail("asked about unsaved changes")
    panel = window.form.ftp_test
    with qtbot.waitSignal(panel.finished, timeout=RESULT_WAIT):
        panel.test_button.click()
    assert panel.last_result is not None and panel.steps_view.isVisible()
    assert not window.form.is_dirty()
    return window, settings


def _refresh(qtbot, window) -> None:
    window.refresh_action.trigger()
    wait_idle(qtbot)


def test_a_change_beside_the_connection_keeps_the_test_result(qtbot, tested, other_computer):
    window, settings = tested
    panel = window.form.ftp_test
    result = panel.last_result
    InterfaceRepository(other_computer).save(
        settings.with_changes(enabled=False, filename_filter="Neu_von_drueben"),
        original_name=settings.name,
    )
    _refresh(qtbot, window)
    assert window.form.filename_edit.text() == "Neu_von_drueben"  # re-shown, clean
    assert panel.last_result is result
    assert panel.steps_view.isVisibleTo(panel)


def _new_host(repository: InterfaceRepository, settings) -> None:
    ftp = replace(settings.ftp, host="ftp.anders.example")
    repository.save(settings.with_changes(ftp=ftp), original_name=settings.name)


def _new_password(repository: InterfaceRepository, settings) -> None:
    repository.password_set(settings.name, "ANDERER-PC")


def _trusted_certificate(repository: InterfaceRepository, settings) -> None:
    repository.set_trusted_fingerprint(settings.name, "ab" * 32)


@pytest.mark.parametrize(
    "change",
    [_new_host, _new_password, _trusted_certificate],
    ids=["host", "password", "fingerprint"],
)
def test_a_change_to_what_the_test_used_clears_the_result(qtbot, tested, other_computer, change):
    window, settings = tested
    panel = window.form.ftp_test
    elsewhere = InterfaceRepository(other_computer)
    change(elsewhere, settings)
    _refresh(qtbot, window)
    assert window.editing.current == elsewhere.get(settings.name)  # shown as it is now
    assert panel.last_result is None and not panel.steps_view.isVisibleTo(panel)
