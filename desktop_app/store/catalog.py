"""Branches (Filialen), Mandanten and the chain options.

Interfaces and invoices refer to a branch or Mandant by its id, so a rename reaches all of
them at once; a delete is refused while anything still refers to the entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..domain import text_rules
from ..domain.interface import DEFAULT_CASE_SUMMARY_TIME, CaseOptions, ChainOptions, OpenItemGuards
from ..domain.mandants import (
    BERATER_RANGE_TEXTS,
    MANDANT_RANGE_TEXTS,
    MandantInfo,
    berater_in_range,
    mandant_in_range,
)
from ..domain.money_text import counted
from ..domain.said_error import SaidError
from ..domain.validation import guard_problems
from .db import Database
from .ledger_models import Invoice
from .models import Branch, ChainOptionsRow, InterfaceRow, Mandant, interface_mandants

MAX_NAME_LENGTH = text_rules.NAME_MAX  # the name columns' length


@dataclass(frozen=True)
class EntryKind:
    """How messages name a kind of entry: in the log, in German as subject and object, and
    in English as the English window does."""

    en: str
    subject_de: str
    object_de: str
    people_en: str


BRANCH = EntryKind("branch", "Die Filiale", "Die Filiale", "branch")
MANDANT = EntryKind("Mandant", "Der Mandant", "Den Mandanten", "client")


def chain_options_in(s: Session) -> ChainOptions:
    """The chain's options, read on ``s`` (in the caller's transaction)."""
    return options_of(s.get(ChainOptionsRow, 1))


class CatalogError(SaidError):
    """A change to the catalogue that was refused: ``message_de`` and ``message_en`` tell
    the user why; ``str()`` is the short English sentence for the log (given first)."""

    def __init__(self, log_en: str, message_de: str, message_en: str):
        super().__init__(message_de, message_en, log_en)


class DuplicateNameError(CatalogError):
    def __init__(self, kind: EntryKind, name: str):
        super().__init__(
            f"{name!r} exists already",
            f"{kind.object_de} „{name}“ gibt es bereits.",
            f"There is already a {kind.people_en} named “{name}”; please choose another name.",
        )


class InvalidNameError(CatalogError, ValueError):
    """An empty or too long name, or one with a control character: wrong input rather
    than a failure."""

    def __init__(self, name: str):
        if not name:
            super().__init__(
                "the name must not be empty",
                "Bitte einen Namen eingeben.",
                "The name must not be empty; please give one.",
            )
        elif len(name) > MAX_NAME_LENGTH:
            super().__init__(
                f"the name is longer than {MAX_NAME_LENGTH} characters",
                f"Der Name darf höchstens {MAX_NAME_LENGTH} Zeichen lang sein.",
                f"The name may be at most {MAX_NAME_LENGTH} characters long.",
            )
        else:
            de, en = text_rules.text_problem(name, MAX_NAME_LENGTH) or ("", "")
            super().__init__(f"the name: {en}", f"Der Name: {de}", f"The name: {en}")


class EntryNotFoundError(CatalogError, LookupError):
    def __init__(self, kind: EntryKind, name: str):
        super().__init__(
            f"{kind.en} {name!r} does not exist",
            f"{kind.object_de} „{name}“ gibt es nicht.",
            f"There is no {kind.people_en} named “{name}”.",
        )


class EntryInUseError(CatalogError):
    """A delete refused because interfaces or invoices still refer to the entry."""

    def __init__(self, kind: EntryKind, name: str, interfaces: int, invoices: int):
        self.interfaces, self.invoices = interfaces, invoices
        en = _uses(
            "and", "en", (interfaces, "interface", "interfaces"), (invoices, "invoice", "invoices")
        )
        de = _uses(
            "und",
            "de",
            (interfaces, "Schnittstelle", "Schnittstellen"),
            (invoices, "Rechnung", "Rechnungen"),
        )
        super().__init__(
            f"{kind.en} {name!r} is still used by {en} and cannot be deleted",
            f"{kind.subject_de} „{name}“ wird noch von {de} verwendet "
            "und kann nicht gelöscht werden.",
            f"The {kind.people_en} “{name}” is still used by {en} and cannot be deleted.",
        )


def _uses(conjunction: str, lang: str, *counts: tuple[int, str, str]) -> str:
    """ "2 Schnittstellen und 1 Rechnung": the non-zero counts with their nouns."""
    return f" {conjunction} ".join(counted(n, one, many, lang) for n, one, many in counts if n)


class InvalidDatevNumberError(CatalogError, ValueError):
    def __init__(self, berater: bool):
        de, en = BERATER_RANGE_TEXTS if berater else MANDANT_RANGE_TEXTS
        super().__init__(en, de, en[:1].upper() + en[1:] + ".")


def check_datev_numbers(berater: int | None, mandant: int | None) -> None:
    """Refuse a number DATEV cannot have; None means none is set."""
    if not berater_in_range(berater):
        raise InvalidDatevNumberError(berater=True)
    if not mandant_in_range(mandant):
        raise InvalidDatevNumberError(berater=False)


def clean_name(name: str) -> str:
    """The name as it is stored, without surrounding blanks; empty, too long or holding a
    control character is refused."""
    name = name.strip()
    if not name or text_rules.text_problem(name, MAX_NAME_LENGTH) is not None:
        raise InvalidNameError(name)
    return name


def _count(s: Session, column, entry_id: int) -> int:
    return s.scalar(select(func.count()).select_from(column.table).where(column == entry_id)) or 0


class Catalog:
    def __init__(self, db: Database):
        self.db = db

    # --- branches ---------------------------------------------------------------------------

    def branch_names(self) -> list[str]:
        with self.db.session() as s:
            return list(s.scalars(select(Branch.name).order_by(Branch.name)))

    def add_branch(self, name: str) -> None:
        name = clean_name(name)
        with self.db.session() as s:
            self._refuse_taken(s, Branch, BRANCH, name)
            s.add(Branch(name=name))
            self._flush_unique(s, BRANCH, name)

    def rename_branch(self, old: str, new: str) -> bool:
        """Rename; False when the name stays the same (nothing to record)."""
        new = clean_name(new)
        with self.db.session() as s:
            branch = self._find(s, Branch, BRANCH, old)
            if branch.name == new:
                return False
            self._refuse_taken(s, Branch, BRANCH, new, branch.id)
            branch.name = new
            self._flush_unique(s, BRANCH, new)
        return True

    def delete_branch(self, name: str) -> None:
        with self.db.session() as s:
            branch = self._find(s, Branch, BRANCH, name, lock=True)
            interfaces = _count(s, InterfaceRow.branch_id, branch.id)
            invoices = _count(s, Invoice.branch_id, branch.id)
            if interfaces or invoices:
                raise EntryInUseError(BRANCH, branch.name, interfaces, invoices)
            s.delete(branch)

    # --- Mandanten --------------------------------------------------------------------------

    def mandants(self) -> list[MandantInfo]:
        with self.db.session() as s:
            return [_info(m) for m in s.scalars(select(Mandant).order_by(Mandant.name))]

    def mandant_names(self) -> list[str]:
        return [m.name for m in self.mandants()]

    def mandant(self, name: str) -> MandantInfo:
        with self.db.session() as s:
            return _info(self._find(s, Mandant, MANDANT, name))

    def add_mandant(
        self, name: str, datev_berater: int | None = None, datev_mandant: int | None = None
    ) -> None:
        name = clean_name(name)
        check_datev_numbers(datev_berater, datev_mandant)
        with self.db.session() as s:
            self._refuse_taken(s, Mandant, MANDANT, name)
            s.add(Mandant(name=name, datev_berater=datev_berater, datev_mandant=datev_mandant))
            self._flush_unique(s, MANDANT, name)

    def update_mandant(
        self,
        old_name: str,
        new_name: str,
        datev_berater: int | None,
        datev_mandant: int | None,
    ) -> tuple[MandantInfo, MandantInfo]:
        """Set name and DATEV numbers (None clears a number); returns before and after."""
        new_name = clean_name(new_name)
        check_datev_numbers(datev_berater, datev_mandant)
        with self.db.session() as s:
            mandant = self._find(s, Mandant, MANDANT, old_name)
            before = _info(mandant)
            if mandant.name != new_name:
                self._refuse_taken(s, Mandant, MANDANT, new_name, mandant.id)
            mandant.name = new_name
            mandant.datev_berater, mandant.datev_mandant = datev_berater, datev_mandant
            self._flush_unique(s, MANDANT, new_name)
            return before, _info(mandant)

    def delete_mandant(self, name: str) -> None:
        with self.db.session() as s:
            mandant = self._find(s, Mandant, MANDANT, name, lock=True)
            interfaces = _count(s, interface_mandants.c.mandant_id, mandant.id)
            invoices = _count(s, Invoice.mandant_id, mandant.id)
            if interfaces or invoices:
                raise EntryInUseError(MANDANT, mandant.name, interfaces, invoices)
            s.delete(mandant)

    # --- shared -----------------------------------------------------------------------------

    @staticmethod
    def _find(s: Session, model, kind: EntryKind, name: str, *, lock: bool = False):
        query = select(model).where(model.name == name.strip())
        if lock:
            # Before counting who uses the entry, hold it against new references: FOR UPDATE
            # conflicts with the key-share lock that a referencing insert takes (PostgreSQL);
            # the no-op UPDATE starts SQLite's write transaction, which pysqlite otherwise
            # begins only at the DELETE, after the counts.
            query = query.with_for_update()
        entry = s.scalar(query)
        if entry is None:
            raise EntryNotFoundError(kind, name.strip())
        if lock:
            s.execute(
                update(model).where(model.id == entry.id).values(name=model.name),
                execution_options={"synchronize_session": False},
            )
        return entry

    @staticmethod
    def _refuse_taken(
        s: Session, model, kind: EntryKind, name: str, own_id: int | None = None
    ) -> None:
        """``name`` must be free; ``own_id``: the entry being renamed may keep its own."""
        query = select(model.id).where(model.name == name)
        if own_id is not None:
            query = query.where(model.id != own_id)
        if s.scalar(query):
            raise DuplicateNameError(kind, name)

    @staticmethod
    def _flush_unique(s: Session, kind: EntryKind, name: str) -> None:
        # Another computer may have taken the name since the check; the unique index says so.
        try:
            s.flush()
        except IntegrityError:
            raise DuplicateNameError(kind, name) from None

    # --- chain options ----------------------------------------------------------------------

    def chain_options(self) -> ChainOptions:
        with self.db.session() as s:
            return chain_options_in(s)

    def set_chain_options(self, options: ChainOptions) -> None:
        with self.db.session() as s:
            row = s.get(ChainOptionsRow, 1) or ChainOptionsRow(id=1)
            fill_options_row(row, options)
            s.add(row)


def options_of(row: ChainOptionsRow | None) -> ChainOptions:
    """The options a row holds; the defaults while there is none."""
    if row is None:
        return ChainOptions()
    return ChainOptions(
        admins_may_reveal_passwords=row.admins_may_reveal_passwords,
        future_booking_months=row.future_booking_months,
        download_min_kib_per_second=row.download_min_kib_per_second,
        download_grace_seconds=row.download_grace_seconds,
        open_item_guards=OpenItemGuards(
            row.guard_refuse_empty,
            row.guard_refuse_older,
            row.guard_max_share_percent or None,
        ),
        cases=CaseOptions(
            row.staff_may_close_cases,
            row.case_overdue_days,
            row.case_summary_enabled,
            row.case_summary_time or DEFAULT_CASE_SUMMARY_TIME,
            row.case_summary_recipient,
        ),
    )


def fill_options_row(row: ChainOptionsRow, options: ChainOptions) -> None:
    """Write ``options`` into the one row; ``ValueError`` for options no dialog allows."""
    if options.future_booking_months < 0:
        raise ValueError("future_booking_months must not be negative")
    if guard_problems(options.open_item_guards):
        raise ValueError("the share of the Offene-Posten guard must be 1 to 100 percent")
    guards = options.open_item_guards
    row.admins_may_reveal_passwords = options.admins_may_reveal_passwords
    row.future_booking_months = options.future_booking_months
    row.download_min_kib_per_second = options.download_min_kib_per_second
    row.download_grace_seconds = options.download_grace_seconds
    row.guard_refuse_empty = guards.refuse_empty
    row.guard_refuse_older = guards.refuse_older
    row.guard_max_share_percent = guards.max_share_percent or 0  # None: no limit
    cases = options.cases
    row.staff_may_close_cases = cases.staff_may_close
    row.case_overdue_days = cases.overdue_days
    row.case_summary_enabled = cases.summary_enabled
    row.case_summary_time = cases.summary_time
    row.case_summary_recipient = cases.summary_recipient.strip()


def _info(m: Mandant) -> MandantInfo:
    return MandantInfo(m.name, m.datev_berater, m.datev_mandant)
