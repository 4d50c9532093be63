from datetime import date
from decimal import Decimal

import pytest

from desktop_app.domain.formats import (
    BadRowError,
    BalanceMismatchError,
    NoStatementError,
    UnreadableFileError,
    WrongFormatError,
    detect,
    parse,
)
from desktop_app.domain.formats.records import entry_label_de

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
    # Only the ledger tells which word is an invoice number (see test_references.py).
    assert record.reference is None
    assert record.texts.free == ("Rechnung RE-2026-0018",)
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
    assert second.amount == Decimal("476.00")
    assert second.texts.free == ("RE-2026- 0020 Kunde 4711",)  # the Ustrd lines joined
    assert first.dedup_key != second.dedup_key
    assert second.source.entry_id == "S1/N1/T2"


def test_batch_without_single_amounts_is_refused() -> None:
    entry = CamtEntry(Decimal("2.00"), txs=[CamtTx(), CamtTx()])
    with pytest.raises(BadRowError) as info:
        _parse(camt_file(entry))
    assert info.value.line is not None


@pytest.mark.parametrize("version", ["02", "08"])
def test_a_batch_whose_items_do_not_add_up_is_one_unbooked_payment(version: str) -> None:
    entry = CamtEntry(
        Decimal("100.00"),
        txs=[
            CamtTx(Decimal("100.00"), strd_ref="RE-2026-0019"),
            CamtTx(Decimal("100.00"), ustrd=("RE-2026-0020",), debtor="Andere GmbH"),
        ],
    )
    (record,) = _parse(camt_file(entry, version=version)).records
    assert record.amount == Decimal("100.00")
    assert record.texts.fields == ("RE-2026-0019",)
    assert record.texts.free == ("RE-2026-0020",)
    assert record.counterparty_name is None  # two payers: neither is the payer
    assert record.source.entry_id == "S1/N1"
    status, reason = record.non_payment
    assert status == "ambiguous"
    assert "200,00 €" in reason.de and "100,00 €" in reason.de


def test_a_debit_batch_that_does_not_add_up_is_money_out_not_unclear() -> None:
    entry = CamtEntry(
        Decimal("100.00"), credit=False, txs=[CamtTx(Decimal(60)), CamtTx(Decimal(60))]
    )
    (record,) = _parse(camt_file(entry)).records
    assert record.is_debit and record.non_payment is None


def test_a_batch_item_is_read_in_the_account_currency() -> None:
    entry = CamtEntry(
        Decimal("100.00"),
        txs=[
            CamtTx(Decimal("50.00"), strd_ref="RE-2026-0019", tx_amount=(Decimal(55), "USD")),
            CamtTx(Decimal("50.00"), strd_ref="RE-2026-0020", tx_amount=(Decimal(55), "USD")),
        ],
    )
    records = _parse(camt_file(entry)).records
    assert [(r.amount, r.non_payment) for r in records] == [(Decimal("50.00"), None)] * 2
    only_usd = CamtEntry(
        Decimal("100.00"),
        txs=[CamtTx(tx_amount=(Decimal(55), "USD")), CamtTx(tx_amount=(Decimal(55), "USD"))],
    )
    (record,) = _parse(camt_file(only_usd, version="02")).records
    assert record.non_payment is not None and "Währung" in record.non_payment[1].de


def test_entries_without_status_that_cancel_out_are_not_proven_booked() -> None:
    data = camt_file(
        CamtEntry(Decimal(100), status=None, ref="A", txs=[CamtTx(strd_ref="RE-2026-0001")]),
        CamtEntry(Decimal(100), credit=False, status=None, ref="B"),
    )
    credit, debit = _parse(data).records
    assert credit.non_payment is not None
    status, reason = credit.non_payment
    assert status == "pending" and "Salden" in reason.de
    assert debit.non_payment is None and debit.is_debit
    proven = camt_file(CamtEntry(Decimal(100), status=None, txs=[CamtTx()]))
    (record,) = _parse(proven).records
    assert record.non_payment is None and not record.is_pending


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


def test_a_statement_whose_balances_do_not_add_up_is_refused_with_its_figures() -> None:
    entry = CamtEntry(Decimal("100.00"), txs=[CamtTx(ustrd=("RE-2026-0001",))])
    with pytest.raises(BalanceMismatchError) as info:
        _parse(camt_file(entry, closing_delta=Decimal("0.01")))
    message = info.value.message_de
    assert "Anfangssaldo 1.000,00 € plus Umsätze 100,00 € ergibt 1.100,00 €" in message
    assert "Schlusssaldo ist aber 1.100,01 €" in message
    english = info.value.message_en  # the same money format as every window's
    assert "opening balance €1,000.00 plus entries of €100.00 makes €1,100.00" in english
    assert "closing balance is €1,100.01." in english


def test_a_statement_without_balances_is_refused() -> None:
    with pytest.raises(BalanceMismatchError) as info:
        _parse(camt_file(CamtEntry(Decimal(1)), opening=None))
    assert "Anfangssaldo" in info.value.message_de


def test_a_file_without_a_statement_is_refused() -> None:
    data = (
        b'<?xml version="1.0"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">'
        b"<BkToCstmrStmt><GrpHdr><MsgId>1</MsgId></GrpHdr></BkToCstmrStmt></Document>"
    )
    with pytest.raises(NoStatementError):
        _parse(data)


def test_entries_without_status_count_as_booked_where_the_balances_prove_it() -> None:
    entries = [CamtEntry(Decimal(5), status=None, ref="A"), CamtEntry(Decimal(7), ref="B")]
    booked = _parse(camt_file(*entries)).records
    assert [r.is_pending for r in booked] == [False, False]
    # The closing balance leaves the entry out: the bank has not booked it.
    data = camt_file(*entries, closing_delta=Decimal(-5))
    assert [r.is_pending for r in _parse(data).records] == [True, False]


def test_entries_of_a_file_without_line_breaks_are_named_by_statement_and_entry() -> None:
    entries = [CamtEntry(Decimal(1), ref="A"), CamtEntry(Decimal(2), ref="B")]
    records = _parse(camt_file(*entries, one_line=True)).records
    assert [r.line for r in records] == [None, None]
    assert [entry_label_de(r.source.entry_id) for r in records] == [
        "Auszug 1, Buchung 1, Posten 1",
        "Auszug 1, Buchung 2, Posten 1",
    ]
    lines = [r.line for r in _parse(camt_file(*entries)).records]
    assert lines[0] is not None and lines[0] < lines[1]
