"""``desktop-app --demo``: everything a newcomer needs to try the program, with no network.

A temporary data directory, a local FTP server (pyftpdlib) on a loopback port holding the
sample payment files of every Importart, a ledger with Mandant 1 and twenty open invoices,
a demo administrator with a generated password, and one configured interface per format.
Nothing outside the temporary directory is touched except the keyring entries of the demo
interfaces, which are removed again when the demo ends.
"""

from __future__ import annotations

import logging
import secrets as pysecrets
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import keyring.backend

from .config import AppPaths
from .domain.interface import (
    FtpSettings,
    ImportFormat,
    InterfaceSettings,
    Interval,
    IntervalKind,
    Protocol,
    SettleUntil,
    Weekday,
)
from .domain.invoice_csv import InvoiceRow
from .domain.users import Group
from .tr_noop import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from .store.secrets import SecretStore

log = logging.getLogger(__name__)

DEMO_USER = "demo"
DEMO_ADMIN = "admin"
MANDANT = "1"
BRANCH = "Filiale Mitte"
SAMPLES_DIR = "samples"

# The invoices resources/samples/README.md assumes: RE-2026-0001 … 0020, February 2026.
INVOICE_AMOUNTS = (
    "119.00", "59.90", "238.00", "1190.00", "47.60", "89.25", "357.00", "24.99", "595.00",
    "178.50", "65.45", "714.00", "29.75", "416.50", "99.00", "1428.00", "83.30", "249.90",
    "142.80", "476.00",
)  # fmt: skip

# (interface name, format, sample file, directory on the demo server)
DEMO_INTERFACES = (
    ("Demo Geschlossene Posten", ImportFormat.CLOSED_ITEMS, "geschlossene_posten.csv", "GP/"),
    ("Demo Offene Posten", ImportFormat.OPEN_ITEMS, "offene_posten.csv", "OP/"),
    ("Demo DATEV Buchungsstapel", ImportFormat.DATEV_EXTF, "datev_buchungsstapel.csv", "DATEV/"),
    ("Demo DATEV OPOS", ImportFormat.DATEV_OPOS, "datev_opos.csv", "OPOS/"),
    ("Demo MT940", ImportFormat.MT940, "kontoauszug.sta", "BANK/MT940/"),
    ("Demo camt.053", ImportFormat.CAMT053, "camt053.xml", "BANK/CAMT/"),
)


# The console's lines, translated like the program (context "Demo"); the password line
# keeps its place and words: tests and people look for "Passwort".
BANNER = (
    QT_TRANSLATE_NOOP("Demo", "Demo of the accounting import"),
    QT_TRANSLATE_NOOP("Demo", "  Login:      user {user}, password {password}"),
    QT_TRANSLATE_NOOP("Demo", "  (The password is shown this once only.)"),
    QT_TRANSLATE_NOOP("Demo", "  FTP server: 127.0.0.1:{port} (on this computer only)"),
    QT_TRANSLATE_NOOP("Demo", "  Data:       {path} (deleted when the program ends)"),
    QT_TRANSLATE_NOOP("Demo", "  Note:       {note}"),
)
NO_KEYRING_NOTE = QT_TRANSLATE_NOOP(
    "Demo", "No keyring available: the demo keeps its FTP password in memory only."
)


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Chosen explicitly by the demo only, when the computer has no usable keyring: the
    demo's throwaway FTP password then lives in this process's memory and nowhere else."""

    priority = 0  # never chosen by keyring itself
    volatile = True  # what it holds is gone at exit: the form says so (SecretStore.storage)

    def __init__(self) -> None:
        super().__init__()
        self._items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self._items.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


def resources_dir() -> Path:
    from .resources import resources_dir as find

    return find()


@dataclass
class DemoEnvironment:
    """Start with ``start()``; ``stop()`` ends the server and removes the directory."""

    root: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="desktop-app-demo-")))
    admin_password: str = field(default_factory=lambda: pysecrets.token_urlsafe(12))
    ftp_password: str = field(default_factory=lambda: pysecrets.token_urlsafe(16))
    keyring_note: str = ""

    def __post_init__(self) -> None:
        self.paths = AppPaths(
            self.root / "data", f"sqlite:///{self.root / 'data' / 'demo.sqlite3'}"
        )
        self.ftp_root = self.root / "ftp"
        self._server: Any = None  # pyftpdlib's FTPServer (untyped), made by start()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.port = 0
        self.secrets: SecretStore | None = None

    # -- the FTP server ---------------------------------------------------------------

    def _start_ftp(self) -> None:
        from pyftpdlib.authorizers import DummyAuthorizer
        from pyftpdlib.handlers import FTPHandler
        from pyftpdlib.servers import FTPServer

        authorizer = DummyAuthorizer()
        authorizer.add_user(DEMO_USER, self.ftp_password, str(self.ftp_root), perm="elradfmw")
        handler = type(
            "DemoFtpHandler",
            (FTPHandler,),
            {"authorizer": authorizer, "banner": "Demo-FTP-Server des Buchhaltungsimports"},
        )
        server = self._server = FTPServer(("127.0.0.1", 0), handler)
        self.port = server.socket.getsockname()[1]

        def serve() -> None:
            while not self._stop.is_set():
                server.ioloop.loop(0.1, blocking=False)
            server.close_all()

        self._thread = threading.Thread(target=serve, name="demo-ftp", daemon=True)
        self._thread.start()

    def put_samples(self) -> None:
        """(Re)place each sample file in its interface's directory on the demo server."""
        samples = resources_dir() / SAMPLES_DIR
        for _, _, sample, directory in DEMO_INTERFACES:
            target = self.ftp_root / directory
            target.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(samples / sample, target / sample)

    # -- data ---------------------------------------------------------------------------

    def _secret_store(self) -> SecretStore:
        from .store.secrets import SecretStore

        store = SecretStore(service="de.filialkette.buchhaltungsimport.demo")
        ok, _ = store.usable()
        if ok:
            try:
                store.set("demo/probe", "probe")
                store.delete("demo/probe")
                return store
            except Exception as exc:  # locked or dismissed: fall through to memory
                log.info("demo: keyring not writable (%s)", type(exc).__name__)
        self.keyring_note = NO_KEYRING_NOTE
        return SecretStore(MemoryKeyring(), service="de.filialkette.buchhaltungsimport.demo")

    def _fill(self, secrets: SecretStore) -> None:
        from datetime import date

        from .jobs.interface_edit import InterfaceEditor
        from .store.catalog import Catalog
        from .store.db import Database
        from .store.interfaces import InterfaceRepository
        from .store.ledger import Ledger
        from .store.users import UserRepository

        db = Database(self.paths.db_url)
        try:
            catalog = Catalog(db)
            catalog.add_branch(BRANCH)
            # The DATEV sample's Berater- and Mandantennummer.
            catalog.add_mandant(MANDANT, datev_berater=29098, datev_mandant=55003)
            Ledger(db).import_invoices(
                InvoiceRow(
                    line=n,
                    number=f"RE-2026-{n:04d}",
                    mandant=MANDANT,
                    branch=BRANCH,
                    invoice_date=date(2026, 2, n),
                    amount=Decimal(amount),
                    open_amount=Decimal(amount),
                )
                for n, amount in enumerate(INVOICE_AMOUNTS, 1)
            )
            UserRepository(db).create(DEMO_ADMIN, self.admin_password, Group.ADMINISTRATORS)
            editor = InterfaceEditor(InterfaceRepository(db), secrets)
            for number, (name, fmt, _, directory) in enumerate(DEMO_INTERFACES):
                editor.save(
                    InterfaceSettings(
                        # No Filiale: this computer has none set, and the demo's
                        # interfaces should run (and show their next run) right here.
                        name=name,
                        import_format=fmt,
                        mandants=(MANDANT,),
                        settle_until=SettleUntil.TODAY,
                        run_time=time(7, 30 + number),
                        interval=Interval(
                            IntervalKind.WEEKLY,
                            weekdays=frozenset({Weekday.MON, Weekday.WED, Weekday.FRI}),
                        )
                        if number % 2
                        else Interval(IntervalKind.DAILY),
                        ftp=FtpSettings(
                            Protocol.FTP, "127.0.0.1", self.port, directory, False, DEMO_USER
                        ),
                    ),
                    password=self.ftp_password,
                )
        finally:
            db.dispose()

    # -- life cycle ---------------------------------------------------------------------

    def start(self) -> DemoEnvironment:
        self.paths.data_dir.mkdir(parents=True, exist_ok=True)
        self.ftp_root.mkdir(parents=True, exist_ok=True)
        self.put_samples()
        self._start_ftp()
        self.secrets = secrets = self._secret_store()
        self._fill(secrets)
        return self

    def stop(self) -> None:
        """Also after a start that was broken off: whatever exists is removed."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
        try:
            if self.secrets is not None:
                self._forget_passwords(self.secrets)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _forget_passwords(self, secrets: SecretStore) -> None:
        from .store.db import Database
        from .store.interfaces import InterfaceRepository
        from .store.secrets import ftp_key

        db = Database(self.paths.db_url)
        try:
            for stored in InterfaceRepository(db).list():
                secrets.delete(ftp_key(stored.uid))
        finally:
            db.dispose()

    def banner(self, lang: str = "de") -> str:
        """What the demo prints once on the console, in the program's language."""
        from .ui.translations import translator_for

        tr = translator_for(lang)
        lines = [
            tr(BANNER[0]),
            tr(BANNER[1]).format(user=DEMO_ADMIN, password=self.admin_password),
            tr(BANNER[2]),
            tr(BANNER[3]).format(port=self.port),
            tr(BANNER[4]).format(path=self.root),
        ]
        if self.keyring_note:
            lines.append(tr(BANNER[5]).format(note=tr(self.keyring_note)))
        return "\n".join(lines)
