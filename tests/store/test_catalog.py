"""Renaming and deleting branches and Mandanten (on SQLite and PostgreSQL, see conftest).

The ``catalog`` fixture holds the Mandanten "1" (DATEV 12345/1) and "2" and the branches
"Hörakustik Mitte" and "Optik Nord"; ``sample_settings`` uses "Optik Nord", "1" and "2".
"""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.store.catalog import (
    DuplicateNameError,
    EntryInUseError,
    EntryNotFoundError,
    InvalidDatevNumberError,
    InvalidNameError,
    MandantInfo,
)
from desktop_app.store.ledger import Ledger
from desktop_app.store.ledger_models import Invoice
from desktop_app.store.models import Branch, Mandant

HEADER = "Rechnungsnummer;Mandant;Filiale;Rechnungsdatum;Betrag;OffenerBetrag\n"


def load_invoices(db, count: int, *, mandant: str = "1", branch: str = "Optik Nord") -> None:
    rows = "".join(
        f"RE-{mandant}-{i};{mandant};{branch};01.03.2026;10,00;10,00\n" for i in range(count)
    )
    Ledger(db).import_invoices(read_invoices((HEADER + rows).encode(), file_name="r.csv"))


# --- branches ---------------------------------------------------------------------------------


def test_a_branch_rename_reaches_its_interfaces_and_invoices(
    db, catalog, repository, sample_settings
):
    repository.save(sample_settings)
    load_invoices(db, 2)

    assert catalog.rename_branch("Optik Nord", "  Optik Nordost ") is True

    assert catalog.branch_names() == ["Hörakustik Mitte", "Optik Nordost"]
    assert repository.get(sample_settings.name).settings.branch == "Optik Nordost"
    assert {i.branch for i in Ledger(db).invoices()} == {"Optik Nordost"}


def test_renaming_a_branch_to_its_own_name_changes_nothing(catalog):
    assert catalog.rename_branch("Optik Nord", "Optik Nord ") is False
    assert catalog.branch_names() == ["Hörakustik Mitte", "Optik Nord"]


def test_a_branch_may_change_only_the_case_of_its_name(catalog):
    assert catalog.rename_branch("Optik Nord", "OPTIK NORD") is True
    assert catalog.branch_names() == ["Hörakustik Mitte", "OPTIK NORD"]


def test_a_branch_cannot_take_the_name_of_another(catalog):
    with pytest.raises(DuplicateNameError) as err:
        catalog.rename_branch("Optik Nord", "Hörakustik Mitte")
    assert err.value.message_de == "Die Filiale „Hörakustik Mitte“ gibt es bereits."
    assert catalog.branch_names() == ["Hörakustik Mitte", "Optik Nord"]


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_branch_needs_a_name_that_fits(catalog, name):
    with pytest.raises(InvalidNameError) as err:
        catalog.rename_branch("Optik Nord", name)
    assert err.value.message_de in (
        "Bitte einen Namen eingeben.",
        "Der Name darf höchstens 100 Zeichen lang sein.",
    )
    assert catalog.branch_names() == ["Hörakustik Mitte", "Optik Nord"]


def test_renaming_or_deleting_a_missing_branch_says_so(catalog):
    with pytest.raises(EntryNotFoundError) as err:
        catalog.rename_branch("Optik Süd", "Optik West")
    assert err.value.message_de == "Die Filiale „Optik Süd“ gibt es nicht."
    with pytest.raises(EntryNotFoundError):
        catalog.delete_branch("Optik Süd")
    assert catalog.branch_names() == ["Hörakustik Mitte", "Optik Nord"]


def test_a_branch_in_use_is_not_deleted_and_the_message_counts_its_users(
    db, catalog, repository, sample_settings
):
    repository.save(sample_settings)
    repository.save(sample_settings.with_changes(name="Zweite"))
    load_invoices(db, 15)

    with pytest.raises(EntryInUseError) as err:
        catalog.delete_branch("Optik Nord")

    assert (err.value.interfaces, err.value.invoices) == (2, 15)
    assert err.value.message_de == (
        "Die Filiale „Optik Nord“ wird noch von 2 Schnittstellen und 15 Rechnungen "
        "verwendet und kann nicht gelöscht werden."
    )
    assert "Optik Nord" in catalog.branch_names()
    assert len(Ledger(db).invoices()) == 15


def test_a_branch_used_by_one_interface_only(catalog, repository, sample_settings):
    repository.save(sample_settings)
    with pytest.raises(EntryInUseError) as err:
        catalog.delete_branch("Optik Nord")
    assert err.value.message_de == (
        "Die Filiale „Optik Nord“ wird noch von 1 Schnittstelle verwendet "
        "und kann nicht gelöscht werden."
    )
    assert str(err.value) == (
        "branch 'Optik Nord' is still used by 1 interface and cannot be deleted"
    )


def test_a_branch_used_by_invoices_only(db, catalog):
    load_invoices(db, 1)
    with pytest.raises(EntryInUseError) as err:
        catalog.delete_branch("Optik Nord")
    assert (err.value.interfaces, err.value.invoices) == (0, 1)
    assert "von 1 Rechnung verwendet" in err.value.message_de


def test_an_unused_branch_is_deleted(db, catalog, repository, sample_settings):
    repository.save(sample_settings)  # uses "Optik Nord", not "Hörakustik Mitte"
    load_invoices(db, 3)
    catalog.delete_branch("Hörakustik Mitte")
    assert catalog.branch_names() == ["Optik Nord"]
    catalog.add_branch("Hörakustik Mitte")  # the name is free again
    assert catalog.branch_names() == ["Hörakustik Mitte", "Optik Nord"]


# --- Mandanten --------------------------------------------------------------------------------


def test_a_mandant_rename_reaches_its_interfaces_and_invoices(
    db, catalog, repository, sample_settings
):
    repository.save(sample_settings)
    load_invoices(db, 2, mandant="1")

    before, after = catalog.update_mandant("1", "1 Optik", 12345, 1)

    assert (before, after) == (MandantInfo("1", 12345, 1), MandantInfo("1 Optik", 12345, 1))
    assert catalog.mandant_names() == ["1 Optik", "2"]
    assert repository.get(sample_settings.name).settings.mandants == ("1 Optik", "2")
    assert {i.mandant for i in Ledger(db).invoices()} == {"1 Optik"}


def test_the_datev_numbers_are_set_and_cleared(catalog):
    catalog.update_mandant("2", "2", 29098, 55003)
    assert catalog.mandant("2") == MandantInfo("2", 29098, 55003)
    before, after = catalog.update_mandant("1", "1", None, None)
    assert (before, after) == (MandantInfo("1", 12345, 1), MandantInfo("1"))
    assert catalog.mandants() == [MandantInfo("1"), MandantInfo("2", 29098, 55003)]


@pytest.mark.parametrize(
    ("berater", "number", "message"),
    [
        (1000, None, "Die DATEV-Beraternummer hat 4 bis 7 Ziffern (1001 bis 9999999)."),
        (10_000_000, None, "Die DATEV-Beraternummer hat 4 bis 7 Ziffern (1001 bis 9999999)."),
        (None, 0, "Die DATEV-Mandantennummer liegt zwischen 1 und 99999."),
        (None, 100_000, "Die DATEV-Mandantennummer liegt zwischen 1 und 99999."),
    ],
)
def test_datev_numbers_out_of_range_are_refused(catalog, berater, number, message):
    with pytest.raises(InvalidDatevNumberError) as err:
        catalog.update_mandant("1", "1", berater, number)
    assert err.value.message_de == message
    with pytest.raises(InvalidDatevNumberError):
        catalog.add_mandant("3", berater, number)
    assert catalog.mandants() == [MandantInfo("1", 12345, 1), MandantInfo("2")]


def test_a_mandant_cannot_take_the_name_of_another(catalog):
    with pytest.raises(DuplicateNameError) as err:
        catalog.update_mandant("1", "2", 12345, 1)
    assert err.value.message_de == "Den Mandanten „2“ gibt es bereits."
    assert catalog.mandant_names() == ["1", "2"]


def test_a_mandant_needs_a_name(catalog):
    with pytest.raises(InvalidNameError):
        catalog.update_mandant("1", " ", 12345, 1)
    assert catalog.mandant_names() == ["1", "2"]


def test_changing_or_deleting_a_missing_mandant_says_so(catalog):
    with pytest.raises(EntryNotFoundError) as err:
        catalog.update_mandant("7", "8", None, None)
    assert err.value.message_de == "Den Mandanten „7“ gibt es nicht."
    with pytest.raises(EntryNotFoundError):
        catalog.delete_mandant("7")
    with pytest.raises(EntryNotFoundError):
        catalog.mandant("7")


def test_a_mandant_in_use_is_not_deleted(db, catalog, repository, sample_settings):
    repository.save(sample_settings)  # Mandanten "1" and "2"
    load_invoices(db, 4, mandant="2")

    with pytest.raises(EntryInUseError) as err:
        catalog.delete_mandant("2")

    assert (err.value.interfaces, err.value.invoices) == (1, 4)
    assert err.value.message_de == (
        "Der Mandant „2“ wird noch von 1 Schnittstelle und 4 Rechnungen verwendet "
        "und kann nicht gelöscht werden."
    )
    assert catalog.mandant_names() == ["1", "2"]
    assert repository.get(sample_settings.name).settings.mandants == ("1", "2")


def test_a_mandant_used_by_invoices_only(db, catalog):
    load_invoices(db, 1, mandant="1")
    with pytest.raises(EntryInUseError) as err:
        catalog.delete_mandant("1")
    assert (err.value.interfaces, err.value.invoices) == (0, 1)


def test_an_unused_mandant_is_deleted(db, catalog, repository, sample_settings):
    repository.save(sample_settings.with_changes(mandants=("1",)))
    catalog.delete_mandant("2")
    assert catalog.mandant_names() == ["1"]
    assert repository.get(sample_settings.name).settings.mandants == ("1",)


def test_a_deleted_interface_no_longer_holds_its_branch_and_mandants(
    catalog, repository, sample_settings
):
    repository.save(sample_settings)
    repository.delete(sample_settings.name)
    catalog.delete_branch("Optik Nord")
    catalog.delete_mandant("2")
    assert catalog.branch_names() == ["Hörakustik Mitte"]
    assert catalog.mandant_names() == ["1"]


def test_a_reference_added_while_a_delete_counts_keeps_the_branch(db, catalog):
    """Another computer books an invoice for the branch while it is being deleted: the
    delete waits for that transaction and then refuses, instead of deleting first."""
    outcome: list[BaseException | None] = []

    def delete() -> None:
        try:
            catalog.delete_branch("Hörakustik Mitte")
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    with db.session() as s:
        branch_id = s.scalar(select(Branch.id).where(Branch.name == "Hörakustik Mitte"))
        mandant_id = s.scalar(select(Mandant.id).where(Mandant.name == "1"))
        s.add(
            Invoice(
                number="RE-1",
                number_norm="RE1",
                number_digits="1",
                mandant_id=mandant_id,
                branch_id=branch_id,
                invoice_date=date(2026, 3, 1),
                amount=Decimal("1.00"),
                open_amount=Decimal("1.00"),
            )
        )
        s.flush()  # written, not committed: it holds its locks until the block ends
        worker = threading.Thread(target=delete)
        worker.start()
        worker.join(1.0)
        assert worker.is_alive(), "the delete did not wait for the open transaction"
    worker.join(30)

    assert len(outcome) == 1 and isinstance(outcome[0], EntryInUseError), outcome
    assert (outcome[0].interfaces, outcome[0].invoices) == (0, 1)
    assert "Hörakustik Mitte" in catalog.branch_names()
