"""Branches (Filialen), Mandanten and the chain options."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ..domain.interface import ChainOptions
from .db import Database
from .models import Branch, ChainOptionsRow, Mandant


class DuplicateNameError(Exception):
    def __init__(self, kind_de: str, name: str):
        super().__init__(f"{name!r} exists already")
        self.message_de = f"{kind_de} „{name}“ gibt es bereits."


@dataclass(frozen=True)
class MandantInfo:
    name: str
    datev_berater: int | None = None
    datev_mandant: int | None = None


class Catalog:
    def __init__(self, db: Database):
        self.db = db

    def branch_names(self) -> list[str]:
        with self.db.session() as s:
            return list(s.scalars(select(Branch.name).order_by(Branch.name)))

    def add_branch(self, name: str) -> None:
        name = name.strip()
        if not name:
            raise ValueError("branch name is empty")
        with self.db.session() as s:
            if s.scalar(select(Branch).where(Branch.name == name)):
                raise DuplicateNameError("Die Filiale", name)
            s.add(Branch(name=name))

    def mandants(self) -> list[MandantInfo]:
        with self.db.session() as s:
            return [
                MandantInfo(m.name, m.datev_berater, m.datev_mandant)
                for m in s.scalars(select(Mandant).order_by(Mandant.name))
            ]

    def mandant_names(self) -> list[str]:
        return [m.name for m in self.mandants()]

    def add_mandant(
        self, name: str, datev_berater: int | None = None, datev_mandant: int | None = None
    ) -> None:
        name = name.strip()
        if not name:
            raise ValueError("Mandant name is empty")
        with self.db.session() as s:
            if s.scalar(select(Mandant).where(Mandant.name == name)):
                raise DuplicateNameError("Den Mandanten", name)
            s.add(Mandant(name=name, datev_berater=datev_berater, datev_mandant=datev_mandant))

    def chain_options(self) -> ChainOptions:
        with self.db.session() as s:
            row = s.get(ChainOptionsRow, 1)
            if row is None:
                return ChainOptions()
            return ChainOptions(
                admins_may_reveal_passwords=row.admins_may_reveal_passwords,
                future_booking_months=row.future_booking_months,
            )

    def set_chain_options(self, options: ChainOptions) -> None:
        if options.future_booking_months < 0:
            raise ValueError("future_booking_months must not be negative")
        with self.db.session() as s:
            row = s.get(ChainOptionsRow, 1) or ChainOptionsRow(id=1)
            row.admins_may_reveal_passwords = options.admins_may_reveal_passwords
            row.future_booking_months = options.future_booking_months
            s.add(row)
