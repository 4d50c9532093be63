"""Screenshots of the import preview and the invoices view, for docs/screenshots/.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python -m tests.gui.make_ledger_screenshots

On a temporary SQLite ledger with the twenty invoices of resources/samples/README.md:
``import-preview.png`` is the plan of ``geschlossene_posten.csv``; ``invoices.png`` the
open invoices of Mandant 1 after that file and ``offene_posten.csv`` were booked, with
the bookings of the partly paid RE-2026-0006.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtGui import QIcon
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop_app.domain.interface import SettleUntil
from desktop_app.jobs.file_import import LocalFileImport
from desktop_app.jobs.settle_file import ImportRequest, SettlementEngine
from desktop_app.jobs.view_queries import ViewQueries
from desktop_app.resources import APP_ICON, icon_file
from desktop_app.store.db import Database, sqlite_url
from desktop_app.ui import ops
from desktop_app.ui.import_preview_dialog import ImportPreviewDialog
from desktop_app.ui.invoices_view import InvoicesView
from desktop_app.ui.translations import install_translators

from .ledger_samples import TODAY, fill_ledger, sample

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def wait_idle() -> None:
    while ops.pending_count():
        QTest.qWait(20)
    QTest.qWait(300)  # let the view paint what arrived


def main() -> int:
    app = QApplication(sys.argv)
    app.setWindowIcon(QIcon(str(icon_file(APP_ICON))))
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    install_translators(app, "de")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(sqlite_url(Path(tmp) / "screenshot.sqlite3"))
        fill_ledger(db)

        dialog = ImportPreviewDialog(LocalFileImport(db), "de", today=TODAY)
        dialog.show()
        wait_idle()
        dialog.load_file(sample("geschlossene_posten.csv"))
        wait_idle()
        dialog.set_mandants(["1"])
        dialog.preview()
        wait_idle()
        dialog.grab().save(str(OUT / "import-preview.png"))
        dialog.book()
        wait_idle()
        dialog.close()

        data = sample("offene_posten.csv").read_bytes()
        SettlementEngine(db).run(
            ImportRequest(data, "offene_posten.csv", "open-items", ("1",), SettleUntil.TODAY, TODAY)
        )
        view = InvoicesView(ViewQueries(db), "de")
        view.show()
        wait_idle()
        view.set_mandant("1")
        wait_idle()
        view.select_invoice("RE-2026-0006")
        wait_idle()
        view.grab().save(str(OUT / "invoices.png"))
        view.close()
        db.dispose()
    print(f"saved {OUT / 'import-preview.png'} and {OUT / 'invoices.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
