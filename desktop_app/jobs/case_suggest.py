"""A case's suggestions: the domain's search keys, the store's indexed look-ups, rapidfuzz
over the distinct customer names (kept in memory), the domain's ranking.

Why it is fast on a ledger of a million invoices: every look-up goes through an index
and returns at most ``PER_LOOKUP`` rows a value (see ``store.case_lookup``); a list of
cases is looked up together, in one query per signal, not one per case; the only scan is
rapidfuzz's over the customer *names*, loaded and prepared (lower case, no punctuation)
once per process and then only the ones added since (customers are never renamed),
compared in C.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..domain.case_suggestions import (
    MAX_SUGGESTIONS,
    Suggestion,
    prepare_name,
    rank,
    search_keys,
    similar_names,
)
from ..store.case_lookup import CaseLookup, CaseQuery, customer_names_after
from ..store.cases import CaseView
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
    return suggest_many(db, [case], limit)[case.id]


def suggest_many(
    db: Database, cases: Sequence[CaseView], limit: int = MAX_SUGGESTIONS
) -> dict[int, list[Suggestion]]:
    """``suggest`` of each case (by id), the look-ups of all in one query per signal:
    a list of hundreds of cases costs a few round trips to the database, not thousands."""
    if not cases:
        return {}
    keys = {c.id: search_keys(c.reference, c.text, c.possible) for c in cases}
    ids, names = _names_of(db).refresh(db)
    by_name = {
        c.id: {ids[i]: score for i, score in similar_names(c.payer_name, names)} for c in cases
    }
    with db.session() as s:
        lookup = CaseLookup(s.connection())
        mandants = lookup.mandants_of(keys)
        paid_from = lookup.customers_paid_from(c.payer_iban for c in cases)
        paid_before = {c.id: paid_from.get(c.payer_iban, {}) for c in cases}
        wanted = {
            c.id: CaseQuery(
                mandants.get(c.id, frozenset()),
                keys[c.id].numbers | keys[c.id].possible,
                keys[c.id].all_digits,
                c.remaining,
                frozenset(by_name[c.id].keys() | paid_before[c.id].keys()),
            )
            for c in cases
        }
        found_of = lookup.candidates(wanted)
    suggestions = {}
    for case in cases:
        found, customer_of = found_of[case.id]
        for invoice_id, candidate in found.items():
            customer = customer_of.get(invoice_id)
            if customer is not None:
                candidate.name_score = by_name[case.id].get(customer, 0.0)
                candidate.payer_paid = paid_before[case.id].get(customer, 0)
        suggestions[case.id] = rank(
            found.values(), keys[case.id], case.remaining, payer_name=case.payer_name, limit=limit
        )
    return suggestions
