"""Klärungsfälle at work: list and show cases, suggest invoices, assign a payment, close a
case without a booking, reverse a booking. The GUI and the command line call the same.

Rights (PRODUCT: staff do the daily work, administrators undo it): everybody may assign;
closing without a booking is for administrators unless the chain option lets staff do
it; a storno is for administrators only. The command line acts with the rights of the
computer's account, as an administrator, and is audited as ``os:<account>``. Every
change is audited with who did it; every method may block (the GUI calls them via Op).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..domain.booking_policy import check_booking_date
from ..domain.case_suggestions import Suggestion
from ..domain.cases import (
    CASE_CODES,
    CaseCodeNotFound,
    CaseNotAllowed,
    CaseNotFound,
    CaseStatus,
    InvoiceAmbiguous,
    InvoiceNotFound,
    ReasonRequired,
    RunNotFound,
)
from ..domain.formats.text import normalise_invoice_number
from ..domain.interface import SettleUntil
from ..domain.same_payment import BookedBefore
from ..domain.text_rules import REASON_MAX, text_problem
from ..domain.users import User
from ..store.audit import AuditLog, AuditNote, os_actor
from ..store.booking_list import BookingRecord, list_bookings
from ..store.case_operations import (
    REVERSED_BOOKING,
    Assigned,
    Reversed,
    assign_case,
    close_case,
    reverse_booking,
)
from ..store.cases import (
    CaseFilter,
    CaseView,
    count_open,
    get_case,
    invoice_ids_by_number,
    list_cases,
    mandant_ids_by_name,
)
from ..store.catalog import MANDANT, Catalog, EntryNotFoundError
from ..store.db import Database
from ..store.history import run_exists
from ..store.same_payment import payments_booked_before
from ..store.users import UserRepository
from .booking_listing import DEFAULT_LIMIT, BookingListing
from .case_suggest import suggest, suggest_many
from .change_audit import Actor, ChangeAudit
from .changes import Change, ChangeHub

#: The reason codes a case may have: a row's that opened it, or a storno's.
LISTED_CODES = CASE_CODES | {REVERSED_BOOKING}

CASE_ASSIGNED = "case_assigned"
CASE_CLOSED = "case_closed"
BOOKING_REVERSED = "booking_reversed"


@dataclass(frozen=True)
class CaseActor:
    """Who works on cases, and with which rights."""

    name: str
    user_id: int | None = None
    is_admin: bool = False

    @classmethod
    def of_user(cls, user: User | None) -> CaseActor:
        """A logged-in user (deactivated since the login: a Mitarbeiter's rights); without
        a login (tests, the smoke run) the computer's account with a Mitarbeiter's rights."""
        if user is None:
            return cls(os_actor())
        return cls(user.name, user.id, user.is_admin and user.enabled)

    @classmethod
    def command_line(cls) -> CaseActor:
        return cls(os_actor(), None, True)


@dataclass(frozen=True)
class AllocationRequest:
    """One invoice to book on: by id (a suggestion) or by number (typed), optionally of
    one Mandant; ``amount`` None: as much as may be booked."""

    invoice_id: int | None = None
    number: str = ""
    mandant: str | None = None
    amount: Decimal | None = None


@dataclass(frozen=True)
class FilterChoices:
    interfaces: list[tuple[int, str]]
    mandants: list[str]
    overdue_days: int


@dataclass
class CaseDesk:
    db: Database
    actor: CaseActor
    today: Callable[[], date] = date.today
    changes: ChangeHub | None = None  # told after each change

    def _announce(self) -> None:
        if self.changes is not None:
            self.changes.publish(Change.LEDGER, Change.CASES)

    def __post_init__(self) -> None:
        self._audit = ChangeAudit(AuditLog(self.db), Actor(self.actor.name, self.actor.user_id))

    # --- reading ------------------------------------------------------------------------

    def cases(self, flt: CaseFilter | None = None) -> list[CaseView]:
        return list_cases(self.db, flt or CaseFilter())

    def case(self, case_id: int) -> CaseView:
        found = get_case(self.db, case_id)
        if found is None:
            raise CaseNotFound(case_id)
        return found

    def suggestions(self, case_id: int) -> list[Suggestion]:
        """Invoices the payment may be meant for, best first; none once the case is done
        (settled or closed), as nothing is left to assign."""
        case = self.case(case_id)
        if case.status is not CaseStatus.OPEN:
            return []
        return suggest(self.db, case)

    def suggestions_of(self, cases: Sequence[CaseView]) -> dict[int, list[Suggestion]]:
        """``suggestions`` of each open case of ``cases`` (by id; the done ones are left
        out), looked up together in a fixed number of queries, not a few per case: for
        a list of them."""
        return suggest_many(self.db, [c for c in cases if c.status is CaseStatus.OPEN])

    def check_filter(self, flt: CaseFilter) -> None:
        """Raises for a reason code or run that does not exist: a filter naming one would
        list nothing, as if there were no such cases."""
        if flt.code and flt.code not in LISTED_CODES:
            raise CaseCodeNotFound(flt.code, LISTED_CODES)
        if flt.run_id is not None and not run_exists(self.db, flt.run_id):
            raise RunNotFound(flt.run_id)

    def open_count(self) -> int:
        return count_open(self.db)

    def filter_choices(self) -> FilterChoices:
        """What the list may be filtered by: interfaces, Mandanten; and the chain's age
        from which a case counts as overdue."""
        from ..store.interfaces import InterfaceRepository

        catalog = Catalog(self.db)
        interfaces = [(i.id, i.settings.name) for i in InterfaceRepository(self.db).list()]
        return FilterChoices(
            sorted(interfaces, key=lambda pair: pair[1].casefold()),
            catalog.mandant_names(),
            catalog.chain_options().cases.overdue_days,
        )

    def bookings(
        self,
        *,
        invoice: str | None = None,
        mandant: str | None = None,
        invoice_id: int | None = None,
        case_id: int | None = None,
    ) -> list[BookingRecord]:
        ids = self._booking_scope(invoice, mandant, invoice_id)
        return list_bookings(self.db, invoice_ids=ids, case_id=case_id)

    def booking_listing(
        self,
        *,
        invoice: str | None = None,
        mandant: str | None = None,
        case_id: int | None = None,
        limit: int | None = DEFAULT_LIMIT,
    ) -> BookingListing:
        """The bookings streamed, at most ``limit`` (None: all), saying when it cut them.
        An unknown case or Mandant raises: listing nothing would say it has no bookings."""
        if case_id is not None:
            self.case(case_id)
        # The catalogue's reading of a name, with the invoice too: " 1 " is Mandant 1.
        mandant = mandant.strip() if mandant is not None else None
        ids = self._booking_scope(invoice, mandant, None)
        mandant_id = None
        if mandant is not None and invoice is None:
            mandant_id = mandant_ids_by_name(self.db, [mandant]).get(mandant)
            if mandant_id is None:
                raise EntryNotFoundError(MANDANT, mandant)
        return BookingListing(
            self.db, invoice_ids=ids, case_id=case_id, mandant_id=mandant_id, limit=limit
        )

    def _booking_scope(
        self, invoice: str | None, mandant: str | None, invoice_id: int | None
    ) -> list[int] | None:
        """The invoices whose bookings are meant (None: all); an unknown number raises."""
        if invoice is not None:
            ids = [row[0] for row in self._invoices_named(invoice, mandant)]
            if not ids:
                raise InvoiceNotFound(invoice, named=mandant)
            return ids
        return None if invoice_id is None else [invoice_id]

    # --- rights -------------------------------------------------------------------------

    def may_close(self) -> bool:
        return Catalog(self.db).chain_options().cases.staff_may_close or self._admin_now()

    def may_reverse(self) -> bool:
        return self._admin_now()

    def _admin_now(self) -> bool:
        """The actor's administrator right as the database has it now: demoted or
        deactivated on another computer since the login, a user is one no longer, though
        their window may not have heard yet. The command line's actor is no user."""
        actor = self.actor
        if not actor.is_admin or actor.user_id is None:
            return actor.is_admin
        now = UserRepository(self.db).current(actor.user_id)
        return now is not None and now.enabled and now.is_admin

    # --- changing ------------------------------------------------------------------------

    def booked_before(self, case_id: int, suggestions: Sequence[Suggestion]) -> list[BookedBefore]:
        """Bookings of an open case's payment made another way (a corrected file, another
        case) on its suggested invoices or, by the payer's IBAN, on any of its Mandanten's:
        the person may close the case instead of booking the money twice."""
        invoice_ids = [s.invoice_id for s in suggestions]
        return payments_booked_before(self.db, {case_id: invoice_ids})[case_id]

    def booked_before_of(
        self, suggestions_of: Mapping[int, Sequence[Suggestion]]
    ) -> dict[int, list[BookedBefore]]:
        """``booked_before`` of many open cases (id: its suggestions) in a few queries, not
        one per case: for a list of them."""
        return payments_booked_before(
            self.db,
            {case_id: [s.invoice_id for s in found] for case_id, found in suggestions_of.items()},
        )

    def assign(
        self,
        case_id: int,
        requests: Sequence[AllocationRequest],
        *,
        allow_booked_before: bool | AbstractSet[int] = False,
    ) -> Assigned:
        """Zuordnen: book the payment (or part of it) on the chosen invoices; an invoice
        with a booking of the same payment already only with ``allow_booked_before``
        (True, or the ids of the bookings the person confirmed, see ``assign_case``)."""
        case = self.case(case_id)
        wanted = [(self._invoice_id(case, r), r.amount) for r in requests]
        booking_date = self._booking_date(case)

        def audited(done: Assigned) -> AuditNote:
            return self._audit.note(
                CASE_ASSIGNED,
                f"Klärungsfall {case_id}",
                invoices=[
                    {"invoice": p.invoice_number, "mandant": p.mandant, "amount": str(p.amount)}
                    for p in done.parts
                ],
                booking_date=booking_date.isoformat(),
                status=done.status.value,
                **_confirmed(done.booked_before),
            )

        done = assign_case(
            self.db,
            case_id,
            wanted,
            booking_date=booking_date,
            actor=self.actor.name,
            audit=audited,
            allow_booked_before=allow_booked_before,
        )
        self._announce()
        return done

    def close(self, case_id: int, reason: str) -> None:
        """Erledigt ohne Buchung, with the reason why (e.g. "an Kunden zurücküberwiesen")."""
        if not self.may_close():
            raise CaseNotAllowed(
                "Einen Klärungsfall ohne Buchung erledigen dürfen nur Administratoren "
                "(oder Mitarbeiter, wenn die Filialkettenoptionen es erlauben).",
                "only administrators may close a case without a booking",
            )
        reason = _reason(reason, "für das Erledigen ohne Buchung", "for closing")
        note = self._audit.note(CASE_CLOSED, f"Klärungsfall {case_id}", reason=reason)
        close_case(self.db, case_id, reason=reason, actor=self.actor.name, audit=note)
        self._announce()

    def reverse(self, booking_id: int, reason: str) -> Reversed:
        """Storno: a counter-booking; the invoice is open again, so is the payment's case."""
        if not self.may_reverse():
            raise CaseNotAllowed(
                "Buchungen stornieren dürfen nur Administratoren.",
                "only administrators may reverse a booking",
            )
        reason = _reason(reason, "für die Stornierung", "for the reversal")

        def audited(done: Reversed) -> AuditNote:
            return self._audit.note(
                BOOKING_REVERSED,
                f"Buchung {booking_id}",
                invoice=done.invoice_number,
                mandant=done.mandant,
                amount=str(done.amount),
                case=done.case_id,
                reason=reason,
            )

        done = reverse_booking(
            self.db,
            booking_id,
            reason=reason,
            actor=self.actor.name,
            booking_date=self.today(),
            audit=audited,
        )
        self._announce()
        return done

    # --- helpers ------------------------------------------------------------------------

    def _booking_date(self, case: CaseView) -> date:
        """Dated by the rule the import used ("Rechnungen bezahlt setzen bis zum"), checked
        against the chain options as they are now."""
        today = self.today()
        try:
            day = SettleUntil(case.settle_until).booking_date(today)
        except ValueError:
            day = today
        check_booking_date(day, today, Catalog(self.db).chain_options())
        return day

    def _invoice_id(self, case: CaseView, request: AllocationRequest) -> int:
        if request.invoice_id is not None:
            return request.invoice_id
        # The name as the catalogue reads it, as every --mandant: " 1 " is Mandant "1".
        named = (request.mandant or "").strip() or None
        mandants = [named] if named else list(case.mandants)
        found = self._invoices_named(request.number, named, mandants)
        if not found:
            raise InvoiceNotFound(request.number, mandants, named=named)
        if len(found) > 1:
            raise InvoiceAmbiguous(request.number, [row[2] for row in found])
        return found[0][0]

    def _invoices_named(
        self, number: str, mandant: str | None, scope: Sequence[str] | None = None
    ) -> list[tuple[int, str, str, Decimal]]:
        names = [mandant] if mandant else list(scope or ())
        ids = list(mandant_ids_by_name(self.db, names).values()) if names else None
        if names and not ids:
            raise InvoiceNotFound(number, names, named=mandant or None)
        return invoice_ids_by_number(self.db, normalise_invoice_number(number), ids)


def _confirmed(booked_before: Sequence[BookedBefore]) -> dict:
    """The audit's record that the person booked past bookings of the same payment."""
    if not booked_before:
        return {}
    return {
        "confirmed_booked_before": True,
        "booked_before": [b.to_json() for b in booked_before],
    }


def _reason(text: str, what_de: str, what_en: str) -> str:
    reason = text.strip()
    if not reason:
        raise ReasonRequired(what_de, what_en)
    problem = text_problem(reason, REASON_MAX)
    if problem is not None:
        raise ReasonRequired(what_de, what_en, problem)
    return reason
