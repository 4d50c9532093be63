"""The run tests' interface "Zahlungen": Geschlossene Posten of Mandant "1" fetched from
IMPORT/ on a real FTP server, its password in the real keyring; and a runner that does
not wait (no settle time, short time-outs) on a fixed day."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

from desktop_app.domain.interface import (
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    Interval,
    IntervalKind,
    Protocol,
    SettleUntil,
)
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.run_import import ImportRunner
from desktop_app.store.interfaces import InterfaceRepository

from .conftest import PASSWORD, USER

NAME = "Zahlungen"
TODAY = date(2026, 3, 14)


def payment_settings(host: str, port: int, **changes: Any) -> InterfaceSettings:
    """Daily at 7:00, files named like "zahlungen", settled up to the run's day."""
    values: dict[str, Any] = {
        "name": NAME,
        "import_format": ImportFormat.CLOSED_ITEMS,
        "mandants": ("1",),
        "settle_until": SettleUntil.TODAY,
        "filename_filter": "zahlungen",
        "run_time": time(7, 0),
        "interval": Interval(IntervalKind.DAILY),
        "ftp": FtpSettings(Protocol.FTP, host, port, "IMPORT/", False, USER),
    }
    return InterfaceSettings(**{**values, **changes})


def save_payment_interface(db, secret_store, serve_ftp, ftp_root: Path, **changes: Any) -> Path:
    """Starts the FTP server, saves the interface with its password; its IMPORT folder."""
    server = serve_ftp()
    directory = ftp_root / "IMPORT"
    directory.mkdir()
    settings = payment_settings(server.host, server.port, **changes)
    InterfaceEditor(InterfaceRepository(db), secret_store).save(settings, password=PASSWORD)
    return directory


def quick_runner(db, secret_store, **options: Any) -> ImportRunner:
    defaults = {"timeout": 5, "settle_seconds": 0, "backoff": (0.1,), "today": lambda: TODAY}
    return ImportRunner(db, secret_store, **{**defaults, **options})
