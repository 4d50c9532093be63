"""The one SMTP server of the installation; its password lives in the keyring."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.smtp_settings import SmtpSecurity, SmtpSettings, smtp_problems
from ..domain.validation import ValidationError
from .db import Database
from .models import Base


class SmtpRow(Base):
    __tablename__ = "smtp_server"

    id: Mapped[int] = mapped_column(primary_key=True)  # always 1
    host: Mapped[str] = mapped_column(String(255))
    port: Mapped[int | None] = mapped_column(Integer)
    security: Mapped[str] = mapped_column(String(16))
    user: Mapped[str] = mapped_column("smtp_user", String(255))
    sender: Mapped[str] = mapped_column(String(320))
    password_stored: Mapped[bool] = mapped_column(Boolean)


@dataclass(frozen=True)
class StoredSmtp:
    settings: SmtpSettings
    password_stored: bool


class SmtpStore:
    def __init__(self, db: Database):
        self.db = db

    def get(self) -> StoredSmtp:
        with self.db.session() as s:
            return stored_smtp(s.get(SmtpRow, 1))

    def save(self, settings: SmtpSettings, *, password_stored: bool | None = None) -> None:
        """Raises ``ValidationError`` for settings that break the rules (nothing saved)."""
        problems = smtp_problems(settings)
        if problems:
            raise ValidationError(problems)
        with self.db.session() as s:
            row = s.get(SmtpRow, 1) or SmtpRow(id=1, password_stored=False)
            fill_smtp_row(row, settings)
            if password_stored is not None:
                row.password_stored = password_stored
            s.add(row)


def stored_smtp(row: SmtpRow | None) -> StoredSmtp:
    """What the row holds; empty settings while there is none."""
    if row is None:
        return StoredSmtp(SmtpSettings(), False)
    return StoredSmtp(
        SmtpSettings(
            host=row.host,
            port=row.port,
            security=SmtpSecurity(row.security),
            user=row.user,
            sender=row.sender,
        ),
        row.password_stored,
    )


def fill_smtp_row(row: SmtpRow, settings: SmtpSettings) -> None:
    row.host = settings.host.strip()
    row.port = settings.port
    row.security = settings.security.value
    row.user = settings.user.strip()
    row.sender = settings.sender.strip()
