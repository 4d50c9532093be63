"""Running the real pipeline against a fault and checking what PRODUCT.md §7 promises.

One :class:`Matrix` per test: a ledger with four open invoices, two payment files that
settle three of them, the failure mail through a real SMTP server (with login, so there
is an SMTP password that must not leak either), and the interface saved with its FTP
password in the real keyring.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import os
import re
import threading
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import func, select

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
from desktop_app.domain.smtp_settings import SmtpSecurity, SmtpSettings
from desktop_app.jobs.failure_mail import FailureMailer
from desktop_app.jobs.interface_edit import InterfaceEditor
from desktop_app.jobs.run_import import ImportRunner, RunResult
from desktop_app.store.history import RunHistory, run_history
from desktop_app.store.interfaces import InterfaceRepository
from desktop_app.store.ledger import Ledger
from desktop_app.store.ledger_models import Booking, ImportFile, Invoice
from desktop_app.store.run_models import RunFileRow, RunRow
from desktop_app.store.secrets import SMTP_KEY
from desktop_app.store.smtp_store import SmtpStore
from desktop_app.transfer.limits import DownloadLimits
from desktop_app.transfer.printable import printable
from tests.integration.servers import FULL_RIGHTS, SmtpServerHandle

from .fault_server import FaultServer

USER = "buchhaltung"
PASSWORD = "Geheim-Passwort-4711!"
SMTP_USER = "import-mailer"
SMTP_PASSWORD = "Smtp-Kennwort-0815?"
USER_RIGHTS = {USER: (PASSWORD, FULL_RIGHTS)}
NAME = "Zahlungen"
TODAY = date(2026, 3, 14)
RUN_TIMEOUT = 1.5  # seconds; the silent server costs two of them
BACKOFF = (0.05,)  # one retry, quickly

HEADER = "Rechnungsnummer;Betrag;Zahldatum;Mandant\r\n"
FILE_A = (
    "Zahlungen_A.csv",
    (HEADER + "RE-2026-0001;;20260313;1\r\nRE-2026-0002;59,90;20260313;1\r\n").encode("cp1252"),
)
FILE_B = ("Zahlungen_B.csv", (HEADER + "RE-2026-0003;200,00;20260313;1\r\n").encode("cp1252"))
FILE_C = ("Zahlungen_C.csv", (HEADER + "RE-2026-0004;;20260313;1\r\n").encode("cp1252"))
# After A and B: each of these booked exactly once, RE-2026-0004 untouched.
SETTLED = {
    "RE-2026-0001": [Decimal("119.00")],
    "RE-2026-0002": [Decimal("59.90")],
    "RE-2026-0003": [Decimal("200.00")],
}

_FINGERPRINT = re.compile(r"[0-9A-F]{2}(?::[0-9A-F]{2}){31}")


@dataclass
class Run:
    result: RunResult
    history: RunHistory  # as the history view and `desktop-app history` show it
    error_kind: str  # runs.error_kind (RunHistory does not carry it)
    mails: list[EmailMessage]  # failure mails sent by this run
    ledger_after: str = ""  # summaries right after the run, for the table
    server_after: str = ""

    @property
    def status(self) -> str:
        return self.history.status


@dataclass(frozen=True)
class MatrixRow:
    order: int
    case: str
    history: str
    user_saw: str
    mails: int
    ledger: str
    server: str
    repaired: str


class Matrix:
    def __init__(self, db, secrets, smtp: SmtpServerHandle, root: Path, rows: list[MatrixRow]):
        self.db, self.secrets, self.smtp, self.root, self._rows = db, secrets, smtp, root, rows
        self.directory = root / "IMPORT"
        self.directory.mkdir()
        self.ledger = Ledger(db)
        invoices = "Rechnungsnummer;Mandant;Rechnungsdatum;Betrag\n" + "".join(
            f"RE-2026-{i:04d};1;0{i}.02.2026;{amount}\n"
            for i, amount in enumerate(["119,00", "59,90", "238,00", "80,00"], 1)
        )
        self.ledger.import_invoices(read_invoices(invoices.encode(), file_name="ledger.csv"))
        SmtpStore(db).save(
            SmtpSettings(smtp.host, smtp.port, SmtpSecurity.NONE, SMTP_USER, "import@example.org"),
            password_stored=True,
        )
        secrets.set(SMTP_KEY, SMTP_PASSWORD)
        self.originals: dict[str, bytes] = {}  # every payment file ever put on the server
        self.server: FaultServer | None = None

    # -- setting up ---------------------------------------------------------------------

    def interface(
        self,
        server: FaultServer,
        *,
        protocol: Protocol = Protocol.FTP,
        filename_filter: str = "zahlungen",
        fingerprint: str | None = None,
    ) -> None:
        self.server = server
        settings = InterfaceSettings(
            name=NAME,
            import_format=ImportFormat.CLOSED_ITEMS,
            mandants=("1",),
            settle_until=SettleUntil.TODAY,
            filename_filter=filename_filter,
            run_time=time(7, 0),
            interval=Interval(IntervalKind.DAILY),
            ftp=FtpSettings(protocol, server.host, server.port, "IMPORT/", False, USER),
            error_email="filiale@example.org",
        )
        repository = InterfaceRepository(self.db)
        InterfaceEditor(repository, self.secrets).save(settings, password=PASSWORD)
        if fingerprint:
            repository.set_trusted_fingerprint(NAME, fingerprint)

    def put(self, *files: tuple[str, bytes]) -> None:
        for name, data in files:
            (self.directory / name).write_bytes(data)
            self.originals[name] = data

    # -- running ------------------------------------------------------------------------

    def runner(self, **options) -> ImportRunner:
        """The runner of every case; ``options`` (limits, backoff, sleep) for a few of them."""
        defaults = {
            "timeout": RUN_TIMEOUT,
            "settle_seconds": 0,
            "backoff": BACKOFF,
            "today": lambda: TODAY,
        }
        mailer = FailureMailer(self.db, self.secrets, timeout=5)
        return ImportRunner(self.db, self.secrets, mailer=mailer, **{**defaults, **options})

    def run(self, **options) -> Run:
        before = len(self.smtp.inbox.envelopes)
        result = self.runner(**options).run(NAME)
        interface_id = InterfaceRepository(self.db).get(NAME).id
        history = run_history(self.db, interface_id, limit=1)[0]
        assert history.id == result.run_id
        with self.db.session() as s:
            error_kind = s.get(RunRow, result.run_id).error_kind
        mails = [
            email.message_from_bytes(e.content, policy=email.policy.default)
            for e in self.smtp.inbox.envelopes[before:]
        ]
        run = Run(result, history, error_kind, mails)  # type: ignore[arg-type]
        self.check_invariants(run)
        run.ledger_after, run.server_after = self.ledger_summary(), self.server_summary()
        return run

    # -- what must hold after every run ---------------------------------------------------

    def check_invariants(self, run: Run) -> None:
        # One failure mail per failed run, none otherwise; never a password in it.
        assert len(run.mails) == (1 if run.status == "failed" else 0), run.history
        assert run.history.mailed == (run.status == "failed")
        for mail in run.mails:
            text = mail.as_string() + mail.get_content()
            assert PASSWORD not in text and SMTP_PASSWORD not in text
            assert run.history.error.split(" (")[0] in mail.get_content()
        assert PASSWORD not in run.history.error and SMTP_PASSWORD not in run.history.error
        for file in run.history.files:
            assert PASSWORD not in file.error
        # Nothing booked twice: no invoice over-settled, no file row booked twice.
        with self.db.session() as s:
            assert s.scalar(select(func.count()).where(Invoice.open_amount < 0)) == 0
            keys = list(s.scalars(select(Booking.source_key)))
            booked_files = set(
                s.scalars(
                    select(ImportFile.sha256).where(
                        ImportFile.outcome.in_(["booked", "nothing", "duplicate"])
                    )
                )
            )
        assert len(keys) == len(set(keys))
        for invoice, amounts in self.bookings().items():
            assert len(amounts) <= 1, f"{invoice} booked {len(amounts)} times"
        # Nothing lost: a file that left the server was booked (its content committed).
        present = set(self.on_server())
        for name, data in self.originals.items():
            if name not in present:
                assert hashlib.sha256(data).hexdigest() in booked_files, f"{name} lost"

    def file_kinds(self, run: Run) -> dict[str, str]:
        """remote path -> error_kind of each file row of ``run`` ("" when it went well)."""
        with self.db.session() as s:
            rows = s.scalars(select(RunFileRow).where(RunFileRow.run_id == run.result.run_id))
            return {row.remote_path: row.error_kind for row in rows}

    def bookings(self) -> dict[str, list[Decimal]]:
        with self.db.session() as s:
            rows = s.execute(
                select(Invoice.number, Booking.amount)
                .join(Invoice, Invoice.id == Booking.invoice_id)
                .order_by(Booking.id)
            ).all()
        booked: dict[str, list[Decimal]] = {}
        for number, amount in rows:
            booked.setdefault(number, []).append(amount)
        return booked

    def on_server(self) -> list[str]:
        return sorted(p.name for p in self.directory.iterdir())

    def assert_failed(self, run: Run, kind: str, *words: str) -> None:
        """A failed run with a typed error whose German text says ``words``."""
        assert run.status == "failed", run.history
        assert run.error_kind == kind, (run.error_kind, run.history.error)
        assert run.result.error == run.history.error
        for word in words:
            assert word in run.history.error, run.history.error
        assert len(run.mails) == 1
        assert f"„{NAME}“ fehlgeschlagen" in run.mails[0]["Subject"]

    def assert_all_settled_once(self) -> None:
        assert self.bookings() == SETTLED
        assert self.ledger.invoice("1", "RE-2026-0003").open_amount == Decimal("38.00")
        assert self.ledger.invoice("1", "RE-2026-0004").open_amount == Decimal("80.00")

    # -- the table ------------------------------------------------------------------------

    def record(self, order: int, case: str, fault: Run, repaired: Run | None, note: str = ""):
        """Keep one row for the fault matrix table (see conftest.py)."""
        shown = _stable(fault.history.error)
        if not shown:
            reasons = [f"{f.remote_path}: {f.error}" for f in fault.history.files if f.error]
            shown = "; ".join(_stable(r) for r in reasons) or "–"
        history = f"{fault.status} / {fault.error_kind or '–'}"
        after = "–"
        if repaired is not None:
            after = (
                f"{repaired.status}; ledger: {self.ledger_summary()}; "
                f"server: {self.server_summary()}"
            )
        self._rows.append(
            MatrixRow(
                order,
                case,
                history,
                shown + (f" ({note})" if note else ""),
                len(fault.mails),
                fault.ledger_after,
                fault.server_after,
                after,
            )
        )

    def ledger_summary(self) -> str:
        booked = self.bookings()
        if not booked:
            return "nothing booked"
        parts = [f"{n[-4:]} ×{len(a)}" for n, a in sorted(booked.items())]
        count = sum(len(a) for a in booked.values())
        return f"{count} booking{'s' if count != 1 else ''} ({', '.join(parts)})"

    def server_summary(self) -> str:
        names = self.on_server()
        shown = [printable(n.removeprefix("Zahlungen_").removesuffix(".csv")) for n in names]
        return _stable(", ".join(shown)) if shown else "empty"


class DiskPeak:
    """The most bytes ever seen at once in the files below ``directory``, polled in a
    thread every millisecond while the ``with`` block runs (a download in progress)."""

    def __init__(self, directory: Path) -> None:
        self.directory, self.peak, self.polls = directory, 0, 0
        self.most_files = 0  # the most files seen at once (a part file while it downloads)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, name="disk-peak", daemon=True)

    def __enter__(self) -> DiskPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        while not self._stop.wait(0.001):
            size, count = self.size()
            self.peak, self.most_files = max(self.peak, size), max(self.most_files, count)
            self.polls += 1

    def size(self) -> tuple[int, int]:
        """Bytes and files below the directory now."""
        total = count = 0
        for folder, _dirs, files in os.walk(self.directory):
            for name in files:
                try:
                    total += os.stat(os.path.join(folder, name)).st_size
                except OSError:  # removed between listing and stat
                    continue
                count += 1
        return total, count


TINY_LIMITS = DownloadLimits(min_rate=1024, grace=1.0)  # a 99-byte file gets 1.1 s


def _stable(text: str) -> str:
    """The message without what changes from run to run (ports, fingerprints)."""
    text = re.sub(r"Port \d+", "Port <Port>", text)
    text = _FINGERPRINT.sub("<SHA-256>", text)
    return text.replace("|", "\\|").replace("\r", "\\r").replace("\n", "\\n")


def write_table(path: Path, rows: list[MatrixRow]) -> None:
    header = (
        "| # | Case | History (status / error_kind) | What the user saw (German) | Mails "
        "| Ledger after | Server after (IMPORT/) | After repair: run; ledger; server |\n"
        "|---|---|---|---|---|---|---|---|\n"
    )
    body = "".join(
        f"| {r.order} | {r.case} | {r.history} | {r.user_saw} | {r.mails} | {r.ledger} "
        f"| {r.server} | {r.repaired} |\n"
        for r in sorted(rows, key=lambda r: r.order)
    )
    start, end = "<!-- fault-matrix:start -->", "<!-- fault-matrix:end -->"
    table = f"{start}\n{header}{body}{end}"
    text = path.read_text(encoding="utf-8") if path.exists() else f"{start}\n{end}\n"
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    path.write_text(before + table + after, encoding="utf-8")
