"""The invoice ledger as the GUI and the command line see it: load a list, read invoices.

Loading announces ``Change.LEDGER`` (and ``Change.CATALOGUE`` when it created Mandanten or
branches).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ..domain.invoice_csv import read_invoices
from ..store.catalog import Catalog
from ..store.db import Database
from ..store.ledger import BookingView, InvoiceImportReport, InvoiceView, Ledger
from .changes import Change, ChangeHub


@dataclass
class InvoiceLedger:
    db: Database
    changes: ChangeHub | None = None

    def load_csv(self, data: bytes, file_name: str) -> InvoiceImportReport:
        """Create or refresh invoices from an invoice list; raises ``FormatError``."""
        rows = list(read_invoices(data, file_name=file_name))
        report = Ledger(self.db).import_invoices(rows)
        if self.changes is not None:
            new_entries = report.new_mandants or report.new_branches
            self.changes.publish(Change.LEDGER, *((Change.CATALOGUE,) if new_entries else ()))
        return report

    def invoices(
        self,
        *,
        open_only: bool = False,
        mandants: Iterable[str] = (),
        limit: int | None = None,
        search: str = "",
    ) -> list[InvoiceView]:
        return Ledger(self.db).invoices(
            open_only=open_only, mandants=mandants, limit=limit, search=search
        )

    def totals(
        self, *, open_only: bool = False, mandants: Iterable[str] = (), search: str = ""
    ) -> tuple[int, Decimal]:
        """How many invoices match, and their open sum."""
        return Ledger(self.db).invoice_totals(open_only=open_only, mandants=mandants, search=search)

    def mandant_names(self) -> list[str]:
        return Catalog(self.db).mandant_names()

    def bookings_of(self, invoice_id: int) -> list[BookingView]:
        return Ledger(self.db).bookings_of(invoice_id)
