"""The form says on which computers the password is stored and whether it is current;
the list marks interfaces that no computer can run; Verwendung says which way applies."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop_app.demo import MemoryKeyring
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.store.secrets import SecretStore
from desktop_app.ui.interface_columns import COMPUTER
from desktop_app.ui.interface_form_texts import USAGE

from .conftest import TEST_HOST
from .helpers import wait_idle


def computer(repository, name: str) -> InterfaceEditor:
    """Another computer of the chain: its own keyring, the shared database."""
    return InterfaceEditor(repository, SecretStore(MemoryKeyring()), computer=name)


def usage_hint(form) -> str:
    return form.field_boxes[USAGE].message.text()


def test_the_form_shows_an_outdated_password_after_a_change_elsewhere(
    make_window, repository, sample_settings, qtbot
):
    chain_wide = sample_settings.with_changes(workstation=None, branch=None)
    here = computer(repository, TEST_HOST)
    server = computer(repository, "SERVER")
    here.save(chain_wide, password="Erstes-Passwort-1")
    window = make_window(here)
    window.select_interface(chain_wide.name)
    wait_idle(qtbot)
    form = window.form
    assert form.usage_label.text() == "Serverseitig"
    holders = form.password_holders_label.text()
    assert holders.startswith("KASSE-TEST (dieser Rechner): aktuell (gespeichert ")
    assert usage_hint(form).endswith("und der das aktuelle Passwort hat: KASSE-TEST.")

    server.set_password(chain_wide.name, "Zweites-Passwort-2")  # changed on the server
    window.reload_list()
    wait_idle(qtbot)
    window.editing.show(chain_wide.name)  # as choosing it again after the list's refresh
    wait_idle(qtbot)
    lines = form.password_holders_label.text().splitlines()
    assert lines[0].startswith("KASSE-TEST (dieser Rechner): veraltet (gespeichert ")
    assert lines[1].startswith("SERVER: aktuell (gespeichert ")
    assert usage_hint(form).endswith("und der das aktuelle Passwort hat: SERVER.")


def test_the_list_marks_an_interface_no_computer_can_run(
    make_window, repository, sample_settings, qtbot
):
    """Bound to KASSE-01, the password typed on the administrator's computer only."""
    admin = computer(repository, "ADMIN-PC")
    admin.save(sample_settings, password="Passwort-vom-Admin-1")
    window = make_window(admin)
    window.select_interface(sample_settings.name)
    wait_idle(qtbot)
    model = window.panel.model
    row = model.row_of(sample_settings.name)
    index = model.index(row, COMPUTER)
    assert not model.data(index, Qt.ItemDataRole.DecorationRole).isNull()
    assert model.data(index, Qt.ItemDataRole.ToolTipRole) == (
        "Läuft nicht: „KASSE-01“ hat das aktuelle Passwort nicht. Geben Sie es dort ein."
    )
    form = window.form
    assert form.usage_label.text() == "Arbeitsplatz („KASSE-01“)"
    assert usage_hint(form) == (
        "Läuft nicht: Auf „KASSE-01“ ist kein Passwort gespeichert. Geben Sie es dort ein."
    )

    computer(repository, "KASSE-01").set_password(sample_settings.name, "Passwort-Kasse-2")
    window.reload_list()
    wait_idle(qtbot)
    index = model.index(model.row_of(sample_settings.name), COMPUTER)
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is None
    assert not model.data(index, Qt.ItemDataRole.ToolTipRole)
    window.editing.show(sample_settings.name)
    wait_idle(qtbot)
    assert usage_hint(form) == "Läuft nur auf „KASSE-01“, solange dort die Zeitplanung läuft."


def test_no_password_means_no_holders_and_any_computer(window):
    form = window.form
    assert form.password_holders_label.text() == "Kein Passwort gespeichert."
    assert usage_hint(form) == (
        "Läuft auf jedem Rechner, dessen Zeitplanung läuft (der Dienst oder ein geöffnetes "
        "Programm)."
    )
