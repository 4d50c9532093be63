"""Which invoices a Klärungsfall's payment may be meant for, ranked, with the reasons.

Pure. Its two halves frame the store's indexed look-ups:

1. ``search_keys`` turns a case into what to look up: the invoice numbers its text
   names, their digits (another prefix, digits alone) and every number one typo away
   from those digits (a deleted, inserted, replaced or swapped digit: a few hundred
   keys, each an index probe on ``invoices.number_digits``, never a scan);
   ``similar_names`` compares the payer with the distinct customer names (rapidfuzz).
2. ``rank`` scores each candidate the look-ups found by its signals and explains each.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from rapidfuzz import fuzz, process, utils

from .formats.references import TextTokens
from .formats.text import digits_key, normalise_invoice_number
from .reason_texts import money

MAX_SUGGESTIONS = 10
MAX_TEXT_KEYS = 200  # candidate numbers taken from one payment's text
MAX_TYPO_SOURCES = 6  # digit keys whose one-typo neighbours are looked up
MIN_DIGITS = 3  # a shorter run of digits (a day, a house number) means nothing
MIN_TYPO_DIGITS = 5  # one typo away from a short number is half the ledger
MAX_TYPO_DIGITS = 18
NAME_CUTOFF = 80  # percent similarity from which a customer's name counts
MAX_NAMES = 20  # customer names taken per case

# Points per signal; a candidate's score is their sum.
POINTS_NUMBER = 100  # the text names the invoice's own number
POINTS_POSSIBLE = 70  # the import named it as a look-alike
POINTS_DIGITS = 60  # the same digits under another prefix, or digits alone
POINTS_TYPO = 40  # one digit off
POINTS_AMOUNT = 40  # its open amount is the payment
POINTS_PAYER = 35  # the same account paid this customer's invoices before
NAME_POINTS_MAX = 45  # a name that matches in full; less for a close one


@dataclass(frozen=True)
class SearchKeys:
    numbers: frozenset[str]  # normalised invoice numbers the text names
    possible: frozenset[str]  # normalised numbers the import named as look-alikes
    digits: frozenset[str]  # digit keys (leading zeros removed)
    typos: frozenset[str]  # digit keys one typo away from ``digits``, not in it

    @property
    def all_digits(self) -> frozenset[str]:
        return self.digits | self.typos


def search_keys(reference: str, text: str, possible: Iterable[str] = ()) -> SearchKeys:
    """What to look up for a payment whose reference field is ``reference`` and whose
    text (reference, purpose, names) is ``text``."""
    numbers: dict[str, None] = {}
    ref = normalise_invoice_number(reference)
    if ref and any(c.isdigit() for c in ref):
        numbers[ref] = None
    for candidate in sorted(TextTokens(text, structured=False).candidates(), key=len):
        if len(numbers) >= MAX_TEXT_KEYS:
            break
        numbers[candidate] = None
    digits = {d for n in numbers if len(d := digits_key(n)) >= MIN_DIGITS}
    # The longest first: an invoice number is longer than the dates and amounts beside it.
    sources = sorted(
        (d for d in digits if MIN_TYPO_DIGITS <= len(d) <= MAX_TYPO_DIGITS), key=len, reverse=True
    )[:MAX_TYPO_SOURCES]
    typos = {t for d in sources for t in one_typo(d)} - digits
    possible_keys = frozenset(k for p in possible if (k := normalise_invoice_number(p)))
    return SearchKeys(frozenset(numbers), possible_keys, frozenset(digits), frozenset(typos))


def one_typo(digits: str) -> set[str]:
    """Every digit key one edit away: a digit left out, added, replaced, or two swapped.
    Leading zeros are dropped, as ``digits_key`` does."""
    found: set[str] = set()
    n = len(digits)
    for i in range(n):
        found.add(digits[:i] + digits[i + 1 :])
        for d in "0123456789":
            found.add(digits[:i] + d + digits[i + 1 :])
        if i + 1 < n:
            found.add(digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :])
    for i in range(n + 1):
        for d in "0123456789":
            found.add(digits[:i] + d + digits[i:])
    found = {k.lstrip("0") for k in found}
    found.discard(digits)
    found.discard("")
    return found


def prepare_name(name: str) -> str:
    """A name as the comparison sees it: lower case, without punctuation, its words in
    order ("MUSTERMANN, MAX" and "Max Mustermann" alike). The customer names are prepared
    once when they are loaded, not again for every case."""
    return " ".join(sorted(utils.default_process(name).split()))


def similar_names(payer: str, prepared: Sequence[str]) -> list[tuple[int, float]]:
    """``(index into prepared, similarity 0-100)`` of the customer names close to
    ``payer``, best first; ``prepared``: the names through ``prepare_name``. Word order
    and case do not matter ("MUSTERMANN, MAX")."""
    query = prepare_name(payer)
    if not query or not prepared:
        return []
    found = process.extract(
        query,
        prepared,
        scorer=fuzz.ratio,  # on sorted words: rapidfuzz's token_sort_ratio, done once
        processor=None,
        score_cutoff=NAME_CUTOFF,
        limit=MAX_NAMES,
    )
    return [(index, score) for _, score, index in found]


@dataclass
class Candidate:
    """An open invoice some look-up found, with what it found it by."""

    invoice_id: int
    number: str
    mandant: str
    customer: str
    invoice_date: date
    amount: Decimal
    open_amount: Decimal
    number_norm: str
    number_digits: str
    name_score: float = 0.0
    payer_paid: int = 0  # earlier payments of the same account to this customer


@dataclass(frozen=True)
class Reason:
    code: str  # number | possible | digits | typo | amount | name | payer
    text_de: str
    text_en: str
    points: int

    def text(self, lang: str) -> str:
        return self.text_en if lang == "en" else self.text_de


@dataclass(frozen=True)
class Suggestion:
    invoice_id: int
    number: str
    mandant: str
    customer: str
    invoice_date: date
    open_amount: Decimal
    score: int
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    def reasons_text(self, lang: str = "de") -> str:
        return " ".join(r.text(lang) for r in self.reasons)  # each a sentence

    def to_json(self, lang: str = "de") -> dict:
        """For programs; each reason's ``text`` in ``lang``."""
        return {
            "invoice": self.number,
            "mandant": self.mandant,
            "customer": self.customer or None,
            "invoice_date": self.invoice_date.isoformat(),
            "open_amount": str(self.open_amount),
            "score": self.score,
            "reasons": [{"code": r.code, "text": r.text(lang)} for r in self.reasons],
        }


def rank(
    candidates: Iterable[Candidate],
    keys: SearchKeys,
    amount: Decimal | None,
    *,
    payer_name: str = "",
    limit: int = MAX_SUGGESTIONS,
) -> list[Suggestion]:
    """The candidates with something in their favour, best first (score, then the open
    amount nearest the payment, then the newest invoice; the same number of two
    Mandanten by Mandant, then by id: never by the order the look-ups found them in)."""
    scored = []
    for candidate in candidates:
        if candidate.open_amount <= 0:
            continue
        reasons = _reasons(candidate, keys, amount, payer_name)
        if not reasons:
            continue
        score = sum(r.points for r in reasons)
        distance = abs(candidate.open_amount - amount) if amount is not None else Decimal(0)
        scored.append((-score, distance, -candidate.invoice_date.toordinal(), candidate, reasons))
    scored.sort(key=lambda s: (s[0], s[1], s[2], s[3].number, s[3].mandant, s[3].invoice_id))
    return [_suggestion(c, -minus, reasons) for minus, _, _, c, reasons in scored[:limit]]


def _suggestion(c: Candidate, score: int, reasons: list[Reason]) -> Suggestion:
    return Suggestion(
        c.invoice_id,
        c.number,
        c.mandant,
        c.customer,
        c.invoice_date,
        c.open_amount,
        score,
        tuple(reasons),
    )


def _reasons(
    c: Candidate, keys: SearchKeys, amount: Decimal | None, payer_name: str
) -> list[Reason]:
    reasons: list[Reason] = []
    if c.number_norm in keys.numbers:
        reasons.append(
            Reason(
                "number",
                f"Die Zahlung nennt die Nummer {c.number}.",
                f"The payment names the number {c.number}.",
                POINTS_NUMBER,
            )
        )
    elif c.number_norm in keys.possible:
        reasons.append(
            Reason(
                "possible",
                f"Beim Import als möglicher Treffer genannt: die Nummer der Zahlung gleicht "
                f"{c.number}.",
                f"Named as a possible match at the import: the payment's number resembles "
                f"{c.number}.",
                POINTS_POSSIBLE,
            )
        )
    elif c.number_digits in keys.digits:
        reasons.append(
            Reason(
                "digits",
                f"Gleiche Ziffern wie {c.number} (andere Vorsilbe oder nur die Ziffern).",
                f"The same digits as {c.number} (another prefix, or the digits alone).",
                POINTS_DIGITS,
            )
        )
    elif c.number_digits in keys.typos:
        reasons.append(
            Reason(
                "typo",
                # one_typo's edits: "one digit" would be wrong for two swapped ones.
                f"Die Nummer gleicht {c.number} bis auf einen Tippfehler (eine Ziffer "
                "anders, fehlend oder zu viel, oder zwei vertauscht).",
                f"The number matches {c.number} but for one typing error (a digit "
                "changed, missing or added, or two swapped).",
                POINTS_TYPO,
            )
        )
    if amount is not None and c.open_amount == amount:
        reasons.append(
            Reason(
                "amount",
                f"Offener Betrag {money(c.open_amount, 'de')} gleich der Zahlung.",
                f"The open amount {money(c.open_amount, 'en')} equals the payment.",
                POINTS_AMOUNT,
            )
        )
    if c.name_score >= NAME_CUTOFF:
        points = round(NAME_POINTS_MAX * (c.name_score - NAME_CUTOFF + 10) / (110 - NAME_CUTOFF))
        reasons.append(
            Reason(
                "name",
                f"Kunde „{c.customer}“ ähnelt dem Zahler „{payer_name}“ ({c.name_score:.0f} %).",
                f"The customer “{c.customer}” resembles the payer “{payer_name}” "
                f"({c.name_score:.0f} %).",
                points,
            )
        )
    if c.payer_paid:
        reasons.append(
            Reason(
                "payer",
                "Dasselbe Konto hat schon Rechnungen dieses Kunden bezahlt.",
                "The same account has paid this customer's invoices before.",
                POINTS_PAYER,
            )
        )
    return reasons
