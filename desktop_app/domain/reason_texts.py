"""The reasons a settlement gives for a row (and its checks' results), in German and English.

A ``Reason`` is a code and its parameters, not a text: a plan keeps it, the run history
stores it (``to_json``), and each reader writes it in its own language with ``text(lang)``
(as ``validation.Problem`` does). The German texts are the product's wording; amounts and
dates follow the program's one style per language (``1.234,56 €`` / ``€1,234.56``,
``14.03.2026`` / ``14/03/2026``, as date_text.py writes them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from .date_text import format_day, format_time
from .money_text import format_money

Param = str | int | Decimal | date | None


@dataclass(frozen=True, slots=True)
class Reason:
    """A code from ``TEXTS`` and its parameters; the code ``""`` is no reason at all."""

    code: str
    params: tuple[tuple[str, Param], ...] = ()

    @classmethod
    def of(cls, code: str, **params: Param) -> Reason:
        if code not in TEXTS:
            raise KeyError(f"no text for the reason {code!r}")
        return cls(code, tuple(sorted(params.items())))

    def __bool__(self) -> bool:
        return bool(self.code)

    def text(self, lang: str = "de") -> str:
        if not self.code:
            return ""
        german, english = TEXTS[self.code]
        return (english if lang == "en" else german)(dict(self.params))

    @property
    def de(self) -> str:
        return self.text("de")

    def to_json(self) -> dict[str, Any]:
        """``{"code", "params"}``: what the run history stores, JSON-safe."""
        return {"code": self.code, "params": {k: _json_value(v) for k, v in self.params}}

    @classmethod
    def from_json(cls, value: object) -> Reason | None:
        """The reason ``to_json`` stored, or None for anything else (an older record)."""
        if not isinstance(value, Mapping):
            return None
        code, params = value.get("code"), value.get("params")
        if not isinstance(code, str) or code not in TEXTS or not isinstance(params, Mapping):
            return None
        reason = cls(code, tuple(sorted((str(k), v) for k, v in params.items())))
        try:
            reason.text("de")
            reason.text("en")
        except (KeyError, TypeError, ValueError, InvalidOperation):
            return None  # parameters this version cannot read: the stored text is shown
        return reason


NO_REASON = Reason("")


def stored_reason_text(item: Mapping[str, Any], lang: str) -> str:
    """A row the run history kept (``NotBooked.record``), its reason in ``lang``; an older
    record has only its German text, which is given as it is."""
    reason = Reason.from_json(item.get("detail"))
    return reason.text(lang) if reason else str(item.get("reason") or "")


def _json_value(value: Param) -> str | int | None:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def money(value: Decimal | str, lang: str) -> str:
    """``1.234,50 €`` (German) or ``€1,234.50`` (English)."""
    return format_money(Decimal(value), lang)


def day(value: date | str, lang: str) -> str:
    """``14.03.2026`` (German) or ``14/03/2026`` (English)."""
    return format_day(value if isinstance(value, date) else date.fromisoformat(value), lang)


def _where_de(p: dict) -> str:
    where = f"Datei „{p['file']}“"
    if p.get("case") is not None:
        where = f"Klärungsfall {p['case']}, {where}"
    return f"{where}, Zeile {p['line']}" if p.get("line") is not None else where


def _where_en(p: dict) -> str:
    where = f"file “{p['file']}”"
    if p.get("case") is not None:
        where = f"case {p['case']}, {where}"
    return f"{where}, line {p['line']}" if p.get("line") is not None else where


#: Where a file's day came from (``FileDateSource``), after the day.
_SOURCES = {
    "content": ("laut Dateiinhalt", "as the file states"),
    "folder": ("laut Datums-Unterverzeichnis", "by its date folder"),
    "timestamp": ("laut Zeitstempel der Datei", "by the file's time stamp"),
    "modified": ("laut Änderungszeit der Datei", "by the file's modification time"),
    "manual": ("von Hand eingegeben", "entered by hand"),
}


def _of_day(p: dict, lang: str) -> str:
    """``vom 10.03.2026 (laut Datums-Unterverzeichnis)``: the file's day, and where it
    came from when known (older versions kept none, nor one for a local file's day: such
    a stored reason reads as it did)."""
    text = f"{'of' if lang == 'en' else 'vom'} {day(p['file_date'], lang)}"
    source = _SOURCES.get(str(p.get("source") or ""))
    return f"{text} ({source[1] if lang == 'en' else source[0]})" if source else text


def _by_de(p: dict) -> str:
    """Who booked it, when another interface's run did (two reading one folder)."""
    if p.get("interface") is None:
        return ""
    at = f" am {_moment(p['at'], 'de')}" if p.get("at") else ""
    return f", von der Schnittstelle „{p['interface']}“{at}"


def _by_en(p: dict) -> str:
    if p.get("interface") is None:
        return ""
    at = f" on {_moment(p['at'], 'en')}" if p.get("at") else ""
    return f", by the interface “{p['interface']}”{at}"


def _moment(value: str, lang: str) -> str:
    """A stored instant (ISO, with its zone) in this computer's time, to the minute."""
    local = datetime.fromisoformat(value).astimezone()
    if lang == "en":
        return format_time(local, lang)
    return f"{format_day(local, lang)} um {local:%H:%M}"  # German says the hour with „um“


def _rows_en(n: int) -> str:
    return "1 data row." if n == 1 else f"{n} data rows."


def _of_open_en(p: dict) -> str:
    invoices = "open invoice" if p["total"] == 1 else "open invoices"
    return f"{p['settled']} of {p['total']} {invoices}"


def _settled_de(p: dict) -> str:
    reason = "Rechnung ist bereits vollständig ausgeglichen; nichts gebucht."
    surplus = Decimal(p["surplus"])
    return reason + (f" Überzahlung {money(surplus, 'de')}." if surplus else "")


def _settled_en(p: dict) -> str:
    reason = "The invoice is already settled in full; nothing booked."
    surplus = Decimal(p["surplus"])
    return reason + (f" Overpayment {money(surplus, 'en')}." if surplus else "")


Text = Callable[[dict], str]

#: code → (German, English). The German texts are those users and tests know.
TEXTS: dict[str, tuple[Text, Text]] = {
    "duplicate-earlier": (
        lambda p: f"Bereits gebucht ({_where_de(p)}{_by_de(p)}); nicht noch einmal gebucht.",
        lambda p: f"Booked before ({_where_en(p)}{_by_en(p)}); not booked again.",
    ),
    "duplicate-line": (
        lambda p: (
            f"Bereits gebucht: dieselbe Buchung steht schon in Zeile {p['line']} dieser Datei."
        ),
        lambda p: f"Booked before: the same booking is already in line {p['line']} of this file.",
    ),
    "duplicate-above": (
        lambda p: "Bereits gebucht: dieselbe Buchung steht schon weiter oben in dieser Datei.",
        lambda p: "Booked before: the same booking is already further up in this file.",
    ),
    "repeated-case": (
        lambda p: (
            f"Möglicherweise dieselbe Zahlung wie {_where_de(p)}: gleiche Angabe, gleicher "
            "Betrag, gleiches Datum (etwa eine erneut gesandte Datei). Bitte prüfen, bevor "
            "Sie sie zuordnen."
        ),
        lambda p: (
            f"Possibly the same payment as {_where_en(p)}: same reference, same amount, "
            "same date (a file sent again, say). Please check before you assign it."
        ),
    ),
    "seen-in-case": (
        lambda p: (
            f"Möglicherweise dieselbe Zahlung wie in {_where_de(p)}: gleiche Angabe, gleicher "
            "Betrag, gleiches Datum (etwa eine erneut gesandte oder ergänzte Datei). Nicht "
            "gebucht; bitte im Klärungsfall prüfen."
        ),
        lambda p: (
            f"Possibly the same payment as in {_where_en(p)}: same reference, same amount, "
            "same date (a file sent again or extended, say). Not booked; please check the "
            "case."
        ),
    ),
    "possible-duplicate": (
        lambda p: (
            f"Möglicherweise bereits gebucht ({_where_de(p)}): gleiche Rechnung, "
            "gleicher Betrag, gleiches Datum. Nicht gebucht; bitte prüfen."
        ),
        lambda p: (
            f"Possibly booked before ({_where_en(p)}): same invoice, same amount, same "
            "date. Not booked; please check."
        ),
    ),
    "possible-match": (
        lambda p: (
            f"Möglicher Treffer: {p['numbers']}. Die Nummer in der Zeile gleicht der "
            "Rechnung nur (andere Vorsilbe, nur Ziffern, ein Tippfehler oder ohne Hinweis auf "
            "eine Rechnung); nicht gebucht, bitte prüfen."
        ),
        lambda p: (
            f"Possible match: {p['numbers']}. The number in the row only resembles the "
            "invoice (another prefix, digits only, a typing error or no sign of an invoice); not "
            "booked, please check."
        ),
    ),
    "same-number": (
        lambda p: (
            "Nicht eindeutig: die Nummer gibt es bei mehreren Mandanten "
            f"({p['numbers']}); nicht gebucht."
        ),
        lambda p: f"Ambiguous: several clients have this number ({p['numbers']}); not booked.",
    ),
    "invoice-of-other-mandant": (
        lambda p: (
            f"Die Rechnung ({p['numbers']}) gehört nicht zum Mandanten der Zeile; nicht gebucht."
        ),
        lambda p: f"The invoice ({p['numbers']}) does not belong to the row's client; not booked.",
    ),
    "not-found": (
        lambda p: "Keine Rechnung mit dieser Nummer bei den gewählten Mandanten.",
        lambda p: "No invoice with this number for the chosen clients.",
    ),
    "no-reference": (
        lambda p: "Keine Rechnungsnummer der gewählten Mandanten im Text gefunden.",
        lambda p: "No invoice number of the chosen clients found in the text.",
    ),
    "pending": (
        lambda p: "Vorgemerkte Buchung (von der Bank noch nicht gebucht); wird nicht verarbeitet.",
        lambda p: "Pending entry (not yet booked by the bank); not processed.",
    ),
    "status-unproven": (
        lambda p: (
            "Buchung ohne Status; die Salden belegen nicht, dass die Bank sie gebucht hat "
            "(sie gleichen sich mit und ohne sie aus). Nicht gebucht; bitte prüfen."
        ),
        lambda p: (
            "Entry without a status; the balances do not prove that the bank booked it "
            "(they agree with and without it). Not booked; please check."
        ),
    ),
    "reversal": (
        lambda p: "Storno/Generalumkehr; wird nie automatisch gebucht.",
        lambda p: "Reversal (storno); never booked automatically.",
    ),
    "return": (
        lambda p: "Rücklastschrift oder Rückgabe; wird nicht gebucht.",
        lambda p: "Returned direct debit or returned payment; not booked.",
    ),
    "debit": (
        lambda p: "Abgang (Soll/Lastschrift), kein Zahlungseingang; wird nicht gebucht.",
        lambda p: "Outgoing payment (debit), no money received; not booked.",
    ),
    "not-positive": (
        lambda p: f"Betrag {money(p['amount'], 'de')} ist nicht positiv; wird nicht gebucht.",
        lambda p: f"Amount {money(p['amount'], 'en')} is not positive; not booked.",
    ),
    "already-settled": (_settled_de, _settled_en),
    "overpaid": (
        lambda p: (
            f"Überzahlung: {money(p['surplus'], 'de')} mehr als offen; der offene "
            f"Betrag {money(p['booked'], 'de')} wurde gebucht."
        ),
        lambda p: (
            f"Overpayment: {money(p['surplus'], 'en')} more than open; the open amount "
            f"{money(p['booked'], 'en')} was booked."
        ),
    ),
    "other-mandant": (
        lambda p: f"Zeile für Mandant {p['mandant']}; übersprungen.",
        lambda p: f"Row for client {p['mandant']}; skipped.",
    ),
    "foreign-currency": (
        lambda p: f"Währung {p['currency']} statt {p['expected']}; nicht gebucht.",
        lambda p: f"Currency {p['currency']} instead of {p['expected']}; not booked.",
    ),
    "several-not-their-total": (
        lambda p: (
            f"Nennt mehrere Rechnungen ({p['numbers']}); der Betrag "
            f"{money(p['amount'], 'de')} ist nicht ihre offene Summe {money(p['total'], 'de')}. "
            "Nicht gebucht; bitte aufteilen."
        ),
        lambda p: (
            f"Names several invoices ({p['numbers']}); the amount "
            f"{money(p['amount'], 'en')} is not their open total {money(p['total'], 'en')}. "
            "Not booked; please split it."
        ),
    ),
    "several-invoices": (
        lambda p: f"Die Zeile nennt mehrere Rechnungen ({p['numbers']}); nicht gebucht.",
        lambda p: f"The row names several invoices ({p['numbers']}); not booked.",
    ),
    "batch-unclear": (
        lambda p: (
            f"Sammelbuchung über {money(p['amount'], 'de')}: ihre {p['count']} Einzelposten "
            + (
                f"ergeben zusammen {money(p['items'], 'de')}"
                if p["items"] is not None
                else "nennen ihren Betrag nicht alle in der Währung des Kontos"
            )
            + ". Nicht gebucht; bitte von Hand zuordnen."
        ),
        lambda p: (
            f"Batch entry of {money(p['amount'], 'en')}: its {p['count']} items "
            + (
                f"add up to {money(p['items'], 'en')}"
                if p["items"] is not None
                else "do not all state their amount in the account's currency"
            )
            + ". Not booked; please assign it by hand."
        ),
    ),
    "credit-note": (
        lambda p: f"Negativer Saldo {money(p['amount'], 'de')} (Gutschrift); nicht gebucht.",
        lambda p: f"Negative balance {money(p['amount'], 'en')} (credit note); not booked.",
    ),
    "settled-before": (
        lambda p: "Rechnung ist bereits ausgeglichen; nichts gebucht.",
        lambda p: "The invoice is already settled; nothing booked.",
    ),
    "out-of-scope": (
        lambda p: (
            f"Rechnungsdatum {day(p['invoice_date'], 'de')} liegt nach dem "
            f"Buchungsdatum {day(p['booking_date'], 'de')}; nicht gebucht."
        ),
        lambda p: (
            f"Invoice date {day(p['invoice_date'], 'en')} is after the booking date "
            f"{day(p['booking_date'], 'en')}; not booked."
        ),
    ),
    "combined": (
        lambda p: f"Zusammengefasst mit Zeile {p['line']}.",
        lambda p: f"Combined with line {p['line']}.",
    ),
    "negative-difference": (
        lambda p: (
            f"Die Datei nennt {money(p['in_file'], 'de')} offen, offen sind nur "
            f"{money(p['open'], 'de')}; nichts zurückgenommen."
        ),
        lambda p: (
            f"The file says {money(p['in_file'], 'en')} is open, only "
            f"{money(p['open'], 'en')} is; nothing taken back."
        ),
    ),
    "no-customer-account": (
        lambda p: (
            f"Kein Debitorenkonto in Konto ({p['account']}) oder Gegenkonto "
            f"({p['contra']}): keine Zahlung eines Kunden."
        ),
        lambda p: (
            f"No customer account in account ({p['account']}) or contra account "
            f"({p['contra']}): no payment of a customer."
        ),
    ),
    "general-reversal": (
        lambda p: "Generalumkehr (Storno einer Buchung); wird nie automatisch gebucht.",
        lambda p: "General reversal (a cancelled booking); never booked automatically.",
    ),
    "customer-debit": (
        lambda p: (
            f"Soll auf dem Debitorenkonto {p['customer']} (Rechnung, Belastung oder "
            "Auszahlung): kein Zahlungseingang."
        ),
        lambda p: (
            f"Debit on the customer account {p['customer']} (invoice, charge or "
            "payout): no money received."
        ),
    ),
    "contra-unknown-chart": (
        lambda p: (
            f"Gegenkonto {p['contra']}: der Kopf nennt keinen Kontenrahmen "
            "(SKR 03/04), ob es ein Bank- oder Kassenkonto ist, ist nicht prüfbar; nicht gebucht."
        ),
        lambda p: (
            f"Contra account {p['contra']}: the header names no chart of accounts "
            "(SKR 03/04), so whether it is a bank or cash account cannot be checked; not booked."
        ),
    ),
    "contra-not-bank": (
        lambda p: (
            f"Gegenkonto {p['contra']} ist kein Bank- oder Kassenkonto "
            f"(SKR {p['chart']}): keine Zahlung (z. B. Erlös, Gutschrift oder Ausbuchung); "
            "nicht gebucht."
        ),
        lambda p: (
            f"Contra account {p['contra']} is no bank or cash account "
            f"(SKR {p['chart']}): no payment (a revenue, credit note or write-off, say); not "
            "booked."
        ),
    ),
    "no-mandant": (
        lambda p: "Der Schnittstelle ist kein Mandant zugeordnet; es wird nichts gebucht.",
        lambda p: "The interface has no client; nothing is booked.",
    ),
    # The Offene-Posten checks: what each found, passed or not.
    "guard-empty": (
        lambda p: (
            "Die Datei enthält keine Datenzeilen; sonst gälten alle offenen Rechnungen als bezahlt."
        ),
        lambda p: "The file has no data rows; otherwise every open invoice would count as paid.",
    ),
    "guard-rows": (
        lambda p: f"{p['rows']} Datenzeilen.",
        lambda p: _rows_en(int(p["rows"])),
    ),
    "guard-no-date": (
        lambda p: "nicht prüfbar: kein Datum bekannt.",
        lambda p: "cannot be checked: no date known.",
    ),
    "guard-older": (
        lambda p: (
            f"Die Datei {_of_day(p, 'de')} ist älter als die zuletzt "
            f"eingelesene vom {day(p['last_date'], 'de')}."
        ),
        lambda p: (
            f"The file {_of_day(p, 'en')} is older than the one read last, "
            f"of {day(p['last_date'], 'en')}."
        ),
    ),
    # Passed: a day, and (not stored by older versions) the last list's it was checked
    # against. Shown after the check's name ("Dateidatum:"), so it does not repeat it.
    "guard-date": (
        lambda p: (
            _of_day(p, "de")
            + (
                f", nicht älter als die zuletzt eingelesene vom {day(p['last_date'], 'de')}."
                if p.get("last_date")
                else "."
            )
        ),
        lambda p: (
            _of_day(p, "en")
            + (
                f", not older than the one read last, of {day(p['last_date'], 'en')}."
                if p.get("last_date")
                else "."
            )
        ),
    ),
    "guard-first": (
        lambda p: f"{_of_day(p, 'de')}; keine frühere Liste zum Vergleich.",
        lambda p: f"{_of_day(p, 'en')}; no earlier list to compare with.",
    ),
    "guard-share-exceeded": (
        lambda p: (
            f"Die Datei würde {p['settled']} von {p['total']} offenen Rechnungen "
            f"ausgleichen ({p['share']} %), erlaubt sind höchstens {p['limit']} %."
        ),
        lambda p: (
            f"The file would settle {_of_open_en(p)} ({p['share']}%); at most "
            f"{p['limit']}% are allowed."
        ),
    ),
    "guard-share": (
        lambda p: f"{p['settled']} von {p['total']} offenen Rechnungen ({p['share']} %).",
        lambda p: f"{_of_open_en(p)} ({p['share']}%).",
    ),
}


#: What a booking's note says (the German note is what the ledger keeps).
NOTES_EN = {
    "Zahlung laut Datei": "Payment as in the file",
    "Rechnung laut Datei bezahlt": "Invoice paid as in the file",
    "Zahlung für mehrere Rechnungen laut Datei": "Payment for several invoices as in the file",
    "Fehlt in der Offene-Posten-Liste": "Missing from the open items list",
    "Differenz laut Offene-Posten-Liste": "Difference as in the open items list",
}


def note_text(note_de: str, lang: str = "de") -> str:
    return NOTES_EN.get(note_de, note_de) if lang == "en" else note_de
