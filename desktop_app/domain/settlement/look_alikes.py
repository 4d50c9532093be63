"""Open invoices whose number a person may have mistyped: one character more, less,
changed or swapped with its neighbour, or a number group without its leading zeros
(``RE-2024-001`` for ``RE-2024-0001``).

An Offene-Posten list that names an unknown number may mean such an invoice; taking that
invoice as missing from the list would book it paid in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..formats.text import normalise_invoice_number
from ..invoice_index import OpenInvoice

_GROUPS = re.compile(r"[A-Z]+|[0-9]+")


class LookAlikes:
    """The invoices given that may be meant by the references given, by number.

    Indexed by the references' keys, not the invoices': a list names few unknown
    numbers, but may leave out tens of thousands of invoices, each with a dozen keys.
    """

    def __init__(self, invoices: Iterable[OpenInvoice], references: Iterable[str]) -> None:
        wanted: dict[str, dict[str, None]] = {}  # key -> the references that have it
        for reference in references:
            for key in _keys(reference):
                wanted.setdefault(key, {})[reference] = None
        found: dict[str, dict[int, OpenInvoice]] = {}
        for invoice in invoices:
            for key in _keys(normalise_invoice_number(invoice.number)):
                for reference in wanted.get(key, ()):
                    found.setdefault(reference, {}).setdefault(invoice.id, invoice)
        self._found = found

    def of(self, reference: str) -> list[OpenInvoice]:
        """The invoices ``reference`` (normalised, one of those given) may mean."""
        return sorted(self._found.get(reference, {}).values(), key=lambda i: i.number)


def _keys(number: str) -> Iterator[str]:
    """Two numbers share a key when they differ by one typing error: each with one
    character left out (a change, an extra or a missing character, two neighbours
    swapped), or the same groups of letters and digits without leading zeros."""
    if not number:
        return
    yield "-" + number  # the longer one of an extra character, left out
    for at in range(len(number)):
        yield "-" + number[:at] + number[at + 1 :]
    yield "#" + "|".join(g.lstrip("0") or "0" for g in _GROUPS.findall(number))
