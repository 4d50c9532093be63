"""An active interface without a next run on this computer: the list's „—“ says why in
its tooltip, as the scheduler decided it, in German and in English."""

# The fixtures imported from other test modules are the tests' parameters by design.
# ruff: noqa: F811

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import Qt

from desktop_app.demo import MemoryKeyring
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.scheduler import SchedulePlanner, SchedulerLoop
from desktop_app.store.secrets import SecretStore
from desktop_app.ui.interface_list_model import NEXT_RUN, InterfaceListModel
from tests.jobs.test_scheduler import BERLIN, at, save
from tests.jobs.test_scheduler_reasons import as_before_versions
from tests.jobs.test_scheduler_threads import daily_settings

from .run_fixtures import cell
from .test_english import english  # noqa: F401 - a fixture by name
from .test_scheduler_gui import SIGNAL_TIMEOUT, never_due, scheduler_for  # noqa: F401

TOOLTIP = Qt.ItemDataRole.ToolTipRole


def computer(repository, name: str) -> InterfaceEditor:
    """A computer of the chain: its own keyring, the shared database."""
    return InterfaceEditor(repository, SecretStore(MemoryKeyring()), computer=name)


def interfaces_not_run_here(repository, sample_settings) -> None:
    """What the scheduler on KASSE-01 in Optik Nord does not plan, each for its reason."""
    # Runs here: no reason to give (created before the frozen clock, so nothing is missed).
    save(repository, daily_settings(sample_settings), created=at(2, 9))
    repository.save(daily_settings(sample_settings, "Anderswo", workstation="KASSE-02"))
    repository.save(daily_settings(sample_settings, "Aus", enabled=False))
    # Bound to this computer, the password typed on the administrator's only.
    computer(repository, "ADMIN-PC").save(
        daily_settings(sample_settings, "Ohne Passwort"), password="Passwort-Admin-1"
    )
    # For the whole chain, and the service's computer holds the password.
    computer(repository, "SERVER").save(
        daily_settings(sample_settings, "Beim Dienst", workstation=None),
        password="Passwort-Dienst-1",
    )


def test_the_list_says_in_german_why_an_interface_has_no_next_run(
    qtbot, make_window, no_keyring_editor, repository, sample_settings, scheduler_for
):
    interfaces_not_run_here(repository, sample_settings)
    scheduler = scheduler_for(never_due, at(2, 10))
    window = make_window(no_keyring_editor, scheduler=scheduler)
    scheduler.start()
    qtbot.waitUntil(lambda: cell(window, "Täglich", NEXT_RUN) != "—", timeout=SIGNAL_TIMEOUT)

    assert cell(window, "Täglich", NEXT_RUN) == at(3, 7, 30).astimezone().strftime("%d.%m. %H:%M")
    assert cell(window, "Täglich", NEXT_RUN, TOOLTIP) is None
    assert cell(window, "Anderswo", NEXT_RUN) == "—"
    assert cell(window, "Anderswo", NEXT_RUN, TOOLTIP) == (
        "Läuft nur auf dem Rechner „KASSE-02“, nicht auf diesem Rechner."
    )
    assert cell(window, "Ohne Passwort", NEXT_RUN) == "—"
    assert cell(window, "Ohne Passwort", NEXT_RUN, TOOLTIP) == (
        "Läuft hier nicht: Auf diesem Rechner ist kein Passwort gespeichert. "
        "Geben Sie es hier im Formular ein."
    )
    # Typed here, the password would become the current one and stop the service's runs.
    assert cell(window, "Beim Dienst", NEXT_RUN, TOOLTIP) == (
        "Läuft hier nicht: Das aktuelle Passwort liegt nur auf SERVER."
    )
    assert (
        cell(window, "Aus", NEXT_RUN, TOOLTIP)
        == "Inaktiv: Die Schnittstelle läuft nicht nach Zeitplan."
    )


def next_run_tooltip(model: InterfaceListModel, name: str) -> object:
    row = model.row_of(name)
    assert row is not None
    return model.index(row, NEXT_RUN).data(TOOLTIP)


def planned_on_kasse_01(db, repository, lang: str) -> InterfaceListModel:
    """The list as KASSE-01 in branch Optik Nord shows it after one pass of its scheduler."""
    frozen = at(2, 10).astimezone(UTC)
    loop = SchedulerLoop(
        db,
        never_due,
        this_computer="KASSE-01",
        this_branch="Optik Nord",
        planner=SchedulePlanner(BERLIN),
        now=lambda: frozen,
    )
    loop.run_pending()
    model = InterfaceListModel(lang)
    model.set_interfaces(repository.list())
    model.set_next_runs(loop.next_runs())
    return model


def test_the_list_says_in_english_why_an_interface_has_no_next_run(
    qtbot, english, db, repository, sample_settings
):
    interfaces_not_run_here(repository, sample_settings)
    model = planned_on_kasse_01(db, repository, "en")

    def tooltip(name: str) -> object:
        return next_run_tooltip(model, name)

    assert model.index(model.row_of("Täglich"), NEXT_RUN).data() != "—"
    assert tooltip("Täglich") is None
    assert tooltip("Anderswo") == "Runs only on the computer “KASSE-02”, not on this computer."
    assert tooltip("Ohne Passwort") == (
        "Does not run here: the password is not stored on this computer. Enter it here in the form."
    )
    assert tooltip("Beim Dienst") == (
        "Does not run here: the current password is held only by SERVER."
    )
    assert tooltip("Aus") == "Inactive: it does not run on schedule."


def saved_before_versions(db, repository, settings) -> None:
    """An interface whose password an older version stored, as the upgrade left it."""
    computer(repository, "KASSE-01").save(settings, password="früher")
    as_before_versions(db, settings.name)


def test_a_password_from_before_versions_of_an_interface_bound_here_is_to_be_entered_here(
    qtbot, german, db, repository, sample_settings
):
    # Bound to this computer, no other one will ever find the password and run it.
    saved_before_versions(db, repository, daily_settings(sample_settings, "Gebunden"))
    saved_before_versions(
        db, repository, daily_settings(sample_settings, "Kette", workstation=None)
    )
    model = planned_on_kasse_01(db, repository, "de")

    def tooltip(name: str) -> object:
        return next_run_tooltip(model, name)

    assert tooltip("Gebunden") == (
        "Läuft hier nicht: Das vor dieser Programmversion gespeicherte Passwort liegt nicht im "
        "Schlüsselbund dieses Rechners. Geben Sie es hier im Formular ein."
    )
    assert tooltip("Kette") == (
        "Läuft hier nicht: Das vor dieser Programmversion gespeicherte Passwort liegt nicht im "
        "Schlüsselbund dieses Rechners. Die Schnittstelle läuft auf dem ersten Rechner, der es "
        "in seinem Schlüsselbund findet."
    )
