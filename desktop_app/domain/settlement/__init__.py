"""The settlement planner: which invoices a parsed file pays, and why not the rest.

Pure: it is given the parsed file, the open invoices and the interface's choices, and
returns a ``SettlementPlan``. It never books; the job that runs the import writes the
plan's bookings (dated by "Rechnungen bezahlt setzen bis zum", flagged "nicht
exportieren") and stores each booking's ``source_key`` so no row ever books twice.

``plan`` holds what a plan says, ``columns`` how its rows are kept, ``planner`` with
``payments`` and ``open_items`` how it is made, ``reasons`` the texts it gives.
"""

from ..invoice_index import OpenInvoice
from .columns import PlanBookings, PlanMatches, PlanRows
from .plan import (
    DEFAULT_MAX_SHARE,
    ZERO,
    Booking,
    EarlierBooking,
    GuardConfig,
    GuardResult,
    Match,
    PlanTotals,
    RowResult,
    RowStatus,
    SettlementPlan,
)
from .planner import plan_settlement
from .planner_state import LOOKUP_CHUNK, BookingLookup, InvoiceLookup
from .reasons import euro

__all__ = [
    "DEFAULT_MAX_SHARE",
    "LOOKUP_CHUNK",
    "ZERO",
    "Booking",
    "BookingLookup",
    "EarlierBooking",
    "GuardConfig",
    "GuardResult",
    "InvoiceLookup",
    "Match",
    "OpenInvoice",
    "PlanBookings",
    "PlanMatches",
    "PlanRows",
    "PlanTotals",
    "RowResult",
    "RowStatus",
    "SettlementPlan",
    "euro",
    "plan_settlement",
]
