"""Which computer holds which version of an interface's password, on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid

import pytest

from desktop_app.domain.interface import InterfaceSettings
from desktop_app.domain.password_holders import HolderState
from desktop_app.store.catalog import Catalog
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.password_holders import PasswordHolderRecords


@pytest.fixture
def interfaces(any_db, sample_settings: InterfaceSettings) -> InterfaceRepository:
    catalog = Catalog(any_db)
    for mandant in sample_settings.mandants:
        catalog.add_mandant(mandant)
    catalog.add_branch("Optik Nord")
    return InterfaceRepository(any_db)


def test_each_set_draws_a_new_random_version_held_only_where_it_was_set(
    interfaces, sample_settings
):
    first = interfaces.save(sample_settings, password_stored=True, password_set_on="KASSE-01")
    coverage = first.password_coverage
    assert uuid.UUID(first.password_version).version == 4
    assert coverage.state_on("kasse-01") is HolderState.CURRENT  # names ignore case
    assert coverage.state_on("SERVER") is HolderState.MISSING
    assert coverage.nobody_can_run("KASSE-01") is False

    second = interfaces.password_set(sample_settings.name, "SERVER")
    coverage = second.password_coverage
    assert second.password_version not in (None, first.password_version)
    assert coverage.state_on("SERVER") is HolderState.CURRENT
    assert coverage.state_on("KASSE-01") is HolderState.OUTDATED
    assert coverage.current_holders() == ["SERVER"]
    # Bound to KASSE-01, whose password is outdated: no computer may run it.
    assert coverage.nobody_can_run("KASSE-01") is True
    assert coverage.nobody_can_run(None) is False

    again = interfaces.password_set(sample_settings.name, "kasse-01")
    assert {h.computer for h in again.password_holders} == {"SERVER", "kasse-01"}
    assert again.password_coverage.current_holders() == ["kasse-01"]


def test_saving_without_a_password_change_keeps_version_and_holders(interfaces, sample_settings):
    first = interfaces.save(sample_settings, password_stored=True, password_set_on="KASSE-01")
    later = interfaces.save(
        sample_settings.with_changes(filename_filter="Neu"), original_name=sample_settings.name
    )
    assert later.password_version == first.password_version
    assert later.password_holders == first.password_holders


def test_a_deleted_password_forgets_version_and_holders(interfaces, sample_settings):
    interfaces.save(sample_settings, password_stored=True, password_set_on="KASSE-01")
    cleared = interfaces.save(
        sample_settings, original_name=sample_settings.name, password_stored=False
    )
    assert (cleared.password_version, cleared.password_holders) == (None, ())
    assert cleared.password_coverage.state_on("KASSE-01") is HolderState.NOT_NEEDED
    assert not cleared.password_coverage.nobody_can_run(None)


def test_an_unconfirmed_password_is_taken_over_by_one_computer_only(
    any_db, interfaces, sample_settings
):
    """A password stored before versions existed: the first computer to claim it wins."""
    stored = interfaces.save(sample_settings, password_stored=True)
    assert stored.password_coverage.state_on("KASSE-01") is HolderState.UNCONFIRMED
    records = PasswordHolderRecords(any_db)
    assert records.adopt_unconfirmed(stored.id, "SERVER")
    assert not records.adopt_unconfirmed(stored.id, "KASSE-01")
    assert not records.adopt_unconfirmed(stored.id, "SERVER")  # already versioned
    now = interfaces.get(sample_settings.name).password_coverage
    assert now.current_holders() == ["SERVER"]
    assert now.state_on("KASSE-01") is HolderState.MISSING


def test_no_password_is_never_taken_over(any_db, interfaces, sample_settings):
    stored = interfaces.save(sample_settings)
    assert not PasswordHolderRecords(any_db).adopt_unconfirmed(stored.id, "SERVER")
    assert interfaces.get(sample_settings.name).password_holders == ()


def test_holders_go_with_their_interface(any_db, interfaces, sample_settings):
    interfaces.save(sample_settings, password_stored=True, password_set_on="KASSE-01")
    interfaces.delete(sample_settings.name)
    interfaces.save(sample_settings)
    assert interfaces.get(sample_settings.name).password_holders == ()
