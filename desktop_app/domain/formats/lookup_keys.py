"""Which invoice numbers a file's records make the ledger look up, first and then more."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .records import AnyRecord, RowSpan, cell_tokens
from .references import all_keys
from .text import digits_key, normalise_invoice_number


def first_lookup_keys(records: Sequence[AnyRecord]) -> set[str]:
    """The numbers to look up in the ledger first: of a ``RowSpan`` its reference cells
    (the usual cell is the invoice number as it is), of other records every candidate."""
    if isinstance(records, RowSpan):
        return records.numbers()
    return {key for r in records for key in r.lookup_keys()}


def more_lookup_keys(
    records: Sequence[AnyRecord], found: Callable[[str], bool]
) -> tuple[set[str], set[str]]:
    """``(numbers, digits)`` still to look up for the records that ``found`` (the first
    look-up) names no invoice for: their other candidates, and the digits of every
    candidate, by which a look-alike number is reported as a possible match."""
    numbers: set[str] = set()
    digits: set[str] = set()
    if isinstance(records, RowSpan):
        key_sets = [
            {normalise_invoice_number(raw), *all_keys(cell_tokens(raw))}
            for raw in records.cells_not_found(found)
        ]
    else:
        key_sets = [r.lookup_keys() for r in records if not (r.reference and found(r.reference))]
    for keys in key_sets:
        keys.discard("")
        if any(found(k) for k in keys):
            continue
        numbers.update(keys)
        digits.update(d for k in keys if (d := digits_key(k)))
    return numbers, digits
