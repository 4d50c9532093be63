"""A case's suggestions: the domain's search keys, the store's indexed look-ups, rapidfuzz
over the distinct customer names (kept in memory), the domain's ranking.

Why it is fast on a ledger of a million invoices: every look-up goes through an index
and returns at most ``PER_LOOKUP`` rows (see ``store.case_lookup``); the only scan is
rapidfuzz's over the customer *names*, loaded and prepared (lower case, no punctuation)
once per process and then only the ones added since (customers are never renamed),
compared in C.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from ..domain.case_suggestions import (
    MAX_SUGGESTIONS,
    Suggestion,
    prepare_name,
    rank,
    search_keys,
    similar_names,
)
from ..store.case_lookup import CaseLookup, customer_names_after
from ..store.cases import CaseView, case_mandant_ids
from ..store.db import Database


@dataclass
class CustomerNames:
    """The customer names of one database, in id order, grown as customers are added."""

    ids: list[int] = field(default_factory=list)
    prepared: list[str] = field(default_factory=list)  # through prepare_name
    lock: threading.Lock = field(default_factory=threading.Lock)

    def refresh(self, db: Database) -> tuple[list[int], list[str]]:
        with self.lock:
            last = self.ids[-1] if self.ids else 0
            for customer_id, name in customer_names_after(db, last):
                self.ids.append(customer_id)
                self.prepared.append(prepare_name(name))
            return self.ids, self.prepared


_NAMES: dict[str, CustomerNames] = {}
_NAMES_LOCK = threading.Lock()


def _names_of(db: Database) -> CustomerNames:
    with _NAMES_LOCK:
        return _NAMES.setdefault(db.url, CustomerNames())


def suggest(db: Database, case: CaseView, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """The invoices ``case``'s payment (what is left of it) may be meant for, best first."""
    keys = search_keys(case.reference, case.text, case.possible)
    ids, names = _names_of(db).refresh(db)
    by_name = {ids[i]: score for i, score in similar_names(case.payer_name, names)}
    with db.session() as s:
        connection = s.connection()
        lookup = CaseLookup(connection, case_mandant_ids(connection, case.id))
        paid_before = lookup.customers_paid_from(case.payer_iban)
        found, customer_of = lookup.candidates(
            keys.numbers | keys.possible,
            keys.all_digits,
            case.remaining,
            by_name.keys() | paid_before.keys(),
        )
    for invoice_id, candidate in found.items():
        customer = customer_of.get(invoice_id)
        if customer is not None:
            candidate.name_score = by_name.get(customer, 0.0)
            candidate.payer_paid = paid_before.get(customer, 0)
    return rank(found.values(), keys, case.remaining, payer_name=case.payer_name, limit=limit)
