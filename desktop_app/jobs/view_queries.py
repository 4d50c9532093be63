"""What the windows read: the interface list, one interface with what its form offers,
the last runs, a run history, the invoices.

Every method talks to the database and may take long on a far server: the GUI calls
them only through ``Op`` (ui/ops.py), never on its own thread. None of them writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from ..domain.interface import ChainOptions, OpenItemGuards
from ..store.catalog import Catalog
from ..store.db import Database
from ..store.db_errors import DatabaseBusy, DatabaseUnavailable
from ..store.interfaces import InterfaceNotFound, InterfaceRepository, StoredInterface
from ..store.last_runs import LastRun, last_runs

# The history's and the ledger's reads load when a view first needs them: the main
# window's first screen (the list and the form) does not.
if TYPE_CHECKING:
    from ..store.booking_list import BookingRecord
    from ..store.history import FileHistory, RunHistory
    from ..store.ledger import InvoiceView
    from .run_import import RunFileResult

MAX_INVOICES_SHOWN = 10_000  # rows in the invoice table; the sum and the count cover all


@dataclass(frozen=True)
class InterfaceChoices:
    """What the form offers: the catalogue's branches and Mandanten, and the chain's
    options (its Offene-Posten checks show for an interface without its own)."""

    branches: list[str]
    mandants: list[str]
    options: ChainOptions

    @property
    def guards(self) -> OpenItemGuards:
        return self.options.open_item_guards


@dataclass(frozen=True)
class ShownInterface:
    """One interface for the form (None: a new one), with the choices it offers."""

    stored: StoredInterface | None
    choices: InterfaceChoices


@dataclass(frozen=True)
class InvoiceList:
    invoices: list[InvoiceView]
    count: int  # invoices the filter selects (may be more than shown)
    open_sum: Decimal  # their open amounts, added up by the database


def file_history(f: RunFileResult) -> FileHistory:
    """A just-finished file in the shape the history shows, so both read the same."""
    from ..store.history import FileHistory

    return FileHistory(
        remote_path=f.name,
        state="",
        outcome=f.outcome,
        rows=f.rows,
        booked_count=f.booked,
        booked_amount=f.booked_amount,
        deleted=f.deleted,
        skipped=[n.record() for n in f.not_booked],
        error=f.error or "",
        error_line=f.error_line,
        duration_ms=0,
        error_en=f.error_en if f.error else "",
    )


def is_connection_lost(exc: BaseException) -> bool:
    """Whether ``exc`` says the database cannot be reached (or is held) right now, so
    that asking again later may work: the window then retries instead of giving up."""
    return isinstance(exc, DatabaseUnavailable | DatabaseBusy)


def is_interface_gone(exc: BaseException) -> bool:
    """Whether ``exc`` says the interface asked for no longer exists (deleted elsewhere)."""
    return isinstance(exc, InterfaceNotFound)


def interface_gone_text(name: str, lang: str) -> str:
    """The message for an interface that is not there (any more), in ``lang``."""
    gone = InterfaceNotFound(name)
    return gone.message_en if lang == "en" else gone.message_de


class ViewQueries:
    """The reads of the main window and its views, on one database."""

    def __init__(self, db: Database):
        self._db = db
        self._interfaces = InterfaceRepository(db)
        self._catalog = Catalog(db)

    # --- interfaces -----------------------------------------------------------------------

    def interfaces(self) -> list[StoredInterface]:
        """Every interface, by name."""
        return self._interfaces.list()

    def interface(self, name: str) -> StoredInterface:
        """Raises ``InterfaceNotFound`` (see ``is_interface_gone``)."""
        return self._interfaces.get(name)

    def choices(self) -> InterfaceChoices:
        return InterfaceChoices(
            self._catalog.branch_names(),
            self._catalog.mandant_names(),
            self._catalog.chain_options(),
        )

    def shown_interface(self, name: str | None) -> ShownInterface:
        """``name`` as stored (None: a new interface) and what the form offers for it."""
        stored = self.interface(name) if name is not None else None
        return ShownInterface(stored, self.choices())

    def last_runs(self) -> dict[int, LastRun]:
        """Per interface id, its last run (a run of any computer of the chain)."""
        return last_runs(self._db)

    def last_statuses(self) -> dict[str, str]:
        """Per interface name, the status of its last run (the tray's colours)."""
        names = {stored.id: stored.settings.name for stored in self.interfaces()}
        return {names[i]: run.status for i, run in self.last_runs().items() if i in names}

    def run_history(self, interface_id: int) -> list[RunHistory]:
        """The runs of one interface, newest first, with their files."""
        from ..store.history import run_history

        return run_history(self._db, interface_id)

    # --- the ledger -----------------------------------------------------------------------

    def mandant_names(self) -> list[str]:
        return self._catalog.mandant_names()

    def invoices(
        self,
        mandant: str | None,
        open_only: bool,
        limit: int = MAX_INVOICES_SHOWN,
        search: str = "",
    ) -> InvoiceList:
        """At most ``limit`` invoices of the filter, and the count and the open sum of all."""
        from ..store.ledger import Ledger

        mandants = [mandant] if mandant is not None else []
        ledger = Ledger(self._db)
        invoices = ledger.invoices(
            open_only=open_only, mandants=mandants, limit=limit, search=search
        )
        count, open_sum = ledger.invoice_totals(
            open_only=open_only, mandants=mandants, search=search
        )
        return InvoiceList(invoices, count, open_sum)

    def bookings_of(self, invoice_id: int) -> list[BookingRecord]:
        """An invoice's bookings in the order they were made, each with its storno."""
        from ..store.booking_list import list_bookings

        return list_bookings(self._db, invoice_ids=[invoice_id])
