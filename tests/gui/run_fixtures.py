"""The world of the run tests in the GUI: a ledger, an FTP server, the keyring, a runner.

Imported by test_run_now.py, test_history_view.py and test_scheduler_gui.py; the FTP
fixtures are the integration tests' own (tests/integration/conftest.py).
"""

from __future__ import annotations

import threading
from datetime import date, time

import pytest
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler, ThrottledDTPHandler
from pyftpdlib.servers import FTPServer
from PySide6.QtCore import QModelIndex, Qt

from desktop_app.domain.interface import (
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    Interval,
    IntervalKind,
    Protocol,
    SettleUntil,
)
from desktop_app.domain.invoice_csv import read_invoices
from desktop_app.jobs.failure_mail import FailureMailer
from desktop_app.jobs.run_import import ImportRunner
from desktop_app.jobs.run_now import ManualRun
from desktop_app.store.ledger import Ledger
from desktop_app.ui.interface_list_model import NAME
from tests.integration.conftest import (
    PASSWORD,
    USER,
    ftp_root,
    serve_ftp,
    silent_server,
)
from tests.integration.servers import FULL_RIGHTS, HOST, FtpServerHandle

# Test modules take the fixtures with "from .run_fixtures import *": imported by name, a
# fixture used as a parameter would read to ruff as a redefinition.
__all__ = [
    "ftp_root",
    "import_dir",
    "ledger",
    "manual_run",
    "payments",
    "serve_ftp",
    "silent_server",
    "throttled_ftp",
]

TODAY = date(2026, 3, 14)
# Two invoices settled (119,00 in full, 59,90 as given), one row for an unknown invoice.
GOOD = (
    "Rechnungsnummer;Betrag;Zahldatum;Mandant\r\n"
    "RE-2026-0001;;20260313;1\r\n"
    "RE-2026-0002;59,90;20260313;1\r\n"
    "RE-2026-0999;10,00;20260313;1\r\n"
).encode("cp1252")
BAD = b"Rechnungsnummer;Betrag\r\nRE-2026-0003;zwei Euro\r\n"


@pytest.fixture
def ledger(db, catalog) -> Ledger:
    rows = "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n" + "".join(
        f"RE-2026-{i:04d};1;0{i}.02.2026;{a}\n"
        for i, a in enumerate(["119,00", "59,90", "238,00"], 1)
    )
    ledger = Ledger(db)
    ledger.import_invoices(read_invoices(rows.encode(), file_name="l.csv"))
    return ledger


def payment_settings(port: int, name: str = "Zahlungen", **changes) -> InterfaceSettings:
    return InterfaceSettings(
        name=name,
        import_format=ImportFormat.CLOSED_ITEMS,
        mandants=("1",),
        settle_until=SettleUntil.TODAY,
        filename_filter="zahlungen",
        run_time=time(7, 0),
        interval=Interval(IntervalKind.DAILY),
        ftp=FtpSettings(Protocol.FTP, HOST, port, "IMPORT/", False, USER),
        **changes,
    )


@pytest.fixture
def import_dir(ftp_root):
    directory = ftp_root / "IMPORT"
    directory.mkdir()
    return directory


@pytest.fixture
def payments(editor, serve_ftp, import_dir, ledger):
    """ "Zahlungen" on a real FTP server, its password in the real keyring."""
    server = serve_ftp()
    return editor.save(payment_settings(server.port), password=PASSWORD)


def make_runner(db, secrets, **options) -> ImportRunner:
    options = {
        "mailer": FailureMailer(db, secrets, timeout=5),
        "timeout": 5,
        "settle_seconds": 0,
        "backoff": (0.1,),
        "today": lambda: TODAY,
        **options,
    }
    return ImportRunner(db, secrets, **options)


@pytest.fixture
def manual_run(db, secret_store) -> ManualRun:
    return ManualRun(make_runner(db, secret_store))


@pytest.fixture
def throttled_ftp(ftp_root):
    """``start(bytes_per_second)``: an FTP server whose downloads crawl."""
    handles: list[FtpServerHandle] = []

    def start(bytes_per_second: int) -> FtpServerHandle:
        authorizer = DummyAuthorizer()
        authorizer.add_user(USER, PASSWORD, str(ftp_root), perm=FULL_RIGHTS)
        dtp = type("CrawlingDtp", (ThrottledDTPHandler,), {"write_limit": bytes_per_second})
        handler = type(
            "CrawlingFtpHandler", (FTPHandler,), {"authorizer": authorizer, "dtp_handler": dtp}
        )
        server = FTPServer((HOST, 0), handler)
        stopped = threading.Event()

        def serve() -> None:
            while not stopped.is_set():
                server.ioloop.loop(0.02, blocking=False)
            server.close_all()

        thread = threading.Thread(target=serve, name="ftp-crawling", daemon=True)
        thread.start()

        def stop() -> None:
            stopped.set()
            thread.join(5)

        handle = FtpServerHandle(HOST, server.socket.getsockname()[1], ftp_root, stop)
        handles.append(handle)
        return handle

    yield start
    for handle in handles:
        handle.stop()


def cell(window, name: str, column: int, role=Qt.ItemDataRole.DisplayRole):
    """What the list shows for ``name`` in ``column``."""
    model = window.view.model()
    for row in range(model.rowCount()):
        if model.index(row, NAME).data() == name:
            return model.index(row, column).data(role)
    raise KeyError(name)


def step_messages(dialog) -> list[str]:
    """The progress steps without their time stamps."""
    return [line.split("  ", 1)[1] for line in dialog.steps()]


def row_texts(model, row: int) -> list[str]:
    return [model.index(row, c, QModelIndex()).data() for c in range(model.columnCount())]
