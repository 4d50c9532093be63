from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.formats import (
    BadRowError,
    UnreadableFileError,
    WrongFormatError,
    detect,
    parse,
)

from .builders import CamtEntry, CamtTx, camt_file


def _parse(data: bytes):
    return parse(data, "camt053", file_name="auszug.xml")


@pytest.mark.parametrize("version", ["02", "08"])
def test_versions_02_and_08(version: str) -> None:
    data = camt_file(
        CamtEntry(Decimal("249.90"), txs=[CamtTx(ustrd=("Rechnung RE-2026-0018",))]),
        version=version,
    )
    parsed = _parse(data)
    assert detect(data) == "camt053"
    (record,) = parsed.records
    assert record.amount == Decimal("249.90")
    assert record.currency == "EUR"
    assert record.reference == "RE20260018"
    assert record.counterparty_name == "Kunde GmbH"
    assert record.counterparty_iban == "DE89370400440532013000"
    assert record.booking_date == date(2026, 3, 6)
    assert not record.is_pending
    assert parsed.file_date == date(2026, 3, 7)
    assert parsed.statements[0].account == "DE02120300000000202051"


@pytest.mark.parametrize("version", ["02", "08"])
def test_batch_entry_settles_each_transaction(version: str) -> None:
    entry = CamtEntry(
        Decimal("618.80"),
        txs=[
            CamtTx(Decimal("142.80"), strd_ref="RE-2026-0019"),
            CamtTx(Decimal("476.00"), ustrd=("RE-2026-", "0020 Kunde 4711")),
        ],
    )
    first, second = _parse(camt_file(entry, version=version)).records
    assert (first.amount, first.reference) == (Decimal("142.80"), "RE20260019")
    assert (second.amount, second.reference) == (Decimal("476.00"), "RE20260020")
    assert first.dedup_key != second.dedup_key
    assert second.source.entry_id == "N1/T2"


def test_batch_without_single_amounts_is_refused() -> None:
    entry = CamtEntry(Decimal("2.00"), txs=[CamtTx(), CamtTx()])
    with pytest.raises(BadRowError) as info:
        _parse(camt_file(entry))
    assert info.value.line is not None


def test_flags_and_end_to_end_reference() -> None:
    data = camt_file(
        CamtEntry(Decimal(1), credit=False, ref="A", txs=[CamtTx()]),
        CamtEntry(Decimal(2), status="PDNG", ref="B", txs=[CamtTx(end_to_end="RE-2026-0003")]),
        CamtEntry(Decimal(3), reversal=True, ref="C"),
    )
    debit, pending, reversal = _parse(data).records
    assert debit.is_debit and debit.amount == Decimal(-1)
    assert pending.is_pending and pending.reference == "RE20260003"
    assert reversal.is_reversal


@pytest.mark.parametrize("kind", ["camt.052", "camt.054"])
def test_other_camt_messages_are_refused(kind: str) -> None:
    data = camt_file(CamtEntry(Decimal(1)), kind=kind)
    assert detect(data) is None
    with pytest.raises(WrongFormatError) as info:
        _parse(data)
    assert kind in info.value.message_de


def test_unsupported_version_is_refused() -> None:
    with pytest.raises(WrongFormatError):
        _parse(camt_file(CamtEntry(Decimal(1)), version="13"))


def test_entities_and_dtd_are_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&b;</Document>'
    )
    with pytest.raises(UnreadableFileError):
        _parse(bomb)
    external = (
        b'<?xml version="1.0"?><!DOCTYPE d SYSTEM "http://example.invalid/x.dtd">'
        b'<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"/>'
    )
    with pytest.raises(UnreadableFileError):
        _parse(external)


def test_not_well_formed_names_the_line() -> None:
    data = camt_file(CamtEntry(Decimal(1))).replace(b"</Stmt>", b"</Stmtx>")
    with pytest.raises(UnreadableFileError) as info:
        _parse(data)
    assert info.value.line is not None and info.value.line > 1


def test_bad_amount_names_line_and_field() -> None:
    data = camt_file(CamtEntry(Decimal(1))).replace(b">1.00<", b">1,00<")
    with pytest.raises(BadRowError) as info:
        _parse(data)
    assert info.value.field == "Ntry/Amt"
    assert "Zeile" in info.value.message_de
