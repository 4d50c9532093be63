"""The invoice ledger from the command line: load an invoice list, read invoices.

Loading announces ``Change.LEDGER`` (and ``Change.CATALOGUE`` when it created Mandanten or
branches).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.invoice_csv import read_invoices
from ..store.db import Database
from ..store.ledger import InvoiceImportReport, InvoiceView, Ledger
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
